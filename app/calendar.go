package app

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
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

	// calendarRulesPrefix is the record of an office's published holiday
	// and due rules: "calendar/rules/38". It lies under calendarPrefix so
	// that it travels down the tree as reference data.
	calendarRulesPrefix = "calendar/rules/"
	kindCalendarRules   = "calendar.rules_published"
	calendarRulesProjID = "calrules"
)

// overrideRecord is a year's overrides as folded from their events: one per
// office that recorded one, by the event's owner, so that a commune's
// decision never replaces its province's (the subject is the year's, as it
// was before offices were told apart).
type overrideRecord struct {
	ByOffice map[string]officeOverride `json:"byOffice,omitempty"`
}

// officeOverride is one office's override of a year; Override is nil after
// a removal.
type officeOverride struct {
	Override *calendar.Override `json:"override"`
	Version  int                `json:"version"`
}

// overrideProjection folds "calendar/<year>". Version 2 keeps each
// office's override apart (version 1 let the last office's win for all).
type overrideProjection struct {
	jsonProjection[overrideRecord]
}

// Version is the fold's version (see store.Versioned).
func (overrideProjection) Version() uint32 { return 2 }

// Wants reports whether the subject is a year's overrides.
func (p overrideProjection) Wants(subject string) bool {
	return p.jsonProjection.Wants(subject) && !strings.HasPrefix(subject, calendarRulesPrefix)
}

var calendarProjection = overrideProjection{jsonProjection[overrideRecord]{
	name:   calendarProjectionID,
	prefix: calendarPrefix,
	apply: func(s *overrideRecord, e *store.Event) {
		o := s.ByOffice[e.Owner]
		switch e.Kind {
		case kindOverrideSet:
			var ov calendar.Override
			if !decodeBody(e, &ov) || calendarPrefix+strconv.Itoa(ov.Year) != e.Subject {
				return
			}
			o.Override = &ov
		case kindOverrideRemoved:
			o.Override = nil
		default:
			return
		}
		o.Version++
		if s.ByOffice == nil {
			s.ByOffice = map[string]officeOverride{}
		}
		s.ByOffice[e.Owner] = o
	},
	index: func(subject string, s *overrideRecord) []store.IndexEntry {
		return []store.IndexEntry{{Index: "year", Key: []byte(strings.TrimPrefix(subject, calendarPrefix))}}
	},
}}

// ownedProjection is a projection of records each of one office
// ("<prefix><office>/…"), whose fold applies only that office's own events
// (an office never writes another's rules), at version 2: version 1 folded
// every office's events.
type ownedProjection[S any] struct {
	jsonProjection[S]
}

// Version is the fold's version (see store.Versioned).
func (ownedProjection[S]) Version() uint32 { return 2 }

// subjectOffice returns the office of a subject "<prefix><office>/…".
func subjectOffice(subject, prefix string) string {
	office, _, _ := strings.Cut(strings.TrimPrefix(subject, prefix), "/")
	return office
}

// CalendarRules are the holiday and due-date rules an office publishes,
// with the legal basis and the day from which they are in force. They are
// complete: from Effective they replace the rules in force before.
type CalendarRules struct {
	Rules calendar.Rules `json:"rules"`
	// Due are the due-date rules (the 15:00 cut-off); zero means
	// calendar.DefaultDueRules.
	Due calendar.DueRules `json:"due"`
	// Basis cites the instrument (law, decree, decision) that sets them.
	Basis string `json:"basis"`
	// Effective is the first day they govern, YYYY-MM-DD.
	Effective string `json:"effective"`
}

// CalendarRuleVersion is one publication of CalendarRules: by which
// office, its n-th, by whom and when it was recorded. The built-in rules
// are version 0 of office "".
type CalendarRuleVersion struct {
	CalendarRules
	Office     string    `json:"office"`
	Version    int       `json:"version"`
	Actor      string    `json:"actor"`
	RecordedAt time.Time `json:"recordedAt"`
}

// ID names the version as a dossier records it: "38@2", "builtin@0".
func (v CalendarRuleVersion) ID() string {
	office := v.Office
	if office == "" {
		office = "builtin"
	}
	return office + "@" + strconv.Itoa(v.Version)
}

// builtinCalendarRules are the rules shipped in the program: the Labour
// Code 2019 and the 15:00 cut-off.
func builtinCalendarRules() CalendarRuleVersion {
	return CalendarRuleVersion{CalendarRules: CalendarRules{Rules: calendar.DefaultRules(), Due: calendar.DefaultDueRules(),
		Basis: "Bộ luật Lao động 2019 (Luật 45/2019/QH14), Điều 111–112; Nghị định 118/2025/NĐ-CP (tiếp nhận sau 15 giờ)"}}
}

