// Display helpers of the satisfaction tab: names of indicators and grades
// in the current language, and the points one may enter by hand.
import { hasKey, translate, type Locale } from '../../lib/i18n';
import type { Indicator, ScaleValue } from '../../lib/reports';

/** Go's name in Vietnamese (an administrator may have reworded it); ours in English when we know the key. */
export function indicatorName(lang: Locale, ind: Indicator): string {
  const key = `reports.satisfaction.indicators.${ind.key}`;
  if (lang === 'vi' && ind.name) return ind.name;
  return hasKey(key) ? translate(lang, key) : ind.name || ind.key;
}

export function gradeName(lang: Locale, grade: string): string {
  const key = `reports.satisfaction.grades.${grade}`;
  return hasKey(key) ? translate(lang, key) : grade;
}

export function scaleName(lang: Locale, s: ScaleValue): string {
  return (lang === 'vi' ? s.vi : s.en) || s.vi || s.en || s.value;
}

/** 0 to 2 in steps of 0.25. */
export function validPoints(n: number): boolean {
  return Number.isFinite(n) && n >= 0 && n <= 2 && Number.isInteger(n * 4);
}
