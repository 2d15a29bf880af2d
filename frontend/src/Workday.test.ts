// Each role's working day (issue 22 items 1 and 9) in jsdom, the Go side
// faked through the Bridge: the sections each role is offered and the
// Alt+n shortcuts that follow them, the start page a login lands on (the
// officer's and leader's queue, the clerk's Tiếp nhận with the results to
// return today, the inspector's reports with the print check), the person
// pickers that offer only the needed role, and the queue's rules.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import type { Role, UserInfo } from './lib/api';
import { locale } from './lib/i18n';
import { resetAuth } from './lib/stores/auth';
import { resetDirectory } from './lib/stores/directory';
import { clearError } from './lib/stores/errors';
import { currentSection, sectionForShortcut, sectionsFor, startSection } from './lib/stores/navigation';
import { systemInfo } from './lib/stores/system';
import { recoveryRenewed, vault } from './lib/stores/vault';
import { pickable, returnsToday, type QueueItem } from './components/home/queue';
import { installGo, type FakeServices } from './test/fakeGo';
import { byTestId, cleanup, click, render, root, shown, textOf, type } from './test/dom';

const office = { code: '38001', name: 'UBND xã Đông Sơn' };
const user = (username: string, fullName: string, roles: Role[]): UserInfo => ({
  id: `u-${username}`,
  username,
  fullName,
  office: '38001',
  roles,
  disabled: false,
  locked: false,
});
const USERS = {
  vanthu: user('vanthu', 'Nguyễn Thị Hồng', ['clerk']),
  chuyenvien: user('chuyenvien', 'Trần Văn Minh', ['officer']),
  lanhdao: user('lanhdao', 'Lê Thị Lan', ['leader']),
  thanhtra: user('thanhtra', 'Phạm Quốc Bảo', ['inspector']),
  demo: user('demo', 'Quản trị viên thử', ['admin']),
};

function item(code: string, reason: QueueItem['reason'], over: Partial<QueueItem> = {}): QueueItem {
  return {
    code,
    applicant: `Người nộp ${code}`,
    kind: 'person',
    citizenId: '038190000123',
    procedure: 'Đăng ký khai sinh',
    status: 'handed_over',
    national: 2,
    office: '38001',
    holder: '38001',
    receivedAt: '2026-11-20T09:00:00+07:00',
    due: '2026-11-27T17:00:00+07:00',
    overdue: false,
    conflicts: 0,
    reason,
    dueBy: false,
    dueSoon: false,
    ...over,
  };
}

/** The Go side with the login screen up (no session); services given replace the defaults. */
function go(services: FakeServices = {}) {
  return installGo({
    Vault: { Status: async () => ({ state: 'ready', method: 'keyfile', osKeyStore: false, recoveryKey: '' }) },
    System: {
      Info: async () => ({ version: '0.3.0', office, peerId: 'p', dataDir: '/d', language: '', syncState: 'idle' }),
      SetLanguage: async (r: { language: string }) => r,
    },
    Setup: { Status: async () => ({ needed: false, office }) },
    Auth: {
      Login: async ({ username }: { username: keyof typeof USERS }) => ({ session: `sess-${username}`, user: USERS[username] }),
      Logout: async () => ({}),
    },
    Offices: { List: async () => ({ offices: [{ ...office, parent: '', agencyId: '38001', version: 1 }] }) },
    Users: {
      Directory: async () => ({ users: [] }),
      Colleagues: async () => ({
        users: [
          { id: 'u-chuyenvien', fullName: 'Trần Văn Minh', roles: ['officer'] },
          { id: 'u-cv2', fullName: 'Đỗ Văn An', roles: ['officer', 'leader'] },
          { id: 'u-lanhdao', fullName: 'Lê Thị Lan', roles: ['leader'] },
          { id: 'u-vanthu', fullName: 'Nguyễn Thị Hồng', roles: ['clerk'] },
        ],
      }),
    },
    Catalog: { List: async () => ({ procedures: [], sectors: [] }) },
    Dossiers: { Queue: async () => ({ items: [], more: false }), Search: async () => ({ items: [], page: 1, pageSize: 20, more: false }) },
    Reports: {},
    ...services,
  });
}

async function login(username: keyof typeof USERS): Promise<void> {
  render(App);
  await shown('login');
  type('login-username', username);
  type('login-password', 'matkhau-demo');
  click('login-submit');
  await shown('status-user-name');
}