// calendarRulesRecord is every version an office published, in fold
// order.
type calendarRulesRecord struct {
	Versions []CalendarRuleVersion `json:"versions"`
}

var calendarRulesProjection = jsonProjection[calendarRulesRecord]{
	name:   calendarRulesProjID,
	prefix: calendarRulesPrefix,
	apply: func(s *calendarRulesRecord, e *store.Event) {
		var r CalendarRules
		// Only the office itself publishes its rules: an event of another
		// office under its name is ignored, as is an unusable one.
		if e.Kind != kindCalendarRules || e.Owner != subjectOffice(e.Subject, calendarRulesPrefix) ||
			!decodeBody(e, &r) || checkCalendarRules(r) != nil {
			return
		}
		s.Versions = append(s.Versions, CalendarRuleVersion{CalendarRules: r, Office: e.Owner,
			Version: len(s.Versions) + 1, Actor: e.Actor, RecordedAt: e.HLC.Time()})
	},
	index: func(subject string, s *calendarRulesRecord) []store.IndexEntry {
		return []store.IndexEntry{{Index: "office", Key: []byte(strings.TrimPrefix(subject, calendarRulesPrefix))}}
	},
}

// checkCalendarRules reports the first problem of published rules.
func checkCalendarRules(r CalendarRules) error {
	if strings.TrimSpace(r.Basis) == "" {
		return FieldError("basis", "the legal basis is required")
	}
	if _, err := calendar.ParseDate(r.Effective); err != nil {
		return FieldError("effective", "the effective date must be YYYY-MM-DD")
	}
	if err := r.Due.Validate(); r.Due != (calendar.DueRules{}) && err != nil {
		var ve *calendar.ValidationError
		if errors.As(err, &ve) {
			return FieldError("due."+strings.TrimPrefix(ve.Field, "dueRules."), "%s", ve.Message)
		}
		return FieldError("due", "%v", err)
	}
	if _, err := calendar.New(calendar.Options{Rules: r.Rules}); err != nil {
		return calendarRulesError(err)
	}
	return nil
}

// laterEra strips the era a problem was found in: the caller sees its own
// rules.
var laterEra = regexp.MustCompile(`^later\[\d+\]\.`)

// calendarRulesError lists every problem of published rules in Details.
func calendarRulesError(err error) error {
	return problemsError("rules", err, func(e error) (string, string, bool) {
		var ve *calendar.ValidationError
		if !errors.As(e, &ve) {
			return "", "", false
		}
		return strings.TrimPrefix(laterEra.ReplaceAllString(ve.Field, ""), "rules."), ve.Message, true
	})
}

// Calendar answers working-day questions. The rules it computes with are
// reference data: the holiday and due rules published by the node's own
// office or an office above it (each in force from its effective date),
// else the built-in ones; and each year's override of the nearest of those
// offices that recorded one. A rule of an office below, or beside, never
// applies.
type Calendar struct {
	core *Core
	now  func() time.Time

	mu     sync.Mutex
	cached *calendar.Calendar
	key    string
	used   calendarInputs
	// stamp says what cached was built from: the store, the office and
	// the counts of changes of the projections its inputs are read from.
	// While it holds, the inputs are not read again: a receipt or an
	// action reads a calendar, and reading its inputs (the office path,
	// the rules along it, every year's overrides) cost more than the
	// action itself (a province's demo year, issue 19).
	stamp calendarStamp
	// reads counts the readings of the inputs (the tests check the
	// stamp spares them).
	reads int
}

// calendarStamp identifies the inputs of a node's calendar without reading
// them: while no office, rule or override was written, they are the same.
type calendarStamp struct {
	st                        *store.Store
	office                    string
	offices, rules, overrides uint64
}

// calendarStampOf reads the stamp of the calendar of the node's office.
func calendarStampOf(st *store.Store, office string) calendarStamp {
	return calendarStamp{st: st, office: office,
		offices: st.ProjectionChanges(officeProjection.name), rules: st.ProjectionChanges(calendarRulesProjID),
		overrides: st.ProjectionChanges(calendarProjectionID)}
}

// NewCalendar returns the Calendar service.
func NewCalendar(core *Core) *Calendar { return &Calendar{core: core, now: time.Now} }

