// Kế hoạch → "Báo cáo quý" in jsdom with the Go side faked through the
// Bridge: a commune leader signs the draft with its narrative and corrects
// it with a reason; an officer sees who must sign; the province sees the
// roll-up with each source's version, opens a source at that version, and
// the offices that have not reported.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import type { QuarterFigures, QuarterReport, QuarterVersion, UserInfo } from './lib/api';
import { locale } from './lib/i18n';
import { resetAuth } from './lib/stores/auth';
import { resetDirectory } from './lib/stores/directory';
import { clearError } from './lib/stores/errors';
import { currentSection } from './lib/stores/navigation';
import { systemInfo } from './lib/stores/system';
import { vault } from './lib/stores/vault';
import { installGo, type FakeServices } from './test/fakeGo';
import { byTestId, cleanup, click, render, shown, textOf, type } from './test/dom';

const user = (office: string, role: UserInfo['roles'][number]): UserInfo => ({
  id: 'u1', username: role === 'leader' ? 'lanhdao' : 'chuyenvien', fullName: 'Lê Thị Lan', office, roles: [role], disabled: false, locked: false,
});

const rate = (num: number, den: number) => ({ num, den, value: den ? num / den : 0, known: den > 0 });
const figures = (received: number, resolved: number, onTime: number): QuarterFigures => ({
  received, online: 0, inPerson: received, carried: 0, resolved, early: 0, onTime, late: resolved - onTime, pending: 0, pendingWithin: 0, pendingOverdue: 0,
  targets: [{ key: 'satisfied', numerator: 1, denominator: 2, value: 0.5, known: true, goal: 0.6, strict: true, met: false }],
  satisfaction: rate(1, 2), onTimeRate: rate(onTime, resolved), openNCs: 1,
  index: [
    { id: '6.1', title: 'Số hóa hồ sơ', measure: 'digitized', value: received ? onTime / received : 0, numerator: onTime, denominator: received, known: received > 0, score: 0, max: 10, full: 0.8, note: received ? '' : 'no_data' },
    { id: '1.1', title: 'Công khai đúng hạn', measure: 'national', value: 0, numerator: 0, denominator: 0, known: false, score: 0, max: 2, full: 0, note: 'national' },
  ],
});

const communeDraft: QuarterReport = {
  office: '38001', officeName: 'UBND xã Đông Sơn', quarter: '2026Q3', version: 0,
  tasks: [{ plan: '38-kh', planTitle: 'Kế hoạch CCHC', task: 'T1', title: 'Quy chế phối hợp', deadline: 'quarterly from 2012Q4', cell: 'done', status: 'done', note: 'Đã ban hành', evidence: [] }],
  own: figures(10, 8, 6), figures: figures(10, 8, 6), note: '', sources: [], missing: [], corrects: 0,
  preparedAt: '2026-12-07T00:00:00Z', signedBy: '', signerName: '', signedAt: '0001-01-01T00:00:00Z',
};

const version = (n: number, corrects = 0, conflict = false): QuarterVersion => ({
  version: n, corrects, note: corrects ? 'Bổ sung số liệu' : 'Báo cáo', signedBy: 'u1', signerName: 'Lê Thị Lan', signedAt: '2026-10-05T02:00:00Z', event: `ev${n}${conflict ? 'b' : ''}`, conflict,
});

function go(who: UserInfo, quarterly: FakeServices['Quarterly'] = {}) {
  sessionStorage.setItem('hoso.session', 'sess');
  const office = { code: who.office, name: 'Đơn vị' };
  return installGo({
    Vault: { Status: async () => ({ state: 'ready', method: 'keyfile', osKeyStore: false, recoveryKey: '' }) },
    System: {
      Info: async () => ({ version: '0.3.0', office, peerId: 'p', dataDir: '/d', language: '', syncState: 'idle' }),
      SetLanguage: async (r: { language: string }) => r,
    },
    Setup: { Status: async () => ({ needed: false, office }) },
    Auth: { Me: async () => who, Logout: async () => ({}) },
    Offices: { List: async () => ({ offices: [{ ...office, parent: '', agencyId: who.office, version: 1 }] }) },
    Users: { Directory: async () => ({ users: [] }) },
    Plans: { List: async () => ({ office: who.office, plans: [] }) },
    Quarterly: {
      Draft: async () => communeDraft,
      Versions: async () => ({ office: who.office, quarter: '2026Q3', versions: [] }),
      ...quarterly,
    },
  });
}

