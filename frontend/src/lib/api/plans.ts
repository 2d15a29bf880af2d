import { call } from './core';
import type * as gen from '../api.gen';

// --- Plans: plans and tasks down the tree, progress, the matrix (app/plans.go, app/plan_progress.go) ---

export type Plan = gen.Plan;
export type PlanTask = gen.PlanTask;
export type PlanReply = gen.PlanReply;
export type PlanList = gen.PlanList;
export type PlanProgress = gen.Progress;
export type PlanReminder = gen.Reminder;
export type PlanEvidence = gen.PlanEvidence;
export type PlanMatrix = gen.MatrixReply;
export type PlanMatrixOffice = gen.MatrixOffice;

/** The plans that concern the caller's office: its own and those giving it a task. */
export async function listPlans(): Promise<PlanList> {
  return call('Plans.List', {});
}

/** One plan as the caller's office sees it. */
export async function getPlan(plan: string): Promise<PlanReply> {
  return call('Plans.Get', { plan });
}

/** Publishes a plan of the caller's office (a leader's). */
export async function publishPlan(plan: Plan): Promise<PlanReply> {
  return call('Plans.Publish', { office: '', plan });
}

/** Publishes the caller's office's action plan for a task assigned to it. */
export async function breakDownTask(parent: { plan: string; task: string }, plan: Plan): Promise<PlanReply> {
  return call('Plans.BreakDown', { parent, plan });
}

/** Records the caller's office's progress on one of its tasks. */
export async function recordProgress(req: gen.ProgressRequest): Promise<PlanProgress> {
  return call('Plans.Progress', req);
}

/** The supervisor's matrix of a plan in a quarter ("" = this one), filtered by task and office. */
export async function planMatrix(plan: string, quarter = '', task = '', office = ''): Promise<PlanMatrix> {
  return call('Plans.Matrix', { plan, quarter, task, office });
}

/** The issuer's reminder to an office about its task. */
export async function remindOffice(plan: string, task: string, office: string, note: string): Promise<PlanReminder> {
  return call('Plans.Remind', { from: '', plan, task, office, note });
}

export type PlanReminderItem = gen.ReminderItem;
export type PlanReminders = gen.RemindersReply;

/** The supervisor's matrix as a file: a PDF with the print QR, or an XLSX workbook. */
export async function exportPlanMatrix(format: 'pdf' | 'xlsx', plan: string, quarter = '', task = '', office = ''): Promise<gen.FormReply> {
  return call('Plans.ExportMatrix', { plan, quarter, task, office, format });
}

/** The reminders sent to the caller's office, newest first, with whether each was acknowledged. */
export async function listReminders(): Promise<PlanReminders> {
  return call('Plans.Reminders', { office: '' });
}

/** Records that the caller's office has seen a reminder. */
export async function acknowledgeReminder(reminder: string): Promise<PlanReminderItem> {
  return call('Plans.Acknowledge', { reminder, office: '' });
}
