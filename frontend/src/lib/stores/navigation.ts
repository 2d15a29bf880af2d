// The top-level sections, which of them a user's roles may use, where each
// role starts its day, which one is shown, and the tab open inside
// Administration. The section and tab are mirrored in the URL hash
// (#/admin/catalog) so a reload keeps the clerk where they were; a login
// lands on the role's start page (issue 22 item 1).
import { derived, get, writable } from 'svelte/store';
import type { Role } from '../api';
import { auth } from './auth';

export const SECTIONS = ['work', 'reception', 'dossiers', 'reports', 'iso', 'plans', 'sync', 'admin'] as const;
export type Section = (typeof SECTIONS)[number];

/**
 * The roles that use each section. A section is offered only to a user who
 * holds one of them: the intake form only to the clerks who may receive
 * (Dossiers.Receive), the queue to those who have one (officers and
 * leaders; the clerk's is on Tiếp nhận), Đồng bộ not to inspectors, who
 * read and never sync. ISO is everyone's: a clerk raises a nonconformity,
 * a leader approves processes and closes actions, an inspector reads.
 * Kế hoạch is everyone's: every
 * office has tasks to report on, and the issuer supervises.
 * Quản trị is everyone's: the others read the catalog, the holidays and
 * the rules there, which only administrators change.
 */
const SECTION_ROLES: Record<Section, readonly Role[]> = {
  work: ['officer', 'leader'],
  reception: ['clerk'],
  dossiers: ['clerk', 'officer', 'leader', 'admin', 'inspector'],
  reports: ['clerk', 'officer', 'leader', 'admin', 'inspector'],
  iso: ['clerk', 'officer', 'leader', 'admin', 'inspector'],
  plans: ['clerk', 'officer', 'leader', 'admin', 'inspector'],
  sync: ['clerk', 'officer', 'leader', 'admin'],
  admin: ['clerk', 'officer', 'leader', 'admin', 'inspector'],
};

/** The sections offered to a user with these roles, in the nav's order. */
export function sectionsFor(roles: readonly Role[] | null | undefined): Section[] {
  const have = roles ?? [];
  return SECTIONS.filter((s) => SECTION_ROLES[s].some((r) => have.includes(r)));
}

/**
 * Where a user's day starts: officers and leaders on their queue ("Việc chờ
 * tôi xử lý"), the clerk on Tiếp nhận (with the results to return today),
 * the inspector on Báo cáo (with the print check), anyone else — an
 * administrator — on the first section offered, as before.
 */
export function startSection(roles: readonly Role[] | null | undefined): Section {
  const have = roles ?? [];
  const shown = sectionsFor(have);
  if (have.includes('officer') || have.includes('leader')) return 'work';
  if (have.includes('clerk')) return 'reception';
  if (have.includes('inspector')) return 'reports';
  return shown[0] ?? 'dossiers';
}

/** The locale key of a section's name (the queue's lives in "workday", Kế hoạch's in "plans"). */
export function sectionLabelKey(section: Section): string {
  if (section === 'plans') return 'plans.title';
  return section === 'work' ? 'workday.title' : `nav.${section}`;
}

/** The locale key of a section's one-line description. */
export function sectionLeadKey(section: Section): string {
  if (section === 'plans') return 'plans.lead';
  return section === 'work' ? 'workday.lead' : `sections.${section}`;
}

/** The sections the logged-in user is offered. */
export const shownSections = derived(auth, (s) => sectionsFor(s.user?.roles));

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
// Whether a section was chosen: named by the address the page opened with
// (a reload), or set since. A page opened on no section starts on the
// user's start page.
let chosen = typeof window !== 'undefined' && isSection(window.location.hash.replace(/^#\/?/, '').split('/')[0]);
export const currentSection = writable<Section>(start.section);
export const adminTab = writable<AdminTab>(start.tab);
/** The ISO section's tab a link elsewhere opens it on (the dashboard's overdue actions). */
export const isoTab = writable<string>('processes');
/** The Kế hoạch section's tab a link elsewhere opens it on (the dashboard's overdue fixes). */
export const plansTab = writable<string>('plans');
/** The plan the Kế hoạch section opens on, once (the dashboard's reminders); '' for the list. */
export const plansPlan = writable<string>('');
/** The Báo cáo section's tab a link elsewhere opens it on (the dashboard's overdue complaints); '' once open. */
export const reportsTab = writable<string>('');

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
  if (s !== section) chosen = true;
  section = s;
  writeHash();
});
adminTab.subscribe((a) => {
  tab = a;
  writeHash();
});

/**
 * Alt+1..9 → the n-th of the sections shown, or null when the key isn't a
 * section shortcut: the numbers follow the nav the user sees.
 */
export function sectionForShortcut(event: KeyboardEvent, shown: readonly Section[] = SECTIONS): Section | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  // event.code is layout-independent (Vietnamese input methods remap keys).
  const digit = /^Digit([1-9])$/.exec(event.code)?.[1] ?? event.key;
  const index = Number(digit) - 1;
  return Number.isInteger(index) && index >= 0 && index < shown.length ? shown[index] : null;
}

// Set while the login screen is shown: the next shell opens on the user's
// start page, not on the section the address still names (the previous
// user's). A page reloaded with its session keeps its section.
let loggingIn = false;
auth.subscribe((s) => {
  if (s.view === 'login') loggingIn = true;
  else if (s.view === 'loading') loggingIn = false;
});

/**
 * Chooses the section the shell opens on for a user with roles: after a
 * login their start page; after a reload the section the address names,
 * when it is one they are offered; else their start page.
 */
export function land(roles: readonly Role[] | null | undefined): Section {
  const current = get(currentSection);
  const next = !loggingIn && chosen && sectionsFor(roles).includes(current) ? current : startSection(roles);
  loggingIn = false;
  if (get(currentSection) !== next) currentSection.set(next);
  return next;
}
