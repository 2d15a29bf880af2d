// Runs before every test file. The files share one jsdom window per worker
// (isolate: false in vite.config.ts: building a window per file was 40 % of
// the run), so each file starts as a fresh window would: its own module
// graph (vi.mock of a module another file already imported must still take
// effect), empty storage, empty body.
import { vi } from 'vitest';

vi.resetModules();
if (typeof window !== 'undefined') {
  window.localStorage.clear();
  window.sessionStorage.clear();
  document.body.innerHTML = '';
  document.head.innerHTML = '';
}
