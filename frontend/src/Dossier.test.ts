// Reception and the dossier screens in jsdom with the Go side faked
// through the Bridge: the keyboard intake (type-ahead, citizen ID check,
// Form 02 for missing papers, the receipt), the list and its search, the
// detail offering only the allowed actions, an action round trip and a
// refused action in the words of its rule.
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import type { Dossier, DossierReply, ProcedureSummary, UserInfo } from './lib/api';
import { locale } from './lib/i18n';
import { resetAuth } from './lib/stores/auth';
import { resetDirectory } from './lib/stores/directory';
import { clearError } from './lib/stores/errors';
import { adminTab, currentSection } from './lib/stores/navigation';
import { systemInfo } from './lib/stores/system';
import { recoveryRenewed, vault } from './lib/stores/vault';
import { installGo, type FakeServices } from './test/fakeGo';
import { allByTestId, byTestId, cleanup, click, render, shown, textBecomes, textOf, type } from './test/dom';

const office = { code: '38001', name: 'UBND xã Đông Sơn' };
const clerk: UserInfo = {
  id: 'u-clerk',
  username: 'vanthu',
  fullName: 'Nguyễn Thị Hồng',
  office: '38001',
  roles: ['clerk'],
  disabled: false,
  locked: false,
};

function summary(code: string, name: string, timeLimitWD = 5): ProcedureSummary {
  return {
    code,
    name,
    sector: 'Hộ tịch',
    level: 'commune',
    timeLimitWD,
    extendedTimeLimitWD: null,
    feeVND: 0,
    feeNote: '',
    interagency: 'none',
    active: true,
    version: 1,
  };
}

const procs = [summary('1.001193', 'Đăng ký khai sinh', 0), summary('1.004884', 'Đăng ký lại khai sinh')];

function dossier(over: Partial<Dossier> = {}): Dossier {
  return {
    code: '38001-261127-0007',
    agency: '38001',
    office: '38001',
    desk: 0,
    book: { volume: '2026', number: 7 },
    status: 'received',
    national: 2,
    procedure: { code: '1.004884', name: 'Đăng ký lại khai sinh', version: 1, timeLimitWD: 5, steps: [] },
    applicant: { fullName: 'Nguyễn Thị Hồng', citizenId: '038190000123', address: 'Thôn 1', phone: '0912345678', email: '' },
    channel: 'in_person',
    documents: [{ name: 'Tờ khai', form: 'original', count: 1 }],
    sets: 1,
    receivedAt: '2026-11-27T09:15:00+07:00',
    due: '2026-12-04T17:00:00+07:00',
    rescheduled: false,
    holder: { office: '38001', officer: 'u-clerk' },
    secondSupplement: false,
    steps: [
      {
        no: 1,
        event: 'e1',
        kind: 'dossier.received',
        name: 'Tiếp nhận hồ sơ',
        from: { office: '' },
        to: { office: '38001', officer: 'u-clerk' },
        at: '2026-11-27T09:15:00+07:00',
        due: '2026-11-27T17:00:00+07:00',
      },
    ],
    timeline: [
      { id: 'e1', kind: 'dossier.received', at: '2026-11-27T09:15:00+07:00', actor: 'u-clerk', actorOffice: '38001', outcome: 'applied' },
    ],
    ...over,
  };
}

