// The officer's opinion before signing and the return of results (issue 22,
// items 2 and 8), as the dossier screen needs them: which appraisal a
// timeline row records, whether a signature must acknowledge the opinion,
// whom a result is handed to by default, the words of this part's refusals,
// and which key presses submit an action form.
import type { ApiError, Applicant, AppraisalNote, Dossier, DossierReply, Opinion, TimelineEntry } from './api';
import { refusalKey } from './dossier';
import type { Params } from './i18n';

/** The conclusions an appraisal may reach, in the order the form offers them. */
export const OPINIONS: readonly Opinion[] = ['approve', 'refuse', 'supplement'];

/** The locale key of an opinion; an unknown one (a newer node's) reads as such. */
export function opinionKey(o: string | undefined): string {
  return OPINIONS.includes(o as Opinion) ? `opinion.value.${o}` : 'opinion.value.unknown';
}

/**
 * The appraisal a timeline row records: the reply's note for its event, else
 * — from a node that sends none — the dossier's latest appraisal for the last
 * applied appraisal row.
 */
export function appraisalOf(reply: DossierReply, entry: TimelineEntry): AppraisalNote | undefined {
  if (entry.kind !== 'dossier.appraised') return undefined;
  if (reply.appraisals) return reply.appraisals.find((a) => a.event === entry.id);
  const a = reply.dossier.appraisal;
  const last = (reply.dossier.timeline ?? []).filter((e) => e.kind === 'dossier.appraised' && e.outcome === 'applied').at(-1);
  return a && last?.id === entry.id ? { event: entry.id, opinion: a.opinion, note: a.note, by: a.by } : undefined;
}

/** The opinion a leader must acknowledge to sign an approval: any but approve. */
export function opinionToAcknowledge(d: Dossier): Opinion | null {
  const o = d.appraisal?.opinion;
  return o && o !== 'approve' ? o : null;
}

/**
 * Who collects the result unless the clerk types another: the applicant, or
 * for an organisation the person who filed for it (an organisation does not
 * come to the desk).
 */
export function defaultRecipient(a: Applicant): string {
  if (a.kind === 'organisation' && a.representative?.fullName) return a.representative.fullName.trim();
  return a.fullName.trim();
}

/**
 * The words of a refused action: this part's rule with the opinion named in
 * words, else the rule's own words (refusalKey).
 */
export function actionErrorText(tr: (key: string, params?: Params) => string, err: ApiError): string {
  if (err.code === 'refused' && err.params?.rule === 'opinion_not_acknowledged') {
    return tr('opinion.rule.notAcknowledged', { opinion: tr(opinionKey(err.params.opinion)) });
  }
  return tr(refusalKey(err), err.params ?? {});
}

/**
 * Whether a key press in an action form submits it, as on intake: Ctrl+Enter
 * anywhere, and Enter on a list, a check box or a radio button (where the
 * browser would not). Enter in a text field submits by itself; in a
 * multi-line field it starts a new line.
 */
export function submitsOnEnter(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'target'>): boolean {
  if (event.key !== 'Enter') return false;
  if (event.ctrlKey) return true;
  const target = event.target;
  if (target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && (target.type === 'checkbox' || target.type === 'radio');
}
