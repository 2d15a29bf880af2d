// The six top-level sections, which one is shown, and the tab open inside
// Administration. Both are mirrored in the URL hash (#/admin/catalog) so a
// reload keeps the clerk where they were.
import { writable } from 'svelte/store';

export const SECTIONS = ['reception', 'dossiers', 'reports', 'iso', 'sync', 'admin'] as const;
export type Section = (typeof SECTIONS)[number];

/** The tabs of Administration, in the order they are shown. */
export const ADMIN_TABS = ['info', 'offices', 'users', 'catalog', 'calendar', 'reports', 'rules', 'printing'] as const;
export type AdminTab = (typeof ADMIN_TABS)[number];

export function isSection(value: unknown): value is Section {
  return typeof value === 'string' && (SECTIONS as readonly string[]).includes(value);
}

export function isAdminTab(value: unknown): value is AdminTab {
  return typeof value === 'string' && (ADMIN_TABS as readonly string[]).includes(value);
}

function fromHash(): { section: Section; tab: AdminTab } {
  const fallback = { section: SECTIONS[0], tab: ADMIN_TABS[0] };
  if (typeof window === 'undefined') return fallback;
  const [name, sub] = window.location.hash.replace(/^#\/?/, '').split('/');
  return {
    section: isSection(name) ? name : fallback.section,
    tab: isAdminTab(sub) ? sub : fallback.tab,
  };
}

const start = fromHash();
export const currentSection = writable<Section>(start.section);
export const adminTab = writable<AdminTab>(start.tab);

let section: Section = start.section;
let tab: AdminTab = start.tab;

function writeHash(): void {
  if (typeof window === 'undefined') return;
  const hash = section === 'admin' ? `#/admin/${tab}` : `#/${section}`;
  if (window.location.hash !== hash) {
    // replaceState: section switches shouldn't pile up in Back history.
    const { pathname, search } = window.location;
    window.history.replaceState(window.history.state, '', pathname + search + hash);
  }
}

currentSection.subscribe((s) => {
  section = s;
  writeHash();
});
adminTab.subscribe((a) => {
  tab = a;
  writeHash();
});

/** Alt+1..6 → section, or null when the key isn't a section shortcut. */
export function sectionForShortcut(event: KeyboardEvent): Section | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  // event.code is layout-independent (Vietnamese input methods remap keys).
  const digit = /^Digit([1-9])$/.exec(event.code)?.[1] ?? event.key;
  const index = Number(digit) - 1;
  return Number.isInteger(index) && index >= 0 && index < SECTIONS.length ? SECTIONS[index] : null;
}
