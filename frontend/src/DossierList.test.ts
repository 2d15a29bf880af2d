// The Hồ sơ list in jsdom with the Go side faked (issue 22 items 4 and 5):
// the reception periods, the keyboard flow (focus in the search box, Enter
// on one match opens it, the dossier's heading, the focus kept in the
// dossier when an action form closes, back on the row, Alt+2 from a
// dossier), the filters by day and by receiving clerk with the total, the
// folding bar and the two-line rows.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import App from './App.svelte';
import { focusWhenShown, keepFocusIn, periodDays } from './components/dossiers/listing';
import type { Dossier, DossierReply, DossierSummary, SearchReply, UserInfo } from './lib/api';
import { locale } from './lib/i18n';
import { resetAuth } from './lib/stores/auth';
import { resetDirectory } from './lib/stores/directory';
import { clearError } from './lib/stores/errors';
import { currentSection } from './lib/stores/navigation';
import { systemInfo } from './lib/stores/system';
import { vault } from './lib/stores/vault';
import { installGo, type Fake, type FakeServices } from './test/fakeGo';
import { byTestId, choose, cleanup, click, render, shown, textBecomes, textOf, type } from './test/dom';

const office = { code: '38001', name: 'UBND xã Đông Sơn' };
const clerk: UserInfo = { id: 'u-clerk', username: 'vanthu', fullName: 'Nguyễn Thị Hồng', office: '38001', roles: ['clerk'], disabled: false, locked: false };

function row(code: string, applicant = 'Nguyễn Thị Hồng'): DossierSummary {
  return {
    code,
    applicant,
    kind: 'person',
    citizenId: '038190000123',
    procedure: 'Đăng ký lại khai sinh',
    status: 'received',
    national: 2,
    office: '38001',
    holder: '38001',
    receivedAt: '2026-11-27T09:15:00+07:00',
    due: '2026-12-04T17:00:00+07:00',
    overdue: false,
    conflicts: 0,
  };
}

function dossier(code: string): Dossier {
  return {
    code,
    agency: '38001',
    office: '38001',
    desk: 0,
    book: { volume: '2026', number: 2 },
    status: 'received',
    national: 2,
    procedure: { code: '1.004884', name: 'Đăng ký lại khai sinh', version: 1, timeLimitWD: 5, steps: [] },
    applicant: { fullName: 'Nguyễn Thị Hồng', citizenId: '038190000123', address: 'Thôn 1', phone: '0912345678', email: '' },
    channel: 'in_person',
    documents: [],
    sets: 1,
    receivedAt: '2026-11-27T09:15:00+07:00',
    due: '2026-12-04T17:00:00+07:00',
    rescheduled: false,
    holder: { office: '38001', officer: 'u-clerk' },
    secondSupplement: false,
    timeline: [],
  };
}

type Search = (req: Record<string, unknown>) => Promise<Fake<SearchReply>>;

function go(search: Search, services: FakeServices = {}) {
  sessionStorage.setItem('hoso.session', 'sess-vanthu');
  return installGo({
    Vault: { Status: async () => ({ state: 'ready', method: 'keyfile', osKeyStore: false, recoveryKey: '' }) },
    System: { Info: async () => ({ version: '0.3.0', office, peerId: 'p', dataDir: '/d', language: '', syncState: 'idle' }) },
    Setup: { Status: async () => ({ needed: false, office }) },
    Auth: { Me: async () => clerk, Logout: async () => ({}) },
    Offices: { List: async () => ({ offices: [{ ...office, parent: '', agencyId: '38001', version: 1 }] }) },
    Users: {
      Directory: async () => ({
        users: [
          { id: 'u-clerk', fullName: 'Nguyễn Thị Hồng', office: '38001' },
          { id: 'u-clerk2', fullName: 'Bùi Văn An', office: '38001' },
          { id: 'u-far', fullName: 'Hoàng Văn Nam', office: '3801' },
        ],
      }),
    },
    Dossiers: { Search: search, ...(services.Dossiers ?? {}) },
    ...Object.fromEntries(Object.entries(services).filter(([k]) => k !== 'Dossiers')),
  });
}

/** A fake Dossiers.Search: "0002" finds one dossier, "000" two, the rest everything. */
function searchFake() {
  return vi.fn(async (req: Record<string, unknown>) => {
    if (req.overdue || req.dueSoon) return { items: [], page: 1, pageSize: 20, more: false, total: 0 };
    const q = String(req.query ?? '');
    const items = q === '0002' ? [row('38001-261207-0002')] : [row('38001-261207-0001'), row('38001-261207-0002')];
    return { items, page: 1, pageSize: 20, more: false, total: q === '' ? 57 : items.length };
  });
}

function altKey(digit: number) {
  window.dispatchEvent(new KeyboardEvent('keydown', { key: String(digit), code: `Digit${digit}`, altKey: true, bubbles: true, cancelable: true }));
  flushSync();
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  resetAuth();
  resetDirectory();
  locale.set('vi');
  currentSection.set('reception');
  systemInfo.set(null);
  vault.set(null);
  clearError();
});

