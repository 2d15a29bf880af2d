import { call } from './core';
import type * as gen from '../api.gen';
import type { VerifyReply } from './print';

// --- The law as data: the history of rule versions (app/rules_history.go) ----------

export type RuleKind = gen.RuleKind;
export const RULE_KINDS: readonly RuleKind[] = ['calendar', 'override', 'report', 'complaint', 'template', 'catalog'];

/** One recorded version of a rule (app/rules_history.go). */
export type RuleChange = gen.RuleChange;

/** Every version of the rules held on this node, most recent first; kind "" = all. */
export async function rulesHistory(kind: RuleKind | '' = ''): Promise<RuleChange[]> {
  return (await call('Rules.History', kind ? { kind } : {})).changes;
}

/** Checks the QR text of a printed document against this node's records. */
export async function verifyPrint(text: string): Promise<VerifyReply> {
  const r = await call('Records.Verify', { text });
  // Go leaves details out (omitempty) when a verdict needs no words.
  return { ...r, details: r.details ?? [] };
}
