import { call } from './core';
import type * as gen from '../api.gen';

// --- Scans: an applicant's papers digitized before (app/dossier_files.go) ---

export type ReusableRequest = gen.ReusableRequest;
export type ReusableReply = gen.ReusableReply;

/** The applicant's papers digitized at this office, per kind, newest first (the read is logged). */
export function findReusable(req: ReusableRequest): Promise<ReusableReply> {
  return call('Dossiers.Reusable', req);
}
