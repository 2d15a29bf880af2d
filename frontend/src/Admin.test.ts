// Administration in jsdom with the Go side faked through the Bridge: the
// users form, the catalog (search, import refused with its row table,
// a procedure saved as a new version), the holidays of a year, and what a
// non-administrator does not see.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import type { PrintSettings, Procedure, ProcedureSummary, UserInfo } from './lib/api';
import { locale } from './lib/i18n';
import { resetAuth } from './lib/stores/auth';
import { clearError } from './lib/stores/errors';
import { adminTab, currentSection } from './lib/stores/navigation';
import { systemInfo } from './lib/stores/system';
import { recoveryRenewed, vault } from './lib/stores/vault';
import { installGo, type Fake, type FakeServices } from './test/fakeGo';
import type * as gen from './lib/api.gen';
import {
  allByTestId,
  byTestId,
  choose,
  chooseFile,
  cleanup,
  click,
  render,
  shown,
  textBecomes,
  textOf,
  type,
} from './test/dom';

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
const clerk: UserInfo = { ...admin, id: 'u02', username: 'tiepnhan', fullName: 'Trần Văn Tiếp', roles: ['clerk'] };

function go(user: UserInfo, services: FakeServices = {}) {
  sessionStorage.setItem('hoso.session', `sess-${user.username}`);
  return installGo({
    Vault: { Status: async () => ({ state: 'ready', method: 'keyfile', osKeyStore: false, recoveryKey: '' }) },
    System: {
      Info: async () => ({ version: '0.2.0', office, peerId: 'p', dataDir: '/d', language: '', syncState: 'idle' }),
      SetLanguage: async (r: { language: string }) => r,
    },
    Setup: { Status: async () => ({ needed: false, office }) },
    Auth: { Me: async () => user, Logout: async () => ({}) },
    Offices: {
      List: async () => ({
        offices: [
          { code: '38001', name: 'UBND xã Đông Sơn', parent: '380', agencyId: '38001', version: 1 },
          { code: '38', name: 'UBND tỉnh Thanh Hóa', parent: '', agencyId: '38', version: 1 },
          { code: '380', name: 'UBND huyện Đông Sơn', parent: '38', agencyId: 'H38.80', version: 2 },
        ],
      }),
    },
    ...services,
  });
}

