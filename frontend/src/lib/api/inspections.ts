import { call, type Params, type Reply } from './core';
import type { FormReply } from './print';

// --- Inspections: visits of an office above, findings followed to closure (app/inspections.go) ---
// The types are read off the methods, not the generated type names: those
// names are shared with every other Go package and may change at a merge.

export type InspectionReply = Reply<'Inspections.Get'>;
export type InspectionsReply = Reply<'Inspections.List'>;
export type InspectionInfo = InspectionsReply['inspections'][number];
export type InspectionData = InspectionReply['inspection'];
export type InspectionFinding = InspectionData['findings'][number];
export type InspectionCheck = InspectionData['checks'][string];
export type InspectionItem = InspectionData['plan']['checklist'][number];
export type InspectionResult = InspectionCheck['result'];
export type InspectionEvidence = InspectionCheck['evidence'][number];
export type InspectionPlanRequest = Params<'Inspections.Plan'>;
export type InspectionCheckRequest = Params<'Inspections.Check'>;
export type InspectionFindingInput = NonNullable<InspectionCheckRequest['finding']>;
export type InspectionOverdueReply = Reply<'Inspections.Overdue'>;

/** The inspections of an office ("" = the caller's, as inspected and as inspector). */
export async function inspections(office = ''): Promise<InspectionsReply> {
  return call('Inspections.List', { office });
}

/** One inspection of an office. */
export async function inspection(office: string, id: string): Promise<InspectionReply> {
  return call('Inspections.Get', { office, id });
}

/** An inspector plans a visit to an office below. */
export async function planInspection(req: InspectionPlanRequest): Promise<InspectionReply> {
  return call('Inspections.Plan', req);
}

/** An inspector records a checklist item, with the finding a failed one needs. */
export async function checkInspectionItem(req: InspectionCheckRequest): Promise<InspectionReply> {
  return call('Inspections.Check', req);
}

/** An inspector adds a finding with its fix. */
export async function addInspectionFinding(office: string, inspection: string, item: string, finding: InspectionFindingInput): Promise<InspectionReply> {
  return call('Inspections.AddFinding', { office, inspection, item, ...finding });
}

/** The inspected office answers a finding. */
export async function answerInspectionFinding(office: string, inspection: string, finding: string, text: string, evidence: InspectionEvidence[] = []): Promise<InspectionReply> {
  return call('Inspections.Answer', { office, inspection, finding, text, evidence });
}

/** An inspector closes (or reopens) a finding. */
export async function decideInspectionFinding(close: boolean, office: string, inspection: string, finding: string, note = ''): Promise<InspectionReply> {
  return call(close ? 'Inspections.Close' : 'Inspections.Reopen', { office, inspection, finding, note });
}

/** The inspection record as a PDF with the print QR. */
export async function printInspection(office: string, id: string): Promise<FormReply> {
  return call('Inspections.Print', { office, id });
}

/** The open and overdue fixes of an office and the offices below it. */
export async function inspectionsOverdue(office = ''): Promise<InspectionOverdueReply> {
  return call('Inspections.Overdue', { office });
}

/** Dossier codes typed as a list ("a, b c") as dossier evidence. */
export function dossierEvidence(text: string): InspectionEvidence[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((ref) => ({ kind: 'dossier' as const, ref }));
}
