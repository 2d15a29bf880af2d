// Runs before every test file, so that each starts as a fresh window
// would: its own module graph (vi.mock of a module another file already
// imported must still take effect), empty storage, empty body — needed the
// day files share a window again (isolate: false in vite.config.ts).
import { vi } from 'vitest';

vi.resetModules();
if (typeof window !== 'undefined') {
  window.localStorage.clear();
  window.sessionStorage.clear();
  document.body.innerHTML = '';
  document.head.innerHTML = '';
}