/** Opens an Administration tab once the shell is up. */
async function openTab(tab: string): Promise<void> {
  await shown('nav-admin');
  click('nav-admin');
  await shown(`admin-tab-${tab}`);
  click(`admin-tab-${tab}`);
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

describe('tabs', () => {
  it('offices are shown as a tree; a non-administrator sees no Users tab and no edit controls', async () => {
    go(clerk);
    render(App);
    await openTab('offices');
    await shown('office-38001');
    expect(byTestId('admin-tab-users')).toBeNull();
    expect(byTestId('office-new')).toBeNull();
    expect(byTestId('office-edit-38001')).toBeNull();
    const order = [...document.querySelectorAll('[role="treeitem"]')].map((li) => [
      li.getAttribute('data-testid'),
      li.getAttribute('aria-level'),
    ]);
    expect(order).toEqual([
      ['office-38', '1'],
      ['office-380', '2'],
      ['office-38001', '3'],
    ]);
    expect(textOf('office-380')).toContain('H38.80');
    expect(location.hash).toBe('#/admin/offices');
  });
});

describe('users', () => {
  it('lists accounts with translated roles and badges; creates one with field errors from Go', async () => {
    let users: UserInfo[] = [
      admin,
      { ...clerk, locked: true },
      { ...clerk, id: 'u03', username: 'cu', fullName: 'Người Cũ', roles: ['officer', 'leader'], disabled: true },
    ];
    const Save = vi
      .fn()
      .mockRejectedValueOnce({ code: 'conflict', field: 'username', message: 'the user name xuly is taken' })
      .mockImplementation(async (req: { username: string; fullName: string; office: string; roles: UserInfo['roles'] }) => {
        const u: UserInfo = { id: 'u09', ...req, disabled: false, locked: false };
        users = [...users, u];
        return u;
      });
    const Unlock = vi.fn(async ({ id }: { id: string }) => {
      users = users.map((u) => (u.id === id ? { ...u, locked: false } : u));
      const user = users.find((u) => u.id === id);
      if (!user) throw { code: 'not_found', message: `no user ${id}` };
      return user;
    });
    go(admin, { Users: { List: async () => ({ users }), Save, Unlock, Disable: vi.fn() } });
    render(App);
    await openTab('users');

    await shown('user-row-tiepnhan');
    expect(textOf('user-row-tiepnhan')).toContain('Cán bộ tiếp nhận');
    expect(textOf('user-row-tiepnhan')).toContain('UBND xã Đông Sơn (38001)');
    expect(byTestId('user-row-tiepnhan')?.querySelector('[data-testid="user-locked"]')?.textContent).toBe('Đang bị khóa');
    expect(textOf('user-row-cu')).toContain('Chuyên viên xử lý');
    expect(textOf('user-row-cu')).toContain('Lãnh đạo');
    expect(byTestId('user-row-cu')?.querySelector('[data-testid="user-disabled"]')?.textContent).toBe('Đã vô hiệu hóa');
    expect(byTestId('user-disable-admin')).toBeNull(); // not one's own account

    click('user-unlock-tiepnhan');
    await textBecomes('users-notice', 'Đã mở khóa tài khoản tiepnhan.');
    expect(Unlock).toHaveBeenCalledWith({ id: 'u02' });
    await vi.waitFor(() => expect(byTestId('user-row-tiepnhan')?.querySelector('[data-testid="user-locked"]')).toBeNull());

    click('user-new');
    await shown('user-form');
    click('user-save');
    expect(textOf('user-username-error')).toContain('Tên đăng nhập gồm 3–32 ký tự');
    expect(textOf('user-fullname-error')).toBe('Trường này là bắt buộc.');
    expect(textOf('user-password-error')).toBe('Mật khẩu cần ít nhất 8 ký tự.');
    expect(Save).not.toHaveBeenCalled();

    type('user-username', 'xuly');
    type('user-fullname', 'Phạm Văn Xử');
    click('user-role-clerk'); // off
    click('user-role-officer'); // on
    type('user-password', 'mật khẩu mới');
    type('user-confirm', 'mật khẩu mới');
    click('user-save');
    await textBecomes('user-username-error', 'Tên đăng nhập này đã có người dùng.');
    expect(Save).toHaveBeenLastCalledWith({
      username: 'xuly',
      fullName: 'Phạm Văn Xử',
      office: '38001',
      roles: ['officer'],
      password: 'mật khẩu mới',
    });

    click('user-save');
    await textBecomes('users-notice', 'Đã tạo tài khoản xuly.');
    expect(byTestId('user-form')).toBeNull();
    await shown('user-row-xuly');
  });

  it('editing keeps the password unless a new one is typed', async () => {
    const Save = vi.fn(async (req: UserInfo) => ({ ...clerk, ...req }));
    go(admin, { Users: { List: async () => ({ users: [admin, clerk] }), Save } });
    render(App);
    await openTab('users');
    await shown('user-edit-tiepnhan');
    click('user-edit-tiepnhan');
    expect((byTestId('user-username') as HTMLInputElement).value).toBe('tiepnhan');
    click('user-role-leader');
    click('user-save');
    await vi.waitFor(() => expect(Save).toHaveBeenCalled());
    expect(Save).toHaveBeenCalledWith({
      id: 'u02',
      username: 'tiepnhan',
      fullName: 'Trần Văn Tiếp',
      office: '38001',
      roles: ['clerk', 'leader'],
    });
  });
});

function summary(p: Partial<ProcedureSummary> & { code: string; name: string }): ProcedureSummary {
  return {
    sector: 'Hộ tịch',
    level: 'commune',
    timeLimitWD: 0,
    extendedTimeLimitWD: null,
    feeVND: 0,
    feeNote: '',
    interagency: 'none',
    active: true,
    version: 1,
    ...p,
  };
}

const procedures = [
  summary({ code: '1.001193', name: 'Đăng ký khai sinh' }),
  summary({ code: '1.000656', name: 'Đăng ký khai tử', feeVND: 8000 }),
  summary({ code: '1.001612', name: 'Đăng ký thành lập hộ kinh doanh', sector: 'Đăng ký kinh doanh', timeLimitWD: 3, feeVND: null }),
];

/** A Catalog.List that folds accents, as Go does. */
function fakeList() {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{Mn}/gu, '').replace(/đ/gi, 'd').toLowerCase();
  return vi.fn(async (req?: { query?: string; sector?: string }) => ({
    procedures: procedures.filter(
      (p) =>
        (!req?.sector || p.sector === req.sector) &&
        (!req?.query || fold(p.name).includes(fold(req.query)) || p.code.includes(req.query)),
    ),
    sectors: ['Hộ tịch', 'Đăng ký kinh doanh'],
  }));
}

