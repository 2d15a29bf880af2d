// The 2025 intake in jsdom with the Go side faked through the Bridge and
// PDF.js mocked: an organisation filing through its representative, an
// individual filing by proxy, refused characters and Go's field errors
// beside the right field, and printing from the intake screen — the
// receipt (F9, Ctrl+P, the button) in the office's number of copies with
// its code as a QR, and the Form 02 of an incomplete intake, with no code.
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import type { Dossier, UserInfo } from './lib/api';
import { locale } from './lib/i18n';
import { resetAuth } from './lib/stores/auth';
import { resetDirectory } from './lib/stores/directory';
import { clearError } from './lib/stores/errors';
import { adminTab, currentSection } from './lib/stores/navigation';
import { systemInfo } from './lib/stores/system';
import { recoveryRenewed, vault } from './lib/stores/vault';
import { installGo, type FakeServices } from './test/fakeGo';
import { allByTestId, byTestId, choose, cleanup, click, render, shown, textBecomes, textOf, type } from './test/dom';

vi.mock('./lib/pdf', () => ({
  openPdf: vi.fn(async () => ({ numPages: 1, renderPage: vi.fn(async () => ({ width: 419.5, height: 595.3 })), destroy: vi.fn(async () => {}) })),
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
const CODE = '38001-261127-0008';
const PDF = btoa('%PDF-1.4\n%%EOF\n');
const ORG = { kind: 'organisation' as const, fullName: 'Công ty TNHH An Phát', citizenId: '', orgId: '0101234567', address: 'Thôn Đông', phone: '', email: '' };
const REP = { fullName: 'Trần Văn Bình', citizenId: '001090000456', relation: 'Người được ủy quyền' };

function dossier(over: Partial<Dossier> = {}): Dossier {
  return {
    code: CODE,
    agency: '38001',
    office: '38001',
    desk: 0,
    book: { volume: '2026', number: 8 },
    status: 'received',
    national: 2,
    procedure: { code: '1.004884', name: 'Đăng ký lại khai sinh', version: 1, timeLimitWD: 5, steps: [] },
    applicant: { ...ORG, representative: REP },
    channel: 'in_person',
    documents: [{ name: 'Tờ khai', form: 'original', count: 1 }],
    sets: 1,
    formSet: 'TT03/2025',
    receivedAt: '2026-11-27T09:15:00+07:00',
    due: '2026-12-04T17:00:00+07:00',
    rescheduled: false,
    holder: { office: '38001', officer: 'u-clerk' },
    secondSupplement: false,
    ...over,
  };
}

function formReply(form: string) {
  return { filename: `mau-${form}.pdf`, mime: 'application/pdf', content: PDF, reprint: 0, verify: 'HSVF1|x', template: 'TT03/2025' };
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
    Users: { Directory: async () => ({ users: [] }) },
    Catalog: {
      List: async () => ({
        procedures: [
          {
            code: '1.004884',
            name: 'Đăng ký lại khai sinh',
            sector: 'Hộ tịch',
            level: 'commune',
            timeLimitWD: 5,
            extendedTimeLimitWD: null,
            feeVND: 0,
            feeNote: '',
            interagency: 'none',
            active: true,
            version: 1,
          },
        ],
        sectors: ['Hộ tịch'],
      }),
      Get: async () => ({
        procedure: {
          code: '1.004884',
          name: 'Đăng ký lại khai sinh',
          documents: [{ name: 'Tờ khai', form: 'original', count: 1, required: true }],
          agencies: [],
          steps: [],
        },
        version: 1,
        versions: [],
      }),
    },
    ...services,
  });
}

/** A label's words, without the required mark (aria-hidden, beside it). */
function labelText(id: string): string {
  const label = document.querySelector(`label[for="${id}"]`)?.cloneNode(true) as HTMLElement | undefined;
  label?.querySelector('.required-mark')?.remove();
  return label?.textContent ?? '';
}

function keyOn(target: EventTarget, k: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(e);
  flushSync();
  return e;
}

async function pickProcedure() {
  render(App);
  await shown('rc-procedure');
  type('rc-procedure', 'khai sinh');
  await shown('rc-option-1.004884');
  keyOn(byTestId('rc-procedure')!, 'Enter');
  await shown('rc-doc-got-0');
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

describe('the applicant at the desk', () => {
  it('an organisation files through its representative: its own fields, the identifier\'s shape, the request Go gets', async () => {
    const Receive = vi.fn(async (_req: unknown) => ({ received: true, missing: [], code: CODE, dossier: dossier() }));
    go({ Dossiers: { Receive }, Print: { Settings: async () => ({ office: '38001', source: '', settings: { receiptCopies: 3, contactPhone: '', books: [] } }) } });
    await pickProcedure();
    // An individual by default: the personal number, no representative until ticked.
    expect((byTestId('rc-kind-person') as HTMLInputElement).checked).toBe(true);
    expect(byTestId('rc-orgid')).toBeNull();
    expect(byTestId('rc-representative')).toBeNull();
    expect(labelText('rc-citizenid')).toBe('Số định danh cá nhân');

    click('rc-kind-organisation');
    expect(byTestId('rc-citizenid')).toBeNull();
    expect(labelText('rc-fullname')).toBe('Tên tổ chức');
    expect(labelText('rc-orgid')).toBe('Mã số doanh nghiệp/mã số thuế');
    expect(byTestId('rc-proxy')).toBeNull();
    await shown('rc-representative');
    expect((byTestId('rc-rep-relation') as HTMLInputElement).value).toBe('Người được ủy quyền');

    click('rc-doc-got-0');
    type('rc-fullname', 'Công ty TNHH An Phát');
    type('rc-orgid', '010123456');
    type('rc-address', 'Thôn Đông');
    click('rc-submit');
    expect(textOf('rc-orgid-error')).toBe(
      'Mã số doanh nghiệp/mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số.',
    );
    expect(textOf('rc-rep-citizenid-error')).toBe('Số định danh cá nhân gồm đúng 12 chữ số.');
    expect(document.activeElement?.id).toBe('rc-orgid');
    expect(Receive).not.toHaveBeenCalled();

    type('rc-orgid', '0101234567');
    type('rc-rep-fullname', 'Trần Văn Bình');
    type('rc-rep-citizenid', '001090000456');
    click('rc-submit');
    await shown('receipt');
    expect(Receive.mock.calls[0][0]).toMatchObject({ applicant: { ...ORG, representative: REP }, note: '' });
    expect(textOf('receipt-applicant')).toBe('Công ty TNHH An Phát · Mã số DN/thuế 0101234567');
    expect(textOf('receipt-representative')).toBe('Trần Văn Bình (Người được ủy quyền) · Số định danh 001090000456');
    const qr = (await shown('receipt-qr')) as HTMLImageElement;
    expect(qr.dataset.code).toBe(CODE);
    expect(qr.alt).toBe(`Mã QR của mã hồ sơ ${CODE}`);
    expect(qr.src.startsWith('data:image/svg+xml')).toBe(true);
    await textBecomes('desk-print', 'In giấy tiếp nhận (3 bản)');
  });

  it('an individual by proxy; a bidi override refused in words; Go\'s field errors beside the field they name', async () => {
    // As Go refuses a rule of the applicant: "refused", the rule and the field.
    let goAnswer: object = {
      code: 'refused',
      field: 'applicant.representative.citizenId',
      message: 'not 12 digits',
      params: { rule: 'bad_citizen_id', field: 'applicant.representative.citizenId' },
    };
    const Receive = vi.fn(async () => {
      throw goAnswer;
    });
    go({ Dossiers: { Receive } });
    await pickProcedure();
    click('rc-doc-got-0');
    type('rc-fullname', 'Nguyễn Văn A\u202e');
    type('rc-citizenid', '038190000123');
    click('rc-proxy');
    await shown('rc-representative');
    type('rc-rep-fullname', 'Nguyễn Thị B');
    type('rc-rep-citizenid', '038190000124');
    type('rc-rep-relation', 'Con');
    click('rc-submit');
    expect(textOf('rc-fullname-error')).toBe('Có ký tự điều khiển hoặc ký tự đảo chiều văn bản không được phép; hãy gõ lại.');
    expect(Receive).not.toHaveBeenCalled();

    type('rc-fullname', 'Nguyễn Văn A');
    click('rc-submit');
    await textBecomes('rc-rep-citizenid-error', 'Số định danh cá nhân gồm đúng 12 chữ số.');
    expect(document.activeElement?.id).toBe('rc-rep-citizenid');
    expect(Receive).toHaveBeenCalledWith(
      expect.objectContaining({
        applicant: expect.objectContaining({
          kind: 'person',
          representative: { fullName: 'Nguyễn Thị B', citizenId: '038190000124', relation: 'Con' },
        }),
      }),
    );

    goAnswer = { code: 'invalid_input', field: 'applicant.address', message: 'control character' };
    type('rc-address', 'Thôn 1');
    click('rc-submit');
    await textBecomes('rc-address-error', 'Giá trị chưa hợp lệ.');
    expect(byTestId('rc-rep-citizenid-error')).toBeNull();
  });
});

describe('printing from the intake screen', () => {
  it('F9 prints the receipt in the office\'s copies into the preview; Ctrl+P too, left to the browser while the preview shows', async () => {
    const Form = vi.fn(async (req: { form: string }) => formReply(req.form));
    go({
      Dossiers: { Receive: async () => ({ received: true, missing: [], code: CODE, dossier: dossier() }) },
      Print: { Form, Settings: async () => ({ office: '38001', source: '', settings: { receiptCopies: 3, contactPhone: '', books: [] } }) },
    });
    await pickProcedure();
    click('rc-kind-organisation');
    click('rc-doc-got-0');
    type('rc-fullname', ORG.fullName);
    type('rc-orgid', ORG.orgId);
    type('rc-rep-fullname', REP.fullName);
    type('rc-rep-citizenid', REP.citizenId);
    keyOn(byTestId('rc-doc-got-0')!, 'Enter');
    await shown('receipt');
    await textBecomes('desk-print', 'In giấy tiếp nhận (3 bản)');
    await vi.waitFor(() => expect(document.activeElement).toBe(byTestId('receipt-another')));

    const f9 = keyOn(document.activeElement!, 'F9');
    expect(f9.defaultPrevented).toBe(true);
    await shown('print-preview');
    expect(Form).toHaveBeenCalledTimes(1);
    expect(Form).toHaveBeenCalledWith({ form: 'receipt', code: CODE, copies: 3 });
    expect(textOf('print-title')).toBe('Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả');

    // The preview's own print: Ctrl+P is not taken away from it.
    const inPreview = keyOn(byTestId('print-close')!, 'p', { ctrlKey: true });
    expect(inPreview.defaultPrevented).toBe(false);
    expect(Form).toHaveBeenCalledTimes(1);
    click('print-close');
    expect(byTestId('print-preview')).toBeNull();

    const ctrlP = keyOn(document.body, 'p', { ctrlKey: true });
    expect(ctrlP.defaultPrevented).toBe(true);
    await shown('print-preview');
    expect(Form).toHaveBeenCalledTimes(2);
    click('print-close');

    click('desk-print');
    await shown('print-preview');
    expect(Form).toHaveBeenCalledTimes(3);
    click('print-close');

    // The next citizen: F9 prints nothing any more.
    click('receipt-another');
    await shown('rc-procedure');
    keyOn(document.body, 'F9');
    expect(Form).toHaveBeenCalledTimes(3);
  });

  it('without the office\'s setting, two copies; a failed print says why beside the button', async () => {
    const Form = vi.fn(async () => {
      throw { code: 'internal', message: 'boom' };
    });
    go({
      Dossiers: { Receive: async () => ({ received: true, missing: [], code: CODE, dossier: dossier() }) },
      Print: {
        Form,
        Settings: async () => {
          throw { code: 'unknown_method', message: 'no method' };
        },
      },
    });
    await pickProcedure();
    click('rc-kind-organisation');
    click('rc-doc-got-0');
    type('rc-fullname', ORG.fullName);
    type('rc-orgid', ORG.orgId);
    type('rc-rep-fullname', REP.fullName);
    type('rc-rep-citizenid', REP.citizenId);
    click('rc-submit');
    await shown('receipt');
    expect(textOf('desk-print')).toBe('In giấy tiếp nhận (2 bản)');
    keyOn(document.body, 'F9');
    await shown('desk-print-error');
    expect(Form).toHaveBeenCalledWith({ form: 'receipt', code: CODE, copies: 2 });
    expect(byTestId('print-preview')).toBeNull();
  });

  it('an incomplete dossier: the reason goes to Go, and F9 prints its Form 02 by the intake\'s ID, with no code', async () => {
    const Receive = vi.fn(async (_req: unknown) => ({ received: false, missing: ['Tờ khai', 'Giấy chứng sinh'], code: '', intake: 'in-7' }));
    const Form = vi.fn(async (req: { form: string }) => formReply(req.form));
    go({ Dossiers: { Receive }, Print: { Form, Settings: async () => ({ office: '38001', source: '', settings: { receiptCopies: 2, contactPhone: '', books: [] } }) } });
    await pickProcedure();
    type('rc-fullname', 'Lê Văn An');
    type('rc-citizenid', '038190000999');
    type('rc-extra', 'Bản sao hộ chiếu');
    type('rc-note', 'Thiếu tờ khai và giấy chứng sinh');
    click('rc-submit');
    await shown('missing');
    expect(Receive.mock.calls[0][0]).toMatchObject({ note: 'Thiếu tờ khai và giấy chứng sinh' });
    expect(allByTestId('missing-item').map((li) => li.textContent)).toEqual(['Tờ khai', 'Giấy chứng sinh']);
    await textBecomes('desk-print', 'In phiếu yêu cầu bổ sung (2 bản)');

    keyOn(document.body, 'F9');
    await shown('print-preview');
    expect(Form).toHaveBeenCalledWith({ form: 'supplement', intake: 'in-7', copies: 2 });
    expect(textOf('print-title')).toBe('Mẫu 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ');
    expect(byTestId('receipt')).toBeNull();
  });

  it('a node that recorded no intake: the button is off and says why; F9 does nothing', async () => {
    const Form = vi.fn(async (req: { form: string }) => formReply(req.form));
    go({
      Dossiers: { Receive: async () => ({ received: false, missing: ['Tờ khai'], code: '' }) },
      Print: { Form },
    });
    await pickProcedure();
    type('rc-fullname', 'Lê Văn An');
    type('rc-citizenid', '038190000999');
    type('rc-extra', 'Bản sao hộ chiếu');
    click('rc-submit');
    await shown('missing');
    expect((byTestId('desk-print') as HTMLButtonElement).disabled).toBe(true);
    expect(textOf('desk-print-unavailable')).toBe('Máy chủ chưa ghi nhận lượt tiếp nhận này nên chưa in được phiếu.');
    keyOn(document.body, 'F9');
    expect(Form).not.toHaveBeenCalled();
  });
});

describe('the time limit and the fee at the desk', () => {
  const COPY = {
    code: '2.000815',
    name: 'Chứng thực bản sao từ bản chính',
    sector: 'Chứng thực',
    level: 'commune',
    timeLimitWD: 0,
    extendedTimeLimitWD: 2,
    feeVND: 2000,
    feeNote: '',
    interagency: 'none',
    active: true,
    version: 3,
  };
  const COPY_RULE = {
    kind: 'per_page',
    vndPerPage: 2000,
    fromPage: 3,
    vndPerPageAfter: 1000,
    maxVNDPerCopy: 200000,
    exemptions: ['Người có công với cách mạng'],
    basis: 'Thông tư 226/2016/TT-BTC',
  };
  const catalog = {
    List: async () => ({ procedures: [COPY], sectors: ['Chứng thực'] }),
    Get: async () => ({
      procedure: { ...COPY, extendedReason: 'Chứng thực số lượng lớn', fee: COPY_RULE, documents: [], agencies: [], steps: [] },
      version: 3,
      versions: [],
    }),
  };

  async function pickCopy() {
    render(App);
    await shown('rc-procedure');
    type('rc-procedure', 'chứng thực');
    await shown('rc-option-2.000815');
    keyOn(byTestId('rc-procedure')!, 'Enter');
    await shown('rc-fee-pages');
    type('rc-fullname', 'Lê Văn An');
    type('rc-citizenid', '038190000999');
    type('rc-extra', 'Bản chính giấy khai sinh');
  }

  it('an extended limit with its reason goes to Go, and the receipt states the limit and the fee asked', async () => {
    const Receive = vi.fn(async (_req: unknown) => ({
      received: true,
      missing: [],
      code: CODE,
      dossier: dossier({
        procedure: { code: COPY.code, name: COPY.name, version: 3, timeLimitWD: 0, steps: [] },
        applicant: { kind: 'person', fullName: 'Lê Văn An', citizenId: '038190000999', address: '', phone: '', email: '' },
        extension: { limitWD: 2, reason: 'Chứng thực số lượng lớn' },
        feeQuote: { amountVND: 7000, text: '5 trang: 2 trang × 2.000 đ + 3 trang × 1.000 đ = 7.000 đ' },
      }),
    }));
    go({ Catalog: catalog, Dossiers: { Receive } });
    await pickCopy();
    expect(textOf('rc-limit')).toBe('Trong ngày');
    expect(byTestId('rc-extended-reason')).toBeNull();
    click('rc-extended');
    await shown('rc-extended-reason');
    expect(textOf('rc-limit')).toBe('2 ngày làm việc Thời hạn kéo dài');
    // The procedure's reason comes first; the clerk may write another.
    expect((byTestId('rc-extended-reason') as HTMLInputElement).value).toBe('Chứng thực số lượng lớn');
    type('rc-extended-reason', '');
    click('rc-submit');
    expect(textOf('rc-extended-reason-error')).toBe('Hãy ghi lý do áp dụng thời hạn kéo dài.');
    expect(Receive).not.toHaveBeenCalled();
    type('rc-extended-reason', 'Chứng thực số lượng lớn');
    type('rc-fee-pages', '5');
    choose('rc-fee-exemption', '');
    click('rc-submit');
    await shown('receipt');
    expect(Receive.mock.calls[0][0]).toMatchObject({
      extended: 'Chứng thực số lượng lớn',
      fee: { channel: 'in_person', pages: 5, copies: 1 },
    });
    expect((Receive.mock.calls[0][0] as { fee: object }).fee).not.toHaveProperty('exemption');
    expect(textOf('receipt-limit')).toBe('2 ngày làm việc (thời hạn kéo dài: Chứng thực số lượng lớn)');
    expect(textOf('receipt-fee')).toBe('7.000 đồng 5 trang: 2 trang × 2.000 đ + 3 trang × 1.000 đ = 7.000 đ');
  });

  it('the fee shows as the clerk types, before Enter: Go computes it once the typing pauses, its errors beside the field', async () => {
    const Quote = vi.fn(async (req: unknown) => {
      const fee = (req as { fee?: { pages?: number; copies?: number; exemption?: string } }).fee ?? {};
      if (fee.exemption) throw { code: 'invalid_input', field: 'fee.exemption', message: 'not an exemption of this fee' };
      const pages = fee.pages ?? 0;
      const one = Math.min(pages, 2) * 2000 + Math.max(pages - 2, 0) * 1000;
      return { quoted: true, amountVND: one * (fee.copies ?? 1), text: `${pages} trang = ${one} đ`, kind: 'per_page' };
    });
    const Receive = vi.fn();
    go({ Catalog: catalog, Dossiers: { Receive }, Fees: { Quote } });
    await pickCopy();
    // Pages 1, copies 1 to begin with: the fee of one page.
    await textBecomes('rc-fee-amount', '2.000 đồng');
    expect(Quote).toHaveBeenLastCalledWith({ procedure: '2.000815', channel: 'in_person', fee: { channel: 'in_person', pages: 1, copies: 1 } });
    const before = Quote.mock.calls.length;
    // Typing "5" then "50" then back to "5": one call, for what stays typed.
    type('rc-fee-pages', '5');
    type('rc-fee-pages', '50');
    type('rc-fee-pages', '5');
    await textBecomes('rc-fee-amount', '7.000 đồng');
    expect(textOf('rc-fee-text')).toBe('5 trang = 7000 đ');
    expect(Quote.mock.calls.length).toBe(before + 1);
    expect(Quote).toHaveBeenLastCalledWith({ procedure: '2.000815', channel: 'in_person', fee: { channel: 'in_person', pages: 5, copies: 1 } });
    type('rc-fee-copies', '2');
    await textBecomes('rc-fee-amount', '14.000 đồng');
    // Nothing to quote while the pages are blank (quoteRequest): no amount.
    type('rc-fee-pages', '');
    expect(byTestId('rc-fee-amount')).toBeNull();
    // Go refuses the exemption: said beside it, no amount.
    type('rc-fee-pages', '5');
    choose('rc-fee-exemption', 'Người có công với cách mạng');
    await shown('rc-fee-exemption-error');
    expect(byTestId('rc-fee-amount')).toBeNull();
    choose('rc-fee-exemption', '');
    await textBecomes('rc-fee-amount', '14.000 đồng');
    expect(byTestId('rc-fee-exemption-error')).toBeNull();
    expect(Receive).not.toHaveBeenCalled();
  });

  it('the normal limit sends no reason; pages are checked; Go\'s fee and extension errors land beside their fields', async () => {
    let answer: object = { code: 'invalid_input', field: 'fee.pages', message: 'pages out of range' };
    const Receive = vi.fn(async (_req: unknown) => {
      throw answer;
    });
    go({ Catalog: catalog, Dossiers: { Receive } });
    await pickCopy();
    type('rc-fee-pages', '0');
    click('rc-submit');
    expect(textOf('rc-fee-pages-error')).toBe('Nhập một số nguyên từ 1 trở lên.');
    expect(Receive).not.toHaveBeenCalled();
    type('rc-fee-pages', '99999');
    click('rc-submit');
    await shown('rc-fee-pages-error');
    expect(Receive.mock.calls[0][0]).not.toHaveProperty('extended');
    expect(document.activeElement?.id).toBe('rc-fee-pages');

    answer = { code: 'invalid_input', field: 'extended', message: 'no extended limit' };
    type('rc-fee-pages', '5');
    click('rc-extended');
    await shown('rc-extended-reason');
    click('rc-submit');
    await shown('rc-extended-reason-error');
    expect(textOf('rc-extended-reason-error')).toBe('Thủ tục này không có thời hạn kéo dài.');
  });
});
