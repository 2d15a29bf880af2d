// The time limit and the fee of an intake as the clerk sets them (the
// extended limit with its reason; the pages, copies and exemption a fee
// rule asks for), turned into Dossiers.Receive's fields; and the amounts
// of the fee book. Go computes every fee (catalog.FeeRule.Compute); these
// only collect its inputs and check them before the round trip.
import {
  feeExemptions,
  feeNeedsCopies,
  feeNeedsPages,
  type Channel,
  type Dossier,
  type FeeInput,
  type FeeKind,
  type FeeRule,
  type Procedure,
  type QuoteRequest,
} from './api';
import { checkText } from './applicant';
import type { FieldProblem } from './validate';

export interface LimitFeeValues {
  /** The extended limit applies. */
  extended: boolean;
  /** Its reason, as the receipt prints it. */
  reason: string;
  pages: number | string;
  copies: number | string;
  exemption: string;
}

export type LimitFeeField = 'extended' | 'pages' | 'copies' | 'exemption';

export function emptyLimitFee(): LimitFeeValues {
  return { extended: false, reason: '', pages: 1, copies: 1, exemption: '' };
}

function whole(v: number | string): number {
  const n = Number(v);
  return Number.isInteger(n) ? n : NaN;
}

/** Whether the procedure offers an extended limit the clerk may choose. */
export function hasExtended(p: Procedure | null | undefined): boolean {
  return p?.extendedTimeLimitWD != null;
}

/** The problems of the values for this procedure, by field (locale keys). */
export function checkLimitFee(v: LimitFeeValues, p: Procedure | null): Partial<Record<LimitFeeField, FieldProblem>> {
  const found: Partial<Record<LimitFeeField, FieldProblem>> = {};
  if (v.extended && hasExtended(p)) {
    if (!v.reason.trim()) found.extended = { key: 'reception.extendedReasonNeeded' };
    else {
      const x = checkText(v.reason);
      if (x) found.extended = { key: x };
    }
  }
  if (feeNeedsPages(p?.fee) && !(whole(v.pages) >= 1)) found.pages = { key: 'check.positive' };
  if (feeNeedsCopies(p?.fee) && !(whole(v.copies) >= 1)) found.copies = { key: 'check.positive' };
  return found;
}

/** The fee inputs of Dossiers.Receive and Fees.Quote; undefined when the rule needs none. */
function feeInput(v: LimitFeeValues, p: Procedure | null, channel: Channel): FeeInput | undefined {
  const fee: FeeInput = { channel };
  if (feeNeedsPages(p?.fee)) fee.pages = whole(v.pages);
  if (feeNeedsCopies(p?.fee)) fee.copies = whole(v.copies);
  if (v.exemption && feeExemptions(p?.fee).includes(v.exemption)) fee.exemption = v.exemption;
  // Without pages, copies, an exemption or an online rate Go needs nothing
  // more than the request's channel.
  return Object.keys(fee).length > 1 || p?.fee?.onlineVND != null ? fee : undefined;
}

/** The extended reason and fee inputs of Dossiers.Receive (absent when they do not apply). */
export function limitFeeRequest(v: LimitFeeValues, p: Procedure | null, channel: Channel): { extended?: string; fee?: FeeInput } {
  const out: { extended?: string; fee?: FeeInput } = {};
  if (v.extended && hasExtended(p) && v.reason.trim()) out.extended = v.reason.trim();
  const fee = feeInput(v, p, channel);
  if (fee) out.fee = fee;
  return out;
}

/** How long the intake waits after the last keystroke before it asks Go for the fee. */
export const QUOTE_DELAY_MS = 300;

/**
 * Fees.Quote's request for what the clerk has typed: the same procedure,
 * channel and fee inputs Dossiers.Receive would get, so the amount shown
 * is the amount the receipt prints. Null while there is nothing to quote:
 * no procedure yet, or pages or copies that are not a whole number ≥ 1
 * (the form says so when the clerk presses Enter).
 */
