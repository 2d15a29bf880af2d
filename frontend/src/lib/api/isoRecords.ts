import { call } from './core';
import type * as gen from '../api.gen';
import type { FormReply } from './print';

// --- ISO: the register of records and disposal decisions (app/iso_records.go) --------

export type RecordClass = gen.RecordClass;
export type RecordsRegister = gen.Register;
export type RegisterReply = gen.RegisterReply;
export type DueClass = gen.DueClass;
export type DueRecord = gen.DueRecord;
export type DisposalDueReply = gen.DisposalDueReply;
export type DisposalDecision = gen.DisposalApproved;

/** An office's register of records ("" = the caller's). */
export async function recordsRegister(office = ''): Promise<RegisterReply> {
  return call('Iso.Register', { office });
}

/** Records the caller's office's register, edited from version base. */
export async function setRecordsRegister(register: RecordsRegister, base: number): Promise<RegisterReply> {
  return call('Iso.SetRegister', { register, base });
}

/** The dossiers past their retention on a day ("" = today), line by line. */
export async function disposalDue(asOf = '', office = ''): Promise<DisposalDueReply> {
  return call('Iso.DisposalDue', { office, asOf });
}

/** A leader's decision that the listed records of one line may be disposed of. */
export async function approveDisposal(klass: string, codes: string[], reason: string, asOf = ''): Promise<DisposalDecision[]> {
  return (await call('Iso.ApproveDisposal', { class: klass, codes, reason, asOf })).decisions;
}

/** An office's disposal decisions, oldest first. */
export async function disposals(office = ''): Promise<DisposalDecision[]> {
  return (await call('Iso.Disposals', { office })).decisions;
}

/** The office's recorded register of records as a PDF with the print QR. */
export async function printRecordsRegister(office = ''): Promise<FormReply> {
  return call('Iso.PrintRegister', { office });
}
