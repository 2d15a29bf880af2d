// The desk's look-up of a personal identification number (Go:
// Dossiers.Citizen, app/citizen.go): the place its first three digits
// name, the newest dossier of the same person at this office (whose name,
// address and phone fill the form once the clerk confirms) and the same
// procedure filed today (a warning; the clerk may still receive).
import { ApiError, call } from '../../lib/api';
import { CITIZEN_ID } from '../../lib/dossier';
import { compactNumber } from '../../lib/applicant';

export interface CitizenContact {
  fullName: string;
  address: string;
  phone: string;
}

export interface CitizenReply {
  citizenId: string;
  /** The province the first three digits name; "" for a birth registered abroad. */
  province: string;
  known: boolean;
  lastCode?: string;
  /** RFC 3339 */
  lastReceivedAt?: string;
  /** Codes of this person's dossiers of the procedure received today, oldest first. */
  sameToday: string[];
  /** Only when asked with fill. */
  contact?: CitizenContact;
}

/** How long after the last key the number is looked up. */
export const LOOKUP_DELAY_MS = 250;

export function lookUpCitizen(citizenId: string, procedure: string, fill = false): Promise<CitizenReply> {
  return call('Dossiers.Citizen', { citizenId, procedure, fill });
}

/** The number to look up as typed, or null while it is not 12 digits. */
export function lookupNumber(typed: string): string | null {
  const id = compactNumber(typed);
  return CITIZEN_ID.test(id) ? id : null;
}

/**
 * The problem Go found in a number, as a locale key with its parameters:
 * three digits that name no province or country, or the number's shape.
 */
export function citizenProblem(err: unknown): { key: string; params?: Record<string, string> } {
  const e = ApiError.from(err);
  if (e.params?.reason === 'place') return { key: 'intakeHelp.badPlace', params: { prefix: e.params.prefix ?? '' } };
  return { key: 'check.citizenId' };
}
