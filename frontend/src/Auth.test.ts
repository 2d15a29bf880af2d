// The auth gate in jsdom with the Go side faked through the Bridge: the
// first-start setup of the office, the login and its errors, a session that
// ends under the shell, and logging out.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import type { UserInfo } from './lib/api';
import { locale } from './lib/i18n';
import { resetAuth } from './lib/stores/auth';
import { clearError } from './lib/stores/errors';
import { adminTab, currentSection } from './lib/stores/navigation';
import { systemInfo } from './lib/stores/system';
import { recoveryRenewed, vault } from './lib/stores/vault';
import { installGo, type FakeServices } from './test/fakeGo';
import { byTestId, cleanup, click, render, shown, textBecomes, textOf, type } from './test/dom';

const office = { code: '38001', name: 'UBND xã Đông Sơn' };
const info = {
  version: '0.2.0-test',
  office,
  peerId: '12D3KooWPeer',
  dataDir: '/var/lib/hoso',
  language: '',
  syncState: 'idle',
};
const admin: UserInfo = {
  id: 'u01',
  username: 'admin',
  fullName: 'Lê Thị Quản Trị',
  office: '38001',
  roles: ['admin'],
  disabled: false,
  locked: false,
};

/** The Go side with the vault open; services given replace the defaults. */
function go(services: FakeServices = {}) {
  const calls = installGo({
    Vault: { Status: async () => ({ state: 'ready', method: 'keyfile', osKeyStore: false, recoveryKey: '' }) },
    System: { Info: async () => info, SetLanguage: async (r: { language: string }) => r },
    ...services,
  });
  return calls;
}

async function shellReady(): Promise<void> {
  await shown('nav-dossiers');
  await vi.waitFor(() => expect(byTestId('status-bar')?.getAttribute('data-ready')).toBe('true'));
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  resetAuth();
  locale.set('vi');
  currentSection.set('reception');
  adminTab.set('info');
  systemInfo.set(null);
  vault.set(null);
  recoveryRenewed.set(false);
  clearError();
});

afterEach(() => {
  cleanup();
  delete window.go;
});

