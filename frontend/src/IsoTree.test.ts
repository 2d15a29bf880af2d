// ISO → "Đơn vị trực thuộc" in jsdom with the Go side faked through the
// Bridge: each office below with its quality system's figures, indented by
// depth, what needs attention named, the totals; a row opens the office's
// objectives read-only; another year asks again.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import type { IsoTreeReply, UserInfo } from './lib/api';
import type { IsoSummary } from './lib/api.gen';
import { locale } from './lib/i18n';
import { resetAuth } from './lib/stores/auth';
import { resetDirectory } from './lib/stores/directory';
import { clearError } from './lib/stores/errors';
import { currentSection } from './lib/stores/navigation';
import { systemInfo } from './lib/stores/system';
import { vault } from './lib/stores/vault';
import { installGo } from './test/fakeGo';
import { byTestId, choose, cleanup, click, render, shown, textBecomes, textOf } from './test/dom';

const office = { code: '38001', name: 'UBND xã Đông Sơn' };
const user = (roles: UserInfo['roles']): UserInfo => ({ id: `u-${roles[0]}`, username: roles[0], fullName: 'Lê Văn Chủ', office: '38001', roles, disabled: false, locked: false });

const summary = (office: string, s: Partial<IsoSummary> = {}): IsoSummary => ({
  office,
  year: 2026,
  processes: { inForce: 0, draft: 0, superseded: 0 },
  objectives: [],
  nonconformities: { open: 0, closed: 0, auto: 0, manual: 0 },
  actions: { open: 0, overdue: 0, closed: 0, effective: 0 },
  lastAudit: null,
  lastReview: null,
  ...s,
});
const tree: IsoTreeReply = {
  office: '405',
  year: 2026,
  offices: [
    { code: '405', name: 'UBND huyện Đông Sơn', parent: '38', depth: 0, objectivesMet: 0, attention: ['no_process', 'no_audit', 'no_review'], summary: summary('405') },
    {
      code: '38001',
      name: 'UBND xã Đông Hòa',
      parent: '405',
      depth: 1,
      objectivesMet: 1,
      attention: ['missed_objective', 'overdue_action'],
      summary: summary('38001', {
        processes: { inForce: 6, draft: 1, superseded: 2 },
        objectives: [
          { name: '≥ 98% hồ sơ giải quyết đúng hạn', target: 98, value: 99.1, status: 'met' },
          { name: 'Mức độ hài lòng ≥ 90%', target: 90, value: 84, status: 'missed' },
        ],
        nonconformities: { open: 3, closed: 5, auto: 7, manual: 1 },
        actions: { open: 2, overdue: 1, closed: 4, effective: 3 },
        lastAudit: '2026-10-15',
        lastReview: '2026-11-20',
      }),
    },
  ],
  totals: { offices: 2, processesInForce: 6, objectives: 2, objectivesMet: 1, openNonconformities: 3, openActions: 2, overdueActions: 1, attention: 2 },
};

function go(who: UserInfo, Tree: (r: { office: string; year: number }) => Promise<IsoTreeReply>, more: Record<string, unknown> = {}) {
  sessionStorage.setItem('hoso.session', 'sess');
  return installGo({
    Vault: { Status: async () => ({ state: 'ready', method: 'keyfile', osKeyStore: false, recoveryKey: '' }) },
    System: {
      Info: async () => ({ version: '0.3.0', office, peerId: 'p', dataDir: '/d', language: '', syncState: 'idle' }),
      SetLanguage: async (r: { language: string }) => r,
    },
    Setup: { Status: async () => ({ needed: false, office }) },
    Auth: { Me: async () => who, Logout: async () => ({}) },
    Offices: { List: async () => ({ offices: [{ ...office, parent: '', agencyId: '405', version: 1 }] }) },
    Users: { Directory: async () => ({ users: [] }) },
    Iso: { Tree, ...more },
  });
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

describe('Đơn vị trực thuộc', () => {
  it("lists each office below with its figures and what needs attention; a row opens its objectives read-only; another year asks again", async () => {
    const Tree = vi.fn(async () => tree);
    go(user(['leader']), Tree);
    currentSection.set('iso');
    render(App);
    await shown('iso-tab-tree');
    click('iso-tab-tree');
    await shown('iso-tree-table');
    expect(Tree).toHaveBeenCalledWith({ office: '', year: new Date().getFullYear() });
    expect(textOf('iso-tree-totals')).toContain('2 đơn vị, 2 đơn vị cần chú ý; 1/2 mục tiêu đạt; 1 hành động khắc phục quá hạn');
    const row = textOf('iso-tree-row-38001');
    expect(row).toContain('UBND xã Đông Hòa');
    expect(row).toContain('1/2');
    expect(row).toContain('15/10/2026');
    expect(textOf('iso-tree-overdue-38001')).toBe('1 quá hạn');
    expect(textOf('iso-tree-attention-38001')).toContain('Mục tiêu không đạt');
    expect(textOf('iso-tree-attention-405')).toContain('Chưa đánh giá nội bộ');
    expect((byTestId('iso-tree-row-38001')?.firstElementChild as HTMLElement).style.paddingLeft).toBe('1.7rem');
    click('iso-tree-open-38001');
    await shown('iso-tree-objectives');
    expect(textOf('iso-tree-detail')).toContain('Quy trình: 6 hiệu lực, 1 dự thảo, 2 hết hiệu lực');
    expect(textOf('iso-tree-objectives')).toContain('Không đạt');
    expect(byTestId('iso-tree-detail')?.querySelector('button, input, select, textarea')).toBeNull();
    choose('iso-tree-year', String(new Date().getFullYear() - 1));
    await textBecomes('iso-tree-totals', /2 đơn vị/);
    expect(Tree).toHaveBeenLastCalledWith({ office: '', year: new Date().getFullYear() - 1 });
    expect(byTestId('iso-tree-detail')).toBeNull();
  });

  it('offers a clerk no yearly report; a leader prints it for the year chosen', async () => {
    go(user(['clerk']), async () => tree);
    currentSection.set('iso');
    render(App);
    await shown('iso-tab-tree');
    click('iso-tab-tree');
    await shown('iso-tree-table');
    expect(byTestId('iso-tree-print')).toBeNull();
    cleanup();

    const PrintYearReport = vi.fn(async () => {
      throw { code: 'forbidden', message: 'not allowed' };
    });
    go(user(['leader']), async () => tree, { PrintYearReport });
    currentSection.set('iso');
    render(App);
    await shown('iso-tab-tree');
    click('iso-tab-tree');
    await shown('iso-tree-table');
    expect(textOf('iso-tree-print')).toBe(`In báo cáo năm ${new Date().getFullYear()}`);
    click('iso-tree-print');
    await shown('iso-tree-print-error');
    expect(PrintYearReport).toHaveBeenCalledWith({ office: '', year: new Date().getFullYear() });
  });
});
