// Intake that helps (issue 22 item 7), in jsdom with the Go side faked
// through the Bridge: required fields marked before submit, a personal
// number typed with spaces neither cut nor refused, fixed lines accepted,
// a known number offering to fill the applicant (Dossiers.Citizen, asked
// for the contact only once the clerk confirms), the same procedure filed
// today as a warning, and a number whose first three digits name no
// province shown beside the field.
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
import { LOOKUP_DELAY_MS } from './components/reception/citizen';
import { installGo, type FakeServices } from './test/fakeGo';
import { byTestId, cleanup, click, render, shown, textBecomes, textOf, type } from './test/dom';

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

const marked = (id: string) =>
  byTestId(id)?.getAttribute('aria-required') === 'true' &&
  document.querySelector(`label[for="${id}"] .required-mark`)?.textContent?.trim() === '*';

const KNOWN = '038190000555';
const person = { fullName: 'Lê Thị Mai', citizenId: KNOWN, address: 'Thôn 5, xã Đông Sơn', phone: '02373888999' };

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

describe('intake that helps (issue 22 item 7)', () => {
  it('marks the fields that must be filled before anything is submitted', async () => {
    go();
    await pickProcedure();
    expect(textOf('rc-required-note')).toBe('Các ô có dấu * là bắt buộc.');
    for (const id of ['rc-procedure', 'rc-fullname', 'rc-citizenid', 'rc-sets']) expect(marked(id), id).toBe(true);
    for (const id of ['rc-address', 'rc-phone', 'rc-email']) expect(byTestId(id)?.hasAttribute('aria-required'), id).toBe(false);
    expect(labelText('rc-citizenid')).toBe('Số định danh cá nhân');
    click('rc-kind-organisation');
    await shown('rc-representative');
    for (const id of ['rc-fullname', 'rc-orgid', 'rc-rep-fullname', 'rc-rep-citizenid']) expect(marked(id), id).toBe(true);
  });

  it('a number typed with spaces is neither cut nor refused, and a fixed line is a phone', async () => {
    const Receive = vi.fn(async (_req: unknown) => ({ received: true, missing: [], code: CODE, dossier: dossier() }));
    go({ Dossiers: { Receive } });
    await pickProcedure();
    click('rc-doc-got-0');
    type('rc-fullname', 'Lê Thị Mai');
    // The input takes the 15 characters: it used to stop at 12 and keep "038 190 000 ".
    expect(byTestId<HTMLInputElement>('rc-citizenid')!.maxLength).toBeGreaterThanOrEqual(15);
    type('rc-citizenid', '038 190 000 555');
    type('rc-phone', '0237 3888 999');
    click('rc-submit');
    await shown('receipt');
    expect(Receive.mock.calls[0][0]).toMatchObject({ applicant: { citizenId: KNOWN, phone: '02373888999' } });
  });

  it('a mobile of 11 digits is still refused beside the field, in words that name both kinds', async () => {
    const Receive = vi.fn();
    go({ Dossiers: { Receive } });
    await pickProcedure();
    click('rc-doc-got-0');
    type('rc-fullname', 'Lê Thị Mai');
    type('rc-citizenid', KNOWN);
    type('rc-phone', '09123456789');
    click('rc-submit');
    expect(textOf('rc-phone-error')).toBe('Số điện thoại: di động 10 chữ số bắt đầu bằng 0, cố định 11 chữ số bắt đầu bằng 02.');
    expect(Receive).not.toHaveBeenCalled();
  });

  it('a known number offers to fill the name, address and phone; nothing personal is asked for until the clerk confirms', async () => {
    const Citizen = vi.fn(async (req: { citizenId: string; fill: boolean }) => ({
      citizenId: req.citizenId,
      province: 'Thanh Hóa',
      known: true,
      lastCode: '38001-261126-0001',
      lastReceivedAt: '2026-11-26T09:00:00+07:00',
      sameToday: [],
      ...(req.fill ? { contact: { fullName: person.fullName, address: person.address, phone: person.phone } } : {}),
    }));
    go({ Dossiers: { Citizen } });
    await pickProcedure();
    type('rc-citizenid', '038 190 000 555');
    await shown('rc-known');
    expect(Citizen).toHaveBeenCalledWith({ citizenId: KNOWN, procedure: '1.004884', fill: false });
    // One look-up per number typed: the answer must not start another (it
    // once did, every 250 ms, and the last call of this test was then a
    // look-up without fill whenever the machine was slow).
    await new Promise((r) => setTimeout(r, 2 * LOOKUP_DELAY_MS));
    expect(Citizen).toHaveBeenCalledTimes(1);
    expect(textOf('rc-id-place')).toBe('Mã 038: Thanh Hóa');
    expect(textOf('rc-known')).toContain('(mã 38001-261126-0001, tiếp nhận 26/11/2026 09:00)');
    expect(byTestId<HTMLInputElement>('rc-fullname')!.value).toBe('');
    click('rc-fill');
    await shown('rc-filled');
    expect(Citizen).toHaveBeenLastCalledWith({ citizenId: KNOWN, procedure: '1.004884', fill: true });
    expect(byTestId<HTMLInputElement>('rc-fullname')!.value).toBe(person.fullName);
    expect(byTestId<HTMLInputElement>('rc-address')!.value).toBe(person.address);
    expect(byTestId<HTMLInputElement>('rc-phone')!.value).toBe(person.phone);
    expect(document.activeElement?.id).toBe('rc-address');
    expect(byTestId('rc-known')).toBeNull();
  });

  it('declining the offer fills nothing', async () => {
    const Citizen = vi.fn(async (req: { citizenId: string }) => ({ citizenId: req.citizenId, province: 'Thanh Hóa', known: true, lastCode: 'x', sameToday: [] }));
    go({ Dossiers: { Citizen } });
    await pickProcedure();
    type('rc-citizenid', KNOWN);
    await shown('rc-known');
    click('rc-fill-no');
    expect(byTestId('rc-known')).toBeNull();
    expect(byTestId<HTMLInputElement>('rc-fullname')!.value).toBe('');
    expect(Citizen).toHaveBeenCalledTimes(1);
  });

  it('the same procedure filed today is a warning, and the clerk may still receive', async () => {
    const Citizen = vi.fn(async (req: { citizenId: string }) => ({
      citizenId: req.citizenId,
      province: 'Thanh Hóa',
      known: true,
      lastCode: '38001-261127-0003',
      sameToday: ['38001-261127-0003'],
    }));
    const Receive = vi.fn(async (_req: unknown) => ({ received: true, missing: [], code: CODE, dossier: dossier() }));
    go({ Dossiers: { Citizen, Receive } });
    await pickProcedure();
    click('rc-doc-got-0');
    type('rc-fullname', 'Lê Thị Mai');
    type('rc-citizenid', KNOWN);
    await textBecomes('rc-same-today', /hôm nay người này đã nộp hồ sơ thủ tục này \(38001-261127-0003\)/);
    click('rc-submit');
    await shown('receipt');
    expect(Receive).toHaveBeenCalledTimes(1);
  });

  it('three digits that name no province are shown beside the number as soon as it is typed', async () => {
    const Citizen = vi.fn(async () => {
      throw { code: 'refused', field: 'citizenId', message: 'x', params: { rule: 'bad_citizen_id', reason: 'place', prefix: '003' } };
    });
    go({ Dossiers: { Citizen } });
    await pickProcedure();
    type('rc-citizenid', '003190000123');
    await textBecomes(
      'rc-citizenid-error',
      'Ba chữ số đầu 003 không phải mã tỉnh, thành phố hay quốc gia nơi đăng ký khai sinh; hãy kiểm tra lại số định danh.',
    );
    locale.set('en');
    flushSync();
    expect(textOf('rc-citizenid-error')).toMatch(/^The first three digits 003 are not the code of a province/);
  });

  it('Go\'s refusal of the place at reception lands beside the representative\'s number', async () => {
    const Receive = vi.fn(async () => {
      throw {
        code: 'refused',
        field: 'applicant.representative.citizenId',
        message: 'x',
        params: { rule: 'bad_citizen_id', field: 'applicant.representative.citizenId', reason: 'place', prefix: '999' },
      };
    });
    go({ Dossiers: { Receive } });
    await pickProcedure();
    click('rc-doc-got-0');
    click('rc-kind-organisation');
    await shown('rc-representative');
    type('rc-fullname', 'Công ty TNHH An Phát');
    type('rc-orgid', '0101234567');
    type('rc-rep-fullname', 'Trần Văn Bình');
    type('rc-rep-citizenid', '999090000456');
    click('rc-submit');
    await textBecomes('rc-rep-citizenid-error', /^Ba chữ số đầu 999 /);
  });
});
