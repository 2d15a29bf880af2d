// The ISO tabs of part C in jsdom with the Go side faked through the Bridge
// (PDF.js mocked: jsdom has no canvas): the objectives with their values,
// month bars, statuses and drill-down; a manual value and a new objective;
// the management review's compiled inputs, recording a review and printing
// its minutes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../App.svelte';
import type { UserInfo } from '../../../lib/api';
import { locale } from '../../../lib/i18n';
import { resetAuth } from '../../../lib/stores/auth';
import { resetDirectory } from '../../../lib/stores/directory';
import { clearError } from '../../../lib/stores/errors';
import { currentSection } from '../../../lib/stores/navigation';
import { systemInfo } from '../../../lib/stores/system';
import { recoveryRenewed, vault } from '../../../lib/stores/vault';
import { installGo, type FakeServices } from '../../../test/fakeGo';
import { allByTestId, byTestId, cleanup, click, choose, render, shown, textBecomes, textOf, type } from '../../../test/dom';
import { formatTarget, formatValue, thisYear } from './format';

vi.mock('../../../lib/pdf', () => ({
  openPdf: vi.fn(async () => ({ numPages: 1, renderPage: vi.fn(async () => ({ width: 595, height: 842 })), destroy: vi.fn(async () => {}) })),
}));

const office = { code: '38001', name: 'UBND xã Đông Sơn' };
const leader: UserInfo = { id: 'u-leader', username: 'lanhdao', fullName: 'Lê Thị Lan', office: '38001', roles: ['leader'], disabled: false, locked: false };
const clerk: UserInfo = { ...leader, id: 'u-clerk', username: 'vanthu', fullName: 'Nguyễn Thị Hồng', roles: ['clerk'] };
const YEAR = thisYear();

const months = (values: (number | null)[]) =>
  Array.from({ length: 12 }, (_, i) => ({
    month: `${YEAR}-${String(i + 1).padStart(2, '0')}`,
    value: values[i] ?? 0,
    known: values[i] !== null && values[i] !== undefined,
    numerator: 0,
    denominator: 0,
  }));

const objective = (id: string, extra: object) => ({ id, office: '38001', year: YEAR, target: 98, comparison: 'gte', unit: 'percent', setAt: '', ...extra });

const OBJECTIVES = {
  office: '38001',
  year: YEAR,
  asOf: '',
  policy: { office: '38001', year: YEAR, text: 'Phục vụ nhân dân đúng hạn, công khai, minh bạch.', setAt: '' },
  metrics: [
    { key: 'on_time_rate', unit: 'percent', comparison: 'gte', cumulative: false, name: '' },
    { key: 'satisfaction', unit: 'percent', comparison: 'gte', cumulative: false, name: '' },
  ],
  objectives: [
    {
      objective: objective('dung-han', { name: 'Ít nhất 98% hồ sơ đúng hạn', kind: 'measured', metric: 'on_time_rate' }),
      value: 96.5, known: true, numerator: 193, denominator: 200, status: 'at_risk',
      trend: months([100, 95, null]), values: [],
    },
    {
      objective: objective('hai-long', { name: 'Hài lòng ≥ 90%', kind: 'measured', metric: 'satisfaction', target: 90 }),
      value: 92, known: true, numerator: 46, denominator: 50, status: 'met', trend: months([90, 94]), values: [], conflicts: 1,
    },
    {
      objective: objective('bo-sung', { name: 'Không hồ sơ bổ sung lần hai', kind: 'measured', metric: 'second_supplement_count', target: 0, comparison: 'lte', unit: 'count' }),
      value: 2, known: true, numerator: 2, denominator: 0, status: 'missed', trend: months([1, 1]), values: [],
    },
    {
      objective: objective('dao-tao', { name: 'Đào tạo ISO', kind: 'manual', target: 100 }),
      value: 0, known: false, numerator: 0, denominator: 0, status: 'no_data', trend: months([]), values: [],
    },
  ],
};

