// Display helpers shared by the status bar and the info card.
import type { Office } from './api';
import { hasKey } from './i18n';

/** "Name (CODE)", or just whichever part exists; null when the office isn't set up. */
export function officeLabel(office: Office | null | undefined): string | null {
  const name = office?.name?.trim() ?? '';
  const code = office?.code?.trim() ?? '';
  if (name && code) return `${name} (${code})`;
  return name || code || null;
}

/** Locale key for a sync state code; unknown states still read as something. */
export function syncKey(state: string): string {
  const key = `sync.${state}`;
  return hasKey(key) ? key : 'sync.unknown';
}
