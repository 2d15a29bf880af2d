// ISO → "Danh mục hồ sơ" in jsdom with the Go side faked through the
// Bridge: the register with its retentions (permanent, in years, marked to
// verify), a leader's edit sent with the version it started from and a
// conflict explained; the dossiers past retention and a leader's disposal
// decision; a clerk reads the register and nothing else.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import type { DisposalDecision, DisposalDueReply, RegisterReply, UserInfo } from './lib/api';
import { locale } from './lib/i18n';
import { resetAuth } from './lib/stores/auth';
import { resetDirectory } from './lib/stores/directory';
import { clearError } from './lib/stores/errors';
import { currentSection } from './lib/stores/navigation';
import { systemInfo } from './lib/stores/system';
import { vault } from './lib/stores/vault';
import { installGo, type FakeServices } from './test/fakeGo';
import { byTestId, cleanup, click, render, shown, textBecomes, textOf, type } from './test/dom';

const office = { code: '38001', name: 'UBND xã Đông Sơn' };
const user = (roles: UserInfo['roles']): UserInfo => ({ id: `u-${roles[0]}`, username: roles[0], fullName: 'Lê Văn Chủ', office: '38001', roles, disabled: false, locked: false });

const register: RegisterReply = {
  office: '38001',
  custom: false,
  version: 0,
  conflicts: 0,
  register: {
    classes: [
      { id: 'so-chung-thuc', name: 'Sổ chứng thực', kept: 'both', retentionYears: 0, basis: 'Nghị định 23/2015/NĐ-CP' },
      { id: 'chung-thuc-chu-ky', name: 'Bản lưu chứng thực chữ ký', procedures: ['2.000884'], kept: 'paper', retentionYears: 2 },
      { id: 'tthc-khac', name: 'Hồ sơ TTHC khác', other: true, kept: 'system', retentionYears: 5, unsure: true },
    ],
  },
};
const due: DisposalDueReply = {
  office: '38001',
  asOf: '2026-12-07',
  classes: [
    {
      class: register.register.classes[1],
      total: 2,
      records: [
        { code: '38001-231103-0001', procedure: '2.000884', closed: '2023-11-03T10:00:00+07:00', dueFrom: '2026-01-01' },
        { code: '38001-231104-0001', procedure: '2.000884', closed: '2023-11-04T10:00:00+07:00', dueFrom: '2026-01-01' },
      ],
    },
  ],
};

function go(who: UserInfo, iso: FakeServices['Iso'] = {}) {
  sessionStorage.setItem('hoso.session', 'sess');
  return installGo({
    Vault: { Status: async () => ({ state: 'ready', method: 'keyfile', osKeyStore: false, recoveryKey: '' }) },
    System: {
      Info: async () => ({ version: '0.3.0', office, peerId: 'p', dataDir: '/d', language: '', syncState: 'idle' }),
      SetLanguage: async (r: { language: string }) => r,
    },
    Setup: { Status: async () => ({ needed: false, office }) },
    Auth: { Me: async () => who, Logout: async () => ({}) },
    Offices: { List: async () => ({ offices: [{ ...office, parent: '', agencyId: '38001', version: 1 }] }) },
    Users: { Directory: async () => ({ users: [] }) },
    Iso: {
      Register: async () => register,
      Disposals: async () => ({ office: '38001', decisions: [] }),
      DisposalDue: async () => due,
      ...iso,
    },
  });
}

async function openTab() {
  currentSection.set('iso');
  render(App);
  await shown('iso-tab-records');
  click('iso-tab-records');
  await shown('iso-records-table');
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

describe('Danh mục hồ sơ', () => {
  it('shows a clerk the retentions, permanent, in years and marked to verify, and nothing to edit or dispose of', async () => {
    const DisposalDue = vi.fn(async () => due);
    go(user(['clerk']), { DisposalDue });
    await openTab();
    expect(textOf('iso-records-line-so-chung-thuc')).toContain('Vĩnh viễn');
    expect(textOf('iso-records-line-chung-thuc-chu-ky')).toContain('2 năm');
    expect(textOf('iso-records-line-chung-thuc-chu-ky')).toContain('Thủ tục 2.000884');
    expect(textOf('iso-records-unsure-tthc-khac')).toBe('Cần xác minh');
    expect(byTestId('iso-records-unsure-chung-thuc-chu-ky')).toBeNull();
    expect(byTestId('iso-records-years-tthc-khac')).toBeNull();
    expect(byTestId('iso-disposal')).toBeNull();
    expect(DisposalDue).not.toHaveBeenCalled();
    // The default register is not the office's yet: nothing to print.
    expect(byTestId('iso-records-print')).toBeNull();
    expect(textOf('iso-records-print-hint')).toContain('sau khi lãnh đạo lưu');
  });

  it("sends a leader's retention with the version it was opened at, and explains a conflict", async () => {
    const SetRegister = vi
      .fn()
      .mockResolvedValueOnce({ ...register, custom: true, version: 1 })
      .mockRejectedValueOnce({ code: 'conflict', field: 'base', message: 'the register was changed since it was opened' });
    go(user(['leader']), { SetRegister });
    await openTab();
    type('iso-records-years-tthc-khac', '10');
    click('iso-records-save');
    await shown('iso-records-saved');
    const sent = SetRegister.mock.calls[0][0];
    expect(sent.base).toBe(0);
    expect(sent.register.classes.map((c: { retentionYears: number }) => c.retentionYears)).toEqual([0, 2, 10]);
    click('iso-records-save');
    await textBecomes('iso-records-save-error', /vừa được người khác thay đổi/);
    expect(SetRegister.mock.calls[1][0].base).toBe(1);
  });

  it("records a leader's disposal of the records chosen, with the reason, and lists the decision", async () => {
    const decision: DisposalDecision = {
      id: '261207-ab',
      office: '38001',
      class: 'chung-thuc-chu-ky',
      retention: 2,
      asOf: '2026-12-07',
      codes: ['38001-231103-0001'],
      reason: 'Hết hạn lưu',
      approvedBy: 'u-leader',
      approvedAt: '2026-12-07T03:00:00Z',
    };
    const ApproveDisposal = vi.fn(async () => ({ office: '38001', decisions: [decision] }));
    go(user(['leader']), { ApproveDisposal });
    await openTab();
    await shown('iso-disposal-line-chung-thuc-chu-ky');
    expect(textOf('iso-disposal-approve-chung-thuc-chu-ky')).toContain('2 hồ sơ');
    click('iso-disposal-pick-38001-231104-0001');
    type('iso-disposal-reason-chung-thuc-chu-ky', 'Hết hạn lưu');
    click('iso-disposal-approve-chung-thuc-chu-ky');
    await shown('iso-disposal-decided');
    expect(ApproveDisposal).toHaveBeenCalledWith({ class: 'chung-thuc-chu-ky', codes: ['38001-231103-0001'], reason: 'Hết hạn lưu', asOf: expect.any(String) });
    expect(textOf('iso-disposals-row-261207-ab')).toContain('Bản lưu chứng thực chữ ký');
  });
});