function go(services: FakeServices = {}) {
  sessionStorage.setItem('hoso.session', 'sess-vanthu');
  return installGo({
    Vault: { Status: async () => ({ state: 'ready', method: 'keyfile', osKeyStore: false, recoveryKey: '' }) },
    System: {
      Info: async () => ({ version: '0.3.0', office, peerId: 'p', dataDir: '/d', language: '', syncState: 'idle' }),
      SetLanguage: async (r: { language: string }) => r,
    },
    Setup: { Status: async () => ({ needed: false, office }) },
    Auth: { Me: async () => clerk, Logout: async () => ({}) },
    Offices: { List: async () => ({ offices: [{ ...office, parent: '', agencyId: '38001', version: 1 }] }) },
    Users: {
      Directory: async () => ({
        users: [
          { id: 'u-clerk', fullName: 'Nguyễn Thị Hồng', office: '38001' },
          { id: 'u-officer', fullName: 'Trần Văn Minh', office: '38001' },
        ],
      }),
    },
    Catalog: {
      List: async (req: { query?: string } = {}) => ({
        procedures: procs.filter((p) => !req.query || p.name.toLowerCase().includes(req.query.toLowerCase())),
        sectors: ['Hộ tịch'],
      }),
      Get: async ({ code }: { code: string }) => ({
        procedure: {
          ...procs.find((p) => p.code === code),
          documents:
            code === '1.001193'
              ? [
                  { name: 'Tờ khai đăng ký khai sinh', form: 'original', count: 1, required: true },
                  { name: 'Giấy chứng sinh', form: 'original', count: 1, required: true },
                ]
              : [],
          agencies: [],
          steps: [],
          confidence: 'law',
        },
        version: 1,
        versions: [],
      }),
    },
    ...services,
  });
}

function key(id: string, k: string, init: KeyboardEventInit = {}) {
  const el = byTestId(id);
  if (!el) throw new Error(`no element ${id}`);
  el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init }));
  flushSync();
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
});

describe('reception', () => {
  it('picks a procedure with the keyboard, checks the citizen ID, receives and shows the receipt', async () => {
    const Receive = vi.fn(async () => ({ received: true, missing: [], code: '38001-261127-0007', dossier: dossier() }));
    const calls = go({ Dossiers: { Receive } });
    render(App);
    const picker = (await shown('rc-procedure')) as HTMLInputElement;
    await vi.waitFor(() => expect(document.activeElement).toBe(picker));

    type('rc-procedure', 'khai sinh');
    await shown('rc-option-1.004884');
    expect(allByTestId('rc-option-1.001193')[0].getAttribute('aria-selected')).toBe('true');
    key('rc-procedure', 'ArrowDown');
    expect(byTestId('rc-option-1.004884')?.getAttribute('aria-selected')).toBe('true');
    key('rc-procedure', 'Enter');
    expect(byTestId('rc-procedure-list')).toBeNull();
    expect(picker.value).toBe('1.004884 — Đăng ký lại khai sinh');
    await vi.waitFor(() => expect(document.activeElement?.id).toBe('rc-fullname'));
    await vi.waitFor(() => expect(calls.some((c) => c.method === 'Catalog.Get')).toBe(true));

    type('rc-fullname', 'Nguyễn Thị Hồng');
    type('rc-citizenid', '03819000012');
    type('rc-address', 'Thôn 1, xã Đông Sơn');
    type('rc-phone', '0912345678');
    type('rc-extra', 'Tờ khai; Bản sao giấy khai sinh');
    click('rc-submit');
    expect(textOf('rc-citizenid-error')).toBe('Số định danh cá nhân gồm đúng 12 chữ số.');
    expect(Receive).not.toHaveBeenCalled();

    type('rc-citizenid', '038190000123');
    click('rc-submit');
    await shown('receipt');
    expect(Receive).toHaveBeenCalledWith({
      procedure: '1.004884',
      applicant: {
        kind: 'person',
        fullName: 'Nguyễn Thị Hồng',
        citizenId: '038190000123',
        orgId: '',
        address: 'Thôn 1, xã Đông Sơn',
        phone: '0912345678',
        email: '',
      },
      channel: 'in_person',
      documents: [
        { name: 'Tờ khai', form: 'original', count: 1 },
        { name: 'Bản sao giấy khai sinh', form: 'original', count: 1 },
      ],
      sets: 1,
      note: '',
    });
    expect(textOf('receipt-code')).toBe('38001-261127-0007');
    expect(textOf('receipt-applicant')).toBe('Nguyễn Thị Hồng · Số định danh 038190000123');
    expect(byTestId('receipt-representative')).toBeNull();
    expect(textOf('receipt-book')).toBe('Quyển số 2026 Số thứ tự 7');
    expect(textOf('receipt-due')).toBe('04/12/2026 17:00');
    expect(textOf('receipt-received')).toBe('27/11/2026 09:15');

    click('receipt-another');
    const again = (await shown('rc-procedure')) as HTMLInputElement;
    expect(again.value).toBe('');
    await vi.waitFor(() => expect(document.activeElement).toBe(again));
    expect((byTestId('rc-fullname') as HTMLInputElement).value).toBe('');
  });

  it('an incomplete dossier gets the request to supplement listing everything missing, and no receipt', async () => {
    const Receive = vi.fn(async (_req: unknown) => ({
      received: false,
      missing: ['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh'],
      code: '',
    }));
    go({ Dossiers: { Receive } });
    render(App);
    await shown('rc-procedure');
    type('rc-procedure', 'đăng ký khai sinh');
    await shown('rc-option-1.001193');
    key('rc-procedure', 'Enter');
    await shown('rc-doc-got-1');
    // The checklist starts unticked; space (a click) ticks the first.
    expect((byTestId('rc-doc-got-0') as HTMLInputElement).checked).toBe(false);
    click('rc-doc-got-0');
    type('rc-fullname', 'Lê Văn An');
    type('rc-citizenid', '038190000999');
    // Enter on a checkbox receives.
    key('rc-doc-got-0', 'Enter');
    await shown('missing');
    expect(Receive.mock.calls[0][0]).toMatchObject({
      documents: [{ name: 'Tờ khai đăng ký khai sinh', form: 'original', count: 1 }],
    });
    expect(textOf('missing')).toContain('Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ');
    expect(allByTestId('missing-item').map((li) => li.textContent)).toEqual(['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh']);
    expect(byTestId('receipt')).toBeNull();
  });
});

