// "Hồ sơ chưa đủ điều kiện tiếp nhận" in jsdom with the Go side faked through
// the Bridge and PDF.js mocked (jsdom has no canvas): the office's incomplete
// intakes of this month by default, counted, the applicant as the forms name
// them, the procedure, what was missing and why; a period typed; the pages;
// each row's Form 02 reprinted into the preview; errors in their place.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import type { IntakeAttempt, IntakesReply, UserInfo } from './lib/api';
import { listIntakes } from './lib/api';
import { locale } from './lib/i18n';
import { thisMonth } from './lib/printing';
import { resetAuth } from './lib/stores/auth';
import { resetDirectory } from './lib/stores/directory';
import { clearError } from './lib/stores/errors';
import { adminTab, currentSection } from './lib/stores/navigation';
import { systemInfo } from './lib/stores/system';
import { recoveryRenewed, vault } from './lib/stores/vault';
import { installGo, type FakeServices } from './test/fakeGo';
import { allByTestId, byTestId, cleanup, click, render, shown, textBecomes, textOf, type } from './test/dom';

vi.mock('./lib/pdf', () => ({
  openPdf: vi.fn(async () => ({
    numPages: 1,
    renderPage: vi.fn(async () => ({ width: 419.5, height: 595.3 })),
    destroy: vi.fn(async () => {}),
  })),
}));

const office = { code: '38001', name: 'UBND xã Đông Sơn' };
const leader: UserInfo = {
  id: 'u-leader',
  username: 'chutich',
  fullName: 'Lê Văn Chủ',
  office: '38001',
  roles: ['leader'],
  disabled: false,
  locked: false,
};
const PDF = btoa('%PDF-1.4\n%%EOF\n');

function attempt(over: Partial<IntakeAttempt> = {}): IntakeAttempt {
  return {
    id: '261127-1-0a1b2c3d',
    office: '38001',
    procedure: { code: '1.001193', name: 'Đăng ký khai sinh', version: 1, timeLimitWD: 0, steps: [] },
    applicant: { kind: 'person', fullName: 'Lê Văn An', citizenId: '038190000999', address: '', phone: '', email: '' },
    channel: 'in_person',
    documents: [],
    missing: ['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh'],
    note: 'Thiếu tờ khai và giấy chứng sinh',
    contact: '',
    clerk: 'u-clerk',
    at: '2026-11-27T09:15:00+07:00',
    formSet: 'TT03/2025',
    ...over,
  };
}

const organisation = attempt({
  id: '261126-1-99887766',
  procedure: { code: '1.004884', name: 'Đăng ký lại khai sinh', version: 1, timeLimitWD: 0, steps: [] },
  applicant: {
    kind: 'organisation',
    fullName: 'Công ty TNHH Thương mại An Phát',
    citizenId: '',
    orgId: '2801234567',
    address: '',
    phone: '',
    email: '',
    representative: { fullName: 'Trần Văn Bình', citizenId: '001090000456', relation: 'Người được ủy quyền' },
  },
  missing: ['Giấy ủy quyền'],
  note: '',
  at: '2026-11-26T14:05:00+07:00',
});

function go(services: FakeServices = {}) {
  sessionStorage.setItem('hoso.session', 'sess-leader');
  return installGo({
    Vault: { Status: async () => ({ state: 'ready', method: 'keyfile', osKeyStore: false, recoveryKey: '' }) },
    System: {
      Info: async () => ({ version: '0.3.0', office, peerId: 'p', dataDir: '/d', language: '', syncState: 'idle' }),
      SetLanguage: async (r: { language: string }) => r,
    },
    Setup: { Status: async () => ({ needed: false, office }) },
    Auth: { Me: async () => leader, Logout: async () => ({}) },
    Offices: { List: async () => ({ offices: [{ ...office, parent: '', agencyId: '38001', version: 1 }] }) },
    Users: { Directory: async () => ({ users: [{ id: 'u-clerk', fullName: 'Nguyễn Thị Hồng', office: '38001' }] }) },
    Dossiers: {
      Search: async () => ({ items: [], page: 1, pageSize: 20, more: false }),
      Intakes: async () => ({ items: [attempt(), organisation], total: 2, page: 1, pageSize: 20, more: false }),
    },
    ...services,
  });
}

