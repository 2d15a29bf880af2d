import { call } from './core';
import type * as gen from '../api.gen';
import type { FeeInput } from './catalog';

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

export type DossierTask = gen.DossierTask;

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
export type IntakeAttempt = gen.IntakeAttempt;

export interface IntakesRequest {
  /** YYYY-MM-DD, included; absent = no bound. */
  from?: string;
  /** YYYY-MM-DD, included; absent = no bound. */
  to?: string;
  page?: number;
  pageSize?: number;
}

/** A page of incomplete intakes, newest first, and how many the period holds. */
export type IntakesReply = gen.IntakesReply;

export type DirectoryEntry = gen.DirectoryEntry;

export function receiveDossier(req: ReceiveRequest): Promise<ReceiveReply> {
  return call('Dossiers.Receive', req);
}

export async function searchDossiers(req: SearchRequest): Promise<SearchReply> {
  const { total, totalCapped, ...page } = await call('Dossiers.Search', req);
  // Go counts only when asked: the total says nothing otherwise.
  return req.count ? { ...page, total, totalCapped: Boolean(totalCapped) } : page;
}

/** The caller's office's incomplete intakes in a period, newest first, with their number. */
export function listIntakes(req: IntakesRequest = {}): Promise<IntakesReply> {
  const params: IntakesRequest = {};
  if (req.from) params.from = req.from;
  if (req.to) params.to = req.to;
  if (req.page) params.page = req.page;
  if (req.pageSize) params.pageSize = req.pageSize;
  return call('Dossiers.Intakes', params);
}

/** One access to citizens' personal data (Go's app.AccessEntry). */
export type AccessEntry = gen.AccessEntry;

export interface AccessLogRequest {
  /** YYYY-MM-DD, included; absent = no bound. */
  from?: string;
  /** YYYY-MM-DD, included; absent = no bound. */
  to?: string;
  page?: number;
  pageSize?: number;
}

/** A page of the access log, newest first, and how many entries the period holds. */
export type AccessLogReply = gen.AccessLogReply;

/** The access log this node holds (its office's and its offices' below): leaders, inspectors, administrators. */
export function listAccessLog(req: AccessLogRequest = {}): Promise<AccessLogReply> {
  const params: AccessLogRequest = {};
  if (req.from) params.from = req.from;
  if (req.to) params.to = req.to;
  if (req.page) params.page = req.page;
  if (req.pageSize) params.pageSize = req.pageSize;
  return call('Records.AccessLog', params);
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