describe('catalog', () => {
  it('lists procedures with time limits and fees; searches without accents; filters by sector', async () => {
    const List = fakeList();
    go(clerk, { Catalog: { List } });
    render(App);
    await openTab('catalog');

    await shown('catalog-row-1.001193');
    expect(textOf('catalog-count')).toBe('3 thủ tục');
    expect(textOf('catalog-limit-1.001193')).toBe('0 (trong ngày)');
    expect(textOf('catalog-limit-1.001612')).toBe('3 ngày làm việc');
    expect(textOf('catalog-row-1.001612')).toContain('HĐND tỉnh quy định');
    expect(textOf('catalog-row-1.000656')).toContain('8.000 đ');
    expect(textOf('catalog-row-1.001193')).toContain('Miễn phí');
    // A clerk reads; no import, new or edit.
    expect(byTestId('catalog-import')).toBeNull();
    expect(byTestId('catalog-new')).toBeNull();

    type('catalog-search', 'khai sinh');
    await vi.waitFor(() => expect(List).toHaveBeenLastCalledWith({ query: 'khai sinh' }));
    await textBecomes('catalog-count', '1 thủ tục');
    expect(byTestId('catalog-row-1.001193')).not.toBeNull();
    expect(byTestId('catalog-row-1.000656')).toBeNull();

    type('catalog-search', '');
    choose('catalog-sector', 'Đăng ký kinh doanh');
    await vi.waitFor(() => expect(List).toHaveBeenLastCalledWith({ sector: 'Đăng ký kinh doanh' }));
    await shown('catalog-row-1.001612');
    expect(byTestId('catalog-row-1.001193')).toBeNull();
    expect(textOf('catalog-count')).toBe('1 thủ tục');

    locale.set('en');
    await textBecomes('catalog-limit-1.001612', '3 working days');
    expect(textOf('catalog-row-1.001612')).toContain('Set by the provincial council');
  });

  it('an import refused whole shows the problems by row and says nothing was imported; a good file imports', async () => {
    const Import = vi
      .fn()
      .mockRejectedValueOnce({
        code: 'import_rejected',
        message: 'refusing the csv catalog file: 2 problem(s)',
        details: {
          rows: [
            { row: 3, column: 'time_limit_wd', code: 'bad_number', message: 'time_limit_wd must be a whole number, got "abc"' },
            { row: 4, column: 'level', code: 'odd_new_code', message: 'level must be commune, district or province' },
          ],
        },
      })
      .mockResolvedValue({ imported: 2, changed: 1, unchanged: 1 });
    const List = fakeList();
    go(admin, { Catalog: { List, Import } });
    render(App);
    await openTab('catalog');
    await shown('catalog-import');

    const csv = 'code,name,sector,time_limit_wd\nL.THU01,Thủ tục thử,Thử,3\nL.THU02,Thủ tục hai,Thử,abc\n';
    chooseFile('catalog-import-input', new File([csv], 'danh-muc.csv', { type: 'text/csv' }));
    await shown('import-errors');
    expect(Import).toHaveBeenCalledWith({ format: 'csv', content: csv, encoding: '' });
    expect(textOf('import-errors')).toContain('Tệp danh-muc.csv bị từ chối.');
    expect(textOf('import-errors')).toContain('Không có thủ tục nào được nhập');
    const rows = allByTestId('import-error-row').map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim()));
    expect(rows[0][0]).toBe('3');
    expect(rows[0][1]).toBe('time_limit_wd');
    expect(rows[0][2]).toContain('Không phải số nguyên');
    // An unknown code falls back on Go's English message.
    expect(rows[1]).toEqual(['4', 'level', 'level must be commune, district or province']);
    expect(byTestId('import-result')).toBeNull();

    chooseFile('catalog-import-input', new File([csv.replace('abc', '5')], 'danh-muc.csv'));
    await textBecomes(
      'import-result',
      'Đã nhập tệp danh-muc.csv: 2 thủ tục, trong đó 1 thủ tục mới hoặc thay đổi và 1 không đổi.',
    );
    expect(byTestId('import-errors')).toBeNull();
  });

  it('a spreadsheet is sent as base64; another kind of file is refused here', async () => {
    const Import = vi.fn(async () => ({ imported: 1, changed: 1, unchanged: 0 }));
    go(admin, { Catalog: { List: fakeList(), Import } });
    render(App);
    await openTab('catalog');
    await shown('catalog-import');
    chooseFile('catalog-import-input', new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff])], 'dm.xlsx'));
    await shown('import-result');
    expect(Import).toHaveBeenCalledWith({ format: 'xlsx', content: 'UEsDBP8=', encoding: 'base64' });

    chooseFile('catalog-import-input', new File(['x'], 'dm.pdf'));
    await textBecomes('import-error', 'Tệp dm.pdf không phải .csv, .json hay .xlsx.');
    expect(Import).toHaveBeenCalledTimes(1);
  });

  it('export downloads the file Go wrote', async () => {
    const Export = vi.fn(async () => ({ filename: 'danh-muc-thu-tuc.csv', mime: 'text/csv', content: btoa('code,name\n') }));
    const created: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => {
      created.push(b);
      return 'blob:x';
    });
    URL.revokeObjectURL = vi.fn();
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toBe('danh-muc-thu-tuc.csv');
    });
    go(admin, { Catalog: { List: fakeList(), Export } });
    render(App);
    await openTab('catalog');
    await shown('catalog-export');
    choose('catalog-export-format', 'csv');
    click('catalog-export');
    await vi.waitFor(() => expect(clicked).toHaveBeenCalled());
    expect(Export).toHaveBeenCalledWith({ format: 'csv' });
    expect(created[0].type).toBe('text/csv');
    clicked.mockRestore();
  });

  it('a procedure: Go field errors beside the fields, then a new version in the list; old versions read-only', async () => {
    const base: Procedure = {
      code: '1.001612',
      name: 'Đăng ký thành lập hộ kinh doanh',
      sector: 'Đăng ký kinh doanh',
      level: 'commune',
      timeLimitWD: 3,
      extendedTimeLimitWD: null,
      feeVND: null,
      feeNote: '',
      documents: [{ name: 'Giấy đề nghị', form: 'original', count: 1, required: true }],
      agencies: [],
      interagency: 'none',
      steps: [
        { name: 'Tiếp nhận', role: 'clerk', hours: 4, form: 'Mẫu 01' },
        { name: 'Thẩm định', role: 'officer', hours: 16, form: '' },
      ],
      confidence: 'unsure',
      active: true,
    };
    const versions = [{ version: 1, at: '2026-11-20T08:00:00Z', actor: 'operator' }];
    let current = base;
    // The form's Procedure admits the nulls of a cleared field (a fee rule's
    // amounts); these fixtures hold none, as Go sends none.
    const Get = vi.fn(async ({ version }: { code: string; version?: number }) => ({
      procedure: (version === 1 ? base : current) as Fake<gen.Procedure>,
      version: version ?? versions.length,
      versions: [...versions],
    }));
    const Save = vi
      .fn()
      .mockRejectedValueOnce({
        code: 'invalid_input',
        field: 'procedure.timeLimitWD',
        message: 'invalid procedure',
        details: [
          { field: 'procedure.timeLimitWD', code: 'out_of_range', message: 'timeLimitWD must be 0 to 365' },
          { field: 'procedure.steps[1].hours', code: 'steps_over_limit', message: 'the steps take 20 hours' },
        ],
      })
      .mockImplementation(async ({ procedure }: { procedure: Procedure }) => {
        current = procedure;
        versions.push({ version: 2, at: '2026-11-27T07:05:00Z', actor: 'u01' });
        return { procedure, version: 2, versions: [...versions] };
      });
    go(admin, { Catalog: { List: fakeList(), Get, Save } });
    render(App);
    await openTab('catalog');
    await shown('catalog-open-1.001612');
    click('catalog-open-1.001612');
    await shown('procedure-form');
    expect(Get).toHaveBeenCalledWith({ code: '1.001612' });
    expect(textOf('procedure-version')).toBe('Phiên bản 1');
    expect((byTestId('proc-code') as HTMLInputElement).readOnly).toBe(true);

    type('proc-time-limit', '999');
    click('proc-save');
    await textBecomes('proc-error-timeLimitWD', 'Ngoài khoảng cho phép.');
    expect(textOf('proc-error-steps-1-hours')).toBe('Tổng thời gian các bước vượt thời hạn giải quyết.');
    expect(byTestId('proc-time-limit')?.getAttribute('aria-invalid')).toBe('true');
    expect(textOf('proc-problems')).toContain('có 2 chỗ chưa hợp lệ');

    type('proc-time-limit', '5');
    expect(byTestId('proc-error-timeLimitWD')).toBeNull();
    click('proc-save');
    await textBecomes('procedure-saved', 'Đã lưu: phiên bản 2.');
    expect(Save).toHaveBeenLastCalledWith({ procedure: { ...base, timeLimitWD: 5 } });
    expect(byTestId('procedure-version-2')).not.toBeNull();
    expect(textOf('procedure-version-2')).toContain('hiện hành');
    expect(textOf('procedure-version-2')).toContain('Lê Thị Quản Trị');
    expect(textOf('procedure-version-1')).toContain('Người vận hành máy chủ');

    // Version 1, read-only.
    byTestId('procedure-version-1')?.querySelector('button')?.click();
    await shown('procedure-past');
    expect(byTestId('procedure-form')).toBeNull();
    expect(textOf('view-time-limit')).toBe('3 ngày làm việc');
    expect(Get).toHaveBeenLastCalledWith({ code: '1.001612', version: 1 });
  });
  it('a paper\'s validity in months is entered per document, refused in words outside 0..600, and saved with the procedure', async () => {
    const base: Procedure = {
      code: '1.001612',
      name: 'Đăng ký thành lập hộ kinh doanh',
      sector: 'Đăng ký kinh doanh',
      level: 'commune',
      timeLimitWD: 3,
      extendedTimeLimitWD: null,
      feeVND: null,
      feeNote: '',
      documents: [
        { name: 'Giấy đề nghị', form: 'original', count: 1, required: true },
        { name: 'Giấy khám sức khỏe', form: 'original', count: 1, required: true, validMonths: 6 },
      ],
      agencies: [],
      interagency: 'none',
      steps: [{ name: 'Tiếp nhận', role: 'clerk', hours: 4, form: '' }],
      confidence: 'unsure',
      active: true,
    };
    const versions = [{ version: 1, at: '2026-11-20T08:00:00Z', actor: 'operator' }];
    const Get = vi.fn(async () => ({ procedure: base as Fake<gen.Procedure>, version: 1, versions: [...versions] }));
    const Save = vi.fn().mockImplementation(async ({ procedure }: { procedure: Procedure }) => ({ procedure, version: 2, versions: [...versions, { version: 2, at: '2026-11-27T07:05:00Z', actor: 'u01' }] }));
    go(admin, { Catalog: { List: fakeList(), Get, Save } });
    render(App);
    await openTab('catalog');
    await shown('catalog-open-1.001612');
    click('catalog-open-1.001612');
    await shown('procedure-form');
    expect((byTestId('proc-doc-valid-1') as HTMLInputElement).value).toBe('6');
    expect((byTestId('proc-doc-valid-0') as HTMLInputElement).value).toBe('');
    type('proc-doc-valid-0', '601');
    click('proc-save');
    await textBecomes('proc-error-documents-0-validMonths', 'Thời hạn hiệu lực phải là số tháng nguyên từ 0 (không giới hạn) đến 600.');
    expect(byTestId('proc-doc-valid-0')?.getAttribute('aria-invalid')).toBe('true');
    expect(Save).not.toHaveBeenCalled();
    type('proc-doc-valid-0', '12');
    expect(byTestId('proc-error-documents-0-validMonths')).toBeNull();
    type('proc-doc-valid-1', '0');
    click('proc-save');
    await textBecomes('procedure-saved', 'Đã lưu: phiên bản 2.');
    expect(Save).toHaveBeenLastCalledWith({
      procedure: { ...base, documents: [{ ...base.documents[0], validMonths: 12 }, { name: 'Giấy khám sức khỏe', form: 'original', count: 1, required: true }] },
    });
    // The version before, read-only, shows each paper's validity.
    byTestId('procedure-version-1')?.querySelector('button')?.click();
    await shown('procedure-past');
    expect(textOf('view-doc-valid-1')).toBe('6');
    expect(textOf('view-doc-valid-0')).toBe('—');
  });
});

