// Printing and checking printouts in jsdom with the Go side faked through
// the Bridge and PDF.js mocked (jsdom has no canvas): the forms offered per
// dossier state, Form 01 round trip into the preview (reprint, template,
// pages, Escape), a refused form in the banner, Save through the desktop's
// Files or a download, the tracking book's period, and the four verdicts of
// "Kiểm tra bản in".
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import type { Dossier, DossierReply, UserInfo } from './lib/api';
import { locale } from './lib/i18n';
import { thisMonth } from './lib/printing';
import { resetAuth } from './lib/stores/auth';
import { resetDirectory } from './lib/stores/directory';
import { clearError } from './lib/stores/errors';
import { adminTab, currentSection } from './lib/stores/navigation';
import { systemInfo } from './lib/stores/system';
import { recoveryRenewed, vault } from './lib/stores/vault';
import { installGo, type FakeServices } from './test/fakeGo';
import { allByTestId, byTestId, choose, cleanup, click, render, shown, textBecomes, textOf, type } from './test/dom';

const pdf = vi.hoisted(() => ({
  renderPage: vi.fn(async (_n: number, _canvas: HTMLCanvasElement, _scale: number) => ({ width: 419.5, height: 595.3 })),
  destroy: vi.fn(async () => {}),
  numPages: 2,
}));
vi.mock('./lib/pdf', () => ({
  openPdf: vi.fn(async (data: Uint8Array) => {
    if (new TextDecoder().decode(data.subarray(0, 5)) !== '%PDF-') throw new Error('not a PDF');
    return { numPages: pdf.numPages, renderPage: pdf.renderPage, destroy: pdf.destroy };
  }),
}));

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
const CODE = '38001-261127-0007';
const PDF = btoa('%PDF-1.4\n%%EOF\n');
const QR = `HSVF1|38001|dossier/${CODE}|3|0123456789abcdef0123456789abcdef`;

function dossier(over: Partial<Dossier> = {}): Dossier {
  return {
    code: CODE,
    agency: '38001',
    office: '38001',
    desk: 0,
    book: { volume: '2026', number: 7 },
    status: 'received',
    national: 2,
    procedure: { code: '1.004884', name: 'Đăng ký lại khai sinh', version: 1, timeLimitWD: 5, steps: [] },
    applicant: { fullName: 'Nguyễn Thị Hồng', citizenId: '038190000123', address: 'Thôn 1', phone: '0912345678', email: '' },
    channel: 'in_person',
    sets: 1,
    receivedAt: '2026-11-27T09:15:00+07:00',
    due: '2026-12-04T17:00:00+07:00',
    rescheduled: false,
    holder: { office: '38001', officer: 'u-clerk' },
    secondSupplement: false,
    ...over,
  };
}

const row = {
  code: CODE,
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

function formReply(form: string, reprint = 0) {
  return { filename: `mau-${form}-${CODE}.pdf`, mime: 'application/pdf', content: PDF, reprint, verify: QR, template: 'TT01/2018' };
}

function go(services: FakeServices = {}, d: Dossier = dossier()) {
  sessionStorage.setItem('hoso.session', 'sess-vanthu');
  const reply: DossierReply = { dossier: d, allowed: [], overdue: false, dueSoon: false, appraisals: [] };
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
    Dossiers: {
      Search: async () => ({ items: [row], page: 1, pageSize: 20, more: false }),
      Get: async () => reply,
    },
    ...services,
  });
}

async function openDetail() {
  currentSection.set('dossiers');
  render(App);
  await shown(`dossier-open-${CODE}`);
  click(`dossier-open-${CODE}`);
  await shown('dossier-code');
}

function key(el: Element, k: string) {
  el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
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
  pdf.renderPage.mockClear();
  pdf.destroy.mockClear();
});

afterEach(() => {
  cleanup();
  delete window.go;
  vi.restoreAllMocks();
});

