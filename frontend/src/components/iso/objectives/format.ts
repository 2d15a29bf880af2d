// How the ISO screens write an objective's figures: a value in its unit
// ("98,5%", "3"), a target with its comparison ("≥ 98%", "≤ 0"), this
// year in Vietnam's time.
import type { Comparison, Unit } from './types';

/** A value in its unit, one decimal at most, Vietnamese decimal comma. */
export function formatValue(value: number, unit: Unit, lang: 'vi' | 'en'): string {
  const n = Math.round(value * 10) / 10;
  const text = Number.isInteger(n) ? String(n) : n.toFixed(1);
  const local = lang === 'vi' ? text.replace('.', ',') : text;
  return unit === 'percent' ? `${local}%` : local;
}

/** A target with its comparison: "≥ 98%", "≤ 0". */
export function formatTarget(target: number, comparison: Comparison, unit: Unit, lang: 'vi' | 'en'): string {
  return `${comparison === 'lte' ? '≤' : '≥'} ${formatValue(target, unit, lang)}`;
}

/** The current calendar year in Vietnam (UTC+7), where the office works. */
export function thisYear(now: Date = new Date()): number {
  return new Date(now.getTime() + 7 * 3600 * 1000).getUTCFullYear();
}

/** Today in Vietnam as YYYY-MM-DD. */
export function today(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3600 * 1000).toISOString().slice(0, 10);
}
