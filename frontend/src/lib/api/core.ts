// The transport under every domain file: one typed call, the session
// listeners and the streamed bundles. Desktop window → the Wails Bridge;
// browser console → HTTP RPC. Same method names ("Service.Method") and the
// same shapes on both, typed by the generated Methods map (api.gen.ts).
import { ApiError } from '../api-error';
import type { Method, Methods } from '../api.gen';
import { callHttp, getBundle, postBundle, type BundleProgress } from '../transport/http';
import { captureToken, readToken } from '../transport/token';
import { readSession, writeSession } from '../transport/session';
import { callWails, wailsBridge } from '../transport/wails';

export type { BundleProgress } from '../transport/http';
export type { Method, Methods } from '../api.gen';
export { ApiError };

/**
 * What Go's JSON decoder reads: any field, at any depth, may be left out or
 * null, and Go takes its zero value. The generated request types say what Go
 * declares (a field without omitempty is required there); a call may send less.
 */
export type Sent<T> = T extends readonly (infer U)[]
  ? Sent<U>[]
  : T extends object
    ? { [K in keyof T]?: Sent<T[K]> | null }
    : T;

/** What a method takes: its generated request type, as Go's decoder reads it. */
export type Params<M extends Method> = Methods[M]['params'] extends undefined ? undefined : Sent<Methods[M]['params']>;

/** What a method answers, as Go declares it. */
export type Reply<M extends Method> = Methods[M]['reply'];

/**
 * The arguments after the method's name: none for a method that takes
 * nothing, else its parameters (optional: Go reads a missing body as zero).
 */
export type ParamsArg<M extends Method> = Params<M> extends undefined ? [] : [params?: Params<M>];

// Take the token out of the address bar as soon as the app loads.
captureToken();

// Told when a call fails with "unauthenticated": the session ended (logged
// out elsewhere, expired, the account disabled). The auth store listens and
// brings the login screen back.
type SessionListener = () => void;
const sessionListeners = new Set<SessionListener>();

/** Calls `listener` whenever a call finds the session gone; returns the unsubscribe. */
export function onSessionLost(listener: SessionListener): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

/**
 * Calls a method of the Go registry. The method's name picks its parameters
 * and its reply from the generated Methods map, so a misspelt name or a
 * wrong shape fails svelte-check, not the clerk.
 */
export async function call<M extends Method>(method: M, ...args: ParamsArg<M>): Promise<Reply<M>> {
  const params = args[0] as object | undefined;
  const session = readSession();
  try {
    const bridge = wailsBridge();
    if (bridge) return (await callWails(bridge, method, params, session)) as Reply<M>;
    return (await callHttp(method, params, readToken(), window.location.origin, session)) as Reply<M>;
  } catch (err) {
    throw sessionChecked(err);
  }
}

/** The error, after telling the listeners when it says the session is gone. */
function sessionChecked(err: unknown): ApiError {
  const e = ApiError.from(err);
  if (e.code === 'unauthenticated') {
    writeSession(null);
    for (const listener of [...sessionListeners]) listener();
  }
  return e;
}

/**
 * In a browser, the bundle Sync.ExportBundle would give, streamed from the
 * node's GET /bundle/export; null in the desktop window, which calls
 * Sync.ExportBundle.
 */
export async function downloadBundle(query: { peer?: string; all?: boolean; files?: boolean }): Promise<{ filename: string; blob: Blob; events: number } | null> {
  if (wailsBridge()) return null;
  try {
    return await getBundle(query, readToken(), window.location.origin, readSession());
  } catch (err) {
    throw sessionChecked(err);
  }
}

/**
 * Imports a bundle file as Sync.ImportBundle does: in the desktop window
 * through the bridge (base64), in a browser streamed to the node's
 * POST /bundle/import, which takes files of any size, reporting the upload
 * and the node's verification and import to onprogress.
 */
export async function importBundleFile(file: Blob, asBase64: () => Promise<string>, onprogress?: (p: BundleProgress) => void): Promise<Reply<'Sync.ImportBundle'>> {
  if (wailsBridge()) return call('Sync.ImportBundle', { content: await asBase64() });
  try {
    return (await postBundle(file, readToken(), window.location.origin, readSession(), onprogress)) as Reply<'Sync.ImportBundle'>;
  } catch (err) {
    throw sessionChecked(err);
  }
}