describe('calendar', () => {
  it('lists a year’s days off by month with the weekday, and changes year', async () => {
    const Holidays = vi.fn(async ({ year }: { year: number }) => ({
      year,
      holidays: [
        { date: `${year}-01-01`, name: 'Tết Dương lịch', nameEn: "New Year's Day", kind: 'statutory' },
        { date: `${year}-02-17`, name: 'Tết Nguyên đán', nameEn: 'Lunar New Year (Tết)', kind: 'tet' },
        {
          date: `${year}-04-27`,
          name: 'Nghỉ bù Giỗ Tổ Hùng Vương',
          nameEn: "Make-up day off for Hung Kings' Commemoration Day",
          kind: 'makeup',
          makesUpFor: `${year}-04-26`,
        },
      ],
      swappedWorkingDays: [{ date: `${year}-02-07`, name: 'Làm bù', nameEn: 'Working day' }],
      override: null,
    }));
    go(clerk, { Calendar: { Holidays, DueDate: vi.fn() } });
    render(App);
    await openTab('calendar');

    await shown('cal-day-2026-01-01');
    expect(Holidays).toHaveBeenCalledWith({ year: 2026 });
    expect(textOf('cal-month-1')).toContain('Tháng 1');
    expect(textOf('cal-day-2026-01-01')).toBe('Thứ Năm 01/01/2026 Tết Dương lịch Ngày lễ');
    expect(textOf('cal-day-2026-04-27')).toContain('bù cho 26/04/2026');
    expect(textOf('cal-day-2026-04-27')).toContain('Thứ Hai');
    expect(textOf('cal-day-2026-02-07')).toContain('Làm bù');
    const months = [...document.querySelectorAll('[data-testid^="cal-month-"]')].map((m) => m.getAttribute('data-testid'));
    expect(months).toEqual(['cal-month-1', 'cal-month-2', 'cal-month-4']);
    expect(byTestId('cal-override-edit')).toBeNull(); // a clerk reads only
    expect(textOf('cal-no-override')).toContain('chưa có điều chỉnh riêng');

    click('cal-next');
    await shown('cal-day-2027-01-01');
    expect(Holidays).toHaveBeenLastCalledWith({ year: 2027 });
    expect(textOf('cal-day-2027-01-01')).toContain('Thứ Sáu');

    locale.set('en');
    await textBecomes('cal-day-2027-01-01', "Friday 01/01/2027 New Year's Day Public holiday");
  });

  it('the override editor shows Go’s problems beside the days, and the due-date helper answers', async () => {
    const reply = (year: number) => ({ year, holidays: [], swappedWorkingDays: [], override: null });
    const SetOverride = vi.fn(async () =>
      Promise.reject({
        code: 'invalid_input',
        field: 'override.overrides[0].nationalDayExtra',
        message: 'calendar: invalid override',
        details: [{ field: 'override.overrides[0].nationalDayExtra', message: '2026-09-05 is not next to 2026-09-02' }],
      }),
    );
    const DueDate = vi.fn(async () => ({ due: '2026-12-03T17:00:00+07:00', receptionDay: '2026-11-30' }));
    go(admin, { Calendar: { Holidays: async ({ year }: { year: number }) => reply(year), SetOverride, DueDate } });
    render(App);
    await openTab('calendar');
    await shown('cal-override-edit');
    click('cal-override-edit');
    await shown('override-form');
    type('override-national', '05/09/2026');
    type('override-notes', 'Thông báo 1/TB-BNV');
    (byTestId('override-form') as HTMLFormElement).requestSubmit();
    await shown('override-error');
    expect(SetOverride).toHaveBeenCalledWith({
      override: { year: 2026, nationalDayExtra: '2026-09-05', notes: 'Thông báo 1/TB-BNV' },
    });
    expect(textOf('override-error')).toContain('2026-09-05 is not next to 2026-09-02');
    expect(byTestId('override-national')?.getAttribute('aria-invalid')).toBe('true');

    type('due-received-date', '27/11/2026');
    type('due-received-time', '15:30');
    type('due-working-days', '3');
    click('due-submit');
    await textBecomes('due-at', '03/12/2026 17:00');
    expect(textOf('due-reception-day')).toBe('30/11/2026');
    expect(DueDate).toHaveBeenCalledWith({ received: '2026-11-27T15:30:00+07:00', workingDays: 3 });
  });
});

