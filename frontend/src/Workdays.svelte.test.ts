// The date input of a legal deadline (issue 22 item 3), with the calendar
// service faked through the Bridge: weekends and holidays shown as days
// off in the month popup, a worked make-up Saturday as a working day, the
// working days from today under the input, the keyboard (Alt+↓, arrows,
// PageDown, Enter, Escape), and typing dd/mm/yyyy still working.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import DateInput from './components/form/DateInput.svelte';
import { addDays, clearYears, dayInfo, monthGrid, todayInVietnam, workingDaysBetween, yearDays } from './components/form/workdays';
import type { HolidaysReply } from './lib/api';
import { locale } from './lib/i18n';
import { installGo } from './test/fakeGo';

function reply(year: number): HolidaysReply {
  const h: Record<number, HolidaysReply['holidays']> = {
    2026: [{ date: '2026-12-31', name: 'Nghỉ thử', nameEn: 'Test day off', kind: 'extra' }],
    2027: [{ date: '2027-01-01', name: 'Tết Dương lịch', nameEn: "New Year's Day", kind: 'statutory' }],
  };
  const sw: Record<number, HolidaysReply['swappedWorkingDays']> = { 2027: [{ date: '2027-01-09', name: 'Làm bù', nameEn: 'Make-up' }] };
  return { year, holidays: h[year] ?? [], swappedWorkingDays: sw[year] ?? [], override: null };
}

const days = yearDays([reply(2026), reply(2027)]);

describe('working days', () => {
  it('tells weekends, holidays and make-up days apart and counts working days from a day', () => {
    expect(dayInfo(days, '2027-01-01')).toEqual({ kind: 'holiday', name: 'Tết Dương lịch', nameEn: "New Year's Day" });
    expect(dayInfo(days, '2027-01-02').kind).toBe('weekend');
    expect(dayInfo(days, '2027-01-09').kind).toBe('swapped');
    expect(dayInfo(days, '2027-01-04').kind).toBe('workday');
    // Mon 28/12/2026 → Mon 4/1/2027: 29, 30 (31 off, 1 Jan holiday, 2–3 weekend), 4.
    expect(workingDaysBetween(days, '2026-12-28', '2027-01-04')).toBe(3);
    expect(workingDaysBetween(days, '2026-12-28', '2026-12-28')).toBe(0);
    expect(workingDaysBetween(days, '2026-12-28', '2026-12-27')).toBeNull();
    // The make-up Saturday counts.
    expect(workingDaysBetween(days, '2027-01-08', '2027-01-11')).toBe(2);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(todayInVietnam(Date.UTC(2026, 11, 27, 18, 0))).toBe('2026-12-28'); // 01:00 in Vietnam
  });

  it('lays a month out Monday first', () => {
    const weeks = monthGrid(2027, 1); // 1 January 2027 is a Friday
    expect(weeks[0]).toEqual([null, null, null, null, '2027-01-01', '2027-01-02', '2027-01-03']);
    expect(weeks.at(-1)?.filter(Boolean).at(-1)).toBe('2027-01-31');
    expect(weeks.every((w) => w.length === 7)).toBe(true);
  });
});

describe('the date input of a deadline', () => {
  let app: ReturnType<typeof mount> | undefined;
  let target: HTMLElement;
  let props: { value: string; bad: boolean; workdays: boolean; testid: string };
  const q = <T extends HTMLElement = HTMLElement>(id: string) => target.querySelector<T>(`[data-testid="${id}"]`);
  const key = (el: Element, k: string, init: KeyboardEventInit = {}) => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init }));
    flushSync();
  };

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-28T02:00:00Z')); // Monday 09:00 in Vietnam
    clearYears();
    locale.set('vi');
    installGo({ Calendar: { Holidays: async (r: unknown) => reply((r as { year: number }).year) } });
    target = document.createElement('div');
    document.body.append(target);
    const bound = $state({ value: '', bad: false, workdays: true, testid: 'due' });
    props = bound;
    app = mount(DateInput, { target, props });
    flushSync();
  });

  afterEach(() => {
    if (app) unmount(app);
    target.remove();
    delete window.go;
    vi.useRealTimers();
  });

  it('shows the month with its days off, picks by keyboard and says how many working days away', async () => {
    const input = q<HTMLInputElement>('due')!;
    key(input, 'ArrowDown', { altKey: true });
    const cal = q('due-calendar')!;
    expect(q('due-calendar-month')?.textContent).toBe('Tháng 12/2026');
    await vi.waitFor(() => expect(cal.querySelector('[data-date="2026-12-26"]')?.getAttribute('data-kind')).toBe('weekend'));
    expect(cal.querySelector('[data-date="2026-12-31"]')?.getAttribute('data-kind')).toBe('holiday');
    expect(cal.querySelector('[data-date="2026-12-31"]')?.getAttribute('title')).toBe('Ngày nghỉ lễ: Nghỉ thử');
    expect(document.activeElement?.getAttribute('data-date')).toBe('2026-12-28');
    // → → → → : Friday 1 January, the next year's holiday.
    for (let i = 0; i < 4; i++) key(document.activeElement!, 'ArrowRight');
    expect(q('due-calendar-month')?.textContent).toBe('Tháng 1/2027');
    await vi.waitFor(() => expect(q('due-calendar-count')?.textContent).toMatch(/01\/01\/2027: Ngày nghỉ lễ: Tết Dương lịch/));
    key(document.activeElement!, 'ArrowRight', {});
    key(document.activeElement!, 'ArrowRight', {});
    key(document.activeElement!, 'ArrowRight', {}); // Monday 4 January
    expect(q('due-calendar-count')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('04/01/2027: 3 ngày làm việc kể từ hôm nay');
    key(document.activeElement!, 'Enter');
    expect(q('due-calendar')).toBeNull();
    expect(input.value).toBe('04/01/2027');
    expect(props.value).toBe('2027-01-04');
    expect(document.activeElement).toBe(input);
    await vi.waitFor(() => expect(q('due-workdays')?.textContent).toBe('3 ngày làm việc kể từ hôm nay'));
  });

  it('typing still works, and a typed day off says so', async () => {
    const input = q<HTMLInputElement>('due')!;
    input.value = '01/01/2027';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    expect(props.value).toBe('2027-01-01');
    await vi.waitFor(() =>
      expect(q('due-workdays')?.textContent).toBe('Ngày 01/01/2027 không phải ngày làm việc (Ngày nghỉ lễ: Tết Dương lịch)'),
    );
    input.value = '09/01/2027'; // the make-up Saturday: 29, 30, 4–8 and itself
    input.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    await vi.waitFor(() => expect(q('due-workdays')?.textContent).toBe('8 ngày làm việc kể từ hôm nay'));
    // Escape closes the popup and gives the input back; the button opens it.
    q('due-cal')!.click();
    flushSync();
    expect(q('due-calendar-month')?.textContent).toBe('Tháng 1/2027');
    key(q('due-calendar')!, 'PageDown');
    expect(q('due-calendar-month')?.textContent).toBe('Tháng 2/2027');
    key(q('due-calendar')!, 'Escape');
    expect(q('due-calendar')).toBeNull();
    expect(document.activeElement).toBe(input);
    expect(props.value).toBe('2027-01-09');
  });
});