describe('printing a dossier', () => {
  it('offers the papers that apply, numbered as in the 2025 set: a received dossier gets 01 and 06 only', async () => {
    go();
    await openDetail();
    await shown('print-form-receipt');
    expect(textOf('print-form-receipt')).toBe('01 Giấy tiếp nhận');
    expect(textOf('print-form-control')).toBe('06 Phiếu kiểm soát');
    for (const f of ['supplement', 'refusal', 'refusal_notice', 'apology', 'stop']) expect(byTestId(`print-form-${f}`)).toBeNull();
  });

  it('a dossier received before 1 July 2025 keeps the 2018 numbering', async () => {
    go({}, dossier({ receivedAt: '2025-06-20T09:00:00+07:00' }));
    await openDetail();
    await shown('print-form-control');
    expect(textOf('print-form-control')).toBe('05 Phiếu kiểm soát');
  });

  it('refused after appraisal: the agency\'s notice, not the desk\'s form', async () => {
    go(
      {},
      dossier({
        status: 'refused',
        result: { kind: 'refused', at: '2026-11-30T09:00:00+07:00', by: 'u-leader', event: '', office: '', reason: 'Không đủ điều kiện' },
        timeline: [
          { id: 'e1', kind: 'dossier.received', at: '', actor: 'u-clerk', actorOffice: '38001', outcome: 'applied' },
          { id: 'e2', kind: 'dossier.handed_over', at: '', actor: 'u-clerk', actorOffice: '38001', outcome: 'applied' },
        ],
      }),
    );
    await openDetail();
    await shown('print-form-refusal_notice');
    expect(textOf('print-form-refusal_notice')).toBe('Thông báo từ chối giải quyết');
    expect(byTestId('print-form-refusal')).toBeNull();
  });

  it('stopped: the notice of stopped processing (05 in the 2025 set)', async () => {
    go({}, dossier({ status: 'stopped', result: { kind: 'stopped', at: '2026-11-30T09:00:00+07:00', by: 'u-leader', event: '', office: '' } }));
    await openDetail();
    await shown('print-form-stop');
    expect(textOf('print-form-stop')).toBe('05 Thông báo dừng giải quyết');
  });

  it('supplement requested, refused and rescheduled: 02, 03 and 04 as well', async () => {
    go(
      {},
      dossier({
        status: 'refused',
        supplements: [{ id: 's1', at: '2026-11-28T09:00:00+07:00', missing: ['Giấy chứng sinh'], by: '', office: '' }],
        result: { kind: 'refused', at: '2026-11-30T09:00:00+07:00', by: 'u-officer', event: '', office: '', reason: 'Không đủ điều kiện' },
        rescheduled: true,
      }),
    );
    await openDetail();
    await shown('print-form-receipt');
    expect(allByTestId('dossier-print')[0].querySelectorAll('button')).toHaveLength(5);
    expect(textOf('print-form-refusal')).toBe('03 Phiếu từ chối tiếp nhận');
  });

  it('a dossier not accepted at the desk: the refusal only', async () => {
    go({}, dossier({ status: 'not_accepted', result: { kind: 'not_accepted', at: '2026-11-27T09:20:00+07:00', by: 'u-clerk', event: '', office: '' } }));
    await openDetail();
    await shown('print-form-refusal');
    expect(byTestId('print-form-receipt')).toBeNull();
    expect(byTestId('print-form-control')).toBeNull();
  });

  it('the receipt: calls Print.Form with the doc kind and the code, busy meanwhile, then the preview with its pages; Escape closes', async () => {
    let release!: () => void;
    const Form = vi.fn(async (req: { form: string }) => {
      await new Promise<void>((r) => (release = r));
      return formReply(req.form, 2);
    });
    go({ Print: { Form } });
    await openDetail();
    await shown('print-form-receipt');
    click('print-form-receipt');
    await vi.waitFor(() => expect(Form).toHaveBeenCalledWith({ form: 'receipt', code: CODE }));
    expect(byTestId('print-form-receipt')?.getAttribute('aria-busy')).toBe('true');
    expect(textOf('print-form-receipt')).toBe('Đang in…');
    expect((byTestId('print-form-control') as HTMLButtonElement).disabled).toBe(true);
    expect(byTestId('print-preview')).toBeNull();

    release();
    const dialog = await shown('print-preview');
    expect(dialog.getAttribute('role')).toBe('dialog');
    expect(document.getElementById(dialog.getAttribute('aria-labelledby') ?? '')?.textContent).toBe(
      'Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
    );
    expect(textOf('print-reprint')).toBe('Bản in lại (lần 2)');
    expect(textOf('print-template')).toBe('Mẫu biểu: TT01/2018');
    await vi.waitFor(() => expect(pdf.renderPage).toHaveBeenCalledTimes(2));
    const pages = allByTestId('print-page');
    expect(pages).toHaveLength(2);
    expect(pdf.renderPage.mock.calls.map((c) => [c[0], c[1]])).toEqual([
      [1, pages[0]],
      [2, pages[1]],
    ]);
    // Once the pages are drawn the focus is on Print: Enter prints.
    await vi.waitFor(() => expect(document.activeElement).toBe(byTestId('print-print')));
    expect(byTestId('print-form-receipt')?.getAttribute('aria-busy')).toBeNull();

    // Tab from the last button wraps to the first.
    const last = byTestId('print-close') as HTMLButtonElement;
    last.focus();
    last.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true }));
    expect(document.activeElement).toBe(byTestId('print-save'));

    key(dialog, 'Escape');
    expect(byTestId('print-preview')).toBeNull();
    await vi.waitFor(() => expect(pdf.destroy).toHaveBeenCalled());
    expect(document.activeElement).toBe(byTestId('print-form-receipt'));
  });

  it('a form with nothing to print: Go\'s not_found shows in the banner, translated; no preview', async () => {
    const Form = vi.fn(async () => {
      throw { code: 'not_found', field: 'form', message: 'this dossier has nothing to print on form 05' };
    });
    go({ Print: { Form } });
    await openDetail();
    await shown('print-form-control');
    click('print-form-control');
    await textBecomes('error-text', 'Không tìm thấy dữ liệu yêu cầu.');
    expect(Form).toHaveBeenCalledWith({ form: 'control', code: CODE });
    expect(byTestId('print-preview')).toBeNull();
    expect((byTestId('print-form-control') as HTMLButtonElement).disabled).toBe(false);
  });

  it('Save: the desktop\'s Files.SavePDF when Wails binds it, and the path saved is shown', async () => {
    go({ Print: { Form: async () => formReply('01') } });
    const SavePDF = vi.fn(async () => '/home/vanthu/Tài liệu/mau-01.pdf');
    const OpenPDF = vi.fn(async () => {});
    window.go!.main = { Files: { SavePDF, OpenPDF, SaveFile: vi.fn(async () => '') } };
    const download = vi.spyOn(HTMLAnchorElement.prototype, 'click');
    await openDetail();
    await shown('print-form-receipt');
    click('print-form-receipt');
    await shown('print-preview');
    expect(byTestId('print-reprint')).toBeNull();
    click('print-save');
    await textBecomes('print-note', 'Đã lưu: /home/vanthu/Tài liệu/mau-01.pdf');
    expect(SavePDF).toHaveBeenCalledWith(`mau-01-${CODE}.pdf`, PDF);
    click('print-open');
    await vi.waitFor(() => expect(OpenPDF).toHaveBeenCalledWith(`mau-01-${CODE}.pdf`, PDF));
    expect(download).not.toHaveBeenCalled();
  });

  it('Save in a browser: a PDF download under Go\'s file name', async () => {
    go({ Print: { Form: async () => formReply('01') } });
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => {
      blobs.push(b);
      return 'blob:x';
    });
    URL.revokeObjectURL = vi.fn();
    const names: string[] = [];
    const download = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    await openDetail();
    await shown('print-form-receipt');
    click('print-form-receipt');
    await shown('print-preview');
    click('print-save');
    await textBecomes('print-note', `Đã tải xuống: mau-01-${CODE}.pdf`);
    expect(download).toHaveBeenCalledTimes(1);
    expect(names).toEqual([`mau-01-${CODE}.pdf`]);
    expect(blobs[0].type).toBe('application/pdf');
  });
});

