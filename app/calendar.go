package app

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"hoso/calendar"
	"hoso/store"
)

const (
	calendarPrefix       = "calendar/"
	kindOverrideSet      = "calendar.override_set"
	kindOverrideRemoved  = "calendar.override_removed"
	calendarProjectionID = "calendar"
)

// overrideRecord is a year's override as folded from its events.
type overrideRecord struct {
	Override *calendar.Override `json:"override"`
	Version  int                `json:"version"`
}

var calendarProjection = jsonProjection[overrideRecord]{
	name:   calendarProjectionID,
	prefix: calendarPrefix,
	apply: func(s *overrideRecord, e *store.Event) {
		switch e.Kind {
		case kindOverrideSet:
			var o calendar.Override
			if decodeBody(e, &o) {
				s.Override = &o
				s.Version++
			}
		case kindOverrideRemoved:
			s.Override = nil
			s.Version++
		}
	},
	index: func(subject string, s *overrideRecord) []store.IndexEntry {
		return []store.IndexEntry{{Index: "year", Key: []byte(strings.TrimPrefix(subject, calendarPrefix))}}
	},
}

// Calendar answers working-day questions with the statutory holidays and
// the per-year overrides recorded by administrators (synced like any
// record).
type Calendar struct {
	core *Core

	mu     sync.Mutex
	cached *calendar.Calendar
	key    string
}

// NewCalendar returns the Calendar service.
func NewCalendar(core *Core) *Calendar { return &Calendar{core: core} }

// overrides reads every recorded override, and a key that changes when any
// of them does.
func (c *Calendar) overrides(st *store.Store) ([]calendar.Override, string, error) {
	hits, err := st.Scan(calendarProjectionID, "year", store.ScanOptions{})
	if err != nil {
		return nil, "", Wrap(CodeInternal, err, "reading the calendar")
	}
	var out []calendar.Override
	var key strings.Builder
	for _, h := range hits {
		var r overrideRecord
		if _, err := readState(st, calendarProjectionID, h.Subject, &r); err != nil {
			return nil, "", err
		}
		fmt.Fprintf(&key, "%s:%d;", h.Key, r.Version)
		if r.Override != nil {
			out = append(out, *r.Override)
		}
	}
	return out, key.String(), nil
}

// calendarFor returns the calendar built from the recorded overrides,
// rebuilt only when they change.
func (c *Calendar) calendarFor(st *store.Store) (*calendar.Calendar, error) {
	ovs, key, err := c.overrides(st)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cached != nil && c.key == key {
		return c.cached, nil
	}
	cal, err := calendar.New(calendar.Options{Rules: calendar.DefaultRules(), Overrides: ovs})
	if err != nil {
		// Overrides are validated before they are recorded; two desks
		// offline could still record clashing ones. Fall back on the
		// statutory rules rather than stop every deadline.
		cal, err = calendar.New(calendar.Options{Rules: calendar.DefaultRules()})
		if err != nil {
			return nil, Wrap(CodeInternal, err, "building the calendar")
		}
	}
	c.cached, c.key = cal, key
	return cal, nil
}

// DueDateRequest asks when a dossier received at Received is due.
type DueDateRequest struct {
	Received    string `json:"received"`
	WorkingDays int    `json:"workingDays"`
}

// DueDateReply is the due time and the working day reception counts from.
type DueDateReply struct {
	Due          string `json:"due"`
	ReceptionDay string `json:"receptionDay"`
}

// DueDate returns the due time of a procedure of WorkingDays received at
// Received: same-day procedures received after 15:00 are due the next
// working day (DOMAIN §4).
func (c *Calendar) DueDate(req DueDateRequest) (DueDateReply, error) {
	received, err := time.Parse(time.RFC3339, req.Received)
	if err != nil {
		return DueDateReply{}, FieldError("received", "received must be an RFC 3339 time such as 2026-11-27T14:30:00+07:00")
	}
	if req.WorkingDays < 0 || req.WorkingDays > 365 {
		return DueDateReply{}, FieldError("workingDays", "workingDays must be 0 to 365")
	}
	d, err := c.core.Deps()
	if err != nil {
		return DueDateReply{}, err
	}
	cal, err := c.calendarFor(d.Store)
	if err != nil {
		return DueDateReply{}, err
	}
	rules := calendar.DefaultDueRules()
	due, err := cal.DueDate(received, req.WorkingDays, rules)
	if err != nil {
		return DueDateReply{}, calendarError("received", err)
	}
	day, err := cal.ReceptionDay(received, rules)
	if err != nil {
		return DueDateReply{}, calendarError("received", err)
	}
	return DueDateReply{Due: due.Format(time.RFC3339), ReceptionDay: day.String()}, nil
}

// YearRequest names a year.
type YearRequest struct {
	Year int `json:"year"`
}

