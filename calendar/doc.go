// Package calendar knows Vietnamese working days, public holidays and due
// dates. It is pure computation: no storage, no user interface, no network,
// no clock of its own.
//
// # Lunar calendar
//
// ToLunar, FromLunar, LunarNewYear and LeapMonth convert between the solar
// calendar and the Vietnamese lunar calendar, which is reckoned in UTC+7 and
// so differs from the Chinese calendar (UTC+8) in some months: Tết fell on
// 21 January 1985 in Vietnam but on 20 February in China, on 17 February
// 2007 rather than the 18th, and will fall on 2 February 2030 rather than the
// 3rd. See lunar.go for the method and astro.go for the astronomy.
//
// # Holidays
//
// Which days are holidays is data: Rules (DefaultRules is the Labour Code
// 2019, arts. 111–112) and, for each year, an Override with what the
// government decided (the exact days of Tết, the day next to National Day,
// days off swapped with Saturdays worked). A Calendar is built from both by
// New, checks them, and answers IsWorkingDay, Holidays and HolidayOn.
//
// A holiday that falls on a weekly rest day is made up on the next working
// day that is not already a day off (nghỉ bù). Make-up days are allotted in
// date order, so two holidays on one weekend are made up on the following
// Monday and Tuesday.
//
// # Rules that change
//
// The law changes: a new holiday from a given year, a different cut-off.
// Options.Later lists the rules published since, each an Era in force from
// its effective date; every day is judged under the rules in force on it,
// so a day before the change keeps its old answer and a due date computed
// for an earlier dossier never moves. DueRulesAt gives the due-date rules
// in force at an instant. Which office may publish rules, and which of
// them a desk applies, is the application's business (app/calendar.go).
//
// # Due dates
//
// Time limits are counted in working days. AddWorkingDays and
// CountWorkingDays do the arithmetic; DueDate applies the 15:00 rule and
// gives the due instant, documented there. All times are read and written in
// Zone, a fixed UTC+7 that needs no time-zone database.
package calendar
