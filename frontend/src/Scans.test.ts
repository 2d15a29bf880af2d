// Digitization in jsdom with the Go side faked through the Bridge: at the
// desk a clerk attaches scans to the papers of the checklist (stored at
// once, the same file once, a wrong one refused in words, a thumbnail for
// an image and a PDF mark, removable), receives, and sees Go's refusal of
// a file on its paper's row; the applicant's paper digitized before is
// offered and taken instead of a scan. On the dossier the result at the
// desk carries the electronic result, and the papers and the result open
// through the dossier's record.
import { flushSync, mount, unmount, type Component } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import ActionForm from './components/dossiers/ActionForm.svelte';
import DossierFiles from './components/dossiers/DossierFiles.svelte';
import type { Dossier, FileRef, UserInfo } from './lib/api';
import { locale } from './lib/i18n';
import { resetAuth } from './lib/stores/auth';
import { resetDirectory } from './lib/stores/directory';
import { clearError } from './lib/stores/errors';
import { adminTab, currentSection } from './lib/stores/navigation';
import { systemInfo } from './lib/stores/system';
import { recoveryRenewed, vault } from './lib/stores/vault';
import { addRef, foldName, offersFor, paperOfField, removeRef, reusableRequest, withScans } from './lib/scans';
import { installGo, type FakeServices } from './test/fakeGo';
import { allByTestId, byTestId, chooseFile, cleanup, click, render, shown, textBecomes, textOf, type } from './test/dom';

vi.mock('./lib/pdf', () => ({
  openPdf: vi.fn(async () => ({ numPages: 1, renderPage: vi.fn(async () => ({ width: 419.5, height: 595.3 })), destroy: vi.fn(async () => {}) })),
}));

const office = { code: '38001', name: 'UBND xã Đông Sơn' };
const clerk: UserInfo = { id: 'u-clerk', username: 'vanthu', fullName: 'Nguyễn Thị Hồng', office: '38001', roles: ['clerk'], disabled: false, locked: false };
const CODE = '38001-261127-0008';
const OLD = '38001-260301-0002';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
const refOf = (name: string, type: string, n: number): FileRef => ({ id: String(n).repeat(64).slice(0, 64), name, type, size: 1500 + n });
const PNG_REF = refOf('to-khai.png', 'image/png', 1);
const PDF_REF = refOf('chung-sinh.pdf', 'application/pdf', 2);
const OLD_REF = refOf('to-khai-cu.png', 'image/png', 3);

function dossier(over: Partial<Dossier> = {}): Dossier {
  return {
    code: CODE,
    agency: '38001',
    office: '38001',
    desk: 0,
    book: { volume: '2026', number: 8 },
    status: 'received',
    national: 2,
    procedure: { code: '1.001193', name: 'Đăng ký khai sinh', version: 1, timeLimitWD: 1, steps: [] },
    applicant: { fullName: 'Lê Văn Nam', citizenId: '038095001234', address: 'Thôn 1', phone: '', email: '' },
    channel: 'in_person',
    documents: [{ name: 'Tờ khai', form: 'original', count: 1 }],
    sets: 1,
    receivedAt: '2026-11-27T09:15:00+07:00',
    due: '2026-12-04T17:00:00+07:00',
    rescheduled: false,
    holder: { office: '38001', officer: 'u-clerk' },
    secondSupplement: false,
    ...over,
  };
}

/** Files.Put as Go answers: the Ref of each file by its name, a text file refused. */
const Put = vi.fn(async (r: { name: string; content: string }) => {
  if (r.name.endsWith('.txt')) throw { code: 'invalid_input', field: 'content', message: 'bad type', params: { rule: 'bad_type', scope: 'file' } };
  return r.name.endsWith('.pdf') ? PDF_REF : PNG_REF;
});

