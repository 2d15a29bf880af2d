// Inside the desktop window Wails injects bound Go services as
// window.go.app.<Service>.<Method>(...) returning promises.
import { ApiError } from '../api-error';
import { splitMethod } from './method';

type BoundMethod = (...args: unknown[]) => Promise<unknown>;
export type WailsApp = Record<string, Record<string, BoundMethod> | undefined>;

declare global {
  interface Window {
    go?: { app?: WailsApp };
  }
}

export function wailsApp(): WailsApp | undefined {
  return typeof window === 'undefined' ? undefined : window.go?.app;
}

export async function callWails(app: WailsApp, method: string, params?: object): Promise<unknown> {
  const [service, name] = splitMethod(method);
  const target = app[service];
  if (!target || typeof target[name] !== 'function') {
    throw new ApiError('unknown_method', `no binding for ${method}`);
  }
  try {
    // Pass params only when given: Go methods without arguments reject extras.
    return await (params === undefined ? target[name]() : target[name](params));
  } catch (err) {
    throw ApiError.from(err);
  }
}
