package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"hoso/calendar"
	"hoso/iso"
	"hoso/report"
	"hoso/store"
)

// Projections of the quality objectives and the quality policy.
const (
	isoObjectiveProjID = "iso_objective"
	isoPolicyProjID    = "iso_policy"
	// isoIndexYear lists an office's objectives of a year: office NUL year.
	isoIndexYear = "year"
)

// objectiveRecord is an objective folded from its events: the revision in
// force, the manual values by month (the last recorded for a month wins),
// and the changes another desk made to a revision already changed, kept
// as conflicts for a leader to see.
type objectiveRecord struct {
	Objective *iso.Objective                `json:"objective"`
	Values    map[string]iso.ObjectiveValue `json:"values,omitempty"`
	// Revisions counts the changes applied: the next change's Revision.
	Revisions int             `json:"revisions"`
	Conflicts []iso.Objective `json:"conflicts,omitempty"`
}

// isoObjectiveProjection folds objectives; an event is applied only when
// written by the office the subject names and when its payload names the
// same subject, so that no office can set another's objectives.
var isoObjectiveProjection = ownedProjection[objectiveRecord]{jsonProjection[objectiveRecord]{
	name:   isoObjectiveProjID,
	prefix: iso.ObjectivePrefix,
	apply: func(s *objectiveRecord, e *store.Event) {
		if subjectOffice(e.Subject, iso.ObjectivePrefix) != e.Owner {
			return
		}
		switch e.Kind {
		case iso.KindObjectiveSet:
			var o iso.Objective
			if !decodeBody(e, &o) || o.Validate() != nil || iso.ObjectiveSubject(o.Office, o.Year, o.ID) != e.Subject {
				return
			}
			if o.Revision == s.Revisions {
				s.Objective, s.Revisions = &o, s.Revisions+1
			} else {
				s.Conflicts = append(s.Conflicts, o)
			}
		case iso.KindObjectiveValue:
			var v iso.ObjectiveValue
			if s.Objective != nil && decodeBody(e, &v) && v.Validate(*s.Objective) == nil && iso.ObjectiveSubject(v.Office, v.Year, v.ID) == e.Subject {
				if s.Values == nil {
					s.Values = map[string]iso.ObjectiveValue{}
				}
				s.Values[v.Month] = v
			}
		}
	},
	index: func(subject string, s *objectiveRecord) []store.IndexEntry {
		if s.Objective == nil {
			return nil
		}
		key := s.Objective.Office + "\x00" + strconv.Itoa(s.Objective.Year)
		return []store.IndexEntry{{Index: isoIndexYear, Key: []byte(key)}}
	},
}}

// policyRecord is an office's quality policy of a year: the revision in
// force and, as for objectives, the conflicting restatements.
type policyRecord struct {
	Policy    *iso.Policy  `json:"policy"`
	Revisions int          `json:"revisions"`
	Conflicts []iso.Policy `json:"conflicts,omitempty"`
}

// isoPolicyProjection folds the policies, each office's own.
var isoPolicyProjection = ownedProjection[policyRecord]{jsonProjection[policyRecord]{
	name:   isoPolicyProjID,
	prefix: iso.PolicyPrefix,
	apply: func(s *policyRecord, e *store.Event) {
		var p iso.Policy
		if e.Kind != iso.KindPolicySet || subjectOffice(e.Subject, iso.PolicyPrefix) != e.Owner ||
			!decodeBody(e, &p) || p.Validate() != nil || iso.PolicySubject(p.Office, p.Year) != e.Subject {
			return
		}
		if p.Revision == s.Revisions {
			s.Policy, s.Revisions = &p, s.Revisions+1
		} else {
			s.Conflicts = append(s.Conflicts, p)
		}
	},
}}

// isoError turns a rule of package iso into a field error the UI shows.
func isoError(err error) error {
	var fe *iso.FieldError
	if errors.As(err, &fe) {
		return FieldError(fe.Field, "%s", fe.Message)
	}
	return Wrap(CodeInvalidInput, err, "the record breaks a rule")
}

