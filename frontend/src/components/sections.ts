// The sections that load on first use (lib/lazy.ts). The start pages (the
// clerk's intake, the officer's queue) stay in the first bundle.
import type { Loader } from '../lib/lazy';

export const lazySections = {
  admin: () => import('./admin/AdminSection.svelte'),
  dossiers: () => import('./dossiers/DossiersSection.svelte'),
  iso: () => import('./iso/IsoSection.svelte'),
  plans: () => import('./plans/PlansSection.svelte'),
  verifyPrint: () => import('./print/VerifyPrint.svelte'),
  reports: () => import('./reports/ReportsSection.svelte'),
  sync: () => import('./sync/SyncSection.svelte'),
} satisfies Record<string, Loader>;
