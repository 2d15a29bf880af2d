// The ISO processes tab in jsdom with the Go side faked: the list's state
// badges and the catalog-changed proposal, a proposal drafting revision 2,
// a leader's approval carrying the revision in force seen and the in-force
// day, a refused stale approval shown in place, the controlled copy in the
// preview, and a clerk who is offered no approval.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UserInfo } from '../../lib/api';
import { locale } from '../../lib/i18n';
import { auth, resetAuth } from '../../lib/stores/auth';
import { installGo, type Fake, type FakeCall } from '../../test/fakeGo';
import { byTestId, cleanup, click, render, shown, textBecomes, textOf, type } from '../../test/dom';
import ProcessesTab from './ProcessesTab.svelte';
import type { ProcessReply, ProcessRevision, ProcessRow } from './process/process';
import { firstDraft, proposes, revisionState, rowState } from './process/process';

vi.mock('../../lib/pdf', () => ({
  openPdf: vi.fn(async () => ({ numPages: 1, renderPage: vi.fn(async () => ({ width: 595, height: 842 })), destroy: vi.fn(async () => {}) })),
}));

const PROC = '1.001193';

function user(roles: string[]): UserInfo {
  return { id: 'u1', username: 'lanhdao', fullName: 'Lê Thị Lan', office: '38001', roles, disabled: false, locked: false } as UserInfo;
}

const doc = (basis: string) => ({
  code: `QT-${PROC}`,
  procedure: PROC,
  name: 'Đăng ký khai sinh',
  sector: 'Hộ tịch',
  purpose: 'Quy định trình tự…',
  scope: 'Áp dụng…',
  basis,
  papers: [{ name: 'Tờ khai', form: 'original', count: 1, required: true }],
  timeLimitWD: 1,
  fee: 'Miễn phí',
  steps: [{ no: 1, name: 'Tiếp nhận hồ sơ', role: 'clerk', hours: 1, form: 'Mẫu 01' }],
  records: ['Mẫu 01 (Tiếp nhận hồ sơ)'],
  source: basis,
  catalogVersion: 1,
});

const rev1: Fake<ProcessRevision> = {
  revision: 1,
  issue: 1,
  state: 'approved',
  doc: doc('Luật Hộ tịch'),
  draftedBy: 'u2',
  draftedAt: '2026-11-27T02:00:00Z',
  inForce: '2026-12-01',
  approverName: 'Lê Thị Lan',
};
const rev2: Fake<ProcessRevision> = { revision: 2, issue: 0, state: 'drafted', doc: doc('Luật Hộ tịch; NĐ 118/2025'), draftedBy: 'u2', draftedAt: '2026-12-07T02:00:00Z' };

const changedRow: Fake<ProcessRow> = {
  code: `QT-${PROC}`,
  procedure: PROC,
  name: 'Đăng ký khai sinh',
  sector: 'Hộ tịch',
  inForce: { revision: 1, issue: 1, state: 'approved', inForce: '2026-12-01', draftedAt: '' },
  pending: null,
  superseded: 0,
  catalogChanged: true,
  conflicts: 0,
};
const newRow: Fake<ProcessRow> = { ...changedRow, code: 'QT-2.000884', procedure: '2.000884', name: 'Chứng thực chữ ký', inForce: null, catalogChanged: false };

let calls: FakeCall[];

function go(approve?: () => Fake<ProcessReply>) {
  const withDraft: Fake<ProcessReply> = { office: '38001', procedure: PROC, code: `QT-${PROC}`, name: 'Đăng ký khai sinh', revisions: [rev2, rev1], inForce: 1, pending: 2, catalogChanged: true, conflicts: [] };
  calls = installGo({
    Iso: {
      Processes: async () => ({ office: '38001', processes: [changedRow, newRow] }),
      DraftProcess: async () => withDraft,
      Process: async () => withDraft,
      ApproveProcess:
        approve ??
        (async (r: { inForce: string }) => ({
          ...withDraft,
          revisions: [
            { ...rev2, state: 'approved', issue: 2, inForce: r.inForce, approverName: 'Lê Thị Lan' },
            { ...rev1, state: 'superseded', supersededBy: 2, supersededOn: r.inForce },
          ],
          inForce: 2,
          pending: 0,
          catalogChanged: false,
        })),
      PrintProcess: async () => ({ filename: 'qt.pdf', mime: 'application/pdf', content: btoa('%PDF-1.4\n%%EOF\n'), reprint: 0, verify: 'HSVF1|x' }),
    },
  });
}