// isoYear checks a request's year; 0 is the current year.
func (x *Iso) isoYear(year int) (int, error) {
	if year == 0 {
		return x.now().In(calendar.Zone).Year(), nil
	}
	if !iso.ValidYear(year) {
		return 0, FieldError("year", "the year %d is out of range", year)
	}
	return year, nil
}

// ObjectivesRequest names an office (empty: the caller's) and a year (0:
// this year).
type ObjectivesRequest struct {
	Office string `json:"office"`
	Year   int    `json:"year"`
}

// ObjectiveMonth is an objective's value over one month of its trend.
type ObjectiveMonth struct {
	Month string  `json:"month"`
	Value float64 `json:"value"`
	Known bool    `json:"known"`
	// Numerator and Denominator are a measured rate's counts (Value is
	// the count itself for a count).
	Numerator   int `json:"numerator"`
	Denominator int `json:"denominator"`
}

// ObjectiveResult is an objective with its value to date, its trend over
// the year's twelve months and its status.
type ObjectiveResult struct {
	Objective   iso.Objective    `json:"objective"`
	Value       float64          `json:"value"`
	Known       bool             `json:"known"`
	Numerator   int              `json:"numerator"`
	Denominator int              `json:"denominator"`
	Status      iso.Status       `json:"status"`
	Trend       []ObjectiveMonth `json:"trend"`
	// Values are a manual objective's entries, by month.
	Values []iso.ObjectiveValue `json:"values"`
	// Conflicts counts the changes another desk made to the same revision:
	// not applied, shown so that a leader settles them.
	Conflicts int `json:"conflicts"`
}

// ObjectivesReply is an office's quality policy and objectives of a year.
type ObjectivesReply struct {
	Office string      `json:"office"`
	Year   int         `json:"year"`
	Policy *iso.Policy `json:"policy"`
	// PolicyConflicts counts the restatements of the policy made on
	// another desk from the same revision.
	PolicyConflicts int               `json:"policyConflicts"`
	Objectives      []ObjectiveResult `json:"objectives"`
	Metrics         []iso.MetricDef   `json:"metrics"`
	// AsOf is when the values to date were computed.
	AsOf time.Time `json:"asOf"`
}

// objectivesOf reads an office's objectives of a year in force (not
// withdrawn), by ID.
func objectivesOf(st *store.Store, office string, year int) ([]objectiveRecord, error) {
	hits, err := st.Scan(isoObjectiveProjID, isoIndexYear, store.ScanOptions{Prefix: []byte(office + "\x00" + strconv.Itoa(year))})
	if err != nil {
		return nil, Wrap(CodeInternal, err, "listing the objectives")
	}
	var out []objectiveRecord
	for _, h := range hits {
		var r objectiveRecord
		if ok, err := readState(st, isoObjectiveProjID, h.Subject, &r); err != nil {
			return nil, err
		} else if ok && r.Objective != nil && !r.Objective.Withdrawn && r.Objective.Year == year {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b objectiveRecord) int { return strings.Compare(a.Objective.ID, b.Objective.ID) })
	return out, nil
}

