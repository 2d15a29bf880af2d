import { describe, expect, it } from 'vitest';
import type { Dossier } from './api';
import { formsFor, subjectLabel, thisMonth } from './printing';

function dossier(over: Partial<Dossier> = {}): Dossier {
  return {
    code: '38001-261127-0007',
    agency: '38001',
    office: '38001',
    book: { volume: '2026', number: 7 },
    status: 'received',
    national: 2,
    procedure: { code: '1.004884', name: 'Đăng ký lại khai sinh', version: 1, timeLimitWD: 5 },
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
  it('a received dossier: the receipt and the control sheet', () => {
    expect(formsFor(dossier())).toEqual(['01', '05']);
  });

  it('supplement requested, refused, rescheduled: 02, 03, 04 join', () => {
    const supplements = [{ id: 's1', at: '2026-11-28T09:00:00+07:00', missing: ['Giấy chứng sinh'] }];
    expect(formsFor(dossier({ supplements }))).toEqual(['01', '02', '05']);
    expect(formsFor(dossier({ status: 'refused', result: { kind: 'refused', at: '', by: '' } }))).toEqual(['01', '03', '05']);
    expect(formsFor(dossier({ rescheduled: true }))).toEqual(['01', '04', '05']);
    expect(formsFor(dossier({ supplements, rescheduled: true, result: { kind: 'refused', at: '', by: '' } }))).toEqual(['01', '02', '03', '04', '05']);
  });

  it('not accepted at the desk: the refusal only; approved is no refusal', () => {
    expect(formsFor(dossier({ status: 'not_accepted', result: { kind: 'not_accepted', at: '', by: '' } }))).toEqual(['03']);
    expect(formsFor(dossier({ status: 'signed', result: { kind: 'approved', at: '', by: '' } }))).toEqual(['01', '05']);
    expect(formsFor(dossier({ receivedAt: undefined }))).toEqual([]);
    expect(formsFor(null)).toEqual([]);
  });
});

describe('print helpers', () => {
  it('the book defaults to the first of this month to today', () => {
    expect(thisMonth(new Date(2026, 10, 27, 15, 0))).toEqual({ from: '2026-11-01', to: '2026-11-27' });
    expect(thisMonth(new Date(2026, 0, 1, 0, 5))).toEqual({ from: '2026-01-01', to: '2026-01-01' });
  });

  it('a dossier subject reads as its code', () => {
    expect(subjectLabel('dossier/38001-261127-0007')).toBe('38001-261127-0007');
    expect(subjectLabel('office/38001')).toBe('office/38001');
  });
});
