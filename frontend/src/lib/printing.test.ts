import { describe, expect, it } from 'vitest';
import type { Dossier } from './api';
import { translate } from './i18n';
import {
  SET_2018,
  bookChoices,
  bookNumber,
  SET_2025,
  docButton,
  docTitle,
  formNumber,
  formSetOf,
  formsFor,
  refusedAtDesk,
  subjectLabel,
  thisMonth,
} from './printing';

function dossier(over: Partial<Dossier> = {}): Dossier {
  return {
    code: '38001-261127-0007',
    agency: '38001',
    office: '38001',
    desk: 0,
    book: { volume: '2026', number: 7 },
    status: 'received',
    national: 2,
    procedure: { code: '1.004884', name: 'Đăng ký lại khai sinh', version: 1, timeLimitWD: 5, steps: [] },
    applicant: { fullName: 'A', citizenId: '038190000123', address: '', phone: '', email: '' },
    channel: 'in_person',
    sets: 1,
    receivedAt: '2026-11-27T09:15:00+07:00',
    rescheduled: false,
    holder: { office: '38001' },
    secondSupplement: false,
    ...over,
  };
}

describe('formsFor', () => {
  const handedOver = {
    no: 2,
    event: 'e2',
    kind: 'dossier.handed_over' as const,
    from: { office: '38001' },
    to: { office: '38001', officer: 'u-officer' },
    at: '2026-11-27T10:00:00+07:00',
  };

  it('a received dossier: the receipt and the control sheet', () => {
    expect(formsFor(dossier())).toEqual(['receipt', 'control']);
  });

  it('supplement requested, refused after appraisal, rescheduled: each joins in print order', () => {
    const supplements = [{ id: 's1', at: '2026-11-28T09:00:00+07:00', missing: ['Giấy chứng sinh'], by: '', office: '' }];
    const refused = { kind: 'refused' as const, at: '', by: '', event: '', office: '' };
    expect(formsFor(dossier({ supplements }))).toEqual(['receipt', 'supplement', 'control']);
    expect(formsFor(dossier({ status: 'refused', result: refused, steps: [handedOver] }))).toEqual([
      'receipt',
      'refusal_notice',
      'control',
    ]);
    expect(formsFor(dossier({ rescheduled: true }))).toEqual(['receipt', 'apology', 'control']);
    expect(formsFor(dossier({ supplements, rescheduled: true, result: refused, steps: [handedOver] }))).toEqual([
      'receipt',
      'supplement',
      'refusal_notice',
      'apology',
      'control',
    ]);
  });

  it('refused at the desk is the desk\'s refusal; after any hand-over it is the agency\'s notice', () => {
    const refused = { kind: 'refused' as const, at: '', by: '', event: '', office: '' };
    expect(formsFor(dossier({ status: 'not_accepted', result: { kind: 'not_accepted', at: '', by: '', event: '', office: '' } }))).toEqual(['refusal']);
    // Never left the desk (no hand-over in the steps or the timeline): the desk's form.
    expect(formsFor(dossier({ status: 'refused', result: refused }))).toEqual(['receipt', 'refusal', 'control']);
    expect(refusedAtDesk(dossier({ status: 'refused', result: refused }))).toBe(true);
    const timeline = [
      { id: 'e2', kind: 'dossier.assigned' as const, at: '', actor: 'u', actorOffice: '38001', outcome: 'applied' as const },
    ];
    expect(refusedAtDesk(dossier({ status: 'refused', result: refused, timeline }))).toBe(false);
    // A discarded hand-over moved nothing.
    expect(refusedAtDesk(dossier({ status: 'refused', result: refused, timeline: [{ ...timeline[0], outcome: 'discarded' }] }))).toBe(true);
    expect(refusedAtDesk(dossier({ status: 'refused', result: refused, tasks: [{ id: 't', office: '38', task: 'x', timeWD: 1, from: { office: '38' }, at: '' }] }))).toBe(false);
    expect(refusedAtDesk(dossier())).toBe(false);
  });

  it('stopped: the notice of stopped processing, in the 2025 set only', () => {
    const stopped = { kind: 'stopped' as const, at: '', by: '', event: '', office: '' };
    expect(formsFor(dossier({ status: 'stopped', result: stopped }))).toEqual(['receipt', 'stop', 'control']);
    expect(formsFor(dossier({ status: 'stopped', result: stopped, receivedAt: '2025-06-30T16:00:00+07:00' }))).toEqual([
      'receipt',
      'control',
    ]);
  });

  it('approved is no refusal; not received, nothing', () => {
    expect(formsFor(dossier({ status: 'signed', result: { kind: 'approved', at: '', by: '', event: '', office: '' } }))).toEqual(['receipt', 'control']);
    expect(formsFor(dossier({ receivedAt: undefined }))).toEqual([]);
    expect(formsFor(null)).toEqual([]);
  });
});

