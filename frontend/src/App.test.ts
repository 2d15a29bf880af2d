// Component test of the whole window in jsdom, with the Go side faked through
// the Wails bindings (window.go.app), i.e. through the real api.ts seam:
// first the vault gate (set up / unlock the encrypted data folder), then the shell.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import type { VaultStatus } from './lib/api';
import { locale } from './lib/i18n';
import { resetAuth } from './lib/stores/auth';
import { clearError } from './lib/stores/errors';
import { currentSection } from './lib/stores/navigation';
import { systemInfo } from './lib/stores/system';
import { recoveryRenewed, vault } from './lib/stores/vault';
import { installGo } from './test/fakeGo';

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
const textOf = (id: string) => byTestId(id)?.textContent?.trim() ?? null;

function render(): void {
  target = document.createElement('div');
  document.body.append(target);
  app = mount(App, { target });
  flushSync();
}

/** Types into an input the way a user does (Svelte's bind:value listens to "input"). */
function type(id: string, value: string): void {
  const input = byTestId(id) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  flushSync();
}

function click(id: string): void {
  byTestId(id)?.click();
  flushSync();
}

/** Waits until the element is in the DOM and returns it. */
async function shown(id: string): Promise<HTMLElement> {
  await vi.waitFor(() => expect(byTestId(id)).not.toBeNull());
  return byTestId(id) as HTMLElement;
}

const submitButton = () => byTestId('vault-submit') as HTMLButtonElement;

const PASSPHRASE = 'tiếp dân sáng thứ hai';
const RECOVERY_KEY = '7KQ2-M9XD-ABCD-EFGH-JKMN-PQRS-TVWX-YZ01';
/** Issued by Go when the recovery key has been used. */
const NEW_RECOVERY_KEY = 'W3RP-2K9M-QX7T-HN4D-ZB6C-VJ8F-Y5GS-A1E0';
const NEW_PASSPHRASE = 'trả kết quả chiều thứ sáu';

const status = (over: Partial<VaultStatus> = {}): VaultStatus => ({
  state: 'ready',
  method: 'passphrase',
  osKeyStore: false,
  recoveryKey: '',
  ...over,
});

/** A Go Vault service with the real state machine's outward behaviour. */
function fakeVault(initial: VaultStatus) {
  let current = { ...initial };
  return {
    Status: vi.fn(async (): Promise<VaultStatus> => ({ ...current })),
    Setup: vi.fn(async (req: { passphrase: string }) => {
      if (current.state !== 'setup') throw { code: 'vault_state', message: 'already set up' };
      if ([...req.passphrase].length < 10) {
        throw { code: 'invalid_input', field: 'passphrase', message: 'too short' };
      }
      current = status({ recoveryKey: RECOVERY_KEY });
      return { recoveryKey: RECOVERY_KEY };
    }),
    Unlock: vi.fn(async (req: { passphrase?: string; recoveryKey?: string; newPassphrase?: string }) => {
      if (req.recoveryKey !== undefined) {
        // The recovery key re-seals the data key: in the OS key store if there
        // is one, else with the new passphrase; and a new recovery key is issued.
        if (!current.osKeyStore && [...(req.newPassphrase ?? '').normalize('NFC')].length < 10) {
          throw { code: 'invalid_input', field: 'newPassphrase', message: 'choose a new passphrase' };
        }
        if (req.recoveryKey !== RECOVERY_KEY) {
          throw { code: 'wrong_secret', message: 'wrong passphrase or recovery key' };
        }
        current = status({
          method: current.osKeyStore ? 'os' : 'passphrase',
          osKeyStore: current.osKeyStore,
          recoveryKey: NEW_RECOVERY_KEY,
        });
        return { ...current };
      }
      if (req.passphrase !== PASSPHRASE) {
        throw { code: 'wrong_secret', message: 'wrong passphrase or recovery key' };
      }
      current = status();
      return { ...current };
    }),
    AcknowledgeRecovery: vi.fn(async () => {
      current = { ...current, recoveryKey: '' };
      return { ...current };
    }),
  };
}

const admin = {
  id: 'u01',
  username: 'admin',
  fullName: 'Nguyễn Văn Quản',
  office: 'X01',
  roles: ['admin'],
  disabled: false,
  locked: false,
};

