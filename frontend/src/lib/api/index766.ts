import { call } from './core';
import type * as gen from '../api.gen';

// --- The Decision 766 index (app/index766.go, report/index766.go) ---

export type IndexIndicator = gen.IndexIndicator;
export type IndexReply = gen.IndexReply;

/** The measures that count dossiers: their figures drill down to the dossiers behind them. */
const DOSSIER_MEASURES = new Set([
  'on_time',
  'avg_days',
  'online',
  'in_person',
  'post',
  'paid_online',
  'digitized',
  'e_result',
  'reused',
  'satisfaction',
]);

/** The measures the card names by locale (index766.measures.*); others show the title the rules give. */
export const INDEX_MEASURES = [...DOSSIER_MEASURES, 'complaints_rules', 'complaints_procedure', 'complaints_conduct', 'complaints_on_time', 'national'];

/** Whether an indicator's figure lists dossiers (Reports.Dossiers with its id). */
export function indicatorDrills(x: Pick<IndexIndicator, 'measure' | 'known'>): boolean {
  return x.known && DOSSIER_MEASURES.has(x.measure);
}

/** Whether an indicator's figure is a share (a percentage with a bar). */
export function indicatorIsShare(x: Pick<IndexIndicator, 'measure' | 'denominator'>): boolean {
  return x.measure !== 'avg_days' && DOSSIER_MEASURES.has(x.measure) || x.measure === 'complaints_on_time';
}

/** The index of an office and the offices below it for a period. */
export async function reportIndex(s: { office?: string; period: string; window?: string; asOf?: string }): Promise<IndexReply> {
  const req: { office: string; period: string; window: string; asOf: string } = {
    office: s.office ?? '',
    period: s.period,
    window: s.window ?? '',
    asOf: s.asOf ?? '',
  };
  const r = await call('Reports.Index', req);
  return { ...r, indicators: r.indicators ?? [], procedures: r.procedures ?? [] };
}
