// "Nhật ký truy cập" in jsdom with the Go side faked through the Bridge: a
// tab of Hồ sơ for leaders, inspectors and administrators (not for a clerk);
// who, when, what and for whom of each export and read (a dossier, a book), this month by
// default, a period typed, the pages; and the Sync screen's bundle export
// only for an administrator.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import type { AccessEntry, AccessLogReply, UserInfo } from './lib/api';
import { listAccessLog } from './lib/api';
import { locale } from './lib/i18n';
import { thisMonth } from './lib/printing';
import { resetAuth } from './lib/stores/auth';
import { resetDirectory } from './lib/stores/directory';
import { clearError } from './lib/stores/errors';
import { adminTab, currentSection } from './lib/stores/navigation';
import { systemInfo } from './lib/stores/system';
import { recoveryRenewed, vault } from './lib/stores/vault';
import { installGo, type FakeServices } from './test/fakeGo';
import { byTestId, cleanup, click, render, shown, textBecomes, textOf, type } from './test/dom';

const office = { code: '38001', name: 'UBND xã Đông Sơn' };
const user = (roles: UserInfo['roles']): UserInfo => ({
  id: `u-${roles[0]}`,
  username: roles[0],
  fullName: 'Lê Văn Chủ',
  office: '38001',
  roles,
  disabled: false,
  locked: false,
});

const read: AccessEntry = {
  id: '261127-aa',
  at: '2026-11-27T10:05:00+07:00',
  actor: 'u-inspector',
  name: 'Phạm Thanh Tra',
  roles: ['inspector'],
  office: '38001',
  action: 'read',
  method: 'Print.Form',
  scope: '38001-261127-0001',
  form: 'receipt',
  for: 'Nguyễn Thị Hồng',
  hlc: 3,
};
const exported: AccessEntry = {
  id: '261127-bb',
  at: '2026-11-27T09:00:00+07:00',
  actor: 'u-admin',
  name: 'Lê Văn Quản',
  roles: ['admin'],
  office: '38001',
  action: 'export',
  method: 'Sync.ExportBundle',
  scope: 'since-last-sync',
  for: '12D3KooWpeer (38)',
  events: 42,
  hlc: 2,
};

const bookRead: AccessEntry = {
  id: '261127-cc',
  at: '2026-11-27T08:00:00+07:00',
  actor: 'u-inspector',
  name: 'Phạm Thanh Tra',
  roles: ['inspector'],
  office: '38001',
  action: 'read',
  method: 'Print.Book',
  scope: 'book/38001/2026-11-01/2026-11-30',
  for: '',
  rows: 37,
  hlc: 1,
};

function go(who: UserInfo, services: FakeServices = {}) {
  sessionStorage.setItem('hoso.session', 'sess');
  return installGo({
    Vault: { Status: async () => ({ state: 'ready', method: 'keyfile', osKeyStore: false, recoveryKey: '' }) },
    System: {
      Info: async () => ({ version: '0.3.0', office, peerId: 'p', dataDir: '/d', language: '', syncState: 'idle' }),
      SetLanguage: async (r: { language: string }) => r,
    },
    Setup: { Status: async () => ({ needed: false, office }) },
    Auth: { Me: async () => who, Logout: async () => ({}) },
    Offices: { List: async () => ({ offices: [{ ...office, parent: '', agencyId: '38001', version: 1 }] }) },
    Users: { Directory: async () => ({ users: [] }) },
    Dossiers: { Search: async () => ({ items: [], page: 1, pageSize: 20, more: false }) },
    Records: { AccessLog: async () => ({ items: [read, exported, bookRead], total: 3, page: 1, pageSize: 50, more: false }) },
    ...services,
  });
}

async function openTab() {
  currentSection.set('dossiers');
  render(App);
  await shown('dossiers-tab-access');
  click('dossiers-tab-access');
  await shown('dossiers-panel-access');
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  resetAuth();
  resetDirectory();
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
  vi.restoreAllMocks();
});

describe('listAccessLog', () => {
  it("sends only the bounds and page given, and gives Go's reply as it comes", async () => {
    // What Go sends for an operator's export: no roles is [], never null (app/reply.go).
    const page = { items: [{ ...exported, roles: [], for: '' }], total: 1, page: 1, pageSize: 50, more: false } satisfies AccessLogReply;
    const AccessLog = vi.fn(async () => page);
    installGo({ Records: { AccessLog } });
    const reply = await listAccessLog({ from: '2026-11-01', to: '' });
    expect(AccessLog).toHaveBeenCalledWith({ from: '2026-11-01' });
    expect(reply).toEqual(page);
  });
});

