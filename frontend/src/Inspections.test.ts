// Kế hoạch → "Kiểm tra" rendered alone in jsdom with the Go side faked
// through the Bridge: an inspector fails an item, the screen asks for the
// finding and fix the rule needs and sends them with the check, then
// closes the finding; the inspected office answers with dossier evidence
// and can neither record checks nor close; an overdue fix is flagged.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import InspectionsTab from './components/plans/InspectionsTab.svelte';
import type { InspectionReply, InspectionsReply } from './lib/api';
import { locale } from './lib/i18n';
import { installGo } from './test/fakeGo';
import { byTestId, choose, cleanup, click, render, shown, textBecomes, textOf, type } from './test/dom';

const list = (canPlan: boolean): InspectionsReply => ({
  office: '38001',
  canPlan,
  inspections: [{ id: '38-20261120-1', office: '38001', inspectorOffice: '38', inspector: 'Vũ Đức Thắng', date: '2026-11-20', title: 'Kiểm tra một cửa', findings: 1, open: 1, overdue: 1 }],
});

function reply(inspect: boolean, over: Partial<InspectionReply['inspection']> = {}, overdue: string[] = []): InspectionReply {
  return {
    subject: 'inspection/38001/38-20261120-1',
    inspection: {
      plan: {
        id: '38-20261120-1',
        office: '38001',
        inspector: 'u-i',
        inspectorOffice: '38',
        date: '2026-11-20',
        title: 'Kiểm tra một cửa',
        scope: [{ kind: 'text', text: 'Niêm yết' }],
        checklist: [{ id: 'C1', text: 'Niêm yết thủ tục' }],
      },
      checks: {},
      findings: [],
      conflicts: [],
      version: 1,
      ...over,
    },
    names: { 'u-i': 'Vũ Đức Thắng', 'u-o': 'Trần Văn Minh' },
    overdue,
    unfounded: [],
    inspect,
    answer: !inspect,
    owners: inspect ? [{ id: 'u-o', username: 'chuyenvien', fullName: 'Trần Văn Minh', office: '38001', roles: ['officer'], disabled: false, locked: false }] : [],
  };
}

const finding = (state: 'open' | 'answered' | 'closed') => ({
  id: 'F1',
  item: 'C1',
  text: 'Chưa niêm yết thủ tục mới',
  fix: { owner: 'u-o', due: '2026-11-30' },
  at: '2026-11-20T03:00:00Z',
  answers: state === 'open' ? [] : [{ finding: 'F1', text: 'Đã niêm yết', evidence: [], by: 'u-o', at: '2026-11-25T03:00:00Z' }],
  state,
  decisions: [],
});

beforeEach(() => {
  sessionStorage.setItem('hoso.session', 'sess');
  locale.set('vi');
});

afterEach(() => {
  cleanup();
  delete window.go;
  vi.restoreAllMocks();
});

describe('Kiểm tra', () => {
  it('sends the finding and fix a failed item needs with its check, then closes the finding', async () => {
    const Check = vi.fn(async () => reply(true, { checks: { C1: { item: 'C1', result: 'fail', note: 'Thiếu', evidence: [{ kind: 'dossier', ref: '38001-261120-0001' }], at: '' } }, findings: [finding('open')] }));
    const Close = vi.fn(async () => reply(true, { findings: [finding('closed')] }));
    installGo({ Inspections: { List: async () => list(true), Overdue: async () => ({ office: '38', offices: [], total: { office: '38', open: 0, overdue: 0 } }), Get: async () => reply(true), Check, Close } });
    render(InspectionsTab);
    await shown('inspections-plan-open');
    click('inspections-open-38-20261120-1');
    await shown('check-C1');
    expect(textOf('check-C1-shown')).toBe('Chưa kiểm tra');
    expect(byTestId('check-C1-finding')).toBeNull();
    choose('check-C1-result', 'fail');
    await shown('check-C1-finding');
    type('check-C1-note', 'Thiếu');
    type('check-C1-evidence', '38001-261120-0001');
    type('check-C1-finding', 'Chưa niêm yết thủ tục mới');
    choose('check-C1-owner', 'u-o');
    type('check-C1-due', '2026-11-30');
    click('check-C1-save');
    await shown('finding-F1');
    expect(Check).toHaveBeenCalledWith({
      office: '38001', inspection: '38-20261120-1', item: 'C1', result: 'fail', note: 'Thiếu',
      evidence: [{ kind: 'dossier', ref: '38001-261120-0001' }],
      finding: { id: '', text: 'Chưa niêm yết thủ tục mới', owner: 'u-o', due: '2026-11-30' },
    });
    expect(textOf('check-C1-shown')).toBe('Không đạt');
    expect(textOf('finding-F1')).toContain('Trần Văn Minh');
    expect(byTestId('finding-F1-answer')).toBeNull();
    click('finding-F1-close');
    await textBecomes('finding-F1-state', 'Đã đóng');
    expect(Close).toHaveBeenCalledWith({ office: '38001', inspection: '38-20261120-1', finding: 'F1', note: '' });
    await shown('finding-F1-reopen');
  });

  it("lets the inspected office answer with evidence, flags the overdue fix, and offers no inspector's step", async () => {
    const Answer = vi.fn(async () => reply(false, { findings: [finding('answered')] }));
    installGo({ Inspections: { List: async () => list(false), Overdue: async () => ({ office: '38001', offices: [{ office: '38001', open: 1, overdue: 1 }], total: { office: '38001', open: 1, overdue: 1 } }), Get: async () => reply(false, { findings: [finding('open')] }, ['F1']), Answer } });
    render(InspectionsTab);
    await shown('inspections-overdue-38-20261120-1');
    await shown('inspections-summary-38001');
    expect([...(byTestId('inspections-summary-38001')?.querySelectorAll('td') ?? [])].map((td) => td.textContent)).toEqual(['38001', '1', '1']);
    expect(byTestId('inspections-plan-open')).toBeNull();
    click('inspections-open-38-20261120-1');
    await shown('finding-F1');
    expect(textOf('finding-F1-overdue')).toBe('Quá hạn');
    expect(byTestId('finding-F1-close')).toBeNull();
    expect(byTestId('check-C1-result')).toBeNull();
    type('finding-F1-answer-text', 'Đã niêm yết');
    type('finding-F1-answer-evidence', '38001-261120-0001, 38001-261120-0002');
    click('finding-F1-answer');
    await textBecomes('finding-F1-state', 'Đã trả lời');
    expect(Answer).toHaveBeenCalledWith({
      office: '38001', inspection: '38-20261120-1', finding: 'F1', text: 'Đã niêm yết',
      evidence: [{ kind: 'dossier', ref: '38001-261120-0001' }, { kind: 'dossier', ref: '38001-261120-0002' }],
    });
    expect(textOf('finding-F1-answers')).toContain('Đã niêm yết');
  });

  it('shows a refusal of the Go side in words', async () => {
    const Check = vi.fn(async () => {
      throw { code: 'invalid_input', field: 'finding', message: 'a failed item needs a finding with its fix', params: { rule: 'fail_needs_finding' } };
    });
    installGo({ Inspections: { List: async () => list(true), Overdue: async () => ({ office: '38', offices: [], total: { office: '38', open: 0, overdue: 0 } }), Get: async () => reply(true, { findings: [] }), Check } });
    render(InspectionsTab);
    await shown('inspections-open-38-20261120-1');
    click('inspections-open-38-20261120-1');
    await shown('check-C1-save');
    click('check-C1-save');
    await shown('check-C1-error');
    expect(textOf('check-C1-error')).not.toBe('');
  });
});
