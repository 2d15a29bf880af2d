// Báo cáo: the shapes of the Reports.* methods (app/reports.go), the period
// picker's labels ("2026Q4", "2026-11", "2026") and the small display rules
// the report tabs share. Calls go through the one seam, api.ts.
import { call, indicatorIsShare, type DossierSummary } from './api';
import type * as gen from './api.gen';
import { saveFile } from './files';
import type { FieldProblem } from './validate';

export type PeriodKind = 'quarter' | 'month' | 'year';
export const PERIOD_KINDS: readonly PeriodKind[] = ['quarter', 'month', 'year'];
/** "fifteenth": the 15th to the 14th (the default); "calendar": calendar months. */
export type ReportWindow = 'fifteenth' | 'calendar';
export const WINDOWS: readonly ReportWindow[] = ['fifteenth', 'calendar'];

/** The columns of form II.06a that hold numbers, in order. */
export const COLUMNS = ['3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13'] as const;
export type Column = (typeof COLUMNS)[number];
/** The headings over columns 3–6, 7–10 and 11–13. */
export const GROUPS = [
  { key: 'received', span: 4 },
  { key: 'resolved', span: 4 },
  { key: 'inProgress', span: 3 },
] as const;

export type TargetKey = 'one_stop' | 'same_level' | 'cross_level' | 'satisfied';
export const TARGETS: readonly TargetKey[] = ['one_stop', 'same_level', 'cross_level', 'satisfied'];

/** What every report asks for: whose, which period, which window. */
export interface ReportScope {
  office?: string;
  period: string;
  window?: ReportWindow;
  /**
   * II.06a's data date ("Số liệu tính đến …"): a day YYYY-MM-DD (counted to
   * its end); absent = now. Go caps it at the period's end.
   */
  asOf?: string;
}

export interface PeriodInfo {
  label: string;
  window: string;
  /** YYYY-MM-DD */
  from: string;
  to: string;
  start: string;
  end: string;
}

export interface Freshness {
  office: string;
  name: string;
  local: boolean;
  latest?: string;
  lastSync?: string;
}

export type II06aRow = { sector: string } & Record<Column, number>;

export interface II06aReply {
  office: string;
  officeName: string;
  period: PeriodInfo;
  rules: {
    window: string;
    countFromReceptionDay: boolean;
    dueSoonDays: number;
    /** "original" (default): results judged against the due date before any apology; "current". */
    timingBasis?: TimingBasis;
    /** "note" (default): withdrawn and stopped below the table; "on_time": in columns 7 and 9. */
    endedPlacement?: EndedPlacement;
  };
  offices: { code: string; name: string; parent: string }[];
  rows: II06aRow[];
  total: II06aRow;
  freshness: Freshness[];
  /** The data date the figures are computed at (an instant; the end of a day is the next day's 00:00). */
  asOf?: string;
  /** The office the report goes to ("Đơn vị nhận báo cáo"); "" for a province. */
  receiver?: string;
  /** Dossiers withdrawn and stopped in the period, placed by endedPlacement. */
  withdrawn?: number;
  stopped?: number;
  endedPlacement?: EndedPlacement;
  verify: string;
  generatedAt: string;
}

export type TimingBasis = 'original' | 'current';
export const TIMING_BASES: readonly TimingBasis[] = ['original', 'current'];
export type EndedPlacement = 'note' | 'on_time';
export const ENDED_PLACEMENTS: readonly EndedPlacement[] = ['note', 'on_time'];

/**
 * A data date in Vietnam's time: {date: "10/12/2026", time: "14:30"}; an
 * instant at midnight is the end of the day before ({date, time: ""}).
 */
