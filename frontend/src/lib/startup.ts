// The desktop's start-up timing mode (issue 19 §4). When the app runs with
// --startup-timing, Go binds window.go.app.Startup: the interface then
// reports when its script ran, when the login screen was painted, logs in
// as the clerk Go names, reports when the intake screen is mounted and
// painted, times the dossier list's first page, and tells Go it is done
// (Go prints one JSON line and quits). In a normal start there is no
// binding and nothing here runs.
import { searchDossiers } from './api';
import { authView, login } from './stores/auth';
import type { StartupBinding } from './transport/wails';


/** Wall-clock milliseconds, to the microsecond where the browser allows. */
const wallNow = () => performance.timeOrigin + performance.now();

let intakeSeen: (() => void) | null = null;
const intake = new Promise<void>((resolve) => (intakeSeen = resolve));

/** Called by the intake screen once mounted (it is interactive then). */
export function intakeMounted(): void {
  intakeSeen?.();
}

/** After the next frame is painted. */
function painted(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** Until the auth gate shows the login (or, with a session, the shell). */
function gatePassed(): Promise<string> {
  return new Promise((resolve) => {
    let stop: (() => void) | undefined;
    stop = authView.subscribe((view) => {
      if (view !== 'login' && view !== 'ready') return;
      queueMicrotask(() => stop?.());
      resolve(view);
    });
  });
}

/** Starts the timing if Go asked for it; call first thing in main.ts. */
export function startTiming(): void {
  const binding = typeof window === 'undefined' ? undefined : window.go?.app?.Startup;
  if (!binding) return;
  const scriptAt = wallNow();
  void run(binding, scriptAt).catch((err) => {
    // The watchdog in Go fails the run; say why here too.
    console.error('startup timing:', err);
  });
}

async function run(b: StartupBinding, scriptAt: number): Promise<void> {
  const plan = await b.Plan();
  if (!plan.timing) return;
  void b.Mark('pageStart', performance.timeOrigin);
  void b.Mark('script', scriptAt);
  const view = await gatePassed();
  void b.Mark('loginMounted', wallNow());
  await painted();
  void b.Mark('loginScreen', wallNow());
  if (view === 'login') {
    const t0 = wallNow();
    await login(plan.user, plan.password);
    void b.Span('login', wallNow() - t0);
  }
  await intake;
  void b.Mark('intakeMounted', wallNow());
  await painted();
  void b.Mark('intake', wallNow());
  // The dossier list's first load, as DossiersSection asks for it: the
  // page, then its total.
  const t1 = wallNow();
  await searchDossiers({ page: 1, pageSize: 20, count: false });
  const t2 = wallNow();
  void b.Span('listFirstPage', t2 - t1);
  void b.Mark('listFirstPage', t2);
  await searchDossiers({ page: 1, pageSize: 20, count: true });
  await b.Span('listCount', wallNow() - t2);
  await b.Done();
}
