package calendar

import (
	"errors"
	"fmt"
	"time"
)

// Era is a set of rules in force from a day: a change of the law published
// as data (a new statutory holiday from 2026, a different cut-off) that
// governs the days from From onwards, until the next Era takes over. Days
// before From keep the rules they had, so a due date computed for a
// dossier of an earlier year does not move.
type Era struct {
	// From is the first day the rules govern (their effective date).
	From Date `json:"from"`
	// Rules are the holiday rules from From.
	Rules Rules `json:"rules"`
	// Due are the due-date rules from From; the zero DueRules means
	// DefaultDueRules.
	Due DueRules `json:"due"`
}

// era is one Era built: its calendar and the Julian day it takes over.
type era struct {
	from int
	cal  *Calendar
}

// newEras builds a Calendar whose days are governed by Options.Rules until
// the first of Options.Later, and then by each of Later from its From.
// Each day is judged under the rules in force on that day: whether it is
// a working day, which holiday it is, whether it is a make-up day. The
// per-year overrides are decisions about a year and apply under whatever
// rules govern it; each is checked against every era that governs a day of
// its year.
func newEras(opts Options) (*Calendar, error) {
	var errs []error
	for i, e := range opts.Later {
		f := fmt.Sprintf("later[%d].from", i)
		switch {
		case checkRange(e.From) != nil:
			errs = append(errs, rulesErr(f, "%s is not a date within %d–%d", e.From, MinYear, MaxYear))
		case i > 0 && !opts.Later[i-1].From.Before(e.From):
			errs = append(errs, rulesErr(f, "%s is not after later[%d].from %s", e.From, i-1, opts.Later[i-1].From))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	spans := make([]Era, 0, len(opts.Later)+1)
	spans = append(spans, Era{From: Date{MinYear, time.January, 1}, Rules: opts.Rules, Due: opts.Due})
	spans = append(spans, opts.Later...)
	top := &Calendar{eras: make([]era, len(spans))}
	for k, s := range spans {
		firstYear, lastYear := s.From.Year, MaxYear
		if k+1 < len(spans) {
			lastYear = spans[k+1].From.AddDays(-1).Year
		}
		var ovs []numbered
		for i, o := range opts.Overrides {
			if o.Year >= firstYear && o.Year <= lastYear {
				ovs = append(ovs, numbered{i, o})
			}
		}
		c, err := newSingle(s.Rules, s.Due, ovs)
		if err != nil {
			if k > 0 {
				err = prefixFields(fmt.Sprintf("later[%d].", k-1), err)
			}
			errs = append(errs, err)
			continue
		}
		top.eras[k] = era{from: s.From.jdn(), cal: c}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	// The first era's rules answer for the calendar as a whole where one
	// set is needed (there is none today outside plan).
	first := top.eras[0].cal
	top.rules, top.due, top.workWeek, top.overrides = first.rules, first.due, first.workWeek, first.overrides
	return top, nil
}

// prefixFields puts prefix before the field of every ValidationError in
// err (a join of them), so that a problem of a later era names it.
func prefixFields(prefix string, err error) error {
	var list []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		list = j.Unwrap()
	} else {
		list = []error{err}
	}
	out := make([]error, len(list))
	for i, e := range list {
		var ve *ValidationError
		if errors.As(e, &ve) && ve.Err == ErrInvalidRules {
			c := *ve
			c.Field = prefix + c.Field
			e = &c
		}
		out[i] = e
	}
	return errors.Join(out...)
}

// eraAt returns the era that governs Julian day j.
func (c *Calendar) eraAt(j int) *Calendar {
	k := 0
	for k+1 < len(c.eras) && c.eras[k+1].from <= j {
		k++
	}
	return c.eras[k].cal
}

// DueRulesOn returns the due-date rules in force on day d: those of the
// era that governs it, DefaultDueRules unless rules were given.
func (c *Calendar) DueRulesOn(d Date) DueRules {
	if len(c.eras) == 0 || !d.valid() {
		return c.due.orDefault()
	}
	return c.eraAt(d.jdn()).due.orDefault()
}

// DueRulesAt returns the due-date rules in force at instant t (read in
// Zone): pass them to DueDate and ReceptionDay for a reception at t.
func (c *Calendar) DueRulesAt(t time.Time) DueRules { return c.DueRulesOn(DateOf(t)) }

// composePlan resolves year y of a calendar of several eras: each day as
// the era in force on it resolves it.
func (c *Calendar) composePlan(y int) *yearPlan {
	first := jdFromDate(y, 1, 1)
	last := jdFromDate(y+1, 1, 1) - 1
	type span struct {
		lo, hi int
		cal    *Calendar
	}
	var spans []span
	for k, e := range c.eras {
		hi := jdFromDate(MaxYear+1, 1, 1)
		if k+1 < len(c.eras) {
			hi = c.eras[k+1].from - 1
		}
		lo := max(e.from, first)
		hi = min(hi, last)
		if k == 0 {
			lo = first
		}
		if lo <= hi {
			spans = append(spans, span{lo, hi, e.cal})
		}
	}
	if len(spans) == 1 {
		return spans[0].cal.plan(y)
	}
	n := last - first + 1
	p := &yearPlan{first: first, working: make([]bool, n), holiday: make([]int16, n)}
	for _, s := range spans {
		ep := s.cal.plan(y)
		for j := s.lo; j <= s.hi; j++ {
			i := j - first
			p.working[i] = ep.working[i]
			p.holiday[i] = -1
			if h := ep.holiday[i]; h >= 0 {
				p.holiday[i] = int16(len(p.holidays))
				p.holidays = append(p.holidays, ep.holidays[h])
			}
		}
		for _, sw := range ep.swapped {
			if j := sw.Date.jdn(); j >= s.lo && j <= s.hi {
				p.swapped = append(p.swapped, sw)
			}
		}
	}
	return p
}
