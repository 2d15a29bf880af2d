// Kế hoạch in jsdom with the Go side faked through the Bridge: a commune
// leader opens the plan giving it tasks, sees the reminder, and records
// progress with a note and an evidence link; the issuer's matrix shows
// each cell's status and a reminder button on the late cell only.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import type { UserInfo } from './lib/api';
import { leader, matrix, reply } from './test/plansFixture';
import { locale } from './lib/i18n';
import { resetAuth } from './lib/stores/auth';
import { resetDirectory } from './lib/stores/directory';
import { clearError } from './lib/stores/errors';
import { currentSection } from './lib/stores/navigation';
import { systemInfo } from './lib/stores/system';
import { vault } from './lib/stores/vault';
import { installGo, type FakeServices } from './test/fakeGo';
import { byTestId, choose, chooseFile, cleanup, click, render, shown, textBecomes, textOf, type } from './test/dom';

function go(who: UserInfo, plans: FakeServices['Plans'] = {}, extra: FakeServices = {}) {
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
    Plans: {
      List: async () => ({ office: who.office, plans: [reply(who.office)] }),
      Get: async () => reply(who.office),
      ...plans,
    },
    ...extra,
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

describe('Kế hoạch', () => {
  it("records a commune's progress on its task with a note and an evidence link, and shows the issuer's reminder", async () => {
    const Progress = vi.fn(async (r) => ({ ...r, office: '38001', at: '2026-12-07T00:00:00Z', by: 'u1' }));
    go(leader('38001'), { Progress });
    currentSection.set('plans');
    render(App);
    await shown('plans-list');
    expect(textOf('plan-reminded-38-kh')).toContain('1 nhắc việc');
    click('plan-open-38-kh');
    await shown('plan-detail');
    expect(textOf('plan-reminder')).toContain('Đề nghị báo cáo');
    expect(textOf('plan-task-T2')).toContain('Hằng quý từ 2012Q4');
    choose('progress-select-T1', 'done');
    type('progress-note-T1', 'Đã ban hành quy chế');
    type('progress-link-T1', 'iso/process/38001/QT-01');
    click('progress-save-T1');
    await vi.waitFor(() => expect(Progress).toHaveBeenCalled());
    expect(Progress.mock.calls[0][0]).toEqual({ plan: '38-kh', task: 'T1', status: 'done', note: 'Đã ban hành quy chế', evidence: [{ link: 'iso/process/38001/QT-01' }] });
  });

  it('attaches a file of evidence, shows a refused one in words, and opens one not synced yet as such', async () => {
    const ref = { id: 'a'.repeat(64), name: 'quy-che.pdf', type: 'application/pdf', size: 2048 };
    const Put = vi.fn(async (r: { name: string; content: string }) => {
      if (r.name.endsWith('.txt')) throw { code: 'invalid_input', message: 'bad', field: 'content', params: { rule: 'bad_type', scope: 'file' } };
      return ref;
    });
    const Progress = vi.fn(async (r) => ({ ...r, office: '38001', at: '2026-12-07T00:00:00Z', by: 'u1' }));
    const Get = vi.fn(async () => ({ ref, synced: false }));
    const withEvidence = reply('38001');
    withEvidence.progress = { T2: { plan: '38-kh', task: 'T2', office: '38001', status: 'in_progress', note: '', evidence: [{ file: ref }], at: '2026-12-01T00:00:00Z', by: 'u1', conflict: true } };
    go(leader('38001'), { Progress, Get: async () => withEvidence }, { Files: { Put, Get } });
    currentSection.set('plans');
    render(App);
    await shown('plans-list');
    click('plan-open-38-kh');
    await shown('plan-detail');
    expect(textOf('progress-conflict-T2')).toContain('Hai máy ghi tiến độ cùng lúc');
    chooseFile('progress-file-T1', new File(['x'], 'ghi-chu.txt', { type: 'text/plain' }));
    await textBecomes('progress-error', /PDF, JPEG hoặc PNG/);
    chooseFile('progress-file-T1', new File(['%PDF-1.4'], 'quy-che.pdf', { type: 'application/pdf' }));
    await textBecomes('progress-attached-T1', /quy-che\.pdf/);
    expect(Put.mock.calls[1][0]).toEqual({ name: 'quy-che.pdf', content: btoa('%PDF-1.4') });
    click('progress-save-T1');
    await vi.waitFor(() => expect(Progress).toHaveBeenCalled());
    expect(Progress.mock.calls[0][0].evidence).toEqual([{ file: ref }]);
    click('evidence-file-T2');
    await textBecomes('evidence-not-synced', /chưa đồng bộ/);
    expect(Get).toHaveBeenCalledWith({ subject: 'planprogress/38001/38-kh/T2', id: ref.id });
  });

  it("shows the issuer's matrix with each status, and a reminder on the late cell only", async () => {
    const Matrix = vi.fn(async () => matrix);
    const Remind = vi.fn(async (r) => ({ ...r, id: 'r2', at: '', by: 'u0' }));
    go(leader('38'), { Matrix, Remind });
    currentSection.set('plans');
    render(App);
    await shown('plans-tab-matrix');
    click('plans-tab-matrix');
    await shown('matrix');
    expect(byTestId('matrix-cell-38001-T1')?.dataset.status).toBe('done');
    expect(textOf('matrix-cell-38002-T1')).toContain('Chậm');
    expect(textOf('matrix')).toContain('Hằng quý từ 2012Q4');
    expect(byTestId('remind-38001-T1')).toBeNull();
    expect(byTestId('remind-38001-T2')).toBeNull();
    click('remind-38002-T1');
    await shown('reminded-38002-T1');
    expect(Remind.mock.calls[0][0]).toMatchObject({ plan: '38-kh', task: 'T1', office: '38002' });
    choose('matrix-task', 'T1');
    await vi.waitFor(() => expect(Matrix).toHaveBeenCalledTimes(2));
    expect(Matrix.mock.calls[1]).toEqual([{ plan: '38-kh', quarter: '2026Q4', task: 'T1', office: '' }]);
    expect(byTestId('inspections')).toBeNull();
    click('plans-tab-inspections');
    await shown('inspections');
  });

  it("publishes a leader's plan from the form: a quarterly task for every commune and a dated one for one office", async () => {
    const Publish = vi.fn(async (r) => ({ ...reply('38'), plan: { ...r.plan, id: '38-new', office: '38' } }));
    go(leader('38'), { Publish });
    currentSection.set('plans');
    render(App);
    await shown('plan-new');
    click('plan-new');
    await shown('plan-form');
    type('plan-title', 'Kế hoạch kiểm soát TTHC 2027');
    type('plan-decision', '12/KH-UBND');
    type('plan-row-title-0', 'Báo cáo hằng quý');
    type('plan-row-quarter-0', '2027Q1');
    click('plan-add-task');
    type('plan-row-title-1', 'Ban hành quy chế');
    choose('plan-row-who-1', 'office');
    type('plan-row-office-1', '38002');
    choose('plan-row-due-1', 'date');
    type('plan-row-date-1', '2027-03-31');
    choose('plan-row-output-1', 'document');
    click('plan-publish');
    await shown('plan-detail');
    expect(Publish.mock.calls[0][0]).toEqual({
      office: '',
      plan: {
        id: '',
        office: '',
        title: 'Kế hoạch kiểm soát TTHC 2027',
        basis: [],
        decision: { number: '12/KH-UBND', date: '' },
        period: { from: '', to: '' },
        tasks: [
          { id: 'T1', title: 'Báo cáo hằng quý', assignee: { kind: 'commune' }, deadline: { quarterlyFrom: '2027Q1' }, output: 'report' },
          { id: 'T2', title: 'Ban hành quy chế', assignee: { office: '38002' }, deadline: { date: '2027-03-31' }, output: 'document' },
        ],
      },
    });
  });

  it("shows a refusal of the plan in place and keeps the form", async () => {
    const Publish = vi.fn(async () => {
      throw { code: 'forbidden', field: 'plan.tasks[0].assignee.office', message: 'not below', params: { rule: 'not_below' } };
    });
    go(leader('38'), { Publish });
    currentSection.set('plans');
    render(App);
    await shown('plan-new');
    click('plan-new');
    type('plan-title', 'Kế hoạch');
    type('plan-row-title-0', 'Việc');
    type('plan-row-quarter-0', '2027Q1');
    click('plan-publish');
    await shown('plan-error');
    expect(byTestId('plan-form')).not.toBeNull();
  });
});