describe('calendar rules as reference data', () => {
  const RULES = {
    workingWeekdays: [1, 2, 3, 4, 5],
    solar: [
      { month: 1, day: 1, name: 'Tết Dương lịch', nameEn: "New Year's Day" },
      { month: 9, day: 2, name: 'Quốc khánh', nameEn: 'National Day' },
    ],
    lunar: [{ month: 3, day: 10, name: 'Giỗ Tổ Hùng Vương', nameEn: "Hung Kings' Commemoration Day", from: 2007 }],
    tet: [{ offsets: [-1, 0, 1, 2, 3], name: 'Tết Nguyên đán', nameEn: 'Lunar New Year (Tết)', from: 2014 }],
    nationalDayExtra: [],
    makeUp: 'nextWorkingDay',
  };
  const BUILTIN = {
    rules: RULES,
    due: { cutoff: '15:00', dueTime: '17:00' },
    basis: 'Bộ luật Lao động 2019',
    effective: '',
    office: '',
    version: 0,
    actor: '',
    recordedAt: '0001-01-01T00:00:00Z',
  };
  const holidays = async ({ year }: { year: number }) => ({ year, holidays: [], swappedWorkingDays: [], override: null });

  it('lists the versions that govern the office with their basis and effective date; a clerk cannot publish', async () => {
    const Rules = vi.fn(async () => ({ office: '38001', inForce: BUILTIN, timeline: [BUILTIN], own: [] }));
    go(clerk, { Calendar: { Holidays: holidays, Rules, DueDate: vi.fn() } });
    render(App);
    await openTab('calendar');
    await shown('cr-version-builtin-0');
    expect(textOf('cr-version-builtin-0')).toContain('Mặc định (Bộ luật Lao động 2019)');
    expect(textOf('cr-version-builtin-0')).toContain('Đang áp dụng');
    expect(textOf('cr-version-builtin-0')).toContain('2/9 Quốc khánh');
    expect(textOf('cr-version-builtin-0')).toContain('10/3 âm lịch Giỗ Tổ Hùng Vương (từ năm 2007)');
    expect(byTestId('cr-new')).toBeNull();
  });

  it('an administrator publishes a new fixed-date holiday from 2026 with its basis and effective date', async () => {
    const published = {
      ...BUILTIN,
      rules: { ...RULES, solar: [...RULES.solar, { month: 11, day: 24, name: 'Ngày Văn hóa Việt Nam', nameEn: 'Vietnam Culture Day', from: 2026 }] },
      basis: 'Nghị quyết (cần xác minh)',
      effective: '2026-01-01',
      office: '38001',
      version: 1,
      actor: 'u-admin',
      recordedAt: '2026-11-27T02:00:00Z',
    };
    const SetRules = vi
      .fn()
      .mockRejectedValueOnce({ code: 'invalid_input', field: 'rules.solar[2].day', message: 'bad', details: [{ field: 'rules.solar[2].day', message: '31/11 is not a day' }] })
      .mockResolvedValueOnce({ office: '38001', inForce: published, timeline: [BUILTIN, published], own: [published] });
    const Rules = vi.fn(async () => ({ office: '38001', inForce: BUILTIN, timeline: [BUILTIN], own: [] }));
    const Holidays = vi.fn(holidays);
    go(admin, { Calendar: { Holidays, Rules, SetRules, DueDate: vi.fn() } });
    render(App);
    await openTab('calendar');
    await shown('cr-new');
    click('cr-new');
    await shown('cr-form');
    expect((byTestId('cr-name-1') as HTMLInputElement).value).toBe('Quốc khánh');
    click('cr-add');
    await shown('cr-day-2');
    type('cr-day-2', '31');
    type('cr-month-2', '11');
    type('cr-name-2', 'Ngày Văn hóa Việt Nam');
    type('cr-name-en-2', 'Vietnam Culture Day');
    type('cr-from-2', '2026');
    (byTestId('cr-form') as HTMLFormElement).requestSubmit();
    await shown('cr-basis-error');
    expect(textOf('cr-basis-error')).toBe('Hãy ghi căn cứ pháp lý của quy định.');
    expect(SetRules).not.toHaveBeenCalled();

    type('cr-basis', 'Nghị quyết (cần xác minh)');
    type('cr-effective', '01/01/2026');
    (byTestId('cr-form') as HTMLFormElement).requestSubmit();
    await shown('cr-row-error-2');
    expect(textOf('cr-row-error-2')).toBe('31/11 is not a day');
    type('cr-day-2', '24');
    (byTestId('cr-form') as HTMLFormElement).requestSubmit();
    await shown('cr-saved');
    expect(SetRules).toHaveBeenLastCalledWith({
      rules: published.rules,
      due: { cutoff: '15:00', dueTime: '17:00' },
      basis: 'Nghị quyết (cần xác minh)',
      effective: '2026-01-01',
    });
    expect(textOf('cr-version-38001-1')).toContain('01/01/2026');
    expect(textOf('cr-version-38001-1')).toContain('Đang áp dụng');
    expect(textOf('cr-version-38001-1')).toContain('24/11 Ngày Văn hóa Việt Nam (từ năm 2026)');
    // The year's days off are asked again, computed with the new rules.
    await vi.waitFor(() => expect(Holidays.mock.calls.length).toBeGreaterThanOrEqual(2));
  });
});

