import { call } from './core';
import type * as gen from '../api.gen';

// --- Quarterly: the quarterly report signed by the leader and rolled up the tree (app/quarterly*.go) ---

export type QuarterReport = gen.Report;
export type QuarterFigures = gen.Figures;
export type QuarterRate = gen.Rate;
export type QuarterTaskLine = gen.TaskLine;
export type QuarterSource = gen.Source;
export type QuarterVersion = gen.Version;
export type QuarterVersions = gen.QuarterVersions;
export type QuarterList = gen.QuarterList;
export type QuarterFile = gen.ReportFile;
export type QuarterFormat = 'pdf' | 'xlsx' | 'json';

/** An office's report for a quarter ("" = the last closed one) as it would be signed now. */
export async function quarterDraft(office = '', quarter = ''): Promise<QuarterReport> {
  return call('Quarterly.Draft', { office, quarter });
}

/** Signs the caller's office's report (a leader's); a correction names the version it corrects and says why in the note. */
export async function submitQuarter(quarter: string, note: string, corrects = 0): Promise<QuarterReport> {
  return call('Quarterly.Submit', { office: '', quarter, note, corrects });
}

/** The signed versions of an office's report, newest first. */
export async function quarterVersions(office: string, quarter: string): Promise<QuarterVersions> {
  return call('Quarterly.Versions', { office, quarter });
}

/** One signed version of an office's report (0 = the latest). */
export async function quarterReport(office: string, quarter: string, version = 0): Promise<QuarterReport> {
  return call('Quarterly.Get', { office, quarter, version });
}

/** The offices below with their latest signed report for the quarter. */
export async function quarterList(quarter: string, office = ''): Promise<QuarterList> {
  return call('Quarterly.List', { office, quarter });
}

/** A report as a file: version 0 is the latest signed one, or the draft when none is. */
export async function exportQuarter(office: string, quarter: string, version: number, format: QuarterFormat): Promise<QuarterFile> {
  return call('Quarterly.Export', { office, quarter, version, format });
}
