// Which papers a dossier can be printed on, which form set and number each
// carries, the default period of the tracking book, and how a
// verification's subject reads.
import { DOC_KINDS, type BookSetting, type DocKind, type Dossier } from './api';
import { isoDate } from './format';

export const SET_2018 = 'TT01/2018';
export const SET_2025 = 'TT03/2025';
/** Circular 03/2025/TT-VPCP's forms apply to what is received from this instant (Decree 118/2025, in force 1 July 2025). */
export const SET_2025_FROM = Date.parse('2025-07-01T00:00:00+07:00');

/** The form numbers of each set; a doc kind missing from a set has no form there. */
const NUMBERS: Record<string, Partial<Record<DocKind | 'book', string>>> = {
  [SET_2018]: { receipt: '01', supplement: '02', refusal: '03', apology: '04', control: '05', book: '06' },
  // The refusal after appraisal is the agency's notice, not an annex form.
  [SET_2025]: { receipt: '01', supplement: '02', refusal: '03', apology: '04', stop: '05', control: '06', book: '07' },
};

/**
 * The form set a dossier prints with: the one recorded at reception, else
 * the one in force on its reception day (Go decides the same way).
 */
export function formSetOf(d: Pick<Dossier, 'formSet' | 'receivedAt'> | null | undefined): string {
  if (d?.formSet) return d.formSet;
  const at = d?.receivedAt ? Date.parse(d.receivedAt) : NaN;
  return !Number.isNaN(at) && at < SET_2025_FROM ? SET_2018 : SET_2025;
}

/**
 * The number a doc kind carries in a set ("01"); "" when it has none there.
 * `set` may be a template version naming the set ("TT03/2025", "TT03/2025 (sửa 1)").
 */
export function formNumber(doc: DocKind | 'book', set: string): string {
  const known = Object.keys(NUMBERS).find((s) => set.includes(s));
  return known ? (NUMBERS[known][doc] ?? '') : '';
}

/** Kinds that move a dossier beyond the desk (to the processing unit or another office). */
const BEYOND_DESK = new Set([
  'dossier.handed_over',
  'dossier.assigned',
  'dossier.appraised',
  'dossier.consulted',
  'dossier.transferred',
  'dossier.submitted',
  'dossier.signed',
]);

/**
 * Whether the dossier's refusal was the desk's (Phiếu từ chối tiếp nhận,
 * signed by the applicant and the clerk) rather than the competent
 * agency's notice after appraisal: not accepted at the desk, or refused
 * while no step or event shows it ever left the desk.
 */
export function refusedAtDesk(d: Dossier): boolean {
  const kind = d.result?.kind;
  if (kind === 'not_accepted') return true;
  if (kind !== 'refused') return false;
  const moved =
    (d.steps ?? []).some((s) => BEYOND_DESK.has(s.kind)) ||
    (d.timeline ?? []).some((e) => BEYOND_DESK.has(e.kind) && e.outcome !== 'discarded') ||
    (d.tasks?.length ?? 0) > 0;
  return !moved;
}

/**
 * The papers that apply to the dossier as it stands, in print order: the
 * receipt and the control sheet once received, the request to supplement
 * once one was made, the desk's refusal or the notice after appraisal, the
 * apology once the due date moved, the notice of stopped processing (2025
 * set only). Go has the last word (not_found on "form" otherwise).
 */
export function formsFor(d: Dossier | null | undefined): DocKind[] {
  if (!d) return [];
  const received = Boolean(d.receivedAt) && d.status !== 'not_accepted';
  const refused = d.result?.kind === 'refused' || d.result?.kind === 'not_accepted';
  const desk = refused && refusedAtDesk(d);
  const applies: Record<DocKind, boolean> = {
    receipt: received,
    supplement: (d.supplements?.length ?? 0) > 0,
    refusal: desk,
    refusal_notice: refused && !desk,
    apology: d.rescheduled,
    stop: d.result?.kind === 'stopped' && formNumber('stop', formSetOf(d)) !== '',
    control: received,
  };
  return DOC_KINDS.filter((f) => applies[f]);
}

/**
 * The zone of the offices' calendar (Go's calendar.Zone): a desk's "today"
 * is Vietnam's, whatever zone the computer is set to — a desk whose clock
 * runs on UTC would otherwise miss the morning's work until 07:00.
 */
export const OFFICE_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const officeDay = new Intl.DateTimeFormat('en-CA', { timeZone: OFFICE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The tracking book's default period: the first of this month to today, in the offices' calendar. */
export function thisMonth(now = new Date()): { from: string; to: string } {
  const part = (type: string) => Number(officeDay.formatToParts(now).find((p) => p.type === type)?.value);
  const y = part('year');
  const m = part('month');
  return { from: isoDate(y, m, 1), to: isoDate(y, m, part('day')) };
}

/** A tracking book to choose when printing: its id ("" = the general book) and its name ("" = the general book's). */
export interface BookChoice {
  id: string;
  name: string;
}

/**
 * The books an office can print, in the order its settings list them:
 * none when it keeps no books (the one book holds every dossier); else each
 * book, then the general book ("") when some sector falls outside every
 * book, that is when no book takes the sectors the others leave (one with
 * no sectors), as Go files a dossier (app/print_settings.go, bookFor).
 */
export function bookChoices(books: readonly BookSetting[]): BookChoice[] {
  const kept = books.filter((b) => b.id);
  if (kept.length === 0) return [];
  const out = kept.map((b) => ({ id: b.id, name: b.name || b.id }));
  if (!kept.some((b) => b.sectors.length === 0)) out.push({ id: '', name: '' });
  return out;
}

/** "dossier/38001-261127-0007" → "38001-261127-0007"; other subjects as they are. */
export function subjectLabel(subject: string): string {
  return subject.replace(/^dossier\//, '');
}

type Translate = (key: string, params?: Record<string, string | number>) => string;

/**
 * "Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả"; the name alone where
 * the set gives no number. What Go printed wins: its form number, else the
 * set or template version it names, else the set expected.
 */
export function docTitle(tr: Translate, doc: DocKind, set: string, printed: { set?: string; template?: string; form?: string } = {}): string {
  const name = tr(`print.docTitle.${doc}`);
  const no = printed.form || formNumber(doc, printed.set ?? '') || formNumber(doc, printed.template ?? '') || formNumber(doc, set);
  return no ? tr('print.formTitleNo', { no, name }) : name;
}

/** A print button's text: "01 Giấy tiếp nhận". */
export function docButton(tr: Translate, doc: DocKind, set: string): string {
  const name = tr(`print.doc.${doc}`);
  const no = formNumber(doc, set);
  return no ? tr('print.docButton', { no, name }) : name;
}

/** The tracking book's form number as Go printed it: "07" in the 2025 set, "06" in the 2018 one. */
export function bookNumber(printed: { set?: string; template?: string; form?: string }): string {
  return printed.form || formNumber('book', printed.set ?? '') || formNumber('book', printed.template ?? '') || formNumber('book', SET_2025);
}
