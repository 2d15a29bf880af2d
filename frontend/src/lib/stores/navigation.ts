// The six top-level sections and which one is shown. The current section is
// mirrored in the URL hash so a reload keeps the clerk where they were.
import { writable } from 'svelte/store';

export const SECTIONS = ['reception', 'dossiers', 'reports', 'iso', 'sync', 'admin'] as const;
export type Section = (typeof SECTIONS)[number];

export function isSection(value: unknown): value is Section {
  return typeof value === 'string' && (SECTIONS as readonly string[]).includes(value);
}

function sectionFromHash(): Section {
  if (typeof window === 'undefined') return SECTIONS[0];
  const name = window.location.hash.replace(/^#\/?/, '');
  return isSection(name) ? name : SECTIONS[0];
}

export const currentSection = writable<Section>(sectionFromHash());

currentSection.subscribe((section) => {
  if (typeof window === 'undefined') return;
  const hash = `#/${section}`;
  if (window.location.hash !== hash) {
    // replaceState: section switches shouldn't pile up in Back history.
    const { pathname, search } = window.location;
    window.history.replaceState(window.history.state, '', pathname + search + hash);
  }
});

/** Alt+1..6 → section, or null when the key isn't a section shortcut. */
export function sectionForShortcut(event: KeyboardEvent): Section | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  // event.code is layout-independent (Vietnamese input methods remap keys).
  const digit = /^Digit([1-9])$/.exec(event.code)?.[1] ?? event.key;
  const index = Number(digit) - 1;
  return Number.isInteger(index) && index >= 0 && index < SECTIONS.length ? SECTIONS[index] : null;
}
