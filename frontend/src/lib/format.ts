// Display helpers shared by the status bar and the info card.
import type { Office } from './api';
import { hasKey } from './i18n';

/** "Name (CODE)", or just whichever part exists; null when the office isn't set up. */
export function officeLabel(office: Office | null | undefined): string | null {
  const name = office?.name?.trim() ?? '';
  const code = office?.code?.trim() ?? '';
  if (name && code) return `${name} (${code})`;
  return name || code || null;
}

/** Locale key for a sync state code; unknown states still read as something. */
export function syncKey(state: string): string {
  const key = `sync.${state}`;
  return hasKey(key) ? key : 'sync.unknown';
}

// Dates are written dd/mm/yyyy in both languages (the Vietnamese convention
// the desk's paper forms use).

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-11-27" → "27/11/2026"; anything else is returned as it is. */
export function formatDate(iso: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : (iso ?? '');
}

/**
 * An RFC 3339 time as written, without converting it: "2026-11-30T17:00:00+07:00"
 * → "30/11/2026 17:00". Go writes due dates in Vietnam's time (+07:00), the
 * time on the citizen's receipt, whatever the computer's own time zone.
 */
export function formatWallClock(rfc3339: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(rfc3339 ?? '');
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : (rfc3339 ?? '');
}

/** An RFC 3339 time in this computer's time zone: {time: "09:15", date: "27/11/2026"}. */
export function localTimeParts(rfc3339: string | null | undefined): { time: string; date: string } | null {
  const d = new Date(rfc3339 ?? '');
  if (!rfc3339 || Number.isNaN(d.getTime())) return null;
  return {
    time: `${pad(d.getHours())}:${pad(d.getMinutes())}`,
    date: `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`,
  };
}

/** An RFC 3339 time as "dd/mm/yyyy HH:mm" in this computer's time zone. */
export function formatLocalDateTime(rfc3339: string | null | undefined): string {
  const p = localTimeParts(rfc3339);
  return p ? `${p.date} ${p.time}` : (rfc3339 ?? '');
}

/** Day of the week of "YYYY-MM-DD": 0 = Sunday … 6 = Saturday (-1 if not a date). */
export function weekdayOf(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return -1;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).getUTCDay();
}

/** "YYYY-MM-DD" of a year, month (1–12) and day. */
export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

/** Days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A whole number of đồng with the locale's thousands separator: 8.000 / 8,000. */
export function formatAmount(n: number, lang: 'vi' | 'en'): string {
  const digits = String(Math.abs(Math.trunc(n))).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'vi' ? '.' : ',');
  return (n < 0 ? '-' : '') + digits;
}