export function asOfParts(rfc3339: string | null | undefined): { date: string; time: string } | null {
  const ms = Date.parse(rfc3339 ?? '');
  if (!rfc3339 || Number.isNaN(ms)) return null;
  const vn = new Date(ms + 7 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = (d: Date) => `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
  if (vn.getUTCHours() === 0 && vn.getUTCMinutes() === 0 && vn.getUTCSeconds() === 0) {
    return { date: day(new Date(vn.getTime() - 1000)), time: '' };
  }
  return { date: day(vn), time: `${pad(vn.getUTCHours())}:${pad(vn.getUTCMinutes())}` };
}

export interface DrillRequest {
  column?: Column;
  sector?: string;
  target?: TargetKey;
  /** An indicator of the Decision 766 index, by its id ("6.1"). */
  indicator?: string;
  numerator?: boolean;
  month?: string;
  list?: 'overdue' | 'due_soon';
  limit?: number;
}

export interface DrillReply {
  total: number;
  items: DossierSummary[];
  procedures: { code: string; name: string }[];
}

export interface Target {
  key: TargetKey;
  numerator: number;
  denominator: number;
  value: number;
  known: boolean;
  goal: number;
  strict: boolean;
  met: boolean;
}

export interface MonthRate {
  month: string;
  resolved: number;
  onTime: number;
  rate: number;
}

export interface DashboardReply {
  office: string;
  period: PeriodInfo;
  targets: Target[];
  onTime: MonthRate[];
  overdue: number;
  dueSoon: number;
  /** Corrective actions (ISO) of the office and those below it, open past their due day. */
  overdueActions: number;
  /** Fixes inspectors required of the office and those below it, past their due day. */
  overdueFixes: number;
  /** Reminders from the offices above the office has not acknowledged yet. */
  reminders: number;
  /** Complaints of the office and those below it whose answer or its publication is past due. */
  complaintsOverdue?: number;
  generatedAt: string;
}

export interface ScaleValue {
  value: string;
  vi: string;
  en: string;
  satisfied: boolean;
}

export interface Indicator {
  key: string;
  name: string;
  /** How the records score it; absent or "" when entered by hand. */
  auto?: string;
  officer: boolean;
}

export interface Score {
  key: string;
  points: number;
  known: boolean;
  manual: boolean;
  basis: number;
}

export interface Satisfaction {
  who: string;
  name: string;
  ratings: Record<string, number>;
  rated: number;
  satisfied: number;
  share: number;
  scores: Score[];
  total: number;
  max: number;
  grade: string;
}

export interface SatisfactionReply {
  period: PeriodInfo | string;
  scale: ScaleValue[];
  indicators: Indicator[];
  offices: Satisfaction[];
  officers: Satisfaction[];
}

export interface ReconciliationRow {
  office: string;
  name: string;
  local: boolean;
  latest?: string;
  lastSync?: string;
  received: number;
  resolved: number;
  overdue: number;
  conflicts: number;
  waitingHere: number;
}

export interface ReconciliationReply {
  office: string;
  rows: ReconciliationRow[];
}

export type ExportFormat = 'pdf' | 'xlsx' | 'csv';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['pdf', 'xlsx', 'csv'];

export interface ExportReply {
  filename: string;
  mime: string;
  content: string;
  verify: string;
}

// --- Periods --------------------------------------------------------------------

export interface PeriodChoice {
  kind: PeriodKind;
  year: number;
  /** 1–4 */
  quarter: number;
  /** 1–12 */
  month: number;
}

/** The label Go parses: "2026Q4", "2026-11" or "2026". */
export function periodLabel(p: PeriodChoice): string {
  if (p.kind === 'year') return String(p.year);
  if (p.kind === 'month') return `${p.year}-${String(p.month).padStart(2, '0')}`;
  return `${p.year}Q${p.quarter}`;
}

/** The current quarter of this computer's date (the picker's default). */
export function currentPeriod(now = new Date()): PeriodChoice {
  const month = now.getMonth() + 1;
  return { kind: 'quarter', year: now.getFullYear(), quarter: Math.ceil(month / 3), month };
}

/** The years the picker offers: from 2015 to next year, newest first. */
export function yearChoices(now = new Date()): number[] {
  const out: number[] = [];
  for (let y = now.getFullYear() + 1; y >= 2015; y--) out.push(y);
  return out;
}

// --- Display rules ----------------------------------------------------------------

const DAY_MS = 86_400_000;
/** An office's figures older than this may be incomplete. */
export const STALE_DAYS = 7;

/** Whether an office's figures may be incomplete: never synced, or not for a week. */
export function isStale(f: Freshness, now = Date.now()): boolean {
  if (f.local) return false;
  const last = f.lastSync ? Date.parse(f.lastSync) : NaN;
  return Number.isNaN(last) || now - last > STALE_DAYS * DAY_MS;
}

/** 0.857 → "85,7%" (vi) / "85.7%" (en); whole numbers without decimals. */
export function formatPercent(value: number, lang: 'vi' | 'en'): string {
  const n = Math.round(value * 1000) / 10;
  const text = Number.isInteger(n) ? String(n) : n.toFixed(1);
  return `${lang === 'vi' ? text.replace('.', ',') : text}%`;
}

/** A target's goal: "100%", "≥ 80%", "> 60%". */
export function goalText(t: Pick<Target, 'goal' | 'strict'>, lang: 'vi' | 'en'): string {
  const pct = formatPercent(t.goal, lang);
  if (t.strict) return `> ${pct}`;
  return t.goal >= 1 ? pct : `≥ ${pct}`;
}

/** Points as entered: 1.5 → "1,5" (vi). */
export function formatPoints(n: number, lang: 'vi' | 'en'): string {
  const text = String(Math.round(n * 100) / 100);
  return lang === 'vi' ? text.replace('.', ',') : text;
}

/**
 * An indicator of the Decision 766 index as a figure: a share, days, a
 * count, or why there is none (tr is the translator, lang the locale).
 */
export function indicatorValue(
  x: Pick<gen.IndexIndicator, 'note' | 'known' | 'measure' | 'value' | 'denominator'>,
  tr: (key: string, params?: Record<string, string | number>) => string,
  lang: 'vi' | 'en',
): string {
  if (x.note === 'national') return tr('index766.national');
  if (!x.known) return tr('index766.noData');
  if (x.measure === 'avg_days') return tr('index766.days', { n: formatPoints(x.value, lang) });
  if (indicatorIsShare(x)) return formatPercent(x.value, lang);
  return formatPoints(x.value, lang);
}

// --- Calls --------------------------------------------------------------------------

function scope(s: ReportScope): ReportScope {
  const out: ReportScope = { period: s.period };
  if (s.office) out.office = s.office;
  if (s.window) out.window = s.window;
  if (s.asOf) out.asOf = s.asOf;
  return out;
}

export async function reportII06a(s: ReportScope): Promise<II06aReply> {
  // Go declares the rows as report.Row, whose cells it writes itself
  // (unknown in the generated types); the others are the report package's
  // own strings.
  return (await call('Reports.II06a', scope(s))) as II06aReply;
}

export async function reportDossiers(s: ReportScope, req: DrillRequest): Promise<DrillReply> {
  const r = await call('Reports.Dossiers', { ...scope(s), ...req });
  // Go leaves the procedures out (omitempty) when it lists none.
  return { ...r, procedures: r.procedures ?? [] };
}

export async function reportDashboard(s: ReportScope): Promise<DashboardReply> {
  const r = await call('Reports.Dashboard', scope(s));
  // report.Target's key is a plain string in Go (the report package's
  // targets, TARGETS here); the window knows no other.
  return { ...r, targets: r.targets as Target[] };
}

export function reportSatisfaction(s: ReportScope): Promise<SatisfactionReply> {
  return call('Reports.Satisfaction', scope(s));
}

export function setScores(s: ReportScope, who: string, officer: boolean, scores: Record<string, number>): Promise<SatisfactionReply> {
  const { office: _office, ...rest } = scope(s);
  return call('Reports.SetScores', { who, officer, ...rest, scores });
}

export function reportReconciliation(s: ReportScope): Promise<ReconciliationReply> {
  return call('Reports.Reconciliation', scope(s));
}

export function exportReport(s: ReportScope, format: ExportFormat): Promise<ExportReply> {
  return call('Reports.Export', { ...scope(s), format });
}

/** Saves an exported spreadsheet or CSV under Go's file name: the desktop's save dialog, or a download. */
export function saveExport(file: ExportReply): Promise<string> {
  return saveFile(file.filename || 'bao-cao.xlsx', file.content, file.mime);
}

// --- Report rules (Reports.Rules / Reports.SetRules, report.Rules) ---------------

/** An office's report rules, as report.Rules carries them. */
export interface ReportRules {
  /** The period window the office reports by. */
  window: ReportWindow;
  /** A dossier belongs to the period of its reception day (after 15:00: the next working day). */
  countFromReceptionDay: boolean;
  /** How many days ahead "due soon" looks (0 to MAX_DUE_SOON_DAYS). */
  dueSoonDays: number;
  timingBasis: TimingBasis;
  endedPlacement: EndedPlacement;
  /** The Decision 766 index's rules, kept as they are: the form does not edit them, and saving must not drop them. */
  index766?: gen.IndexRules;
}

export type ReportRulesField = Exclude<keyof ReportRules, 'index766'>;
export const REPORT_RULES_FIELDS: readonly ReportRulesField[] = [
  'window',
  'countFromReceptionDay',
  'dueSoonDays',
  'timingBasis',
  'endedPlacement',
];
/** report.MaxDueSoonDays */
export const MAX_DUE_SOON_DAYS = 30;

/** The rules in force at an office: its own, else the nearest office above with some, else the defaults. */
export interface ReportRulesReply {
  office: string;
  rules: ReportRules;
}

const DEFAULT_RULES: ReportRules = {
  window: 'fifteenth',
  countFromReceptionDay: true,
  dueSoonDays: 2,
  timingBasis: 'original',
  endedPlacement: 'note',
};

function rulesReply(r: Partial<{ office: string; rules: Partial<ReportRules> }> | null, office = ''): ReportRulesReply {
  const got = r?.rules ?? {};
  return {
    office: r?.office ?? office,
    rules: {
      window: got.window ?? DEFAULT_RULES.window,
      countFromReceptionDay: got.countFromReceptionDay ?? DEFAULT_RULES.countFromReceptionDay,
      dueSoonDays: got.dueSoonDays ?? DEFAULT_RULES.dueSoonDays,
      timingBasis: got.timingBasis || DEFAULT_RULES.timingBasis,
      endedPlacement: got.endedPlacement || DEFAULT_RULES.endedPlacement,
      ...(got.index766 ? { index766: got.index766 } : {}),
    },
  };
}

export async function reportRules(office?: string): Promise<ReportRulesReply> {
  return rulesReply((await call('Reports.Rules', office ? { office } : {})) as Partial<ReportRulesReply>, office);
}

/** Records the caller's office's report rules (administrators); the offices below without their own follow them. */
export async function setReportRules(rules: ReportRules): Promise<ReportRulesReply> {
  return rulesReply((await call('Reports.SetRules', { rules })) as Partial<ReportRulesReply>);
}

/** Go's field of a refused rule ("rules.timingBasis") → the form's, or null. */
export function reportRulesField(goField: string | undefined): ReportRulesField | null {
  const f = /^rules\.(\w+)$/.exec(goField ?? '')?.[1];
  return f && (REPORT_RULES_FIELDS as readonly string[]).includes(f) ? (f as ReportRulesField) : null;
}

/** The problems of rules typed in the form, by field. */
export function checkReportRules(r: { dueSoonDays: number | string }): Partial<Record<ReportRulesField, FieldProblem>> {
  const n = Number(r.dueSoonDays);
  return String(r.dueSoonDays).trim() === '' || !Number.isInteger(n) || n < 0 || n > MAX_DUE_SOON_DAYS
    ? { dueSoonDays: { key: 'reportRules.dueSoonRange', params: { max: MAX_DUE_SOON_DAYS } } }
    : {};
}
