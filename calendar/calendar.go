package calendar

import (
	"errors"
	"fmt"
	"slices"
	"sync/atomic"
)

// Options configures a Calendar. Rules is required (start from
// DefaultRules); Due, Overrides and Later may be empty.
type Options struct {
	// Rules are the holiday rules: in force from the beginning, or until
	// the first of Later.
	Rules Rules
	// Due are the due-date rules in force with Rules; the zero DueRules
	// means DefaultDueRules.
	Due DueRules
	// Overrides are the government's decisions for particular years, at
	// most one per year.
	Overrides []Override
	// Later are the rules published since, each in force from its own
	// date (see Era), in strictly increasing order of From.
	Later []Era
}

// Calendar answers which days are working days and computes due dates. It
// resolves each year on first use and keeps the result; it is safe for
// concurrent use and never changes after New. To change rules or overrides,
// build a new Calendar.
type Calendar struct {
	rules     Rules
	due       DueRules
	overrides map[int]Override
	workWeek  [7]bool
	// eras, when there are Later rules, are the calendars of each set of
	// rules with the day it takes over from; plan composes their years.
	eras []era

	stat  [MaxYear - MinYear + 1]atomic.Pointer[[]Holiday]
	plans [MaxYear - MinYear + 1]atomic.Pointer[yearPlan]
}

// New checks the rules and overrides and returns a Calendar built from
// them. Every problem found is reported, each as a *ValidationError that
// wraps ErrInvalidRules or ErrInvalidOverride, joined with errors.Join.
func New(opts Options) (*Calendar, error) {
	if len(opts.Later) > 0 {
		return newEras(opts)
	}
	all := make([]numbered, len(opts.Overrides))
	for i, o := range opts.Overrides {
		all[i] = numbered{i, o}
	}
	return newSingle(opts.Rules, opts.Due, all)
}

// numbered is an override with its index in Options.Overrides, by which
// its errors name it.
type numbered struct {
	i int
	o Override
}

