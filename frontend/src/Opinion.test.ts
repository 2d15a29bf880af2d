// The officer's opinion before signing and the return of results (issue 22,
// items 2 and 8) in jsdom with the Go side faked: the opinion beside the
// decision and on its timeline row; a signature of approval over a proposed
// refusal needs the acknowledgement (or the refusal instead); the return
// offers the applicant as recipient, refuses a blank one and asks the
// rating in the same form; Enter on a list submits an action form.
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import type { Applicant, Dossier, DossierReply, TimelineEntry, UserInfo } from './lib/api';
import { locale } from './lib/i18n';
import { appraisalOf, defaultRecipient, opinionToAcknowledge, submitsOnEnter } from './lib/opinion';
import { resetAuth } from './lib/stores/auth';
import { resetDirectory } from './lib/stores/directory';
import { clearError } from './lib/stores/errors';
import { currentSection } from './lib/stores/navigation';
import { systemInfo } from './lib/stores/system';
import { vault } from './lib/stores/vault';
import { installGo, type FakeServices } from './test/fakeGo';
import { byTestId, cleanup, click, render, shown, textBecomes, textOf, type } from './test/dom';

const office = { code: '38001', name: 'UBND xã Đông Sơn' };
const CODE = '38001-261127-0007';
const NOTE = 'Không đủ điều kiện cư trú';

function user(id: string, username: string, fullName: string, role: string): UserInfo {
  return { id, username, fullName, office: '38001', roles: [role as UserInfo['roles'][number]], disabled: false, locked: false };
}

const entry = (id: string, kind: string, at: string, actor: string): TimelineEntry => ({
  id,
  kind: `dossier.${kind}` as TimelineEntry['kind'],
  at,
  actor,
  actorOffice: '38001',
  outcome: 'applied',
});

function dossier(over: Partial<Dossier> = {}): Dossier {
  return {
    code: CODE,
    agency: '38001',
    office: '38001',
    desk: 0,
    book: { volume: '2026', number: 7 },
    status: 'submitted',
    national: 5,
    procedure: { code: '1.004884', name: 'Đăng ký lại khai sinh', version: 1, timeLimitWD: 5, steps: [] },
    applicant: { fullName: 'Phạm Văn Cường', citizenId: '038190000123', address: 'Thôn 1', phone: '0912345678', email: '' },
    channel: 'in_person',
    sets: 1,
    receivedAt: '2026-11-27T09:15:00+07:00',
    due: '2026-12-04T17:00:00+07:00',
    rescheduled: false,
    holder: { office: '38001', officer: 'u-leader' },
    secondSupplement: false,
    appraisal: { opinion: 'refuse', note: NOTE, by: 'u-officer', at: '2026-11-28T10:00:00+07:00' },
    timeline: [
      entry('e1', 'received', '2026-11-27T09:15:00+07:00', 'u-clerk'),
      entry('e2', 'appraised', '2026-11-28T10:00:00+07:00', 'u-officer'),
      entry('e3', 'submitted', '2026-11-28T10:30:00+07:00', 'u-officer'),
    ],
    ...over,
  };
}

function go(me: UserInfo, services: FakeServices = {}) {
  sessionStorage.setItem('hoso.session', 'sess');
  return installGo({
    Vault: { Status: async () => ({ state: 'ready', method: 'keyfile', osKeyStore: false, recoveryKey: '' }) },
    System: {
      Info: async () => ({ version: '0.3.0', office, peerId: 'p', dataDir: '/d', language: '', syncState: 'idle' }),
      SetLanguage: async (r: { language: string }) => r,
    },
    Setup: { Status: async () => ({ needed: false, office }) },
    Auth: { Me: async () => me, Logout: async () => ({}) },
    Offices: { List: async () => ({ offices: [{ ...office, parent: '', agencyId: '38001', version: 1 }] }) },
    Users: {
      Directory: async () => ({
        users: [
          { id: 'u-clerk', fullName: 'Nguyễn Thị Hồng', office: '38001' },
          { id: 'u-officer', fullName: 'Trần Văn Minh', office: '38001' },
          { id: 'u-leader', fullName: 'Lê Thị Lan', office: '38001' },
        ],
      }),
    },
    ...services,
  });
}