// calendarInputs are the rules a calendar of an office is built from.
type calendarInputs struct {
	office string
	// path is the office and the offices above it, nearest first.
	path []string
	// timeline are the rule versions that govern, by effective date (the
	// built-in rules first), at most one per date.
	timeline []CalendarRuleVersion
	// overrides are the overrides in force, one per year, and the office
	// and version of each.
	overrides  []calendar.Override
	overrideOf map[int]string
	// key changes when any of the above does.
	key string
}

// officePath returns office and the offices above it, nearest first, as
// far as the office records here reach.
func officePath(st *store.Store, office string) ([]string, error) {
	var path []string
	err := upTree(st, office, func(code string) (bool, error) {
		path = append(path, code)
		return false, nil
	})
	return path, err
}

// nodeOffice is the office this node serves.
func nodeOffice(st *store.Store) string { return callerOffice(st, Caller{}) }

// calendarInputsFor reads the rules that govern office.
func calendarInputsFor(st *store.Store, office string) (calendarInputs, error) {
	in := calendarInputs{office: office, overrideOf: map[int]string{}}
	path, err := officePath(st, office)
	if err != nil {
		return in, err
	}
	in.path = path
	var key strings.Builder
	fmt.Fprintf(&key, "%s;", strings.Join(path, "/"))
	// Every version published along the path; then, per effective date,
	// the one that wins: the nearer office, then the later version.
	type ranked struct {
		v     CalendarRuleVersion
		depth int
	}
	var all []ranked
	for depth, code := range path {
		var r calendarRulesRecord
		if _, err := readState(st, calendarRulesProjID, calendarRulesPrefix+code, &r); err != nil {
			return in, err
		}
		for _, v := range r.Versions {
			all = append(all, ranked{v, depth})
			fmt.Fprintf(&key, "%s;", v.ID())
		}
	}
	slices.SortStableFunc(all, func(a, b ranked) int {
		if c := strings.Compare(a.v.Effective, b.v.Effective); c != 0 {
			return c
		}
		if a.depth != b.depth {
			return b.depth - a.depth // the office above first, so the nearer wins
		}
		return a.v.Version - b.v.Version
	})
	in.timeline = []CalendarRuleVersion{builtinCalendarRules()}
	for _, r := range all {
		if last := &in.timeline[len(in.timeline)-1]; last.Effective == r.v.Effective {
			*last = r.v
		} else {
			in.timeline = append(in.timeline, r.v)
		}
	}
	// Each year's override: that of the nearest office on the path.
	hits, err := st.Scan(calendarProjectionID, "year", store.ScanOptions{})
	if err != nil {
		return in, Wrap(CodeInternal, err, "reading the calendar")
	}
	for _, h := range hits {
		var r overrideRecord
		if _, err := readState(st, calendarProjectionID, h.Subject, &r); err != nil {
			return in, err
		}
		for _, code := range path {
			o, ok := r.ByOffice[code]
			if !ok || o.Override == nil {
				continue
			}
			in.overrides = append(in.overrides, *o.Override)
			in.overrideOf[o.Override.Year] = code + "@" + strconv.Itoa(o.Version)
			fmt.Fprintf(&key, "%s:%s@%d;", h.Key, code, o.Version)
			break
		}
	}
	in.key = key.String()
	return in, nil
}

// build returns the calendar of the inputs.
func (in calendarInputs) build() (*calendar.Calendar, error) {
	return calendar.New(in.options())
}

func (in calendarInputs) options() calendar.Options {
	first := in.timeline[0]
	opts := calendar.Options{Rules: first.Rules, Due: first.Due, Overrides: in.overrides}
	for _, v := range in.timeline[1:] {
		from, _ := calendar.ParseDate(v.Effective) // checked when folded
		opts.Later = append(opts.Later, calendar.Era{From: from, Rules: v.Rules, Due: v.Due})
	}
	return opts
}

// versionAt returns the rule version in force on day d.
func (in calendarInputs) versionAt(d calendar.Date) CalendarRuleVersion {
	v := in.timeline[0]
	for _, w := range in.timeline[1:] {
		if w.Effective <= d.String() {
			v = w
		}
	}
	return v
}

// calendarFor returns the calendar of the node's own office, rebuilt only
// when the rules that govern it change.
func (c *Calendar) calendarFor(st *store.Store) (*calendar.Calendar, error) {
	cal, _, err := c.calendarOf(st)
	return cal, err
}

