// Đồng bộ in jsdom with the Go side faked through the Bridge: the status and
// its peers, "Đồng bộ ngay" with its progress, USB bundles exported (saved
// through the desktop's Files) and imported (the picked file's bytes sent as
// base64; a refusal explained), and the enrolment wizard (the issued text
// with its QR code, a refused text shown beside the field).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import type { UserInfo } from './lib/api';
import { formatLocalDateTime as local } from './lib/format';
import { locale } from './lib/i18n';
import { resetAuth } from './lib/stores/auth';
import { clearError } from './lib/stores/errors';
import { adminTab, currentSection } from './lib/stores/navigation';
import { systemInfo } from './lib/stores/system';
import { recoveryRenewed, vault } from './lib/stores/vault';
import { installGo, type FakeServices } from './test/fakeGo';
import { byTestId, chooseFile, choose, cleanup, click, render, shown, textBecomes, textOf, type } from './test/dom';

vi.mock('./lib/qr', () => ({
  qrDataUrl: vi.fn(async (text: string) => `data:image/svg+xml,QR(${text})`),
}));

const office = { code: '38001', name: 'UBND xã Đông Sơn' };
const admin: UserInfo = {
  id: 'u01',
  username: 'admin',
  fullName: 'Lê Thị Quản Trị',
  office: '38001',
  roles: ['admin'],
  disabled: false,
  locked: false,
};
const clerk: UserInfo = { ...admin, id: 'u02', username: 'tiepnhan', roles: ['clerk'] };

const PEER_A = '12D3KooWHuyenDongSonAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const PEER_B = '12D3KooWQuayMotCuaBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB';
const OWN = '12D3KooWThisDeviceCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC';

const enrolled = {
  enrolled: true,
  peerId: OWN,
  office: '38001',
  path: '38/380/38001',
  role: 'commune',
  expires: '2027-11-28T10:00:00+07:00',
  hubs: ['/ip4/10.0.0.1/tcp/4001/p2p/12D3KooWHub'],
  running: true,
  peers: [
    {
      peer: PEER_A,
      office: '380',
      connected: true,
      lastSuccess: '2026-11-28T08:15:00+07:00',
      receivedEvents: 120,
      sentEvents: 45,
      bytesIn: 20000,
      bytesOut: 4000,
      syncing: false,
      clockSkewMs: 1500,
    },
    {
      peer: PEER_B,
      connected: false,
      lastError: 'dial_failed',
      lastErrorAt: '2026-11-28T08:20:00+07:00',
      receivedEvents: 0,
      sentEvents: 0,
      bytesIn: 0,
      bytesOut: 0,
      syncing: false,
      clockSkewMs: -125000,
    },
  ],
  conflicts: 2,
};

const notEnrolled = { enrolled: false, peerId: OWN, office: '', path: '', role: '', hubs: [], running: false, peers: [], conflicts: 0 };

function go(user: UserInfo, sync: Record<string, unknown>, more: FakeServices = {}) {
  sessionStorage.setItem('hoso.session', `sess-${user.username}`);
  return installGo({
    Vault: { Status: async () => ({ state: 'ready', method: 'keyfile', osKeyStore: false, recoveryKey: '' }) },
    System: {
      Info: async () => ({ version: '0.2.0', office, peerId: OWN, dataDir: '/d', language: '', syncState: 'idle' }),
      SetLanguage: async (r: { language: string }) => r,
    },
    Setup: { Status: async () => ({ needed: false, office }) },
    Auth: { Me: async () => user, Logout: async () => ({}) },
    Offices: {
      List: async () => ({
        offices: [
          { code: '38001', name: 'UBND xã Đông Sơn', parent: '380', agencyId: '38001', version: 1 },
          { code: '380', name: 'UBND huyện Đông Sơn', parent: '38', agencyId: 'H38.80', version: 1 },
        ],
      }),
    },
    Sync: sync,
    ...more,
  });
}