const row = {
  code: CODE,
  applicant: 'Phạm Văn Cường',
  citizenId: '038190000123',
  procedure: 'Đăng ký lại khai sinh',
  status: 'submitted',
  national: 5,
  office: '38001',
  holder: '38001',
  receivedAt: '2026-11-27T09:15:00+07:00',
  due: '2026-12-04T17:00:00+07:00',
  overdue: false,
  conflicts: 0,
};
const Search = async () => ({ items: [row], page: 1, pageSize: 20, more: false });

async function openDetail() {
  currentSection.set('dossiers');
  render(App);
  await shown(`dossier-open-${CODE}`);
  click(`dossier-open-${CODE}`);
  await shown('dossier-code');
}

/** Presses a key on an element, as the browser delivers it. */
function press(id: string, key: string, init: KeyboardEventInit = {}) {
  const el = byTestId(id);
  if (!el) throw new Error(`no element ${id}`);
  el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
  flushSync();
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
});

describe('the officer’s opinion before signing', () => {
  const leader = user('u-leader', 'lanhdao', 'Lê Thị Lan', 'leader');
  const reply: DossierReply = {
    dossier: dossier(),
    allowed: ['dossier.refused', 'dossier.signed'],
    overdue: false,
    dueSoon: false,
    appraisals: [{ event: 'e2', opinion: 'refuse', note: NOTE, by: 'u-officer' }],
  };
  const signed: DossierReply = { ...reply, dossier: dossier({ status: 'signed' }), allowed: [] };

  it('shows the opinion beside the actions and on its timeline row', async () => {
    go(leader, { Dossiers: { Search, Get: async () => reply } });
    await openDetail();
    await textBecomes('opinion-box', /Lê|Trần Văn Minh/);
    expect(textOf('opinion-box')).toBe(
      `Ý kiến của chuyên viên thẩm định: Đề nghị từ chối — ${NOTE} (Trần Văn Minh, 28/11/2026 10:00)`,
    );
    expect(byTestId('opinion-box')?.dataset.opinion).toBe('refuse');
    expect(textOf('timeline-opinion')).toBe(`Ý kiến: Đề nghị từ chối — ${NOTE}`);
    locale.set('en');
    flushSync();
    expect(textOf('timeline-opinion')).toBe(`Opinion: Propose refusal — ${NOTE}`);
  });

  it('asks the leader to acknowledge a proposed refusal before signing an approval, or to sign the refusal', async () => {
    let refuseOnce = true;
    const Act = vi.fn(async (req: { action: string; body: Record<string, unknown> }) => {
      if (req.action === 'dossier.signed' && refuseOnce) {
        refuseOnce = false;
        throw { code: 'refused', message: 'not acknowledged', field: 'acknowledged', params: { rule: 'opinion_not_acknowledged', opinion: 'refuse' } };
      }
      return signed;
    });
    go(leader, { Dossiers: { Search, Get: async () => reply, Act } });
    await openDetail();
    click('act-signed');
    await shown('act-form-signed');
    expect(textOf('act-signed-refusal-hint')).toContain('Chuyên viên đề nghị từ chối');
    const ack = byTestId<HTMLInputElement>('act-signed-acknowledged');
    expect(ack?.checked).toBe(false);
    expect(ack?.closest('label')?.textContent?.trim()).toBe(
      'Tôi đã xem ý kiến «Đề nghị từ chối» của chuyên viên thẩm định và vẫn ký phê duyệt',
    );

    // Not ticked: refused here, nothing sent.
    type('act-signed-number', '3/QĐ-UBND');
    click('act-submit');
    expect(textOf('act-signed-acknowledged-error')).toBe('Hãy xác nhận đã xem ý kiến của chuyên viên trước khi ký phê duyệt.');
    expect(Act).not.toHaveBeenCalled();

    // Ticked: the body names the opinion acknowledged. Go's refusal (an older
    // page, say) reads in words beside the box.
    click('act-signed-acknowledged');
    expect(byTestId('act-signed-acknowledged-error')).toBeNull();
    click('act-submit');
    await textBecomes(
      'act-signed-acknowledged-error',
      'Chuyên viên thẩm định đề nghị «Đề nghị từ chối»: chỉ được ký phê duyệt sau khi xác nhận đã xem ý kiến này.',
    );
    expect(Act).toHaveBeenLastCalledWith({
      code: CODE,
      action: 'dossier.signed',
      body: { number: '3/QĐ-UBND', acknowledged: 'refuse' },
    });
    click('act-submit');
    await textBecomes('dossier-status', 'Đã ký duyệt');
  });

  it('offers the refusal instead, in its own form', async () => {
    go(leader, { Dossiers: { Search, Get: async () => reply } });
    await openDetail();
    click('act-signed');
    await shown('act-signed-refusal');
    click('act-signed-refusal');
    await shown('act-form-refused');
    expect(byTestId('act-form-signed')).toBeNull();
  });

  it('an approving appraisal needs no acknowledgement', async () => {
    const approved = { ...reply, dossier: dossier({ appraisal: { opinion: 'approve', by: 'u-officer', at: '2026-11-28T10:00:00+07:00' } }) };
    const Act = vi.fn(async () => signed);
    go(leader, { Dossiers: { Search, Get: async () => approved, Act } });
    await openDetail();
    expect(byTestId('opinion-box')?.dataset.opinion).toBe('approve');
    click('act-signed');
    await shown('act-form-signed');
    expect(byTestId('act-signed-acknowledged')).toBeNull();
    expect(byTestId('act-signed-refusal')).toBeNull();
    click('act-submit');
    await textBecomes('dossier-status', 'Đã ký duyệt');
    expect(Act).toHaveBeenCalledWith({ code: CODE, action: 'dossier.signed', body: {} });
  });
});

