// Working days as the calendar service knows them (Calendar.Holidays: the
// days off of a year with their names, and the weekend days worked to make
// up for a bridge), for the date inputs of legal deadlines: which days of
// a month are weekends, holidays or make-up days, and how many working
// days lie between today and a date. Go has the last word on a deadline
// (dossier/check.go refuses a new due date that is not a working day);
// this only shows the clerk what the calendar says before confirming.
import { holidays, type HolidaysReply } from '../../lib/api';
import { isoDate, weekdayOf } from '../../lib/format';

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'swapped';

export interface DayInfo {
  kind: DayKind;
  /** The holiday's or make-up day's name, in Vietnamese and English. */
  name?: string;
  nameEn?: string;
}

/** The days off and worked weekend days of some years, by ISO date. */
export interface YearDays {
  off: Map<string, { name: string; nameEn: string }>;
  worked: Map<string, { name: string; nameEn: string }>;
}

export function yearDays(replies: HolidaysReply[]): YearDays {
  const out: YearDays = { off: new Map(), worked: new Map() };
  for (const r of replies) {
    for (const h of r.holidays) out.off.set(h.date, { name: h.name, nameEn: h.nameEn });
    for (const w of r.swappedWorkingDays) out.worked.set(w.date, { name: w.name ?? '', nameEn: w.nameEn ?? '' });
  }
  return out;
}

/** What kind of day an ISO date is. */
export function dayInfo(days: YearDays, iso: string): DayInfo {
  const off = days.off.get(iso);
  if (off) return { kind: 'holiday', name: off.name, nameEn: off.nameEn };
  const wd = weekdayOf(iso);
  const worked = days.worked.get(iso);
  if (wd === 0 || wd === 6) return worked ? { kind: 'swapped', name: worked.name, nameEn: worked.nameEn } : { kind: 'weekend' };
  return { kind: 'workday' };
}

export function isWorkingDay(days: YearDays, iso: string): boolean {
  const k = dayInfo(days, iso).kind;
  return k === 'workday' || k === 'swapped';
}

/** The ISO date n days after iso (n may be negative). */
export function addDays(iso: string, n: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/**
 * The working days after `from` up to and including `to`: 1 for the next
 * working day, 0 for `from` itself, null when `to` is before `from`.
 */
export function workingDaysBetween(days: YearDays, from: string, to: string): number | null {
  if (to < from) return null;
  let n = 0;
  // A deadline is at most a few hundred days away; the bound keeps a typo
  // ("2206") from counting for long.
  for (let d = addDays(from, 1), i = 0; d <= to && i < 3660; d = addDays(d, 1), i++) {
    if (isWorkingDay(days, d)) n++;
  }
  return n;
}

/** Today in Vietnam (UTC+7), where the office's deadlines run, as ISO. */
export function todayInVietnam(now: number = Date.now()): string {
  return new Date(now + 7 * 3600 * 1000).toISOString().slice(0, 10);
}

/** The weeks of a month, Monday first, each day its ISO date or null outside the month. */
export function monthGrid(year: number, month: number): (string | null)[][] {
  const first = isoDate(year, month, 1);
  const lead = (weekdayOf(first) + 6) % 7; // Monday = 0
  const n = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const cells: (string | null)[] = [...Array(lead).fill(null)];
  for (let d = 1; d <= n; d++) cells.push(isoDate(year, month, d));
  while (cells.length % 7) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

const cache = new Map<number, Promise<HolidaysReply>>();

/** The days of the given years from the calendar service, each year asked once. */
export async function loadYears(years: number[]): Promise<YearDays> {
  const replies = await Promise.all(
    [...new Set(years)].map((y) => {
      let p = cache.get(y);
      if (!p) {
        p = holidays(y);
        p.catch(() => cache.delete(y));
        cache.set(y, p);
      }
      return p;
    }),
  );
  return yearDays(replies);
}

/** Forgets the years asked (tests; an administrator's change of the calendar). */
export function clearYears(): void {
  cache.clear();
}