// calendarOf returns the calendar of the node's own office and the inputs
// it was built from.
func (c *Calendar) calendarOf(st *store.Store) (*calendar.Calendar, calendarInputs, error) {
	// The stamp is read before the inputs: a write landing between them
	// leaves a stamp older than the inputs, read again next time.
	stamp := calendarStampOf(st, nodeOffice(st))
	c.mu.Lock()
	if c.cached != nil && c.stamp == stamp {
		defer c.mu.Unlock()
		return c.cached, c.used, nil
	}
	c.reads++
	c.mu.Unlock()
	in, err := calendarInputsFor(st, stamp.office)
	if err != nil {
		return nil, in, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cached != nil && c.key == in.key {
		c.stamp = stamp
		return c.cached, c.used, nil
	}
	cal, err := in.build()
	if err != nil {
		// Everything is validated before it is recorded; two desks
		// offline could still record clashing rules and overrides. Fall
		// back on the rules without overrides, then on the built-in ones,
		// rather than stop every deadline.
		in.overrides, in.overrideOf = nil, map[int]string{}
		if cal, err = in.build(); err != nil {
			in.timeline = in.timeline[:1]
			if cal, err = in.build(); err != nil {
				return nil, in, Wrap(CodeInternal, err, "building the calendar")
			}
		}
	}
	c.cached, c.key, c.used, c.stamp = cal, in.key, in, stamp
	return cal, in, nil
}

// rulesUsed returns the versions of the calendar a dossier received at
// instant at is computed under: "calendar" is the holiday and due rules
// ("38@2", "builtin@0"), "calendarOverride" the override of the year of
// reception if there is one ("38@1").
func (c *Calendar) rulesUsed(st *store.Store, at time.Time) (map[string]string, error) {
	_, in, err := c.calendarOf(st)
	if err != nil {
		return nil, err
	}
	day := calendar.DateOf(at)
	out := map[string]string{"calendar": in.versionAt(day).ID()}
	if o, ok := in.overrideOf[day.Year]; ok {
		out["calendarOverride"] = o
	}
	return out, nil
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
// Received: same-day procedures received after the cut-off (15:00 unless
// the rules in force say otherwise) are due the next working day (DOMAIN
// §4).
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
	rules := cal.DueRulesAt(received)
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
	// Override is the year's override in force here, OverrideOffice the
	// office that recorded it (this one or one above).
	Override       *calendar.Override `json:"override"`
	OverrideOffice string             `json:"overrideOffice,omitempty"`
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
	cal, in, err := c.calendarOf(d.Store)
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
	if hs == nil {
		hs = []calendar.Holiday{}
	}
	if sw == nil {
		sw = []calendar.NamedDate{}
	}
	out := HolidaysReply{Year: req.Year, Holidays: hs, SwappedWorkingDays: sw}
	for _, o := range in.overrides {
		if o.Year == req.Year {
			o := o
			out.Override = &o
			out.OverrideOffice, _, _ = strings.Cut(in.overrideOf[o.Year], "@")
		}
	}
	return out, nil
}

// OverrideRequest records a year's decided days.
type OverrideRequest struct {
	Override calendar.Override `json:"override"`
}

// SetOverride records the caller's office's override of a year (the
// decided Tết days, the day next to National Day, swapped working days,
// extra days off), after checking it against the rules in force there and
// the other years. It is in force for the office and the offices below it
// that record none of their own for the year.
func (c *Calendar) SetOverride(ctx context.Context, req OverrideRequest) (HolidaysReply, error) {
	d, err := c.core.Deps()
	if err != nil {
		return HolidaysReply{}, err
	}
	cl := CallerFrom(ctx)
	office := callerOffice(d.Store, cl)
	in, err := calendarInputsFor(d.Store, office)
	if err != nil {
		return HolidaysReply{}, err
	}
	others := []calendar.Override{}
	for _, o := range in.overrides {
		if o.Year != req.Override.Year {
			others = append(others, o)
		}
	}
	in.overrides = append(others, req.Override)
	if _, err := in.build(); err != nil {
		return HolidaysReply{}, calendarError("override", err)
	}
	draft := store.Draft{Actor: cl.Actor(), Owner: office, Kind: kindOverrideSet,
		Subject: calendarPrefix + strconv.Itoa(req.Override.Year), Body: mustJSON(req.Override)}
	if _, err := d.Store.Append(draft); err != nil {
		return HolidaysReply{}, appendErr(err, "saving the override")
	}
	return c.Holidays(YearRequest{Year: req.Override.Year})
}

// RemoveOverride drops the caller's office's override of a year: the
// override of an office above, if any, or the rules are in force again.
func (c *Calendar) RemoveOverride(ctx context.Context, req YearRequest) (HolidaysReply, error) {
	if req.Year < calendar.MinYear || req.Year > calendar.MaxYear {
		return HolidaysReply{}, FieldError("year", "the year must be %d to %d", calendar.MinYear, calendar.MaxYear)
	}
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

// CalendarRulesRequest names the office whose calendar rules are read;
// empty is this node's.
type CalendarRulesRequest struct {
	Office string `json:"office"`
}

// CalendarRulesReply is the calendar rules that govern an office.
type CalendarRulesReply struct {
	Office string `json:"office"`
	// InForce is the version in force today.
	InForce CalendarRuleVersion `json:"inForce"`
	// Timeline are the versions that govern the office, each from its
	// effective date (the built-in rules first, with no date): published
	// by the office or an office above it.
	Timeline []CalendarRuleVersion `json:"timeline"`
	// Own are every version the office itself published, oldest first,
	// including those a later one replaced.
	Own []CalendarRuleVersion `json:"own"`
}

// Rules returns the holiday and due rules that govern an office, each
// version with its office, legal basis and effective date.
func (c *Calendar) Rules(ctx context.Context, req CalendarRulesRequest) (CalendarRulesReply, error) {
	d, err := c.core.Deps()
	if err != nil {
		return CalendarRulesReply{}, err
	}
	office := strings.TrimSpace(req.Office)
	if office == "" {
		office = callerOffice(d.Store, CallerFrom(ctx))
	}
	in, err := calendarInputsFor(d.Store, office)
	if err != nil {
		return CalendarRulesReply{}, err
	}
	var own calendarRulesRecord
	if _, err := readState(d.Store, calendarRulesProjID, calendarRulesPrefix+office, &own); err != nil {
		return CalendarRulesReply{}, err
	}
	if own.Versions == nil {
		own.Versions = []CalendarRuleVersion{}
	}
	return CalendarRulesReply{Office: office, InForce: in.versionAt(calendar.DateOf(c.now())),
		Timeline: in.timeline, Own: own.Versions}, nil
}

// SetRules publishes the caller's office's holiday and due rules, in force
// from their effective date for the office and every office below it (an
// office's rules never govern the offices above it or beside it). They
// travel down the tree like any reference data; a later publication with
// the same effective date corrects an earlier one.
func (c *Calendar) SetRules(ctx context.Context, req CalendarRules) (CalendarRulesReply, error) {
	req.Basis, req.Effective = strings.TrimSpace(req.Basis), strings.TrimSpace(req.Effective)
	if err := checkCalendarRules(req); err != nil {
		return CalendarRulesReply{}, err
	}
	d, err := c.core.Deps()
	if err != nil {
		return CalendarRulesReply{}, err
	}
	cl := CallerFrom(ctx)
	office := callerOffice(d.Store, cl)
	// The office's calendar must still build with the new rules in force:
	// an override recorded for a year they govern must agree with them.
	in, err := calendarInputsFor(d.Store, office)
	if err != nil {
		return CalendarRulesReply{}, err
	}
	in.timeline = append(slices.DeleteFunc(in.timeline, func(v CalendarRuleVersion) bool { return v.Effective == req.Effective && v.Office != "" }),
		CalendarRuleVersion{CalendarRules: req, Office: office})
	slices.SortStableFunc(in.timeline[1:], func(a, b CalendarRuleVersion) int { return strings.Compare(a.Effective, b.Effective) })
	if _, err := in.build(); err != nil {
		return CalendarRulesReply{}, calendarError("rules", err)
	}
	draft := store.Draft{Actor: cl.Actor(), Owner: office, Kind: kindCalendarRules,
		Subject: calendarRulesPrefix + office, Body: mustJSON(req)}
	if _, err := d.Store.Append(draft); err != nil {
		return CalendarRulesReply{}, appendErr(err, "publishing the calendar rules")
	}
	return c.Rules(ctx, CalendarRulesRequest{Office: office})
}

// callerOffice is the office a caller writes for: the user's, or the
// node's for the operator.
func callerOffice(st *store.Store, c Caller) string {
	if c.Office != "" {
		return c.Office
	}
	if b, err := st.Local(store.LocalOfficeCode); err == nil && len(b) > 0 {
		return string(b)
	}
	return "00"
}

// overrideIndex is the position of an override in the list the calendar
// was built from, which the caller never sees.
var overrideIndex = regexp.MustCompile(`^(overrides|later)\[\d+\]\.?`)

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
