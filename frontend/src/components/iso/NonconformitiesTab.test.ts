// The nonconformity tab in jsdom with the Go side faked through the Bridge:
// the log lists what the scan raised (source, rule, dossier, state), a
// clerk raises one by hand, a leader reviews one, opens a corrective
// action, closes it and checks it; an overdue action is marked; a refusal
// of the quality rules reads in words.
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UserInfo } from '../../lib/api';
import { locale } from '../../lib/i18n';
import { auth, resetAuth } from '../../lib/stores/auth';
import { installGo, type FakeCall } from '../../test/fakeGo';
import { allByTestId, byTestId, choose, cleanup, click, render, shown, textBecomes, textOf, type } from '../../test/dom';
import NonconformitiesTab from './NonconformitiesTab.svelte';

const leader: UserInfo = { id: 'u-leader', username: 'lanhdao', fullName: 'Lê Thị Lan', office: '38001', roles: ['leader'], disabled: false, locked: false };
const clerk: UserInfo = { ...leader, id: 'u-clerk', username: 'vanthu', fullName: 'Nguyễn Thị Hồng', roles: ['clerk'] };

type NC = Record<string, unknown> & { id: string; state: string };
type Act = Record<string, unknown> & { id: string; nc: string };

function fakeIso(calls: { list: FakeCall[] }) {
  const ncs: NC[] = [
    {
      id: 'auto-late_dossier-38001-261001-0001',
      office: '38001',
      source: 'late_dossier',
      cause: 'late_dossier:38001-261001-0001',
      rule: 'Hồ sơ giải quyết quá hạn',
      dossier: '38001-261001-0001',
      process: '1.004837',
      clause: '8.5.1',
      title: 'Hồ sơ 38001-261001-0001 trả kết quả sau ngày hẹn',
      raisedAt: '2026-10-20T09:00:00+07:00',
      raises: 1,
      reviews: 0,
      state: 'raised',
      open: true,
    },
  ];
  const actions: Act[] = [
    { id: 'a-old', office: '38001', nc: 'x', analysis: 'Cũ', category: 'external', action: 'Đôn đốc cơ quan phối hợp', owner: 'u-officer', due: '2026-10-01', checkDays: 90, by: 'u', at: '', overdue: true },
  ];
  const detail = (id: string) => {
    const n = ncs.find((x) => x.id === id);
    if (!n) throw { code: 'not_found', message: 'no nc', field: 'id' };
    return { ...n, actionItems: actions.filter((a) => a.nc === id) };
  };
  return {
    Iso: {
      Nonconformities: (p?: { state?: string }) => ({
        office: '38001',
        raised: 1,
        items: ncs.filter((n) => !p?.state || (p.state === 'open') === !!n.open),
      }),
      Nonconformity: (p: { id: string }) => detail(p.id),
      RaiseNonconformity: (p: { source: string; title: string; dossier: string }) => {
        if (p.dossier === '38002-000000-0001') throw { code: 'not_found', message: 'no dossier', field: 'code' };
        const n: NC = { id: 'm-1', office: '38001', source: p.source, title: p.title, dossier: p.dossier, raisedAt: '2026-11-02T09:00:00+07:00', raises: 1, reviews: 0, state: 'raised', open: true };
        ncs.unshift(n);
        return detail('m-1');
      },
      ReviewNonconformity: (p: { id: string; verdict: string; severity: string }) => {
        const n = ncs.find((x) => x.id === p.id)!;
        Object.assign(n, { review: { verdict: p.verdict, severity: p.severity, by: 'u-leader', at: '', seen: 0 }, reviews: 1, state: p.verdict === 'accepted' ? 'accepted' : 'rejected' });
        return detail(p.id);
      },
      OpenAction: (p: { nc: string; action: string; owner: string; due: string; checkDays: number }) => {
        const a: Act = { id: 'a-1', office: '38001', nc: p.nc, analysis: 'x', category: 'method', action: p.action, owner: p.owner, due: p.due, checkDays: p.checkDays, by: 'u', at: '', overdue: false };
        actions.push(a);
        Object.assign(ncs.find((x) => x.id === p.nc)!, { state: 'action', actions: ['a-1'] });
        return a;
      },
      UpdateAction: (p: { id: string; evidence: string; dossiers: string[] }) => {
        const a = actions.find((x) => x.id === p.id)!;
        a.evidence = [{ text: p.evidence, dossiers: p.dossiers, by: 'u', at: '2026-11-03T09:00:00+07:00' }];
        return a;
      },
      CloseAction: (p: { id: string }) => {
        const a = actions.find((x) => x.id === p.id)!;
        a.closed = { by: 'u-leader', at: '2026-11-04T09:00:00+07:00' };
        a.checkFrom = '2026-11-04T09:00:00+07:00';
        Object.assign(ncs.find((x) => x.id === a.nc)!, { state: 'closed', open: false });
        return a;
      },
      CheckEffectiveness: (p: { id: string }) => {
        const a = actions.find((x) => x.id === p.id)!;
        if (calls.list.filter((c) => c.method === 'Iso.CheckEffectiveness').length === 1) {
          throw { code: 'refused', message: 'too early', params: { rule: 'check_too_early', from: '2027-02-02' } };
        }
        a.check = { effective: true, by: 'u-leader', at: '' };
        return a;
      },
      Actions: () => ({
        office: '38001',
        items: [...actions].sort((a, b) => Number(b.overdue) - Number(a.overdue)),
        overdue: actions.filter((a) => a.overdue).length,
        categories: [
          { code: 'method', vi: 'Quy trình, phương pháp', en: 'Process or method' },
          { code: 'external', vi: 'Cơ quan phối hợp, bên ngoài', en: 'Partner office or outside' },
        ],
      }),
    },
    Users: { Colleagues: () => ({ users: [{ id: 'u-officer', fullName: 'Trần Văn Minh', roles: ['officer'] }] }) },
  };
}

