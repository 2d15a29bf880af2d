// Who is who: Users.Directory maps the actor IDs of a dossier's timeline
// to names. Loaded once a session; a failure leaves the IDs showing.
import { derived, writable } from 'svelte/store';
import { userDirectory, type DirectoryEntry } from '../api';

export const directory = writable<DirectoryEntry[]>([]);
let loaded = false;

export async function loadDirectory(force = false): Promise<void> {
  if (loaded && !force) return;
  try {
    directory.set(await userDirectory());
    loaded = true;
  } catch {
    // Names are a nicety; IDs still show.
  }
}

/** Back to the start (tests, logout). */
export function resetDirectory(): void {
  loaded = false;
  directory.set([]);
}

/** id → full name; an unknown ID (the operator, a user from another node) reads as itself. */
export const nameOf = derived(directory, (list) => {
  const names = new Map(list.map((u) => [u.id, u.fullName]));
  return (id: string | undefined): string => (id ? (names.get(id) ?? id) : '');
});
