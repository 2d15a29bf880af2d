// Test double of the desktop's Go side: installs window.go.app.Bridge, which
// dispatches "Service.Method" to the fake functions given, as the real
// bridge dispatches to Go services, and records the session of each call.
type Fn = (...args: unknown[]) => unknown;
export type FakeServices = Record<string, Record<string, unknown> | undefined>;

export interface FakeCall {
  method: string;
  session: string;
  params: unknown;
}

export function installGo(services: FakeServices): FakeCall[] {
  const calls: FakeCall[] = [];
  const Call = async (method: string, session: string, params: unknown) => {
    calls.push({ method, session, params });
    const [service, name] = method.split('.');
    const fn = services[service]?.[name] as Fn | undefined;
    if (typeof fn !== 'function') {
      throw { code: 'unknown_method', message: `no method ${method}` };
    }
    // The real bridge always passes one JSON argument ({} when none).
    const empty = params === undefined || (typeof params === 'object' && params !== null && Object.keys(params).length === 0);
    return await (empty ? fn() : fn(params));
  };
  window.go = { app: { Bridge: { Call } } };
  return calls;
}