const SUMMARY = {
  code: '38001-261020-0003', applicant: 'Trần Văn Bình', citizenId: '038190000999', procedure: 'Đăng ký khai sinh', status: 'returned',
  national: 1, office: '38001', holder: '38001', receivedAt: '2026-10-20T09:00:00+07:00', due: '2026-10-27T17:00:00+07:00', overdue: false, conflicts: 0,
};

const INPUTS = {
  office: '38001', from: `${YEAR}-01-01`, to: `${YEAR}-12-31`, compiledAt: '',
  objectives: [{ id: 'dung-han', name: 'Ít nhất 98% hồ sơ đúng hạn', kind: 'measured', unit: 'percent', comparison: 'gte', target: 98, value: 96.5, known: true, status: 'at_risk' }],
  audits: { audits: 1, findings: 3, nonconformities: 1, last: `${YEAR}-10-20T09:00:00+07:00` },
  nonconformities: { open: 2, closed: 5, auto: 6, manual: 1 },
  actions: { open: 1, overdue: 1, closed: 4, effective: 3 },
  satisfaction: { satisfied: 46, rated: 50, rate: 92, known: true },
  onTime: [{ procedure: '1.004837', name: 'Cấp bản sao trích lục hộ tịch', resolved: 40, onTime: 39, rate: 97.5 }],
  catalogChanges: [{ procedure: '1.001193', name: 'Đăng ký khai sinh', version: 2, at: `${YEAR}-07-01T08:00:00+07:00` }],
};

const REVIEW = {
  id: `rv-${YEAR}1204`, revision: 0, office: '38001', date: `${YEAR}-12-04`, chair: 'Lê Thị Lan', attendees: ['Lê Thị Lan', 'Nguyễn Thị Hồng'],
  inputs: INPUTS, decisions: ['Duy trì chính sách chất lượng'], actions: [{ title: 'Rà soát quy trình', owner: 'chuyenvien', ownerName: 'Trần Văn Minh', due: `${YEAR + 1}-01-31` }],
  recordedAt: '', conflicts: 0,
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
    Offices: { List: async () => ({ offices: [{ ...office, parent: '', agencyId: '38001', version: 1 }] }) },
    Users: { Directory: async () => ({ users: [] }) },
    Dossiers: {
      Get: async () => {
        throw { code: 'not_found', message: 'no such dossier' };
      },
    },
    Iso: {
      Objectives: vi.fn(async () => OBJECTIVES),
      ObjectiveDossiers: vi.fn(async () => ({ total: 1, items: [SUMMARY] })),
      RecordObjectiveValue: vi.fn(async () => OBJECTIVES.objectives[3]),
      SetObjective: vi.fn(async () => OBJECTIVES.objectives[0]),
      SetPolicy: vi.fn(async () => OBJECTIVES.policy),
      ReviewInputs: vi.fn(async () => INPUTS),
      Reviews: vi.fn(async () => ({ office: '38001', reviews: [REVIEW] })),
      RecordReview: vi.fn(async () => REVIEW),
      PrintReview: vi.fn(async () => ({ filename: 'bien-ban.pdf', mime: 'application/pdf', content: 'JVBERi0=', reprint: 0, verify: 'HSVF1|38001|iso/review/38001/rv|1|abc', template: '', set: '', form: '' })),
      ...(services.Iso ?? {}),
    },
  });
}

const paramsOf = (calls: ReturnType<typeof installGo>, method: string) => calls.filter((c) => c.method === method).map((c) => c.params);