/**
 * Installs window.go.app with the given Vault, a System whose Info works,
 * and an office already set up whose session (stored in beforeEach) is the
 * administrator's.
 */
function fakeGo(Vault: Record<string, unknown>, System: Record<string, unknown> = {}) {
  const Info = vi.fn(async () => info);
  const SetLanguage = vi.fn(async (req: { language: string }) => req);
  installGo({
    Vault,
    System: { Info, SetLanguage, ...System },
    Setup: { Status: async () => ({ needed: false, office: info.office }) },
    Auth: { Me: async () => admin, Logout: async () => ({}) },
  });
  return { Info, SetLanguage };
}

/** The shell is up and System.Info has reached the status bar. */
async function shellReady(): Promise<void> {
  await shown('nav-dossiers');
  await vi.waitFor(() =>
    expect(byTestId('status-bar')?.getAttribute('data-ready')).toBe('true'),
  );
}

function noGate(): void {
  for (const id of ['vault-setup', 'vault-unlock', 'vault-recovery', 'vault-failed', 'vault-gate']) {
    expect(byTestId(id), id).toBeNull();
  }
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  sessionStorage.setItem('hoso.session', 'sess-admin');
  resetAuth();
  locale.set('vi');
  currentSection.set('reception');
  systemInfo.set(null);
  vault.set(null);
  recoveryRenewed.set(false);
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
    const { SetLanguage } = fakeGo(fakeVault(status()));
    render();
    await shown('nav-dossiers');

    // The administrator is offered the sections an administrator uses: no
    // intake (only clerks receive), no queue.
    const labels = [...target.querySelectorAll('nav [data-testid^="nav-"] .label')].map((el) => el.textContent);
    expect(labels).toEqual(['Hồ sơ', 'Báo cáo', 'ISO', 'Kế hoạch', 'Đồng bộ', 'Quản trị']);

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

  it('Alt+2 opens Reports: the shortcuts follow the sections shown', async () => {
    fakeGo(fakeVault(status()));
    render();
    await shown('nav-reports');
    expect(byTestId('nav-reports')?.getAttribute('aria-keyshortcuts')).toBe('Alt+2');
    window.dispatchEvent(new KeyboardEvent('keydown', { altKey: true, code: 'Digit2', key: '2' }));
    flushSync();
    expect(byTestId('nav-reports')?.getAttribute('aria-current')).toBe('page');
    expect(target.querySelector('h1')?.textContent).toBe('Báo cáo');
  });

  it('shows a translated error banner, raw message only as details', async () => {
    fakeGo(fakeVault(status()), {
      Info: () => Promise.reject({ code: 'data_unavailable', message: 'open db: permission denied' }),
    });
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

describe('vault gate', () => {
  it('ready: goes straight to the shell, System.Info only after Vault.Status', async () => {
    const Vault = fakeVault(status({ method: 'keyfile' }));
    const { Info } = fakeGo(Vault);
    render();
    await shellReady();
    noGate();
    expect(Vault.Status).toHaveBeenCalledTimes(1);
    expect(Vault.Status).toHaveBeenCalledWith(); // no argument: Go's Status takes none
    expect(Vault.Status.mock.invocationCallOrder[0]).toBeLessThan(Info.mock.invocationCallOrder[0]);
  });

  it('setup: client-side checks, a Go invalid_input beside the field, then the recovery key', async () => {
    const Vault = fakeVault(status({ state: 'setup', method: '' }));
    Vault.Setup.mockRejectedValueOnce({
      code: 'invalid_input',
      field: 'passphrase',
      message: 'passphrase has 9 characters; it needs at least 10',
    });
    const { Info } = fakeGo(Vault);
    render();

    const screen = await shown('vault-setup');
    expect(screen.querySelector('h1')?.textContent).toBe('Thiết lập bảo vệ dữ liệu');
    expect(byTestId('nav-dossiers')).toBeNull();
    await vi.waitFor(() => expect(document.activeElement).toBe(byTestId('passphrase')));
    expect(byTestId('passphrase')?.getAttribute('type')).toBe('password');
    expect(byTestId('passphrase-confirm')?.getAttribute('type')).toBe('password');

    // Too short (9 characters): shown beside the field, Go not called.
    type('passphrase', 'ngắn quá!');
    type('passphrase-confirm', 'ngắn quá!');
    click('vault-submit');
    expect(textOf('passphrase-error')).toBe('Mật khẩu cần ít nhất 10 ký tự.');
    expect(byTestId('passphrase')?.getAttribute('aria-invalid')).toBe('true');
    expect(Vault.Setup).not.toHaveBeenCalled();

    // Typing clears the error; a mismatch is shown beside the confirmation.
    type('passphrase', PASSPHRASE);
    expect(byTestId('passphrase-error')).toBeNull();
    type('passphrase-confirm', 'tiếp dân sáng thứ ba');
    click('vault-submit');
    expect(textOf('passphrase-confirm-error')).toBe('Hai lần nhập mật khẩu không khớp nhau.');
    expect(Vault.Setup).not.toHaveBeenCalled();

    // Go refuses it anyway: its invalid_input lands beside the passphrase field.
    type('passphrase-confirm', PASSPHRASE);
    click('vault-submit');
    await vi.waitFor(() =>
      expect(textOf('passphrase-error')).toBe('Mật khẩu chưa hợp lệ: cần ít nhất 10 ký tự.'),
    );
    expect(Vault.Setup).toHaveBeenLastCalledWith({ passphrase: PASSPHRASE });

    // Accepted: the recovery key is shown once.
    click('vault-submit');
    await shown('vault-recovery');
    expect(Vault.Setup).toHaveBeenCalledTimes(2);
    expect(textOf('recovery-key')).toBe(RECOVERY_KEY);
    expect(byTestId('recovery-renewed')).toBeNull(); // nothing older to replace
    expect(target.textContent).toContain('Khóa này chỉ hiển thị một lần.');
    expect(target.textContent).toContain('nếu quên mật khẩu');
    expect(Info).not.toHaveBeenCalled();

    const proceed = byTestId('recovery-continue') as HTMLButtonElement;
    expect(proceed.disabled).toBe(true);
    click('recovery-ack');
    expect(proceed.disabled).toBe(false);
    click('recovery-continue');

    await shellReady();
    noGate();
    expect(Vault.AcknowledgeRecovery).toHaveBeenCalledTimes(1);
    expect(Info).toHaveBeenCalled();
  });

  it('setup: a vault_state from Go is shown, translated, on the form', async () => {
    const Vault = fakeVault(status({ state: 'setup', method: '' }));
    Vault.Setup.mockRejectedValueOnce({ code: 'vault_state', message: 'the data folder is already set up' });
    fakeGo(Vault);
    render();
    await shown('vault-setup');
    type('passphrase', PASSPHRASE);
    type('passphrase-confirm', PASSPHRASE);
    click('vault-submit');
    await vi.waitFor(() => expect(textOf('vault-error')).toContain('đã được thiết lập từ trước'));
    expect(byTestId('vault-error')?.querySelector('details')?.textContent).toContain(
      'the data folder is already set up',
    );
  });

  it('copy puts the recovery key on the clipboard', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    try {
      fakeGo(fakeVault(status({ method: 'os', osKeyStore: true, recoveryKey: RECOVERY_KEY })));
      render();
      await shown('vault-recovery');
      // Sealed by the OS key store: no passphrase to forget, the warning says so.
      expect(byTestId('vault-recovery')?.textContent).toContain('tài khoản người dùng');
      expect(byTestId('vault-recovery')?.textContent).not.toContain('quên mật khẩu');
      click('recovery-copy');
      await vi.waitFor(() => expect(textOf('recovery-copy')).toBe('Đã sao chép'));
      expect(writeText).toHaveBeenCalledWith(RECOVERY_KEY);
    } finally {
      Reflect.deleteProperty(navigator, 'clipboard');
    }
  });

  it('unlock: wrong_secret translated beside the field, then the right passphrase opens the shell', async () => {
    const Vault = fakeVault(status({ state: 'locked' }));
    const { Info } = fakeGo(Vault);
    render();

    const screen = await shown('vault-unlock');
    expect(screen.querySelector('h1')?.textContent).toBe('Mở khóa dữ liệu');
    await vi.waitFor(() => expect(document.activeElement).toBe(byTestId('passphrase')));

    // Empty: said so here, Go not asked.
    click('vault-submit');
    expect(textOf('passphrase-error')).toBe('Hãy nhập mật khẩu.');
    expect(Vault.Unlock).not.toHaveBeenCalled();

    type('passphrase', 'không phải mật khẩu');
    click('vault-submit');
    await vi.waitFor(() =>
      expect(textOf('passphrase-error')).toBe('Mật khẩu hoặc khóa khôi phục không đúng.'),
    );
    expect(Vault.Unlock).toHaveBeenCalledWith({ passphrase: 'không phải mật khẩu' });
    expect(document.activeElement).toBe(byTestId('passphrase'));
    expect(Info).not.toHaveBeenCalled();

    type('passphrase', PASSPHRASE);
    click('vault-submit');
    await shellReady();
    noGate();
    expect(Info).toHaveBeenCalled();
  });

  it('unlock: the buttons are busy while Go works', async () => {
    const Vault = fakeVault(status({ state: 'locked' }));
    let finish: (value: VaultStatus) => void = () => {};
    Vault.Unlock.mockImplementationOnce(
      () => new Promise<VaultStatus>((resolve) => (finish = resolve)),
    );
    fakeGo(Vault);
    render();
    await shown('vault-unlock');
    type('passphrase', PASSPHRASE);
    click('vault-submit');

    await vi.waitFor(() => expect(submitButton().disabled).toBe(true));
    expect(submitButton().getAttribute('aria-busy')).toBe('true');
    expect(submitButton().textContent?.trim()).toBe('Đang mở khóa…');
    expect((byTestId('use-recovery') as HTMLButtonElement).disabled).toBe(true);
    click('vault-submit'); // a second press does nothing while busy
    expect(Vault.Unlock).toHaveBeenCalledTimes(1);

    finish(status());
    await shellReady();
  });

  it('unlock with the recovery key and an OS key store: any case and spacing, no new passphrase', async () => {
    const Vault = fakeVault(status({ state: 'locked', osKeyStore: true }));
    const { Info } = fakeGo(Vault);
    render();
    await shown('vault-unlock');

    click('use-recovery');
    const input = await shown('recovery-input');
    expect(byTestId('passphrase')).toBeNull();
    await vi.waitFor(() => expect(document.activeElement).toBe(input));
    // Go re-seals in the key store by itself: nothing else to choose.
    expect(byTestId('new-passphrase')).toBeNull();
    expect(byTestId('new-passphrase-confirm')).toBeNull();
    expect(byTestId('passphrase-show')).toBeNull();
    expect(textOf('vault-unlock')).toContain('một khóa khôi phục mới sẽ được cấp');

    // Not 32 characters: explained beside the field without calling Go.
    type('recovery-input', '7KQ2-M9XD');
    click('vault-submit');
    expect(textOf('recovery-error')).toBe('Khóa khôi phục có 32 ký tự (8 nhóm 4 ký tự).');
    expect(Vault.Unlock).not.toHaveBeenCalled();

    // Right length, wrong key: Go's wrong_secret, translated.
    type('recovery-input', 'AAAA BBBB CCCC DDDD EEEE FFFF GGGG HHHH');
    click('vault-submit');
    await vi.waitFor(() =>
      expect(textOf('recovery-error')).toBe('Mật khẩu hoặc khóa khôi phục không đúng.'),
    );
    expect(Vault.Unlock).toHaveBeenLastCalledWith({
      recoveryKey: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH',
    });

    // Back and forth keeps the mode switch honest.
    click('use-passphrase');
    expect(byTestId('passphrase')).not.toBeNull();
    click('use-recovery');

    type('recovery-input', ' 7kq2 m9xd abcd-efgh jkmn pqrs tvwx yz01 ');
    click('vault-submit');

    // The new recovery key comes first, once, with the old one declared dead.
    await shown('vault-recovery');
    expect(Vault.Unlock).toHaveBeenLastCalledWith({ recoveryKey: RECOVERY_KEY });
    expect(textOf('recovery-key')).toBe(NEW_RECOVERY_KEY);
    expect(textOf('recovery-renewed')).toBe(
      'Khóa khôi phục cũ không còn dùng được nữa. Hãy thay tờ giấy ghi khóa cũ bằng khóa mới này.',
    );
    expect(byTestId('vault-recovery')?.textContent).toContain('tài khoản người dùng');
    expect(Info).not.toHaveBeenCalled();
    click('recovery-ack');
    click('recovery-continue');
    await shellReady();
    noGate();
    expect(Vault.AcknowledgeRecovery).toHaveBeenCalledTimes(1);
  });

  it('unlock with the recovery key and no OS key store: a new passphrase, then the new recovery key', async () => {
    const Vault = fakeVault(status({ state: 'locked' }));
    const { Info } = fakeGo(Vault);
    render();
    await shown('vault-unlock');
    click('use-recovery');
    await shown('recovery-input');

    // The new passphrase fields, as at set-up: hidden input, one show checkbox.
    expect(textOf('vault-unlock')).toContain('rồi đặt mật khẩu mới cho cơ quan');
    const label = (id: string) =>
      target.querySelector(`label[for="${byTestId(id)?.id}"]`)?.textContent?.trim();
    expect(label('new-passphrase')).toBe('Mật khẩu mới của cơ quan');
    expect(label('new-passphrase-confirm')).toBe('Nhập lại mật khẩu mới');
    expect(byTestId('new-passphrase')?.getAttribute('type')).toBe('password');
    expect(byTestId('new-passphrase-confirm')?.getAttribute('type')).toBe('password');
    click('passphrase-show');
    expect(byTestId('new-passphrase')?.getAttribute('type')).toBe('text');
    expect(byTestId('new-passphrase-confirm')?.getAttribute('type')).toBe('text');
    click('passphrase-show');

    // Nothing typed: both the key and the new passphrase are explained, Go not asked.
    click('vault-submit');
    expect(textOf('recovery-error')).toBe('Khóa khôi phục có 32 ký tự (8 nhóm 4 ký tự).');
    expect(textOf('new-passphrase-error')).toBe('Mật khẩu cần ít nhất 10 ký tự.');
    expect(document.activeElement).toBe(byTestId('recovery-input'));

    // Key fine, new passphrase too short (9 characters): beside that field.
    type('recovery-input', RECOVERY_KEY);
    expect(byTestId('recovery-error')).toBeNull();
    type('new-passphrase', 'ngắn quá!');
    type('new-passphrase-confirm', 'ngắn quá!');
    click('vault-submit');
    expect(textOf('new-passphrase-error')).toBe('Mật khẩu cần ít nhất 10 ký tự.');
    expect(byTestId('new-passphrase')?.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(byTestId('new-passphrase'));
    expect(byTestId('recovery-error')).toBeNull();

    // Long enough but the repeat differs: beside the confirmation.
    type('new-passphrase', NEW_PASSPHRASE);
    expect(byTestId('new-passphrase-error')).toBeNull();
    type('new-passphrase-confirm', 'trả kết quả chiều thứ năm');
    click('vault-submit');
    expect(textOf('new-passphrase-confirm-error')).toBe('Hai lần nhập mật khẩu không khớp nhau.');
    expect(document.activeElement).toBe(byTestId('new-passphrase-confirm'));
    expect(Vault.Unlock).not.toHaveBeenCalled();

    // Go refuses the new passphrase anyway: its field error lands beside it.
    Vault.Unlock.mockRejectedValueOnce({
      code: 'invalid_input',
      field: 'newPassphrase',
      message: 'new passphrase has 9 characters; it needs at least 10',
    });
    type('new-passphrase-confirm', NEW_PASSPHRASE);
    click('vault-submit');
    await vi.waitFor(() =>
      expect(textOf('new-passphrase-error')).toBe('Mật khẩu chưa hợp lệ: cần ít nhất 10 ký tự.'),
    );
    expect(byTestId('recovery-error')).toBeNull();
    expect(Vault.Unlock).toHaveBeenLastCalledWith({
      recoveryKey: RECOVERY_KEY,
      newPassphrase: NEW_PASSPHRASE,
    });

    // A wrong recovery key: Go's wrong_secret beside the key, not the passphrase.
    type('recovery-input', 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH');
    click('vault-submit');
    await vi.waitFor(() =>
      expect(textOf('recovery-error')).toBe('Mật khẩu hoặc khóa khôi phục không đúng.'),
    );
    expect(byTestId('new-passphrase-error')).toBeNull();
    expect(document.activeElement).toBe(byTestId('recovery-input'));

    // Right key: Go re-seals with the new passphrase and shows the new recovery key.
    type('recovery-input', RECOVERY_KEY.toLowerCase());
    click('vault-submit');
    await shown('vault-recovery');
    expect(Vault.Unlock).toHaveBeenLastCalledWith({
      recoveryKey: RECOVERY_KEY,
      newPassphrase: NEW_PASSPHRASE,
    });
    expect(textOf('recovery-key')).toBe(NEW_RECOVERY_KEY);
    expect(byTestId('recovery-renewed')).not.toBeNull();
    expect(byTestId('vault-recovery')?.textContent).toContain('nếu quên mật khẩu');
    expect(Info).not.toHaveBeenCalled();

    const proceed = byTestId('recovery-continue') as HTMLButtonElement;
    expect(proceed.disabled).toBe(true);
    click('recovery-ack');
    click('recovery-continue');
    await shellReady();
    noGate();
    expect(Vault.AcknowledgeRecovery).toHaveBeenCalledTimes(1);
  });

  it('unlock with the recovery key: Go asking for a new passphrase brings the fields out', async () => {
    // The status said there is a key store, but Go cannot re-seal there after all.
    const Vault = fakeVault(status({ state: 'locked', osKeyStore: true }));
    Vault.Unlock.mockRejectedValueOnce({
      code: 'invalid_input',
      field: 'newPassphrase',
      message: 'choose a new passphrase',
    });
    fakeGo(Vault);
    render();
    await shown('vault-unlock');
    click('use-recovery');
    await shown('recovery-input');
    expect(byTestId('new-passphrase')).toBeNull();

    type('recovery-input', RECOVERY_KEY);
    click('vault-submit');
    await vi.waitFor(() =>
      expect(textOf('new-passphrase-error')).toBe(
        'Máy tính này cần một mật khẩu mới cho cơ quan: hãy đặt mật khẩu (ít nhất 10 ký tự).',
      ),
    );
    expect(Vault.Unlock).toHaveBeenLastCalledWith({ recoveryKey: RECOVERY_KEY });
    expect(byTestId('recovery-error')).toBeNull();
    expect(document.activeElement).toBe(byTestId('new-passphrase'));

    type('new-passphrase', NEW_PASSPHRASE);
    type('new-passphrase-confirm', NEW_PASSPHRASE);
    click('vault-submit');
    await shown('vault-recovery');
    expect(Vault.Unlock).toHaveBeenLastCalledWith({
      recoveryKey: RECOVERY_KEY,
      newPassphrase: NEW_PASSPHRASE,
    });
  });

  it('failed: the translated error with Retry, which asks Status again', async () => {
    const Vault = fakeVault(status());
    Vault.Status.mockResolvedValueOnce(
      status({
        state: 'failed',
        method: '',
        error: { code: 'data_in_use', message: 'badger: LOCK held by pid 4242' },
      }),
    );
    const { Info } = fakeGo(Vault);
    render();

    await shown('vault-failed');
    expect(textOf('vault-error')).toBe(
      'Thư mục dữ liệu đang được một chương trình khác sử dụng. Hãy đóng chương trình đó rồi thử lại.',
    );
    expect(byTestId('vault-failed')?.querySelector('details')?.textContent).toContain('pid 4242');
    expect(byTestId('use-recovery')).toBeNull(); // only when the key itself is unavailable
    expect(textOf('vault-retry')).toBe('Thử lại');
    expect(Info).not.toHaveBeenCalled();

    click('vault-retry');
    await shellReady();
    expect(Vault.Status).toHaveBeenCalledTimes(2);
  });

  it('failed with key_unavailable: the recovery key still opens the data', async () => {
    const Vault = fakeVault(status({ method: 'os', osKeyStore: true }));
    Vault.Status.mockResolvedValueOnce(
      status({
        state: 'failed',
        method: 'os',
        osKeyStore: true,
        error: { code: 'key_unavailable', message: 'secret service: no such item' },
      }),
    );
    fakeGo(Vault);
    render();

    await shown('vault-failed');
    click('use-recovery');
    await shown('recovery-input');
    click('vault-back');
    await shown('vault-failed');
    click('use-recovery');
    expect(byTestId('new-passphrase')).toBeNull(); // re-sealed in the key store
    type('recovery-input', RECOVERY_KEY.toLowerCase());
    click('vault-submit');
    await shown('vault-recovery');
    expect(Vault.Unlock).toHaveBeenCalledWith({ recoveryKey: RECOVERY_KEY });
    expect(textOf('recovery-key')).toBe(NEW_RECOVERY_KEY);
    expect(byTestId('recovery-renewed')).not.toBeNull();
    click('recovery-ack');
    click('recovery-continue');
    await shellReady();
  });

  it('failed with key_unavailable and no OS key store: the recovery key with a new passphrase', async () => {
    const Vault = fakeVault(status());
    Vault.Status.mockResolvedValueOnce(
      status({
        state: 'failed',
        method: 'keyfile',
        error: { code: 'key_unavailable', message: 'key file: no such file' },
      }),
    );
    fakeGo(Vault);
    render();

    await shown('vault-failed');
    click('use-recovery');
    await shown('recovery-input');
    type('recovery-input', RECOVERY_KEY);
    click('vault-submit');
    expect(textOf('new-passphrase-error')).toBe('Mật khẩu cần ít nhất 10 ký tự.');
    expect(Vault.Unlock).not.toHaveBeenCalled();

    type('new-passphrase', NEW_PASSPHRASE);
    type('new-passphrase-confirm', NEW_PASSPHRASE);
    click('vault-submit');
    await shown('vault-recovery');
    expect(Vault.Unlock).toHaveBeenCalledWith({ recoveryKey: RECOVERY_KEY, newPassphrase: NEW_PASSPHRASE });
    expect(textOf('recovery-key')).toBe(NEW_RECOVERY_KEY);
    expect(byTestId('recovery-renewed')).not.toBeNull();
    click('recovery-ack');
    click('recovery-continue');
    await shellReady();
    noGate();
  });

  it('a Status call that fails outright shows the failed screen', async () => {
    fakeGo({ Status: () => Promise.reject({ code: 'internal', message: 'boom' }) });
    render();
    await shown('vault-failed');
    expect(textOf('vault-error')).toBe(
      'Lỗi hệ thống. Vui lòng thử lại; nếu vẫn lỗi, hãy báo cho quản trị viên.',
    );
  });

  it('the language switch works on the gate, without calling the locked node', async () => {
    const { SetLanguage } = fakeGo(fakeVault(status({ state: 'locked' })));
    render();
    await shown('vault-unlock');

    const select = byTestId('lang-switch') as HTMLSelectElement;
    select.value = 'en';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    expect(byTestId('vault-unlock')?.querySelector('h1')?.textContent).toBe('Unlock the data');
    expect(textOf('use-recovery')).toBe('Use the recovery key');
    expect(localStorage.getItem('hoso.lang')).toBe('en');
    expect(SetLanguage).not.toHaveBeenCalled();

    click('vault-submit');
    expect(textOf('passphrase-error')).toBe('Enter the passphrase.');

    click('use-recovery');
    const label = (id: string) =>
      target.querySelector(`label[for="${byTestId(id)?.id}"]`)?.textContent?.trim();
    expect(label('new-passphrase')).toBe('New office passphrase');
    expect(label('new-passphrase-confirm')).toBe('Repeat the new passphrase');
  });

  it('a "locked" error from the shell brings the unlock screen back', async () => {
    const Vault = fakeVault(status());
    fakeGo(Vault, { Info: () => Promise.reject({ code: 'locked', message: 'the data folder is locked' }) });
    Vault.Status.mockResolvedValueOnce(status()).mockResolvedValueOnce(status({ state: 'locked' }));
    render();
    await shown('vault-unlock');
    expect(byTestId('error-banner')).toBeNull();
    expect(Vault.Status).toHaveBeenCalledTimes(2);
  });
});
