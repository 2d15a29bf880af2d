import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installGo } from '../test/fakeGo';

type ApiModule = typeof import('./api');

// api.ts captures the token at import time, so each test loads a fresh copy
// after arranging the URL / sessionStorage / window.go it needs.
async function loadApi(): Promise<ApiModule> {
  vi.resetModules();
  return import('./api');
}

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

const info = {
  version: '0.1.0',
  office: { code: 'X01', name: 'UBND xã Thử' },
  peerId: '12D3KooWTest',
  dataDir: '/tmp/hoso',
  language: 'vi',
  syncState: 'offline',
};

beforeEach(() => {
  sessionStorage.clear();
  history.replaceState(null, '', '/');
  delete window.go;
});

afterEach(() => {
  vi.unstubAllGlobals();
  delete window.go;
});

describe('token', () => {
  it('is taken from ?token=, stored in sessionStorage and stripped from the URL', async () => {
    history.replaceState(null, '', '/?token=s3cret&x=1#/admin');
    await loadApi();
    expect(sessionStorage.getItem('hoso.token')).toBe('s3cret');
    expect(location.search).toBe('?x=1');
    expect(location.hash).toBe('#/admin');
  });

  it('is read back from sessionStorage on a later load', async () => {
    sessionStorage.setItem('hoso.token', 'kept');
    const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => jsonResponse(200, info));
    vi.stubGlobal('fetch', fetchMock);
    const api = await loadApi();
    await api.systemInfo();
    const headers = fetchMock.mock.calls[0][1]?.headers as Record<string, string>;
    expect(headers.Authorization).toBe('Bearer kept');
  });
});

describe('HTTP transport', () => {
  beforeEach(() => history.replaceState(null, '', '/?token=tok'));

  it('POSTs to <origin>/rpc/Service.Method with bearer token and JSON body', async () => {
    const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => jsonResponse(200, info));
    vi.stubGlobal('fetch', fetchMock);
    const api = await loadApi();

    await expect(api.systemInfo()).resolves.toEqual(info);
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe(`${location.origin}/rpc/System.Info`);
    expect(init?.method).toBe('POST');
    expect(init?.headers).toEqual({
      Authorization: 'Bearer tok',
      'Content-Type': 'application/json',
    });
    expect(init?.body).toBe('{}');
  });

  it('sends params as the JSON body', async () => {
    const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) =>
      jsonResponse(200, { language: 'en' }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const api = await loadApi();

    await expect(api.setLanguage('en')).resolves.toEqual({ language: 'en' });
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe(`${location.origin}/rpc/System.SetLanguage`);
    expect(JSON.parse(String(init?.body))).toEqual({ language: 'en' });
  });

  it('maps a non-2xx error envelope to ApiError', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        jsonResponse(400, {
          error: { code: 'invalid_input', message: 'language must be vi or en', field: 'language' },
        }),
      ),
    );
    const api = await loadApi();
    const err = await api.call('System.SetLanguage', { language: 'fr' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(api.ApiError);
    expect(err).toMatchObject({
      code: 'invalid_input',
      message: 'language must be vi or en',
      field: 'language',
    });
  });

  it('falls back on the HTTP status when the body is not an envelope', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('nope', { status: 401 })));
    const api = await loadApi();
    await expect(api.systemInfo()).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('turns a failed fetch into code "network"', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const api = await loadApi();
    await expect(api.systemInfo()).rejects.toMatchObject({
      name: 'ApiError',
      code: 'network',
      message: 'Failed to fetch',
    });
  });

  it('reaches the Vault methods with the documented shapes', async () => {
    const status = { state: 'ready', method: 'keyfile', osKeyStore: false, recoveryKey: '' };
    const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => jsonResponse(200, status));
    vi.stubGlobal('fetch', fetchMock);
    const api = await loadApi();

    await expect(api.vaultStatus()).resolves.toEqual(status);
    await api.vaultUnlock({ recoveryKey: 'AAAA-BBBB' });
    await api.vaultUnlock({ recoveryKey: 'AAAA-BBBB', newPassphrase: 'mật khẩu mới của xã' });
    await api.vaultSetup('mật khẩu của xã');
    await api.vaultAcknowledgeRecovery();
    const calls = fetchMock.mock.calls.map(([url, init]) => [
      url.replace(location.origin, ''),
      JSON.parse(String(init?.body)),
    ]);
    expect(calls).toEqual([
      ['/rpc/Vault.Status', {}],
      ['/rpc/Vault.Unlock', { recoveryKey: 'AAAA-BBBB' }],
      ['/rpc/Vault.Unlock', { recoveryKey: 'AAAA-BBBB', newPassphrase: 'mật khẩu mới của xã' }],
      ['/rpc/Vault.Setup', { passphrase: 'mật khẩu của xã' }],
      ['/rpc/Vault.AcknowledgeRecovery', {}],
    ]);
  });

  it('rejects malformed method names without calling the network', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    const api = await loadApi();
    // @ts-expect-error: not a method of the registry.
    await expect(api.call('../admin')).rejects.toMatchObject({ code: 'unknown_method' });
    expect(fetchMock).not.toHaveBeenCalled();
  });
});

