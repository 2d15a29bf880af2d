// The node prints its console URL Jupyter-style: http://127.0.0.1:PORT/?token=T.
// Keep the token for this tab only (sessionStorage) and drop it from the address
// bar so it is not left in history, bookmarks or screenshots.
export const TOKEN_KEY = 'hoso.token';

export function captureToken(): string | null {
  if (typeof window === 'undefined') return null;
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    remember(fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return readToken();
}

export function readToken(): string | null {
  try {
    return window.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function remember(token: string): void {
  try {
    window.sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Still usable for this page load via the returned value.
  }
}
