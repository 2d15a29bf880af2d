// The one seam between the UI and Go. Components import only from here.
// Desktop window → the Wails Bridge; browser console → HTTP RPC. Same method
// names ("Service.Method") and the same shapes on both.
import { ApiError } from './api-error';
import type * as gen from './api.gen';
import { callHttp, getBundle, postBundle, type BundleProgress } from './transport/http';

export type { BundleProgress } from './transport/http';
import { captureToken, readToken } from './transport/token';
import { readSession, writeSession } from './transport/session';
import { callWails, wailsBridge } from './transport/wails';

export { ApiError };

export type Language = 'vi' | 'en';

export interface Office {
  code: string;
  name: string;
}

export interface SystemInfo {
  version: string;
  office: Office;
  peerId: string;
  dataDir: string;
  /** Node's configured UI language; "" when unset. */
  language: string;
  /** "offline" | "idle" | "syncing" | "error" (more may come). */
  syncState: string;
}

// Take the token out of the address bar as soon as the app loads.
captureToken();

// Told when a call fails with "unauthenticated": the session ended (logged
// out elsewhere, expired, the account disabled). The auth store listens and
// brings the login screen back.
type SessionListener = () => void;
const sessionListeners = new Set<SessionListener>();

/** Calls `listener` whenever a call finds the session gone; returns the unsubscribe. */
export function onSessionLost(listener: SessionListener): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

export async function call<T>(method: string, params?: object): Promise<T> {
  const session = readSession();
  try {
    const bridge = wailsBridge();
    if (bridge) return (await callWails(bridge, method, params, session)) as T;
    return (await callHttp(method, params, readToken(), window.location.origin, session)) as T;
  } catch (err) {
    throw sessionChecked(err);
  }
}

/** The error, after telling the listeners when it says the session is gone. */
function sessionChecked(err: unknown): ApiError {
  const e = ApiError.from(err);
  if (e.code === 'unauthenticated') {
    writeSession(null);
    for (const listener of [...sessionListeners]) listener();
  }
  return e;
}

/**
 * In a browser, the bundle Sync.ExportBundle would give, streamed from the
 * node's GET /bundle/export; null in the desktop window, which calls
 * Sync.ExportBundle.
 */
export async function downloadBundle(query: { peer?: string; all?: boolean }): Promise<{ filename: string; blob: Blob; events: number } | null> {
  if (wailsBridge()) return null;
  try {
    return await getBundle(query, readToken(), window.location.origin, readSession());
  } catch (err) {
    throw sessionChecked(err);
  }
}

/**
 * Imports a bundle file as Sync.ImportBundle does: in the desktop window
 * through the bridge (base64), in a browser streamed to the node's
 * POST /bundle/import, which takes files of any size, reporting the upload
 * and the node's verification and import to onprogress.
 */
export async function importBundleFile<T>(file: Blob, asBase64: () => Promise<string>, onprogress?: (p: BundleProgress) => void): Promise<T> {
  if (wailsBridge()) return call<T>('Sync.ImportBundle', { content: await asBase64() });
  try {
    return (await postBundle(file, readToken(), window.location.origin, readSession(), onprogress)) as T;
  } catch (err) {
    throw sessionChecked(err);
  }
}

export function systemInfo(): Promise<SystemInfo> {
  return call<SystemInfo>('System.Info');
}

export function setLanguage(language: Language): Promise<{ language: Language }> {
  return call<{ language: Language }>('System.SetLanguage', { language });
}

// --- Vault: the encrypted data folder ---------------------------------------
// The data key is sealed by the OS key store, an office passphrase, a key file
// or an environment variable. Until the vault is "ready" every other method
// fails with code "locked", so the window asks for the passphrase first.

export type VaultState = 'ready' | 'locked' | 'setup' | 'failed';
/** How the data key is sealed; "" when not known yet (e.g. before setup). */
export type VaultMethod = 'os' | 'passphrase' | 'keyfile' | 'env' | '';

export interface VaultStatus {
  state: VaultState;
  method: VaultMethod;
  /** Whether this computer has an OS key store that could seal the key. */
  osKeyStore: boolean;
  /**
   * Non-empty only right after setup or after an unlock with the recovery key
   * (which issues a new one), until AcknowledgeRecovery.
   */
  recoveryKey: string;
  /** Set when state is "failed". */
  error?: { code: string; message: string; field?: string };
}