// Objectives returns an office's quality policy and objectives of a year,
// each with its value to date, its trend per month and its status. A
// measured value is computed by the reports' own functions over the same
// facts, rules and calendar-year period as II.06a and the dashboard, so
// the two never disagree; like them, a district's or province's figure
// counts the offices below it.
func (x *Iso) Objectives(ctx context.Context, req ObjectivesRequest) (ObjectivesReply, error) {
	d, err := x.core.Deps()
	if err != nil {
		return ObjectivesReply{}, err
	}
	office, err := isoReadOffice(d.Store, CallerFrom(ctx), req.Office)
	if err != nil {
		return ObjectivesReply{}, err
	}
	year, err := x.isoYear(req.Year)
	if err != nil {
		return ObjectivesReply{}, err
	}
	now := x.now()
	out := ObjectivesReply{Office: office, Year: year, Objectives: []ObjectiveResult{}, Metrics: iso.Metrics(), AsOf: now.In(calendar.Zone)}
	var p policyRecord
	if _, err := readState(d.Store, isoPolicyProjID, iso.PolicySubject(office, year), &p); err != nil {
		return ObjectivesReply{}, err
	}
	out.Policy, out.PolicyConflicts = p.Policy, len(p.Conflicts)
	recs, err := objectivesOf(d.Store, office, year)
	if err != nil {
		return ObjectivesReply{}, err
	}
	var m *measurer
	for _, r := range recs {
		res := ObjectiveResult{Objective: *r.Objective, Values: []iso.ObjectiveValue{}, Conflicts: len(r.Conflicts)}
		if r.Objective.Kind == iso.ObjectiveMeasured {
			if m == nil {
				if m, err = x.newMeasurer(ctx, office, year); err != nil {
					return ObjectivesReply{}, err
				}
			}
			res.Trend = make([]ObjectiveMonth, 12)
			for i := range m.months {
				res.Trend[i] = m.measure(r.Objective.Metric, &m.months[i])
			}
			year := m.measure(r.Objective.Metric, &m.year)
			res.Value, res.Known, res.Numerator, res.Denominator = year.Value, year.Known, year.Numerator, year.Denominator
		} else {
			res.Trend, res.Values = manualTrend(year, r.Values)
			for _, t := range res.Trend {
				if t.Known && t.Month <= now.In(calendar.Zone).Format("2006-01") {
					res.Value, res.Known = t.Value, true
				}
			}
		}
		res.Status = iso.Assess(*r.Objective, iso.Figure{Value: res.Value, Known: res.Known}, now)
		out.Objectives = append(out.Objectives, res)
	}
	return out, nil
}

// manualTrend is a manual objective's values by month, and its entries in
// month order.
func manualTrend(year int, values map[string]iso.ObjectiveValue) ([]ObjectiveMonth, []iso.ObjectiveValue) {
	trend := make([]ObjectiveMonth, 12)
	entries := []iso.ObjectiveValue{}
	for i := range trend {
		month := fmt.Sprintf("%d-%02d", year, i+1)
		trend[i].Month = month
		if v, ok := values[month]; ok {
			trend[i].Value, trend[i].Known = v.Value, true
			entries = append(entries, v)
		}
	}
	return trend, entries
}

// measurePeriod is one period an objective is measured over: the figures
// of II.06a's total and the dashboard's targets for it.
type measurePeriod struct {
	period  report.Period
	future  bool
	total   report.Row
	targets []report.Target
	second  int
}

// measurer computes every metric of an office over a calendar year and its
// months from one report scope.
type measurer struct {
	scope  *scope
	year   measurePeriod
	months []measurePeriod
}

// isoPeriodRequest is the report request whose period is an objective's:
// the calendar year (or month) as the office's data stand now. Objectives
// are set per calendar year, whatever window the office reports by.
func isoPeriodRequest(office, label string) ReportRequest {
	return ReportRequest{Office: office, Period: label, Window: string(report.WindowCalendar)}
}

// newMeasurer reads the scope of an office's year and computes the figures
// of the year and of each of its months, as II.06a and the dashboard do.
func (x *Iso) newMeasurer(ctx context.Context, office string, year int) (*measurer, error) {
	s, err := x.reports.scopeFor(ctx, isoPeriodRequest(office, strconv.Itoa(year)))
	if err != nil {
		return nil, err
	}
	procs, err := scopeProcedures(s)
	if err != nil {
		return nil, err
	}
	satisfied, _, err := satisfiedFunc(s.st)
	if err != nil {
		return nil, err
	}
	now := x.now()
	figures := func(p report.Period) measurePeriod {
		mp := measurePeriod{period: p, future: !now.After(p.Start)}
		mp.total = report.Compute(report.Input{Facts: s.facts, Period: p, Rules: s.rules, Sector: func(string) string { return "" }}).Total
		mp.targets = report.Targets(report.TargetInput{Facts: s.facts, Period: p, Rules: s.rules, Procedures: procs, Satisfied: satisfied})
		for i := range s.facts {
			if secondSupplement(&s.facts[i], p) {
				mp.second++
			}
		}
		return mp
	}
	m := &measurer{scope: s, year: figures(s.period)}
	for i := range 12 {
		p, err := report.ParsePeriod(fmt.Sprintf("%d-%02d", year, i+1), report.WindowCalendar)
		if err != nil {
			return nil, Wrap(CodeInternal, err, "the months of the year")
		}
		m.months = append(m.months, figures(p.At(now)))
	}
	return m, nil
}

