// The applicant as the 2025 forms name them: an individual (số định danh cá
// nhân) or an organisation (mã số doanh nghiệp / mã số thuế), either
// possibly filing through a representative. The intake form's checks (for
// comfort: Go checks the same again and has the last word), the request it
// sends, where Go's field errors belong, and how the views write it.
import type { Applicant, ApplicantKind, DossierSummary, Representative } from './api';
import { CITIZEN_ID, checkEmail, checkPhone } from './dossier';

/** An organisation's identifier: the enterprise/tax code, 10 digits or 10 digits "-" 3 digits (a branch). */
export const ORG_ID = /^[0-9]{10}(-[0-9]{3})?$/;

/**
 * Characters refused in applicant text, as Go refuses them
 * (dossier/applicant.go): C0 and C1 controls (DEL too), the bidirectional
 * embeddings, overrides, isolates and marks that can make a printed name
 * read differently from what was stored, and lone surrogates (invalid
 * UTF-8 once sent). With the "u" flag a well-formed pair is one code point,
 * so the surrogate range matches only a lone half.
 */
const BAD_TEXT = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ud800-\udfff]/u;

/** The locale key when `s` holds a refused character, else null. */
export function checkText(s: string): string | null {
  return BAD_TEXT.test(s) ? 'check.badText' : null;
}

/**
 * A number as typed without the spaces and dots a clerk puts in it
 * ("038 190 000 123"), as Go reads it (app/citizen.go compactNumber).
 */
export function compactNumber(s: string): string {
  return s.replace(/[ \u00a0.]/g, '').trim();
}

export function checkPersonalId(id: string): string | null {
  return CITIZEN_ID.test(compactNumber(id)) ? null : 'check.citizenId';
}

export function checkOrgId(id: string): string | null {
  return ORG_ID.test(id.trim()) ? null : 'check.orgId';
}

/** The applicant part of the intake form. */
export interface ApplicantForm {
  kind: ApplicantKind;
  fullName: string;
  citizenId: string;
  orgId: string;
  address: string;
  phone: string;
  email: string;
  /** An individual filing through someone else ("Nộp thay / ủy quyền"); organisations always do. */
  proxy: boolean;
  repFullName: string;
  repCitizenId: string;
  repRelation: string;
}

/** The form's applicant fields, in their order on screen. */
export const APPLICANT_FIELDS = [
  'fullName',
  'citizenId',
  'orgId',
  'address',
  'phone',
  'email',
  'repFullName',
  'repCitizenId',
  'repRelation',
] as const;
export type ApplicantField = (typeof APPLICANT_FIELDS)[number];

/** The relation an organisation's or a proxy's representative starts with. */
export const DEFAULT_RELATION = 'Người được ủy quyền';

export function emptyApplicant(): ApplicantForm {
  return {
    kind: 'person',
    fullName: '',
    citizenId: '',
    orgId: '',
    address: '',
    phone: '',
    email: '',
    proxy: false,
    repFullName: '',
    repCitizenId: '',
    repRelation: DEFAULT_RELATION,
  };
}

/** Whether the representative's fields apply. */
export function hasRepresentative(a: ApplicantForm): boolean {
  return a.kind === 'organisation' || a.proxy;
}

/** The problems of the applicant fields, as locale keys; {} when none. */
export function checkApplicant(a: ApplicantForm): Partial<Record<ApplicantField, string>> {
  const found: Partial<Record<ApplicantField, string>> = {};
  const put = (f: ApplicantField, key: string | null) => {
    if (key && !found[f]) found[f] = key;
  };
  const texts: ApplicantField[] = ['fullName', 'address', 'repFullName', 'repRelation'];
  for (const f of texts) put(f, checkText(String(a[f])));
  put('fullName', a.fullName.trim() ? null : a.kind === 'organisation' ? 'check.orgName' : 'check.required');
  if (a.kind === 'organisation') put('orgId', checkOrgId(a.orgId));
  else put('citizenId', checkPersonalId(a.citizenId));
  if (a.phone.trim()) put('phone', checkPhone(a.phone));
  put('email', checkText(a.email) ?? checkEmail(a.email));
  if (hasRepresentative(a)) {
    put('repFullName', a.repFullName.trim() ? null : 'check.required');
    put('repCitizenId', checkPersonalId(a.repCitizenId));
  }
  return found;
}