async function openTab() {
  currentSection.set('plans');
  render(App);
  await shown('plans-tab-quarterly');
  click('plans-tab-quarterly');
  await shown('quarterly-figures');
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  resetAuth();
  resetDirectory();
  locale.set('vi');
  systemInfo.set(null);
  vault.set(null);
  clearError();
});

afterEach(() => {
  cleanup();
  delete window.go;
  vi.restoreAllMocks();
});

describe('Báo cáo quý', () => {
  it("a commune leader signs the last closed quarter's draft, then corrects version 1 with a reason", async () => {
    let versions: QuarterVersion[] = [];
    const Submit = vi.fn(async (r) => {
      versions = [version(versions.length + 1, r.corrects), ...versions];
      return { ...communeDraft, version: versions.length, corrects: r.corrects, note: r.note, signerName: 'Lê Thị Lan', signedAt: '2026-10-05T02:00:00Z' };
    });
    const Draft = vi.fn(async (_r: { office: string; quarter: string }) => communeDraft);
    go(user('38001', 'leader'), { Submit, Draft, Versions: async () => ({ office: '38001', quarter: '2026Q3', versions }) });
    await openTab();
    // The draft of the last closed quarter: the server's default.
    expect(Draft.mock.calls[0][0]).toEqual({ office: '', quarter: '' });
    expect((byTestId('quarterly-quarter') as HTMLSelectElement).value).toBe('2026Q3');
    expect(textOf('quarterly-status')).toContain('Dự thảo');
    expect(textOf('quarterly-task-T1')).toContain('Hoàn thành');
    expect(textOf('quarterly-task-T1')).toContain('Hằng quý từ 2012Q4');
    expect(textOf('quarterly-fig-onTimeRate')).toContain('75,0% (6/8)');
    expect(byTestId('quarterly-no-versions')).not.toBeNull();
    type('quarterly-note', 'Hoàn thành nhiệm vụ quý');
    click('quarterly-sign');
    await vi.waitFor(() => expect(Submit).toHaveBeenCalledTimes(1));
    expect(Submit.mock.calls[0][0]).toEqual({ office: '', quarter: '2026Q3', note: 'Hoàn thành nhiệm vụ quý', corrects: 0 });
    await shown('quarterly-version-1');
    expect(textOf('quarterly-status')).toContain('Phiên bản 1');
    click('quarterly-correct');
    await shown('quarterly-reason');
    expect((byTestId('quarterly-correct-confirm') as HTMLButtonElement).disabled).toBe(true);
    type('quarterly-reason', 'Bổ sung số liệu');
    click('quarterly-correct-confirm');
    await vi.waitFor(() => expect(Submit).toHaveBeenCalledTimes(2));
    expect(Submit.mock.calls[1][0]).toEqual({ office: '', quarter: '2026Q3', note: 'Bổ sung số liệu', corrects: 1 });
    await shown('quarterly-version-2');
    expect(textOf('quarterly-version-2')).toContain('đính chính phiên bản 1');
  });

  it('an officer sees who signs, not the button; two versions signed under one number are marked', async () => {
    go(user('38001', 'officer'), { Versions: async () => ({ office: '38001', quarter: '2026Q3', versions: [version(2, 1, true), { ...version(2, 1, true), event: 'ev2a' }, version(1)] }) });
    await openTab();
    expect(textOf('quarterly-who-signs')).toContain('Lãnh đạo đơn vị ký');
    expect(byTestId('quarterly-sign')).toBeNull();
    await shown('quarterly-versions');
    expect(byTestId('quarterly-versions')?.querySelectorAll('[data-conflict="true"]').length).toBe(2);
    expect(textOf('quarterly-versions')).toContain('Xung đột');
  });

  it("the province's roll-up shows each source with its version, opens it at that version, and lists who has not reported", async () => {
    const src = (office: string, name: string, v: number, f: QuarterFigures) => ({ office, name, version: v, event: `event-${office}-0123456789`, figures: f });
    const province: QuarterReport = {
      ...communeDraft, office: '38', officeName: 'UBND tỉnh Thanh Hóa', tasks: [],
      sources: [src('38001', 'UBND xã Đông Sơn', 2, figures(10, 8, 6)), src('38002', 'UBND xã Đông Hòa', 1, figures(30, 20, 20))],
      missing: [{ code: '38003', name: 'UBND xã Đông Tiến' }], own: figures(0, 0, 0), figures: figures(40, 28, 26),
    };
    const Get = vi.fn(async (_r: { office: string; quarter: string; version: number }) => ({ ...communeDraft, version: 2, corrects: 1, note: 'Bổ sung số liệu' }));
    const Draft = vi.fn(async (r) => (r.office === '38001' ? communeDraft : province));
    const List = vi.fn(async (_r: { office: string; quarter: string }) => ({
      office: '38', quarter: '2026Q3',
      offices: [
        { code: '38001', name: 'UBND xã Đông Sơn', parent: '38', version: 2, event: 'e', signerName: 'Lê Thị Lan', signedAt: '2026-10-05T02:00:00Z', conflict: false },
        { code: '38003', name: 'UBND xã Đông Tiến', parent: '38', version: 0, event: '', signerName: '', signedAt: '', conflict: false },
      ],
    }));
    go(user('38', 'leader'), { Draft, Get, List });
    await openTab();
    expect(textOf('quarterly-source-38001')).toContain('Phiên bản 2');
    expect(textOf('quarterly-source-38002')).toContain('Phiên bản 1');
    expect(textOf('quarterly-missing-38003')).toContain('chưa báo cáo');
    const cells = [...(byTestId('quarterly-fig-received')?.querySelectorAll('td') ?? [])].map((c) => c.textContent?.trim());
    expect(cells).toEqual(['10', '30', '0', '40']);
    // The index of the quarter, one column per source, the own and the total.
    const index = [...(byTestId('quarterly-index-6.1')?.querySelectorAll('td') ?? [])].map((c) => c.textContent?.trim());
    expect(index).toEqual(['60%', '66,7%', 'Chưa có số liệu', '65%']);
    expect(textOf('quarterly-index-1.1')).toContain('Cần dữ liệu quốc gia');
    expect(textOf('quarterly-sources')).toContain('bản ghi event-38001-0123');
    await shown('quarterly-below');
    expect(List.mock.calls[0][0]).toEqual({ office: '38', quarter: '2026Q3' });
    expect(byTestId('quarterly-below-38001')?.dataset.version).toBe('2');
    expect(textOf('quarterly-below-38003')).toContain('Chưa báo cáo');
    click('quarterly-source-open-38001');
    await vi.waitFor(() => expect(Get).toHaveBeenCalled());
    expect(Get.mock.calls[0][0]).toEqual({ office: '38001', quarter: '2026Q3', version: 2 });
    await shown('quarterly-note-text');
    expect(textOf('quarterly-status')).toContain('Phiên bản 2');
    expect(textOf('quarterly-note-text')).toBe('Bổ sung số liệu');
    // Another office's report is read, never signed from here.
    expect(byTestId('quarterly-sign-box')).toBeNull();
    click('quarterly-back');
    await vi.waitFor(() => expect(textOf('quarterly-title')).toContain('UBND tỉnh Thanh Hóa'));
  });
});
