import { call } from './core';
import type { ApiError } from './core';
import type { Channel } from './dossiers';

// --- Procedure catalog ----------------------------------------------------------

export type Level = 'commune' | 'district' | 'province';
export type DocumentForm = 'original' | 'certified_copy' | 'copy' | 'show';
export type Interagency = 'none' | 'same_level' | 'cross_level';
export type StepRole = 'clerk' | 'officer' | 'leader' | 'agency';
export type Confidence = 'law' | 'practice' | 'unsure';

export const LEVELS: readonly Level[] = ['commune', 'district', 'province'];
export const DOCUMENT_FORMS: readonly DocumentForm[] = ['original', 'certified_copy', 'copy', 'show'];
export const INTERAGENCIES: readonly Interagency[] = ['none', 'same_level', 'cross_level'];
export const STEP_ROLES: readonly StepRole[] = ['clerk', 'officer', 'leader', 'agency'];
export const CONFIDENCES: readonly Confidence[] = ['law', 'practice', 'unsure'];

export interface ProcedureDocument {
  name: string;
  form: DocumentForm;
  count: number;
  required: boolean;
  /** How long a digitized paper of this kind may be reused, in months; 0 or absent: no limit (0..600). */
  validMonths?: number | null;
}

export interface ProcedureStep {
  name: string;
  role: StepRole;
  /** Working hours (8 to a working day), may be fractional. */
  hours: number;
  form: string;
}

export interface Procedure {
  code: string;
  name: string;
  sector: string;
  level: Level;
  /** Working days; 0 means the same day. */
  timeLimitWD: number;
  extendedTimeLimitWD: number | null;
  /** null: the provincial council sets it; 0: free. */
  feeVND: number | null;
  feeNote: string;
  documents: ProcedureDocument[];
  agencies: string[];
  interagency: Interagency;
  steps: ProcedureStep[];
  confidence: Confidence;
  active: boolean;
  /** Why the extended limit may apply ("cần xác minh"); "" or absent when the law names none. */
  extendedReason?: string;
  /** The fee as a rule; absent in old records (Go derives one from feeVND/feeNote). */
  fee?: FeeRule | null;
  /** Who decides (e.g. "Công an xã"); "" = the office itself. */
  decidingAgency?: string;
  /** The legal basis of the procedure. */
  basis?: string;
}

// --- Fees: a rule, computed at reception, paid at the desk ------------------------
// Shapes of catalog.FeeRule / FeeInput / FeeQuote and app/fees.go.

export type FeeKind = 'free' | 'fixed' | 'per_page' | 'provincial';

export interface FeeRule {
  kind: FeeKind;
  /** fixed: the amount per `per` (a dossier, a copy…). */
  vnd?: number;
  per?: string;
  /** per_page: the rate of the first pages, then from `fromPage` on the lower rate, capped per copy. */
  vndPerPage?: number;
  fromPage?: number;
  vndPerPageAfter?: number;
  maxVNDPerCopy?: number;
  /** The fixed fee when filed online, when cheaper. */
  onlineVND?: number | null;
  /** Who is exempt ("người có công", "hộ nghèo"…): the clerk picks one, or none. */
  exemptions?: string[];
  basis?: string;
  /** YYYY-MM-DD */
  effective?: string;
}

/** What the fee depends on besides the rule. */
export interface FeeInput {
  channel?: Channel;
  pages?: number;
  copies?: number;
  /** One of the rule's exemptions; "" = none. */
  exemption?: string;
}

/** A computed fee: the amount and, in Vietnamese, how it was computed. */
export interface FeeQuote {
  amountVND: number;
  text: string;
}

/** Whether the rule asks the clerk for the number of pages (of one copy). */
export function feeNeedsPages(rule: FeeRule | null | undefined): boolean {
  return rule?.kind === 'per_page';
}

/** Whether the rule counts copies or units (a per-page fee, or a fixed fee charged per unit). */
export function feeNeedsCopies(rule: FeeRule | null | undefined): boolean {
  return rule?.kind === 'per_page' || ((rule?.kind === 'fixed' || rule?.kind === 'provincial') && !!rule.per?.trim());
}