describe('Wails transport', () => {
  it('calls window.go.app.Service.Method without args when no params', async () => {
    const Info = vi.fn(async (..._args: unknown[]) => info);
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    installGo({ System: { Info } });
    const api = await loadApi();

    await expect(api.systemInfo()).resolves.toEqual(info);
    expect(Info).toHaveBeenCalledWith();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('passes params as the single argument', async () => {
    const SetLanguage = vi.fn(async (req: { language: string }) => req);
    installGo({ System: { SetLanguage } });
    const api = await loadApi();

    await expect(api.setLanguage('en')).resolves.toEqual({ language: 'en' });
    expect(SetLanguage).toHaveBeenCalledWith({ language: 'en' });
  });

  it('maps a rejected error object to ApiError', async () => {
    installGo({
      System: {
        Info: () => Promise.reject({ code: 'data_unavailable', message: 'open db: EACCES' }),
      },
    });
    const api = await loadApi();
    const err = await api.systemInfo().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(api.ApiError);
    expect(err).toMatchObject({ code: 'data_unavailable', message: 'open db: EACCES' });
  });

  it('parses a JSON string rejection, and wraps a plain string as internal', async () => {
    const Info = vi
      .fn()
      .mockRejectedValueOnce('{"code":"not_ready","message":"starting"}')
      .mockRejectedValueOnce('something broke');
    installGo({ System: { Info } });
    const api = await loadApi();
    await expect(api.systemInfo()).rejects.toMatchObject({ code: 'not_ready', message: 'starting' });
    await expect(api.systemInfo()).rejects.toMatchObject({
      code: 'internal',
      message: 'something broke',
    });
  });

  it('reports a missing binding as unknown_method', async () => {
    installGo({ System: {} });
    const api = await loadApi();
    // @ts-expect-error: not a method of the registry.
    await expect(api.call('Dossier.List')).rejects.toMatchObject({ code: 'unknown_method' });
  });
});

describe('session', () => {
  it('travels in X-Hoso-Session over HTTP', async () => {
    sessionStorage.setItem('hoso.token', 'console');
    sessionStorage.setItem('hoso.session', 'user-session');
    const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => jsonResponse(200, info));
    vi.stubGlobal('fetch', fetchMock);
    const api = await loadApi();
    await api.systemInfo();
    const headers = fetchMock.mock.calls[0][1]?.headers as Record<string, string>;
    expect(headers['X-Hoso-Session']).toBe('user-session');
    expect(headers.Authorization).toBe('Bearer console');
  });

  it('is the Bridge call’s second argument in the desktop window', async () => {
    sessionStorage.setItem('hoso.session', 'desk-session');
    const calls = installGo({ System: { SetLanguage: async (req: { language: string }) => req } });
    const api = await loadApi();
    await api.setLanguage('en');
    expect(calls).toEqual([{ method: 'System.SetLanguage', session: 'desk-session', params: { language: 'en' } }]);
  });

  it('is sent empty when nobody is logged in', async () => {
    const calls = installGo({ System: { Info: async () => info } });
    const api = await loadApi();
    await api.systemInfo();
    expect(calls[0]).toMatchObject({ method: 'System.Info', session: '', params: {} });
  });
});

describe('error params and details', () => {
  it('keeps params and details from the HTTP envelope', async () => {
    history.replaceState(null, '', '/?token=tok');
    const rows = [{ row: 3, column: 'time_limit_wd', code: 'bad_number', message: 'bad' }];
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        jsonResponse(400, { error: { code: 'import_rejected', message: 'refused', details: { rows } } }),
      ),
    );
    const api = await loadApi();
    const err = (await api.call('Catalog.Import', {}).catch((e: unknown) => e)) as InstanceType<ApiModule['ApiError']>;
    expect(err.code).toBe('import_rejected');
    expect(api.importRows(err)).toEqual(rows);
  });

  it('keeps params from the Bridge rejection; numbers become text', async () => {
    installGo({
      Auth: { Login: () => Promise.reject({ code: 'bad_login', message: 'wrong', params: { remaining: 2 } }) },
    });
    const api = await loadApi();
    const err = await api.login('a', 'b').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'bad_login', params: { remaining: '2' } });
  });

  it('unauthenticated clears the session and tells the listeners', async () => {
    sessionStorage.setItem('hoso.session', 'old');
    installGo({ Offices: { List: () => Promise.reject({ code: 'unauthenticated', message: 'log in first' }) } });
    const api = await loadApi();
    const lost = vi.fn();
    const off = api.onSessionLost(lost);
    await expect(api.listOffices()).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(sessionStorage.getItem('hoso.session')).toBeNull();
    expect(lost).toHaveBeenCalledTimes(1);
    off();
  });

  it('sends the session with each Bridge call', async () => {
    sessionStorage.setItem('hoso.session', 'sess-9');
    const calls = installGo({ Catalog: { List: async () => ({ procedures: [], sectors: [] }) } });
    const api = await loadApi();
    await expect(api.listCatalog(' khai sinh ', '')).resolves.toEqual({ procedures: [], sectors: [] });
    expect(calls[0]).toEqual({ method: 'Catalog.List', session: 'sess-9', params: { query: 'khai sinh' } });
  });
});

