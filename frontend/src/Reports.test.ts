// Báo cáo in jsdom with the Go side faked through the Bridge, Chart.js and
// PDF.js mocked (jsdom has no canvas): the II.06a table with its two-level
// header and exact numbers, drill-downs from a cell, a target, a month and
// the counts, the period picker's labels, the exports, the satisfaction
// tables and the manual points, the reconciliation.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import type { UserInfo } from './lib/api';
import { locale } from './lib/i18n';
import { currentPeriod, periodLabel } from './lib/reports';
import { resetAuth } from './lib/stores/auth';
import { resetDirectory } from './lib/stores/directory';
import { clearError } from './lib/stores/errors';
import { currentSection } from './lib/stores/navigation';
import { systemInfo } from './lib/stores/system';
import { recoveryRenewed, vault } from './lib/stores/vault';
import { installGo, type FakeServices } from './test/fakeGo';
import { allByTestId, byTestId, choose, cleanup, click, render, shown, textBecomes, textOf, type } from './test/dom';

const chart = vi.hoisted(() => ({
  update: vi.fn(),
  destroy: vi.fn(),
  onclick: undefined as ((i: number) => void) | undefined,
}));
vi.mock('./lib/chart', () => ({
  barChart: vi.fn((_canvas: HTMLCanvasElement, options: { onclick?: (i: number) => void }) => {
    chart.onclick = options.onclick;
    return { update: chart.update, destroy: chart.destroy };
  }),
}));
vi.mock('./lib/pdf', () => ({
  openPdf: vi.fn(async () => ({ numPages: 1, renderPage: vi.fn(async () => ({ width: 842, height: 595 })), destroy: vi.fn(async () => {}) })),
}));

const office = { code: '38001', name: 'UBND xã Đông Sơn' };
const leader: UserInfo = {
  id: 'u-leader',
  username: 'lanhdao',
  fullName: 'Lê Thị Lan',
  office: '38001',
  roles: ['leader'],
  disabled: false,
  locked: false,
};
const clerk: UserInfo = { ...leader, id: 'u-clerk', username: 'vanthu', fullName: 'Nguyễn Thị Hồng', roles: ['clerk'] };

const NOW = new Date().toISOString();
const period = { label: '2026Q4', window: 'fifteenth', from: '2026-08-15', to: '2026-11-14', start: '', end: '' };

function row(sector: string, n: number[]) {
  const out: Record<string, string | number> = { sector };
  n.forEach((v, i) => (out[String(i + 3)] = v));
  return out;
}

const II06A = {
  office: '38001',
  officeName: 'UBND xã Đông Sơn',
  period,
  rules: { window: 'fifteenth', countFromReceptionDay: true, dueSoonDays: 1 },
  offices: [{ code: '38001', name: 'UBND xã Đông Sơn', parent: '380' }],
  rows: [
    row('Hộ tịch', [12, 2, 8, 2, 9, 3, 5, 1, 3, 2, 1]),
    row('Chứng thực', [30, 0, 30, 0, 30, 30, 0, 0, 0, 0, 0]),
  ],
  total: row('Tổng cộng', [42, 2, 38, 2, 39, 33, 5, 1, 3, 2, 1]),
  freshness: [
    { office: '38001', name: 'UBND xã Đông Sơn', local: true, latest: NOW },
    { office: '38002', name: 'UBND xã Tây Sơn', local: false, latest: '2026-10-01T08:00:00Z' },
  ],
  verify: 'HSVF1|38001|report/ii06a/2026Q4|42|abc',
  generatedAt: NOW,
};

const SUMMARY = {
  code: '38001-261020-0003',
  applicant: 'Trần Văn Bình',
  citizenId: '038190000999',
  procedure: 'Đăng ký khai sinh',
  status: 'returned',
  national: 1,
  office: '38001',
  holder: '38001',
  receivedAt: '2026-10-20T09:00:00+07:00',
  due: '2026-10-27T17:00:00+07:00',
  overdue: false,
  conflicts: 0,
};