/** The exemptions the clerk may pick, without blanks. */
export function feeExemptions(rule: FeeRule | null | undefined): string[] {
  return (rule?.exemptions ?? []).map((e) => e.trim()).filter(Boolean);
}

/** What the clerk has typed so far at reception (app.QuoteRequest). */
export interface QuoteRequest {
  procedure: string;
  channel: Channel;
  fee?: FeeInput;
}

/**
 * The fee reception would record for what the clerk has typed (Fees.Quote:
 * the same procedure in force and rule as Dossiers.Receive); null when it
 * would record none (a provincial fee not entered yet, a per-page fee
 * without pages). Go's field errors ("fee.pages"…) reject the promise.
 */
export async function quoteFee(req: QuoteRequest): Promise<FeeQuote | null> {
  const r = await call('Fees.Quote', req);
  return r?.quoted ? { amountVND: r.amountVND ?? 0, text: r.text ?? '' } : null;
}

/** A row of Catalog.List. */
export interface ProcedureSummary {
  code: string;
  name: string;
  sector: string;
  level: Level;
  timeLimitWD: number;
  extendedTimeLimitWD: number | null;
  feeVND: number | null;
  feeNote: string;
  interagency: Interagency;
  active: boolean;
  version: number;
}

export interface CatalogList {
  procedures: ProcedureSummary[];
  sectors: string[];
}

export interface ProcedureVersion {
  version: number;
  /** RFC 3339. */
  at: string;
  /** Who saved it (a user ID, "operator", …). */
  actor: string;
}

export interface ProcedureDetail {
  procedure: Procedure;
  version: number;
  versions: ProcedureVersion[];
}

export type CatalogFormat = 'csv' | 'json' | 'xlsx';

export interface ImportRequest {
  format: CatalogFormat;
  /** The file's text, or its bytes in base64 when encoding is "base64". */
  content: string;
  encoding: '' | 'base64';
}

export interface ImportResult {
  imported: number;
  changed: number;
  unchanged: number;
}

/** One problem of a refused import (ApiError "import_rejected", details.rows). */
export interface ImportRowError {
  /** 1-based as a spreadsheet shows it (header = 1); 0 = the whole file. */
  row: number;
  column: string;
  code: string;
  message: string;
}

export interface ExportedFile {
  filename: string;
  mime: string;
  /** base64 */
  content: string;
}

export async function listCatalog(query = '', sector = ''): Promise<CatalogList> {
  const params: { query?: string; sector?: string } = {};
  if (query.trim()) params.query = query.trim();
  if (sector) params.sector = sector;
  return call('Catalog.List', params);
}

export function getProcedure(code: string, version?: number): Promise<ProcedureDetail> {
  // FeeRule.kind is a string in Go; the UI knows its values.
  return call('Catalog.Get', version === undefined ? { code } : { code, version }) as Promise<ProcedureDetail>;
}

export function saveProcedure(procedure: Procedure): Promise<ProcedureDetail> {
  return call('Catalog.Save', { procedure }) as Promise<ProcedureDetail>;
}

export function importCatalog(req: ImportRequest): Promise<ImportResult> {
  return call('Catalog.Import', req);
}

export function exportCatalog(format: CatalogFormat): Promise<ExportedFile> {
  return call('Catalog.Export', { format });
}

/** The rows of an import_rejected error, tolerant of a missing or odd details field. */
export function importRows(err: ApiError): ImportRowError[] {
  const details = err.details as { rows?: unknown } | unknown[] | undefined;
  const rows = Array.isArray(details) ? details : (details as { rows?: unknown })?.rows;
  if (!Array.isArray(rows)) return [];
  return rows.map((r: Record<string, unknown>) => ({
    row: typeof r?.row === 'number' ? r.row : Number(r?.row ?? r?.Row ?? 0) || 0,
    column: String(r?.column ?? r?.Column ?? ''),
    code: String(r?.code ?? r?.Code ?? ''),
    message: String(r?.message ?? r?.Message ?? ''),
  }));
}