describe('rule history', () => {
  it('lists every version with office, actor, basis and effective date, whether it applies here; filters by kind', async () => {
    const change = (over: object) => ({
      kind: 'calendar',
      subject: 'calendar/rules/38',
      event: 'calendar.rules_published',
      summary: 'Quy định ngày nghỉ',
      version: 1,
      office: '38',
      officeName: 'UBND tỉnh Thanh Hóa',
      actor: 'u-38',
      actorName: 'Quản trị tỉnh',
      basis: 'Nghị quyết (cần xác minh)',
      effective: '2026-01-01',
      recordedAt: '2026-11-27T02:00:00Z',
      applies: true,
      ...over,
    });
    const History = vi.fn(async (req?: { kind?: string }) => ({
      changes:
        req?.kind === 'catalog'
          ? [change({ kind: 'catalog', subject: 'catalog/2.000815', summary: '2.000815 Chứng thực bản sao', basis: undefined, effective: undefined })]
          : [
              change({}),
              change({ subject: 'calendar/rules/38002', office: '38002', officeName: 'UBND xã Tây Sơn', applies: false, version: 2 }),
            ],
    }));
    go(admin, { Rules: { History } });
    render(App);
    await openTab('rules');
    await shown('rules-history');
    await shown('rh-table');
    expect(History).toHaveBeenCalledWith();
    const rows = allByTestId('rh-row');
    expect(rows).toHaveLength(2);
    const text = (el: HTMLElement) => el.textContent?.replace(/\s+/g, ' ').trim();
    expect(text(rows[0])).toContain('Lịch nghỉ, giờ tiếp nhận');
    expect(text(rows[0])).toContain('UBND tỉnh Thanh Hóa (38)');
    expect(text(rows[0])).toContain('Quản trị tỉnh');
    expect(text(rows[0])).toContain('Nghị quyết (cần xác minh)');
    expect(text(rows[0])).toContain('01/01/2026');
    expect(text(rows[0])).toMatch(/Có$/);
    expect(text(rows[1])).toContain('(lần 2)');
    expect(text(rows[1])).toMatch(/Không$/);
    choose('rh-kind', 'catalog');
    await vi.waitFor(() => expect(History).toHaveBeenLastCalledWith({ kind: 'catalog' }));
    await vi.waitFor(() => expect(allByTestId('rh-row')).toHaveLength(1));
    expect(text(allByTestId('rh-row')[0])).toContain('Danh mục thủ tục');
  });
});

