// The ISO audits tab in jsdom with the Go side faked through the Bridge
// and PDF.js mocked: the programme, planning an audit (the own-work
// refusal shown as the rule), a check with a dossier as evidence, a
// nonconformity finding and its raised nonconformity, the report, the
// print; and a clerk, who may not plan.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import AuditsTab from '../AuditsTab.svelte';
import type { UserInfo } from '../../../lib/api';
import { locale } from '../../../lib/i18n';
import { auth, resetAuth } from '../../../lib/stores/auth';
import type * as gen from '../../../lib/api.gen';
import { installGo, type FakeCall } from '../../../test/fakeGo';
import { byTestId, choose, cleanup, click, render, shown, textBecomes, textOf, type } from '../../../test/dom';

vi.mock('../../../lib/pdf', () => ({
  openPdf: vi.fn(async () => ({ numPages: 1, renderPage: vi.fn(async () => ({ width: 595, height: 842 })), destroy: vi.fn(async () => {}) })),
}));

const leader: UserInfo = { id: 'u-leader', username: 'lanhdao', fullName: 'Lê Thị Lan', office: '38001', roles: ['leader'], disabled: false, locked: false };
const clerk: UserInfo = { ...leader, id: 'u-clerk', username: 'vanthu', fullName: 'Nguyễn Thị Hồng', roles: ['clerk'] };
const year = new Date().getFullYear();
const CLAUSES = [
  { no: '8', title: 'Thực hiện', items: [{ id: '8.5.1', clause: '', question: 'Hồ sơ được giải quyết đúng hạn' }] },
  { no: '9', title: 'Đánh giá kết quả hoạt động', items: [{ id: '9.2', clause: '', question: 'Đánh giá nội bộ' }] },
];
const plan = {
  id: `${year}-1`, office: '38001', title: 'Đánh giá quy trình một cửa', clauses: ['8'], processes: ['1.004837'], auditors: ['u-officer'],
  lead: 'u-officer', from: `${year}-11-27`, to: `${year}-11-27`, periodFrom: `${year}-01-01`, periodTo: `${year}-11-27`,
};
const checklist = [
  { id: '8.5.1', clause: '8', question: 'Hồ sơ được giải quyết đúng hạn' },
  { id: '1.004837/2', clause: '8.5.1', process: '1.004837', question: 'Các bước được thực hiện đúng thời gian' },
];

/** The fake node: one audit, whose state the calls change. */
function go(user: UserInfo, conflicts: gen.AuditConflict[] = []) {
  auth.set({ view: 'ready', user, office: { code: '38001', name: 'UBND xã Đông Sơn' }, reason: null, error: null } as never);
  const audit: gen.Audit = { plan, checks: {}, findings: [], conflicts, version: 1 };
  const reply = () => ({ subject: `iso/audit/38001/${plan.id}`, audit: structuredClone(audit), checklist, names: { 'u-officer': 'Trần Văn Minh' }, editable: !audit.report });
  let planned = false;
  const calls: FakeCall[] = installGo({
    Iso: {
      Programme: () => ({ office: '38001', year, entries: [{ id: 'A1', title: 'Một cửa', month: 11, clauses: ['8'], processes: ['1.004837'] }], version: 1, clauses: CLAUSES, processes: ['1.004837'] }),
      Audits: () => ({ office: '38001', audits: planned ? [{ id: plan.id, title: plan.title, from: plan.from, to: plan.to, auditors: plan.auditors, checks: 0, findings: audit.findings.length, summary: { audits: 0, findings: 0, nonconformities: 0 } }] : [] }),
      PlanAudit: (p: { auditors: string[] }) => {
        if (p.auditors.includes('u-clerk')) {
          throw { code: 'invalid_input', field: 'auditors', params: { rule: 'auditor_own_work' }, message: 'an auditor does not audit his own work: Nguyễn Thị Hồng handled dossier 38001-261101-0001 of process 1.004837 in the audited period' };
        }
        planned = true;
        return reply();
      },
      Audit: () => reply(),
      RecordCheck: (r: gen.RecordCheckRequest) => {
        audit.checks[r.item] = { item: r.item, result: r.result, evidence: r.evidence, note: r.note, at: '' };
        return reply();
      },
      AddFinding: (f: gen.AddFindingRequest) => {
        const id = `F${audit.findings.length + 1}`;
        audit.findings.push({ ...f, id, at: '', nc: f.kind === 'nonconformity' ? `audit-${plan.id}-${id}` : undefined });
        return reply();
      },
      ReportAudit: (r: { conclusion: string }) => {
        audit.report = { conclusion: r.conclusion, at: '' };
        return reply();
      },
      PrintAudit: () => ({ filename: 'bao-cao.pdf', mime: 'application/pdf', content: btoa('%PDF-1.4'), reprint: 0, verify: `HSVF1|38001|iso/audit/38001/${plan.id}|5|00112233445566778899aabbccddeeff`, template: '', set: '', form: '' }),
    },
    Users: {
      Colleagues: () => ({ users: [{ id: 'u-clerk', fullName: 'Nguyễn Thị Hồng', roles: ['clerk'] }, { id: 'u-officer', fullName: 'Trần Văn Minh', roles: ['officer'] }] }),
    },
  });
  return calls;
}

