// The one seam between the UI and Go. Components import only from here.
// Desktop window → Wails bindings; browser console → HTTP RPC. Same method
// names ("Service.Method") and the same shapes on both.
import { ApiError } from './api-error';
import { callHttp } from './transport/http';
import { captureToken, readToken } from './transport/token';
import { callWails, wailsApp } from './transport/wails';

export { ApiError };

export type Language = 'vi' | 'en';

export interface Office {
  code: string;
  name: string;
}

export interface SystemInfo {
  version: string;
  office: Office;
  peerId: string;
  dataDir: string;
  /** Node's configured UI language; "" when unset. */
  language: string;
  /** "offline" | "idle" | "syncing" | "error" (more may come). */
  syncState: string;
}

// Take the token out of the address bar as soon as the app loads.
captureToken();

export async function call<T>(method: string, params?: object): Promise<T> {
  const app = wailsApp();
  if (app) return (await callWails(app, method, params)) as T;
  return (await callHttp(method, params, readToken(), window.location.origin)) as T;
}

export function systemInfo(): Promise<SystemInfo> {
  return call<SystemInfo>('System.Info');
}

export function setLanguage(language: Language): Promise<{ language: Language }> {
  return call<{ language: Language }>('System.SetLanguage', { language });
}
