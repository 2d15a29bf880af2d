// Inside the desktop window Wails injects one bound Go object,
// window.go.app.Bridge, whose Call(method, session, params) reaches every
// service exactly as the HTTP RPC does (same names, shapes and access rules).
import { ApiError } from '../api-error';
import { splitMethod } from './method';

export interface WailsBridge {
  Call(method: string, session: string, params: unknown): Promise<unknown>;
}

/**
 * Desktop only: saving and opening PDFs through the operating system (a
 * native save dialog, the system PDF viewer). See lib/files.ts.
 */
export interface DesktopFiles {
  /** Shows a save dialog; the saved path, or "" when cancelled. */
  SavePDF(filename: string, base64: string): Promise<string>;
  /** Opens the PDF in the system viewer. */
  OpenPDF(filename: string, base64: string): Promise<void>;
  /** Saves a PDF, .xlsx, .csv, .json export or an .hsb sync bundle (by the name's extension) with a save dialog; "" when cancelled. */
  SaveFile(filename: string, base64: string): Promise<string>;
}

/** What the start-up timing mode asks of the interface (lib/startup.ts). */
export interface StartupPlan {
  timing: boolean;
  user: string;
  password: string;
}

/** Bound only in the start-up timing mode (app.Startup in Go). */
export interface StartupBinding {
  Plan(): Promise<StartupPlan>;
  /** A phase reached at epochMs (milliseconds since 1970). */
  Mark(phase: string, epochMs: number): Promise<void>;
  /** A duration measured in the interface, in milliseconds. */
  Span(name: string, ms: number): Promise<void>;
  Done(): Promise<void>;
}

declare global {
  interface Window {
    go?: { app?: { Bridge?: WailsBridge; Startup?: StartupBinding }; main?: { Files?: DesktopFiles } };
  }
}

export function wailsBridge(): WailsBridge | undefined {
  return typeof window === 'undefined' ? undefined : window.go?.app?.Bridge;
}

export async function callWails(
  bridge: WailsBridge,
  method: string,
  params: object | undefined,
  session: string | null,
): Promise<unknown> {
  const [service, name] = splitMethod(method);
  try {
    return await bridge.Call(`${service}.${name}`, session ?? '', params ?? {});
  } catch (err) {
    throw ApiError.from(err);
  }
}
