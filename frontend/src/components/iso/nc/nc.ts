// Shared pieces of the nonconformity tab: the lists of choices, who may do
// what (the Go access table decides; this only hides buttons that would be
// refused), and the sentence for a refusal of the quality rules.
import type { ApiError, Reply } from '../../../lib/api';
import type { UserInfo } from '../../../lib/api';

export type NCItem = Reply<'Iso.Nonconformities'>['items'][number];
export type NCDetail = Reply<'Iso.Nonconformity'>;
export type ActionItem = Reply<'Iso.Actions'>['items'][number];
export type CauseCategory = Reply<'Iso.Actions'>['categories'][number];

/** The sources a person raises a nonconformity from (the others are the rules'). */
export const MANUAL_SOURCES = ['audit', 'complaint', 'inspection', 'manual'] as const;

/** Every source, for the filter. */
export const SOURCES = ['late_dossier', 'late_step', 'second_supplement', 'not_satisfied', 'apology', ...MANUAL_SOURCES] as const;

export const SEVERITIES = ['major', 'minor', 'observation'] as const;

/** The refusals of the quality rules the tab explains in its own words. */
const RULES = ['nc_not_reviewed', 'nc_review_conflict', 'nc_rejected', 'nc_closed', 'action_closed', 'action_open', 'check_too_early'];

/** The locale key and values of a refusal the tab explains, or null for ErrorNote's own text. */
export function refusalText(err: ApiError | null): { key: string; values: Record<string, string> } | null {
  const rule = err?.code === 'refused' ? err.params?.rule : undefined;
  if (!rule || !RULES.includes(rule)) return null;
  return { key: `iso.nc.rules.${rule}`, values: { ...(err?.params ?? {}) } };
}

const has = (u: UserInfo | null | undefined, ...roles: string[]) => !!u && u.roles.some((r) => roles.includes(r));

/** Reviews and acts on nonconformities: officers and leaders. */
export const mayAct = (u: UserInfo | null | undefined) => has(u, 'officer', 'leader');

/** Closes an action and checks it: leaders. */
export const mayClose = (u: UserInfo | null | undefined) => has(u, 'leader');

/** "2026-11-27T09:00:00+07:00" → "27/11/2026" in Vietnam's calendar. */
export function day(rfc3339: string | undefined): string {
  if (!rfc3339) return '';
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  const vn = new Date(d.getTime() + 7 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(vn.getUTCDate())}/${pad(vn.getUTCMonth() + 1)}/${vn.getUTCFullYear()}`;
}
