// The supervisor's matrix exported and the reminders on the desk's
// dashboard, in jsdom with the Go side faked through the Bridge (PDF.js
// and Chart.js mocked: jsdom has no canvas): the matrix prints as a PDF in
// the preview and downloads as XLSX with the filters it is shown with; a
// commune's dashboard shows the reminders it has not seen, one opens its
// plan, and the commune acknowledges it there.
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
import { byTestId, choose, cleanup, click, render, shown, textBecomes, textOf } from './test/dom';

vi.mock('./lib/chart', () => ({ barChart: vi.fn(() => ({ update: vi.fn(), destroy: vi.fn() })) }));
vi.mock('./lib/pdf', () => ({
  openPdf: vi.fn(async () => ({ numPages: 1, renderPage: vi.fn(async () => ({ width: 842, height: 595 })), destroy: vi.fn(async () => {}) })),
}));

const period = { label: '2026Q4', window: 'fifteenth', from: '2026-08-15', to: '2026-11-14', start: '', end: '' };
const dashboard = (reminders: number) => ({
  office: '38001',
  period,
  targets: [],
  onTime: [],
  overdue: 0,
  dueSoon: 0,
  overdueActions: 0,
  overdueFixes: 0,
  reminders,
  generatedAt: '2026-12-07T09:00:00+07:00',
});

const reminderItem = (acknowledged: boolean) => ({
  ...reply('38001').reminders[0],
  planTitle: 'Kế hoạch CCHC',
  taskTitle: 'Quy chế phối hợp',
  fromName: 'UBND tỉnh Thanh Hóa',
  acknowledged,
});

function go(who: UserInfo, services: FakeServices = {}) {
  sessionStorage.setItem('hoso.session', 'sess');
  const office = { code: who.office, name: 'Đơn vị' };
  const { Plans, ...rest } = services;
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
      Matrix: async () => matrix,
      ...Plans,
    },
    ...rest,
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

describe('Theo dõi: the matrix exported', () => {
  it('prints the PDF in the preview and downloads the XLSX, both with the filters shown', async () => {
    const ExportMatrix = vi.fn(async (r: { format: string }) =>
      r.format === 'pdf'
        ? { filename: 'theo-doi-38-kh-2026Q4.pdf', mime: 'application/pdf', content: btoa('%PDF-1.3'), reprint: 0, verify: 'HSVF1|38|plan/38/38-kh|1|00', template: '', set: '', form: '' }
        : { filename: 'theo-doi-38-kh-2026Q4.xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content: btoa('PK'), reprint: 0, verify: '', template: '', set: '', form: '' },
    );
    go(leader('38'), { Plans: { ExportMatrix } });
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    currentSection.set('plans');
    render(App);
    await shown('plans-tab-matrix');
    click('plans-tab-matrix');
    await shown('matrix');
    choose('matrix-task', 'T1');
    await vi.waitFor(() => expect(byTestId('matrix-pdf')).not.toBeNull());
    click('matrix-pdf');
    await shown('print-preview');
    expect(textOf('print-title')).toBe('Kế hoạch CCHC');
    expect(ExportMatrix.mock.calls[0][0]).toEqual({ plan: '38-kh', quarter: '2026Q4', task: 'T1', office: '', format: 'pdf' });
    click('matrix-xlsx');
    await textBecomes('matrix-saved', 'Đã lưu theo-doi-38-kh-2026Q4.xlsx');
    expect(ExportMatrix.mock.calls[1][0]).toMatchObject({ format: 'xlsx', task: 'T1' });
    expect(names).toEqual(['theo-doi-38-kh-2026Q4.xlsx']);
  });

  it('says why an export is refused', async () => {
    const ExportMatrix = vi.fn(async () => {
      throw { code: 'forbidden', message: 'the matrix is its issuer’s', field: 'plan', params: { rule: 'not_issuer' } };
    });
    go(leader('38'), { Plans: { ExportMatrix } });
    currentSection.set('plans');
    render(App);
    await shown('plans-tab-matrix');
    click('plans-tab-matrix');
    await shown('matrix');
    expect(byTestId('error-note')).toBeNull();
    click('matrix-xlsx');
    await shown('error-note');
    expect(ExportMatrix).toHaveBeenCalled();
    expect(byTestId('matrix-saved')).toBeNull();
    expect(byTestId('print-preview')).toBeNull();
  });
});

describe('Nhắc việc từ cấp trên', () => {
  it("shows on the commune's dashboard, opens the plan, and is acknowledged there", async () => {
    let seen = false;
    const Acknowledge = vi.fn(async (_r: { reminder: string; office: string }) => {
      seen = true;
      return reminderItem(true);
    });
    const Reminders = vi.fn(async () => ({ office: '38001', unacknowledged: seen ? 0 : 1, reminders: [reminderItem(seen)] }));
    go(leader('38001'), {
      Plans: { Reminders, Acknowledge },
      Reports: { Dashboard: vi.fn(async () => dashboard(1)) },
    });
    currentSection.set('reports');
    render(App);
    await shown('report-toolbar');
    click('reports-tab-dashboard');
    await shown('dashboard-reminders');
    expect(textOf('dashboard-reminders')).toContain('Nhắc việc từ cấp trên');
    expect(textOf('dashboard-reminders-count')).toBe('1');
    await shown('dashboard-reminder-r1');
    expect(textOf('dashboard-reminders')).toContain('Kế hoạch CCHC');
    expect(textOf('dashboard-reminders')).toContain('Đề nghị báo cáo');
    expect(textOf('dashboard-reminders')).toContain('của UBND tỉnh Thanh Hóa');
    click('dashboard-reminder-r1');
    await shown('plan-detail');
    await shown('reminder-ack-r1');
    click('reminder-ack-r1');
    await shown('reminder-acked-r1');
    expect(Acknowledge.mock.calls[0][0]).toEqual({ reminder: 'r1', office: '' });
    expect(byTestId('reminder-ack-r1')).toBeNull();
  });

  it('is not shown when every reminder was seen', async () => {
    go(leader('38001'), { Reports: { Dashboard: vi.fn(async () => dashboard(0)) } });
    currentSection.set('reports');
    render(App);
    await shown('report-toolbar');
    click('reports-tab-dashboard');
    await vi.waitFor(() => expect(byTestId('kpi-overdue')).not.toBeNull());
    expect(byTestId('dashboard-reminders')).toBeNull();
  });
});