beforeEach(() => {
  // Today is 7 December 2026 in Vietnam; only Date is faked, timers run.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-07T03:00:00Z'));
  resetAuth();
  locale.set('vi');
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('process rules of the list', () => {
  it('proposes a revision only when the catalog changed and no draft waits', () => {
    expect(proposes(changedRow as ProcessRow)).toBe(true);
    expect(proposes({ ...changedRow, pending: changedRow.inForce } as ProcessRow)).toBe(false);
    expect(firstDraft(newRow as ProcessRow)).toBe(true);
    expect(rowState(changedRow as ProcessRow, '2026-12-07')).toBe('inForce');
    expect(rowState(changedRow as ProcessRow, '2026-11-30')).toBe('scheduled');
    expect(rowState(newRow as ProcessRow, '2026-12-07')).toBe('none');
    expect(revisionState({ state: 'approved', inForce: '2026-12-15' }, '2026-12-07')).toBe('scheduled');
    expect(revisionState({ state: 'approved', inForce: '2026-12-07' }, '2026-12-07')).toBe('approved');
  });
});

describe('ProcessesTab', () => {
  it('lists the processes, proposes a revision and a leader approves it', async () => {
    go();
    auth.update((s) => ({ ...s, user: user(['leader']) }));
    render(ProcessesTab);
    await shown(`iso-process-row-${PROC}`);
    expect(textOf(`iso-process-state-${PROC}`)).toBe('Đang hiệu lực');
    expect(textOf(`iso-process-inforce-${PROC}`)).toContain('01/12/2026');
    expect(byTestId(`iso-process-changed-${PROC}`)).not.toBeNull();
    expect(textOf('iso-process-state-2.000884')).toBe('Chưa có quy trình');
    expect(byTestId('iso-process-draft-2.000884')).not.toBeNull();

    click(`iso-process-propose-${PROC}`);
    await shown('iso-process-detail');
    expect(calls.find((c) => c.method === 'Iso.DraftProcess')?.params).toEqual({ procedure: PROC });
    expect(textOf('iso-revision-state-2')).toBe('Dự thảo');
    expect(textOf('iso-revision-state-1')).toBe('Đang hiệu lực');

    type('iso-approve-date', '15/12/2026');
    click('iso-approve');
    await shown('iso-process-approved');
    expect(calls.find((c) => c.method === 'Iso.ApproveProcess')?.params).toEqual({ procedure: PROC, revision: 2, seen: 1, inForce: '2026-12-15' });
    await textBecomes('iso-revision-state-1', 'Hết hiệu lực');
    // In force from a day to come: approved, not yet in force.
    expect(textOf('iso-revision-state-2')).toBe('Đã duyệt, hiệu lực từ 15/12/2026');
    expect(byTestId('iso-approve-form')).toBeNull();

    click('iso-print-1');
    await shown('print-preview');
    expect(calls.find((c) => c.method === 'Iso.PrintProcess')?.params).toEqual({ office: '', procedure: PROC, revision: 1 });
  });

  it('shows a refused approval in place', async () => {
    go(() => {
      throw { code: 'conflict', field: 'revision', message: 'another revision was put in force since this one was read' };
    });
    auth.update((s) => ({ ...s, user: user(['leader']) }));
    render(ProcessesTab);
    await shown(`iso-process-open-${PROC}`);
    click(`iso-process-open-${PROC}`);
    await shown('iso-approve');
    click('iso-approve');
    await shown('iso-process-error');
    expect(byTestId('iso-process-approved')).toBeNull();
  });

  it('offers a clerk no approval', async () => {
    go();
    auth.update((s) => ({ ...s, user: user(['clerk']) }));
    render(ProcessesTab);
    await shown(`iso-process-open-${PROC}`);
    click(`iso-process-open-${PROC}`);
    await shown('iso-approve-wait');
    expect(byTestId('iso-approve')).toBeNull();
  });
});
