import { call } from './core';
import type * as gen from '../api.gen';
import type { FeeInput } from './catalog';
import type { Role } from './users';

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

export type DirectoryEntry = gen.DirectoryEntry;

export function receiveDossier(req: ReceiveRequest): Promise<ReceiveReply> {
  return call('Dossiers.Receive', req);
}

export async function searchDossiers(req: SearchRequest): Promise<SearchReply> {
  const reply = await call('Dossiers.Search', req);
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
  const reply = await call('Dossiers.Intakes', params);
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
  const reply = await call('Records.AccessLog', params);
  // Roles and actions are strings in Go; the UI knows their values.
  const items = (reply?.items ?? []).map((a) => ({ ...a, roles: a?.roles ?? [], for: a?.for ?? '' })) as AccessEntry[];
  return {
    items,
    total: reply?.total ?? items.length,
    page: reply?.page ?? req.page ?? 1,
    pageSize: reply?.pageSize ?? req.pageSize ?? 50,
    more: Boolean(reply?.more),
  };
}

export function getDossier(code: string): Promise<DossierReply> {
  return call('Dossiers.Get', { code });
}

export function actOnDossier(code: string, action: ActionKind, body: object): Promise<DossierReply> {
  return call('Dossiers.Act', { code, action, body });
}

export async function userDirectory(): Promise<DirectoryEntry[]> {
  return (await call('Users.Directory')).users;
}
