import { call, type Params, type Reply } from './core';
import type { FileRef } from './files';

// --- Complaints and petitions handled on legal time (app/complaints.go) ---
// The types are read off the methods, not the generated type names, which
// are shared with every other Go package and may change at a merge.

export type ComplaintReply = Reply<'Complaints.Get'>;
export type ComplaintsReply = Reply<'Complaints.List'>;
export type ComplaintItem = ComplaintsReply['complaints'][number];
export type ComplaintData = ComplaintReply['complaint'];
export type ComplaintState = ComplaintData['state'];
export type ComplaintCategory = NonNullable<ComplaintData['category']>;
export type ComplaintChannelName = ComplaintData['channel'];
export type ReceiveComplaint = Params<'Complaints.Receive'>;

/** The channels and categories in the order the forms offer them. */
export const COMPLAINT_CHANNELS: readonly ComplaintChannelName[] = ['desk', 'portal', 'phone', 'mail', 'province'];
export const COMPLAINT_CATEGORIES: readonly ComplaintCategory[] = ['rules', 'procedure', 'conduct'];

/** The complaints an office handles ("" = the caller's), filtered by state and lateness. */
export async function complaints(office = '', state: ComplaintState | '' = '', late = false): Promise<ComplaintsReply> {
  return call('Complaints.List', { office, state: state as ComplaintState, late });
}

/** One complaint of an office ("" = the caller's). */
export async function complaintOf(office: string, id: string): Promise<ComplaintReply> {
  return call('Complaints.Get', { office, id });
}

/** Receives a complaint at the desk, or forwards one to an office below. */
export async function receiveComplaint(req: Partial<ReceiveComplaint> & Pick<ReceiveComplaint, 'from' | 'text'>): Promise<ComplaintReply> {
  return call('Complaints.Receive', { office: '', channel: 'desk', dossier: '', category: '' as ComplaintCategory, receivedAt: '', ...req });
}

/** Classifies a complaint of the caller's office. */
export async function classifyComplaint(id: string, category: ComplaintCategory): Promise<ComplaintReply> {
  return call('Complaints.Classify', { id, category });
}

/** Refuses a complaint, with the reason. */
export async function refuseComplaint(id: string, reason: string): Promise<ComplaintReply> {
  return call('Complaints.Refuse', { id, reason });
}

/** Asks the citizen for what the complaint lacks. */
export async function askMoreComplaint(id: string, what: string): Promise<ComplaintReply> {
  return call('Complaints.AskMore', { id, what });
}

/** Answers a complaint, with the files of a signed answer (Files.Put). */
export async function answerComplaint(id: string, text: string, files: FileRef[] = []): Promise<ComplaintReply> {
  return call('Complaints.Answer', { id, text, files });
}

/** Records that the answer was published. */
export async function publishComplaint(id: string, note = ''): Promise<ComplaintReply> {
  return call('Complaints.Publish', { id, note });
}

/** Records the citizen's rating of the answer. */
export async function rateComplaint(id: string, satisfied: boolean): Promise<ComplaintReply> {
  return call('Complaints.Rate', { id, satisfied, note: '' });
}

export type ComplaintLimitsReply = Reply<'Complaints.Limits'>;
export type ComplaintLimits = ComplaintLimitsReply['inForce']['limits'];
/** The four legal times in the order the panel lists them. */
export const COMPLAINT_LIMITS: readonly (keyof ComplaintLimits)[] = ['refuse', 'askMore', 'answer', 'publish'];

/** The complaint legal times in force at an office ("" = the caller's), with their history. */
export async function complaintLimits(office = ''): Promise<ComplaintLimitsReply> {
  return call('Complaints.Limits', { office });
}

/** Sets the caller's office's complaint legal times, with their legal basis. */
export async function setComplaintLimits(limits: ComplaintLimits, basis: string): Promise<ComplaintLimitsReply> {
  return call('Complaints.SetLimits', { limits, basis });
}