/** The test ids of the elements whose id starts with prefix, in document order. */
const idsStarting = (prefix: string) => [...root().querySelectorAll(`[data-testid^="${prefix}"]`)].map((el) => el.getAttribute('data-testid'));
const navShown = () => [...root().querySelectorAll('nav [data-testid^="nav-"]')].map((el) => el.getAttribute('data-testid'));

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  resetAuth();
  resetDirectory();
  locale.set('vi');
  systemInfo.set(null);
  vault.set(null);
  recoveryRenewed.set(false);
  clearError();
  // The previous user's section, as the address keeps it after a logout.
  currentSection.set('admin');
});

afterEach(() => {
  cleanup();
  delete window.go;
});

describe('sections by role', () => {
  it('offers each role the sections it uses, ISO to every role', () => {
    expect(sectionsFor(['clerk'])).toEqual(['reception', 'dossiers', 'reports', 'iso', 'plans', 'sync', 'admin']);
    expect(sectionsFor(['officer'])).toEqual(['work', 'dossiers', 'reports', 'iso', 'plans', 'sync', 'admin']);
    expect(sectionsFor(['leader'])).toEqual(['work', 'dossiers', 'reports', 'iso', 'plans', 'sync', 'admin']);
    expect(sectionsFor(['inspector'])).toEqual(['dossiers', 'reports', 'iso', 'plans', 'admin']);
    expect(sectionsFor(['admin'])).toEqual(['dossiers', 'reports', 'iso', 'plans', 'sync', 'admin']);
    expect(sectionsFor(['clerk', 'officer'])).toEqual(['work', 'reception', 'dossiers', 'reports', 'iso', 'plans', 'sync', 'admin']);
    expect(sectionsFor([])).toEqual([]);
  });

  it('starts each role where its day starts', () => {
    expect(startSection(['officer'])).toBe('work');
    expect(startSection(['leader'])).toBe('work');
    expect(startSection(['clerk'])).toBe('reception');
    expect(startSection(['inspector'])).toBe('reports');
    expect(startSection(['admin'])).toBe('dossiers');
  });

  it('numbers the shortcuts by the sections shown', () => {
    const key = (n: number) => new KeyboardEvent('keydown', { altKey: true, code: `Digit${n}`, key: String(n) });
    const inspector = sectionsFor(['inspector']);
    expect(sectionForShortcut(key(1), inspector)).toBe('dossiers');
    expect(sectionForShortcut(key(2), inspector)).toBe('reports');
    expect(sectionForShortcut(key(3), inspector)).toBe('iso');
    expect(sectionForShortcut(key(4), inspector)).toBe('plans');
    expect(sectionForShortcut(key(6), inspector)).toBeNull();
    expect(sectionForShortcut(key(2), sectionsFor(['officer']))).toBe('dossiers');
  });
});

describe('the queue rules', () => {
  it('lists to return today the results whose appointment has come, the oldest appointment first', () => {
    const items = [
      item('A', 'return', { dueBy: true, due: '2026-11-27T17:00:00+07:00' }),
      item('B', 'return', { dueBy: false, due: '2026-12-02T17:00:00+07:00' }),
      item('C', 'supplement', { dueBy: true }),
      item('D', 'return', { dueBy: true, due: '2026-11-25T17:00:00+07:00' }),
    ];
    expect(returnsToday(items).map((i) => i.code)).toEqual(['D', 'A']);
  });

  it('offers only the people holding the needed role, named with their roles', () => {
    const people = [
      { id: '1', fullName: 'Trần Văn Minh', roles: ['officer'] as Role[] },
      { id: '2', fullName: 'Đỗ Văn An', roles: ['leader', 'officer'] as Role[] },
      { id: '3', fullName: 'Lê Thị Lan', roles: ['leader'] as Role[] },
    ];
    const names = (r: Role) => ({ officer: 'Chuyên viên', leader: 'Lãnh đạo' })[r as 'officer' | 'leader'] ?? r;
    expect(pickable(people, 'leader', names)).toEqual([
      { value: '2', label: 'Đỗ Văn An — Lãnh đạo, Chuyên viên' },
      { value: '3', label: 'Lê Thị Lan — Lãnh đạo' },
    ]);
    expect(pickable(people, 'officer', names).map((o) => o.value)).toEqual(['2', '1']);
  });
});