// secondSupplement reports whether a dossier received in the period (up to
// its data date) needed a second request to supplement.
func secondSupplement(f *report.Fact, p report.Period) bool {
	return f.Supplements >= 2 && report.Within(f.Received, p.Start, p.Cut())
}

// measure is a metric's figure over one period.
func (m *measurer) measure(metric iso.Metric, mp *measurePeriod) ObjectiveMonth {
	out := ObjectiveMonth{Month: mp.period.Label}
	if mp.future {
		return out
	}
	var f iso.Figure
	switch metric {
	case iso.MetricOnTimeRate:
		out.Numerator = mp.total.Counts.Col(report.ColEarly) + mp.total.Counts.Col(report.ColOnTime)
		out.Denominator = mp.total.Counts.Col(report.ColResolved)
		f = iso.Rate(out.Numerator, out.Denominator)
	case iso.MetricOnlineShare:
		out.Numerator = mp.total.Counts.Col(report.ColOnline)
		out.Denominator = out.Numerator + mp.total.Counts.Col(report.ColInPerson)
		f = iso.Rate(out.Numerator, out.Denominator)
	case iso.MetricSatisfaction:
		for _, t := range mp.targets {
			if t.Key == report.TargetSatisfied {
				out.Numerator, out.Denominator = t.Numerator, t.Denominator
			}
		}
		f = iso.Rate(out.Numerator, out.Denominator)
	case iso.MetricSecondSupplement:
		out.Numerator = mp.second
		f = iso.Figure{Value: float64(mp.second), Known: true}
	}
	out.Value, out.Known = f.Value, f.Known
	return out
}

// SetObjectiveRequest sets an objective of the caller's office: a new one
// named by the node when ID is empty; with an ID, the objective of that
// ID, new or replaced.
type SetObjectiveRequest struct {
	Objective iso.Objective `json:"objective"`
}

