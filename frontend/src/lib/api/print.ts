import type * as gen from '../api.gen';
import { call } from './core';

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

export type PrintSettings = gen.PrintSettings;

export const DEFAULT_RECEIPT_COPIES = 2;

export type FormReply = gen.FormReply;

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

export type VerifyStatus = gen.VerifyStatus;

export type AddedEvent = gen.AddedEvent;

export interface VerifyReply {
  status: VerifyStatus;
  office: string;
  subject: string;
  printedEvents: number;
  currentEvents: number;
  added: AddedEvent[];
  details: string[];
}

/** The form reply with the defaults of a field Go left empty (a filename, the PDF type). */
export function formReply(r: Partial<FormReply> | null): FormReply {
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
  return formReply(await call('Print.Form', params));
}

/** The printing settings in force for this office (its own, else inherited down the tree, else the defaults). */
export async function printSettings(): Promise<PrintSettings> {
  return (await call('Print.Settings')).settings;
}

/** Records this office's own printing settings; Go answers with those now in force. */
export async function setPrintSettings(settings: PrintSettings): Promise<PrintSettings> {
  return (await call('Print.SetSettings', { settings })).settings;
}

/** The tracking book of a period (Form 07 of 2025, 06 of 2018; A4 landscape), of one of the office's books. */
export async function printBook(req: BookRequest): Promise<FormReply> {
  return formReply(await call('Print.Book', req));
}
