// The documented processes (quy trình) as the ISO screen shows them: the
// reply types of the Iso service, and what a row's state and actions are.
import type { Reply } from '../../../lib/api';

export type ProcessesReply = Reply<'Iso.Processes'>;
export type ProcessRow = ProcessesReply['processes'][number];
export type ProcessReply = Reply<'Iso.Process'>;
export type ProcessRevision = ProcessReply['revisions'][number];

/**
 * A row's state badge: in force; approved but in force only from a day to
 * come (the revision it supersedes governs until then); waiting for
 * approval (no revision approved yet); or none.
 */
export type RowState = 'inForce' | 'scheduled' | 'pending' | 'none';

/** `today` is the day in Vietnam, YYYY-MM-DD. */
export function rowState(r: ProcessRow, today: string): RowState {
  if (r.inForce) return (r.inForce.inForce ?? '') > today ? 'scheduled' : 'inForce';
  if (r.pending) return 'pending';
  return 'none';
}

/**
 * The state a revision's badge shows on a day: an approved revision whose
 * in-force day is still to come is "scheduled".
 */
export function revisionState(r: Pick<ProcessRevision, 'state' | 'inForce'>, today: string): string {
  return r.state === 'approved' && (r.inForce ?? '') > today ? 'scheduled' : r.state;
}

/** The badge class of a revision's state. */
export function stateClass(state: string): string {
  switch (state) {
    case 'approved':
      return 'ok';
    case 'drafted':
      return 'warn';
    case 'scheduled':
      return 'info';
    case 'superseded':
      return 'bad';
  }
  return '';
}

/**
 * Whether the list proposes a new revision of the row: the catalog changed
 * since the revision in force and no draft waits already (a second draft
 * is refused).
 */
export function proposes(r: ProcessRow): boolean {
  return r.catalogChanged && !r.pending;
}

/** Whether a first revision may be drafted: the process has none yet. */
export function firstDraft(r: ProcessRow): boolean {
  return !r.inForce && !r.pending;
}
