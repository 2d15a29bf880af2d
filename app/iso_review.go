package app

import (
	"context"
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

// isoReviewProjID folds the management reviews.
const isoReviewProjID = "iso_review"

// isoIndexOffice lists an office's reviews by the day held: office NUL
// date.
const isoIndexOffice = "office"

// reviewRecord is a management review as recorded and corrected. Each
// correction names the revision it corrects; one that corrects a revision
// already corrected (another desk's, made from the same minutes) is kept
// as a conflict for a person to see, never silently replacing the other.
type reviewRecord struct {
	Review *iso.Review `json:"review"`
	// Revisions counts the records applied: the next correction's
	// Revision.
	Revisions int          `json:"revisions"`
	Conflicts []iso.Review `json:"conflicts,omitempty"`
}

// isoReviewProjection folds reviews, each office's own.
var isoReviewProjection = ownedProjection[reviewRecord]{jsonProjection[reviewRecord]{
	name:   isoReviewProjID,
	prefix: iso.ReviewPrefix,
	apply: func(s *reviewRecord, e *store.Event) {
		var r iso.Review
		if e.Kind != iso.KindReviewHeld || subjectOffice(e.Subject, iso.ReviewPrefix) != e.Owner ||
			!decodeBody(e, &r) || r.Validate() != nil || iso.ReviewSubject(r.Office, r.ID) != e.Subject {
			return
		}
		if r.Revision == s.Revisions {
			s.Review, s.Revisions = &r, s.Revisions+1
			return
		}
		s.Conflicts = append(s.Conflicts, r)
	},
	index: func(subject string, s *reviewRecord) []store.IndexEntry {
		if s.Review == nil {
			return nil
		}
		return []store.IndexEntry{{Index: isoIndexOffice, Key: []byte(s.Review.Office + "\x00" + s.Review.Date)}}
	},
}}

// ReviewInputsRequest names the office (empty: the caller's) and the
// period a review covers: a year "2026", a quarter "2026Q4" or a month
// "2026-11", by calendar months.
type ReviewInputsRequest struct {
	Office string `json:"office"`
	Period string `json:"period"`
}

// reviewPeriod reads a review's period label; empty is this year.
func (x *Iso) reviewPeriod(label string) (report.Period, error) {
	label = strings.TrimSpace(label)
	if label == "" {
		label = strconv.Itoa(x.now().In(calendar.Zone).Year())
	}
	p, err := report.ParsePeriod(label, report.WindowCalendar)
	if err != nil {
		return report.Period{}, FieldError("period", "%q is not a period: write a year 2026, a quarter 2026Q4 or a month 2026-11", label)
	}
	return p, nil
}

// ReviewInputs compiles the inputs of a management review of an office
// for a period from its records: its objectives' results (of the year the
// period ends in), its internal audits, its nonconformities and corrective
// actions, the citizens' satisfaction, the on-time rate of each procedure
// and the catalog's changes. Nothing is typed by hand but the resources,
// which RecordReview takes.
func (x *Iso) ReviewInputs(ctx context.Context, req ReviewInputsRequest) (iso.ReviewInputs, error) {
	d, err := x.core.Deps()
	if err != nil {
		return iso.ReviewInputs{}, err
	}
	office, err := isoReadOffice(d.Store, CallerFrom(ctx), req.Office)
	if err != nil {
		return iso.ReviewInputs{}, err
	}
	p, err := x.reviewPeriod(req.Period)
	if err != nil {
		return iso.ReviewInputs{}, err
	}
	return x.compileInputs(ctx, d.Store, office, p)
}

// compileInputs is ReviewInputs for a resolved office and period.
func (x *Iso) compileInputs(ctx context.Context, st *store.Store, office string, p report.Period) (iso.ReviewInputs, error) {
	now := x.now()
	out := iso.ReviewInputs{Office: office, From: p.From, To: p.To, Objectives: []iso.ObjectiveOutcome{}, OnTime: []iso.ProcessRate{}, CatalogChanges: []iso.CatalogChange{}, CompiledAt: now.UTC()}
	year := p.End.Add(-time.Second).In(calendar.Zone).Year()
	objs, err := x.Objectives(ctx, ObjectivesRequest{Office: office, Year: year})
	if err != nil {
		return iso.ReviewInputs{}, err
	}
	for _, r := range objs.Objectives {
		o := r.Objective
		out.Objectives = append(out.Objectives, iso.ObjectiveOutcome{ID: o.ID, Name: o.Name, Kind: o.Kind, Unit: o.Unit, Comparison: o.Comparison,
			Target: o.Target, Value: r.Value, Known: r.Known, Status: r.Status})
	}
	if out.Audits, err = isoAuditSummary(st, office, p.Start, p.End); err != nil {
		return iso.ReviewInputs{}, err
	}
	if out.Nonconformities, out.Actions, err = isoNCSummary(st, office, p.Start, p.End, now); err != nil {
		return iso.ReviewInputs{}, err
	}
	s, err := x.reports.scopeFor(ctx, isoPeriodRequest(office, p.Label))
	if err != nil {
		return iso.ReviewInputs{}, err
	}
	satisfied, _, err := satisfiedFunc(s.st)
	if err != nil {
		return iso.ReviewInputs{}, err
	}
	for _, t := range report.Targets(report.TargetInput{Facts: s.facts, Period: s.period, Rules: s.rules, Satisfied: satisfied}) {
		if t.Key == report.TargetSatisfied {
			out.Satisfaction = iso.Rated{Satisfied: t.Numerator, Rated: t.Denominator, Rate: 100 * t.Value, Known: t.Known}
		}
	}
	recs, err := (&Catalog{}).all(st)
	if err != nil {
		return iso.ReviewInputs{}, err
	}
	names := map[string]string{}
	for _, r := range recs {
		for _, v := range r.Versions {
			names[v.Procedure.Code] = v.Procedure.Name
			if report.Within(v.At.Unix(), s.period.Start, s.period.Cut()) {
				out.CatalogChanges = append(out.CatalogChanges, iso.CatalogChange{Procedure: v.Procedure.Code, Name: v.Procedure.Name, Version: v.Version, At: v.At})
			}
		}
	}
	slices.SortFunc(out.CatalogChanges, func(a, b iso.CatalogChange) int {
		if c := a.At.Compare(b.At); c != 0 {
			return c
		}
		return strings.Compare(a.Procedure, b.Procedure)
	})
	out.OnTime = processRates(s, names)
	return out, nil
}

// processRates is the on-time rate of each procedure over a scope's
// period, counted by II.06a's columns, so that the rates add up to the
// report's total.
func processRates(s *scope, names map[string]string) []iso.ProcessRate {
	by := map[string]*iso.ProcessRate{}
	for i := range s.facts {
		f := &s.facts[i]
		cols := report.Columns(f, s.period, s.rules)
		if !slices.Contains(cols, report.ColResolved) {
			continue
		}
		r := by[f.Procedure]
		if r == nil {
			r = &iso.ProcessRate{Procedure: f.Procedure, Name: names[f.Procedure]}
			by[f.Procedure] = r
		}
		r.Resolved++
		if slices.Contains(cols, report.ColEarly) || slices.Contains(cols, report.ColOnTime) {
			r.OnTime++
		}
	}
	out := []iso.ProcessRate{}
	for _, r := range by {
		r.Rate = iso.Rate(r.OnTime, r.Resolved).Value
		out = append(out, *r)
	}
	slices.SortFunc(out, func(a, b iso.ProcessRate) int { return strings.Compare(a.Procedure, b.Procedure) })
	return out
}

// RecordReviewRequest is a management review held by the caller's office:
// the period reviewed, the day held, who chaired and attended, the
// resources noted, the decisions and the actions assigned.
type RecordReviewRequest struct {
	// ID, when set, corrects the minutes of that review (its inputs stay
	// as compiled when it was first recorded); empty records a new one.
	ID        string             `json:"id"`
	Period    string             `json:"period"`
	Date      string             `json:"date"`
	Chair     string             `json:"chair"`
	Attendees []string           `json:"attendees"`
	Resources string             `json:"resources"`
	Decisions []string           `json:"decisions"`
	Actions   []iso.ReviewAction `json:"actions"`
}

// RecordReview records a management review of the caller's office (a
// leader's), with its inputs compiled at that moment and kept in the
// record, so the minutes print the figures the leaders saw. Each action's
// owner must be an active user of the office.
func (x *Iso) RecordReview(ctx context.Context, req RecordReviewRequest) (iso.Review, error) {
	d, err := x.core.Deps()
	if err != nil {
		return iso.Review{}, err
	}
	cl := CallerFrom(ctx)
	office := callerOffice(d.Store, cl)
	p, err := x.reviewPeriod(req.Period)
	if err != nil {
		return iso.Review{}, err
	}
	r := iso.Review{Office: office, Date: strings.TrimSpace(req.Date), Chair: strings.TrimSpace(req.Chair), Resources: strings.TrimSpace(req.Resources),
		Attendees: trimAll(req.Attendees), Decisions: trimAll(req.Decisions), Actions: []iso.ReviewAction{}, RecordedBy: cl.Actor(), RecordedAt: x.now().UTC()}
	if held, err := time.ParseInLocation(time.DateOnly, r.Date, calendar.Zone); err != nil {
		return iso.Review{}, FieldError("date", "the date held must be YYYY-MM-DD")
	} else if held.After(x.now()) {
		return iso.Review{}, FieldError("date", "a review is recorded once held, not before")
	}
	for i, a := range req.Actions {
		a.Title, a.Owner, a.Due = strings.TrimSpace(a.Title), strings.TrimSpace(a.Owner), strings.TrimSpace(a.Due)
		if a.Owner != "" {
			u, ok, err := findUser(d.Store, a.Owner)
			if err != nil {
				return iso.Review{}, err
			}
			if !ok || u.Disabled || u.Office != office {
				return iso.Review{}, FieldError(fmt.Sprintf("actions[%d].owner", i), "%s is not an active user of office %s", a.Owner, office)
			}
			a.OwnerName = u.FullName
		}
		r.Actions = append(r.Actions, a)
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if id := strings.TrimSpace(req.ID); id != "" {
		var rec reviewRecord
		if ok, err := readState(d.Store, isoReviewProjID, iso.ReviewSubject(office, id), &rec); err != nil {
			return iso.Review{}, err
		} else if !ok || rec.Review == nil {
			return iso.Review{}, &Error{Code: CodeNotFound, Field: "id", Message: "no review " + id + " at office " + office}
		}
		r.ID, r.Revision, r.Inputs = id, rec.Revisions, rec.Review.Inputs
	} else {
		if r.ID, err = nextReviewID(d.Store, office, r.Date); err != nil {
			return iso.Review{}, err
		}
		if r.Inputs, err = x.compileInputs(ctx, d.Store, office, p); err != nil {
			return iso.Review{}, err
		}
	}
	if err := r.Validate(); err != nil {
		return iso.Review{}, isoError(err)
	}
	if _, err := d.Store.Append(store.Draft{Actor: cl.Actor(), Owner: office, Kind: iso.KindReviewHeld, Subject: iso.ReviewSubject(office, r.ID), Body: mustJSON(r)}); err != nil {
		return iso.Review{}, appendErr(err, "saving the review")
	}
	return r, nil
}

// trimAll trims each string and drops the empty ones.
func trimAll(in []string) []string {
	out := []string{}
	for _, s := range in {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// nextReviewID names a review by the day held, "rv-20261204", with "-2",
// "-3" … for a second review the same day.
func nextReviewID(st *store.Store, office, date string) (string, error) {
	base := "rv-" + strings.ReplaceAll(date, "-", "")
	id := base
	for n := 2; ; n++ {
		found, err := readState(st, isoReviewProjID, iso.ReviewSubject(office, id), &reviewRecord{})
		if err != nil || !found {
			return id, err
		}
		id = base + "-" + strconv.Itoa(n)
	}
}

// ReviewsRequest names the office whose reviews are listed (empty: the
// caller's).
type ReviewsRequest struct {
	Office string `json:"office"`
}

// ReviewItem is a review with the conflicting records of it, if two desks
// recorded the same one.
type ReviewItem struct {
	iso.Review
	Conflicts int `json:"conflicts"`
}

// ReviewsReply lists an office's management reviews, the latest first.
type ReviewsReply struct {
	Office  string       `json:"office"`
	Reviews []ReviewItem `json:"reviews"`
}

// Reviews lists an office's management reviews, the latest first.
func (x *Iso) Reviews(ctx context.Context, req ReviewsRequest) (ReviewsReply, error) {
	d, err := x.core.Deps()
	if err != nil {
		return ReviewsReply{}, err
	}
	office, err := isoReadOffice(d.Store, CallerFrom(ctx), req.Office)
	if err != nil {
		return ReviewsReply{}, err
	}
	recs, err := reviewsOf(d.Store, office)
	if err != nil {
		return ReviewsReply{}, err
	}
	out := ReviewsReply{Office: office, Reviews: []ReviewItem{}}
	for _, r := range recs {
		out.Reviews = append(out.Reviews, ReviewItem{Review: *r.Review, Conflicts: len(r.Conflicts)})
	}
	return out, nil
}

// reviewsOf reads an office's reviews, the latest held first.
func reviewsOf(st *store.Store, office string) ([]reviewRecord, error) {
	hits, err := st.Scan(isoReviewProjID, isoIndexOffice, store.ScanOptions{Prefix: []byte(office + "\x00"), Reverse: true})
	if err != nil {
		return nil, Wrap(CodeInternal, err, "listing the reviews")
	}
	var out []reviewRecord
	for _, h := range hits {
		var r reviewRecord
		if ok, err := readState(st, isoReviewProjID, h.Subject, &r); err != nil {
			return nil, err
		} else if ok && r.Review != nil {
			out = append(out, r)
		}
	}
	return out, nil
}

// lastReview is the day of an office's last review held before end, nil
// when none was.
func lastReview(st *store.Store, office string, end time.Time) (*string, error) {
	recs, err := reviewsOf(st, office)
	if err != nil {
		return nil, err
	}
	limit := end.In(calendar.Zone).Format(time.DateOnly)
	for _, r := range recs {
		if r.Review.Date < limit {
			day := r.Review.Date
			return &day, nil
		}
	}
	return nil, nil
}
