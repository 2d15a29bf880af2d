import { call } from './core';
import type * as gen from '../api.gen';
import type { FormReply } from './print';

// --- ISO: the offices below (app/iso_tree.go) -----------------------------------------

export type IsoAttention = gen.Attention;
export type IsoTreeOffice = gen.TreeOffice;
export type IsoTreeReply = gen.TreeReply;

/** The quality systems of an office ("" = the caller's) and of the offices below it in a year (0 = this year). */
export async function isoTree(year = 0, office = ''): Promise<IsoTreeReply> {
  return call('Iso.Tree', { office, year });
}

/** The yearly report on the quality systems (Decision 101/2018) of an office and the offices below it, as a PDF. */
export async function printIsoYearReport(year = 0, office = ''): Promise<FormReply> {
  return call('Iso.PrintYearReport', { office, year });
}