function go(services: FakeServices = {}) {
  sessionStorage.setItem('hoso.session', 'sess-vanthu');
  return installGo({
    Vault: { Status: async () => ({ state: 'ready', method: 'keyfile', osKeyStore: false, recoveryKey: '' }) },
    System: { Info: async () => ({ version: '0.3.0', office, peerId: 'p', dataDir: '/d', language: '', syncState: 'idle' }), SetLanguage: async (r: { language: string }) => r },
    Setup: { Status: async () => ({ needed: false, office }) },
    Auth: { Me: async () => clerk, Logout: async () => ({}) },
    Offices: { List: async () => ({ offices: [{ ...office, parent: '', agencyId: '38001', version: 1 }] }) },
    Users: { Directory: async () => ({ users: [] }) },
    Catalog: {
      List: async () => ({
        procedures: [{ code: '1.001193', name: 'Đăng ký khai sinh', sector: 'Hộ tịch', level: 'commune', timeLimitWD: 1, extendedTimeLimitWD: null, feeVND: 0, feeNote: '', interagency: 'none', active: true, version: 1 }],
        sectors: ['Hộ tịch'],
      }),
      Get: async () => ({
        procedure: {
          code: '1.001193',
          name: 'Đăng ký khai sinh',
          documents: [
            { name: 'Tờ khai', form: 'original', count: 1, required: true },
            { name: 'Giấy chứng sinh', form: 'original', count: 1, required: true },
          ],
          agencies: [],
          steps: [],
        },
        version: 1,
        versions: [],
      }),
    },
    Files: { Put },
    ...services,
  });
}

async function pickProcedure() {
  render(App);
  await shown('rc-procedure');
  type('rc-procedure', 'khai sinh');
  await shown('rc-option-1.001193');
  byTestId('rc-procedure')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
  flushSync();
  await shown('rc-doc-0-file');
}

function fillApplicant(citizenId = '038095001234') {
  type('rc-fullname', 'Lê Văn Nam');
  type('rc-citizenid', citizenId);
  type('rc-address', 'Thôn 1');
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
  Put.mockClear();
});

afterEach(() => {
  cleanup();
  delete window.go;
  vi.restoreAllMocks();
});

