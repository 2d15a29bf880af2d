// The working-day calendar's helpers: a year's days off grouped by month,
// the month grids of the mini calendar, and Go's override problems by the
// editor's field paths.
import type { ApiError, Holiday, HolidayKind, HolidaysReply, NamedDate } from '../api';
import { daysInMonth, isoDate, weekdayOf } from '../format';
import type { Locale } from '../i18n';

/** A day of the list: a day off, or a weekend day worked ("swapped"). */
export interface CalendarDay {
  date: string;
  name: string;
  nameEn: string;
  kind: HolidayKind | 'swapped';
  makesUpFor?: string;
}

export interface MonthGroup {
  /** 1–12 */
  month: number;
  days: CalendarDay[];
}

/** The year's days off and worked weekend days, by month, in date order. */
export function groupByMonth(reply: Pick<HolidaysReply, 'holidays' | 'swappedWorkingDays'>): MonthGroup[] {
  const days: CalendarDay[] = [
    ...reply.holidays.map((h: Holiday) => ({ ...h })),
    ...reply.swappedWorkingDays.map((s: NamedDate) => ({
      date: s.date,
      name: s.name ?? '',
      nameEn: s.nameEn ?? '',
      kind: 'swapped' as const,
    })),
  ].sort((a, b) => a.date.localeCompare(b.date));
  const groups: MonthGroup[] = [];
  for (const d of days) {
    const month = Number(d.date.slice(5, 7));
    let g = groups[groups.length - 1];
    if (!g || g.month !== month) {
      g = { month, days: [] };
      groups.push(g);
    }
    g.days.push(d);
  }
  return groups;
}

/** The day's name in the language, the other language's when missing. */
export function dayName(lang: Locale, d: { name?: string; nameEn?: string }): string {
  return (lang === 'en' ? d.nameEn || d.name : d.name || d.nameEn) ?? '';
}

/** A month as weeks of 7 cells, Monday first (the Vietnamese calendar); null pads. */
export function monthGrid(year: number, month: number): (string | null)[][] {
  const first = isoDate(year, month, 1);
  const lead = (weekdayOf(first) + 6) % 7; // Monday = 0
  const cells: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let d = 1; d <= daysInMonth(year, month); d++) cells.push(isoDate(year, month, d));
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/**
 * An override problem's field as the editor names it: Go prefixes the path
 * with "override." and may add the override's place among every year's
 * ("override.overrides[3].tetDays[1]") → "tetDays[1]".
 */
export function overridePath(field: string): string {
  return field.replace(/^override\./, '').replace(/^overrides\[\d+\]\.?/, '') || 'override';
}

/** Go's override problems by editor path: every entry of details, else the field. */
export function overrideProblems(err: ApiError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (field: unknown, message: unknown) => {
    if (typeof field !== 'string' || field === '') return;
    (out[overridePath(field)] ??= []).push(String(message ?? ''));
  };
  if (Array.isArray(err.details)) {
    for (const d of err.details as Record<string, unknown>[]) add(d?.field, d?.message);
  }
  if (Object.keys(out).length === 0 && err.field) add(err.field, err.message);
  return out;
}

/** The time zone the law's 15:00 rule and the receipts use. */
export const VIETNAM_OFFSET = '+07:00';

/** "2026-11-27" and "14:30" → "2026-11-27T14:30:00+07:00". */
export function receivedAt(date: string, time: string): string {
  return `${date}T${time.length === 5 ? `${time}:00` : time}${VIETNAM_OFFSET}`;
}

/** Today and now in Vietnam's time, for the due-date helper's defaults. */
export function nowInVietnam(now = new Date()): { date: string; time: string; year: number } {
  const vn = new Date(now.getTime() + 7 * 3600_000);
  const date = vn.toISOString().slice(0, 10);
  const time = vn.toISOString().slice(11, 16);
  return { date, time, year: vn.getUTCFullYear() };
}
