package calendar

import (
	"fmt"
	"time"
)

// ValidationError is one problem with the rules or an override. Field is a
// path into Options in JSON names ("rules.solar[1].day",
// "overrides[0].tetDays[2]") so that an editor can point at it.
type ValidationError struct {
	Field   string
	Message string
	// Err is ErrInvalidRules or ErrInvalidOverride.
	Err error
}

// Error returns the sentinel's text, the field and the message.
func (e *ValidationError) Error() string {
	return fmt.Sprintf("%v: %s: %s", e.Err, e.Field, e.Message)
}

// Unwrap returns the sentinel error.
func (e *ValidationError) Unwrap() error { return e.Err }

func rulesErr(field, format string, args ...any) error {
	return &ValidationError{Field: field, Message: fmt.Sprintf(format, args...), Err: ErrInvalidRules}
}

func overrideErr(field, format string, args ...any) error {
	return &ValidationError{Field: field, Message: fmt.Sprintf(format, args...), Err: ErrInvalidOverride}
}

// maxTetOffset bounds Tết offsets and how far an override's Tết day may lie
// from 1/1: enough for any decision so far (at most a week around Tết),
// small enough to catch a mistyped month.
const maxTetOffset = 10

// validateRules returns every problem with r.
func validateRules(r Rules) []error {
	var errs []error
	bad := func(field, format string, args ...any) { errs = append(errs, rulesErr(field, format, args...)) }
	if len(r.WorkingWeekdays) == 0 {
		bad("rules.workingWeekdays", "no working weekdays")
	}
	seenWD := map[time.Weekday]bool{}
	for i, w := range r.WorkingWeekdays {
		f := fmt.Sprintf("rules.workingWeekdays[%d]", i)
		switch {
		case w < time.Sunday || w > time.Saturday:
			bad(f, "%d is not a weekday (0 = Sunday … 6 = Saturday)", int(w))
		case seenWD[w]:
			bad(f, "%s listed twice", w)
		}
		seenWD[w] = true
	}
	checkYears := func(f string, y Years) {
		if y.From != 0 && y.To != 0 && y.From > y.To {
			bad(f, "from %d is after to %d", y.From, y.To)
		}
	}
	checkName := func(f, name, nameEN string) {
		if name == "" {
			bad(f+".name", "empty")
		}
		if nameEN == "" {
			bad(f+".nameEn", "empty")
		}
	}
	for i, s := range r.Solar {
		f := fmt.Sprintf("rules.solar[%d]", i)
		if !validMonthDay(s.Month, s.Day) {
			bad(f, "%02d-%02d is not a day of every year", int(s.Month), s.Day)
		}
		checkName(f, s.Name, s.NameEN)
		checkYears(f, s.Years)
		for j, t := range r.Solar[:i] {
			if t.Month == s.Month && t.Day == s.Day && t.Years.overlaps(s.Years) {
				bad(f, "same day as rules.solar[%d]", j)
			}
		}
	}
	for i, l := range r.Lunar {
		f := fmt.Sprintf("rules.lunar[%d]", i)
		if l.Month < 1 || l.Month > 12 || l.Day < 1 || l.Day > 29 {
			bad(f, "lunar %d/%d: month must be 1–12 and day 1–29 (day 30 is missing from short months)", l.Day, l.Month)
		}
		checkName(f, l.Name, l.NameEN)
		checkYears(f, l.Years)
		for j, t := range r.Lunar[:i] {
			if t.Month == l.Month && t.Day == l.Day && t.Years.overlaps(l.Years) {
				bad(f, "same day as rules.lunar[%d]", j)
			}
		}
	}
	for i, t := range r.Tet {
		f := fmt.Sprintf("rules.tet[%d]", i)
		if len(t.Offsets) == 0 {
			bad(f+".offsets", "no days")
		}
		seen := map[int]bool{}
		for _, off := range t.Offsets {
			if off < -maxTetOffset || off > maxTetOffset {
				bad(f+".offsets", "%d is more than %d days from 1/1", off, maxTetOffset)
			}
			if seen[off] {
				bad(f+".offsets", "%d listed twice", off)
			}
			seen[off] = true
		}
		checkName(f, t.Name, t.NameEN)
		checkYears(f, t.Years)
		for j, u := range r.Tet[:i] {
			if u.Years.overlaps(t.Years) {
				bad(f, "applies to the same years as rules.tet[%d]", j)
			}
		}
	}
	for i, a := range r.NationalDayExtra {
		f := fmt.Sprintf("rules.nationalDayExtra[%d]", i)
		if !validMonthDay(a.AnchorMonth, a.AnchorDay) {
			bad(f, "anchor %02d-%02d is not a day of every year", int(a.AnchorMonth), a.AnchorDay)
		}
		switch a.Choice {
		case AdjacentBefore, AdjacentAfter, AdjacentBridge:
		default:
			bad(f+".choice", "%q is not one of before, after, bridge", a.Choice)
		}
		checkName(f, a.Name, a.NameEN)
		checkYears(f, a.Years)
		for j, b := range r.NationalDayExtra[:i] {
			if b.Years.overlaps(a.Years) {
				bad(f, "applies to the same years as rules.nationalDayExtra[%d]", j)
			}
		}
	}
	switch r.MakeUp {
	case MakeUpNextWorkingDay, MakeUpNone:
	default:
		bad("rules.makeUp", "%q is not one of nextWorkingDay, none", r.MakeUp)
	}
	return errs
}

