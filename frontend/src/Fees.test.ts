// Fees at the desk in jsdom with the Go side faked through the Bridge and
// PDF.js mocked: the fee panel of a dossier (asked, paid, each receipt with
// its number and method; a clerk records a payment in cash or by transfer)
// and the fee book (today by default, every desk or one, entries and day
// subtotals, the totals in cash, by transfer and in all; printed into the
// preview and exported as Excel).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import type { Dossier, UserInfo } from './lib/api';
import { locale } from './lib/i18n';
import { resetAuth } from './lib/stores/auth';
import { nowInVietnam } from './lib/stores/calendar';
import { resetDirectory } from './lib/stores/directory';
import { clearError } from './lib/stores/errors';
import { adminTab, currentSection } from './lib/stores/navigation';
import { systemInfo } from './lib/stores/system';
import { recoveryRenewed, vault } from './lib/stores/vault';
import { installGo, type FakeServices } from './test/fakeGo';
import { allByTestId, byTestId, choose, cleanup, click, render, shown, textBecomes, textOf, type } from './test/dom';

vi.mock('./lib/pdf', () => ({
  openPdf: vi.fn(async () => ({ numPages: 1, renderPage: vi.fn(async () => ({ width: 841.9, height: 595.3 })), destroy: vi.fn(async () => {}) })),
}));

const office = { code: '38001', name: 'UBND xã Đông Sơn' };
const clerk: UserInfo = { id: 'u-clerk', username: 'vanthu', fullName: 'Nguyễn Thị Hồng', office: '38001', roles: ['clerk'], disabled: false, locked: false };
const CODE = '38001-261207-0002';
const PDF = btoa('%PDF-1.4\n%%EOF\n');

// rules: what the rule-versions panel shows.
const DOSSIER = {
  code: CODE,
  agency: '38001',
  office: '38001',
  desk: 0,
  book: { volume: '2026', number: 2 },
  status: 'received',
  national: 2,
  procedure: { code: '2.000815', name: 'Chứng thực bản sao từ bản chính', version: 1, timeLimitWD: 0, steps: [] },
  applicant: { kind: 'person', fullName: 'Phan Văn Sao', citizenId: '038190000555', address: '', phone: '', email: '' },
  channel: 'in_person',
  sets: 1,
  receivedAt: '2026-12-07T09:22:00+07:00',
  due: '2026-12-07T17:00:00+07:00',
  extension: { limitWD: 2, reason: 'nhiều bản' },
  feeQuote: { amountVND: 7000, text: '5 trang: 2 trang × 2.000 đ + 3 trang × 1.000 đ = 7.000 đ' },
  rules: { forms: 'TT03/2025', catalog: '2.000815@1', calendar: '38@1' },
  rescheduled: false,
  holder: { office: '38001', officer: 'u-clerk' },
  secondSupplement: false,
} as Dossier;

const entry = (over: object) => ({
  no: 1,
  receipt: '38001-26-0-000001',
  paidAt: '2026-12-07T02:22:00Z',
  day: '2026-12-07',
  desk: 0,
  code: CODE,
  applicant: 'Phan Văn Sao',
  procedure: 'Chứng thực bản sao từ bản chính',
  method: 'cash',
  amountVND: 7000,
  clerk: 'u-clerk',
  clerkName: 'Nguyễn Thị Hồng',
  event: 'e1',
  ...over,
});

const BOOK = {
  office: '38001',
  officeName: 'UBND xã Đông Sơn',
  desk: -1,
  from: '2026-12-06',
  to: '2026-12-07',
  entries: [
    entry({ no: 1, receipt: '38001-26-1-000004', day: '2026-12-06', desk: 1, method: 'transfer', amountVND: 20000, event: 'e0' }),
    entry({ no: 2 }),
  ],
  days: [
    { day: '2026-12-06', count: 1, cashVND: 0, transferVND: 20000, totalVND: 20000 },
    { day: '2026-12-07', count: 1, cashVND: 7000, transferVND: 0, totalVND: 7000 },
  ],
  total: { count: 2, cashVND: 7000, transferVND: 20000, totalVND: 27000 },
  generatedAt: '2026-12-07T03:00:00Z',
  verify: 'HSVF1|38001|feebook/38001/all/2026-12-06/2026-12-07|2|abc',
};