afterEach(() => {
  cleanup();
  delete window.go;
  vi.useRealTimers();
});

describe('reception periods', () => {
  // Monday 7 December 2026, 03:00 in Vietnam (still Sunday in UTC).
  const monday = new Date('2026-12-06T20:00:00Z');
  // Sunday 13 December 2026, 16:00 in Vietnam.
  const sunday = new Date('2026-12-13T09:00:00Z');

  it('today, this week from its Monday, this month, a range as typed; any day has no bound', () => {
    expect(periodDays('today', undefined, monday)).toEqual({ from: '2026-12-07', to: '2026-12-07' });
    expect(periodDays('week', undefined, monday)).toEqual({ from: '2026-12-07', to: '2026-12-07' });
    expect(periodDays('week', undefined, sunday)).toEqual({ from: '2026-12-07', to: '2026-12-13' });
    expect(periodDays('month', undefined, sunday)).toEqual({ from: '2026-12-01', to: '2026-12-13' });
    expect(periodDays('range', { from: '2026-11-02', to: '' }, sunday)).toEqual({ from: '2026-11-02', to: '' });
    expect(periodDays('any', { from: '2026-11-02', to: '2026-11-03' }, sunday)).toEqual({ from: '', to: '' });
  });
});

describe('focus helpers', () => {
  it('focusWhenShown waits for the element, and leaves the focus alone once the user moved it', async () => {
    const root = document.createElement('div');
    const outside = document.createElement('button');
    document.body.append(root, outside);
    const stop = focusWhenShown(root, ['h2']);
    const h2 = document.createElement('h2');
    h2.tabIndex = -1;
    root.append(h2);
    await vi.waitFor(() => expect(document.activeElement).toBe(h2));
    stop();

    h2.remove();
    (document.activeElement as HTMLElement | null)?.blur();
    focusWhenShown(root, ['h2']);
    outside.focus();
    const late = document.createElement('h2');
    late.tabIndex = -1;
    root.append(late);
    await new Promise((r) => setTimeout(r, 0));
    expect(document.activeElement).toBe(outside);
    root.remove();
    outside.remove();
  });

  it('keepFocusIn moves the focus to the first selector found when the focused control is taken away', async () => {
    const root = document.createElement('div');
    root.innerHTML = '<button id="a">a</button><form><button id="submit">ok</button></form>';
    document.body.append(root);
    const stop = keepFocusIn(root, ['#a']);
    const submit = root.querySelector<HTMLButtonElement>('#submit')!;
    submit.focus();
    root.querySelector('form')!.remove();
    await vi.waitFor(() => expect(document.activeElement?.id).toBe('a'));
    stop();
    root.remove();
  });
});

