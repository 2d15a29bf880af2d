// The plan, the reply and the matrix the Kế hoạch tests fake: the
// province's Decision 3170 plan with a dated and a quarterly task for every
// commune, as a commune or the province sees it.
import type { PlanMatrix, PlanReply, UserInfo } from '../lib/api';

export const leader = (office: string): UserInfo => ({ id: 'u1', username: 'lanhdao', fullName: 'Lê Thị Lan', office, roles: ['leader'], disabled: false, locked: false });

export const reply = (office: string): PlanReply => ({
  plan: {
    id: '38-kh',
    office: '38',
    title: 'Kế hoạch CCHC',
    basis: [],
    decision: { number: '3170/QĐ-UBND', date: '2012-09-27' },
    period: { from: '2012-09-27', to: '2015-12-31' },
    tasks: [
      { id: 'T1', title: 'Quy chế phối hợp', assignee: { kind: 'commune' }, deadline: { date: '2012-11-30' }, output: 'document' },
      { id: 'T2', title: 'Báo cáo quý', assignee: { kind: 'commune' }, deadline: { quarterlyFrom: '2012Q4' }, output: 'report' },
    ],
  },
  assigned: { T1: ['38001', '38002'], T2: ['38001', '38002'] },
  by: 'u0',
  at: '2026-12-01T00:00:00Z',
  mine: office === '38' ? [] : ['T1', 'T2'],
  progress: {},
  actionPlans: [],
  reminders: office === '38' ? [] : [{ id: 'r1', plan: '38-kh', task: 'T1', office, from: '38', note: 'Đề nghị báo cáo', at: '2026-12-02T00:00:00Z', by: 'u0' }],
});

export const matrix: PlanMatrix = {
  plan: '38-kh',
  title: 'Kế hoạch CCHC',
  quarter: '2026Q4',
  tasks: [
    { id: 'T1', title: 'Quy chế phối hợp', deadline: '2012-11-30' },
    { id: 'T2', title: 'Báo cáo quý', deadline: 'quarterly from 2012Q4' },
  ],
  offices: [
    { code: '38001', name: 'UBND xã Đông Sơn', tasks: { T1: 'done', T2: 'due_soon' } },
    { code: '38002', name: 'UBND xã Đông Hòa', tasks: { T1: 'late', T2: 'not_reported' } },
  ],
};
