// The procedure editor's helpers: a blank procedure, Go's field problems by
// field path, and the step table's total against the time limit.
import { ApiError, type Procedure } from '../api';

/** Working hours in a working day (catalog.HoursPerWorkingDay). */
export const HOURS_PER_DAY = 8;

export function emptyProcedure(): Procedure {
  return {
    code: '',
    name: '',
    sector: '',
    level: 'commune',
    timeLimitWD: 0,
    extendedTimeLimitWD: null,
    feeVND: null,
    feeNote: '',
    documents: [],
    agencies: [],
    interagency: 'none',
    steps: [],
    confidence: 'unsure',
    active: true,
  };
}

/** One problem Go found with a field: a catalog problem code and its English message. */
export interface Problem {
  code: string;
  message: string;
}

/** Problems by field path without the "procedure." prefix: "steps[1].hours". */
export type Problems = Record<string, Problem[]>;

/**
 * The problems of a refused Catalog.Save: every entry of details
 * [{field, code, message}], else the one field the error names. Empty when
 * the error names no field (it is not about the input).
 */
export function problemsByField(err: ApiError): Problems {
  const out: Problems = {};
  const add = (field: unknown, code: unknown, message: unknown) => {
    if (typeof field !== 'string' || field === '') return;
    const path = field.replace(/^procedure\./, '');
    (out[path] ??= []).push({ code: typeof code === 'string' ? code : '', message: String(message ?? '') });
  };
  if (err.code !== 'invalid_input') return out;
  if (Array.isArray(err.details)) {
    for (const d of err.details as Record<string, unknown>[]) add(d?.field, d?.code, d?.message);
  }
  if (Object.keys(out).length === 0 && err.field) add(err.field, '', err.message);
  return out;
}

/** The step table's total, in working hours. */
export function totalHours(p: Pick<Procedure, 'steps'>): number {
  return p.steps.reduce((sum, s) => sum + (Number.isFinite(Number(s.hours)) ? Number(s.hours) : 0), 0);
}

/** The hours the time limit allows: a same-day procedure gets one working day. */
export function allowedHours(timeLimitWD: number): number {
  return Math.max(timeLimitWD, 1) * HOURS_PER_DAY;
}