describe('the Hồ sơ list', () => {
  it('opens with the focus in the search box; Enter on one match opens it, its heading focused; back, the focus is on its row', async () => {
    const Search = searchFake();
    const Get = vi.fn(async ({ code }: { code: string }) => ({ dossier: dossier(code), allowed: [], overdue: false, dueSoon: false }));
    go(Search, { Dossiers: { Get } });
    currentSection.set('dossiers');
    render(App);
    await shown('dossier-row-38001-261207-0001');
    expect(document.activeElement).toBe(byTestId('dossier-search'));

    // Two matches: Enter lists them, opens nothing.
    type('dossier-search', '000');
    byTestId('dossier-search')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    await vi.waitFor(() => expect(Search).toHaveBeenCalledWith(expect.objectContaining({ query: '000' })));
    await new Promise((r) => setTimeout(r, 0));
    expect(byTestId('dossier-detail')).toBeNull();

    // One match: Enter opens it, without waiting for the typing pause.
    type('dossier-search', '0002');
    byTestId('dossier-search')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    await shown('dossier-code');
    expect(Get).toHaveBeenCalledWith({ code: '38001-261207-0002' });
    await vi.waitFor(() => expect(document.activeElement).toBe(byTestId('dossier-code')));

    click('dossier-back');
    await vi.waitFor(() => expect(document.activeElement).toBe(byTestId('dossier-open-38001-261207-0002')));
  });

  it('an action confirmed: the focus stays in the dossier, on its next action', async () => {
    const before: DossierReply = { dossier: dossier('38001-261207-0002'), allowed: ['dossier.handed_over', 'dossier.withdrawn'], overdue: false, dueSoon: false, appraisals: [] };
    const after: DossierReply = { dossier: { ...dossier('38001-261207-0002'), status: 'handed_over' }, allowed: ['dossier.withdrawn'], overdue: false, dueSoon: false, appraisals: [] };
    const Act = vi.fn(async () => after);
    go(searchFake(), { Dossiers: { Get: async () => before, Act } });
    currentSection.set('dossiers');
    render(App);
    await shown('dossier-open-38001-261207-0002');
    click('dossier-open-38001-261207-0002');
    await shown('act-handed_over');
    click('act-handed_over');
    await shown('act-submit');
    byTestId('act-submit')!.focus();
    click('act-submit');
    await textBecomes('act-done', 'Đã ghi nhận: Chuyển xử lý.');
    await vi.waitFor(() => expect(document.activeElement).toBe(byTestId('act-withdrawn')));
  });

  it('Alt+2 from a dossier goes back to the list with the focus in the search box', async () => {
    go(searchFake(), { Dossiers: { Get: async ({ code }: { code: string }) => ({ dossier: dossier(code), allowed: [], overdue: false, dueSoon: false }) } });
    currentSection.set('dossiers');
    render(App);
    await shown('dossier-open-38001-261207-0001');
    click('dossier-open-38001-261207-0001');
    await shown('dossier-code');
    altKey(2);
    await shown('dossier-search');
    await vi.waitFor(() => expect(document.activeElement).toBe(byTestId('dossier-search')));
  });

  it('filters by the day of reception and the receiving clerk, shows the total', async () => {
    const Search = searchFake();
    go(Search);
    currentSection.set('dossiers');
    render(App);
    await textBecomes('dossiers-total', 'Tổng số: 57 hồ sơ');
    expect(Search).toHaveBeenCalledWith({ page: 1, pageSize: 20, count: true });

    choose('dossier-period-filter', 'today');
    await vi.waitFor(() =>
      expect(Search).toHaveBeenLastCalledWith(expect.objectContaining({ receivedFrom: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), count: true })),
    );
    const last = Search.mock.lastCall![0];
    expect(last.receivedTo).toBe(last.receivedFrom);

    // The office's users, by name, the caller marked; not other offices'.
    await vi.waitFor(() => expect(byTestId<HTMLSelectElement>('dossier-receiver-filter')!.options).toHaveLength(3));
    expect([...byTestId<HTMLSelectElement>('dossier-receiver-filter')!.options].map((o) => o.textContent?.trim())).toEqual([
      'Mọi người tiếp nhận',
      'Bùi Văn An',
      'Nguyễn Thị Hồng (tôi)',
    ]);
    choose('dossier-receiver-filter', 'u-clerk2');
    await vi.waitFor(() => expect(Search).toHaveBeenLastCalledWith(expect.objectContaining({ receivedBy: 'u-clerk2' })));

    // A range: sent once typed; one that ends before it starts is not sent.
    choose('dossier-period-filter', 'range');
    await shown('dossier-received-from');
    type('dossier-received-from', '01/12/2026');
    byTestId('dossier-received-from')!.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() =>
      expect(Search).toHaveBeenLastCalledWith(expect.objectContaining({ receivedFrom: '2026-12-01', receivedBy: 'u-clerk2' })),
    );
    expect(Search.mock.lastCall![0].receivedTo).toBeUndefined();
    const calls = Search.mock.calls.length;
    type('dossier-received-to', '30/11/2026');
    byTestId('dossier-received-to')!.dispatchEvent(new Event('change', { bubbles: true }));
    await shown('dossier-range-error');
    expect(Search.mock.calls.length).toBe(calls);
  });

  it('a count stopped at its cap reads "1000+"', async () => {
    go(vi.fn(async () => ({ items: [row('38001-261207-0001')], page: 1, pageSize: 20, more: true, total: 1000, totalCapped: true })));
    currentSection.set('dossiers');
    render(App);
    await textBecomes('dossiers-total', 'Tổng số: 1000+ hồ sơ');
  });

  it('the counts and the book fold to one line on a short screen; the choice is kept', async () => {
    go(searchFake());
    currentSection.set('dossiers');
    render(App);
    await shown('dossier-bar-toggle');
    // jsdom's window is 768 pixels high: folded, the counts still there.
    expect(byTestId('print-book')).toBeNull();
    await textBecomes('count-overdue', '0');
    click('dossier-bar-toggle');
    await shown('print-book');
    expect(localStorage.getItem('hoso.dossiers.bar')).toBe('open');
    click('dossier-bar-toggle');
    expect(byTestId('print-book')).toBeNull();
    expect(localStorage.getItem('hoso.dossiers.bar')).toBe('closed');
  });

  it('a long name is cut to its line, whole in its tooltip', async () => {
    const long = 'Hợp tác xã dịch vụ nông nghiệp và tiêu thụ sản phẩm an toàn thôn Đông Sơn Thượng';
    go(vi.fn(async () => ({ items: [row('38001-261207-0003', long)], page: 1, pageSize: 20, more: false, total: 1 })));
    currentSection.set('dossiers');
    render(App);
    await shown('dossier-applicant-38001-261207-0003');
    const name = byTestId('dossier-applicant-38001-261207-0003')!.querySelector('.clamp')!;
    expect(name.getAttribute('title')).toBe(long);
    expect(textOf('dossier-applicant-38001-261207-0003')).toContain('038190000123');
  });
});