async function openTab() {
  currentSection.set('dossiers');
  render(App);
  await shown('dossiers-tab-incomplete');
  click('dossiers-tab-incomplete');
  await shown('dossiers-panel-incomplete');
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

describe('listIntakes', () => {
  it("sends only the bounds and page given, and gives Go's reply as it comes", async () => {
    // What Go sends for an attempt without papers: [], never null (app/reply.go).
    const page = { items: [attempt({ documents: [] })], total: 1, page: 1, pageSize: 20, more: false } satisfies IntakesReply;
    const Intakes = vi.fn(async () => page);
    installGo({ Dossiers: { Intakes } });
    const reply = await listIntakes({ from: '2026-11-01', to: '' });
    expect(Intakes).toHaveBeenCalledWith({ from: '2026-11-01' });
    expect(reply).toEqual(page);
  });
});

describe('Hồ sơ chưa đủ điều kiện tiếp nhận', () => {
  it('a tab of Hồ sơ, in both languages', async () => {
    go();
    currentSection.set('dossiers');
    render(App);
    await shown('dossiers-tab-incomplete');
    expect(textOf('dossiers-tab-incomplete')).toBe('Hồ sơ chưa đủ điều kiện tiếp nhận');
    locale.set('en');
    await textBecomes('dossiers-tab-incomplete', 'Incomplete at the desk');
  });

  it('lists this month\'s by default with their number: the applicant as the forms name them, the procedure, what was missing, the reason, the clerk', async () => {
    const calls = go();
    await openTab();
    await shown('intakes-table');
    const { from, to } = thisMonth();
    expect(calls.filter((c) => c.method === 'Dossiers.Intakes').map((c) => c.params)).toEqual([{ from, to, page: 1, pageSize: 20 }]);
    expect(byTestId('intakes-total')?.dataset.total).toBe('2');
    expect(textOf('intakes-total')).toMatch(/^Tổng số: 2 lượt \(/);

    const id = attempt().id;
    expect(textOf(`intake-applicant-${id}`)).toBe('Lê Văn An · Số định danh 038190000999');
    expect(textOf(`intake-procedure-${id}`)).toBe('1.001193 Đăng ký khai sinh');
    expect([...allByTestId(`intake-missing-${id}`)[0].querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Tờ khai đăng ký khai sinh',
      'Giấy chứng sinh',
    ]);
    expect(textOf(`intake-note-${id}`)).toBe('Thiếu tờ khai và giấy chứng sinh');
    await vi.waitFor(() => expect(textOf(`intake-row-${id}`)).toContain('Nguyễn Thị Hồng'));
    expect(textOf(`intake-row-${id}`)).toContain('27/11/2026 09:15');

    const org = organisation.id;
    expect(textOf(`intake-applicant-${org}`)).toBe(
      'Công ty TNHH Thương mại An Phát · Mã số DN/thuế 2801234567 Người nộp thay: Trần Văn Bình (Người được ủy quyền) · Số định danh 001090000456',
    );
    expect(textOf(`intake-note-${org}`)).toBe('—');
    expect(textOf(`intake-reprint-${org}`)).toBe('In lại Mẫu 02');
  });

  it('another period, typed; a bad period is not sent; the pages', async () => {
    const Intakes = vi.fn(async (req: { page: number }) => ({
      items: [attempt({ id: `p${req.page}` })],
      total: 21,
      page: req.page,
      pageSize: 20,
      more: req.page === 1,
    }));
    go({ Dossiers: { Search: async () => ({ items: [], more: false }), Intakes } });
    await openTab();
    await shown('intake-row-p1');

    type('intakes-from', '01/10/2026');
    type('intakes-to', '31/10/2026');
    click('intakes-show');
    await vi.waitFor(() => expect(Intakes).toHaveBeenLastCalledWith({ from: '2026-10-01', to: '2026-10-31', page: 1, pageSize: 20 }));
    await textBecomes('intakes-total', 'Tổng số: 21 lượt (01/10/2026 – 31/10/2026)');

    click('intakes-next');
    await shown('intake-row-p2');
    expect(Intakes).toHaveBeenLastCalledWith({ from: '2026-10-01', to: '2026-10-31', page: 2, pageSize: 20 });
    expect(textOf('intakes-page')).toBe('Trang 2');
    expect((byTestId('intakes-next') as HTMLButtonElement).disabled).toBe(true);

    type('intakes-to', '30/09/2026');
    click('intakes-show');
    await shown('intakes-bad-dates');
    expect(Intakes).toHaveBeenCalledTimes(3);
  });

  it('none in the period says so', async () => {
    go({ Dossiers: { Search: async () => ({ items: [] }), Intakes: async () => ({ items: [], total: 0, page: 1, pageSize: 20, more: false }) } });
    await openTab();
    await shown('intakes-empty');
    expect(textOf('intakes-total')).toMatch(/^Tổng số: 0 lượt/);
  });

  it('a row reprints its Form 02 by the intake\'s id into the preview; Go\'s refusal shows beside the list', async () => {
    const Form = vi.fn(async () => ({ filename: 'mau-02.pdf', mime: 'application/pdf', content: PDF, reprint: 1, verify: 'HSVF1|x', template: 'TT03/2025', set: 'TT03/2025', form: '02' }));
    go({ Print: { Form } });
    await openTab();
    const id = attempt().id;
    await shown(`intake-reprint-${id}`);
    click(`intake-reprint-${id}`);
    await shown('print-preview');
    expect(Form).toHaveBeenCalledWith({ form: 'supplement', intake: id });
    expect(textOf('print-title')).toBe('Mẫu 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ');
    expect(textOf('print-reprint')).toBe('Bản in lại (lần 1)');
    click('print-close');
    expect(byTestId('print-preview')).toBeNull();

    Form.mockImplementationOnce(async () => {
      throw { code: 'not_found', message: 'no intake attempt', field: 'intake' };
    });
    click(`intake-reprint-${id}`);
    await shown('intakes-print-error');
    expect(byTestId('print-preview')).toBeNull();
  });

  it('a list Go cannot read shows its error in place', async () => {
    go({ Dossiers: { Search: async () => ({ items: [] }), Intakes: async () => Promise.reject({ code: 'forbidden', message: 'no' }) } });
    await openTab();
    await shown('intakes-error');
    expect(byTestId('intakes-table')).toBeNull();
  });
});