describe('Nhật ký truy cập', () => {
  it('is a tab of Hồ sơ for a leader, an inspector and an administrator, not for a clerk or an officer', async () => {
    for (const roles of [['leader'], ['inspector'], ['admin']] as UserInfo['roles'][]) {
      go(user(roles));
      currentSection.set('dossiers');
      render(App);
      await shown('dossiers-tab-access');
      expect(textOf('dossiers-tab-access')).toBe('Nhật ký truy cập');
      cleanup();
      resetAuth();
    }
    for (const roles of [['clerk'], ['officer']] as UserInfo['roles'][]) {
      go(user(roles));
      currentSection.set('dossiers');
      render(App);
      await shown('dossiers-tab-all');
      expect(byTestId('dossiers-tab-access')).toBeNull();
      cleanup();
      resetAuth();
    }
  });

  it('lists this month by default: when, who (roles, office), what, the dossier or the bundle, for whom', async () => {
    const calls = go(user(['inspector']));
    await openTab();
    await shown('access-log-table');
    const { from, to } = thisMonth();
    expect(calls.filter((c) => c.method === 'Records.AccessLog').map((c) => c.params)).toEqual([{ from, to, page: 1, pageSize: 50 }]);
    expect(byTestId('access-log-total')?.dataset.total).toBe('3');

    expect(textOf(`access-row-${read.id}`)).toContain('27/11/2026 10:05');
    await vi.waitFor(() => expect(textOf(`access-who-${read.id}`)).toBe('Phạm Thanh Tra Thanh tra — UBND xã Đông Sơn (38001)'));
    expect(textOf(`access-what-${read.id}`)).toBe('Xem hồ sơ In giấy tờ của hồ sơ: Giấy tiếp nhận');
    expect(textOf(`access-scope-${read.id}`)).toBe('38001-261127-0001');
    expect(textOf(`access-for-${read.id}`)).toBe('Nguyễn Thị Hồng');

    expect(byTestId(`access-row-${exported.id}`)?.dataset.action).toBe('export');
    expect(textOf(`access-what-${exported.id}`)).toBe('Xuất dữ liệu Xuất tệp đồng bộ (USB)');
    expect(textOf(`access-scope-${exported.id}`)).toBe('Phần máy nhận còn thiếu — 42 sự kiện');
    expect(textOf(`access-for-${exported.id}`)).toBe('12D3KooWpeer (38)');

    expect(textOf(`access-what-${bookRead.id}`)).toBe('Xem hồ sơ In sổ theo dõi hồ sơ');
    expect(textOf(`access-scope-${bookRead.id}`)).toBe('book/38001/2026-11-01/2026-11-30 — 37 dòng');

    locale.set('en');
    await textBecomes(`access-what-${exported.id}`, 'Export Sync bundle exported (USB)');
  });

  it('another period, typed; the pages; nothing in a period says so', async () => {
    const AccessLog = vi.fn(async (req: { page: number; from: string }) =>
      req.from === '2026-01-01'
        ? { items: [], total: 0, page: 1, pageSize: 50, more: false }
        : { items: [{ ...read, id: `p${req.page}` }], total: 51, page: req.page, pageSize: 50, more: req.page === 1 },
    );
    go(user(['leader']), { Records: { AccessLog } });
    await openTab();
    await shown('access-row-p1');

    type('access-log-from', '01/10/2026');
    type('access-log-to', '31/10/2026');
    click('access-log-show');
    await vi.waitFor(() => expect(AccessLog).toHaveBeenLastCalledWith({ from: '2026-10-01', to: '2026-10-31', page: 1, pageSize: 50 }));
    await textBecomes('access-log-total', 'Tổng số: 51 lượt (01/10/2026 – 31/10/2026)');
    click('access-log-next');
    await shown('access-row-p2');
    expect(AccessLog).toHaveBeenLastCalledWith({ from: '2026-10-01', to: '2026-10-31', page: 2, pageSize: 50 });

    type('access-log-from', '01/01/2026');
    type('access-log-to', '31/01/2026');
    click('access-log-show');
    await shown('access-log-empty');
  });

  it('a refusal from Go is shown in its place', async () => {
    go(user(['leader']), { Records: { AccessLog: async () => Promise.reject({ code: 'forbidden', message: 'no' }) } });
    await openTab();
    await shown('access-log-error');
  });
});

describe('bundle export', () => {
  it('is offered to an administrator only', async () => {
    go(user(['clerk']), { Sync: { Status: async () => ({ enrolled: true, peerId: 'p', office: '38001', path: '38/38001', role: 'desk', hubs: [], running: true, peers: [], vector: {}, conflicts: 0, dailyBudget: 0 }) } });
    currentSection.set('sync');
    render(App);
    await shown('sync-tab-bundles');
    click('sync-tab-bundles');
    await shown('bundle-export-admin-only');
    expect(byTestId('bundle-export')).toBeNull();
    expect(byTestId('bundle-import')).not.toBeNull();
  });
});