/**
 * Exactly one of the two secrets. Unlocking with the recovery key re-seals the
 * data key and issues a new recovery key: where there is no OS key store
 * (osKeyStore false) the office must choose a new passphrase in the same step,
 * else Go answers invalid_input with field "newPassphrase".
 */
export type VaultSecret =
  | { passphrase: string }
  | { recoveryKey: string; newPassphrase?: string };

export function vaultStatus(): Promise<VaultStatus> {
  return call<VaultStatus>('Vault.Status');
}

export function vaultSetup(passphrase: string): Promise<{ recoveryKey: string }> {
  return call<{ recoveryKey: string }>('Vault.Setup', { passphrase });
}

/**
 * Opens the data folder; the status it answers carries the new recovery key
 * after an unlock with the recovery key.
 */
export function vaultUnlock(secret: VaultSecret): Promise<VaultStatus> {
  return call<VaultStatus>('Vault.Unlock', secret);
}

export function vaultAcknowledgeRecovery(): Promise<VaultStatus> {
  return call<VaultStatus>('Vault.AcknowledgeRecovery');
}

// --- Setup and logins ---------------------------------------------------------

export type Role = 'clerk' | 'officer' | 'leader' | 'admin' | 'inspector';
/** Every role, in the order the interface shows them. */
export const ROLES: readonly Role[] = ['clerk', 'officer', 'leader', 'admin', 'inspector'];

export interface UserInfo {
  id: string;
  username: string;
  fullName: string;
  /** The office code. */
  office: string;
  roles: Role[];
  disabled: boolean;
  /** Failed logins locked the account on this node. */
  locked: boolean;
}

export interface SetupStatus {
  needed: boolean;
  office: Office;
}

export interface OfficeRecord {
  code: string;
  name: string;
  /** "" for a root. */
  parent: string;
  /** Prefixes the dossier codes; Go defaults it to the code. */
  agencyId: string;
  /** The issuing body printed in bold on papers; "" = the name. */
  header?: string;
  phone?: string;
  /** YYYY-MM-DD the office ceased (e.g. a district on 2025-07-01); "" = still in being. */
  ended?: string;
  version?: number;
}

export interface SetupRequest {
  office: { code: string; name: string; parent: string; agencyId: string };
  admin: { username: string; fullName: string; password: string };
}

export interface LoginReply {
  session: string;
  user: UserInfo;
}

export function setupStatus(): Promise<SetupStatus> {
  return call<SetupStatus>('Setup.Status');
}

/** Creates the office and its administrator and logs the administrator in. */
export function setupOffice(req: SetupRequest): Promise<LoginReply> {
  return call<LoginReply>('Setup.Office', req);
}

export function login(username: string, password: string): Promise<LoginReply> {
  return call<LoginReply>('Auth.Login', { username, password });
}

export function logout(session: string): Promise<unknown> {
  return call('Auth.Logout', { session });
}

export function me(): Promise<UserInfo> {
  return call<UserInfo>('Auth.Me');
}

// --- Offices and users --------------------------------------------------------

// Go encodes nil slices as [] (app/reply.go): a list field is always an
// array, so the wrappers below take it as it comes.

export async function listOffices(): Promise<OfficeRecord[]> {
  return (await call<{ offices: OfficeRecord[] }>('Offices.List')).offices;
}

export function saveOffice(office: Omit<OfficeRecord, 'version'>): Promise<OfficeRecord> {
  return call<OfficeRecord>('Offices.Save', office);
}

export interface SaveUserRequest {
  /** Absent when creating. */
  id?: string;
  username: string;
  fullName: string;
  office: string;
  roles: Role[];
  /** Required when creating; absent keeps the password. */
  password?: string;
}

export async function listUsers(office?: string): Promise<UserInfo[]> {
  return (await call<{ users: UserInfo[] }>('Users.List', office ? { office } : {})).users;
}

export function saveUser(req: SaveUserRequest): Promise<UserInfo> {
  return call<UserInfo>('Users.Save', req);
}

export function unlockUser(id: string): Promise<UserInfo> {
  return call<UserInfo>('Users.Unlock', { id });
}

export function disableUser(id: string, disabled: boolean): Promise<UserInfo> {
  return call<UserInfo>('Users.Disable', { id, disabled });
}

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
  const r = await call<Partial<FeeQuote & { quoted: boolean }> | null>('Fees.Quote', req);
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
  return call<CatalogList>('Catalog.List', params);
}

export function getProcedure(code: string, version?: number): Promise<ProcedureDetail> {
  return call<ProcedureDetail>('Catalog.Get', version === undefined ? { code } : { code, version });
}