async function openSync(): Promise<void> {
  await shown('nav-sync');
  click('nav-sync');
  await shown('sync-status');
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

describe('status and peers', () => {
  it('warns in the header when the certificate expires within 30 days (renewDue)', async () => {
    go(admin, { Status: async () => ({ ...enrolled, certificateExpires: '2027-01-05T10:00:00+07:00', renewDue: true }) });
    render(App);
    await openSync();
    await textBecomes('sync-renew-due', `Chứng nhận của máy này hết hạn ngày ${local('2027-01-05T10:00:00+07:00')}. Chứng nhận tự gia hạn khi máy đồng bộ với cơ quan cấp trên (hoặc trao đổi tệp đồng bộ với cơ quan đó): hãy đồng bộ sớm.`);
  });

  it('says how to renew a certificate that has expired: a bundle for the issuing office', async () => {
    go(admin, { Status: async () => ({ ...enrolled, certificateExpires: '2026-01-05T10:00:00+07:00', renewDue: true }) });
    render(App);
    await openSync();
    await textBecomes('sync-renew-due', `Chứng nhận của máy này đã hết hạn ngày ${local('2026-01-05T10:00:00+07:00')}: máy không đồng bộ qua mạng được nữa. Hãy xuất tệp đồng bộ cho cơ quan đã cấp chứng nhận; cơ quan đó nhập tệp thì chứng nhận được gia hạn, và tệp đồng bộ tiếp theo của cơ quan đó mang chứng nhận mới về máy này.`);
  });

  it('shows the enrolment and every peer with its connection, traffic, error and clock skew', async () => {
    go(admin, { Status: async () => enrolled });
    render(App);
    await openSync();

    expect(byTestId('sync-enrolled')).not.toBeNull();
    await textBecomes('sync-office', 'UBND xã Đông Sơn (38001)');
    expect(textOf('sync-path')).toBe('38/380/38001');
    expect(textOf('sync-role')).toBe('Cấp xã');
    expect(textOf('sync-expires')).toBe(local(enrolled.expires));
    expect(byTestId('sync-renew-due')).toBeNull();
    expect(textOf('sync-peer-id')).toBe(OWN);
    expect(textOf('sync-hubs')).toContain('/ip4/10.0.0.1/tcp/4001');
    expect(textOf('sync-conflicts-n')).toBe('2');
    expect(textOf('sync-running')).toBe('Đồng bộ đang chạy');

    await shown('sync-peers');
    const heads = [...byTestId('sync-peers')!.querySelectorAll('th')].map((th) => th.textContent?.trim());
    expect(heads).toEqual([
      'Thiết bị',
      'Văn phòng',
      'Trạng thái kết nối',
      'Lần thành công gần nhất',
      'Nhận / gửi (sự kiện)',
      'Lỗi gần nhất',
      'Lệch đồng hồ',
    ]);
    await textBecomes(`sync-peer-${PEER_A}-office`, 'UBND huyện Đông Sơn (380)');
    expect(textOf(`sync-peer-${PEER_A}-state`)).toBe('Đang kết nối');
    expect(textOf(`sync-peer-${PEER_A}-success`)).toBe(local('2026-11-28T08:15:00+07:00'));
    expect(textOf(`sync-peer-${PEER_A}-traffic`)).toBe('120 / 45');
    expect(byTestId(`sync-peer-${PEER_A}-traffic`)?.title).toBe('Đã nhận 20 kB, đã gửi 4 kB');
    expect(textOf(`sync-peer-${PEER_A}-skew`)).toBe('+1,5 s');
    expect(textOf(`sync-peer-${PEER_B}-state`)).toBe('Mất kết nối');
    expect(textOf(`sync-peer-${PEER_B}-success`)).toBe('Chưa lần nào');
    // The failure's code, in the clerk's language (the Go error is in the log).
    expect(textOf(`sync-peer-${PEER_B}-error`)).toBe(
      `Không kết nối được tới thiết bị (bị từ chối hoặc không tới được). ${local('2026-11-28T08:20:00+07:00')}`,
    );
    expect(textOf(`sync-peer-${PEER_B}-skew`)).toBe('-125 s');
    expect(byTestId(`sync-peer-${PEER_B}-skew`)?.classList.contains('warn-text')).toBe(true);

    // The conflicts count leads to Hồ sơ.
    click('sync-conflicts');
    await shown('section-dossiers');
    expect(location.hash).toBe('#/dossiers');
  });

  it('a device not enrolled opens on the wizard; sync-now is off while no engine runs', async () => {
    go(admin, { Status: async () => notEnrolled });
    render(App);
    await openSync();
    expect(byTestId('sync-not-enrolled')).not.toBeNull();
    expect(byTestId('sync-enrolled')).toBeNull();
    expect(textOf('sync-peer-id')).toBe(OWN);
    await shown('sync-panel-enrol');
    expect(textOf('enrol-own-peer')).toBe(OWN);
    // Not enrolled, it vouches for no one.
    expect(byTestId('enrol-issue-panel')).toBeNull();
    expect((byTestId('sync-now') as HTMLButtonElement).disabled).toBe(true);
    expect(byTestId('sync-stopped-hint')).not.toBeNull();
  });

  it('a non-administrator is told who enrols devices', async () => {
    go(clerk, { Status: async () => notEnrolled });
    render(App);
    await openSync();
    await shown('enrol-admin-only');
    expect(byTestId('enrol-issue-panel')).toBeNull();
    expect(byTestId('enrol-accept-panel')).toBeNull();
  });
});

describe('daily budget', () => {
  const MB = 1_000_000;
  const withBudget = (a: Record<string, unknown>, b: Record<string, unknown>) => ({
    ...enrolled,
    peers: [
      { ...enrolled.peers[0], ...a },
      { ...enrolled.peers[1], ...b },
    ],
  });

  it('under the limit shows today’s use and a bar, with no warning', async () => {
    go(admin, { Status: async () => withBudget({ budgetUsed: 1.2 * MB, budgetLimit: 5 * MB }, {}) });
    render(App);
    await openSync();
    await shown(`sync-peer-${PEER_A}-budget`);
    expect(textOf(`sync-peer-${PEER_A}-budget-usage`)).toBe('Hôm nay: 1,2 MB / 5 MB');
    const bar = byTestId(`sync-peer-${PEER_A}-budget-bar`)!;
    expect(bar.getAttribute('role')).toBe('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('24');
    expect(bar.getAttribute('aria-valuetext')).toBe('Hôm nay: 1,2 MB / 5 MB');
    expect(bar.classList.contains('spent')).toBe(false);
    expect(byTestId(`sync-peer-${PEER_A}-budget-spent`)).toBeNull();
    // Peer B has no limit: no budget line.
    expect(byTestId(`sync-peer-${PEER_B}-budget`)).toBeNull();
  });

  it('spent shows the warning that background sync waits for midnight', async () => {
    go(admin, { Status: async () => withBudget({ budgetUsed: 5 * MB, budgetLimit: 5 * MB }, {}) });
    render(App);
    await openSync();
    await shown(`sync-peer-${PEER_A}-budget-spent`);
    expect(textOf(`sync-peer-${PEER_A}-budget-usage`)).toBe('Hôm nay: 5 MB / 5 MB');
    expect(byTestId(`sync-peer-${PEER_A}-budget-bar`)?.classList.contains('spent')).toBe(true);
    expect(textOf(`sync-peer-${PEER_A}-budget-spent`)).toBe(
      'Đã hết hạn mức hôm nay — đồng bộ tự động tạm dừng đến 0 giờ; bấm «Đồng bộ ngay» để vẫn đồng bộ.',
    );

    locale.set('en');
    await textBecomes(
      `sync-peer-${PEER_A}-budget-spent`,
      "Today's allowance is used up — automatic sync is paused until midnight; press “Sync now” to sync anyway.",
    );
    expect(textOf(`sync-peer-${PEER_A}-budget-usage`)).toBe('Today: 5 MB / 5 MB');
  });

  it('no limit shows no budget line nor warning; today’s use joins the bytes title', async () => {
    go(admin, { Status: async () => withBudget({ budgetUsed: 3 * MB }, { budgetUsed: 9 * MB, budgetLimit: 0 }) });
    render(App);
    await openSync();
    await shown('sync-peers');
    for (const id of [PEER_A, PEER_B]) {
      expect(byTestId(`sync-peer-${id}-budget`)).toBeNull();
      expect(byTestId(`sync-peer-${id}-budget-spent`)).toBeNull();
    }
    expect(byTestId(`sync-peer-${PEER_A}-traffic`)?.title).toBe('Đã nhận 20 kB, đã gửi 4 kB; hôm nay 3 MB');
  });
});

describe('node budget setting', () => {
  /** A Status that reflects what SetBudget last saved. */
  function budgetGo(user: UserInfo, start: unknown, setBudget?: (r: unknown) => unknown) {
    let budget = start;
    const SetBudget = vi.fn(
      setBudget ??
        (async (r: unknown) => {
          budget = (r as { bytes: number }).bytes;
          return {};
        }),
    );
    const Status = vi.fn(async () => ({ ...enrolled, ...(budget === undefined ? {} : { dailyBudget: budget }) }));
    go(user, { Status, SetBudget });
    return { SetBudget, Status };
  }

  it('shows no limit for 0 or an absent budget, with the explanation', async () => {
    budgetGo(admin, 0);
    render(App);
    await openSync();
    await shown('sync-budget');
    expect(textOf('sync-budget-current')).toBe('Không giới hạn');
    expect((byTestId('sync-budget-mb') as HTMLInputElement).value).toBe('');
    expect(textOf('sync-budget-paused')).toBe(
      'Khi hết hạn mức với một máy, đồng bộ tự động với máy đó tạm dừng đến 0 giờ; «Đồng bộ ngay» vẫn đồng bộ.',
    );
    locale.set('en');
    await textBecomes('sync-budget-current', 'No limit');
    expect(textOf('sync-budget-paused')).toBe(
      'When the budget with a device is used up, automatic sync with it pauses until midnight; “Sync now” still syncs.',
    );
  });

  it('an absent budget (Go omits it) is no limit too', async () => {
    budgetGo(admin, undefined);
    render(App);
    await openSync();
    await textBecomes('sync-budget-current', 'Không giới hạn');
  });

  it('shows the current budget and fills the field in MB', async () => {
    budgetGo(admin, 5_000_000);
    render(App);
    await openSync();
    await textBecomes('sync-budget-current', '5 MB');
    expect((byTestId('sync-budget-mb') as HTMLInputElement).value).toBe('5');
  });

  it('saves the MB typed as bytes (1 MB = 1,000,000), then reads the status again', async () => {
    const { SetBudget, Status } = budgetGo(admin, 0);
    render(App);
    await openSync();
    await shown('sync-budget-mb');
    const reads = Status.mock.calls.length;

    type('sync-budget-mb', '0,5');
    click('sync-budget-save');
    await textBecomes('sync-budget-done', 'Đã lưu hạn mức.');
    expect(SetBudget).toHaveBeenCalledWith({ bytes: 500_000 });
    await vi.waitFor(() => expect(Status.mock.calls.length).toBeGreaterThan(reads));
    await textBecomes('sync-budget-current', '500 kB');

    type('sync-budget-mb', '2.5');
    click('sync-budget-save');
    await textBecomes('sync-budget-current', '2,5 MB');
    expect(SetBudget).toHaveBeenLastCalledWith({ bytes: 2_500_000 });
    await vi.waitFor(() => expect((byTestId('sync-budget-save') as HTMLButtonElement).disabled).toBe(false));

    // Empty is no limit.
    type('sync-budget-mb', '');
    click('sync-budget-save');
    await textBecomes('sync-budget-done', 'Đã bỏ hạn mức: đồng bộ không giới hạn.');
    expect(SetBudget).toHaveBeenLastCalledWith({ bytes: 0 });
    await textBecomes('sync-budget-current', 'Không giới hạn');
  });

  it('refuses a negative value or a non-number without calling Go', async () => {
    const { SetBudget } = budgetGo(admin, 0);
    render(App);
    await openSync();
    await shown('sync-budget-mb');

    type('sync-budget-mb', '-5');
    click('sync-budget-save');
    expect(textOf('sync-budget-mb-error')).toBe('Hãy nhập số MB không âm, ví dụ 50 hoặc 0,5.');
    expect(byTestId('sync-budget-mb')?.getAttribute('aria-invalid')).toBe('true');

    type('sync-budget-mb', 'năm mươi');
    click('sync-budget-save');
    expect(textOf('sync-budget-mb-error')).toBe('Hãy nhập số MB không âm, ví dụ 50 hoặc 0,5.');

    locale.set('en');
    click('sync-budget-save');
    expect(textOf('sync-budget-mb-error')).toBe('Enter a number of MB that is not negative, e.g. 50 or 0.5.');
    expect(SetBudget).not.toHaveBeenCalled();
    expect(byTestId('sync-budget-done')).toBeNull();
  });

  it('shows a refusal from Go translated', async () => {
    const { SetBudget } = budgetGo(admin, 0, async () => Promise.reject({ code: 'forbidden', message: 'admin only' }));
    render(App);
    await openSync();
    await shown('sync-budget-mb');
    type('sync-budget-mb', '50');
    click('sync-budget-save');
    await textBecomes('sync-budget-error', /^Tài khoản của bạn không có quyền thực hiện thao tác này\./);
    expect(SetBudget).toHaveBeenCalledWith({ bytes: 50_000_000 });
    expect(byTestId('sync-budget-done')).toBeNull();
    expect(textOf('sync-budget-current')).toBe('Không giới hạn');

    SetBudget.mockRejectedValueOnce({ code: 'invalid_input', field: 'bytes', message: 'bytes must be ≥ 0' });
    locale.set('en');
    click('sync-budget-save');
    await textBecomes('sync-budget-error', /^Some input is not valid\. Please check and try again\./);
  });

  it('a non-administrator sees the budget but no form', async () => {
    budgetGo(clerk, 0);
    render(App);
    await openSync();
    await shown('sync-budget-admin-only');
    expect(textOf('sync-budget-current')).toBe('Không giới hạn');
    expect(byTestId('sync-budget-form')).toBeNull();
  });
});

describe('sync now', () => {
  it('calls Sync.Now, shows an indeterminate progress bar, then the peers as they are after', async () => {
    let release: () => void = () => {};
    const after = {
      ...enrolled,
      peers: [{ ...enrolled.peers[0], receivedEvents: 130, lastSuccess: '2026-11-28T09:00:00+07:00' }, enrolled.peers[1]],
    };
    const Now = vi.fn(() => new Promise((resolve) => (release = () => resolve(after))));
    const calls = go(admin, { Status: async () => enrolled, Now });
    render(App);
    await openSync();
    await shown('sync-peers');

    click('sync-now');
    const bar = await shown('sync-progress');
    expect(bar.getAttribute('role')).toBe('progressbar');
    expect(bar.hasAttribute('aria-valuenow')).toBe(false);
    expect((byTestId('sync-now') as HTMLButtonElement).disabled).toBe(true);
    expect(calls.some((c) => c.method === 'Sync.Now')).toBe(true);

    release();
    await textBecomes('sync-now-done', 'Đã đồng bộ: 1 máy đang kết nối, tổng 130 sự kiện đã nhận.');
    expect(byTestId('sync-progress')).toBeNull();
    expect(textOf(`sync-peer-${PEER_A}-traffic`)).toBe('130 / 45');
    expect(textOf(`sync-peer-${PEER_A}-success`)).toBe(local('2026-11-28T09:00:00+07:00'));
  });

  it('says at once which peers it tried and why none could be reached, in words', async () => {
    const after = {
      ...enrolled,
      peers: enrolled.peers.map((p) => ({ ...p, connected: false })),
      tried: [
        { peer: PEER_A, office: '380', hub: true, code: 'dial_refused', events: 0, bytes: 0 },
        { peer: 'peer-without-address', office: '', hub: false, code: 'no_address', events: 0, bytes: 0 },
      ],
    };
    go(admin, { Status: async () => enrolled, Now: async () => after });
    render(App);
    await openSync();
    click('sync-now');
    await textBecomes('sync-now-done', 'Không đồng bộ được với máy nào trong 2 máy đã thử; lý do từng máy ở dưới.');
    expect(textOf(`sync-now-failed-${PEER_A}`)).toMatch(/\(máy chủ cấp trên\): Máy kia có trả lời nhưng phần mềm Hồ Sơ Một Cửa chưa chạy trên máy đó\.$/);
    expect(textOf('sync-now-failed-peer-without-address')).toMatch(/: .+/);
    expect(textOf('sync-now-failed')).not.toMatch(/dial_refused|no_address/);
  });

  it('not_ready is explained in words', async () => {
    go(admin, { Status: async () => enrolled, Now: async () => Promise.reject({ code: 'not_ready', message: 'no sync engine' }) });
    render(App);
    await openSync();
    click('sync-now');
    await textBecomes('sync-now-error', /^Đồng bộ chưa chạy trên máy này/);
  });
});

describe('bundles', () => {
  it('exports everything or one peer’s share and saves it through the desktop’s Files', async () => {
    const ExportBundle = vi.fn(async () => ({ filename: 'hoso-20261128-0915.hsb', content: btoa('HSB1 bundle'), events: 42, bytes: 2048 }));
    const SaveFile = vi.fn(async () => 'D:\\USB\\hoso-20261128-0915.hsb');
    go(admin, { Status: async () => enrolled, ExportBundle });
    window.go!.main = { Files: { SavePDF: vi.fn(), OpenPDF: vi.fn(), SaveFile } };
    render(App);
    await openSync();
    click('sync-tab-bundles');
    await shown('bundle-export');

    click('bundle-export');
    await textBecomes('bundle-export-note', 'Đã lưu D:\\USB\\hoso-20261128-0915.hsb: 42 sự kiện, 2 kB.');
    expect(ExportBundle).toHaveBeenLastCalledWith({ all: true });
    expect(SaveFile).toHaveBeenCalledWith('hoso-20261128-0915.hsb', btoa('HSB1 bundle'));

    choose('bundle-peer', PEER_A);
    click('bundle-export');
    await vi.waitFor(() => expect(ExportBundle).toHaveBeenLastCalledWith({ peer: PEER_A }));
    await vi.waitFor(() => expect(SaveFile).toHaveBeenCalledTimes(2));

    // With its files (scans, evidence) when asked.
    byTestId<HTMLInputElement>('bundle-files')!.click();
    click('bundle-export');
    await vi.waitFor(() => expect(ExportBundle).toHaveBeenLastCalledWith({ peer: PEER_A, files: true }));
  });

  it('imports the picked file as base64 and shows how much was new; a refused file says why', async () => {
    const bytes = new Uint8Array([0x48, 0x53, 0x42, 0x00, 0xff, 0x10, 0x80]);
    const ImportBundle = vi
      .fn()
      .mockResolvedValueOnce({ events: 7, added: 3 })
      .mockRejectedValueOnce({ code: 'bundle_rejected', message: 'chữ ký không khớp (tệp đã bị sửa)' });
    go(admin, { Status: async () => enrolled, ImportBundle });
    render(App);
    await openSync();
    click('sync-tab-bundles');
    await shown('bundle-import');
    expect(byTestId('bundle-import')?.getAttribute('accept')).toBe('.hsb');

    chooseFile('bundle-import', new File([bytes], 'hoso-20261127-1700.hsb'));
    await textBecomes('bundle-import-result', 'Đã nhập hoso-20261127-1700.hsb: 7 sự kiện, 3 mới.');
    const sent = (ImportBundle.mock.calls[0][0] as { content: string }).content;
    expect([...atob(sent)].map((c) => c.charCodeAt(0))).toEqual([...bytes]);

    chooseFile('bundle-import', new File([bytes.slice(0, 3)], 'hong.hsb'));
    await textBecomes('bundle-import-error', 'Tệp đồng bộ bị từ chối, không nhập gì: chữ ký không khớp (tệp đã bị sửa)');
    expect(byTestId('bundle-import-result')).toBeNull();
  });

  it('says what of an imported file was not imported and why: counts per reason and the dossiers, the first ones listed', async () => {
    const listed = Array.from({ length: 50 }, (_, i) => `dossier/38002-${String(i).padStart(4, '0')}`);
    const ImportBundle = vi.fn().mockResolvedValueOnce({
      events: 9,
      added: 9,
      skipped: [
        { reason: 'out-of-scope', events: 70, subjects: 52, listed },
        { reason: 'wrong-office', events: 1, subjects: 1, listed: ['dossier/38001-0009'] },
      ],
    });
    go(admin, { Status: async () => enrolled, ImportBundle });
    render(App);
    await openSync();
    click('sync-tab-bundles');
    await shown('bundle-import');
    chooseFile('bundle-import', new File([new Uint8Array([1, 2, 3])], 'lien-thong.hsb'));
    await textBecomes('bundle-import-result', 'Đã nhập lien-thong.hsb: 9 sự kiện, 9 mới.');
    const scope = byTestId('bundle-skip-out-of-scope')?.textContent ?? '';
    expect(scope).toContain('70 sự kiện của 52 hồ sơ/bản ghi cơ quan này không được giữ');
    expect(scope).toContain('38002-0000, 38002-0001');
    expect(scope).toContain('38002-0049 và 2 mục khác');
    expect(scope).not.toContain('dossier/');
    expect(byTestId('bundle-skip-wrong-office')?.textContent).toContain('1 sự kiện của 1 hồ sơ/bản ghi do máy ghi thay cho cơ quan không phải của nó: 38001-0009');
  });
});

describe('enrolment', () => {
  it('issues a child’s enrolment: the text to copy and its QR code', async () => {
    const text = `HSENROL1.${'A'.repeat(900)}`;
    const Issue = vi
      .fn()
      .mockRejectedValueOnce({ code: 'invalid_input', field: 'peer', message: 'not a peer ID' })
      .mockResolvedValue({ text, expires: '2027-11-28T10:00:00+07:00' });
    go(admin, { Status: async () => ({ ...enrolled, role: 'district', office: '380', path: '38/380' }), Issue });
    render(App);
    await openSync();
    click('sync-tab-enrol');
    await shown('enrol-issue-panel');

    click('enrol-issue');
    expect(textOf('enrol-issue-peer-error')).toBe('Trường này là bắt buộc.');
    expect(Issue).not.toHaveBeenCalled();

    type('enrol-issue-peer', 'sai');
    type('enrol-issue-office', '38001');
    choose('enrol-issue-role', 'commune');
    type('enrol-issue-days', '30');
    click('enrol-issue');
    await textBecomes('enrol-issue-peer-error', 'Không hợp lệ: not a peer ID');

    type('enrol-issue-peer', PEER_B);
    click('enrol-issue');
    await shown('enrol-text');
    expect(Issue).toHaveBeenLastCalledWith({ peer: PEER_B, office: '38001', role: 'commune', days: 30 });
    expect((byTestId('enrol-text') as HTMLTextAreaElement).value).toBe(text);
    expect((byTestId('enrol-text') as HTMLTextAreaElement).readOnly).toBe(true);
    expect(textOf('enrol-expires')).toBe(`Hết hạn ${local('2027-11-28T10:00:00+07:00')}`);
    const qr = await shown('enrol-qr');
    expect(qr.getAttribute('src')).toBe(`data:image/svg+xml,QR(${text})`);
  });

  it('a new device accepts the text; a text refused is explained beside the field', async () => {
    const Accept = vi
      .fn()
      .mockRejectedValueOnce({ code: 'invalid_input', field: 'text', message: 'enrolment is for another peer', params: { rule: 'other_device' } })
      .mockRejectedValueOnce({ code: 'invalid_input', field: 'text', message: 'trust: not a valid certificate: EOF' })
      .mockResolvedValue(enrolled);
    go(admin, { Status: async () => notEnrolled, Accept });
    render(App);
    await openSync();
    await shown('enrol-accept-text');

    click('enrol-accept');
    expect(textOf('enrol-accept-text-error')).toBe('Hãy dán văn bản chứng nhận.');
    expect(Accept).not.toHaveBeenCalled();

    type('enrol-accept-text', ' HSENROL1.khac ');
    click('enrol-accept');
    // Why, in Vietnamese words chosen by Go's rule; Go's English message is not shown.
    await textBecomes('enrol-accept-text-error', /^Không nhận được chứng nhận\. Chứng nhận này cấp cho một máy khác/);
    expect(textOf('enrol-accept-text-error')).not.toContain('another peer');
    expect(Accept).toHaveBeenCalledWith({ text: 'HSENROL1.khac' });
    expect(byTestId('enrol-accept-text')?.getAttribute('aria-invalid')).toBe('true');

    // A refusal without a known rule reads as the general sentence, still without Go's words.
    click('enrol-accept');
    await textBecomes('enrol-accept-text-error', /^Không nhận được chứng nhận: đây không phải văn bản chứng nhận/);
    expect(textOf('enrol-accept-text-error')).not.toContain('trust:');

    click('enrol-accept');
    await textBecomes('enrol-accept-done', `Đã nhận chứng nhận: 38/380/38001, hết hạn ${local(enrolled.expires)}.`);
    await shown('sync-enrolled');
    expect(byTestId('sync-not-enrolled')).toBeNull();
  });

  it('revokes a device after a confirmation', async () => {
    const Revoke = vi.fn(async () => ({ ...enrolled, peers: [enrolled.peers[0]] }));
    go(admin, { Status: async () => enrolled, Revoke });
    render(App);
    await openSync();
    click('sync-tab-enrol');
    await shown('enrol-revoke');
    type('enrol-revoke-peer', PEER_B);
    click('enrol-revoke');
    expect(Revoke).not.toHaveBeenCalled();
    click('enrol-revoke-confirm');
    await textBecomes('enrol-revoke-done', `Đã thu hồi chứng nhận của ${PEER_B}.`);
    expect(Revoke).toHaveBeenCalledWith({ peer: PEER_B });
  });
});