describe('the return of results and the keyboard', () => {
  const clerk = user('u-clerk', 'vanthu', 'Nguyễn Thị Hồng', 'clerk');
  const atDesk: DossierReply = {
    dossier: dossier({ status: 'result_at_desk', holder: { office: '38001', officer: 'u-clerk' } }),
    allowed: ['dossier.returned'],
    overdue: false,
    dueSoon: false,
    appraisals: [],
  };
  const returned: DossierReply = { ...atDesk, dossier: dossier({ status: 'returned' }), allowed: [] };

  it('offers the applicant as recipient, refuses a blank one, and asks the rating in the same form', async () => {
    const Act = vi.fn(async () => returned);
    go(clerk, { Dossiers: { Search, Get: async () => atDesk, Act } });
    await openDetail();
    expect(byTestId('opinion-box')).toBeNull();
    click('act-returned');
    await shown('act-form-returned');
    const recipient = byTestId<HTMLInputElement>('act-returned-recipient');
    expect(recipient?.value).toBe('Phạm Văn Cường');
    expect(recipient?.getAttribute('aria-required')).toBe('true');
    expect(textOf('act-returned-rating')).toContain('Công dân đánh giá mức độ hài lòng (không bắt buộc)');
    expect(byTestId<HTMLInputElement>('act-returned-rating-none')?.checked).toBe(true);

    type('act-returned-recipient', '  ');
    click('act-submit');
    expect(textOf('act-returned-recipient-error')).toBe('Trường này là bắt buộc.');
    expect(Act).not.toHaveBeenCalled();

    type('act-returned-recipient', 'Phạm Thị Dung');
    expect(byTestId('act-returned-recipient-error')).toBeNull();
    click('act-returned-rating-satisfied');
    // Enter on the chosen rating submits, as on intake.
    press('act-returned-rating-satisfied', 'Enter');
    await textBecomes('dossier-status', 'Đã trả kết quả');
    expect(Act).toHaveBeenCalledWith({ code: CODE, action: 'dossier.returned', body: { recipient: 'Phạm Thị Dung', rating: 'satisfied' } });
  });

  it('Enter on a list submits the appraisal; the three conclusions are offered', async () => {
    const officer = user('u-officer', 'chuyenvien', 'Trần Văn Minh', 'officer');
    const assigned: DossierReply = {
      dossier: dossier({ status: 'assigned', appraisal: undefined, holder: { office: '38001', officer: 'u-officer' } }),
      allowed: ['dossier.appraised'],
      overdue: false,
      dueSoon: false,
      appraisals: [],
    };
    const Act = vi.fn(async () => ({ ...assigned, dossier: dossier({ status: 'appraised' }), allowed: [] }));
    go(officer, { Dossiers: { Search, Get: async () => assigned, Act } });
    await openDetail();
    click('act-appraised');
    await shown('act-form-appraised');
    const select = byTestId<HTMLSelectElement>('act-appraised-opinion');
    expect([...(select?.options ?? [])].map((o) => o.textContent)).toEqual([
      'Đồng ý giải quyết',
      'Đề nghị từ chối',
      'Đề nghị bổ sung hồ sơ',
    ]);
    select!.value = 'supplement';
    select!.dispatchEvent(new Event('change', { bubbles: true }));
    press('act-appraised-opinion', 'Enter');
    await textBecomes('dossier-status', 'Đã thẩm định');
    expect(Act).toHaveBeenCalledWith({ code: CODE, action: 'dossier.appraised', body: { opinion: 'supplement' } });
  });
});