const DASHBOARD = {
  office: '38001',
  period,
  targets: [
    { key: 'one_stop', numerator: 40, denominator: 40, value: 1, known: true, goal: 1, strict: false, met: true },
    { key: 'same_level', numerator: 3, denominator: 4, value: 0.75, known: true, goal: 0.8, strict: false, met: false },
    { key: 'cross_level', numerator: 0, denominator: 0, value: 0, known: false, goal: 0.7, strict: false, met: false },
    { key: 'satisfied', numerator: 7, denominator: 8, value: 0.875, known: true, goal: 0.6, strict: true, met: true },
  ],
  onTime: [
    { month: '2026-10', resolved: 10, onTime: 9, rate: 0.9 },
    { month: '2026-11', resolved: 4, onTime: 2, rate: 0.5 },
  ],
  overdue: 3,
  dueSoon: 5,
  overdueActions: 2,
  overdueFixes: 1,
  generatedAt: NOW,
};

const sat = (who: string, name: string, extra: object = {}) => ({
  who,
  name,
  ratings: { very_satisfied: 5, satisfied: 2, unsatisfied: 1 },
  rated: 8,
  satisfied: 7,
  share: 0.875,
  scores: [
    { key: 'time', points: 1.5, known: true, manual: false, basis: 10 },
    { key: 'visits', points: 0, known: false, manual: false, basis: 0 },
    { key: 'attitude', points: 1.75, known: true, manual: false, basis: 8 },
  ],
  total: 13.25,
  max: 18,
  grade: 'good',
  ...extra,
});

const SATISFACTION = {
  period,
  scale: [
    { value: 'very_satisfied', vi: 'Rất hài lòng', en: 'Very satisfied', satisfied: true },
    { value: 'satisfied', vi: 'Hài lòng', en: 'Satisfied', satisfied: true },
    { value: 'unsatisfied', vi: 'Không hài lòng', en: 'Not satisfied', satisfied: false },
  ],
  indicators: [
    { key: 'time', name: 'Thời gian giải quyết hồ sơ', auto: 'time', officer: true },
    { key: 'visits', name: 'Số lần phải đi lại', officer: false },
    { key: 'attitude', name: 'Thái độ, tác phong của cán bộ', auto: 'rating', officer: true },
  ],
  offices: [sat('38001', 'UBND xã Đông Sơn')],
  officers: [sat('u-officer', 'Trần Văn Minh', { total: 5, max: 6, grade: 'officer_full', scores: [{ key: 'time', points: 2, known: true, manual: false, basis: 3 }] })],
};

function go(services: FakeServices = {}, user: UserInfo = leader) {
  sessionStorage.setItem('hoso.session', 'sess');
  return installGo({
    Vault: { Status: async () => ({ state: 'ready', method: 'keyfile', osKeyStore: false, recoveryKey: '' }) },
    System: {
      Info: async () => ({ version: '0.4.0', office, peerId: 'p', dataDir: '/d', language: '', syncState: 'idle' }),
      SetLanguage: async (r: { language: string }) => r,
    },
    Setup: { Status: async () => ({ needed: false, office }) },
    Auth: { Me: async () => user, Logout: async () => ({}) },
    Offices: {
      List: async () => ({
        offices: [
          { code: '380', name: 'UBND huyện Hoằng Hóa', parent: '', agencyId: '380', version: 1 },
          { ...office, parent: '380', agencyId: '38001', version: 1 },
          { code: '38002', name: 'UBND xã Tây Sơn', parent: '380', agencyId: '38002', version: 1 },
        ],
      }),
    },
    Users: { Directory: async () => ({ users: [] }) },
    Dossiers: {
      Get: async () => {
        throw { code: 'not_found', message: 'no such dossier' };
      },
    },
    Reports: {
      II06a: vi.fn(async () => II06A),
      Dossiers: vi.fn(async () => ({ total: 1, items: [SUMMARY] })),
      Dashboard: vi.fn(async () => DASHBOARD),
      Satisfaction: vi.fn(async () => SATISFACTION),
      Reconciliation: vi.fn(async () => ({ office: '38001', period, rows: [] })),
      ...(services.Reports ?? {}),
    },
    ...Object.fromEntries(Object.entries(services).filter(([k]) => k !== 'Reports')),
  });
}

const paramsOf = (calls: ReturnType<typeof installGo>, method: string) => calls.filter((c) => c.method === method).map((c) => c.params);

async function open(tab?: string) {
  currentSection.set('reports');
  render(App);
  await shown('report-toolbar');
  if (tab) click(`reports-tab-${tab}`);
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  resetAuth();
  resetDirectory();
  locale.set('vi');
  currentSection.set('reception');
  systemInfo.set(null);
  vault.set(null);
  recoveryRenewed.set(false);
  clearError();
  chart.update.mockClear();
  chart.destroy.mockClear();
});

