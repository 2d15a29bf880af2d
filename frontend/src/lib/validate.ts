// The client-side checks of the office, user and setup forms. Go checks the
// same rules again (app/offices.go, app/users.go, app/password.go); these
// only spare the clerk a round trip. Each returns the locale key of the
// problem, or null.
import { ApiError } from './api';

/** Office codes: 2–8 digits (province 2, district 3, commune 5). */
export const OFFICE_CODE = /^[0-9]{2,8}$/;
/** Agency IDs prefix dossier codes: 2–20 letters, digits or dots. */
export const AGENCY_ID = /^[0-9A-Za-z.]{2,20}$/;
/** User names: 3–32 lower-case letters, digits, dots, dashes, underscores. */
export const USERNAME = /^[a-z0-9][a-z0-9._-]{2,31}$/;
export const MIN_PASSWORD = 8;
/** An office's phone as Go checks it (app/offices.go): 8–15 digits, spaces, dots, a leading +. */
export const OFFICE_PHONE = /^\+?[0-9][0-9 .]{6,18}[0-9]$/;

/** Length as Go counts it: code points after NFC. */
export function textLength(s: string): number {
  return [...s.normalize('NFC')].length;
}

/** A user name as Go stores it: trimmed and lower-cased. */
export function normUsername(s: string): string {
  return s.trim().toLowerCase();
}

export function checkOfficeCode(code: string): string | null {
  return OFFICE_CODE.test(code.trim()) ? null : 'check.officeCode';
}

export function checkRequired(value: string, key = 'check.required'): string | null {
  return value.trim() === '' ? key : null;
}

export function checkParent(parent: string, code: string): string | null {
  const p = parent.trim();
  if (p === '') return null;
  if (!OFFICE_CODE.test(p)) return 'check.officeCode';
  if (p === code.trim()) return 'check.parentSelf';
  return null;
}

export function checkAgencyId(agencyId: string): string | null {
  const a = agencyId.trim();
  return a === '' || AGENCY_ID.test(a) ? null : 'check.agencyId';
}

/** An office's phone; "" is fine. */
export function checkOfficePhone(phone: string): string | null {
  const p = phone.trim();
  return p === '' || OFFICE_PHONE.test(p) ? null : 'check.officePhone';
}

export function checkUsername(username: string): string | null {
  return USERNAME.test(normUsername(username)) ? null : 'check.username';
}

export function checkPassword(password: string): string | null {
  return textLength(password) < MIN_PASSWORD ? 'check.passwordShort' : null;
}

export function checkConfirm(password: string, confirm: string): string | null {
  return password.normalize('NFC') === confirm.normalize('NFC') ? null : 'check.passwordMismatch';
}

/** A problem beside a field: a locale key and its parameters. */
export interface FieldProblem {
  key: string;
  params?: Record<string, string | number>;
}

/**
 * The problem to show beside the field Go named, in the words of the rule
 * the field breaks. `field` is Go's name without any prefix ("code",
 * "username"); a field without a rule here reads as "not valid".
 */
export function fieldProblem(field: string, err: ApiError): FieldProblem {
  if (err.code === 'conflict' && field === 'username') return { key: 'check.usernameTaken' };
  if (err.code === 'conflict') return { key: 'errors.conflict' };
  if (err.params?.rule === 'bad_text') return { key: 'check.badText' };
  switch (field) {
    case 'code':
      return { key: 'check.officeCode' };
    case 'name':
    case 'fullName':
      return { key: 'check.required' };
    case 'parent':
      return err.params?.code
        ? { key: 'check.parentUnknown', params: { code: err.params.code } }
        : { key: 'check.parentInvalid' };
    case 'agencyId':
      return { key: 'check.agencyId' };
    case 'username':
      return { key: 'check.username' };
    case 'password':
      return { key: 'check.passwordShort', params: { min: err.params?.min ?? MIN_PASSWORD } };
    case 'office':
      return { key: 'check.officeUnknown' };
    case 'roles':
      return { key: 'check.roles' };
    case 'phone':
    case 'contactPhone':
      return { key: 'check.officePhone' };
    case 'ended':
      return { key: 'check.date' };
    case 'receiptCopies':
      return { key: 'check.copies' };
  }
  return { key: 'check.invalid' };
}

/** "27/11/2026" (or 27-11-2026, 27.11.2026, 1/2/2026) → "2026-11-27"; null if not a real date. */
export function parseDate(text: string): string | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${m[3]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** "9:05", "09:05" or "9h05" → "09:05"; null if not a time of day. */
export function parseTime(text: string): string | null {
  const m = /^\s*(\d{1,2})[:hH.](\d{2})\s*$/.exec(text);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return null;
  return `${m[1].padStart(2, '0')}:${m[2]}`;
}
