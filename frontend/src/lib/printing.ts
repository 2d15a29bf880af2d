// Which forms a dossier can be printed on, the default period of the
// tracking book, and how a verification's subject reads.
import { PRINT_FORMS, type Dossier, type PrintFormNo } from './api';
import { isoDate } from './format';

/**
 * The forms that apply to the dossier as it stands: 01 (receipt) and 05
 * (control sheet) once received, 02 once a supplement was requested, 03
 * when refused or not accepted, 04 when the due date was moved. Go has the
 * last word (not_found on form otherwise).
 */
export function formsFor(d: Dossier | null | undefined): PrintFormNo[] {
  if (!d) return [];
  const received = Boolean(d.receivedAt) && d.status !== 'not_accepted';
  const applies: Record<PrintFormNo, boolean> = {
    '01': received,
    '02': (d.supplements?.length ?? 0) > 0,
    '03': d.result?.kind === 'refused' || d.result?.kind === 'not_accepted',
    '04': d.rescheduled,
    '05': received,
  };
  return PRINT_FORMS.filter((f) => applies[f]);
}

/** The tracking book's default period: the first of this month to today (this computer's date). */
export function thisMonth(now = new Date()): { from: string; to: string } {
  const y = now.getFullYear();
  const m = now.getMonth() + 1;
  return { from: isoDate(y, m, 1), to: isoDate(y, m, now.getDate()) };
}

/** "dossier/38001-261127-0007" → "38001-261127-0007"; other subjects as they are. */
export function subjectLabel(subject: string): string {
  return subject.replace(/^dossier\//, '');
}
