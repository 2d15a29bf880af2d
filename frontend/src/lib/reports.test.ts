import { describe, expect, it } from 'vitest';
import { checkReportRules, currentPeriod, formatPercent, goalText, isStale, periodLabel, reportRulesField, yearChoices } from './reports';

describe('report helpers', () => {
  it('period labels as Go parses them', () => {
    expect(periodLabel({ kind: 'quarter', year: 2026, quarter: 4, month: 1 })).toBe('2026Q4');
    expect(periodLabel({ kind: 'month', year: 2026, quarter: 1, month: 11 })).toBe('2026-11');
    expect(periodLabel({ kind: 'month', year: 2026, quarter: 1, month: 3 })).toBe('2026-03');
    expect(periodLabel({ kind: 'year', year: 2026, quarter: 4, month: 11 })).toBe('2026');
  });

  it('defaults to the current quarter', () => {
    expect(currentPeriod(new Date(2026, 10, 28))).toEqual({ kind: 'quarter', year: 2026, quarter: 4, month: 11 });
    expect(currentPeriod(new Date(2027, 0, 1))).toMatchObject({ year: 2027, quarter: 1 });
    expect(yearChoices(new Date(2026, 0, 1))[0]).toBe(2027);
    expect(yearChoices(new Date(2026, 0, 1)).at(-1)).toBe(2015);
  });

  it('percent and goals in both languages', () => {
    expect(formatPercent(0.875, 'vi')).toBe('87,5%');
    expect(formatPercent(0.875, 'en')).toBe('87.5%');
    expect(formatPercent(1, 'vi')).toBe('100%');
    expect(formatPercent(2 / 3, 'vi')).toBe('66,7%');
    expect(goalText({ goal: 1, strict: false }, 'vi')).toBe('100%');
    expect(goalText({ goal: 0.8, strict: false }, 'vi')).toBe('≥ 80%');
    expect(goalText({ goal: 0.6, strict: true }, 'vi')).toBe('> 60%');
  });

  it('stale: never synced or more than 7 days; the local office never', () => {
    const now = Date.parse('2026-11-28T00:00:00Z');
    expect(isStale({ office: 'a', name: '', local: true }, now)).toBe(false);
    expect(isStale({ office: 'a', name: '', local: false }, now)).toBe(true);
    expect(isStale({ office: 'a', name: '', local: false, lastSync: '2026-11-25T00:00:00Z' }, now)).toBe(false);
    expect(isStale({ office: 'a', name: '', local: false, lastSync: '2026-11-20T00:00:00Z' }, now)).toBe(true);
  });
});

describe('report rules', () => {
  it('maps Go\'s refused rule to the form\'s field', () => {
    expect(reportRulesField('rules.timingBasis')).toBe('timingBasis');
    expect(reportRulesField('rules.endedPlacement')).toBe('endedPlacement');
    expect(reportRulesField('rules.dueSoonDays')).toBe('dueSoonDays');
    expect(reportRulesField('rules')).toBeNull();
    expect(reportRulesField('rules.other')).toBeNull();
    expect(reportRulesField(undefined)).toBeNull();
  });

  it('checks the due-soon days as Go does: a whole number from 0 to 30', () => {
    for (const ok of [0, '2', 30]) expect(checkReportRules({ dueSoonDays: ok })).toEqual({});
    for (const bad of ['', -1, 31, '1.5', 'x']) {
      expect(checkReportRules({ dueSoonDays: bad })).toEqual({ dueSoonDays: { key: 'reportRules.dueSoonRange', params: { max: 30 } } });
    }
  });
});