describe('offices and printed papers (2025)', () => {
  it('an office\'s header, phone and the day it ceased are saved; a ceased office says so in the tree', async () => {
    const Save = vi.fn(async (o: Record<string, unknown>) => ({ ...o, version: 3 }));
    go(admin, {
      Offices: {
        List: async () => ({
          offices: [
            { code: '38', name: 'UBND tỉnh Thanh Hóa', parent: '', agencyId: '38', version: 1 },
            { code: '380', name: 'UBND huyện Đông Sơn', parent: '38', agencyId: '380', ended: '2025-07-01', version: 2 },
            { code: '38001', name: 'UBND xã Đông Sơn', parent: '38', agencyId: '38001', phone: '02373123456', version: 1 },
          ],
        }),
        Save,
      },
    });
    render(App);
    await openTab('offices');
    await shown('office-ended-380');
    expect(textOf('office-ended-380')).toBe('Thôi hoạt động từ 01/07/2025');
    expect(byTestId('office-ended-38001')).toBeNull();

    click('office-edit-38001');
    await shown('office-form');
    expect((byTestId('office-phone') as HTMLInputElement).value).toBe('02373123456');
    type('office-header', 'Trung tâm Phục vụ hành chính công xã Đông Sơn\u202e');
    type('office-ended', '31/02/2026');
    (byTestId('office-save') as HTMLButtonElement).click();
    await shown('office-header-error');
    expect(textOf('office-header-error')).toBe('Có ký tự điều khiển hoặc ký tự đảo chiều văn bản không được phép; hãy gõ lại.');
    expect(textOf('office-ended-error')).toBe('Ngày viết theo dạng dd/mm/yyyy.');
    expect(Save).not.toHaveBeenCalled();

    type('office-header', 'Trung tâm Phục vụ hành chính công xã Đông Sơn');
    type('office-ended', '');
    click('office-save');
    await vi.waitFor(() => expect(Save).toHaveBeenCalled());
    await shown('office-saved');
    expect(Save).toHaveBeenCalledWith({
      code: '38001',
      name: 'UBND xã Đông Sơn',
      parent: '38',
      agencyId: '',
      header: 'Trung tâm Phục vụ hành chính công xã Đông Sơn',
      phone: '02373123456',
      ended: '',
    });
  });

  it('Giấy tờ in: copies, the phone to call and the books, sectors comma-separated; Go\'s field errors beside the book', async () => {
    let fail = true;
    const SetSettings = vi.fn(async (s: { settings: PrintSettings }) => {
      if (fail) throw { code: 'invalid_input', field: 'books[1].name', message: 'duplicate name' };
      return { office: '38001', source: '38001', settings: s.settings };
    });
    go(admin, {
      Print: {
        Settings: async () => ({
          office: '38001',
          source: '',
          settings: { receiptCopies: 2, contactPhone: '', books: [{ id: 'HT', name: 'Sổ theo dõi hồ sơ lĩnh vực Hộ tịch', sectors: ['Hộ tịch'] }] },
        }),
        SetSettings,
      },
    });
    render(App);
    await openTab('printing');
    await shown('ps-copies');
    expect(location.hash).toBe('#/admin/printing');
    expect((byTestId('ps-copies') as HTMLInputElement).value).toBe('2');
    expect((byTestId('ps-book-sectors-0') as HTMLInputElement).value).toBe('Hộ tịch');

    type('ps-copies', '0');
    click('ps-book-add');
    await shown('ps-book-id-1');
    type('ps-book-id-1', 'ht');
    (byTestId('ps-save') as HTMLButtonElement).click();
    await shown('ps-copies-error');
    expect(textOf('ps-copies-error')).toBe('Số bản từ 1 đến 5.');
    expect(textOf('ps-book-id-1-error')).toContain('không trùng nhau');
    expect(textOf('ps-book-name-1-error')).toBe('Trường này là bắt buộc.');
    expect(SetSettings).not.toHaveBeenCalled();

    type('ps-copies', '3');
    type('ps-phone', '0237 3123 456');
    type('ps-book-id-1', 'dd');
    type('ps-book-name-1', 'Sổ theo dõi hồ sơ lĩnh vực Đất đai, Xây dựng');
    type('ps-book-sectors-1', 'Đất đai, Xây dựng ,');
    click('ps-save');
    await shown('ps-book-name-1-error');
    expect(textOf('ps-book-name-1-error')).toBe('Trường này là bắt buộc.');

    fail = false;
    click('ps-save');
    await shown('ps-saved');
    expect(SetSettings).toHaveBeenLastCalledWith({
      settings: {
        receiptCopies: 3,
        contactPhone: '0237 3123 456',
        books: [
          { id: 'HT', name: 'Sổ theo dõi hồ sơ lĩnh vực Hộ tịch', sectors: ['Hộ tịch'] },
          { id: 'DD', name: 'Sổ theo dõi hồ sơ lĩnh vực Đất đai, Xây dựng', sectors: ['Đất đai', 'Xây dựng'] },
        ],
      },
    });
    expect((byTestId('ps-book-id-1') as HTMLInputElement).value).toBe('DD');
  });
});

