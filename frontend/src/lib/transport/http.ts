// In a browser (the node's web console) the same methods are reached as
// POST <origin>/rpc/<Service>.<Method> with a bearer token (the console's),
// and the logged-in user's session in X-Hoso-Session.
import { ApiError } from '../api-error';
import { splitMethod } from './method';

export async function callHttp(
  method: string,
  params: object | undefined,
  token: string | null,
  origin: string,
  session: string | null = null,
): Promise<unknown> {
  const [service, name] = splitMethod(method);
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (session) headers['X-Hoso-Session'] = session;

  let response: Response;
  let text: string;
  try {
    response = await fetch(`${origin}/rpc/${service}.${name}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(params ?? {}),
    });
    text = await response.text();
  } catch (err) {
    throw new ApiError('network', err instanceof Error ? err.message : String(err));
  }

  if (response.ok) {
    if (text === '') return undefined;
    try {
      return JSON.parse(text);
    } catch {
      throw new ApiError('internal', `invalid JSON from ${method}`);
    }
  }
  throw errorFromResponse(response.status, text);
}

// Body should be {"error": {code, message, field?}}; a proxy or a crash may
// send something else, so fall back on the status code.
function errorFromResponse(status: number, text: string): ApiError {
  try {
    const body: unknown = JSON.parse(text);
    const err = ApiError.from(body);
    if (err.code !== 'internal' || hasCode(body)) return err;
  } catch {
    // Not JSON.
  }
  return new ApiError(codeForStatus(status), text || `HTTP ${status}`);
}

function hasCode(body: unknown): boolean {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { error?: { code?: unknown } }).error?.code === 'string'
  );
}

function codeForStatus(status: number): string {
  switch (status) {
    case 400:
      return 'invalid_input';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden_origin';
    case 404:
      return 'unknown_method';
    case 503:
      return 'not_ready';
    default:
      return 'internal';
  }
}

/** How far a bundle import has gone: the upload, then the node's phases. */
export interface BundleProgress {
  /** "upload" while the file is sent; then the node's "verify" and "import". */
  phase: 'upload' | 'verify' | 'import' | string;
  /** Bytes of the file sent (upload) or read by the node (verify, import). */
  bytes: number;
  /** The file's size. */
  total: number;
  /** Events checked or committed so far (verify, import). */
  events: number;
}

// A bundle file goes to POST <origin>/bundle/import as the body, not through
// the RPC (whose bodies the node bounds to 4 MB). The reply is one JSON
// object a line: {"progress": …} while the node verifies and imports it,
// then {"result": BundleResult} or {"error": {code, message}}. It is sent
// with XMLHttpRequest, not fetch: fetch reports no upload progress, and a
// 50 MB file takes a while on a desk's network.
export function postBundle(
  file: Blob,
  token: string | null,
  origin: string,
  session: string | null = null,
  onprogress?: (p: BundleProgress) => void,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${origin}/bundle/import`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    if (session) xhr.setRequestHeader('X-Hoso-Session', session);
    const total = file.size;
    // The node's progress lines, as they arrive: each complete line once.
    let seen = 0;
    const readLines = () => {
      const text = xhr.responseText ?? '';
      const end = text.lastIndexOf('\n');
      if (end < seen) return;
      for (const line of text.slice(seen, end).split('\n')) {
        try {
          const p = (JSON.parse(line) as { progress?: { phase?: string; bytes?: number; events?: number } }).progress;
          if (p) onprogress?.({ phase: p.phase ?? '', bytes: Number(p.bytes) || 0, total, events: Number(p.events) || 0 });
        } catch {
          // A line cut short is read whole on the next call.
        }
      }
      seen = end + 1;
    };
    xhr.upload.onprogress = (e) => onprogress?.({ phase: 'upload', bytes: e.loaded, total, events: 0 });
    xhr.onprogress = () => {
      if (xhr.status === 200) readLines();
    };
    xhr.onerror = () => reject(new ApiError('network', 'the bundle could not be sent'));
    xhr.onabort = () => reject(new ApiError('network', 'the bundle upload was cancelled'));
    xhr.onload = () => {
      const text = xhr.responseText ?? '';
      if (xhr.status < 200 || xhr.status >= 300) {
        reject(errorFromResponse(xhr.status, text));
        return;
      }
      const lines = text.split('\n').filter((l) => l.trim() !== '');
      let last: { result?: unknown; error?: unknown };
      try {
        last = JSON.parse(lines[lines.length - 1] ?? '');
      } catch {
        reject(new ApiError('internal', 'invalid reply from /bundle/import'));
        return;
      }
      if (last.error) reject(ApiError.from(last));
      else resolve(last.result);
    };
    xhr.send(file);
  });
}

// A bundle to save comes from GET <origin>/bundle/export as the file itself:
// its name in Content-Disposition, its event count in X-Hoso-Events.
export async function getBundle(
  query: { peer?: string; all?: boolean; files?: boolean },
  token: string | null,
  origin: string,
  session: string | null = null,
): Promise<{ filename: string; blob: Blob; events: number }> {
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (session) headers['X-Hoso-Session'] = session;
  const q = (query.all ? 'all=1' : `peer=${encodeURIComponent(query.peer ?? '')}`) + (query.files ? '&files=1' : '');
  let response: Response;
  try {
    response = await fetch(`${origin}/bundle/export?${q}`, { method: 'GET', headers });
    if (!response.ok) throw errorFromResponse(response.status, await response.text());
    const blob = await response.blob();
    const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? 'hoso.hsb';
    return { filename: name, blob, events: Number(response.headers.get('X-Hoso-Events')) || 0 };
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError('network', err instanceof Error ? err.message : String(err));
  }
}