// SetObjective records an objective of the caller's office (a leader's
// decision): new, changed, or withdrawn. A measured objective's unit and
// comparison are its metric's.
func (x *Iso) SetObjective(ctx context.Context, req SetObjectiveRequest) (ObjectiveResult, error) {
	d, err := x.core.Deps()
	if err != nil {
		return ObjectiveResult{}, err
	}
	cl := CallerFrom(ctx)
	office := callerOffice(d.Store, cl)
	o := req.Objective.Normalized()
	o.Office = office
	if o.Year, err = x.isoYear(o.Year); err != nil {
		return ObjectiveResult{}, err
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if o.ID == "" {
		o.ID = "obj-" + strconv.FormatInt(x.now().UnixNano(), 36)
	}
	// A change is made from the revision this desk holds.
	var prev objectiveRecord
	if _, err := readState(d.Store, isoObjectiveProjID, iso.ObjectiveSubject(office, o.Year, o.ID), &prev); err != nil {
		return ObjectiveResult{}, err
	}
	o.Revision = prev.Revisions
	o.SetBy, o.SetAt = cl.Actor(), x.now().UTC()
	if err := o.Validate(); err != nil {
		return ObjectiveResult{}, prefixField("objective.", isoError(err))
	}
	draft := store.Draft{Actor: cl.Actor(), Owner: office, Kind: iso.KindObjectiveSet, Subject: iso.ObjectiveSubject(office, o.Year, o.ID), Body: mustJSON(o)}
	if _, err := d.Store.Append(draft); err != nil {
		return ObjectiveResult{}, appendErr(err, "saving the objective")
	}
	return ObjectiveResult{Objective: o, Status: iso.StatusNoData, Trend: []ObjectiveMonth{}, Values: []iso.ObjectiveValue{}}, nil
}

// ObjectiveValueRequest is a manual objective's value at a month.
type ObjectiveValueRequest struct {
	Year  int     `json:"year"`
	ID    string  `json:"id"`
	Month string  `json:"month"`
	Value float64 `json:"value"`
	Note  string  `json:"note"`
}

// RecordObjectiveValue records the value to date of a manual objective of
// the caller's office at a month, with a note saying where it comes from.
// A measured objective's value is never entered by hand.
func (x *Iso) RecordObjectiveValue(ctx context.Context, req ObjectiveValueRequest) (ObjectiveResult, error) {
	d, err := x.core.Deps()
	if err != nil {
		return ObjectiveResult{}, err
	}
	cl := CallerFrom(ctx)
	office := callerOffice(d.Store, cl)
	year, err := x.isoYear(req.Year)
	if err != nil {
		return ObjectiveResult{}, err
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	subject := iso.ObjectiveSubject(office, year, strings.TrimSpace(req.ID))
	var r objectiveRecord
	if ok, err := readState(d.Store, isoObjectiveProjID, subject, &r); err != nil {
		return ObjectiveResult{}, err
	} else if !ok || r.Objective == nil || r.Objective.Withdrawn {
		return ObjectiveResult{}, &Error{Code: CodeNotFound, Field: "id", Message: "no objective " + req.ID + " in " + strconv.Itoa(year)}
	}
	v := iso.ObjectiveValue{ID: r.Objective.ID, Office: office, Year: year, Month: strings.TrimSpace(req.Month), Value: req.Value,
		Note: strings.TrimSpace(req.Note), RecordedBy: cl.Actor(), RecordedAt: x.now().UTC()}
	if err := v.Validate(*r.Objective); err != nil {
		return ObjectiveResult{}, isoError(err)
	}
	if _, err := d.Store.Append(store.Draft{Actor: cl.Actor(), Owner: office, Kind: iso.KindObjectiveValue, Subject: subject, Body: mustJSON(v)}); err != nil {
		return ObjectiveResult{}, appendErr(err, "saving the value")
	}
	if r.Values == nil {
		r.Values = map[string]iso.ObjectiveValue{}
	}
	r.Values[v.Month] = v
	out := ObjectiveResult{Objective: *r.Objective}
	out.Trend, out.Values = manualTrend(year, r.Values)
	return out, nil
}

// PolicyRequest is the caller's office's quality policy of a year.
type PolicyRequest struct {
	Year int    `json:"year"`
	Text string `json:"text"`
}

// SetPolicy records the quality policy of the caller's office for a year;
// the last one set is in force, the earlier ones stay in the log.
func (x *Iso) SetPolicy(ctx context.Context, req PolicyRequest) (iso.Policy, error) {
	d, err := x.core.Deps()
	if err != nil {
		return iso.Policy{}, err
	}
	cl := CallerFrom(ctx)
	office := callerOffice(d.Store, cl)
	year, err := x.isoYear(req.Year)
	if err != nil {
		return iso.Policy{}, err
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	var prev policyRecord
	if _, err := readState(d.Store, isoPolicyProjID, iso.PolicySubject(office, year), &prev); err != nil {
		return iso.Policy{}, err
	}
	p := iso.Policy{Revision: prev.Revisions, Office: office, Year: year, Text: strings.TrimSpace(req.Text), SetBy: cl.Actor(), SetAt: x.now().UTC()}
	if err := p.Validate(); err != nil {
		return iso.Policy{}, isoError(err)
	}
	if _, err := d.Store.Append(store.Draft{Actor: cl.Actor(), Owner: office, Kind: iso.KindPolicySet, Subject: iso.PolicySubject(office, year), Body: mustJSON(p)}); err != nil {
		return iso.Policy{}, appendErr(err, "saving the policy")
	}
	return p, nil
}
