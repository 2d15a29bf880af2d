// Test double of the desktop's Go side: installs window.go.app.Bridge, which
// dispatches "Service.Method" to the fake functions given, as the real
// bridge dispatches to Go services, and records the session of each call.
import type { Method, Methods } from '../lib/api.gen';

type Fn = (...args: unknown[]) => unknown;

/**
 * What a fake may answer for a reply of type T: any field may be left out
 * (a test gives what its screen reads), but a field is never null where Go
 * never sends null — a list is [] (app/reply.go), a string "". A union of
 * Go's constants reads as a string, so fixtures need no "as const".
 */
export type Fake<T> = T extends string
  ? string
  : T extends readonly (infer U)[]
    ? readonly Fake<U>[]
    : T extends object
      ? { [K in keyof T]?: Fake<T[K]> }
      : T;

type ServiceOf<M> = M extends `${infer S}.${string}` ? S : never;

/** Fake services by name, each method answering its generated reply type (api.gen.ts). */
export type FakeServices = {
  [S in ServiceOf<Method>]?: {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a fake reads its params as its test needs
    [M in Method as M extends `${S}.${infer N}` ? N : never]?: (params?: any) => Fake<Methods[M]['reply']> | Promise<Fake<Methods[M]['reply']>>;
  };
};

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
    const fn = (services as Record<string, Record<string, unknown> | undefined>)[service]?.[name] as Fn | undefined;
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
