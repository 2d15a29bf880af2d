// The tests' stand-in for sections.ts (aliased in vite.config.ts): the same
// loaders, with every section already loaded, so that the tests render a
// section at once, as before the sections were split off, and each test
// file's mocks reach the sections it renders.
import { seed, type Loader } from '../lib/lazy';
import AdminSection from './admin/AdminSection.svelte';
import DossiersSection from './dossiers/DossiersSection.svelte';
import IsoSection from './iso/IsoSection.svelte';
import PlansSection from './plans/PlansSection.svelte';
import VerifyPrint from './print/VerifyPrint.svelte';
import ReportsSection from './reports/ReportsSection.svelte';
import SyncSection from './sync/SyncSection.svelte';

const sections = {
  admin: AdminSection,
  dossiers: DossiersSection,
  iso: IsoSection,
  plans: PlansSection,
  verifyPrint: VerifyPrint,
  reports: ReportsSection,
  sync: SyncSection,
};

export const lazySections = Object.fromEntries(
  Object.entries(sections).map(([name, component]) => {
    const load: Loader = () => Promise.resolve({ default: component });
    seed(load, { default: component });
    return [name, load];
  }),
) as Record<keyof typeof sections, Loader>;
