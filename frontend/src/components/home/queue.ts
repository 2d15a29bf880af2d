// The queue's calls and the few rules the start pages apply to it:
// Dossiers.Queue (the dossiers waiting for the caller, oldest first) and
// Users.Colleagues (who may be chosen for a step, with their roles).
import { call, type DossierSummary, type Role } from '../../lib/api';

/** The step a queued dossier waits for (app/queue.go). */
export type QueueReason = 'take' | 'appraise' | 'submit' | 'assign' | 'sign' | 'hand_over' | 'collect' | 'return' | 'supplement';

export interface QueueItem extends DossierSummary {
  reason: QueueReason;
  /** The due date (a result's appointment) is today or past. */
  dueBy: boolean;
  /** Due within one working day, not yet overdue. */
  dueSoon: boolean;
}

export interface QueueReply {
  items: QueueItem[];
  more: boolean;
}

export function loadQueue(): Promise<QueueReply> {
  return call('Dossiers.Queue');
}

export interface Colleague {
  id: string;
  fullName: string;
  roles: Role[];
}

export async function loadColleagues(): Promise<Colleague[]> {
  return (await call('Users.Colleagues')).users;
}

/** The desk's steps: the clerk's start page shows them beside the intake. */
export const DESK_REASONS: readonly QueueReason[] = ['return', 'collect', 'supplement', 'hand_over'];

/**
 * What the clerk's "Kết quả cần trả hôm nay" lists: the results at the desk
 * whose appointment is today or past, the most overdue first.
 */
export function returnsToday(items: readonly QueueItem[]): QueueItem[] {
  return items.filter((i) => i.reason === 'return' && i.dueBy).sort((a, b) => a.due.localeCompare(b.due) || a.code.localeCompare(b.code));
}

/** The items of a reason, in the queue's order (oldest first). */
export function withReason(items: readonly QueueItem[], reason: QueueReason): QueueItem[] {
  return items.filter((i) => i.reason === reason);
}

/**
 * The people a step may be handed to: those of the list holding role, each
 * labelled with their name and their roles (the needed one first), sorted
 * by name.
 */
export function pickable(people: readonly Colleague[], role: Role, roleName: (r: Role) => string): { value: string; label: string }[] {
  return people
    .filter((p) => p.roles.includes(role))
    .map((p) => {
      const roles = [role, ...p.roles.filter((r) => r !== role)].map(roleName).join(', ');
      return { value: p.id, label: `${p.fullName} — ${roles}` };
    })
    .sort((a, b) => a.label.localeCompare(b.label, 'vi'));
}
