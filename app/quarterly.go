package app

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"hoso/calendar"
	"hoso/plan"
	"hoso/qreport"
	"hoso/report"
	"hoso/store"
)

// Quarterly is the quarterly report on the reform plan (issue 17): an
// office's leader signs the report of a quarter — its tasks with their
// status, the figures of its records, its narrative — as a version that
// is never edited; sync carries it to the offices above, whose own report
// rolls up the latest signed reports of the offices directly below. Its
// rules are package qreport's.
type Quarterly struct {
	core    *Core
	reports *Reports
	print   *Print
	now     func() time.Time
	// mu makes each read-check-append one step on this desk.
	mu sync.Mutex
}

// NewQuarterly returns the Quarterly service; its figures are computed by
// reports and its papers rendered by p.
func NewQuarterly(core *Core, reports *Reports, p *Print, now func() time.Time) *Quarterly {
	if now == nil {
		now = time.Now
	}
	return &Quarterly{core: core, reports: reports, print: p, now: now}
}

const qreportProjID = "qreport"

// qreportRecord is every signed version of one office's report for one
// quarter, in the order the events were folded.
type qreportRecord struct {
	Versions []qreport.Signed `json:"versions"`
}

// qreportSubmitted is the body of qreport.KindSubmitted: the report as
// signed; who signed and when are the event's.
type qreportSubmitted struct {
	Report qreport.Report `json:"report"`
}

var qreportProjection = ownedProjection[qreportRecord]{jsonProjection[qreportRecord]{
	name:   qreportProjID,
	prefix: qreport.Prefix,
	apply: func(s *qreportRecord, e *store.Event) {
		var b qreportSubmitted
		// Each signed version is kept, two of one number included (two
		// desks signing offline): the list shows the conflict.
		if e.Kind != qreport.KindSubmitted || subjectOffice(e.Subject, qreport.Prefix) != e.Owner || !decodeBody(e, &b) ||
			b.Report.Office != e.Owner || qreport.Subject(b.Report.Office, b.Report.Quarter) != e.Subject || b.Report.Validate() != nil {
			return
		}
		r := b.Report
		r.SignedBy, r.SignedAt = e.Actor, e.HLC.Time()
		s.Versions = append(s.Versions, qreport.Signed{Report: r, Event: e.ID().String()})
	},
}}

// readQReports returns the signed versions of an office's report.
func readQReports(st *store.Store, office, quarter string) ([]qreport.Signed, error) {
	var rec qreportRecord
	if _, err := readState(st, qreportProjID, qreport.Subject(office, quarter), &rec); err != nil {
		return nil, err
	}
	return rec.Versions, nil
}

// qreportErr turns a rule a report breaks into the *Error the caller sees.
func qreportErr(re *qreport.RuleError) *Error {
	return &Error{Code: CodeInvalidInput, Field: re.Field, Message: re.Message, Params: map[string]string{"rule": re.Rule}}
}

// QuarterRequest names an office (empty: the caller's) and a quarter
// ("2026Q4"; empty: the last closed one).
type QuarterRequest struct {
	Office  string `json:"office"`
	Quarter string `json:"quarter"`
}