describe('the tracking book (Form 06)', () => {
  // The bar of counts and the book, folded on a short screen, unfolded.
  beforeEach(() => localStorage.setItem('hoso.dossiers.bar', 'open'));

  it('prints this month by default, then the period typed; a bad period is not sent', async () => {
    const Book = vi.fn(async () => formReply('06'));
    go({ Print: { Book } });
    currentSection.set('dossiers');
    render(App);
    await shown('print-book');
    const { from, to } = thisMonth();
    expect((byTestId('book-from') as HTMLInputElement).value).toBe(from.split('-').reverse().join('/'));
    click('print-book');
    await shown('print-preview');
    expect(Book).toHaveBeenCalledWith({ from, to });
    click('print-close');

    type('book-from', '01/10/2026');
    type('book-to', '31/10/2026');
    click('print-book');
    await shown('print-preview');
    expect(Book).toHaveBeenLastCalledWith({ from: '2026-10-01', to: '2026-10-31' });
    expect(textOf('print-title')).toBe('Mẫu 06 — Sổ theo dõi hồ sơ (01/10/2026 – 31/10/2026)');
    click('print-close');

    type('book-to', '30/09/2026');
    click('print-book');
    await shown('book-error');
    expect(Book).toHaveBeenCalledTimes(2);
  });
});