// newSingle builds a Calendar of one set of rules and the overrides given.
func newSingle(rules Rules, due DueRules, overrides []numbered) (*Calendar, error) {
	if errs := validateRules(rules); len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	due = due.orDefault()
	if err := due.Validate(); err != nil {
		return nil, err
	}
	c := &Calendar{rules: cloneRules(rules), due: due, overrides: map[int]Override{}}
	for _, w := range c.rules.WorkingWeekdays {
		c.workWeek[w] = true
	}
	var errs []error
	for _, n := range overrides {
		field := fmt.Sprintf("overrides[%d]", n.i)
		if _, dup := c.overrides[n.o.Year]; dup {
			errs = append(errs, overrideErr(field+".year", "a second override for %d", n.o.Year))
			continue
		}
		if e := c.checkOverrideShape(field, n.o); len(e) > 0 {
			errs = append(errs, e...)
			continue
		}
		c.overrides[n.o.Year] = cloneOverride(n.o)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	// Checks that need the year's holidays, now that every override is in.
	for _, n := range overrides {
		errs = append(errs, c.checkOverrideDays(fmt.Sprintf("overrides[%d]", n.i), n.o)...)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return c, nil
}

// IsWorkingDay reports whether d is a working day: a day of the working week
// that is not a holiday, make-up day or extra day off, or a weekly rest day
// swapped into a working day.
func (c *Calendar) IsWorkingDay(d Date) (bool, error) {
	if err := checkRange(d); err != nil {
		return false, err
	}
	p := c.plan(d.Year)
	return p.working[d.jdn()-p.first], nil
}

// HolidayOn returns the holiday on d, if d is one. Weekly rest days are not
// holidays.
func (c *Calendar) HolidayOn(d Date) (Holiday, bool, error) {
	if err := checkRange(d); err != nil {
		return Holiday{}, false, err
	}
	p := c.plan(d.Year)
	i := p.holiday[d.jdn()-p.first]
	if i < 0 {
		return Holiday{}, false, nil
	}
	return p.holidays[i], true, nil
}

// Holidays returns the days off of the solar year other than weekly rest
// days — statutory holidays, Tết, make-up days and extra days off — sorted
// by date.
func (c *Calendar) Holidays(year int) ([]Holiday, error) {
	if year < MinYear || year > MaxYear {
		return nil, fmt.Errorf("%w: year %d (the calendar covers %d–%d)", ErrOutOfRange, year, MinYear, MaxYear)
	}
	return slices.Clone(c.plan(year).holidays), nil
}

// SwappedWorkingDays returns the weekly rest days of the year that are
// worked by decision, sorted by date.
func (c *Calendar) SwappedWorkingDays(year int) ([]NamedDate, error) {
	if year < MinYear || year > MaxYear {
		return nil, fmt.Errorf("%w: year %d (the calendar covers %d–%d)", ErrOutOfRange, year, MinYear, MaxYear)
	}
	return slices.Clone(c.plan(year).swapped), nil
}

// AddWorkingDays returns the n-th working day after from (n > 0), or the
// |n|-th working day before it (n < 0), not counting from itself; for n = 0
// it returns from unchanged, working day or not. So for n > 0 the result is
// a working day and exactly n working days lie in (from, result].
func (c *Calendar) AddWorkingDays(from Date, n int) (Date, error) {
	if err := checkRange(from); err != nil {
		return Date{}, err
	}
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	j := from.jdn()
	y := from.Year
	p := c.plan(y)
	for n > 0 {
		j += step
		if i := j - p.first; i < 0 || i >= len(p.working) {
			y += step
			if y < MinYear || y > MaxYear {
				return Date{}, fmt.Errorf("%w: counting working days from %s goes past %d", ErrOutOfRange, from, y-step)
			}
			p = c.plan(y)
		}
		if p.working[j-p.first] {
			n--
		}
	}
	return dateFromJDN(j), nil
}

// CountWorkingDays returns the number of working days in (from, to]: 0 if
// to is from, negative (minus the working days in (to, from]) if to is
// before from.
func (c *Calendar) CountWorkingDays(from, to Date) (int, error) {
	if err := checkRange(from); err != nil {
		return 0, err
	}
	if err := checkRange(to); err != nil {
		return 0, err
	}
	sign := 1
	if to.Before(from) {
		from, to, sign = to, from, -1
	}
	n := 0
	y := from.Year
	p := c.plan(y)
	for j, end := from.jdn()+1, to.jdn(); j <= end; j++ {
		if j-p.first >= len(p.working) {
			y++
			p = c.plan(y)
		}
		if p.working[j-p.first] {
			n++
		}
	}
	return sign * n, nil
}

// checkRange returns an error unless d is a valid date within
// MinYear–MaxYear.
func checkRange(d Date) error {
	if !d.valid() {
		return fmt.Errorf("%w: %s", ErrInvalidDate, d)
	}
	if d.Year < MinYear || d.Year > MaxYear {
		return fmt.Errorf("%w: %s (the calendar covers %d–%d)", ErrOutOfRange, d, MinYear, MaxYear)
	}
	return nil
}

func cloneRules(r Rules) Rules {
	r.WorkingWeekdays = slices.Clone(r.WorkingWeekdays)
	r.Solar = slices.Clone(r.Solar)
	r.Lunar = slices.Clone(r.Lunar)
	r.Tet = slices.Clone(r.Tet)
	for i := range r.Tet {
		r.Tet[i].Offsets = slices.Clone(r.Tet[i].Offsets)
	}
	r.NationalDayExtra = slices.Clone(r.NationalDayExtra)
	return r
}

func cloneOverride(o Override) Override {
	o.TetDays = slices.Clone(o.TetDays)
	if o.NationalDayExtra != nil {
		d := *o.NationalDayExtra
		o.NationalDayExtra = &d
	}
	o.ExtraDaysOff = slices.Clone(o.ExtraDaysOff)
	o.SwappedWorkingDays = slices.Clone(o.SwappedWorkingDays)
	return o
}
