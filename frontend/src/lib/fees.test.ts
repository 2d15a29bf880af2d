import { describe, expect, it } from 'vitest';
import type { Procedure } from './api';
import { checkLimitFee, emptyLimitFee, feeField, feeRuleDraft, feeRuleOf, limitFeeRequest, limitText, quoteRequest } from './fees';
import { translate } from './i18n';

const COPY_RULE = {
  kind: 'per_page' as const,
  vndPerPage: 2000,
  fromPage: 3,
  vndPerPageAfter: 1000,
  maxVNDPerCopy: 200000,
  exemptions: ['Người có công với cách mạng'],
  basis: 'Thông tư 226/2016/TT-BTC',
};

function procedure(over: Partial<Procedure> = {}): Procedure {
  return {
    code: '2.000815',
    name: 'Chứng thực bản sao',
    sector: 'Chứng thực',
    level: 'commune',
    timeLimitWD: 0,
    extendedTimeLimitWD: 2,
    feeVND: 2000,
    feeNote: '',
    documents: [],
    agencies: [],
    interagency: 'none',
    steps: [],
    confidence: 'law',
    active: true,
    fee: COPY_RULE,
    ...over,
  };
}

describe('the limit and fee of an intake', () => {
  it('sends the reason only with the extended limit chosen, and the inputs the rule asks for', () => {
    const v = { ...emptyLimitFee(), pages: '5', copies: '2', exemption: 'Người có công với cách mạng' };
    expect(limitFeeRequest(v, procedure(), 'post')).toEqual({
      fee: { channel: 'post', pages: 5, copies: 2, exemption: 'Người có công với cách mạng' },
    });
    expect(limitFeeRequest({ ...v, extended: true, reason: ' cần xác minh ' }, procedure(), 'in_person').extended).toBe('cần xác minh');
    // No extended limit in the catalog: nothing is sent even if ticked.
    expect(limitFeeRequest({ ...v, extended: true, reason: 'x' }, procedure({ extendedTimeLimitWD: null }), 'in_person')).not.toHaveProperty('extended');
    // A free procedure needs nothing but the channel, which the request carries.
    expect(limitFeeRequest(v, procedure({ fee: { kind: 'free' } }), 'in_person')).toEqual({});
    expect(limitFeeRequest(v, procedure({ fee: { kind: 'fixed', vnd: 20000, onlineVND: 10000 } }), 'online')).toEqual({ fee: { channel: 'online' } });
  });

  it('checks the reason and the pages', () => {
    expect(checkLimitFee({ ...emptyLimitFee(), extended: true }, procedure())).toEqual({ extended: { key: 'reception.extendedReasonNeeded' } });
    expect(checkLimitFee({ ...emptyLimitFee(), pages: '0', copies: '1.5' }, procedure())).toEqual({
      pages: { key: 'check.positive' },
      copies: { key: 'check.positive' },
    });
    expect(checkLimitFee({ ...emptyLimitFee(), pages: '' }, procedure({ fee: { kind: 'free' } }))).toEqual({});
  });

  it('asks Fees.Quote with what Dossiers.Receive would get, and nothing while pages or copies are not typed', () => {
    const v = { ...emptyLimitFee(), pages: '5', copies: '1', exemption: '' };
    const p = procedure();
    expect(quoteRequest('2.000815', v, p, 'in_person')).toEqual({
      procedure: '2.000815',
      channel: 'in_person',
      ...limitFeeRequest(v, p, 'in_person'),
    });
    expect(quoteRequest('2.000815', v, p, 'in_person')?.fee).toEqual({ channel: 'in_person', pages: 5, copies: 1 });
    // The extended limit is reception's business, not the fee's.
    expect(quoteRequest('2.000815', { ...v, extended: true, reason: 'cần xác minh' }, p, 'in_person')).not.toHaveProperty('extended');
    expect(quoteRequest('2.000815', { ...v, pages: '' }, p, 'in_person')).toBeNull();
    expect(quoteRequest('2.000815', { ...v, copies: '0' }, p, 'in_person')).toBeNull();
    expect(quoteRequest('2.000815', { ...v, pages: '2.5' }, p, 'in_person')).toBeNull();
    // No procedure yet, or the details of another one still loaded.
    expect(quoteRequest(undefined, v, p, 'in_person')).toBeNull();
    expect(quoteRequest('2.000815', v, null, 'in_person')).toBeNull();
    expect(quoteRequest('1.001612', v, p, 'in_person')).toBeNull();
    // A fixed fee needs no pages; an online rate sends the channel.
    expect(quoteRequest('2.000815', { ...v, pages: '' }, procedure({ fee: { kind: 'fixed', vnd: 20000, onlineVND: 10000 } }), 'online')).toEqual({
      procedure: '2.000815',
      channel: 'online',
      fee: { channel: 'online' },
    });
    expect(quoteRequest('2.000815', v, procedure({ fee: { kind: 'free' } }), 'post')).toEqual({ procedure: '2.000815', channel: 'post' });
  });

  it('maps Go\'s fee fields to the intake\'s', () => {
    expect(feeField('fee.pages')).toBe('pages');
    expect(feeField('fee.exemption')).toBe('exemption');
    expect(feeField('fee')).toBeNull();
    expect(feeField('procedure')).toBeNull();
    expect(feeField(undefined)).toBeNull();
  });

  it('states the limit as the receipt does', () => {
    const t = (key: string, params?: Record<string, string | number>) => translate('vi', key, params);
    const p = { code: 'x', name: 'x', version: 1, timeLimitWD: 0, steps: [] };
    expect(limitText(t, { procedure: p })).toBe('Trong ngày');
    expect(limitText(t, { procedure: p, extension: { limitWD: 3, reason: 'cần xác minh' } })).toBe('3 ngày làm việc (thời hạn kéo dài: cần xác minh)');
  });
});

describe('the fee rule in the procedure editor', () => {
  it('round-trips a rule and keeps only its kind\'s fields', () => {
    expect(feeRuleOf(feeRuleDraft(COPY_RULE))).toEqual(COPY_RULE);
    const d = { ...feeRuleDraft(COPY_RULE), kind: 'fixed' as const, vnd: '20000', per: ' trường hợp ', onlineVND: '' };
    expect(feeRuleOf(d)).toEqual({ kind: 'fixed', vnd: 20000, per: 'trường hợp', exemptions: COPY_RULE.exemptions, basis: COPY_RULE.basis });
    expect(feeRuleOf(feeRuleDraft(null))).toBeNull();
  });
});
