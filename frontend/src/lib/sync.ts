// Đồng bộ: this device's enrolment in the province's tree, its peers (synced
// through the hubs over libp2p), USB bundles for offices without a network,
// and the enrolment texts a parent's administrator issues to a child device.
// Shapes of Go's Sync service.
import { call, downloadBundle, importBundleFile, type BundleProgress } from './api';
import { base64ToBytes, downloadBlob, saveFile } from './files';

export type EnrolRole = 'root' | 'district' | 'commune' | 'desk' | '';
/** The roles a parent can give a child device. */
export const CHILD_ROLES = ['district', 'commune', 'desk'] as const;
export type ChildRole = (typeof CHILD_ROLES)[number];

/**
 * Why a sync with a peer failed: the codes of Go's p2p/failure.go, in its
 * order (a test reads that file), each with a text under sync.failure in
 * both locales. The error's own text stays in the node's log.
 */
export const PEER_FAILURES = [
  'other',
  'no_address',
  'dial_failed',
  'timeout',
  'connection_lost',
  'refused_by_peer',
  'untrusted',
  'expired',
  'revoked',
  'not_enrolled',
  'protocol',
  'tampered',
  'budget_exhausted',
  'dial_refused',
] as const;
export type PeerFailure = (typeof PEER_FAILURES)[number];

/** The code as the screen shows it: one it does not know (a newer node's) reads as 'other'. */
export function peerFailureOf(v: unknown): PeerFailure | '' {
  if (typeof v !== 'string' || v === '') return '';
  return (PEER_FAILURES as readonly string[]).includes(v) ? (v as PeerFailure) : 'other';
}

/** The locale key of a failure code. */
export const peerFailureKey = (code: PeerFailure): string => `sync.failure.${code}`;

export interface SyncPeer {
  peer: string;
  office: string;
  connected: boolean;
  lastSuccess: string;
  /** Why the last sync failed ('' when it did not). */
  lastError: PeerFailure | '';
  lastErrorAt: string;
  receivedEvents: number;
  sentEvents: number;
  bytesIn: number;
  bytesOut: number;
  syncing: boolean;
  /** Their clock minus ours, ms; null when not measured. */
  clockSkewMs: number | null;
  /** Bytes sent and received with this peer today (local day). */
  budgetUsed: number;
  /** The daily byte budget with this peer; 0 when there is none. */
  budgetLimit: number;
}

export interface SyncStatus {
  enrolled: boolean;
  peerId: string;
  office: string;
  /** "38/405/38001": the office codes from the root down. */
  path: string;
  role: EnrolRole;
  expires: string;
  /** When the certificate chain stops verifying (renewals included). */
  certificateExpires: string;
  /** The certificate expires within 30 days: its parent has not renewed it yet. */
  renewDue: boolean;
  hubs: string[];
  /** A sync engine runs (hoso-node serve, or the desktop once enrolled). */
  running: boolean;
  peers: SyncPeer[];
  /** Dossiers with open conflicts. */
  conflicts: number;
  /** The daily byte budget per peer (local day); 0 when there is none. */
  dailyBudget: number;
  /** What "Đồng bộ ngay" tried (Sync.Now only): each peer, and why it did not sync. */
  tried: SyncAttempt[];
}

/** One peer "Đồng bộ ngay" tried. */
export interface SyncAttempt {
  peer: string;
  office: string;
  /** A hub of this device's enrolment. */
  hub: boolean;
  /** Why it did not sync; '' when it did. */
  code: PeerFailure | '';
  events: number;
  bytes: number;
}

export interface BundleFile {
  filename: string;
  /** Base64, from Sync.ExportBundle (the desktop window). */
  content: string;
  events: number;
  bytes: number;
  /** The file itself, streamed from the node (a browser). */
  blob?: Blob;
}

/** What a bundle brought and was not imported, for one reason. */
export interface BundleSkip {
  /** 'out-of-scope': not this office's to hold; 'wrong-office': written by a device of another office. */
  reason: string;
  events: number;
  /** The subjects concerned (dossier/CODE, …); listed are the first 50. */
  subjects: number;
  listed: string[];
}