describe('the tracking book of one sector group', () => {
  // The bar of counts and the book, folded on a short screen, unfolded.
  beforeEach(() => localStorage.setItem('hoso.dossiers.bar', 'open'));

  const books = [
    { id: 'HT', name: 'Sổ theo dõi hồ sơ lĩnh vực Hộ tịch', sectors: ['Hộ tịch'] },
    { id: 'CT', name: 'Sổ theo dõi hồ sơ lĩnh vực Chứng thực', sectors: ['Chứng thực'] },
  ];
  const settings = (list: object[]) => async () => ({ office: '38001', source: '38001', settings: { receiptCopies: 2, contactPhone: '', books: list } });

  it('offers the office\'s books and the general book of the other sectors; sends the one chosen', async () => {
    const Book = vi.fn(async () => ({ ...formReply('07'), set: 'TT03/2025', form: '07' }));
    go({ Print: { Book, Settings: settings(books) } });
    currentSection.set('dossiers');
    render(App);
    const select = (await shown('book-choice')) as HTMLSelectElement;
    expect([...select.options].map((o) => [o.value, o.text])).toEqual([
      ['HT', 'Sổ theo dõi hồ sơ lĩnh vực Hộ tịch'],
      ['CT', 'Sổ theo dõi hồ sơ lĩnh vực Chứng thực'],
      ['', 'Sổ chung (các lĩnh vực khác)'],
    ]);
    expect(select.value).toBe('HT');
    const { from, to } = thisMonth();
    click('print-book');
    await shown('print-preview');
    expect(Book).toHaveBeenLastCalledWith({ from, to, book: 'HT' });
    expect(textOf('print-title')).toMatch(/^Mẫu 07 — Sổ theo dõi hồ sơ lĩnh vực Hộ tịch \(/);
    click('print-close');

    choose('book-choice', 'CT');
    click('print-book');
    await shown('print-preview');
    expect(Book).toHaveBeenLastCalledWith({ from, to, book: 'CT' });
    click('print-close');

    choose('book-choice', '');
    click('print-book');
    await shown('print-preview');
    expect(Book).toHaveBeenLastCalledWith({ from, to, book: '' });
    expect(textOf('print-title')).toMatch(/^Mẫu 07 — Sổ chung \(các lĩnh vực khác\) \(/);
  });

  it('no general book when one book takes every other sector', async () => {
    go({ Print: { Book: async () => formReply('07'), Settings: settings([...books, { id: 'KHAC', name: 'Sổ các lĩnh vực khác', sectors: [] }]) } });
    currentSection.set('dossiers');
    render(App);
    const select = (await shown('book-choice')) as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual(['HT', 'CT', 'KHAC']);
  });

  it('an office that keeps no books has nothing to choose and sends no book', async () => {
    const Book = vi.fn(async () => formReply('07'));
    const calls = go({ Print: { Book, Settings: settings([]) } });
    currentSection.set('dossiers');
    render(App);
    await shown('print-book');
    await vi.waitFor(() => expect(calls.map((c) => c.method)).toContain('Print.Settings'));
    click('print-book');
    await shown('print-preview');
    expect(byTestId('book-choice')).toBeNull();
    expect(Book).toHaveBeenCalledWith(thisMonth());
  });
});

describe('Kiểm tra bản in', () => {
  async function check(reply: object, text = QR) {
    const Verify = vi.fn(async () => reply);
    go({ Records: { Verify } });
    currentSection.set('dossiers');
    render(App);
    await shown('dossiers-tab-verify');
    click('dossiers-tab-verify');
    await shown('verify-text');
    type('verify-text', text);
    // The scanner ends with Enter.
    key(byTestId('verify-text')!, 'Enter');
    await vi.waitFor(() => expect(Verify).toHaveBeenCalledWith({ text }));
    return Verify;
  }

  const base = { office: '38001', subject: `dossier/${CODE}`, printedEvents: 3, currentEvents: 3, added: [] };

  it('match', async () => {
    await check({ ...base, status: 'match' });
    await textBecomes('verify-verdict', 'Khớp: hồ sơ trên máy này đúng như bản in');
    expect(byTestId('verify-result')?.dataset.status).toBe('match');
    expect(textOf('verify-subject')).toBe(CODE);
    expect(textOf('verify-printed')).toBe('3');
    expect(textOf('verify-current')).toBe('3');
    expect(byTestId('verify-added')).toBeNull();
  });

  it('changed: the events added since, in words, with time and office', async () => {
    await check({
      ...base,
      status: 'changed',
      currentEvents: 5,
      added: [
        { kind: 'dossier.handed_over', at: '2026-11-27T10:30:00+07:00', actor: 'u-clerk', office: '38001' },
        { kind: 'dossier.assigned', at: '2026-11-27T11:00:00+07:00', actor: 'u-officer', office: '38001' },
      ],
      details: ['2 sự kiện sau khi in'],
    });
    await textBecomes('verify-verdict', 'Đã có thay đổi sau khi in');
    expect(textOf('verify-current')).toBe('5');
    const rows = allByTestId('verify-added-row');
    expect(rows).toHaveLength(2);
    const cells = [...rows[0].querySelectorAll('td')].map((td) => td.textContent?.trim());
    expect(cells[0]).toBe('Chuyển xử lý');
    expect(cells[1]).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    await vi.waitFor(() => expect(rows[1].querySelectorAll('td')[2].textContent).toBe('Trần Văn Minh'));
    await vi.waitFor(() => expect(rows[1].querySelectorAll('td')[3].textContent).toBe('UBND xã Đông Sơn (38001)'));
    expect(textOf('verify-details')).toBe('2 sự kiện sau khi in');
  });

  it('differs: the warning, styled as danger', async () => {
    await check({ ...base, status: 'differs', currentEvents: 4, details: ['hash mismatch'] });
    await textBecomes('verify-verdict', 'KHÔNG khớp: bản in khác với hồ sơ trên máy này');
    expect(byTestId('verify-result')?.classList.contains('danger')).toBe(true);
    expect(textOf('verify-details')).toBe('hash mismatch');
  });

  it('unknown', async () => {
    await check({ ...base, status: 'unknown', currentEvents: 0 });
    await textBecomes('verify-verdict', 'Không có hồ sơ này trên máy này');
    expect(byTestId('verify-result')?.classList.contains('danger')).toBe(false);
    expect(textOf('verify-current')).toBe('0');
  });

  it('text that is no printout\'s QR is said so, in English too', async () => {
    const Verify = vi.fn(async () => {
      throw { code: 'invalid_input', field: 'text', message: 'not a QR text' };
    });
    go({ Records: { Verify } });
    // The user's own choice (the node's language would otherwise win).
    localStorage.setItem('hoso.lang', 'en');
    locale.set('en');
    currentSection.set('dossiers');
    render(App);
    await shown('dossiers-tab-verify');
    click('dossiers-tab-verify');
    type('verify-text', 'hello');
    click('verify-submit');
    await textBecomes('verify-error', 'This is not the QR text of a document printed by Hồ Sơ Một Cửa.');
    expect(byTestId('verify-result')).toBeNull();
  });
});