afterEach(() => {
  cleanup();
  delete window.go;
  vi.restoreAllMocks();
});

describe('Tổng hợp II.06a', () => {
  it('asks for the user\'s office and the current quarter, 15th to 14th, and shows the form\'s two-level header', async () => {
    const calls = go();
    await open();
    await shown('ii06a-table');
    expect(paramsOf(calls, 'Reports.II06a')[0]).toEqual({ office: '38001', period: periodLabel(currentPeriod()), window: 'fifteenth' });

    const groups = allByTestId('ii06a-groups')[0].querySelectorAll('th');
    expect([...groups].map((th) => [th.textContent?.trim(), th.getAttribute('colspan'), th.getAttribute('rowspan')])).toEqual([
      ['STT', null, '2'],
      ['Lĩnh vực giải quyết', null, '2'],
      ['Số hồ sơ nhận giải quyết', '4', null],
      ['Kết quả giải quyết', '4', null],
      ['Số hồ sơ đang giải quyết', '3', null],
    ]);
    const titles = [...byTestId('ii06a-titles')!.querySelectorAll('th')].map((th) => th.textContent?.trim());
    expect(titles).toEqual([
      'Tổng số',
      'Trong kỳ: trực tuyến',
      'Trong kỳ: trực tiếp, dịch vụ bưu chính',
      'Từ kỳ trước',
      'Tổng số',
      'Trước hạn',
      'Đúng hạn',
      'Quá hạn',
      'Tổng số',
      'Trong hạn',
      'Quá hạn',
    ]);
    const numbers = [...byTestId('ii06a-numbers')!.querySelectorAll('th')].map((th) => th.textContent?.trim());
    expect(numbers).toEqual(Array.from({ length: 13 }, (_, i) => `(${i + 1})`));
    expect(textOf('ii06a-period')).toBe('Kỳ báo cáo 2026Q4: từ 15/08/2026 đến 14/11/2026');
  });

  it('the form\'s heading, the data date asked for and shown, and the note on withdrawn and stopped dossiers', async () => {
    const II06a = vi.fn(async (req: { asOf?: string }) => ({
      ...II06A,
      asOf: req.asOf ? '2026-10-31T00:00:00+07:00' : '2026-11-03T14:30:00+07:00',
      receiver: 'UBND huyện Hoằng Hóa',
      withdrawn: 2,
      stopped: 1,
      endedPlacement: 'note',
    }));
    const calls = go({ Reports: { II06a } });
    await open();
    await shown('ii06a-head');
    expect(textOf('ii06a-head')).toBe(
      'Biểu số II.06a/VPCP/KSTT Đơn vị báo cáo: UBND xã Đông Sơn Đơn vị nhận báo cáo: UBND huyện Hoằng Hóa ' +
        'Đơn vị tính: Số hồ sơ TTHC Số liệu tính đến 14:30 ngày 03/11/2026',
    );
    expect(textOf('ii06a-ended')).toBe(
      'Ghi chú: trong kỳ có 2 hồ sơ công dân rút và 1 hồ sơ dừng xử lý; không tính vào cột 7 và cột 11 nên cột 3 khác tổng cột 7 và cột 11.',
    );
    expect(paramsOf(calls, 'Reports.II06a')[0]).not.toHaveProperty('asOf');
    type('ii06a-asof', '30/10/2026');
    await textBecomes('ii06a-asof-text', 'Số liệu tính đến hết ngày 30/10/2026');
    expect(paramsOf(calls, 'Reports.II06a').at(-1)).toMatchObject({ asOf: '2026-10-30' });
  });

  it('one row per sector and the total, with the exact numbers', async () => {
    go();
    await open();
    await shown('ii06a-table');
    const cellsOf = (id: string) => [...byTestId(id)!.querySelectorAll('td, th')].map((c) => c.textContent?.trim());
    expect(cellsOf('ii06a-row-0')).toEqual(['1', 'Hộ tịch', '12', '2', '8', '2', '9', '3', '5', '1', '3', '2', '1']);
    expect(cellsOf('ii06a-row-1')).toEqual(['2', 'Chứng thực', '30', '0', '30', '0', '30', '30', '0', '0', '0', '0', '0']);
    expect(cellsOf('ii06a-row-total')).toEqual(['', 'Tổng cộng', '42', '2', '38', '2', '39', '33', '5', '1', '3', '2', '1']);
    expect(byTestId('ii06a-row-2')).toBeNull();
    expect(textOf('ii06a-cell-total-3')).toBe('42');
    expect(textOf('ii06a-cell-1-8')).toBe('30');
  });

  it('a cell lists its dossiers: column and sector; the total row without a sector; a code opens the dossier', async () => {
    const calls = go();
    await open();
    await shown('ii06a-table');
    click('ii06a-cell-0-10');
    await shown('drill-list');
    await shown(`drill-open-${SUMMARY.code}`);
    const base = { office: '38001', period: periodLabel(currentPeriod()), window: 'fifteenth' };
    expect(paramsOf(calls, 'Reports.Dossiers')).toEqual([{ ...base, column: '10', sector: 'Hộ tịch' }]);
    expect(textOf('drill-title')).toBe('Hộ tịch — cột (10) Kết quả giải quyết: Quá hạn');
    expect(textOf(`drill-row-${SUMMARY.code}`)).toContain('Trần Văn Bình');
    expect(textOf(`drill-row-${SUMMARY.code}`)).toContain('Đã trả kết quả');
    expect(textOf('drill-count')).toBe('1 hồ sơ');

    click('ii06a-cell-total-3');
    await vi.waitFor(() => expect(paramsOf(calls, 'Reports.Dossiers')).toHaveLength(2));
    expect(paramsOf(calls, 'Reports.Dossiers')[1]).toEqual({ ...base, column: '3' });
    expect(textOf('drill-title')).toBe('Tất cả lĩnh vực — cột (3) Số hồ sơ nhận giải quyết: Tổng số');

    click(`drill-open-${SUMMARY.code}`);
    await vi.waitFor(() => expect(calls.some((c) => c.method === 'Dossiers.Get')).toBe(true));
    expect(calls.find((c) => c.method === 'Dossiers.Get')?.params).toEqual({ code: SUMMARY.code });
  });

  it('flags an office that never synced: "Số liệu có thể chưa đầy đủ"', async () => {
    go();
    await open();
    await shown('freshness');
    expect(textOf('freshness-warning')).toBe('⚠ Số liệu có thể chưa đầy đủ');
    expect(textOf('freshness-38001')).toContain('dữ liệu tại máy');
    expect(textOf('freshness-38002')).toContain('chưa đồng bộ');
    expect(byTestId('freshness-38002')?.classList.contains('bad')).toBe(true);
  });

  it('builds the period labels: quarter "2026Q4", month "2026-11", year "2026"; the window too', async () => {
    const calls = go();
    await open();
    await shown('ii06a-table');
    const last = () => paramsOf(calls, 'Reports.II06a').at(-1) as { period: string; window: string };
    choose('report-year', '2026');
    choose('report-quarter', '4');
    await vi.waitFor(() => expect(last().period).toBe('2026Q4'));
    expect(byTestId('report-month')).toBeNull();

    choose('report-period-kind', 'month');
    expect(byTestId('report-quarter')).toBeNull();
    choose('report-month', '11');
    await vi.waitFor(() => expect(last().period).toBe('2026-11'));
    expect(textOf('report-period-label')).toBe('2026-11');

    choose('report-period-kind', 'year');
    await vi.waitFor(() => expect(last().period).toBe('2026'));
    choose('report-window', 'calendar');
    await vi.waitFor(() => expect(last()).toEqual({ office: '38001', period: '2026', window: 'calendar' }));

    choose('report-office', '380');
    await vi.waitFor(() => expect(last()).toEqual({ office: '380', period: '2026', window: 'calendar' }));
    // The office tree, indented under the district.
    const options = [...byTestId<HTMLSelectElement>('report-office')!.options].map((o) => o.textContent);
    expect(options).toEqual(['UBND huyện Hoằng Hóa (380)', '\u00a0\u00a0\u00a0UBND xã Đông Sơn (38001)', '\u00a0\u00a0\u00a0UBND xã Tây Sơn (38002)']);
  });

  it('a bad period from Go shows the error', async () => {
    go({ Reports: { II06a: async () => { throw { code: 'invalid_input', field: 'period', message: 'bad period' }; } } });
    await open();
    await textBecomes('ii06a-error', /Dữ liệu nhập chưa hợp lệ/);
  });
});

