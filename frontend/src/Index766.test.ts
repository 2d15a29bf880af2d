// The Decision 766 card on Báo cáo › Chỉ tiêu, in jsdom with the Go side
// faked through the Bridge: each indicator's figure, points and bar; the
// national indicators say so; a figure that counts dossiers drills down to
// them (the rest first, e.g. the dossiers without scans), the others do not.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import type { UserInfo } from './lib/api';
import { locale } from './lib/i18n';
import { currentPeriod, periodLabel, reportRules, setReportRules } from './lib/reports';
import { resetAuth } from './lib/stores/auth';
import { resetDirectory } from './lib/stores/directory';
import { clearError } from './lib/stores/errors';
import { currentSection } from './lib/stores/navigation';
import { systemInfo } from './lib/stores/system';
import { recoveryRenewed, vault } from './lib/stores/vault';
import { installGo, type FakeServices } from './test/fakeGo';
import { byTestId, cleanup, click, render, shown, textOf } from './test/dom';

vi.mock('./lib/chart', () => ({
  barChart: vi.fn(() => ({ update: vi.fn(), destroy: vi.fn() })),
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
const NOW = new Date().toISOString();
const period = { label: '2026Q4', window: 'fifteenth', from: '2026-09-15', to: '2026-12-14', start: '', end: '' };

const ind = (id: string, measure: string, extra: object) => ({
  id,
  title: `Tiêu đề ${id}`,
  measure,
  value: 0,
  numerator: 0,
  denominator: 0,
  known: true,
  score: 0,
  max: 0,
  full: 0,
  note: '',
  ...extra,
});

const INDEX = {
  office: '38001',
  officeName: 'UBND xã Đông Sơn',
  period,
  version: '766/2022',
  indicators: [
    ind('1.1', 'national', { known: false, max: 18, note: 'national' }),
    ind('2.1', 'on_time', { value: 0.9, numerator: 9, denominator: 10, score: 18, max: 20 }),
    ind('2.2', 'avg_days', { value: 5.25, numerator: 8, denominator: 8 }),
    ind('4.1', 'paid_online', { known: false, max: 10, full: 0.5, note: 'no_data' }),
    ind('5.1', 'complaints_rules', { value: 2, numerator: 2 }),
    ind('6.1', 'digitized', { value: 0.4, numerator: 4, denominator: 10, score: 5, max: 10, full: 0.8 }),
    ind('6.3', 'reused', { value: 0.8, numerator: 8, denominator: 10, score: 6, max: 6, full: 0.8 }),
  ],
  score: 29,
  max: 36,
  procedures: [{ procedure: '1.001193', name: 'Đăng ký khai sinh', resolved: 8, days: 5.25 }],
  asOf: NOW,
  verify: 'HSVF1|38001|report/index766/38001/2026Q4/fifteenth|10|abc',
  generatedAt: NOW,
};

const DASHBOARD = {
  office: '38001',
  period,
  targets: [],
  onTime: [],
  overdue: 0,
  dueSoon: 0,
  overdueActions: 0,
  overdueFixes: 0,
  reminders: 0,
  generatedAt: NOW,
};

function go(services: FakeServices = {}) {
  sessionStorage.setItem('hoso.session', 'sess');
  return installGo({
    Vault: { Status: async () => ({ state: 'ready', method: 'keyfile', osKeyStore: false, recoveryKey: '' }) },
    System: {
      Info: async () => ({ version: '0.4.0', office, peerId: 'p', dataDir: '/d', language: '', syncState: 'idle' }),
      SetLanguage: async (r: { language: string }) => r,
    },
    Setup: { Status: async () => ({ needed: false, office }) },
    Auth: { Me: async () => leader, Logout: async () => ({}) },
    Offices: { List: async () => ({ offices: [{ ...office, parent: '', agencyId: '38001', version: 1 }] }) },
    Users: { Directory: async () => ({ users: [] }) },
    Reports: {
      Dashboard: vi.fn(async () => DASHBOARD),
      Index: vi.fn(async () => INDEX),
      Dossiers: vi.fn(async () => ({ total: 6, items: [] })),
      ...(services.Reports ?? {}),
    },
  });
}

const paramsOf = (calls: ReturnType<typeof installGo>, method: string) => calls.filter((c) => c.method === method).map((c) => c.params);

async function openDashboard() {
  currentSection.set('reports');
  render(App);
  await shown('report-toolbar');
  click('reports-tab-dashboard');
  await shown('index766-6.1');
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
});

afterEach(() => {
  cleanup();
  delete window.go;
  vi.restoreAllMocks();
});

describe('Chỉ số 766', () => {
  it('shows each indicator: value, counts, points of the maximum, a bar; national data and no data say so', async () => {
    const calls = go();
    await openDashboard();
    const base = { office: '38001', period: periodLabel(currentPeriod()), window: 'fifteenth', asOf: '' };
    expect(paramsOf(calls, 'Reports.Index')).toEqual([base]);
    expect(textOf('index766-total')).toContain('29/36');
    expect(textOf('index766-6.1-value')).toBe('40%');
    expect(textOf('index766-6.1-ratio')).toBe('4 / 10');
    expect(textOf('index766-6.1-score')).toBe('5/10');
    expect(textOf('index766-6.1')).toContain('Hồ sơ được số hóa');
    const fill = byTestId('index766-6.1')?.querySelector<HTMLElement>('.fill');
    expect(fill?.style.width).toBe('40%');
    expect(fill?.classList.contains('full')).toBe(false);
    expect(byTestId('index766-6.3')?.querySelector('.fill')?.classList.contains('full')).toBe(true);
    expect(textOf('index766-2.2-value')).toBe('5,25 ngày');
    expect(textOf('index766-1.1-value')).toBe('Cần dữ liệu quốc gia');
    expect(textOf('index766-1.1-score')).toBe('–/18');
    expect(textOf('index766-1.1')).toContain('Tiêu đề 1.1');
    expect(textOf('index766-4.1-value')).toBe('Chưa có số liệu');
    expect(textOf('index766-5.1-value')).toBe('2');
    expect(textOf('index766-5.1-score')).toBe('');
  });

  it('a figure drills down to its dossiers, the rest first, then those counted; complaints and national data do not', async () => {
    const calls = go();
    await openDashboard();
    const base = { office: '38001', period: periodLabel(currentPeriod()), window: 'fifteenth' };
    expect(byTestId('index766-1.1')?.querySelector('button')).toBeNull();
    expect(byTestId('index766-5.1')?.querySelector('button')).toBeNull();
    click('index766-6.1-row');
    await vi.waitFor(() => expect(paramsOf(calls, 'Reports.Dossiers')).toEqual([{ ...base, indicator: '6.1', numerator: false }]));
    await shown('index766-drill-numerator');
    click('index766-drill-numerator');
    await vi.waitFor(() => expect(paramsOf(calls, 'Reports.Dossiers').at(-1)).toEqual({ ...base, indicator: '6.1', numerator: true }));
    // The average time lists every dossier it averages.
    expect(byTestId('index766-procedures')).toBeNull();
    click('index766-2.2-row');
    await vi.waitFor(() => expect(paramsOf(calls, 'Reports.Dossiers').at(-1)).toEqual({ ...base, indicator: '2.2', numerator: true }));
    // and the average by procedure.
    expect(textOf('index766-procedure-1.001193')).toBe('1.001193 – Đăng ký khai sinh5,258');
  });
});

describe('the index rules live with the report rules', () => {
  it('saving the report rules from the form keeps the province\'s index rules', async () => {
    const index766 = { version: 'tỉnh 2027', indicators: [{ id: '9', measure: 'digitized', title: 'Số hóa', max: 30, full: 0.5 }] };
    const rules = { window: 'calendar', countFromReceptionDay: false, dueSoonDays: 3, timingBasis: 'current', endedPlacement: 'on_time', index766 };
    const SetRules = vi.fn(async (req: { rules: object }) => ({ office: '38001', rules: req.rules }));
    go({ Reports: { Rules: vi.fn(async () => ({ office: '38001', rules })), SetRules } });
    const got = await reportRules();
    expect(got.rules.index766).toEqual(index766);
    await setReportRules({ ...got.rules, dueSoonDays: 4 });
    expect(SetRules).toHaveBeenLastCalledWith(expect.objectContaining({ rules: { ...rules, dueSoonDays: 4 } }));
    // Rules without their own index say nothing of it.
    go({ Reports: { Rules: vi.fn(async () => ({ office: '38001', rules: { ...rules, index766: undefined } })) } });
    expect('index766' in (await reportRules()).rules).toBe(false);
  });
});