export function saveProcedure(procedure: Procedure): Promise<ProcedureDetail> {
  return call<ProcedureDetail>('Catalog.Save', { procedure });
}

export function importCatalog(req: ImportRequest): Promise<ImportResult> {
  return call<ImportResult>('Catalog.Import', req);
}

export function exportCatalog(format: CatalogFormat): Promise<ExportedFile> {
  return call<ExportedFile>('Catalog.Export', { format });
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

// --- Working-day calendar ---------------------------------------------------------

export type HolidayKind = 'statutory' | 'tet' | 'makeup' | 'extra';

export interface NamedDate {
  /** YYYY-MM-DD */
  date: string;
  name?: string;
  nameEn?: string;
}

export interface Holiday {
  date: string;
  name: string;
  nameEn: string;
  kind: HolidayKind;
  makesUpFor?: string;
}

export interface CalendarOverride {
  year: number;
  tetDays?: string[];
  nationalDayExtra?: string;
  extraDaysOff?: NamedDate[];
  swappedWorkingDays?: NamedDate[];
  notes?: string;
}

export interface HolidaysReply {
  year: number;
  holidays: Holiday[];
  swappedWorkingDays: NamedDate[];
  override: CalendarOverride | null;
}

export interface DueDateReply {
  /** RFC 3339, +07:00. */
  due: string;
  /** YYYY-MM-DD */
  receptionDay: string;
}

function holidaysReply(r: Partial<HolidaysReply> | null, year: number): HolidaysReply {
  return {
    year: r?.year ?? year,
    holidays: r?.holidays ?? [],
    swappedWorkingDays: r?.swappedWorkingDays ?? [],
    override: r?.override ?? null,
  };
}

export async function holidays(year: number): Promise<HolidaysReply> {
  return holidaysReply(await call<Partial<HolidaysReply>>('Calendar.Holidays', { year }), year);
}

export async function setCalendarOverride(override: CalendarOverride): Promise<HolidaysReply> {
  return holidaysReply(
    await call<Partial<HolidaysReply>>('Calendar.SetOverride', { override }),
    override.year,
  );
}

export async function removeCalendarOverride(year: number): Promise<HolidaysReply> {
  return holidaysReply(await call<Partial<HolidaysReply>>('Calendar.RemoveOverride', { year }), year);
}

// The holiday and due rules as reference data (app/calendar.go): each
// office publishes complete rules with their legal basis and the day they
// apply from; a desk computes with those of its own office and the offices
// above it, each from its date.

/** A rule limited to the years from–to (0 or absent = open). */
export interface RuleYears {
  from?: number;
  to?: number;
}

/** A holiday on a fixed day of the solar year. */
export interface SolarHoliday extends RuleYears {
  month: number;
  day: number;
  name: string;
  nameEn: string;
}

/** A holiday on a fixed day of a lunar month. */
export interface LunarHoliday extends RuleYears {
  month: number;
  day: number;
  name: string;
  nameEn: string;
}

/**
 * calendar.Rules. The Tết, adjacent-day and make-up rules are carried as
 * Go sent them (this screen edits the fixed-date holidays only).
 */
export interface HolidayRules {
  /** 0 = Sunday … 6 = Saturday. */
  workingWeekdays: number[];
  solar: SolarHoliday[];
  lunar: LunarHoliday[];
  tet: object[];
  nationalDayExtra: object[];
  makeUp: string;
}

/** calendar.DueRules: "HH:MM". */
export interface DueRules {
  cutoff: string;
  dueTime: string;
}

export interface CalendarRules {
  rules: HolidayRules;
  due: DueRules;
  basis: string;
  /** YYYY-MM-DD */
  effective: string;
}

/** One publication; the built-in rules are version 0 of office "". */
export interface CalendarRuleVersion extends CalendarRules {
  office: string;
  version: number;
  actor: string;
  /** RFC 3339; absent or zero for the built-in rules. */
  recordedAt?: string;
}

export interface CalendarRulesReply {
  office: string;
  inForce: CalendarRuleVersion;
  /** The versions that govern the office, each from its effective date, the built-in rules first. */
  timeline: CalendarRuleVersion[];
  /** Every version the office itself published, oldest first. */
  own: CalendarRuleVersion[];
}

function calendarRulesReply(r: Partial<CalendarRulesReply> | null): CalendarRulesReply {
  const timeline = r?.timeline ?? [];
  return {
    office: r?.office ?? '',
    inForce: r?.inForce ?? timeline[0],
    timeline,
    own: r?.own ?? [],
  };
}

export async function calendarRules(office?: string): Promise<CalendarRulesReply> {
  return calendarRulesReply(await call<Partial<CalendarRulesReply>>('Calendar.Rules', office ? { office } : {}));
}

/** Publishes the caller's office's rules (administrators); Go answers with those now governing it. */
export async function setCalendarRules(rules: CalendarRules): Promise<CalendarRulesReply> {
  return calendarRulesReply(await call<Partial<CalendarRulesReply>>('Calendar.SetRules', rules));
}

/** received: RFC 3339 with +07:00. */
export function dueDate(received: string, workingDays: number): Promise<DueDateReply> {
  return call<DueDateReply>('Calendar.DueDate', { received, workingDays });
}

// --- Dossiers: reception and the one-stop lifecycle -------------------------------
// Shapes of app/dossiers.go, app/dossier_search.go and the dossier package.

export type Channel = 'in_person' | 'post' | 'online';
export const CHANNELS: readonly Channel[] = ['in_person', 'post', 'online'];

export type DossierStatus =
  | 'received'
  | 'handed_over'
  | 'assigned'
  | 'appraised'
  | 'transferred'
  | 'supplement_requested'
  | 'payment_requested'
  | 'submitted'
  | 'signed'
  | 'refused'
  | 'result_at_desk'
  | 'returned'
  | 'not_accepted'
  | 'withdrawn'
  | 'stopped';

export const DOSSIER_STATUSES: readonly DossierStatus[] = [
  'received',
  'handed_over',
  'assigned',
  'appraised',
  'transferred',
  'supplement_requested',
  'payment_requested',
  'submitted',
  'signed',
  'refused',
  'result_at_desk',
  'returned',
  'not_accepted',
  'withdrawn',
  'stopped',
];

/** "dossier.handed_over", … (dossier/kind.go). */
export type ActionKind = `dossier.${string}`;

export type Timing = 'early' | 'on_time' | 'late' | '';
export type Rating = 'very_satisfied' | 'satisfied' | 'unsatisfied';
export const RATINGS: readonly Rating[] = ['very_satisfied', 'satisfied', 'unsatisfied'];

export type ApplicantKind = 'person' | 'organisation';
export const APPLICANT_KINDS: readonly ApplicantKind[] = ['person', 'organisation'];

/** Someone filing for the applicant (người được ủy quyền / người đại diện). */
export type Representative = gen.Representative;

export type Applicant = gen.Applicant;

export type ReceivedDocument = gen.ReceivedDocument;

export interface ReceiveRequest {
  procedure: string;
  applicant: Applicant;
  channel: Channel;
  documents: ReceivedDocument[];
  sets: number;
  /** The reason shown on Form 02 when the dossier is incomplete. */
  note?: string;
  /** The phone to call on Form 02; Go defaults it to the office's. */
  contact?: string;
  /**
   * The reason the procedure's extended time limit applies ("cần xác minh");
   * absent or "" = the normal limit. Go refuses it (field "extended") when
   * the procedure has no extended limit.
   */
  extended?: string;
  /** What the fee depends on (pages, copies, an exemption); Go computes it. */
  fee?: FeeInput;
}

/** The extended time limit a dossier was received under, and why. */
export type Extension = gen.Extension;

export type Holder = gen.Holder;

export type StepRow = gen.StepRow;

export type TimelineEntry = gen.Entry;

export type DossierConflict = gen.Conflict;

export type DossierTask = gen.Task;

export type Dossier = gen.Dossier;

/** An appraisal's conclusion: approve, propose refusal, propose a supplement. */
export type Opinion = 'approve' | 'refuse' | 'supplement';

/** The officer's conclusion, as the dossier keeps its latest. */
export type Appraisal = gen.Appraisal;

/** One appraisal as its event recorded it (app/appraisals.go), for the timeline. */
export type AppraisalNote = gen.AppraisalNote;

export type PaymentMethod = 'cash' | 'transfer';
export const PAYMENT_METHODS: readonly PaymentMethod[] = ['cash', 'transfer'];

export type Payment = gen.Payment;

export interface ReceiveReply {
  received: boolean;
  missing: string[];
  code: string;
  dossier?: Dossier;
  /** When incomplete: the intake attempt recorded, for printing its Form 02. */
  intake?: string;
}

export type DossierReply = gen.DossierReply;

/** A row of Dossiers.Search. */
export type DossierSummary = gen.DossierSummary;

export interface SearchRequest {
  query?: string;
  status?: string;
  holder?: string;
  excludeOffice?: string;
  /** Overdue and due soon as the reports judge them (report.StandingAt, the office's rules). */
  overdue?: boolean;
  dueSoon?: boolean;
  /** Days of reception, "YYYY-MM-DD" in Vietnam, both included. */
  receivedFrom?: string;
  receivedTo?: string;
  /** The user who received the dossier at the desk (an ID). */
  receivedBy?: string;
  /** Asks for the total: how many match in all. */
  count?: boolean;
  page?: number;
  pageSize?: number;
}

export interface SearchReply {
  items: DossierSummary[];
  page: number;
  pageSize: number;
  more: boolean;
  /** How many match in all, when the request asked to count. */
  total?: number;
  /** The count stopped there: "total+". */
  totalCapped?: boolean;
}

/**
 * An incomplete intake: a dossier the desk could not receive because papers
 * were missing (app/intake.go). It has no code and no book entry; its Form
 * 02 prints again by its id (printForm('supplement', '', {intake: id})).
 */
export interface IntakeAttempt {
  id: string;
  /** The office whose desk recorded it. */
  office: string;
  procedure: { code: string; name: string; version?: number; timeLimitWD?: number };
  applicant: Applicant;
  channel: Channel;
  documents: ReceivedDocument[];
  /** Every paper missing, as Form 02 prints it. */
  missing: string[];
  /** The reason the clerk gave. */
  note: string;
  /** The phone to call the clerk gave; "" = the office's. */
  contact: string;
  /** The user ID of the clerk who recorded it. */
  clerk: string;
  /** RFC 3339, +07:00: when the applicant came. */
  at: string;
  /** The form set in force then ("TT03/2025"); absent or "": by `at`. */
  formSet?: string;
}

export interface IntakesRequest {
  /** YYYY-MM-DD, included; absent = no bound. */
  from?: string;
  /** YYYY-MM-DD, included; absent = no bound. */
  to?: string;
  page?: number;
  pageSize?: number;
}

export interface IntakesReply {
  /** Newest first. */
  items: IntakeAttempt[];
  /** How many attempts the period holds, over every page. */
  total: number;
  page: number;
  pageSize: number;
  more: boolean;
}

export interface DirectoryEntry {
  id: string;
  fullName: string;
  office: string;
}

export function receiveDossier(req: ReceiveRequest): Promise<ReceiveReply> {
  return call<ReceiveReply>('Dossiers.Receive', req);
}

export async function searchDossiers(req: SearchRequest): Promise<SearchReply> {
  const reply = await call<Partial<SearchReply> | null>('Dossiers.Search', req);
  return {
    items: reply?.items ?? [],
    page: reply?.page ?? req.page ?? 1,
    pageSize: reply?.pageSize ?? req.pageSize ?? 20,
    more: Boolean(reply?.more),
    ...(req.count ? { total: reply?.total ?? 0, totalCapped: Boolean(reply?.totalCapped) } : {}),
  };
}

/** The caller's office's incomplete intakes in a period, newest first, with their number. */
export async function listIntakes(req: IntakesRequest = {}): Promise<IntakesReply> {
  const params: IntakesRequest = {};
  if (req.from) params.from = req.from;
  if (req.to) params.to = req.to;
  if (req.page) params.page = req.page;
  if (req.pageSize) params.pageSize = req.pageSize;
  const reply = await call<Partial<IntakesReply> | null>('Dossiers.Intakes', params);
  const items = (reply?.items ?? []).map((a) => ({
    ...a,
    missing: a?.missing ?? [],
    documents: a?.documents ?? [],
    note: a?.note ?? '',
    contact: a?.contact ?? '',
  }));
  return {
    items,
    total: reply?.total ?? items.length,
    page: reply?.page ?? req.page ?? 1,
    pageSize: reply?.pageSize ?? req.pageSize ?? 20,
    more: Boolean(reply?.more),
  };
}

/** One access to citizens' personal data (Go's app.AccessEntry). */
export interface AccessEntry {
  id: string;
  /** RFC 3339, in Vietnam's zone. */
  at: string;
  /** The user's ID ("operator" for the node's console). */
  actor: string;
  /** The user's full name when it happened. */
  name: string;
  roles: Role[];
  /** The user's office. */
  office: string;
  /** "export": a sync bundle; "read": a dossier read by someone who does not hold it. */
  action: 'export' | 'read';
  /** "Sync.ExportBundle", "Dossiers.Get", "Dossiers.History", "Print.Form", or a book's: "Print.Book", "Print.FeeBook", "Fees.Book", "Fees.Export". */
  method: string;
  /** A dossier's code, a book's subject ("book/38001/2026-11-01/2026-11-30"), or for an export "all" or "since-last-sync". */
  scope: string;
  /** The paper printed (Print.Form). */
  form?: string;
  /** For whom: the bundle's recipient (peer, office), or the citizen whose dossier was read. */
  for: string;
  /** How many events the bundle held. */
  events?: number;
  /** How many dossiers or receipts a book read listed (Print.Book, Fees.*). */
  rows?: number;
}

export interface AccessLogRequest {
  /** YYYY-MM-DD, included; absent = no bound. */
  from?: string;
  /** YYYY-MM-DD, included; absent = no bound. */
  to?: string;
  page?: number;
  pageSize?: number;
}

export interface AccessLogReply {
  /** Newest first. */
  items: AccessEntry[];
  total: number;
  page: number;
  pageSize: number;
  more: boolean;
}

/** The access log this node holds (its office's and its offices' below): leaders, inspectors, administrators. */
export async function listAccessLog(req: AccessLogRequest = {}): Promise<AccessLogReply> {
  const params: AccessLogRequest = {};
  if (req.from) params.from = req.from;
  if (req.to) params.to = req.to;
  if (req.page) params.page = req.page;
  if (req.pageSize) params.pageSize = req.pageSize;
  const reply = await call<Partial<AccessLogReply> | null>('Records.AccessLog', params);
  const items = (reply?.items ?? []).map((a) => ({ ...a, roles: a?.roles ?? [], for: a?.for ?? '' }));
  return {
    items,
    total: reply?.total ?? items.length,
    page: reply?.page ?? req.page ?? 1,
    pageSize: reply?.pageSize ?? req.pageSize ?? 50,
    more: Boolean(reply?.more),
  };
}

export function getDossier(code: string): Promise<DossierReply> {
  return call<DossierReply>('Dossiers.Get', { code });
}

export function actOnDossier(code: string, action: ActionKind, body: object): Promise<DossierReply> {
  return call<DossierReply>('Dossiers.Act', { code, action, body });
}

export async function userDirectory(): Promise<DirectoryEntry[]> {
  return (await call<{ users: DirectoryEntry[] }>('Users.Directory')).users;
}

// --- Printing and checking printed documents --------------------------------------
// The papers of one dossier by doc kind (Go picks the form set: Circular
// 03/2025 from 1 July 2025, Circular 01/2018 for what was received before),
// the tracking book for a period; each comes back as a PDF whose QR text
// Records.Verify checks.

/**
 * receipt (Form 01), supplement (02), refusal at the desk, refusal_notice
 * (after appraisal: the competent agency's notice), apology, stop (notice
 * of stopped processing; 2025 set only), control (process control sheet).
 */
export type DocKind = 'receipt' | 'supplement' | 'refusal' | 'refusal_notice' | 'apology' | 'stop' | 'control';
/** In print order. */
export const DOC_KINDS: readonly DocKind[] = ['receipt', 'supplement', 'refusal', 'refusal_notice', 'apology', 'stop', 'control'];

export interface PrintOptions {
  /** How many copies in one PDF; absent or 0 = the office's setting. */
  copies?: number;
  /** An incomplete intake's ID: its Form 02 (doc "supplement", no code). */
  intake?: string;
}

/** A tracking book the office keeps: one per sector or sector group. */
export interface BookSetting {
  id: string;
  name: string;
  sectors: string[];
}

export interface PrintSettings {
  /** Copies of a receipt (and of a desk's Form 02), 1 to 5; usually 2. */
  receiptCopies: number;
  /** The phone to call printed on Form 02. */
  contactPhone: string;
  books: BookSetting[];
}

export const DEFAULT_RECEIPT_COPIES = 2;

export interface FormReply {
  filename: string;
  /** "application/pdf" */
  mime: string;
  /** The PDF, base64. */
  content: string;
  /** Earlier prints of this form on this node; 0 = the first. */
  reprint: number;
  /** The text of the document's QR code. */
  verify: string;
  /** The template version used, e.g. "TT01/2018"; "" when Go does not say. */
  template: string;
  /** The form set printed with ("TT03/2025"); "" when Go does not say. */
  set: string;
  /** The form's number in that set ("01"); "" for a paper without one. */
  form: string;
}

export interface BookRequest {
  office?: string;
  /** YYYY-MM-DD */
  from: string;
  /** YYYY-MM-DD */
  to: string;
  /**
   * Which of the office's books (a BookSetting's id); "" or absent = the
   * general book: every dossier of the sectors no book names (all of them
   * when the office keeps no books).
   */
  book?: string;
}

export type VerifyStatus = 'match' | 'changed' | 'differs' | 'unknown';

export interface AddedEvent {
  kind: string;
  /** RFC 3339 */
  at: string;
  actor: string;
  office: string;
}

export interface VerifyReply {
  status: VerifyStatus;
  office: string;
  subject: string;
  printedEvents: number;
  currentEvents: number;
  added: AddedEvent[];
  details: string[];
}

function formReply(r: Partial<FormReply> | null): FormReply {
  return {
    filename: r?.filename || 'hoso.pdf',
    mime: r?.mime || 'application/pdf',
    content: r?.content ?? '',
    reprint: r?.reprint ?? 0,
    verify: r?.verify ?? '',
    template: r?.template ?? '',
    set: r?.set ?? '',
    form: r?.form ?? '',
  };
}

export async function printForm(form: DocKind, code: string, opts: PrintOptions = {}): Promise<FormReply> {
  const params: { form: DocKind; code?: string; intake?: string; copies?: number } = { form };
  if (code) params.code = code;
  if (opts.intake) params.intake = opts.intake;
  if (opts.copies) params.copies = opts.copies;
  return formReply(await call<Partial<FormReply>>('Print.Form', params));
}

function printSettingsReply(r: Partial<PrintSettings> | null): PrintSettings {
  const copies = Number(r?.receiptCopies);
  return {
    receiptCopies: Number.isInteger(copies) && copies > 0 ? copies : DEFAULT_RECEIPT_COPIES,
    contactPhone: r?.contactPhone ?? '',
    books: (r?.books ?? []).map((b) => ({ id: b?.id ?? '', name: b?.name ?? '', sectors: b?.sectors ?? [] })),
  };
}

interface PrintSettingsReply {
  office: string;
  /** The office whose own settings these are; "" for the defaults. */
  source: string;
  settings: Partial<PrintSettings> | null;
}

/** The printing settings in force for this office (its own, else inherited down the tree, else the defaults). */
export async function printSettings(): Promise<PrintSettings> {
  const reply = await call<Partial<PrintSettingsReply> | null>('Print.Settings');
  return printSettingsReply(reply?.settings ?? null);
}

/** Records this office's own printing settings; Go answers with those now in force. */
export async function setPrintSettings(settings: PrintSettings): Promise<PrintSettings> {
  const reply = await call<Partial<PrintSettingsReply> | null>('Print.SetSettings', { settings });
  return printSettingsReply(reply?.settings ?? null);
}

/** The tracking book of a period (Form 07 of 2025, 06 of 2018; A4 landscape), of one of the office's books. */
export async function printBook(req: BookRequest): Promise<FormReply> {
  return formReply(await call<Partial<FormReply>>('Print.Book', req));
}

// --- Fees paid at the desk and the fee book (app/fees.go) ----------------------------

/** What a dossier was asked to pay and paid (Fees.Status, Fees.Pay). */
export interface FeeStatus {
  code: string;
  askedVND: number;
  paidVND: number;
  /** What remains unpaid of the open request; 0 when none is open. */
  owedVND: number;
  payments: Payment[];
  /** The receipt number Fees.Pay just issued; "" from Fees.Status. */
  receipt?: string;
}

export interface PayRequest {
  code: string;
  /** 0 = the amount asked (the open request's, or the fee quoted at reception). */
  amountVND: number;
  method: PaymentMethod;
  /** The request's note when Pay asks the fee itself. */
  note?: string;
}

/** The desks of an office are numbered 0–9; -1 asks for every desk. */
export const ALL_DESKS = -1;
export const MAX_DESK = 9;

export interface FeeBookRequest {
  /** "" = the caller's office. */
  office?: string;
  desk: number;
  /** YYYY-MM-DD, both included. */
  from: string;
  to: string;
}

export interface FeeEntry {
  no: number;
  receipt: string;
  paidAt: string;
  /** YYYY-MM-DD in Vietnam's time. */
  day: string;
  desk: number;
  code: string;
  applicant: string;
  procedure: string;
  method: PaymentMethod | '';
  amountVND: number;
  clerk: string;
  clerkName: string;
  event: string;
}

export interface FeeTotal {
  count: number;
  cashVND: number;
  transferVND: number;
  totalVND: number;
}

export interface FeeDay extends FeeTotal {
  day: string;
}

export interface FeeBook {
  office: string;
  officeName: string;
  desk: number;
  from: string;
  to: string;
  entries: FeeEntry[];
  days: FeeDay[];
  total: FeeTotal;
  generatedAt: string;
  verify: string;
}

function feeStatus(r: Partial<FeeStatus> | null, code: string): FeeStatus {
  return {
    code: r?.code ?? code,
    askedVND: r?.askedVND ?? 0,
    paidVND: r?.paidVND ?? 0,
    owedVND: r?.owedVND ?? 0,
    payments: r?.payments ?? [],
    receipt: r?.receipt ?? '',
  };
}

export async function feeStatusOf(code: string): Promise<FeeStatus> {
  return feeStatus(await call<Partial<FeeStatus> | null>('Fees.Status', { code }), code);
}

/** Records a payment at the desk with the next number of the desk's receipt series. */
export async function payFee(req: PayRequest): Promise<FeeStatus> {
  return feeStatus(await call<Partial<FeeStatus> | null>('Fees.Pay', req), req.code);
}

function feeBookParams(req: FeeBookRequest): FeeBookRequest {
  const out: FeeBookRequest = { desk: req.desk, from: req.from, to: req.to };
  if (req.office) out.office = req.office;
  return out;
}

const NO_TOTAL: FeeTotal = { count: 0, cashVND: 0, transferVND: 0, totalVND: 0 };

export async function feeBook(req: FeeBookRequest): Promise<FeeBook> {
  const r = await call<Partial<FeeBook> | null>('Fees.Book', feeBookParams(req));
  return {
    office: r?.office ?? req.office ?? '',
    officeName: r?.officeName ?? '',
    desk: r?.desk ?? req.desk,
    from: r?.from ?? req.from,
    to: r?.to ?? req.to,
    entries: r?.entries ?? [],
    days: r?.days ?? [],
    total: r?.total ?? NO_TOTAL,
    generatedAt: r?.generatedAt ?? '',
    verify: r?.verify ?? '',
  };
}

/** The fee book as an XLSX workbook (amounts as numbers). */
export function exportFeeBook(req: FeeBookRequest): Promise<ExportedFile> {
  return call<ExportedFile>('Fees.Export', feeBookParams(req));
}

/** The fee book printed A4 landscape, with its QR code. */
export async function printFeeBook(req: FeeBookRequest): Promise<FormReply> {
  return formReply(await call<Partial<FormReply>>('Print.FeeBook', feeBookParams(req)));
}

// --- The law as data: the history of rule versions (app/rules_history.go) ----------

export type RuleKind = 'calendar' | 'override' | 'report' | 'template' | 'catalog';
export const RULE_KINDS: readonly RuleKind[] = ['calendar', 'override', 'report', 'template', 'catalog'];

export interface RuleChange {
  kind: RuleKind;
  /** The record ("calendar/rules/38"). */
  subject: string;
  /** The event's kind ("calendar.rules_published"). */
  event: string;
  /** Which rule: a year, a form set and paper, a procedure's code and name. */
  summary: string;
  /** Its number among the subject's changes, from 1. */
  version: number;
  office: string;
  officeName: string;
  actor: string;
  actorName: string;
  basis?: string;
  /** YYYY-MM-DD */
  effective?: string;
  recordedAt: string;
  /** From this office or an office above it: this desk applies it. */
  applies: boolean;
}

/** Every version of the rules held on this node, most recent first; kind "" = all. */
export async function rulesHistory(kind: RuleKind | '' = ''): Promise<RuleChange[]> {
  return (await call<{ changes: RuleChange[] }>('Rules.History', kind ? { kind } : {})).changes;
}

/** Checks the QR text of a printed document against this node's records. */
export async function verifyPrint(text: string): Promise<VerifyReply> {
  const r = await call<Partial<VerifyReply> | null>('Records.Verify', { text });
  return {
    status: r?.status ?? 'unknown',
    office: r?.office ?? '',
    subject: r?.subject ?? '',
    printedEvents: r?.printedEvents ?? 0,
    currentEvents: r?.currentEvents ?? 0,
    added: r?.added ?? [],
    details: r?.details ?? [],
  };
}