export interface ImportReply {
  events: number;
  added: number;
  skipped: BundleSkip[];
}

export interface Enrolment {
  text: string;
  expires: string;
}

export interface IssueRequest {
  peer: string;
  office: string;
  role: ChildRole;
  days: number;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
/** A byte count: num() and never negative. */
const bytes = (v: unknown): number => Math.max(0, num(v));

function peer(p: Partial<SyncPeer> | null | undefined): SyncPeer {
  return {
    peer: str(p?.peer),
    office: str(p?.office),
    connected: Boolean(p?.connected),
    lastSuccess: str(p?.lastSuccess),
    lastError: peerFailureOf(p?.lastError),
    lastErrorAt: str(p?.lastErrorAt),
    receivedEvents: num(p?.receivedEvents),
    sentEvents: num(p?.sentEvents),
    bytesIn: num(p?.bytesIn),
    bytesOut: num(p?.bytesOut),
    syncing: Boolean(p?.syncing),
    clockSkewMs: typeof p?.clockSkewMs === 'number' ? p.clockSkewMs : null,
    budgetUsed: bytes(p?.budgetUsed),
    budgetLimit: bytes(p?.budgetLimit),
  };
}

/** Go's reply with every list and field present. */
export function syncStatusOf(r: Partial<SyncStatus> | null | undefined): SyncStatus {
  const role = str(r?.role);
  return {
    enrolled: Boolean(r?.enrolled),
    peerId: str(r?.peerId),
    office: str(r?.office),
    path: str(r?.path),
    role: (['root', 'district', 'commune', 'desk'].includes(role) ? role : '') as EnrolRole,
    expires: str(r?.expires),
    certificateExpires: str(r?.certificateExpires),
    renewDue: Boolean(r?.renewDue),
    hubs: Array.isArray(r?.hubs) ? r.hubs.filter((h) => typeof h === 'string') : [],
    running: Boolean(r?.running),
    peers: Array.isArray(r?.peers) ? r.peers.map(peer) : [],
    conflicts: num(r?.conflicts),
    dailyBudget: bytes(r?.dailyBudget),
    tried: Array.isArray(r?.tried)
      ? r.tried.map((a: Partial<SyncAttempt> | null) => ({
          peer: str(a?.peer),
          office: str(a?.office),
          hub: Boolean(a?.hub),
          code: peerFailureOf(a?.code),
          events: num(a?.events),
          bytes: num(a?.bytes),
        }))
      : [],
  };
}

export async function syncStatus(): Promise<SyncStatus> {
  return syncStatusOf((await call('Sync.Status')) as Partial<SyncStatus>);
}

/** Pulls from every connected peer (may take seconds); not_ready when no engine runs. */
export async function syncNow(): Promise<SyncStatus> {
  return syncStatusOf((await call('Sync.Now')) as Partial<SyncStatus>);
}

/** A bundle of what `peer` lacks since its last sync, or of everything. */
export async function exportBundle(peerId: string, files = false): Promise<BundleFile> {
  const query = { ...(peerId ? { peer: peerId } : { all: true }), ...(files ? { files: true } : {}) };
  const streamed = await downloadBundle(query);
  if (streamed) return { filename: streamed.filename, content: '', events: streamed.events, bytes: streamed.blob.size, blob: streamed.blob };
  const r = await call('Sync.ExportBundle', query);
  return {
    filename: str(r?.filename) || 'hoso.hsb',
    content: str(r?.content),
    events: num(r?.events),
    bytes: num(r?.bytes) || (r?.content ? base64ToBytes(r.content).length : 0),
  };
}

/** The desktop's save dialog or a browser download; the path or name, "" when cancelled. */
export function saveBundle(file: BundleFile): Promise<string> {
  if (file.blob) {
    downloadBlob(file.filename, file.blob);
    return Promise.resolve(file.filename);
  }
  return saveFile(file.filename, file.content, 'application/octet-stream');
}

/** Imports a bundle file (streamed to a serving node); bundle_rejected when refused whole. */
export async function importBundle(file: Blob, onprogress?: (p: BundleProgress) => void): Promise<ImportReply> {
  const r = await importBundleFile(file, () => fileToBase64(file), onprogress);
  const skipped = Array.isArray(r?.skipped) ? (r.skipped as Partial<BundleSkip>[]) : [];
  return {
    events: num(r?.events),
    added: num(r?.added),
    skipped: skipped.map((k) => ({
      reason: str(k?.reason),
      events: num(k?.events),
      subjects: num(k?.subjects),
      listed: Array.isArray(k?.listed) ? k.listed.map(str) : [],
    })),
  };
}

export async function issueEnrolment(req: IssueRequest): Promise<Enrolment> {
  const r = await call('Sync.Issue', req);
  return { text: str(r?.text), expires: str(r?.expires) };
}

export async function acceptEnrolment(text: string): Promise<SyncStatus> {
  return syncStatusOf((await call('Sync.Accept', { text })) as Partial<SyncStatus>);
}

export async function revokePeer(peerId: string): Promise<SyncStatus> {
  return syncStatusOf((await call('Sync.Revoke', { peer: peerId })) as Partial<SyncStatus>);
}

/** Sets the node's daily byte budget per peer (0 = no limit); administrators only. */
export async function setBudget(budget: number): Promise<void> {
  await call('Sync.SetBudget', { bytes: budget });
}

/** Bytes in a megabyte as the budget form counts them (1000-based). */
export const BUDGET_MB = 1_000_000;

/**
 * The budget form's text in MB ("50", "0,5", "0.5"; "" or "0" = no limit)
 * as whole bytes; null when it is not a number, is negative, or is too
 * small or too large to be a byte count.
 */
export function budgetBytesOf(text: string): number | null {
  const s = text.trim().replace(',', '.');
  if (s === '') return 0;
  if (!/^(\d+\.?\d*|\.\d+)$/.test(s)) return null;
  const mb = Number(s);
  if (!Number.isFinite(mb)) return null;
  const n = Math.round(mb * BUDGET_MB);
  if (!Number.isSafeInteger(n) || (mb > 0 && n < 1)) return null;
  return n;
}

/** A byte budget as the form's MB text ("" with no limit). */
export function budgetMbText(budget: number): string {
  return budget > 0 ? String(budget / BUDGET_MB) : '';
}

/** A picked file's bytes as base64 (without the data: URL prefix). */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    reader.readAsDataURL(file);
  });
}