describe('the report rules on II.06a', () => {
  it('says which due date results are judged against and where ended dossiers go; an administrator goes to change them', async () => {
    go();
    await open();
    await shown('ii06a-rules');
    // Rules recorded before the options existed read as the defaults.
    expect(textOf('ii06a-rules')).toBe('Quy tắc: xét kết quả theo hạn trả ban đầu; hồ sơ rút, dừng: ghi chú dưới biểu.');
    expect(byTestId('ii06a-change-rules')).toBeNull();
    cleanup();

    const admin: UserInfo = { ...leader, roles: ['admin'] };
    go(
      {
        Reports: {
          II06a: vi.fn(async () => ({ ...II06A, rules: { ...II06A.rules, timingBasis: 'current', endedPlacement: 'on_time' }, endedPlacement: 'on_time' })),
          Rules: vi.fn(async () => ({ office: '38001', rules: { ...II06A.rules, timingBasis: 'current', endedPlacement: 'on_time' } })),
        },
      },
      admin,
    );
    await open();
    await shown('ii06a-rules');
    expect(textOf('ii06a-rules')).toBe(
      'Quy tắc: xét kết quả theo ngày hẹn trả mới sau thư xin lỗi; hồ sơ rút, dừng: tính là giải quyết đúng hạn. Thay đổi quy tắc',
    );
    expect(byTestId('ii06a-rules')?.dataset).toMatchObject({ timingBasis: 'current', endedPlacement: 'on_time' });
    click('ii06a-change-rules');
    await shown('report-rules');
    expect(location.hash).toBe('#/admin/reports');
  });
});