describe('start pages', () => {
  it('the officer lands on "Việc chờ tôi xử lý", oldest first, and opens a dossier from it', async () => {
    const Queue = vi.fn(async () => ({
      items: [
        item('38001-261120-0001', 'appraise', { status: 'assigned', overdue: true }),
        item('38001-261121-0002', 'take', { receivedAt: '2026-11-21T09:00:00+07:00', dueSoon: true }),
      ],
      more: false,
    }));
    go({ Dossiers: { Queue, Search: async () => ({ items: [], page: 1, pageSize: 20, more: false }) } });
    await login('chuyenvien');
    await shown('section-work');
    expect(root().querySelector('h1')?.textContent).toBe('Việc chờ tôi xử lý');
    expect(navShown()).toEqual(['nav-work', 'nav-dossiers', 'nav-reports', 'nav-iso', 'nav-plans', 'nav-sync', 'nav-admin']);
    await shown('queue-table');
    const rows = idsStarting('queue-row-');
    expect(rows).toEqual(['queue-row-38001-261120-0001', 'queue-row-38001-261121-0002']);
    expect(textOf('queue-row-38001-261120-0001')).toContain('Thẩm định');
    expect(textOf('queue-row-38001-261120-0001')).toContain('Quá hạn');
    expect(textOf('queue-row-38001-261121-0002')).toContain('Nhận xử lý');
    expect(textOf('queue-row-38001-261121-0002')).toContain('Sắp đến hạn');
    expect(textOf('queue-count')).toBe('2');
    // Alt+2 is Hồ sơ, the second section shown.
    window.dispatchEvent(new KeyboardEvent('keydown', { altKey: true, code: 'Digit2', key: '2' }));
    await shown('section-dossiers');
  });

  it('the leader lands on the queue; submitting offers only leaders, with their roles', async () => {
    go({
      Dossiers: {
        Queue: async () => ({ items: [item('38001-261120-0001', 'sign', { status: 'submitted' })], more: false }),
        Get: async () => ({
          dossier: { code: '38001-261120-0001', status: 'appraised', national: 2, office: '38001', holder: { office: '38001' }, applicant: { fullName: 'A' }, procedure: { name: 'P' }, timeline: [], steps: [] },
          allowed: ['dossier.submitted'],
          overdue: false,
          dueSoon: false,
        }),
      },
    });
    await login('lanhdao');
    await shown('section-work');
    click('queue-open-38001-261120-0001');
    click(await shown('act-submitted').then((el) => el.getAttribute('data-testid') ?? ''));
    const select = (await shown('act-submitted-to')) as HTMLSelectElement;
    await vi.waitFor(() => expect(select.options.length).toBe(3));
    expect([...select.options].map((o) => o.textContent)).toEqual([
      'Bất kỳ lãnh đạo nào của đơn vị',
      'Đỗ Văn An — Lãnh đạo, Chuyên viên xử lý',
      'Lê Thị Lan — Lãnh đạo',
    ]);
    expect(root().querySelector('label[for="act-submitted-to"]')?.textContent).toBe('Trình lãnh đạo');
  });

  it('the clerk lands on Tiếp nhận with the results to return today above the form', async () => {
    go({
      Dossiers: {
        Queue: async () => ({
          items: [
            item('38001-261120-0001', 'return', { status: 'result_at_desk', dueBy: true }),
            item('38001-261120-0002', 'return', { status: 'result_at_desk', dueBy: false }),
            item('38001-261120-0003', 'supplement', { status: 'supplement_requested' }),
          ],
          more: false,
        }),
      },
    });
    await login('vanthu');
    await shown('section-reception');
    expect(navShown()).toEqual(['nav-reception', 'nav-dossiers', 'nav-reports', 'nav-iso', 'nav-plans', 'nav-sync', 'nav-admin']);
    await shown('returns-table');
    expect(textOf('desk-queue')).toContain('Kết quả cần trả hôm nay');
    expect(textOf('returns-today-count')).toBe('1');
    expect(idsStarting('returns-row-')).toEqual(['returns-row-38001-261120-0001']);
    expect(textOf('desk-supplement')).toBe('Chờ bổ sung: 1');
    click('desk-supplement');
    expect(idsStarting('desk-row-')).toEqual(['desk-row-38001-261120-0003']);
  });

  it('the inspector lands on Báo cáo with the print check, and is offered no intake', async () => {
    go();
    await login('thanhtra');
    await shown('section-reports');
    await shown('inspector-verify');
    expect(navShown()).toEqual(['nav-dossiers', 'nav-reports', 'nav-iso', 'nav-plans', 'nav-admin']);
    expect(byTestId('nav-reception')).toBeNull();
  });

  it('the administrator lands on the first section offered, with no intake', async () => {
    go();
    await login('demo');
    await shown('section-dossiers');
    expect(navShown()).toEqual(['nav-dossiers', 'nav-reports', 'nav-iso', 'nav-plans', 'nav-sync', 'nav-admin']);
  });
});