function go(services: FakeServices = {}) {
  sessionStorage.setItem('hoso.session', 'sess-vanthu');
  return installGo({
    Vault: { Status: async () => ({ state: 'ready', method: 'keyfile', osKeyStore: false, recoveryKey: '' }) },
    System: {
      Info: async () => ({ version: '0.5.0', office, peerId: 'p', dataDir: '/d', language: '', syncState: 'idle' }),
      SetLanguage: async (r: { language: string }) => r,
    },
    Setup: { Status: async () => ({ needed: false, office }) },
    Auth: { Me: async () => clerk, Logout: async () => ({}) },
    Offices: { List: async () => ({ offices: [{ ...office, parent: '', agencyId: '38001', version: 1 }] }) },
    Users: { Directory: async () => ({ users: [] }) },
    ...services,
  });
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  resetAuth();
  resetDirectory();
  locale.set('vi');
  currentSection.set('dossiers');
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

describe('the fee of a dossier', () => {
  it('the limit and the fee asked in the header; the clerk records a transfer and gets the receipt number', async () => {
    let paid = false;
    const Status = vi.fn(async () => ({ code: CODE, askedVND: 0, paidVND: 0, owedVND: 0, payments: [] }));
    const Pay = vi.fn(async () => {
      paid = true;
      return {
        code: CODE,
        askedVND: 7000,
        paidVND: 7000,
        owedVND: 0,
        payments: [{ id: 'p1', at: '2026-12-07T02:22:00Z', amountVND: 7000, paidAt: '2026-12-07T09:25:00+07:00', paidVND: 7000, method: 'transfer', receipt: '38001-26-0-000001' }],
        receipt: '38001-26-0-000001',
      };
    });
    const Get = vi.fn(async () => ({
      dossier: paid ? { ...DOSSIER, status: 'received' } : DOSSIER,
      allowed: ['dossier.handed_over', 'dossier.payment_requested'],
      overdue: false,
      dueSoon: false,
    }));
    const SUMMARY = {
      code: CODE, applicant: 'Phan Văn Sao', citizenId: '038190000555', procedure: 'Chứng thực bản sao', status: 'received',
      national: 2, office: '38001', holder: '38001', receivedAt: DOSSIER.receivedAt, due: DOSSIER.due, overdue: false, conflicts: 0,
    };
    go({
      Dossiers: { Search: async () => ({ items: [SUMMARY], page: 1, pageSize: 20, more: false }), Get },
      Fees: { Status, Pay },
    });
    render(App);
    await shown(`dossier-open-${CODE}`);
    click(`dossier-open-${CODE}`);
    await shown('fee-pay-form');
    expect(textOf('dossier-limit')).toBe('2 ngày làm việc (thời hạn kéo dài: nhiều bản)');
    expect(textOf('dossier-fee')).toBe('7.000 đồng (5 trang: 2 trang × 2.000 đ + 3 trang × 1.000 đ = 7.000 đ)');
    expect(textOf('dossier-rules')).toBe('Lịch nghỉ: 38@1 · Thủ tục: 2.000815@1 · Bộ mẫu: TT03/2025');
    expect(Status).toHaveBeenCalledWith({ code: CODE });
    expect(textOf('fee-asked')).toBe('7.000 đồng');
    expect(textOf('fee-paid')).toBe('0 đồng');
    // The payment goes through the panel (Go numbers the receipt), not a bare action.
    expect(byTestId('act-payment_received')).toBeNull();
    expect((byTestId('fee-amount') as HTMLInputElement).value).toBe('7000');
    click('fee-method-transfer');
    click('fee-pay');
    await shown('fee-issued');
    expect(Pay).toHaveBeenCalledWith({ code: CODE, amountVND: 7000, method: 'transfer' });
    expect(textOf('fee-issued')).toBe('Đã thu, biên lai số 38001-26-0-000001. Tổng đã nộp: 7.000 đồng.');
    expect(textOf('fee-paid')).toBe('7.000 đồng');
    expect(textOf('fee-receipt-38001-26-0-000001')).toBe('Biên lai 38001-26-0-000001: 7.000 đồng, Chuyển khoản, 07/12/2026 09:25');
    expect(byTestId('fee-pay-form')).toBeNull();
    await vi.waitFor(() => expect(Get).toHaveBeenCalledTimes(2));
  });

  it('Go\'s refusal shows beside the button; nothing is owed once paid', async () => {
    const Pay = vi.fn(async () => {
      throw { code: 'invalid_input', field: 'method', message: 'bad method' };
    });
    const SUMMARY = {
      code: CODE, applicant: 'Phan Văn Sao', citizenId: '038190000555', procedure: 'Chứng thực bản sao', status: 'payment_requested',
      national: 2, office: '38001', holder: '38001', receivedAt: DOSSIER.receivedAt, due: DOSSIER.due, overdue: false, conflicts: 0,
    };
    go({
      Dossiers: {
        Search: async () => ({ items: [SUMMARY], page: 1, pageSize: 20, more: false }),
        Get: async () => ({ dossier: { ...DOSSIER, status: 'payment_requested', feeQuote: undefined }, allowed: ['dossier.payment_received'], overdue: false, dueSoon: false }),
      },
      Fees: {
        Status: async () => ({ code: CODE, askedVND: 5000, paidVND: 0, owedVND: 5000, payments: [{ id: 'p1', at: '2026-12-07T02:22:00Z', amountVND: 5000 }] }),
        Pay,
      },
    });
    render(App);
    await shown(`dossier-open-${CODE}`);
    click(`dossier-open-${CODE}`);
    await shown('fee-pay-form');
    expect((byTestId('fee-amount') as HTMLInputElement).value).toBe('5000');
    click('fee-pay');
    await shown('fee-pay-error');
    expect(Pay).toHaveBeenCalledWith({ code: CODE, amountVND: 5000, method: 'cash' });
  });
});

describe('the fee book', () => {
  it('today and every desk by default; entries by day with subtotals, the totals by method; one desk; print and Excel', async () => {
    const Book = vi.fn(async () => BOOK);
    const FeeBook = vi.fn(async () => ({ filename: 'so-thu-phi.pdf', mime: 'application/pdf', content: PDF, reprint: 0, verify: BOOK.verify }));
    const Export = vi.fn(async () => ({ filename: 'so-thu-phi-38001-tat-ca-quay-20261206-20261207.xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content: btoa('PK') }));
    go({ Dossiers: { Search: async () => ({ items: [], page: 1, pageSize: 20, more: false }) }, Fees: { Book, Export }, Print: { FeeBook } });
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    render(App);
    await shown('dossiers-tab-fees');
    click('dossiers-tab-fees');
    await shown('fee-book-table');
    const today = nowInVietnam().date;
    expect(Book).toHaveBeenCalledWith({ desk: -1, from: today, to: today });
    expect(textOf('fee-book-lead')).toBe('UBND xã Đông Sơn — Tất cả các quầy, từ 06/12/2026 đến 07/12/2026');
    expect(allByTestId('fee-entry-38001-26-1-000004')[0].textContent).toContain('Chuyển khoản');
    expect(textOf('fee-entry-38001-26-0-000001')).toContain('Tiền mặt');
    expect(textOf('fee-day-2026-12-06')).toMatch(/^Cộng ngày 06\/12\/2026 \(1 biên lai\)\s*20\.000$/);
    expect(textOf('fee-day-2026-12-07')).toMatch(/^Cộng ngày 07\/12\/2026 \(1 biên lai\)\s*7\.000$/);
    expect(textOf('fee-book-total')).toMatch(/^Tổng cộng \(2 biên lai\)\s*27\.000$/);
    expect(textOf('fee-book-sums')).toBe('Tiền mặt: 7.000 đồng · Chuyển khoản: 20.000 đồng · Tổng: 27.000 đồng');

    choose('fee-book-desk', '1');
    await vi.waitFor(() => expect(Book).toHaveBeenLastCalledWith({ desk: 1, from: today, to: today }));
    type('fee-book-from', '06/12/2026');
    click('fee-book-show');
    await vi.waitFor(() => expect(Book).toHaveBeenLastCalledWith({ desk: 1, from: '2026-12-06', to: today }));

    click('fee-book-print');
    await shown('print-preview');
    expect(FeeBook).toHaveBeenCalledWith({ desk: 1, from: '2026-12-06', to: today });
    click('print-close');

    click('fee-book-xlsx');
    await shown('fee-book-saved');
    expect(Export).toHaveBeenCalledWith({ desk: 1, from: '2026-12-06', to: today });
    expect(names).toEqual(['so-thu-phi-38001-tat-ca-quay-20261206-20261207.xlsx']);
  });

  it('dates the wrong way round are refused before asking Go', async () => {
    const Book = vi.fn(async () => ({ ...BOOK, entries: [], days: [], total: { count: 0, cashVND: 0, transferVND: 0, totalVND: 0 } }));
    go({ Dossiers: { Search: async () => ({ items: [], page: 1, pageSize: 20, more: false }) }, Fees: { Book } });
    render(App);
    await shown('dossiers-tab-fees');
    click('dossiers-tab-fees');
    await shown('fee-book-empty');
    expect(textOf('fee-book-empty')).toBe('Không có khoản thu nào trong thời gian này.');
    type('fee-book-from', '31/12/2099');
    click('fee-book-show');
    await shown('fee-book-dates-error');
    expect(Book).toHaveBeenCalledTimes(1);
  });
});
