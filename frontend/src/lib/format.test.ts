import { describe, expect, it } from 'vitest';
import {
  daysInMonth,
  formatAmount,
  formatDate,
  formatWallClock,
  localTimeParts,
  weekdayOf,
} from './format';

describe('dates, dd/mm/yyyy in both languages', () => {
  it('formats ISO dates and RFC 3339 wall-clock times without converting them', () => {
    expect(formatDate('2026-11-27')).toBe('27/11/2026');
    expect(formatDate('not a date')).toBe('not a date');
    expect(formatWallClock('2026-12-03T17:00:00+07:00')).toBe('03/12/2026 17:00');
  });

  it('shows an instant in this computer’s time', () => {
    const at = new Date(2026, 10, 27, 9, 5);
    expect(localTimeParts(at.toISOString())).toEqual({ time: '09:05', date: '27/11/2026' });
    expect(localTimeParts('')).toBeNull();
  });

  it('knows weekdays and month lengths', () => {
    expect(weekdayOf('2026-01-01')).toBe(4); // Thursday
    expect(weekdayOf('2024-02-29')).toBe(4);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2026, 2)).toBe(28);
  });

  it('writes amounts with the locale’s thousands separator', () => {
    expect(formatAmount(8000, 'vi')).toBe('8.000');
    expect(formatAmount(1234567, 'en')).toBe('1,234,567');
    expect(formatAmount(500, 'vi')).toBe('500');
  });
});