describe('exports', () => {
  it('PDF: busy with a progress bar while Go works, then the print preview', async () => {
    let release!: () => void;
    const Export = vi.fn(async () => {
      await new Promise<void>((r) => (release = r));
      return { filename: 'II06a-38001-2026Q4.pdf', mime: 'application/pdf', content: btoa('%PDF-1.4\n'), verify: 'HSVF1|x' };
    });
    go({ Reports: { Export } });
    await open();
    await shown('ii06a-table');
    click('export-pdf');
    await shown('export-progress');
    expect(byTestId('export-progress')?.getAttribute('role')).toBe('progressbar');
    expect(byTestId('export-pdf')?.getAttribute('aria-busy')).toBe('true');
    expect((byTestId('export-xlsx') as HTMLButtonElement).disabled).toBe(true);
    expect(Export).toHaveBeenCalledWith({ office: '38001', period: periodLabel(currentPeriod()), window: 'fifteenth', format: 'pdf' });
    release();
    await shown('print-preview');
    expect(byTestId('export-progress')).toBeNull();
    expect(textOf('print-title')).toBe(`Biểu II.06a — kỳ ${periodLabel(currentPeriod())}`);
  });

  it('Excel: saved as a download under Go\'s name, no preview', async () => {
    const Export = vi.fn(async () => ({ filename: 'II06a-38001-2026Q4.xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content: btoa('PK'), verify: '' }));
    go({ Reports: { Export } });
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => {
      blobs.push(b);
      return 'blob:x';
    });
    URL.revokeObjectURL = vi.fn();
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    await open();
    await shown('ii06a-table');
    click('export-xlsx');
    await textBecomes('export-note', 'Đã tải xuống: II06a-38001-2026Q4.xlsx');
    expect(Export).toHaveBeenCalledWith(expect.objectContaining({ format: 'xlsx' }));
    expect(names).toEqual(['II06a-38001-2026Q4.xlsx']);
    expect(blobs[0].type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(byTestId('print-preview')).toBeNull();
  });
});

describe('Chỉ tiêu', () => {
  it('four targets with their percent, counts, goal and met / not met; unknown says so', async () => {
    go();
    await open('dashboard');
    await shown('target-one_stop');
    expect(textOf('target-one_stop-value')).toBe('100%');
    expect(textOf('target-one_stop-ratio')).toBe('40 / 40');
    expect(byTestId('target-one_stop')?.dataset.met).toBe('true');
    expect(textOf('target-one_stop')).toContain('Mục tiêu: 100%');
    expect(textOf('target-same_level-value')).toBe('75%');
    expect(byTestId('target-same_level')?.dataset.met).toBe('false');
    expect(textOf('target-same_level-verdict')).toBe('Chưa đạt');
    expect(textOf('target-same_level')).toContain('Mục tiêu: ≥ 80%');
    expect(textOf('target-cross_level-value')).toBe('chưa có số liệu');
    expect(byTestId('target-cross_level-verdict')).toBeNull();
    expect(textOf('target-satisfied-value')).toBe('87,5%');
    expect(textOf('target-satisfied')).toContain('Mục tiêu: > 60%');
    expect(textOf('target-satisfied-verdict')).toBe('Đạt');
    expect(textOf('kpi-overdue-value')).toBe('3');
    expect(textOf('kpi-due-soon-value')).toBe('5');
    expect(textOf('kpi-overdue-actions-value')).toBe('2');
    expect(textOf('kpi-overdue-actions')).toContain('Hành động khắc phục (ISO) quá hạn');
    expect(textOf('kpi-overdue-fixes-value')).toBe('1');
    expect(textOf('kpi-overdue-fixes')).toContain('Kiến nghị sau kiểm tra quá hạn khắc phục');
  });

  it('a target lists its dossiers, counted or not; one_stop also the procedures with none', async () => {
    const Dossiers = vi.fn(async () => ({ total: 1, items: [SUMMARY], procedures: [{ code: '2.000001', name: 'Cấp bản sao trích lục' }] }));
    const calls = go({ Reports: { Dossiers } });
    await open('dashboard');
    await shown('target-one_stop');
    click('target-one_stop');
    await shown('drill-procedures');
    const base = { office: '38001', period: periodLabel(currentPeriod()), window: 'fifteenth' };
    expect(paramsOf(calls, 'Reports.Dossiers')).toEqual([{ ...base, target: 'one_stop', numerator: true }]);
    expect(textOf('drill-procedures')).toBe('2.000001 Cấp bản sao trích lục');
    click('drill-not-numerator');
    await vi.waitFor(() => expect(paramsOf(calls, 'Reports.Dossiers').at(-1)).toEqual({ ...base, target: 'one_stop', numerator: false }));

    click('kpi-overdue');
    await vi.waitFor(() => expect(paramsOf(calls, 'Reports.Dossiers').at(-1)).toEqual({ ...base, list: 'overdue' }));
    click('kpi-due-soon');
    await vi.waitFor(() => expect(paramsOf(calls, 'Reports.Dossiers').at(-1)).toEqual({ ...base, list: 'due_soon' }));
  });

  it('the on-time chart: bars per month; a bar or a month lists that month', async () => {
    const calls = go();
    await open('dashboard');
    await shown('ontime-chart');
    await vi.waitFor(() => expect(chart.update).toHaveBeenCalled());
    expect(chart.update.mock.lastCall?.slice(0, 2)).toEqual([['10/2026', '11/2026'], [90, 50]]);
    chart.onclick?.(1);
    await vi.waitFor(() => expect(paramsOf(calls, 'Reports.Dossiers').at(-1)).toMatchObject({ month: '2026-11' }));
    click('ontime-month-2026-10');
    await vi.waitFor(() => expect(paramsOf(calls, 'Reports.Dossiers').at(-1)).toMatchObject({ month: '2026-10' }));
    expect(textOf('drill-title')).toBe('Hồ sơ giải quyết trong tháng 10/2026');
  });

  it('the overdue corrective actions open ISO on its nonconformities', async () => {
    go();
    await open('dashboard');
    await shown('kpi-overdue-actions');
    click('kpi-overdue-actions');
    await shown('iso-panel-nonconformities');
    expect(byTestId('iso-tab-nonconformities')?.getAttribute('aria-selected')).toBe('true');
  });

  it('the overdue inspection fixes open Kế hoạch on its inspections', async () => {
    go();
    await open('dashboard');
    await shown('kpi-overdue-fixes');
    click('kpi-overdue-fixes');
    await shown('plans-panel-inspections');
  });
});

describe('Hài lòng', () => {
  it('per office and officer: ratings by the scale, share, indicators ("—" when unknown), total and grade', async () => {
    go();
    await open('satisfaction');
    await shown('sat-offices');
    const head = [...byTestId('sat-offices')!.querySelectorAll('thead th')].map((th) => th.textContent?.trim());
    expect(head.slice(0, 6)).toEqual(['Đơn vị / cán bộ', 'Rất hài lòng', 'Hài lòng', 'Không hài lòng', 'Số đánh giá', 'Tỷ lệ hài lòng']);
    expect(textOf('sat-office-38001-share')).toBe('87,5%');
    expect(textOf('sat-office-38001-time')).toBe('1,5');
    expect(textOf('sat-office-38001-visits')).toBe('—');
    expect(textOf('sat-office-38001-total')).toBe('13,25/18');
    expect(textOf('sat-office-38001-grade')).toBe('Tốt');
    expect(textOf('sat-officer-u-officer-grade')).toBe('Hoàn thành 100% nhiệm vụ');
    // Officers are scored on their indicators only.
    expect(byTestId('sat-officer-u-officer-visits')).toBeNull();
    expect(textOf('sat-officer-u-officer-attitude')).toBe('—');
    locale.set('en');
    await textBecomes('sat-office-38001-grade', 'Good');
    expect([...byTestId('sat-offices')!.querySelectorAll('thead th')][1].textContent?.trim()).toBe('Very satisfied');
  });

  it('a leader enters the manual points: Reports.SetScores, then the new figures; a bad value is not sent', async () => {
    const SetScores = vi.fn(async () => ({
      ...SATISFACTION,
      offices: [sat('38001', 'UBND xã Đông Sơn', { scores: [{ key: 'visits', points: 1.75, known: true, manual: true, basis: 0 }] })],
    }));
    const calls = go({ Reports: { SetScores } });
    await open('satisfaction');
    await shown('sat-edit-38001');
    // Officers have no indicator entered by hand here.
    expect(byTestId('sat-edit-u-officer')).toBeNull();
    click('sat-edit-38001');
    await shown('score-editor');
    expect(byTestId('score-time')).toBeNull();
    type('score-visits', '2.5');
    click('score-save');
    await shown('score-bad');
    expect(SetScores).not.toHaveBeenCalled();

    type('score-visits', '1.75');
    click('score-save');
    await shown('score-saved');
    expect(paramsOf(calls, 'Reports.SetScores')).toEqual([
      { who: '38001', officer: false, period: periodLabel(currentPeriod()), window: 'fifteenth', scores: { visits: 1.75 } },
    ]);
    expect(textOf('sat-office-38001-visits')).toMatch(/^1,75✎/);
    expect(byTestId('score-editor')).toBeNull();
  });

  it('Go\'s refusal shows in the editor, the field marked', async () => {
    const SetScores = vi.fn(async () => {
      throw { code: 'invalid_input', field: 'scores.visits', message: 'points 0..2' };
    });
    go({ Reports: { SetScores } });
    await open('satisfaction');
    await shown('sat-edit-38001');
    click('sat-edit-38001');
    type('score-visits', '1');
    click('score-save');
    await textBecomes('score-error', /Dữ liệu nhập chưa hợp lệ/);
    expect(byTestId('score-visits')?.getAttribute('aria-invalid')).toBe('true');
  });

  it('a clerk sees the tables but cannot enter points', async () => {
    go({}, clerk);
    await open('satisfaction');
    await shown('sat-offices');
    expect(byTestId('sat-edit-38001')).toBeNull();
  });
});

describe('Đối soát', () => {
  it('per office: last sync (or "chưa đồng bộ"), dates dd/mm/yyyy HH:mm, the counts', async () => {
    const Reconciliation = vi.fn(async () => ({
      office: '380',
      period,
      rows: [
        { office: '380', name: 'UBND huyện', local: true, latest: '2026-11-27T02:00:00Z', received: 5, resolved: 4, overdue: 0, conflicts: 0, waitingHere: 2 },
        { office: '38002', name: 'UBND xã Tây Sơn', local: false, received: 7, resolved: 6, overdue: 1, conflicts: 2, waitingHere: 0 },
      ],
    }));
    go({ Reports: { Reconciliation } });
    await open('reconciliation');
    await shown('reconciliation-table');
    expect(textOf('recon-38002-sync')).toBe('chưa đồng bộ');
    expect(textOf('recon-380-sync')).toBe('máy này');
    expect(textOf('recon-380-latest')).toMatch(/^\d{2}\/\d{2}\/2026 \d{2}:\d{2}$/);
    expect(textOf('recon-38002-received')).toBe('7');
    expect(textOf('recon-38002-conflicts')).toBe('2');
    expect(textOf('recon-380-waitingHere')).toBe('2');
  });
});
