import type * as gen from '../api.gen';
import { call } from './core';
import type { ExportedFile } from './catalog';
import type { Payment, PaymentMethod } from './dossiers';
import { formReply, type FormReply } from './print';

// --- Fees paid at the desk and the fee book (app/fees.go) ----------------------------

/** What a dossier was asked to pay and paid (Fees.Status, Fees.Pay). */
export type FeeStatus = gen.FeeStatus;

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

export type FeeTotal = gen.FeeTotal;

export type FeeDay = gen.FeeDay;

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

export function feeStatusOf(code: string): Promise<FeeStatus> {
  return call('Fees.Status', { code });
}

/** Records a payment at the desk with the next number of the desk's receipt series. */
export function payFee(req: PayRequest): Promise<FeeStatus> {
  return call('Fees.Pay', req);
}

function feeBookParams(req: FeeBookRequest): FeeBookRequest {
  const out: FeeBookRequest = { desk: req.desk, from: req.from, to: req.to };
  if (req.office) out.office = req.office;
  return out;
}

export async function feeBook(req: FeeBookRequest): Promise<FeeBook> {
  const r = await call('Fees.Book', feeBookParams(req));
  // report.FeeEntry's method is a plain string in Go (the report package
  // keeps it as the event said): "cash", "transfer", or "" for a payment
  // recorded before the method was.
  return { ...r, entries: r.entries as FeeEntry[] };
}

/** The fee book as an XLSX workbook (amounts as numbers). */
export function exportFeeBook(req: FeeBookRequest): Promise<ExportedFile> {
  return call('Fees.Export', feeBookParams(req));
}

/** The fee book printed A4 landscape, with its QR code. */
export async function printFeeBook(req: FeeBookRequest): Promise<FormReply> {
  return formReply(await call('Print.FeeBook', feeBookParams(req)));
}