const paramsOf = (calls: FakeCall[], method: string) => calls.filter((c) => c.method === method).map((c) => c.params);

beforeEach(() => {
  resetAuth();
  locale.set('vi');
});

afterEach(() => {
  cleanup();
  delete window.go;
  vi.restoreAllMocks();
});

describe('Đánh giá nội bộ', () => {
  it('plans an audit from the programme, refusing an auditor who audits his own work with the rule', async () => {
    const calls = go(leader);
    render(AuditsTab);
    await shown('programme-entry-A1');
    await shown('audit-none');
    click('audit-plan-open');
    await shown('audit-plan-form');
    choose('plan-entry', 'A1');
    expect(byTestId<HTMLInputElement>('plan-title')?.value).toBe('Một cửa');
    expect(byTestId<HTMLInputElement>('plan-processes')?.value).toBe('1.004837');
    click('plan-auditor-u-clerk');
    click('plan-submit');
    await textBecomes('plan-own-work', /không được đánh giá công việc của chính mình/);
    expect(byTestId('plan-own-work')?.textContent).toContain('handled dossier 38001-261101-0001');

    click('plan-auditor-u-clerk');
    click('plan-auditor-u-officer');
    click('plan-submit');
    await shown('audit-detail');
    const sent = paramsOf(calls, 'Iso.PlanAudit');
    expect(sent[1]).toMatchObject({ entry: 'A1', clauses: ['8'], processes: ['1.004837'], auditors: ['u-officer'], lead: 'u-officer' });
    await shown(`audit-row-${plan.id}`);
  });

  it('records a check with a dossier, a nonconformity finding, the report, and prints', async () => {
    const calls = go(leader);
    render(AuditsTab);
    click('audit-plan-open');
    await shown('plan-auditor-u-officer');
    type('plan-title', 'Đánh giá');
    click('plan-auditor-u-officer');
    click('plan-submit');
    await shown('check-1_004837_2');

    click('check-edit-1_004837_2');
    choose('check-result-input-1_004837_2', 'nonconform');
    type('check-evidence-ref-1_004837_2', ' 38001-261101-0001 ');
    type('check-note-1_004837_2', 'trễ bước thẩm định');
    click('check-save-1_004837_2');
    await textBecomes('check-result-1_004837_2', 'Không phù hợp');
    expect(paramsOf(calls, 'Iso.RecordCheck')[0]).toEqual({
      audit: plan.id, item: '1.004837/2', result: 'nonconform', note: 'trễ bước thẩm định', evidence: [{ kind: 'dossier', ref: '38001-261101-0001' }],
    });
    expect(textOf('check-evidence-1_004837_2')).toContain('Hồ sơ 38001-261101-0001');

    choose('finding-clause', '8.5.1');
    choose('finding-process', '1.004837');
    type('finding-title', 'Hồ sơ trễ hạn');
    type('finding-evidence-ref', '38001-261101-0001');
    click('finding-submit');
    await shown('finding-F1');
    expect(textOf('finding-nc-F1')).toContain(`audit-${plan.id}-F1`);
    expect(paramsOf(calls, 'Iso.AddFinding')[0]).toMatchObject({ kind: 'nonconformity', clause: '8.5.1', process: '1.004837', title: 'Hồ sơ trễ hạn' });

    type('audit-conclusion-input', 'Duy trì hiệu lực');
    click('audit-report-submit');
    await textBecomes('audit-conclusion', 'Duy trì hiệu lực');
    expect(textOf('audit-detail-status')).toBe('Đã báo cáo');
    expect(byTestId('finding-form')).toBeNull();

    click('audit-print');
    await shown('print-preview');
    expect(paramsOf(calls, 'Iso.PrintAudit')[0]).toEqual({ id: plan.id, office: '' });
  });

  it('shows a conflict of two desks over one item', async () => {
    go(leader, [{ item: '8.5.1', kept: 'u-officer@2026-11-27T03:00:00Z', lost: 'u-other@2026-11-27T02:59:00Z' }]);
    render(AuditsTab);
    click('audit-plan-open');
    await shown('plan-auditor-u-officer');
    type('plan-title', 'Đánh giá');
    click('plan-auditor-u-officer');
    click('plan-submit');
    await shown('audit-detail');
    click('audit-close');
    await shown(`audit-open-${plan.id}`);
    click(`audit-open-${plan.id}`);
    await textBecomes('audit-conflict-8.5.1', /8\.5\.1: bản ghi của u-other .* bị thay bởi bản ghi của Trần Văn Minh/);
  });

  it('offers a clerk no planning and no programme editing', async () => {
    go(clerk);
    render(AuditsTab);
    await shown('programme-entry-A1');
    expect(byTestId('audit-plan-open')).toBeNull();
    expect(byTestId('programme-add')).toBeNull();
  });
});
