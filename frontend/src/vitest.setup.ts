// Runs before every test file. The files of a worker share one jsdom window
// (isolate: false in vite.config.ts: building a window per file was more
// than half of the run's CPU), so this makes each file start as a fresh
// window would, by closing what the files before it left open:
// - its own module graph (vi.mock of a module another file already
//   imported must still take effect);
// - no timers or window/document listeners of the files before (a
//   component left mounted, a debounce still pending);
// - the address back at the start page: the shell routes by location.hash,
//   and a file that ended on #/admin/reports would open the next one there;
// - empty storage, document, no Go bridge, real timers, no stubbed globals
//   or spies, and the URL statics a test replaced put back.
import { afterAll, vi } from 'vitest';

type Timer = ReturnType<typeof setTimeout>;
type Listener = [target: EventTarget, type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions];

interface Leftovers {
  timers: Set<Timer>;
  listeners: Listener[];
  startURL: string;
  urlStatics: PropertyDescriptorMap;
}

const KEY = Symbol.for('hoso.vitest.leftovers');
const holder = globalThis as typeof globalThis & { [KEY]?: Leftovers };

/** Records the timers and listeners made from here on; installed once per worker. */
function track(): Leftovers {
  const left: Leftovers = {
    timers: new Set(),
    listeners: [],
    startURL: typeof location !== 'undefined' ? location.href : '',
    urlStatics: Object.getOwnPropertyDescriptors(URL),
  };
  const { setTimeout: st, setInterval: si, clearTimeout: ct, clearInterval: ci } = globalThis;
  // Wrapped by assignment, not redefinition, so vi.useFakeTimers can
  // still replace and restore them.
  globalThis.setTimeout = Object.assign(
    (fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
      const timer: Timer = st(
        (...a: unknown[]) => {
          left.timers.delete(timer);
          fn(...a);
        },
        ms,
        ...args,
      );
      left.timers.add(timer);
      return timer;
    },
    st,
  ) as typeof setTimeout;
  globalThis.setInterval = Object.assign((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const timer: Timer = si(fn, ms, ...args);
    left.timers.add(timer);
    return timer;
  }, si) as typeof setInterval;
  globalThis.clearTimeout = ((timer?: Timer) => {
    if (timer !== undefined) left.timers.delete(timer);
    ct(timer);
  }) as typeof clearTimeout;
  globalThis.clearInterval = ((timer?: Timer) => {
    if (timer !== undefined) left.timers.delete(timer);
    ci(timer);
  }) as typeof clearInterval;
  if (typeof window !== 'undefined') {
    for (const target of [window, document] as EventTarget[]) {
      const add = target.addEventListener.bind(target);
      target.addEventListener = (type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) => {
        left.listeners.push([target, type, listener, options]);
        add(type, listener, options);
      };
    }
  }
  return left;
}

const left = (holder[KEY] ??= track());

/** Closes what the file before left open: as if its window were closed. */
function closeLeftovers(): void {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  for (const timer of left.timers) {
    clearTimeout(timer);
    clearInterval(timer);
  }
  left.timers.clear();
  for (const [target, type, listener, options] of left.listeners.splice(0)) target.removeEventListener(type, listener, options);
  for (const name of Object.keys(URL) as (keyof typeof URL)[]) {
    if (!(name in left.urlStatics)) Reflect.deleteProperty(URL, name);
  }
  Object.defineProperties(URL, left.urlStatics);
}

closeLeftovers();
vi.resetModules();
if (typeof window !== 'undefined') {
  // No hashchange or popstate: nothing of this file listens yet.
  history.replaceState(null, '', left.startURL);
  window.localStorage.clear();
  window.sessionStorage.clear();
  Reflect.deleteProperty(window, 'go');
  document.body.innerHTML = '';
  document.head.innerHTML = '';
  document.title = '';
  document.documentElement.removeAttribute('lang');
}
// The last file of a worker leaves nothing running either.
afterAll(closeLeftovers);
