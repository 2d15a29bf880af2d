// Dossier helpers shared by the reception and the dossier screens: the
// client-side checks of the intake form, the locale keys of statuses,
// actions and refusal rules, and the message of a refused action.
import type { ActionKind, ApiError } from './api';
import { apiErrorKey, hasKey } from './i18n';

/** A citizen ID (CCCD): 12 digits. */
export const CITIZEN_ID = /^[0-9]{12}$/;
/** A Vietnamese phone number: a mobile's 10 digits starting with 0, or a fixed line's 11 starting with 02 (dossier/applicant.go). */
export const PHONE = /^(0[0-9]{9}|02[0-9]{9})$/;

export function checkCitizenId(id: string): string | null {
  return CITIZEN_ID.test(id.trim()) ? null : 'check.citizenId';
}

export function checkPhone(phone: string): string | null {
  return PHONE.test(phone.replace(/[\s.]/g, '')) ? null : 'check.phone';
}

export function checkEmail(email: string): string | null {
  const e = email.trim();
  return e === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e) ? null : 'check.email';
}

/** "dossier.handed_over" → "handed_over". */
export function actionName(kind: ActionKind | string): string {
  return kind.replace(/^dossier\./, '');
}

export function statusKey(status: string): string {
  const key = `dossier.status.${status}`;
  return hasKey(key) ? key : 'dossier.status.unknown';
}

export function actionKey(kind: ActionKind | string): string {
  const key = `dossier.action.${actionName(kind)}`;
  return hasKey(key) ? key : 'dossier.action.unknown';
}

/** The locale key explaining an error: the rule of a refused action, else the code. */
export function refusalKey(err: ApiError): string {
  if (err.code === 'refused') {
    const key = `dossier.rule.${err.params?.rule ?? ''}`;
    return hasKey(key) ? key : 'errors.refused';
  }
  return apiErrorKey(err);
}

/** "2026-12-07" and a time → RFC 3339 in Vietnam's time (the due dates Go writes). */
export function vnTime(isoDate: string, hm = '17:00'): string {
  return `${isoDate}T${hm}:00+07:00`;
}