export function quoteRequest(
  code: string | null | undefined,
  v: LimitFeeValues,
  p: Procedure | null,
  channel: Channel,
): QuoteRequest | null {
  if (!code || !p || p.code !== code) return null;
  if (feeNeedsPages(p.fee) && !(whole(v.pages) >= 1)) return null;
  if (feeNeedsCopies(p.fee) && !(whole(v.copies) >= 1)) return null;
  const req: QuoteRequest = { procedure: code, channel };
  const fee = feeInput(v, p, channel);
  if (fee) req.fee = fee;
  return req;
}

/** Go's field of a fee it cannot compute ("fee.pages") → the intake's, or null. */
export function feeField(goField: string | undefined): 'pages' | 'copies' | 'exemption' | null {
  const f = /^fee\.(pages|copies|exemption)$/.exec(goField ?? '')?.[1];
  return (f as 'pages' | 'copies' | 'exemption' | undefined) ?? null;
}

type Translate = (key: string, params?: Record<string, string | number>) => string;

/**
 * The time limit as the receipt says it: "5 ngày làm việc", or with an
 * extended limit "10 ngày làm việc (thời hạn kéo dài: cần xác minh)".
 */
export function limitText(t: Translate, d: Pick<Dossier, 'procedure' | 'extension'>): string {
  const ext = d.extension;
  const n = ext ? ext.limitWD : d.procedure.timeLimitWD;
  const days = n === 0 ? t('reception.sameDay') : t('reception.days', { n });
  return ext ? t('reception.limitExtended', { days, reason: ext.reason }) : days;
}

/** A fee rule as the procedure editor edits it: numbers may be "" while typed, exemptions one a line. */
export interface FeeRuleDraft {
  /** "" = no rule: the single amount (feeVND) stands. */
  kind: FeeKind | '';
  vnd: number | string;
  per: string;
  onlineVND: number | string;
  vndPerPage: number | string;
  fromPage: number | string;
  vndPerPageAfter: number | string;
  maxVNDPerCopy: number | string;
  exemptions: string;
  basis: string;
  effective: string;
}

export function feeRuleDraft(r: FeeRule | null | undefined): FeeRuleDraft {
  return {
    kind: r?.kind ?? '',
    vnd: r?.vnd ?? '',
    per: r?.per ?? '',
    onlineVND: r?.onlineVND ?? '',
    vndPerPage: r?.vndPerPage ?? '',
    fromPage: r?.fromPage ?? '',
    vndPerPageAfter: r?.vndPerPageAfter ?? '',
    maxVNDPerCopy: r?.maxVNDPerCopy ?? '',
    exemptions: (r?.exemptions ?? []).join('\n'),
    basis: r?.basis ?? '',
    effective: r?.effective ?? '',
  };
}

/** The rule Go gets: only the fields of its kind, blanks left out; null when there is none. */
export function feeRuleOf(d: FeeRuleDraft): FeeRule | null {
  if (!d.kind) return null;
  const rule: FeeRule = { kind: d.kind };
  const n = (v: number | string) => (String(v).trim() === '' ? undefined : Number(v));
  const set = <K extends keyof FeeRule>(k: K, v: FeeRule[K] | undefined) => {
    if (v !== undefined && v !== '') rule[k] = v;
  };
  if (d.kind === 'fixed' || d.kind === 'provincial') {
    set('vnd', n(d.vnd));
    set('per', d.per.trim());
    set('onlineVND', n(d.onlineVND));
  } else if (d.kind === 'per_page') {
    set('vndPerPage', n(d.vndPerPage));
    set('fromPage', n(d.fromPage));
    set('vndPerPageAfter', n(d.vndPerPageAfter));
    set('maxVNDPerCopy', n(d.maxVNDPerCopy));
  }
  const exemptions = d.exemptions.split('\n').map((s) => s.trim()).filter(Boolean);
  if (exemptions.length) rule.exemptions = exemptions;
  set('basis', d.basis.trim());
  set('effective', d.effective);
  return rule;
}