describe('dossiers', () => {
  const row = {
    code: '38001-261127-0007',
    applicant: 'Nguyễn Thị Hồng',
    citizenId: '038190000123',
    procedure: 'Đăng ký lại khai sinh',
    status: 'received',
    national: 2,
    office: '38001',
    holder: '38001',
    receivedAt: '2026-11-27T09:15:00+07:00',
    due: '2026-12-04T17:00:00+07:00',
    overdue: false,
    conflicts: 0,
  };

  function searchFake() {
    return vi.fn(async (req: { query?: string; overdue?: boolean; dueSoon?: boolean; holder?: string }) => {
      if (req.holder) return { items: [], page: 1, pageSize: 20, more: false };
      // The node counts exactly, past any page: 1,234 overdue.
      if (req.overdue) return { items: [{ ...row, code: 'X-1', overdue: true }, { ...row, code: 'X-2', overdue: true }], page: 1, pageSize: 20, more: true, total: 1234 };
      if (req.dueSoon) return { items: [{ ...row, code: 'X-3' }], page: 1, pageSize: 20, more: false, total: 1 };
      if (req.query && req.query !== 'nguyen thi hong') return { items: [], page: 1, pageSize: 20, more: false };
      return { items: [row], page: 1, pageSize: 20, more: false };
    });
  }

  it('lists with the overdue and due-soon counts; searches without accents; the Liên thông tab asks for what this office holds', async () => {
    const Search = searchFake();
    go({ Dossiers: { Search } });
    currentSection.set('dossiers');
    render(App);
    await shown('dossier-row-38001-261127-0007');
    await textBecomes('count-overdue', '1234');
    await textBecomes('count-due-soon', '1');
    expect(Search).toHaveBeenCalledWith({ overdue: true, page: 1, pageSize: 1, count: true });
    expect(textOf('dossier-row-38001-261127-0007')).toContain('Đã tiếp nhận');
    expect(textOf('dossier-row-38001-261127-0007')).toContain('04/12/2026 17:00');

    type('dossier-search', 'khong co');
    await vi.waitFor(() => expect(Search).toHaveBeenCalledWith({ query: 'khong co', page: 1, pageSize: 20, count: true }));
    await shown('dossiers-empty');
    type('dossier-search', 'nguyen thi hong');
    await shown('dossier-row-38001-261127-0007');
    expect(Search).toHaveBeenCalledWith({ query: 'nguyen thi hong', page: 1, pageSize: 20, count: true });

    click('alert-overdue');
    await shown('dossier-row-X-1');
    expect((byTestId('dossier-overdue-filter') as HTMLInputElement).checked).toBe(true);

    click('dossiers-tab-interagency');
    await shown('dossiers-empty');
    expect(Search).toHaveBeenLastCalledWith({ page: 1, pageSize: 20, count: true, overdue: true, holder: '38001', excludeOffice: '38001' });
    expect(textOf('dossiers-empty')).toBe('Đơn vị không giữ hồ sơ liên thông nào của đơn vị khác.');
  });

  it('the detail offers only the allowed actions; an action round trip; a refusal in the words of its rule', async () => {
    const first: DossierReply = { dossier: dossier(), allowed: ['dossier.handed_over', 'dossier.rescheduled'], overdue: false, dueSoon: true, appraisals: [] };
    const handed: DossierReply = {
      dossier: dossier({
        status: 'handed_over',
        national: 4,
        holder: { office: '38001' },
        timeline: [
          ...(first.dossier.timeline ?? []),
          { id: 'e2', kind: 'dossier.handed_over', at: '2026-11-27T09:30:00+07:00', actor: 'u-clerk', actorOffice: '38001', outcome: 'applied' },
        ],
      }),
      allowed: ['dossier.rescheduled', 'dossier.withdrawn'],
      overdue: false,
      dueSoon: false, appraisals: [],
    };
    const Act = vi.fn(async (req: { action: string }) => {
      if (req.action === 'dossier.rescheduled') {
        throw { code: 'refused', message: 'the new due date is not after', params: { rule: 'new_due_not_later' } };
      }
      return handed;
    });
    go({ Dossiers: { Search: searchFake(), Get: async () => first, Act } });
    currentSection.set('dossiers');
    render(App);
    await shown('dossier-open-38001-261127-0007');
    click('dossier-open-38001-261127-0007');
    await shown('dossier-code');
    expect(textOf('dossier-status')).toBe('Đã tiếp nhận');
    expect(textOf('dossier-national')).toBe('Trạng thái (mã QG): 2');
    expect(byTestId('dossier-due-soon')).not.toBeNull();
    expect(allByTestId('act-handed_over')).toHaveLength(1);
    expect(byTestId('act-returned')).toBeNull();
    expect(byTestId('act-withdrawn')).toBeNull();
    await textBecomes('timeline-who', 'Nguyễn Thị Hồng');
    expect(textOf('timeline-when')).toBe('27/11/2026 09:15');

    click('act-handed_over');
    await shown('act-form-handed_over');
    type('act-handed_over-note', 'Chuyển chuyên viên');
    click('act-submit');
    await textBecomes('dossier-status', 'Đã chuyển xử lý');
    expect(Act).toHaveBeenCalledWith({ code: '38001-261127-0007', action: 'dossier.handed_over', body: { note: 'Chuyển chuyên viên' } });
    expect(textOf('act-done')).toBe('Đã ghi nhận: Chuyển xử lý.');
    expect(byTestId('act-handed_over')).toBeNull();
    expect(byTestId('act-withdrawn')).not.toBeNull();
    expect(byTestId('timeline-handed_over')).not.toBeNull();

    click('act-rescheduled');
    await shown('act-form-rescheduled');
    click('act-submit');
    expect(textOf('act-rescheduled-newDue-error')).toBe('Trường này là bắt buộc.');
    type('act-rescheduled-newDue', '01/12/2026');
    type('act-rescheduled-reason', 'Cần xác minh thêm');
    click('act-submit');
    await textBecomes('act-error', 'Ngày hẹn mới phải sau ngày hẹn hiện tại.');
    expect(Act).toHaveBeenLastCalledWith({
      code: '38001-261127-0007',
      action: 'dossier.rescheduled',
      body: { newDue: '2026-12-01T17:00:00+07:00', reason: 'Cần xác minh thêm' },
    });
    locale.set('en');
    flushSync();
    // The refusal was translated when it came; new ones come in English.
    click('act-submit');
    await textBecomes('act-error', 'The new due date must be later than the current one.');
  });
});