// today is the calendar day now, at UTC midnight, as plan's rules take it.
func (x *Quarterly) today() time.Time {
	t := x.now().In(calendar.Zone)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// resolve checks a request: the office readable by the caller (its own or
// below it) and a quarter that has begun.
func (x *Quarterly) resolve(ctx context.Context, st *store.Store, req QuarterRequest) (office, quarter string, year, q int, err error) {
	office, err = isoReadOffice(st, CallerFrom(ctx), req.Office)
	if err != nil {
		return "", "", 0, 0, err
	}
	quarter = strings.TrimSpace(req.Quarter)
	if quarter == "" {
		quarter = qreport.LastClosed(x.today())
	}
	year, q, re := qreport.CheckQuarter(quarter, x.today())
	if re != nil {
		return "", "", 0, 0, qreportErr(re)
	}
	return office, quarter, year, q, nil
}

// Draft returns an office's report for a quarter as it would be signed
// now: its tasks, its figures, and for an office with offices below the
// latest signed report of each office directly below (Missing: those
// without one), rolled up. For the office and the offices above it.
func (x *Quarterly) Draft(ctx context.Context, req QuarterRequest) (qreport.Report, error) {
	d, err := x.core.Deps()
	if err != nil {
		return qreport.Report{}, err
	}
	office, quarter, year, q, err := x.resolve(ctx, d.Store, req)
	if err != nil {
		return qreport.Report{}, err
	}
	return x.draft(ctx, d.Store, office, quarter, year, q)
}

func (x *Quarterly) draft(ctx context.Context, st *store.Store, office, quarter string, year, q int) (qreport.Report, error) {
	o, err := getOffice(st, office)
	if err != nil {
		return qreport.Report{}, err
	}
	out := qreport.Report{Office: office, OfficeName: o.Name, Quarter: quarter, Tasks: []qreport.TaskLine{}, Sources: []qreport.Source{}, Missing: []qreport.MissingOffice{},
		PreparedAt: x.now().UTC()}
	if out.Tasks, err = quarterTasks(st, office, year, q, x.today()); err != nil {
		return qreport.Report{}, err
	}
	if out.Own, err = x.ownFigures(ctx, office, quarter); err != nil {
		return qreport.Report{}, err
	}
	byCode, children, err := officeTree(st)
	if err != nil {
		return qreport.Report{}, err
	}
	for _, c := range children[office] {
		all, err := readQReports(st, c, quarter)
		if err != nil {
			return qreport.Report{}, err
		}
		latest, ok := qreport.Latest(all)
		if !ok {
			out.Missing = append(out.Missing, qreport.MissingOffice{Code: c, Name: byCode[c].Name})
			continue
		}
		out.Sources = append(out.Sources, qreport.Source{Office: c, Name: byCode[c].Name, Version: latest.Report.Version, Event: latest.Event, Figures: latest.Report.Figures})
	}
	out.Figures = qreport.Rollup(out.Own, out.Sources)
	return out, nil
}

// quarterTasks lists every task of every plan assigned to office that
// applies in the quarter, with its status (plan.Cell) and the latest
// progress recorded by the quarter's end.
func quarterTasks(st *store.Store, office string, year, q int, today time.Time) ([]qreport.TaskLine, error) {
	plans, err := allPlans(st)
	if err != nil {
		return nil, err
	}
	first, last := plan.QuarterSpan(year, q)
	end := last.AddDate(0, 0, 1)
	out := []qreport.TaskLine{}
	for _, r := range plans {
		for _, t := range r.Plan.Tasks {
			if !t.Deadline.Applies(year, q) || !slices.Contains(r.Assigned[t.ID], office) {
				continue
			}
			entries, err := readProgress(st, office, r.Plan.ID, t.ID)
			if err != nil {
				return nil, err
			}
			line := qreport.TaskLine{Plan: r.Plan.ID, PlanTitle: r.Plan.Title, Task: t.ID, Title: t.Title, Deadline: DeadlineText(t.Deadline),
				Cell: plan.Cell(t, year, q, entries, today), Evidence: []plan.Evidence{}}
			for _, p := range entries {
				if !p.At.Before(end) || (t.Deadline.QuarterlyFrom != "" && p.At.Before(first)) {
					continue
				}
				line.Status, line.Note, line.Evidence = p.Status, p.Note, p.Evidence
			}
			out = append(out, line)
		}
	}
	return out, nil
}

// ownFigures computes an office's own figures for a quarter with the
// functions of Reports (II.06a's total, the Dashboard's targets, the
// satisfaction of Reports.Satisfaction) on the records of the office
// alone: the offices below count through their own signed reports.
func (x *Quarterly) ownFigures(ctx context.Context, office, quarter string) (qreport.Figures, error) {
	s, err := x.reports.scopeFor(ctx, ReportRequest{Office: office, Period: quarter})
	if err != nil {
		return qreport.Figures{}, err
	}
	own := *s
	own.offices = s.offices[:1]
	own.facts, own.raw = nil, nil
	for i := range s.facts {
		if s.facts[i].Office == office {
			own.facts = append(own.facts, s.facts[i])
			own.raw = append(own.raw, s.raw[i])
		}
	}
	rep, err := x.reports.compute(&own)
	if err != nil {
		return qreport.Figures{}, err
	}
	f := qreport.FromCounts(rep.Total.Counts)
	procs, err := scopeProcedures(&own)
	if err != nil {
		return qreport.Figures{}, err
	}
	satisfied, _, err := satisfiedFunc(own.st)
	if err != nil {
		return qreport.Figures{}, err
	}
	f.Targets = report.Targets(report.TargetInput{Facts: own.facts, Period: own.period, Rules: own.rules, Procedures: procs, Satisfied: satisfied})
	facts := make([]*report.Fact, len(own.facts))
	for i := range own.facts {
		facts[i] = &own.facts[i]
	}
	sat := report.ScoreSatisfaction(report.SatisfactionInput{Who: office, Facts: facts, Period: own.period, Rules: own.rules, Indicators: report.DefaultIndicators(), Satisfied: satisfied})
	f.Satisfaction = qreport.NewRate(sat.Satisfied, sat.Rated)
	ncs, _, err := isoNCSummary(own.st, office, own.period.Start, own.period.End, x.now())
	if err != nil {
		return qreport.Figures{}, err
	}
	f.OpenNCs = ncs.Open
	// The Decision 766 index of the office's own records in the quarter
	// (issue 20), rolled up like the counts.
	idx, err := computeIndex(&own)
	if err != nil {
		return qreport.Figures{}, err
	}
	f.Index = idx.Indicators
	return f, nil
}