describe('report rules', () => {
  const RULES = { window: 'fifteenth', countFromReceptionDay: true, dueSoonDays: 2, timingBasis: 'original', endedPlacement: 'note' };

  it('the administrator chooses how results are judged and where ended dossiers go; Go\'s refusal shows beside the option', async () => {
    const Rules = vi.fn(async (_req: unknown) => ({ office: '38001', rules: RULES }));
    let refuse: object | null = { code: 'invalid_input', field: 'rules.timingBasis', message: 'timing basis "x" is neither' };
    const SetRules = vi.fn(async (req: unknown) => {
      if (refuse) throw refuse;
      return { office: '38001', rules: (req as { rules: object }).rules };
    });
    go(admin, { Reports: { Rules, SetRules } });
    render(App);
    await openTab('reports');
    await shown('rr-timingBasis-original');
    expect(location.hash).toBe('#/admin/reports');
    expect(Rules).toHaveBeenCalledWith({ office: '38001' });
    expect((byTestId('rr-timingBasis-original') as HTMLInputElement).checked).toBe(true);
    expect((byTestId('rr-endedPlacement-note') as HTMLInputElement).checked).toBe(true);
    // Each option says what it does, in the interface's language.
    expect(textOf('rr-timingBasis')).toContain('thừa nhận hồ sơ bị chậm');
    expect(textOf('rr-endedPlacement')).toContain('cột 7 và cột 9');

    click('rr-timingBasis-current');
    click('rr-endedPlacement-on_time');
    type('rr-dueSoonDays', '31');
    click('rr-save');
    expect(textOf('rr-dueSoonDays-error')).toBe('Nhập một số nguyên từ 0 đến 30.');
    expect(SetRules).not.toHaveBeenCalled();
    type('rr-dueSoonDays', '3');
    click('rr-save');
    await shown('rr-timingBasis-error');
    expect(textOf('rr-timingBasis-error')).toBe('Hãy chọn một trong các cách trên.');
    expect(byTestId('rr-error')).toBeNull();

    // Choosing again clears Go's refusal.
    refuse = null;
    click('rr-timingBasis-original');
    expect(byTestId('rr-timingBasis-error')).toBeNull();
    click('rr-timingBasis-current');
    click('rr-save');
    await shown('rr-saved');
    expect(SetRules).toHaveBeenLastCalledWith({
      rules: { window: 'fifteenth', countFromReceptionDay: true, dueSoonDays: 3, timingBasis: 'current', endedPlacement: 'on_time' },
    });
    expect((byTestId('rr-endedPlacement-on_time') as HTMLInputElement).checked).toBe(true);
  });

  it('others read the rules in force and cannot change them', async () => {
    go(clerk, { Reports: { Rules: async () => ({ office: '38001', rules: { ...RULES, timingBasis: 'current' } }) } });
    render(App);
    await openTab('reports');
    await shown('rr-readonly');
    expect((byTestId('rr-timingBasis-current') as HTMLInputElement).checked).toBe(true);
    expect((byTestId('rr-timingBasis-original') as HTMLInputElement).disabled).toBe(true);
    expect(byTestId('rr-save')).toBeNull();
  });
});
