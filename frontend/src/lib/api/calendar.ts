import { call } from './core';
import type * as gen from '../api.gen';

// --- Working-day calendar ---------------------------------------------------------

export type HolidayKind = 'statutory' | 'tet' | 'makeup' | 'extra';

export type NamedDate = gen.NamedDate;

export type Holiday = gen.Holiday;

export interface CalendarOverride {
  year: number;
  tetDays?: string[];
  nationalDayExtra?: string;
  extraDaysOff?: NamedDate[];
  swappedWorkingDays?: NamedDate[];
  notes?: string;
}

export type HolidaysReply = gen.HolidaysReply;

export type DueDateReply = gen.DueDateReply;

// Go sends every field of a HolidaysReply (nil lists as [], no override as
// null): the replies are taken as they come.

export function holidays(year: number): Promise<HolidaysReply> {
  return call('Calendar.Holidays', { year });
}

export function setCalendarOverride(override: CalendarOverride): Promise<HolidaysReply> {
  return call('Calendar.SetOverride', { override });
}

export function removeCalendarOverride(year: number): Promise<HolidaysReply> {
  return call('Calendar.RemoveOverride', { year });
}

// The holiday and due rules as reference data (app/calendar.go): each
// office publishes complete rules with their legal basis and the day they
// apply from; a desk computes with those of its own office and the offices
// above it, each from its date.

/** A rule limited to the years from–to (0 or absent = open). */
export interface RuleYears {
  from?: number;
  to?: number;
}

/** A holiday on a fixed day of the solar year. */
export type SolarHoliday = gen.SolarHoliday;

/** A holiday on a fixed day of a lunar month. */
export type LunarHoliday = gen.LunarHoliday;

/**
 * calendar.Rules. The Tết, adjacent-day and make-up rules are carried as
 * Go sent them (this screen edits the fixed-date holidays only).
 */
export interface HolidayRules {
  /** 0 = Sunday … 6 = Saturday. */
  workingWeekdays: number[];
  solar: SolarHoliday[];
  lunar: LunarHoliday[];
  tet: gen.TetRule[];
  nationalDayExtra: gen.AdjacentDayRule[];
  makeUp: gen.MakeUpPolicy;
}

/** calendar.DueRules: "HH:MM". */
export type DueRules = gen.DueRules;

export type CalendarRules = gen.CalendarRules;

/** One publication; the built-in rules are version 0 of office "". */
export interface CalendarRuleVersion extends CalendarRules {
  office: string;
  version: number;
  actor: string;
  /** RFC 3339; absent or zero for the built-in rules. */
  recordedAt?: string;
}

export interface CalendarRulesReply {
  office: string;
  inForce: CalendarRuleVersion;
  /** The versions that govern the office, each from its effective date, the built-in rules first. */
  timeline: CalendarRuleVersion[];
  /** Every version the office itself published, oldest first. */
  own: CalendarRuleVersion[];
}

export function calendarRules(office?: string): Promise<CalendarRulesReply> {
  return call('Calendar.Rules', office ? { office } : {});
}

/** Publishes the caller's office's rules (administrators); Go answers with those now governing it. */
export function setCalendarRules(rules: CalendarRules): Promise<CalendarRulesReply> {
  return call('Calendar.SetRules', rules);
}

/** received: RFC 3339 with +07:00. */
export function dueDate(received: string, workingDays: number): Promise<DueDateReply> {
  return call('Calendar.DueDate', { received, workingDays });
}