describe('scans at the desk', () => {
  it('attaches, refuses in words, shows a thumbnail and a PDF mark, removes, and receives the Refs', async () => {
    const Receive = vi.fn(async (_req: unknown) => ({ received: true, missing: [], code: CODE, dossier: dossier() }));
    go({ Dossiers: { Receive } });
    await pickProcedure();
    fillApplicant('038095009999');

    chooseFile('rc-doc-0-file', new File([PNG], 'to-khai.png', { type: 'image/png' }));
    await shown('rc-doc-0-attached');
    // The same scan again is one file.
    chooseFile('rc-doc-0-file', new File([PNG], 'to-khai.png', { type: 'image/png' }));
    await vi.waitFor(() => expect(Put).toHaveBeenCalledTimes(2));
    expect(allByTestId('rc-doc-0-attached')).toHaveLength(1);
    expect((byTestId('rc-doc-0-thumb') as HTMLImageElement).src).toBe(`data:image/png;base64,${btoa(String.fromCharCode(...PNG))}`);
    expect((byTestId('rc-doc-got-0') as HTMLInputElement).checked).toBe(true);

    chooseFile('rc-doc-1-file', new File(['ghi chú'], 'ghi-chu.txt', { type: 'text/plain' }));
    await textBecomes('rc-doc-1-scan-error', 'Chỉ nhận tệp PDF, JPEG hoặc PNG.');
    expect(byTestId('rc-doc-1-attached')).toBeNull();
    chooseFile('rc-doc-1-file', new File(['%PDF-1.4'], 'chung-sinh.pdf', { type: 'application/pdf' }));
    await shown('rc-doc-1-pdf');
    expect(byTestId('rc-doc-1-scan-error')).toBeNull();
    expect(Put.mock.calls.at(-1)?.[0]).toEqual({ name: 'chung-sinh.pdf', content: btoa('%PDF-1.4') });

    // A wrong one removed before receiving; attached again.
    click('rc-doc-0-remove');
    expect(byTestId('rc-doc-0-attached')).toBeNull();
    chooseFile('rc-doc-0-file', new File([PNG], 'to-khai.png', { type: 'image/png' }));
    await shown('rc-doc-0-attached');

    click('rc-submit');
    await shown('receipt');
    expect(Receive.mock.calls[0][0]).toMatchObject({
      documents: [
        { name: 'Tờ khai', form: 'original', count: 1, files: [PNG_REF] },
        { name: 'Giấy chứng sinh', form: 'original', count: 1, files: [PDF_REF] },
      ],
    });
  });

  it('offers a photo from the camera only where the window has one', async () => {
    go({});
    await pickProcedure();
    expect(byTestId('rc-doc-0-camera')).toBeNull();
    cleanup();
    Object.defineProperty(navigator, 'mediaDevices', {
      configurable: true,
      value: { enumerateDevices: async () => [{ kind: 'videoinput', deviceId: 'cam', label: '', groupId: '' }] },
    });
    try {
      go({});
      await pickProcedure();
      await shown('rc-doc-0-camera');
      expect(byTestId('rc-doc-0-camera')?.getAttribute('capture')).toBe('environment');
      chooseFile('rc-doc-0-camera', new File([PNG], 'anh-chup.png', { type: 'image/png' }));
      await shown('rc-doc-0-attached');
    } finally {
      Reflect.deleteProperty(navigator, 'mediaDevices');
    }
  });

  it('shows Go\'s refusal of a file on the paper\'s row, with the focus there', async () => {
    const Receive = vi.fn(async () => {
      throw { code: 'invalid_input', field: 'documents[1].files[0]', message: 'not stored', params: { rule: 'file_missing', scope: 'file' } };
    });
    go({ Dossiers: { Receive } });
    await pickProcedure();
    fillApplicant('038095009999');
    click('rc-doc-got-0');
    chooseFile('rc-doc-1-file', new File(['%PDF-1.4'], 'chung-sinh.pdf', { type: 'application/pdf' }));
    await shown('rc-doc-1-attached');
    click('rc-submit');
    // Generous waits: the machine running the tests may be busy.
    await vi.waitFor(() => expect(textOf('rc-doc-1-scan-error')).toBe('Tệp chưa được lưu trên máy này: hãy đính kèm lại.'), { timeout: 5000 });
    await vi.waitFor(() => expect(document.activeElement?.id).toBe('rc-doc-1-file'), { timeout: 5000 });
    expect(byTestId('rc-doc-0-scan-error')).toBeNull();
  });

  it('offers the applicant\'s paper digitized before and takes it instead of a scan', async () => {
    const Receive = vi.fn(async (_req: unknown) => ({ received: true, missing: [], code: CODE, dossier: dossier() }));
    const Reusable = vi.fn(async (_req: unknown) => ({
      papers: [{ name: 'tờ khai', files: [{ dossier: OLD, receivedAt: '2026-03-01T09:00:00+07:00', file: OLD_REF }] }],
    }));
    const FileGet = vi.fn(async (_r: { subject: string; id: string }) => ({ ref: OLD_REF, synced: true, content: btoa('png') }));
    go({ Dossiers: { Receive, Reusable }, Files: { Put, Get: FileGet } });
    await pickProcedure();
    fillApplicant();
    await shown('rc-doc-0-reuse');
    expect(Reusable.mock.calls[0][0]).toEqual({ idNumber: '038095001234', orgCode: '', procedure: '1.001193' });
    expect(byTestId('rc-doc-1-reuse')).toBeNull();
    expect(textOf('rc-doc-0-reuse')).toBe('Dùng lại bản đã số hóa');
    click('rc-doc-0-reuse');
    expect(textOf('rc-doc-0-offer')).toBe(`to-khai-cu.png — hồ sơ ${OLD}, ngày 01/03/2026`);
    click('rc-doc-0-offer');
    expect(textOf('rc-doc-0-reused')).toContain(`Dùng lại to-khai-cu.png (hồ sơ ${OLD})`);
    // The reused image shows as a thumbnail, read through its dossier.
    await shown('rc-doc-0-reused-thumb');
    expect(FileGet).toHaveBeenCalledWith({ subject: `dossier/${OLD}`, id: OLD_REF.id });
    expect(byTestId('rc-doc-0-file')).toBeNull();
    click('rc-doc-got-1');
    click('rc-submit');
    await shown('receipt');
    const sent = (Receive.mock.calls[0][0] as { documents: { files?: unknown; reused?: unknown }[] }).documents;
    expect(sent[0]).toEqual({ name: 'Tờ khai', form: 'original', count: 1, reused: { dossier: OLD, file: OLD_REF } });
    expect(sent[1].files).toBeUndefined();
  });
});

