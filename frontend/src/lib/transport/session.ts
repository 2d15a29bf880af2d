// The logged-in user's session token, kept for this window only
// (sessionStorage): closing the window logs out, and the token is never
// written to disk.
export const SESSION_KEY = 'hoso.session';

export function readSession(): string | null {
  try {
    return window.sessionStorage.getItem(SESSION_KEY);
  } catch {
    return null;
  }
}

export function writeSession(token: string | null): void {
  try {
    if (token) window.sessionStorage.setItem(SESSION_KEY, token);
    else window.sessionStorage.removeItem(SESSION_KEY);
  } catch {
    // Storage unavailable: the session lasts until the page reloads.
  }
}
