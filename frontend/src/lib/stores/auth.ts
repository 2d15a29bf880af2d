// Who is logged in, and which screen the auth gate shows: the first-start
// setup (the node has no office yet), the login, or the shell. The session
// token lives in sessionStorage (transport/session.ts), so a reload keeps
// the user logged in while closing the window logs out.
import { derived, get, writable } from 'svelte/store';
import {
  ApiError,
  login as apiLogin,
  logout as apiLogout,
  me,
  onSessionLost,
  setupOffice as apiSetupOffice,
  setupStatus,
  type Office,
  type Role,
  type SetupRequest,
  type UserInfo,
} from '../api';
import { readSession, writeSession } from '../transport/session';

export type AuthView = 'loading' | 'setup' | 'login' | 'ready' | 'failed';

/** Why the login screen is shown, when it is not simply the start. */
export type LoginReason = 'expired' | 'setupDone' | 'loggedOut' | null;

export interface AuthState {
  view: AuthView;
  user: UserInfo | null;
  /** The node's office, from Setup.Status (shown on the login screen). */
  office: Office | null;
  reason: LoginReason;
  /** Set when view is "failed". */
  error: ApiError | null;
}

const initial: AuthState = { view: 'loading', user: null, office: null, reason: null, error: null };

export const auth = writable<AuthState>({ ...initial });

export const authView = derived(auth, (s) => s.view);
export const currentUser = derived(auth, (s) => s.user);
export const isAdmin = derived(auth, (s) => hasRole(s.user, 'admin'));

export function hasRole(user: UserInfo | null | undefined, role: Role): boolean {
  return Boolean(user?.roles?.includes(role));
}

/** Back to the start (tests). */
export function resetAuth(): void {
  auth.set({ ...initial });
}

// A call found the session gone: back to the login screen, unless the gate
// is not past setup/login anyway.
onSessionLost(() => {
  const s = get(auth);
  if (s.view === 'ready' || s.view === 'loading') {
    auth.set({ ...s, view: 'login', user: null, reason: s.view === 'ready' ? 'expired' : null, error: null });
  }
});

/**
 * Asks the node whether it still needs its office (Setup.Status), then who
 * the stored session belongs to (Auth.Me). Never throws: a failure shows the
 * gate's failed screen with a retry.
 */
export async function refreshAuth(): Promise<AuthView> {
  try {
    const status = await setupStatus();
    const office = status?.office?.code ? status.office : null;
    if (status?.needed) {
      auth.set({ ...initial, view: 'setup', office });
      return 'setup';
    }
    if (!readSession()) {
      auth.update((s) => ({ ...initial, view: 'login', office, reason: s.reason }));
      return 'login';
    }
    try {
      const user = await me();
      auth.set({ ...initial, view: 'ready', user, office });
      return 'ready';
    } catch (err) {
      const e = ApiError.from(err);
      if (e.code !== 'unauthenticated') throw e;
      writeSession(null);
      auth.set({ ...initial, view: 'login', office });
      return 'login';
    }
  } catch (err) {
    auth.set({ ...initial, view: 'failed', error: ApiError.from(err) });
    return 'failed';
  }
}

function enter(session: string, user: UserInfo): void {
  writeSession(session);
  auth.update((s) => ({ ...s, view: 'ready', user, reason: null, error: null }));
}

/** Logs in; throws ApiError (bad_login, account_locked, account_disabled, …). */
export async function login(username: string, password: string): Promise<void> {
  const reply = await apiLogin(username, password);
  enter(reply.session, reply.user);
}

/**
 * Creates the office and its administrator, who is then logged in; throws
 * ApiError. setup_done (someone else set the office up meanwhile) moves the
 * gate to the login screen before rethrowing.
 */
export async function setupOffice(req: SetupRequest): Promise<void> {
  try {
    const reply = await apiSetupOffice(req);
    if (req.office.code) {
      auth.update((s) => ({ ...s, office: { code: req.office.code, name: req.office.name } }));
    }
    enter(reply.session, reply.user);
  } catch (err) {
    const e = ApiError.from(err);
    if (e.code === 'setup_done') {
      auth.update((s) => ({ ...s, view: 'login', user: null, reason: 'setupDone' }));
    }
    throw e;
  }
}

/** Ends the session on the node (best effort) and shows the login screen. */
export async function logout(): Promise<void> {
  const session = readSession();
  try {
    if (session) await apiLogout(session);
  } catch {
    // The session is forgotten here either way.
  } finally {
    writeSession(null);
    auth.update((s) => ({ ...s, view: 'login', user: null, reason: 'loggedOut', error: null }));
  }
}