function start(user: UserInfo) {
  const box = { list: [] as FakeCall[] };
  // The real bridge sends JSON: each reply is a copy, never the fake's own object.
  const fake = fakeIso(box) as unknown as Record<string, Record<string, (p?: unknown) => unknown>>;
  for (const svc of Object.values(fake)) {
    for (const [name, fn] of Object.entries(svc)) svc[name] = (p?: unknown) => structuredClone(fn(p));
  }
  box.list = installGo(fake as Parameters<typeof installGo>[0]);
  auth.set({ view: 'ready', user, office: { code: '38001', name: 'UBND xã Đông Sơn' }, reason: null, error: null });
  render(NonconformitiesTab);
  return box.list;
}

/** Waits until a button is there and enabled (its card's last call has ended). */
async function idle(id: string) {
  await vi.waitFor(() => expect(byTestId<HTMLButtonElement>(id)?.disabled, id).toBe(false));
}

const NC = 'auto-late_dossier-38001-261001-0001';

describe('nonconformities tab', () => {
  beforeEach(() => locale.set('vi'));
  afterEach(() => {
    cleanup();
    resetAuth();
    vi.restoreAllMocks();
  });

  it('lists the scan with its source, rule, dossier and state, and marks the overdue action', async () => {
    const calls = start(clerk);
    await shown(`nc-row-${NC}`);
    expect(textOf(`nc-source-${NC}`)).toBe('Hồ sơ quá hạn');
    expect(textOf(`nc-rule-${NC}`)).toBe('Hồ sơ giải quyết quá hạn');
    expect(textOf(`nc-dossier-${NC}`)).toBe('38001-261001-0001');
    expect(textOf(`nc-state-${NC}`)).toBe('Mới ghi nhận');
    expect(textOf('nc-raised')).toContain('1');
    expect(byTestId('actions-row-a-old')?.classList.contains('overdue')).toBe(true);
    expect(textOf('actions-overdue')).toBe('1 hành động quá hạn');
    expect(calls.find((c) => c.method === 'Iso.Nonconformities')?.params).toMatchObject({ state: 'open' });
    // A clerk sees no review form.
    click(`nc-open-${NC}`);
    await shown('nc-detail');
    expect(byTestId('nc-review-form')).toBeNull();
  });

  it('a clerk raises one by hand; a dossier of another office is refused in place', async () => {
    const calls = start(clerk);
    await shown(`nc-row-${NC}`);
    click('nc-raise-open');
    choose('nc-raise-source', 'complaint');
    type('nc-raise-title', 'Công dân phản ánh chờ lâu');
    type('nc-raise-dossier', '38002-000000-0001');
    byTestId<HTMLFormElement>('nc-raise-form')!.requestSubmit();
    await shown('nc-raise-error');
    expect(byTestId('nc-raise-dossier')?.getAttribute('aria-invalid')).toBe('true');
    type('nc-raise-dossier', '');
    byTestId<HTMLFormElement>('nc-raise-form')!.requestSubmit();
    await shown('nc-row-m-1');
    expect(textOf('nc-source-m-1')).toBe('Phản ánh, kiến nghị');
    expect(calls.filter((c) => c.method === 'Iso.RaiseNonconformity').at(-1)?.params).toMatchObject({ source: 'complaint', title: 'Công dân phản ánh chờ lâu' });
  });

  it('a leader reviews, opens an action, adds evidence, closes it and checks it', async () => {
    const calls = start(leader);
    await shown(`nc-row-${NC}`);
    click(`nc-open-${NC}`);
    await shown('nc-review-form');
    choose('nc-review-severity', 'major');
    byTestId<HTMLFormElement>('nc-review-form')!.requestSubmit();
    await textBecomes('nc-detail-state', 'Đã xác nhận');
    expect(calls.find((c) => c.method === 'Iso.ReviewNonconformity')?.params).toMatchObject({ id: NC, verdict: 'accepted', severity: 'major' });

    await shown('action-form');
    await vi.waitFor(() => expect(allByTestId('action-owner')[0].querySelectorAll('option').length).toBe(1));
    type('action-analysis', 'Không theo dõi hạn');
    type('action-action', 'Theo dõi hằng ngày');
    type('action-due', '2026-12-31');
    type('action-check-days', '0');
    byTestId<HTMLFormElement>('action-form')!.requestSubmit();
    await shown('action-a-1');
    expect(calls.find((c) => c.method === 'Iso.OpenAction')?.params).toMatchObject({ nc: NC, owner: 'u-officer', due: '2026-12-31', checkDays: 0, category: 'method' });

    type('action-a-1-evidence', 'Đã họp giao ban');
    type('action-a-1-dossiers', '38001-261001-0001, 38001-261001-0002');
    click('action-a-1-add');
    await vi.waitFor(() => expect(calls.some((c) => c.method === 'Iso.UpdateAction')).toBe(true));
    expect(calls.find((c) => c.method === 'Iso.UpdateAction')?.params).toMatchObject({ dossiers: ['38001-261001-0001', '38001-261001-0002'] });
    // The evidence names its dossiers as links.
    await shown('action-a-1-evidence-38001-261001-0002');

    await idle('action-a-1-close');
    click('action-a-1-close');
    await shown('action-a-1-closed');
    await idle('action-a-1-check-run');
    click('action-a-1-check-run');
    await textBecomes('action-a-1-error', 'Chưa đến ngày kiểm tra hiệu lực (từ ngày 2027-02-02).');
    await idle('action-a-1-check-run');
    click('action-a-1-check-run');
    await textBecomes('action-a-1-check', 'Có hiệu lực');
    flushSync();
  });
});