/** The applicant Go receives: only the identifier that fits the kind, the representative when one files. */
export function applicantRequest(a: ApplicantForm): Applicant {
  const org = a.kind === 'organisation';
  const out: Applicant = {
    kind: a.kind,
    fullName: a.fullName.trim(),
    citizenId: org ? '' : compactNumber(a.citizenId),
    orgId: org ? a.orgId.trim() : '',
    address: a.address.trim(),
    phone: a.phone.replace(/[\s.]/g, ''),
    email: a.email.trim(),
  };
  if (hasRepresentative(a)) {
    out.representative = {
      fullName: a.repFullName.trim(),
      citizenId: compactNumber(a.repCitizenId),
      relation: a.repRelation.trim(),
    };
  }
  return out;
}

/**
 * Go's field name ("applicant.representative.citizenId", "applicant.orgId")
 * → the applicant field of the form; null when it is not an applicant's.
 */
export function applicantFieldOf(goField: string | undefined): ApplicantField | null {
  if (!goField) return null;
  const f = goField.replace(/\[.*$/, '');
  const rep = /^applicant\.representative\.(fullName|citizenId|relation)$/.exec(f);
  if (rep) return `rep${rep[1][0].toUpperCase()}${rep[1].slice(1)}` as ApplicantField;
  if (f === 'applicant.representative') return 'repFullName';
  const own = /^applicant\.(fullName|citizenId|orgId|address|phone|email)$/.exec(f);
  if (own) return own[1] as ApplicantField;
  if (f === 'applicant.kind') return 'fullName';
  return null;
}

/** The message for a field Go refused: the shape of an identifier, a refused character, else "not valid". */
export function applicantFieldKey(field: ApplicantField, a: ApplicantForm): string {
  if (field === 'citizenId' || field === 'repCitizenId') return 'check.citizenId';
  if (field === 'orgId') return 'check.orgId';
  if (field === 'phone') return 'check.phone';
  const value = String(a[field] ?? '');
  if (checkText(value)) return 'check.badText';
  if (!value.trim()) return 'check.required';
  return 'check.invalid';
}

/** Whether a stored applicant is an organisation ("" and absent are persons). */
export function isOrganisation(a: Pick<Applicant, 'kind'> | null | undefined): boolean {
  return a?.kind === 'organisation';
}

/** A summary's representative's name, whichever shape Go sends. */
/** The representative's name; nodes before the record was sent gave the name alone. */
export function representativeName(r: string | DossierSummary['representative'] | null): string {
  if (!r) return '';
  return typeof r === 'string' ? r : r.fullName ?? '';
}

/** The parts of a representative line, or null when nobody filed for the applicant. */
export function representativeOf(a: Applicant | null | undefined): Representative | null {
  const r = a?.representative;
  return r && (r.fullName || r.citizenId) ? r : null;
}

type Translate = (key: string, params?: Record<string, string | number>) => string;

/** "Nguyễn Thị Hồng · Số định danh 038190000123", "Công ty TNHH An Phát · Mã số DN/thuế 0101234567". */
export function applicantLine(
  tr: Translate,
  a: Pick<Applicant, 'kind' | 'fullName' | 'citizenId' | 'orgId'> | null | undefined,
): string {
  if (!a) return '';
  const org = isOrganisation(a);
  const id = org ? a.orgId : a.citizenId;
  if (!id) return a.fullName;
  return `${a.fullName} · ${tr(org ? 'reception.orgIdShort' : 'reception.citizenIdShort')} ${id}`;
}

/** "Trần Văn Bình (Người được ủy quyền) · Số định danh 001090000456". */
export function representativeLine(tr: Translate, r: Representative | null | undefined): string {
  if (!r) return '';
  return tr('reception.representativeLine', { name: r.fullName, relation: r.relation || '—', id: r.citizenId || '—' });
}