describe('bundle import', () => {
  it('streams the file to /bundle/import in a browser, reports the upload and the node progress lines, and returns the last line, the result; an error line is the error', async () => {
    sessionStorage.setItem('hoso.token', 'tok');
    sessionStorage.setItem('hoso.session', 'sess-admin');
    const lines = (...objs: unknown[]) => objs.map((o) => JSON.stringify(o)).join('\n') + '\n';
    // A fake XMLHttpRequest: the upload in two steps, then the reply in
    // two pieces (the first cut mid-line), then the end.
    const sent: FakeXHR[] = [];
    const replies = [
      lines({ progress: { phase: 'verify', bytes: 2, events: 1 } }, { progress: { phase: 'import', bytes: 3, events: 7 } }, { result: { events: 7, added: 3, bytes: 9 } }),
      lines({ error: { code: 'bundle_rejected', message: 'the file was altered' } }),
    ];
    class FakeXHR {
      url = '';
      method = '';
      headers: Record<string, string> = {};
      body: unknown;
      status = 0;
      responseText = '';
      upload: { onprogress: ((e: { loaded: number }) => void) | null } = { onprogress: null };
      onprogress: (() => void) | null = null;
      onload: (() => void) | null = null;
      onerror: (() => void) | null = null;
      onabort: (() => void) | null = null;
      open(method: string, url: string) {
        this.method = method;
        this.url = url;
      }
      setRequestHeader(k: string, v: string) {
        this.headers[k] = v;
      }
      send(body: unknown) {
        this.body = body;
        sent.push(this);
        const reply = replies[sent.length - 1];
        queueMicrotask(() => {
          this.upload.onprogress?.({ loaded: 1 });
          this.upload.onprogress?.({ loaded: 3 });
          this.status = 200;
          const cut = reply.indexOf('\n') + 5;
          this.responseText = reply.slice(0, cut);
          this.onprogress?.();
          this.responseText = reply;
          this.onprogress?.();
          this.onload?.();
        });
      }
    }
    vi.stubGlobal('XMLHttpRequest', FakeXHR);
    const api = await loadApi();
    const file = new Blob([new Uint8Array([1, 2, 3])]);
    const asBase64 = vi.fn(async () => 'AQID');
    const progress: unknown[] = [];
    await expect(api.importBundleFile(file, asBase64, (p) => progress.push(p))).resolves.toEqual({ events: 7, added: 3, bytes: 9 });
    expect(progress).toEqual([
      { phase: 'upload', bytes: 1, total: 3, events: 0 },
      { phase: 'upload', bytes: 3, total: 3, events: 0 },
      { phase: 'verify', bytes: 2, total: 3, events: 1 },
      { phase: 'import', bytes: 3, total: 3, events: 7 },
    ]);
    const x = sent[0];
    expect(x.url).toBe(`${location.origin}/bundle/import`);
    expect(x.method).toBe('POST');
    expect(x.body).toBe(file);
    expect(x.headers.Authorization).toBe('Bearer tok');
    expect(x.headers['X-Hoso-Session']).toBe('sess-admin');
    expect(x.headers['Content-Type']).toBe('application/octet-stream');
    expect(asBase64).not.toHaveBeenCalled();
    await expect(api.importBundleFile(file, asBase64)).rejects.toMatchObject({ code: 'bundle_rejected', message: 'the file was altered' });
  });

  it('goes through the bridge, base64, in the desktop window', async () => {
    const ImportBundle = vi.fn(async () => ({ events: 1, added: 1 }));
    installGo({ Sync: { ImportBundle } });
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    const api = await loadApi();
    await expect(api.importBundleFile(new Blob(['x']), async () => 'eA==')).resolves.toEqual({ events: 1, added: 1 });
    expect(ImportBundle).toHaveBeenCalledWith({ content: 'eA==' });
    expect(fetchMock).not.toHaveBeenCalled();
  });
});