describe('the electronic result', () => {
  let app: ReturnType<typeof mount> | undefined;
  const el = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const text = (id: string) => el(id)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const press = (id: string) => {
    el(id)!.click();
    flushSync();
  };
  const pickFile = (id: string, file: File) => {
    const input = el(id) as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
  };
  const appears = (id: string) => vi.waitFor(() => expect(el(id), id).not.toBeNull());
  function show<P extends Record<string, unknown>>(c: Component<P>, props: P) {
    const target = document.createElement('div');
    document.body.append(target);
    app = mount(c, { target, props });
    flushSync();
  }
  afterEach(() => {
    if (app) unmount(app);
    app = undefined;
    document.body.innerHTML = '';
  });

  it('the result at the desk carries the files attached', async () => {
    const Act = vi.fn(async (_r: unknown) => ({ dossier: dossier({ status: 'result_at_desk' }), allowed: [], overdue: false, dueSoon: false, appraisals: [] }));
    go({ Dossiers: { Act, RatingScale: async () => ({ scale: [] }) } });
    const ondone = vi.fn();
    show(ActionForm, { dossier: dossier({ status: 'signed' }), kind: 'dossier.result_at_desk', myOffice: '38001', ondone, oncancel: () => {} });
    pickFile('act-result-file', new File(['%PDF-1.4'], 'quyet-dinh.pdf', { type: 'application/pdf' }));
    await appears('act-result-attached');
    press('act-submit');
    await vi.waitFor(() => expect(ondone).toHaveBeenCalled());
    expect(Act.mock.calls[0][0]).toMatchObject({ code: CODE, action: 'dossier.result_at_desk', body: { files: [PDF_REF] } });
  });

  it('the papers and the result open through the dossier\'s record; one not synced says so', async () => {
    const Get = vi.fn(async (r: { subject: string; id: string }) =>
      r.id === PDF_REF.id ? { ref: PDF_REF, synced: true, content: btoa('%PDF-1.4') } : { ref: PNG_REF, synced: false },
    );
    const OpenPDF = vi.fn(async () => {});
    go({ Files: { Get } });
    window.go!.main = { Files: { OpenPDF, SavePDF: vi.fn(), SaveFile: vi.fn() } } as never;
    show(DossierFiles, {
      dossier: dossier({
        status: 'returned',
        documents: [
          { name: 'Tờ khai', form: 'original', count: 1, files: [PNG_REF] },
          { name: 'Giấy chứng sinh', form: 'original', count: 1, reused: { dossier: OLD, file: OLD_REF } },
        ],
        resultFiles: [PDF_REF],
      }),
    });
    expect(text('dossier-paper-1')).toContain('Giấy tờ 1: Tờ khai');
    expect(text('dossier-paper-2')).toContain(`dùng lại từ hồ sơ ${OLD}`);
    press('dossier-result-file');
    await vi.waitFor(() => expect(OpenPDF).toHaveBeenCalledWith('chung-sinh.pdf', btoa('%PDF-1.4')));
    expect(Get.mock.calls[0][0]).toEqual({ subject: `dossier/${CODE}`, id: PDF_REF.id });
    press('dossier-paper-file-1');
    await appears('dossier-file-not-synced');
    unmount(app!);
    app = undefined;
    show(DossierFiles, { dossier: dossier({ status: 'result_at_desk' }), only: 'result' });
    expect(el('dossier-paper-1')).toBeNull();
    expect(text('dossier-result-none')).toBe('Chưa có kết quả điện tử.');
  });
});

describe('lib/scans', () => {
  it('one file once, removal, the request\'s paper, folded names, offers', () => {
    expect(addRef(addRef([], PNG_REF), { ...PNG_REF })).toHaveLength(1);
    expect(removeRef([PNG_REF, PDF_REF], PNG_REF.id)).toEqual([PDF_REF]);
    expect(withScans({ name: 'a', form: 'copy', count: 1 }, { files: [PNG_REF], reused: { dossier: OLD, file: OLD_REF } })).toEqual({
      name: 'a', form: 'copy', count: 1, reused: { dossier: OLD, file: OLD_REF },
    });
    expect(paperOfField('documents[3].files[0]')).toBe(3);
    expect(paperOfField('documents[2].reused')).toBe(2);
    expect(paperOfField('applicant.fullName')).toBe(-1);
    expect(foldName('  Giấy  chứng sinh Đ ')).toBe('giay chung sinh d');
    expect(offersFor([{ name: 'GIẤY CHỨNG SINH', files: [{ dossier: OLD, receivedAt: '', file: OLD_REF }] }], 'Giấy chứng sinh')).toHaveLength(1);
    expect(reusableRequest({ kind: 'person', citizenId: '038 095 001 234' }, 'p')).toEqual({ idNumber: '038095001234', orgCode: '', procedure: 'p' });
    expect(reusableRequest({ kind: 'person', citizenId: '03809500' }, 'p')).toBeNull();
    expect(reusableRequest({ kind: 'organisation', orgId: '0101234567' }, 'p')).toEqual({ idNumber: '', orgCode: '0101234567', procedure: 'p' });
  });
});