describe('first-start setup', () => {
  it('checks the fields, shows Go field errors on nested fields, then enters the shell', async () => {
    const Office = vi
      .fn()
      .mockRejectedValueOnce({
        code: 'invalid_input',
        field: 'office.parent',
        message: 'no office 38 here',
        params: { code: '38' },
      })
      .mockRejectedValueOnce({ code: 'conflict', field: 'admin.username', message: 'taken' })
      .mockResolvedValue({ session: 'sess-new', user: admin });
    const Me = vi.fn(async () => admin);
    const calls = go({
      Setup: { Status: async () => ({ needed: true, office: { code: '', name: '' } }), Office },
      Auth: { Me },
    });
    render(App);

    const screen = await shown('office-setup');
    expect(screen.querySelector('h1')?.textContent).toBe('Thiết lập đơn vị');
    expect(byTestId('nav-dossiers')).toBeNull();
    await vi.waitFor(() => expect(document.activeElement).toBe(byTestId('setup-office-code')));

    // Client checks: every problem beside its field, Go not called.
    type('setup-office-code', '3800a');
    type('setup-admin-username', 'Ad');
    type('setup-admin-password', 'ngắn');
    click('setup-submit');
    expect(textOf('setup-office-code-error')).toBe('Mã đơn vị gồm 2–8 chữ số (tỉnh 2, huyện 3, xã 5).');
    expect(textOf('setup-office-name-error')).toBe('Trường này là bắt buộc.');
    expect(textOf('setup-admin-username-error')).toContain('Tên đăng nhập gồm 3–32 ký tự');
    expect(textOf('setup-admin-fullname-error')).toBe('Trường này là bắt buộc.');
    expect(textOf('setup-admin-password-error')).toBe('Mật khẩu cần ít nhất 8 ký tự.');
    expect(byTestId('setup-office-parent-error')).toBeNull(); // optional
    expect(byTestId('setup-office-code')?.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(byTestId('setup-office-code'));
    expect(Office).not.toHaveBeenCalled();

    type('setup-office-code', '38001');
    expect(byTestId('setup-office-code-error')).toBeNull();
    type('setup-office-name', 'UBND xã Đông Sơn');
    type('setup-office-parent', '38');
    type('setup-admin-username', ' Admin ');
    type('setup-admin-fullname', 'Lê Thị Quản Trị');
    type('setup-admin-password', 'mật khẩu xã');
    type('setup-admin-confirm', 'mật khẩu khác');
    click('setup-submit');
    expect(textOf('setup-admin-confirm-error')).toBe('Hai lần nhập mật khẩu không khớp nhau.');
    expect(Office).not.toHaveBeenCalled();

    // Go: the parent is not on this node → beside the parent field.
    type('setup-admin-confirm', 'mật khẩu xã');
    click('setup-submit');
    await textBecomes('setup-office-parent-error', 'Không có đơn vị mã 38 trên máy này.');
    expect(Office).toHaveBeenLastCalledWith({
      office: { code: '38001', name: 'UBND xã Đông Sơn', parent: '38', agencyId: '' },
      admin: { username: 'admin', fullName: 'Lê Thị Quản Trị', password: 'mật khẩu xã' },
    });

    // Go: the user name is taken → beside the user name.
    type('setup-office-parent', '');
    click('setup-submit');
    await textBecomes('setup-admin-username-error', 'Tên đăng nhập này đã có người dùng.');

    // Accepted: the session is kept and the shell shows the administrator.
    click('setup-submit');
    await shellReady();
    expect(sessionStorage.getItem('hoso.session')).toBe('sess-new');
    expect(textOf('status-user-name')).toBe('Lê Thị Quản Trị');
    expect(Office).toHaveBeenCalledTimes(3);
    // Later calls carry the new session.
    await vi.waitFor(() => expect(calls.some((c) => c.method === 'System.Info' && c.session === 'sess-new')).toBe(true));
  });

  it('setup_done: someone set the office up meanwhile → the login', async () => {
    go({
      Setup: {
        Status: async () => ({ needed: true, office: { code: '', name: '' } }),
        Office: async () => Promise.reject({ code: 'setup_done', message: 'this office is set up already' }),
      },
    });
    render(App);
    await shown('office-setup');
    type('setup-office-code', '38001');
    type('setup-office-name', 'UBND xã Đông Sơn');
    type('setup-admin-username', 'admin');
    type('setup-admin-fullname', 'Lê Thị Quản Trị');
    type('setup-admin-password', '12345678');
    type('setup-admin-confirm', '12345678');
    click('setup-submit');
    await shown('login');
    expect(textOf('login-notice')).toBe('Đơn vị đã được thiết lập trên máy này. Hãy đăng nhập.');
  });
});

describe('login', () => {
  const setUp = { Status: async () => ({ needed: false, office }) };

  it('bad_login says the attempts left, account_locked the local time, then a good login enters', async () => {
    const until = new Date(2026, 10, 27, 9, 15); // 09:15 on 27/11/2026, this computer's time
    const Login = vi
      .fn()
      .mockRejectedValueOnce({ code: 'bad_login', message: 'wrong user name or password', params: { remaining: '3' } })
      .mockRejectedValueOnce({ code: 'account_locked', message: 'locked', params: { until: until.toISOString() } })
      .mockRejectedValueOnce({ code: 'account_disabled', message: 'disabled' })
      .mockResolvedValue({ session: 'sess-login', user: admin });
    const Me = vi.fn();
    go({ Setup: setUp, Auth: { Login, Me } });
    render(App);

    await shown('login');
    expect(Me).not.toHaveBeenCalled(); // no stored session: nothing to check
    expect(textOf('login-office')).toBe('UBND xã Đông Sơn (38001)');
    await vi.waitFor(() => expect(document.activeElement).toBe(byTestId('login-username')));

    click('login-submit');
    expect(textOf('login-username-error')).toBe('Hãy nhập tên đăng nhập.');
    expect(Login).not.toHaveBeenCalled();

    type('login-username', 'admin');
    type('login-password', 'sai mật khẩu');
    // Enter in the password field submits the form.
    byTestId('login-password')?.closest('form')?.requestSubmit();
    await textBecomes('login-error', 'Sai tên đăng nhập hoặc mật khẩu. Còn 3 lần thử.');
    expect(Login).toHaveBeenLastCalledWith({ username: 'admin', password: 'sai mật khẩu' });
    expect((byTestId('login-password') as HTMLInputElement).value).toBe('');

    type('login-password', 'sai nữa');
    click('login-submit');
    await textBecomes('login-error', 'Tài khoản tạm khóa đến 09:15 ngày 27/11/2026');

    type('login-password', 'đúng rồi');
    click('login-submit');
    await textBecomes('login-error', 'Tài khoản đã bị vô hiệu hóa. Hãy liên hệ quản trị viên.');

    click('login-submit');
    await shellReady();
    expect(sessionStorage.getItem('hoso.session')).toBe('sess-login');
    expect(textOf('status-user-name')).toBe('Lê Thị Quản Trị');
  });

  it('in English', async () => {
    locale.set('en');
    go({
      Setup: setUp,
      Auth: { Login: async () => Promise.reject({ code: 'bad_login', message: 'x', params: { remaining: '1' } }) },
    });
    render(App);
    await shown('login');
    expect(byTestId('login')?.querySelector('h1')?.textContent).toBe('Log in');
    type('login-username', 'admin');
    type('login-password', 'x');
    click('login-submit');
    await textBecomes('login-error', 'Wrong user name or password. 1 attempts left.');
  });

  it('a stored session is checked with Auth.Me; an ended one shows the login', async () => {
    sessionStorage.setItem('hoso.session', 'sess-old');
    const Me = vi.fn(async () => Promise.reject({ code: 'unauthenticated', message: 'log in first' }));
    const calls = go({ Setup: setUp, Auth: { Me } });
    render(App);
    await shown('login');
    expect(Me).toHaveBeenCalledTimes(1);
    expect(calls.find((c) => c.method === 'Auth.Me')?.session).toBe('sess-old');
    expect(sessionStorage.getItem('hoso.session')).toBeNull();
    expect(byTestId('login-notice')).toBeNull();
  });
});

describe('in the shell', () => {
  it('a call failing with unauthenticated clears the session and shows the login again', async () => {
    sessionStorage.setItem('hoso.session', 'sess-1');
    const List = vi.fn(async () => Promise.reject({ code: 'unauthenticated', message: 'log in first' }));
    go({
      Setup: { Status: async () => ({ needed: false, office }) },
      Auth: { Me: async () => admin },
      Offices: { List },
    });
    render(App);
    await shellReady();
    click('nav-admin');
    click('admin-tab-offices');
    await shown('login');
    expect(List).toHaveBeenCalled();
    expect(sessionStorage.getItem('hoso.session')).toBeNull();
    expect(textOf('login-notice')).toBe('Phiên đăng nhập đã hết. Hãy đăng nhập lại.');
    expect(byTestId('error-banner')).toBeNull();
  });

  it('logout ends the session on the node and shows the login', async () => {
    sessionStorage.setItem('hoso.session', 'sess-1');
    const Logout = vi.fn(async () => ({}));
    go({
      Setup: { Status: async () => ({ needed: false, office }) },
      Auth: { Me: async () => admin, Logout },
    });
    render(App);
    await shellReady();
    expect(textOf('status-user')).toBe('Người dùng: Lê Thị Quản Trị');
    click('logout');
    await shown('login');
    expect(Logout).toHaveBeenCalledWith({ session: 'sess-1' });
    expect(sessionStorage.getItem('hoso.session')).toBeNull();
    expect(textOf('login-notice')).toBe('Bạn đã đăng xuất.');
  });
});
