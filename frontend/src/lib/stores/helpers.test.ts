import { describe, expect, it } from 'vitest';
import { ApiError } from '../api';
import { groupByMonth, monthGrid, overridePath, overrideProblems, receivedAt, nowInVietnam } from './calendar';
import { feeText, formatOf, problemText, timeLimitText, toBase64, fromBase64 } from './catalog';
import { officeTree, subtree } from './offices';
import { problemsByField, totalHours, allowedHours } from './procedure';

describe('office tree', () => {
  const o = (code: string, parent = '') => ({ code, name: code, parent, agencyId: code });

  it('puts children under their parent, codes ascending; unknown parents and cycles still show', () => {
    const list = [o('38002', '380'), o('380', '38'), o('38'), o('38001', '380'), o('99001', '990'), o('1', '2'), o('2', '1')];
    expect(officeTree(list).map((n) => `${n.office.code}:${n.depth}`)).toEqual([
      '38:0',
      '380:1',
      '38001:2',
      '38002:2',
      '99001:0',
      '1:0',
      '2:1',
    ]);
    expect([...subtree(list, '380')].sort()).toEqual(['380', '38001', '38002']);
  });
});

describe('catalog', () => {
  it('reads formats, time limits and fees', () => {
    expect(formatOf('Danh mục.XLSX')).toBe('xlsx');
    expect(formatOf('a.csv')).toBe('csv');
    expect(formatOf('a.txt')).toBeNull();
    expect(timeLimitText('vi', 0)).toBe('0 (trong ngày)');
    expect(timeLimitText('vi', 3)).toBe('3 ngày làm việc');
    expect(timeLimitText('en', 0)).toBe('0 (same day)');
    expect(feeText('vi', null)).toBe('HĐND tỉnh quy định');
    expect(feeText('vi', 0)).toBe('Miễn phí');
    expect(feeText('vi', 50000)).toBe('50.000 đ');
    expect(feeText('en', 50000)).toBe('50,000 VND');
  });

  it('translates known problem codes and falls back on the message', () => {
    expect(problemText('vi', 'required', 'x')).toBe('Chưa có giá trị (bắt buộc).');
    expect(problemText('en', 'bad_enum', 'x')).toBe('Not one of the allowed values.');
    expect(problemText('vi', 'something_new', 'Go says so')).toBe('Go says so');
  });

  it('round-trips base64 of any bytes', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => i % 256);
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
  });

  it('reads Go’s save problems by field path', () => {
    const e = new ApiError('invalid_input', 'bad', 'procedure.name', undefined, [
      { field: 'procedure.name', code: 'required', message: 'name is required' },
      { field: 'procedure.steps[1].hours', code: 'out_of_range', message: 'hours' },
    ]);
    expect(problemsByField(e)).toEqual({
      name: [{ code: 'required', message: 'name is required' }],
      'steps[1].hours': [{ code: 'out_of_range', message: 'hours' }],
    });
    expect(problemsByField(new ApiError('invalid_input', 'm', 'procedure.code'))).toEqual({
      code: [{ code: '', message: 'm' }],
    });
    expect(problemsByField(new ApiError('internal', 'boom'))).toEqual({});
    expect(totalHours({ steps: [{ name: '', role: 'clerk', hours: 1.5, form: '' }, { name: '', role: 'clerk', hours: 4, form: '' }] })).toBe(5.5);
    expect(allowedHours(0)).toBe(8);
    expect(allowedHours(3)).toBe(24);
  });
});

describe('calendar', () => {
  it('groups days off and worked weekends by month, in date order', () => {
    const groups = groupByMonth({
      holidays: [
        { date: '2026-02-17', name: 'Tết', nameEn: 'Tet', kind: 'tet' },
        { date: '2026-01-01', name: 'Tết Dương lịch', nameEn: 'New Year', kind: 'statutory' },
      ],
      swappedWorkingDays: [{ date: '2026-02-07', name: 'Làm bù' }],
    });
    expect(groups.map((g) => [g.month, g.days.map((d) => `${d.date}:${d.kind}`)])).toEqual([
      [1, ['2026-01-01:statutory']],
      [2, ['2026-02-07:swapped', '2026-02-17:tet']],
    ]);
  });

  it('lays a month out Monday first', () => {
    const weeks = monthGrid(2026, 2); // 1 Feb 2026 is a Sunday
    expect(weeks[0]).toEqual([null, null, null, null, null, null, '2026-02-01']);
    expect(weeks.flat().filter(Boolean)).toHaveLength(28);
    expect(weeks.every((w) => w.length === 7)).toBe(true);
  });

  it('names override problems by the editor’s paths', () => {
    expect(overridePath('override.overrides[0].tetDays[1]')).toBe('tetDays[1]');
    expect(overridePath('override.nationalDayExtra')).toBe('nationalDayExtra');
    expect(overridePath('override')).toBe('override');
    const e = new ApiError('invalid_input', 'x', 'override.overrides[2].tetDays', undefined, [
      { field: 'override.overrides[2].tetDays', message: '2 days listed' },
      { field: 'override.overrides[2].tetDays[1]', message: 'too far' },
    ]);
    expect(overrideProblems(e)).toEqual({ tetDays: ['2 days listed'], 'tetDays[1]': ['too far'] });
  });

  it('writes reception times in Vietnam’s offset', () => {
    expect(receivedAt('2026-11-27', '15:30')).toBe('2026-11-27T15:30:00+07:00');
    expect(nowInVietnam(new Date('2026-12-31T18:30:00Z'))).toEqual({ date: '2027-01-01', time: '01:30', year: 2027 });
  });
});

describe('typed dates and times', () => {
  it('reads dd/mm/yyyy and the 24-hour clock', async () => {
    const { parseDate, parseTime } = await import('../validate');
    expect(parseDate('27/11/2026')).toBe('2026-11-27');
    expect(parseDate('1.2.2026')).toBe('2026-02-01');
    expect(parseDate('29/02/2026')).toBeNull();
    expect(parseDate('2026-11-27')).toBeNull();
    expect(parseTime('9h05')).toBe('09:05');
    expect(parseTime('15:30')).toBe('15:30');
    expect(parseTime('24:00')).toBeNull();
  });
});