describe('bundle export', () => {
  it('streams the file from /bundle/export in a browser: its name, its events, the bytes; a refusal is the error', async () => {
    sessionStorage.setItem('hoso.token', 'tok');
    sessionStorage.setItem('hoso.session', 'sess-admin');
    const fetchMock = vi
      .fn(async (_url: string, _init?: RequestInit) => new Response())
      .mockResolvedValueOnce(
        new Response(new Uint8Array([1, 2, 3, 4]), {
          status: 200,
          headers: { 'Content-Disposition': 'attachment; filename="hoso-20261207-0310.hsb"', 'X-Hoso-Events': '42' },
        }),
      )
      .mockResolvedValueOnce(jsonResponse(403, { error: { code: 'forbidden', message: 'administrators only' } }));
    vi.stubGlobal('fetch', fetchMock);
    const api = await loadApi();
    const got = await api.downloadBundle({ peer: '12D3KooW peer' });
    expect(got?.filename).toBe('hoso-20261207-0310.hsb');
    expect(got?.events).toBe(42);
    expect(got?.blob.size).toBe(4);
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe(`${location.origin}/bundle/export?peer=12D3KooW%20peer`);
    expect((init?.headers as Record<string, string>)['X-Hoso-Session']).toBe('sess-admin');
    await expect(api.downloadBundle({ all: true })).rejects.toMatchObject({ code: 'forbidden' });
    expect(fetchMock.mock.calls[1][0]).toBe(`${location.origin}/bundle/export?all=1`);
  });

  it('is left to Sync.ExportBundle in the desktop window', async () => {
    installGo({});
    const api = await loadApi();
    await expect(api.downloadBundle({ all: true })).resolves.toBeNull();
  });
});