// validMonthDay reports whether month-day exists in every year (so not 29
// February).
func validMonthDay(m time.Month, d int) bool {
	return m >= time.January && m <= time.December && d >= 1 && d <= daysIn(2001, m)
}

// checkOverrideShape returns the problems with o that need no holiday
// computation: the year, dates outside it, duplicates, counts.
func (c *Calendar) checkOverrideShape(field string, o Override) []error {
	var errs []error
	bad := func(f, format string, args ...any) { errs = append(errs, overrideErr(f, format, args...)) }
	if o.Year < MinYear || o.Year > MaxYear {
		bad(field+".year", "%d is outside %d–%d", o.Year, MinYear, MaxYear)
		return errs
	}
	seen := map[Date]string{}
	inYear := func(f string, d Date) bool {
		switch {
		case !d.valid():
			bad(f, "%s is not a date", d)
		case d.Year != o.Year:
			bad(f, "%s is not in %d", d, o.Year)
		case seen[d] != "":
			bad(f, "%s is already listed at %s", d, seen[d])
		default:
			seen[d] = f
			return true
		}
		return false
	}
	if len(o.TetDays) > 0 {
		r, ok := c.tetRule(o.Year)
		tet, _ := LunarNewYear(o.Year)
		switch {
		case !ok:
			bad(field+".tetDays", "no Tết rule applies to %d", o.Year)
		case len(o.TetDays) != len(r.Offsets):
			bad(field+".tetDays", "%d days listed; the Tết rule for %d has %d", len(o.TetDays), o.Year, len(r.Offsets))
		}
		for i, d := range o.TetDays {
			f := fmt.Sprintf("%s.tetDays[%d]", field, i)
			if inYear(f, d) && abs(d.Sub(tet)) > maxTetOffset {
				bad(f, "%s is more than %d days from Tết (%s)", d, maxTetOffset, tet)
			}
		}
	}
	if o.NationalDayExtra != nil {
		f := field + ".nationalDayExtra"
		r, ok := c.adjacentRule(o.Year)
		if !ok {
			bad(f, "no rule for the day next to National Day applies to %d", o.Year)
		} else if d := *o.NationalDayExtra; inYear(f, d) {
			if anchor := (Date{o.Year, r.AnchorMonth, r.AnchorDay}); abs(d.Sub(anchor)) != 1 {
				bad(f, "%s is not next to %s", d, anchor)
			}
		}
	}
	for i, e := range o.ExtraDaysOff {
		f := fmt.Sprintf("%s.extraDaysOff[%d]", field, i)
		if inYear(f, e.Date) && !c.workWeek[e.Date.Weekday()] {
			bad(f, "%s is a %s, already a weekly rest day", e.Date, e.Date.Weekday())
		}
	}
	for i, s := range o.SwappedWorkingDays {
		f := fmt.Sprintf("%s.swappedWorkingDays[%d]", field, i)
		if inYear(f, s.Date) && c.workWeek[s.Date.Weekday()] {
			bad(f, "%s is a %s, already a working day; only a weekly rest day can be swapped into work", s.Date, s.Date.Weekday())
		}
	}
	return errs
}

// checkOverrideDays returns the problems with o that need its year's
// statutory holidays: an extra day off or a swapped working day that is a
// holiday already. It runs once every override is in place.
func (c *Calendar) checkOverrideDays(field string, o Override) []error {
	var errs []error
	stat := map[Date]Holiday{}
	for _, h := range c.statutory(o.Year) {
		stat[h.Date] = h
	}
	for i, e := range o.ExtraDaysOff {
		if h, ok := stat[e.Date]; ok {
			errs = append(errs, overrideErr(fmt.Sprintf("%s.extraDaysOff[%d]", field, i),
				"%s is already a holiday (%s)", e.Date, h.NameEN))
		}
	}
	for i, s := range o.SwappedWorkingDays {
		if h, ok := stat[s.Date]; ok {
			errs = append(errs, overrideErr(fmt.Sprintf("%s.swappedWorkingDays[%d]", field, i),
				"%s is a holiday (%s) and cannot be worked", s.Date, h.NameEN))
		}
	}
	return errs
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