async function open(tab: 'objectives' | 'review') {
  currentSection.set('iso');
  render(App);
  await shown('iso-tab-objectives');
  click(`iso-tab-${tab}`);
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

describe('format', () => {
  it('writes values and targets the Vietnamese way', () => {
    expect(formatValue(96.54, 'percent', 'vi')).toBe('96,5%');
    expect(formatValue(96.54, 'percent', 'en')).toBe('96.5%');
    expect(formatValue(2, 'count', 'vi')).toBe('2');
    expect(formatTarget(0, 'lte', 'count', 'vi')).toBe('≤ 0');
    expect(formatTarget(98, 'gte', 'percent', 'vi')).toBe('≥ 98%');
    expect(thisYear(new Date('2026-12-31T18:00:00Z'))).toBe(2027);
  });
});

describe('Mục tiêu chất lượng', () => {
  it('shows the policy and each objective with its target, value, month bars and status', async () => {
    const calls = go();
    await open('objectives');
    await shown('iso-objectives-table');
    expect(paramsOf(calls, 'Iso.Objectives')[0]).toEqual({ office: '', year: YEAR });
    expect(textOf('iso-policy-current')).toBe('Phục vụ nhân dân đúng hạn, công khai, minh bạch.');
    expect(textOf('objective-target-dung-han')).toBe('≥ 98%');
    expect(textOf('objective-value-dung-han')).toBe('96,5% (193/200)');
    expect(textOf('objective-status-dung-han')).toBe('Có nguy cơ không đạt');
    expect(textOf('objective-status-hai-long')).toBe('Đạt');
    expect(textOf('objective-status-bo-sung')).toBe('Không đạt');
    expect(textOf('objective-target-bo-sung')).toBe('≤ 0');
    expect(textOf('objective-value-dao-tao')).toBe('—');
    expect(textOf('objective-status-dao-tao')).toBe('Chưa có số liệu');
    // Two months known of twelve: two bars.
    expect(byTestId('objective-trend-dung-han')!.querySelectorAll('[data-testid="objective-trend-dung-han-bar"]').length).toBe(2);
    expect(byTestId('objective-drill-dao-tao')).toBeNull();
    // Another desk's change of the same revision is shown, not applied.
    expect(textOf('objective-conflicts-hai-long')).toContain('1 thay đổi');
    expect(byTestId('objective-conflicts-dung-han')).toBeNull();
  });

  it('drills down to the late dossiers behind the on-time figure', async () => {
    const calls = go();
    await open('objectives');
    await shown('objective-drill-dung-han');
    click('objective-drill-dung-han');
    await textBecomes('objective-drill-count', '1 hồ sơ');
    click('objective-drill-missing');
    await vi.waitFor(() => expect(paramsOf(calls, 'Iso.ObjectiveDossiers').length).toBe(2));
    expect(paramsOf(calls, 'Iso.ObjectiveDossiers')[1]).toEqual({ office: '38001', year: YEAR, id: 'dung-han', month: '', missing: true, limit: 200 });
    expect(allByTestId('objective-drill-row-38001-261020-0003').length + allByTestId('objective-drill-open-38001-261020-0003').length).toBeGreaterThan(0);
  });

  it('takes a manual value with its note, and a leader adds an objective', async () => {
    const calls = go();
    await open('objectives');
    await shown('objective-enter-dao-tao');
    click('objective-enter-dao-tao');
    await shown('objective-value-form');
    choose('objective-value-month', `${YEAR}-03`);
    type('objective-value-value', '25');
    type('objective-value-note', 'Danh sách lớp');
    click('objective-value-save');
    await vi.waitFor(() => expect(paramsOf(calls, 'Iso.RecordObjectiveValue')).toEqual([{ year: YEAR, id: 'dao-tao', month: `${YEAR}-03`, value: 25, note: 'Danh sách lớp' }]));

    click('iso-objectives-add');
    await shown('objective-form');
    type('objective-form-name', 'Trực tuyến ≥ 50%');
    choose('objective-form-metric', 'satisfaction');
    type('objective-form-target', '50');
    click('objective-form-save');
    await vi.waitFor(() => expect(paramsOf(calls, 'Iso.SetObjective').length).toBe(1));
    const sent = paramsOf(calls, 'Iso.SetObjective')[0] as { objective: { name: string; kind: string; metric: string; target: number; year: number } };
    expect(sent.objective).toMatchObject({ name: 'Trực tuyến ≥ 50%', kind: 'measured', metric: 'satisfaction', target: 50, year: YEAR });
  });

  it('a leader restates the policy, its lines joined into one paragraph', async () => {
    const calls = go();
    await open('objectives');
    await shown('iso-policy-edit');
    click('iso-policy-edit');
    await shown('iso-policy-text');
    type('iso-policy-text', 'Công khai, minh bạch.\n  Đúng hạn. ');
    click('iso-policy-save');
    await vi.waitFor(() => expect(paramsOf(calls, 'Iso.SetPolicy')).toEqual([{ year: YEAR, text: 'Công khai, minh bạch. Đúng hạn.' }]));
    await vi.waitFor(() => expect(paramsOf(calls, 'Iso.Objectives').length).toBe(2));
  });

  it('a clerk neither edits the policy nor adds objectives', async () => {
    go({}, clerk);
    await open('objectives');
    await shown('iso-objectives-table');
    expect(byTestId('iso-policy-edit')).toBeNull();
    expect(byTestId('iso-objectives-add')).toBeNull();
    expect(byTestId('objective-enter-dao-tao')).toBeNull();
  });

  it('shows the error of a failed load', async () => {
    go({ Iso: { Objectives: async () => { throw { code: 'forbidden', message: 'not yours' }; } } });
    await open('objectives');
    await shown('iso-objectives-error');
  });
});

describe('Xem xét của lãnh đạo', () => {
  it('shows the inputs compiled from the records and the reviews held', async () => {
    const calls = go();
    await open('review');
    await shown('review-inputs');
    expect(paramsOf(calls, 'Iso.ReviewInputs')[0]).toEqual({ office: '', period: String(YEAR) });
    expect(textOf('review-objective-dung-han')).toBe('Có nguy cơ không đạt');
    expect(textOf('review-inputs-nc')).toBe('Sự không phù hợp: 2 đang mở, 5 đã đóng (6 phát hiện tự động, 1 ghi nhận thủ công).');
    expect(textOf('review-inputs-actions')).toContain('1 quá hạn');
    expect(textOf('review-inputs-satisfaction')).toBe('46/50 lượt đánh giá hài lòng (92%).');
    expect(textOf('review-inputs-audits')).toContain(`lần đánh giá gần nhất: 20/10/${YEAR}`);
    expect(byTestId('review-inputs-ontime')!.textContent).toContain('97,5%');
    await shown(`review-item-${REVIEW.id}`);
  });

  it('a leader records a review with an action, and prints its minutes', async () => {
    const calls = go();
    await open('review');
    await shown('iso-review-record');
    click('iso-review-record');
    await shown('review-form');
    type('review-form-date', `${YEAR}-12-04`);
    type('review-form-attendees', 'Lê Thị Lan\nNguyễn Thị Hồng\n');
    type('review-form-decisions', 'Duy trì chính sách chất lượng');
    click('review-action-add');
    await shown('review-action-0');
    type('review-action-title-0', 'Rà soát quy trình');
    type('review-action-owner-0', 'chuyenvien');
    type('review-action-due-0', `${YEAR + 1}-01-31`);
    click('review-form-save');
    await shown('iso-review-saved');
    expect(paramsOf(calls, 'Iso.RecordReview')[0]).toEqual({
      id: '', period: String(YEAR), date: `${YEAR}-12-04`, chair: 'Lê Thị Lan', attendees: ['Lê Thị Lan', 'Nguyễn Thị Hồng'], resources: '',
      decisions: ['Duy trì chính sách chất lượng'], actions: [{ title: 'Rà soát quy trình', owner: 'chuyenvien', due: `${YEAR + 1}-01-31` }],
    });
    click(`review-print-${REVIEW.id}`);
    await vi.waitFor(() => expect(paramsOf(calls, 'Iso.PrintReview')).toEqual([{ office: '', id: REVIEW.id }]));
  });

  it('a clerk reads the inputs but records no review', async () => {
    go({}, clerk);
    await open('review');
    await shown('review-inputs');
    expect(byTestId('iso-review-record')).toBeNull();
  });
});