describe('lib/opinion', () => {
  it('submitsOnEnter: Ctrl+Enter anywhere, Enter on a list, a check box or a radio, not in a text field', () => {
    const el = (html: string) => {
      const div = document.createElement('div');
      div.innerHTML = html;
      return div.firstElementChild as HTMLElement;
    };
    const text = el('<input type="text">');
    const area = el('<textarea></textarea>');
    expect(submitsOnEnter({ key: 'Enter', ctrlKey: false, target: el('<select></select>') })).toBe(true);
    expect(submitsOnEnter({ key: 'Enter', ctrlKey: false, target: el('<input type="checkbox">') })).toBe(true);
    expect(submitsOnEnter({ key: 'Enter', ctrlKey: false, target: el('<input type="radio">') })).toBe(true);
    expect(submitsOnEnter({ key: 'Enter', ctrlKey: false, target: text })).toBe(false); // the browser submits it
    expect(submitsOnEnter({ key: 'Enter', ctrlKey: false, target: area })).toBe(false); // a new line
    expect(submitsOnEnter({ key: 'Enter', ctrlKey: true, target: area })).toBe(true);
    expect(submitsOnEnter({ key: ' ', ctrlKey: false, target: el('<input type="checkbox">') })).toBe(false);
  });

  it('defaultRecipient: the applicant, or the one who files for an organisation', () => {
    const person: Applicant = { fullName: ' Phạm Văn Cường ', citizenId: '', address: '', phone: '', email: '' };
    expect(defaultRecipient(person)).toBe('Phạm Văn Cường');
    const org: Applicant = {
      ...person,
      kind: 'organisation',
      fullName: 'HTX Đông Sơn',
      representative: { fullName: 'Lê Văn Tám', citizenId: '038090001111', relation: 'Giám đốc' },
    };
    expect(defaultRecipient(org)).toBe('Lê Văn Tám');
  });

  it('appraisalOf: the reply’s note for the row, else the latest appraisal for the last applied row', () => {
    const d = dossier({
      timeline: [
        entry('a1', 'appraised', '2026-11-27T10:00:00+07:00', 'u-officer'),
        entry('a2', 'appraised', '2026-11-28T10:00:00+07:00', 'u-officer'),
      ],
    });
    const [first, second] = d.timeline!;
    const withNotes: DossierReply = {
      dossier: d,
      allowed: [],
      overdue: false,
      dueSoon: false,
      appraisals: [
        { event: 'a1', opinion: 'supplement', by: 'u-officer' },
        { event: 'a2', opinion: 'refuse', note: NOTE, by: 'u-officer' },
      ],
    };
    expect(appraisalOf(withNotes, first)?.opinion).toBe('supplement');
    expect(appraisalOf(withNotes, second)?.opinion).toBe('refuse');
    // An older node sent no appraisals.
    const older = { ...withNotes, appraisals: undefined } as unknown as DossierReply;
    expect(appraisalOf(older, first)).toBeUndefined();
    expect(appraisalOf(older, second)).toEqual({ event: 'a2', opinion: 'refuse', note: NOTE, by: 'u-officer' });
    expect(opinionToAcknowledge(d)).toBe('refuse');
    expect(opinionToAcknowledge(dossier({ appraisal: undefined }))).toBeNull();
  });
});