describe('form sets', () => {
  it('the set recorded at reception wins; else the reception day decides, 1 July 2025 in Vietnam\'s time', () => {
    expect(formSetOf(dossier({ formSet: 'TT01/2018' }))).toBe(SET_2018);
    expect(formSetOf(dossier({ receivedAt: '2025-06-30T23:59:00+07:00' }))).toBe(SET_2018);
    // 30 June 17:00 UTC is already 1 July in Vietnam.
    expect(formSetOf(dossier({ receivedAt: '2025-06-30T17:00:00Z' }))).toBe(SET_2025);
    expect(formSetOf(dossier({ receivedAt: '2025-07-01T00:00:00+07:00' }))).toBe(SET_2025);
    expect(formSetOf(dossier({ receivedAt: undefined }))).toBe(SET_2025);
  });

  it('numbers each doc kind as its set does; the notice after appraisal has none', () => {
    expect(formNumber('control', SET_2018)).toBe('05');
    expect(formNumber('control', SET_2025)).toBe('06');
    expect(formNumber('stop', SET_2025)).toBe('05');
    expect(formNumber('stop', SET_2018)).toBe('');
    expect(formNumber('refusal_notice', SET_2025)).toBe('');
    expect(formNumber('book', SET_2025)).toBe('07');
    expect(formNumber('receipt', 'TT03/2025 (Nghệ An)')).toBe('01');
    expect(formNumber('receipt', 'mẫu riêng')).toBe('');
  });

  it('titles and buttons read with the set\'s number, the template Go used first', () => {
    const tr = (key: string, params?: Record<string, string | number>) => translate('vi', key, params);
    expect(docTitle(tr, 'control', SET_2025)).toBe('Mẫu 06 — Phiếu kiểm soát quá trình giải quyết hồ sơ');
    expect(docTitle(tr, 'control', SET_2025, { template: 'TT01/2018' })).toBe('Mẫu 05 — Phiếu kiểm soát quá trình giải quyết hồ sơ');
    expect(docTitle(tr, 'control', SET_2025, { set: 'TT01/2018', template: 'mẫu riêng' })).toBe('Mẫu 05 — Phiếu kiểm soát quá trình giải quyết hồ sơ');
    expect(docTitle(tr, 'stop', SET_2018, { form: '05', set: 'TT03/2025' })).toBe('Mẫu 05 — Thông báo dừng giải quyết hồ sơ');
    expect(docTitle(tr, 'refusal_notice', SET_2025)).toBe('Thông báo từ chối giải quyết hồ sơ');
    expect(docButton(tr, 'receipt', SET_2025)).toBe('01 Giấy tiếp nhận');
    expect(docButton(tr, 'refusal_notice', SET_2025)).toBe('Thông báo từ chối giải quyết');
    expect(bookNumber({ form: '07' })).toBe('07');
    expect(bookNumber({ template: 'TT01/2018' })).toBe('06');
    expect(bookNumber({})).toBe('07');
  });
});

describe('print helpers', () => {
  it('the book defaults to the first of this month to today', () => {
    expect(thisMonth(new Date(Date.UTC(2026, 10, 27, 8, 0)))).toEqual({ from: '2026-11-01', to: '2026-11-27' });
    // Past 17:00 UTC it is the next day at a Vietnamese desk, whatever the
    // computer's zone; and the next month on the last evening of one.
    expect(thisMonth(new Date(Date.UTC(2026, 10, 27, 17, 30)))).toEqual({ from: '2026-11-01', to: '2026-11-28' });
    expect(thisMonth(new Date(Date.UTC(2026, 10, 30, 18, 0)))).toEqual({ from: '2026-12-01', to: '2026-12-01' });
    expect(thisMonth(new Date(2026, 0, 1, 0, 5))).toEqual({ from: '2026-01-01', to: '2026-01-01' });
  });

  it('a dossier subject reads as its code', () => {
    expect(subjectLabel('dossier/38001-261127-0007')).toBe('38001-261127-0007');
    expect(subjectLabel('office/38001')).toBe('office/38001');
  });
});

describe('bookChoices', () => {
  const HT = { id: 'HT', name: 'Sổ lĩnh vực Hộ tịch', sectors: ['Hộ tịch'] };
  const CT = { id: 'CT', name: 'Sổ lĩnh vực Chứng thực', sectors: ['Chứng thực'] };

  it('none when the office keeps no books: its one book holds every dossier', () => {
    expect(bookChoices([])).toEqual([]);
  });

  it('each book, then the general book of the sectors no book names', () => {
    expect(bookChoices([HT, CT])).toEqual([
      { id: 'HT', name: 'Sổ lĩnh vực Hộ tịch' },
      { id: 'CT', name: 'Sổ lĩnh vực Chứng thực' },
      { id: '', name: '' },
    ]);
  });

  it('no general book when a book takes every other sector', () => {
    const rest = { id: 'KHAC', name: 'Sổ các lĩnh vực khác', sectors: [] };
    expect(bookChoices([HT, rest, CT]).map((b) => b.id)).toEqual(['HT', 'KHAC', 'CT']);
  });

  it('a book without a name is named by its id', () => {
    expect(bookChoices([{ id: 'HT', name: '', sectors: ['Hộ tịch'] }])[0]).toEqual({ id: 'HT', name: 'HT' });
  });
});
