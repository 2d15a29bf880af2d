// The internal audits' seam for the audit tab: the generated types it
// reads, the calls it makes, and the small rules of its forms. Go keeps
// every rule that matters (the own-work rule, the checklist, who may
// record); these only shape what is sent.
import { call, type ApiError, type FormReply } from '../../../lib/api';
import type * as gen from '../../../lib/api.gen';

export type Audit = gen.Audit;
export type AuditInfo = gen.AuditInfo;
export type AuditReply = gen.AuditReply;
export type AuditEvidence = gen.AuditEvidence;
export type AuditEvidenceKind = gen.AuditEvidenceKind;
export type Check = gen.Check;
export type CheckItem = gen.CheckItem;
export type CheckResult = gen.CheckResult;
export type Clause = gen.Clause;
export type Colleague = gen.Colleague;
export type Finding = gen.Finding;
export type FindingKind = gen.FindingKind;
export type ProgrammeEntry = gen.ProgrammeEntry;
export type ProgrammeReply = gen.ProgrammeReply;
export type { FormReply };

/** The rule Go names when an auditor would audit his own work. */
export const OWN_WORK_RULE = 'auditor_own_work';

export const CHECK_RESULTS: readonly CheckResult[] = ['conform', 'nonconform', 'not_applicable'];
export const FINDING_KINDS: readonly FindingKind[] = ['nonconformity', 'observation', 'improvement'];
export const EVIDENCE_KINDS: readonly AuditEvidenceKind[] = ['dossier', 'print', 'record'];

/** Whether a refusal is the own-work rule's. */
export function isOwnWork(err: ApiError | null): boolean {
  return err?.params?.rule === OWN_WORK_RULE;
}

/** Today in the browser's calendar as YYYY-MM-DD. */
export function today(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** The codes of a comma- or space-separated list, without blanks or repeats. */
export function splitCodes(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean))];
}

/** One piece of evidence from the form, or none when its reference is blank. */
export function evidenceOf(kind: AuditEvidenceKind, ref: string, note = ''): AuditEvidence[] {
  const r = ref.trim();
  return r ? [{ kind, ref: r, note: note.trim() || undefined }] : [];
}

export const loadProgramme = (year: number, office = '') => call('Iso.Programme', { year, office });
export const saveProgramme = (year: number, entries: ProgrammeEntry[]) => call('Iso.SetProgramme', { year, entries });
export const listAudits = (year: number, office = '') => call('Iso.Audits', { year, office });
export const loadAudit = (id: string, office = '') => call('Iso.Audit', { id, office });
export const printAudit = (id: string, office = '') => call('Iso.PrintAudit', { id, office });
export const colleagues = async () => (await call('Users.Colleagues')).users;
export const planAudit = (plan: gen.PlanAuditRequest) => call('Iso.PlanAudit', plan);
export const recordCheck = (req: gen.RecordCheckRequest) => call('Iso.RecordCheck', req);
export const addFinding = (req: gen.AddFindingRequest) => call('Iso.AddFinding', req);
export const reportAudit = (audit: string, conclusion: string) => call('Iso.ReportAudit', { audit, conclusion });
