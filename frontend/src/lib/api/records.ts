import { call } from './core';
import type { VerifyReply, VerifyStatus } from './print';

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
  return (await call('Rules.History', kind ? { kind } : {})).changes as RuleChange[];
}

/** Checks the QR text of a printed document against this node's records. */
export async function verifyPrint(text: string): Promise<VerifyReply> {
  const r = await call('Records.Verify', { text });
  return {
    status: (r?.status ?? 'unknown') as VerifyStatus,
    office: r?.office ?? '',
    subject: r?.subject ?? '',
    printedEvents: r?.printedEvents ?? 0,
    currentEvents: r?.currentEvents ?? 0,
    added: r?.added ?? [],
    details: r?.details ?? [],
  };
}