// HolidaysReply lists a year's days off and worked weekend days.
type HolidaysReply struct {
	Year               int                  `json:"year"`
	Holidays           []calendar.Holiday   `json:"holidays"`
	SwappedWorkingDays []calendar.NamedDate `json:"swappedWorkingDays"`
	Override           *calendar.Override   `json:"override"`
}

// Holidays returns the days off of a year with their names.
func (c *Calendar) Holidays(req YearRequest) (HolidaysReply, error) {
	if req.Year < calendar.MinYear || req.Year > calendar.MaxYear {
		return HolidaysReply{}, FieldError("year", "the year must be %d to %d", calendar.MinYear, calendar.MaxYear)
	}
	d, err := c.core.Deps()
	if err != nil {
		return HolidaysReply{}, err
	}
	cal, err := c.calendarFor(d.Store)
	if err != nil {
		return HolidaysReply{}, err
	}
	hs, err := cal.Holidays(req.Year)
	if err != nil {
		return HolidaysReply{}, calendarError("year", err)
	}
	sw, err := cal.SwappedWorkingDays(req.Year)
	if err != nil {
		return HolidaysReply{}, calendarError("year", err)
	}
	var r overrideRecord
	if _, err := readState(d.Store, calendarProjectionID, calendarPrefix+strconv.Itoa(req.Year), &r); err != nil {
		return HolidaysReply{}, err
	}
	if hs == nil {
		hs = []calendar.Holiday{}
	}
	if sw == nil {
		sw = []calendar.NamedDate{}
	}
	return HolidaysReply{Year: req.Year, Holidays: hs, SwappedWorkingDays: sw, Override: r.Override}, nil
}

// OverrideRequest records a year's decided days.
type OverrideRequest struct {
	Override calendar.Override `json:"override"`
}

// SetOverride records a year's override (the decided Tết days, the day next
// to National Day, swapped working days, extra days off), after checking it
// against the rules and the other years.
func (c *Calendar) SetOverride(ctx context.Context, req OverrideRequest) (HolidaysReply, error) {
	d, err := c.core.Deps()
	if err != nil {
		return HolidaysReply{}, err
	}
	ovs, _, err := c.overrides(d.Store)
	if err != nil {
		return HolidaysReply{}, err
	}
	others := ovs[:0]
	for _, o := range ovs {
		if o.Year != req.Override.Year {
			others = append(others, o)
		}
	}
	if _, err := calendar.New(calendar.Options{Rules: calendar.DefaultRules(), Overrides: append(others, req.Override)}); err != nil {
		return HolidaysReply{}, calendarError("override", err)
	}
	cl := CallerFrom(ctx)
	draft := store.Draft{Actor: cl.Actor(), Owner: callerOffice(d.Store, cl), Kind: kindOverrideSet,
		Subject: calendarPrefix + strconv.Itoa(req.Override.Year), Body: mustJSON(req.Override)}
	if _, err := d.Store.Append(draft); err != nil {
		return HolidaysReply{}, appendErr(err, "saving the override")
	}
	return c.Holidays(YearRequest{Year: req.Override.Year})
}

// RemoveOverride returns a year to the default rules.
func (c *Calendar) RemoveOverride(ctx context.Context, req YearRequest) (HolidaysReply, error) {
	d, err := c.core.Deps()
	if err != nil {
		return HolidaysReply{}, err
	}
	cl := CallerFrom(ctx)
	draft := store.Draft{Actor: cl.Actor(), Owner: callerOffice(d.Store, cl), Kind: kindOverrideRemoved,
		Subject: calendarPrefix + strconv.Itoa(req.Year), Body: []byte(`{}`)}
	if _, err := d.Store.Append(draft); err != nil {
		return HolidaysReply{}, appendErr(err, "removing the override")
	}
	return c.Holidays(req)
}

// callerOffice is the office a caller writes for: the user's, or the
// node's for the operator.
func callerOffice(st *store.Store, c Caller) string {
	if c.Office != "" {
		return c.Office
	}
	if b, err := st.Local(settingOfficeCode); err == nil && len(b) > 0 {
		return string(b)
	}
	return "00"
}

// overrideIndex is the position of an override in the list the calendar
// was built from, which the caller never sees.
var overrideIndex = regexp.MustCompile(`^overrides\[\d+\]\.?`)

// calendarError gives a calendar package error its field and code: every
// validation problem is listed in Details, the first names the field.
func calendarError(field string, err error) error {
	return problemsError(field, err, func(e error) (string, string, bool) {
		var ve *calendar.ValidationError
		if !errors.As(e, &ve) {
			return "", "", false
		}
		// An override's problems are named within the override.
		return overrideIndex.ReplaceAllString(ve.Field, ""), ve.Message, true
	})
}
