import { call } from './core';
import type * as gen from '../api.gen';

// --- ISO: the offices below (app/iso_tree.go) -----------------------------------------

export type IsoAttention = gen.Attention;
export type IsoTreeOffice = gen.TreeOffice;
export type IsoTreeReply = gen.TreeReply;

/** The quality systems of an office ("" = the caller's) and of the offices below it in a year (0 = this year). */
export async function isoTree(year = 0, office = ''): Promise<IsoTreeReply> {
  return call('Iso.Tree', { office, year });
}