/** "12D3KooWAbc…xyz9": long peer IDs shortened for tables (the full ID in a title). */
export function shortPeer(id: string): string {
  return id.length > 16 ? `${id.slice(0, 10)}…${id.slice(-4)}` : id;
}

/** 1500 → "1,5 kB" (vi) / "1.5 kB" (en): 1 kB = 1000 bytes. */
export function formatBytes(n: number, lang: 'vi' | 'en'): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let v = n;
  let i = 0;
  // 1000-based, as the labels say and as data plans (and the daily budget) count.
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  const text = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: i === 0 ? 0 : 1 }).format(v);
  return `${text} ${units[i]}`;
}

/** A clock skew in seconds with its sign ("+2,5 s"); "" when not measured. */
export function formatSkew(ms: number | null, lang: 'vi' | 'en'): string {
  if (ms === null) return '';
  const s = ms / 1000;
  const text = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(s);
  return `${text} s`;
}

/**
 * Today's budget used up: background sync with the peer pauses until local
 * midnight (a manual "Đồng bộ ngay" still goes). Never with no limit.
 */
export function budgetSpent(p: Pick<SyncPeer, 'budgetUsed' | 'budgetLimit'>): boolean {
  return p.budgetLimit > 0 && p.budgetUsed >= p.budgetLimit;
}

/** How much of today's budget is used, 0–100 (0 with no limit). */
export function budgetPercent(p: Pick<SyncPeer, 'budgetUsed' | 'budgetLimit'>): number {
  if (p.budgetLimit <= 0) return 0;
  return Math.min(100, Math.round((p.budgetUsed / p.budgetLimit) * 100));
}

/** Skews past this are shown as a warning: dossier times would be off. */
export const SKEW_WARN_MS = 60_000;
