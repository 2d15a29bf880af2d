// Component test of the whole shell in jsdom, with the Go side faked through
// the Wails bindings (window.go.app), i.e. through the real api.ts seam.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import { locale } from './lib/i18n';
import { clearError } from './lib/stores/errors';
import { currentSection } from './lib/stores/navigation';
import { systemInfo } from './lib/stores/system';

const info = {
  version: '0.1.0-test',
  office: { code: 'X01', name: 'UBND xã Thử' },
  peerId: '12D3KooWPeer',
  dataDir: '/var/lib/hoso',
  language: '',
  syncState: 'idle',
};

let app: ReturnType<typeof mount> | undefined;
let target: HTMLElement;

const byTestId = (id: string) => target.querySelector<HTMLElement>(`[data-testid="${id}"]`);

function render(): void {
  target = document.createElement('div');
  document.body.append(target);
  app = mount(App, { target });
  flushSync();
}

beforeEach(() => {
  localStorage.clear();
  locale.set('vi');
  currentSection.set('reception');
  systemInfo.set(null);
  clearError();
});

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  target?.remove();
  delete window.go;
});

describe('App shell', () => {
  it('shows Vietnamese nav, the status bar and the admin info card', async () => {
    const SetLanguage = vi.fn(async (req: unknown) => req);
    window.go = { app: { System: { Info: async () => info, SetLanguage } } };
    render();

    const labels = ['reception', 'dossiers', 'reports', 'iso', 'sync', 'admin'].map(
      (s) => byTestId(`nav-${s}`)?.querySelector('.label')?.textContent,
    );
    expect(labels).toEqual(['Tiếp nhận', 'Hồ sơ', 'Báo cáo', 'ISO', 'Đồng bộ', 'Quản trị']);

    await vi.waitFor(() => expect(byTestId('status-version')?.textContent).toContain('0.1.0-test'));
    expect(byTestId('status-office')?.textContent).toContain('UBND xã Thử (X01)');
    expect(byTestId('status-sync')?.textContent).toContain('Sẵn sàng');

    byTestId('nav-admin')?.click();
    flushSync();
    expect(byTestId('info-peer-id')?.textContent).toBe('12D3KooWPeer');
    expect(byTestId('info-data-dir')?.textContent).toBe('/var/lib/hoso');
    expect(byTestId('nav-admin')?.getAttribute('aria-current')).toBe('page');

    const select = byTestId('lang-switch') as HTMLSelectElement;
    select.value = 'en';
    select.dispatchEvent(new Event('change', { bubbles: true })); // Svelte delegates change events to the root
    flushSync();
    expect(byTestId('nav-admin')?.querySelector('.label')?.textContent).toBe('Administration');
    expect(localStorage.getItem('hoso.lang')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(SetLanguage).toHaveBeenCalledWith({ language: 'en' });
  });

  it('Alt+3 opens Reports', () => {
    window.go = { app: { System: { Info: async () => info } } };
    render();
    window.dispatchEvent(new KeyboardEvent('keydown', { altKey: true, code: 'Digit3', key: '3' }));
    flushSync();
    expect(byTestId('nav-reports')?.getAttribute('aria-current')).toBe('page');
    expect(target.querySelector('h1')?.textContent).toBe('Báo cáo');
  });

  it('shows a translated error banner, raw message only as details', async () => {
    window.go = {
      app: {
        System: {
          Info: () => Promise.reject({ code: 'data_unavailable', message: 'open db: permission denied' }),
        },
      },
    };
    render();

    await vi.waitFor(() => expect(byTestId('error-banner')).not.toBeNull());
    expect(byTestId('error-text')?.textContent).toBe(
      'Không truy cập được thư mục dữ liệu. Hãy kiểm tra ổ đĩa hoặc quyền truy cập.',
    );
    expect(byTestId('error-text')?.textContent).not.toContain('permission denied');
    expect(byTestId('error-banner')?.querySelector('details')?.textContent).toContain(
      'permission denied',
    );
  });
});
