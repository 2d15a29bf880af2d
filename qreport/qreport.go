// Package qreport holds the rules of an office's quarterly report on the
// reform plan (issue 17): the tasks it was given with their status in the
// quarter, the figures of its records, its narrative, and — for an office
// with offices below — the roll-up of their signed reports. A report is
// signed by the office's leader and kept as versions that are never
// edited: a correction is a new version saying which one it corrects and
// why. It knows neither the store nor the clock: app reads the records,
// writes the signed events and passes the day to judge.
package qreport

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"hoso/plan"
	"hoso/report"
)

// Prefix starts a quarterly report: qreport/<office>/<quarter>, owned by
// the office, so that sync carries it to the offices above it.
const Prefix = "qreport/"

// KindSubmitted records one signed version of a report (Report).
const KindSubmitted = "qreport.submitted"

// Subject is the subject of an office's report for a quarter.
func Subject(office, quarter string) string { return Prefix + office + "/" + quarter }

// MaxNote bounds the narrative, so one report stays one event.
const MaxNote = 20000

// MissingOffice names an office directly below that has not reported (the
// spec's OfficeRef; named apart from app.OfficeRef for the generated types).
type MissingOffice struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// TaskLine is one task of a plan assigned to the office that applies in
// the quarter, with the office's latest progress in it.
type TaskLine struct {
	Plan      string `json:"plan"`
	PlanTitle string `json:"planTitle"`
	Task      string `json:"task"`
	Title     string `json:"title"`
	Deadline  string `json:"deadline"`
	// Cell is the matrix's status of the task in the quarter (plan.Cell).
	Cell string `json:"cell"`
	// Status, Note and Evidence are the latest progress record's, empty
	// without one.
	Status   string          `json:"status"`
	Note     string          `json:"note"`
	Evidence []plan.Evidence `json:"evidence"`
}

// Rate is a share kept with its numerator and denominator, so that a
// roll-up can sum them: a rate of rates would weigh a commune with one
// dossier like a city with a thousand.
type Rate struct {
	Num   int     `json:"num"`
	Den   int     `json:"den"`
	Value float64 `json:"value"`
	Known bool    `json:"known"`
}

// NewRate returns num/den; unknown (and 0) when den is 0.
func NewRate(num, den int) Rate {
	r := Rate{Num: num, Den: den}
	if den > 0 {
		r.Known, r.Value = true, float64(num)/float64(den)
	}
	return r
}

// Figures are the figures of a report: the total row of II.06a, the
// four targets of the 2012 plan, the satisfaction and on-time rates and
// the open nonconformities.
type Figures struct {
	// II.06a's total row, columns 3 to 13.
	Received       int `json:"received"`
	Online         int `json:"online"`
	InPerson       int `json:"inPerson"`
	Carried        int `json:"carried"`
	Resolved       int `json:"resolved"`
	Early          int `json:"early"`
	OnTime         int `json:"onTime"`
	Late           int `json:"late"`
	Pending        int `json:"pending"`
	PendingWithin  int `json:"pendingWithin"`
	PendingOverdue int `json:"pendingOverdue"`
	// Targets are the plan's four goals (report.Targets) with value and
	// goal.
	Targets []report.Target `json:"targets"`
	// Satisfaction is the share of ratings satisfied.
	Satisfaction Rate `json:"satisfaction"`
	// OnTimeRate is the share of results early or on time.
	OnTimeRate Rate `json:"onTimeRate"`
	// OpenNCs counts the nonconformities raised in the quarter still open.
	OpenNCs int `json:"openNCs"`
	// Index is the Decision 766 service-quality index of the quarter
	// (report.Index), in the order of the rules in force.
	Index []report.IndexIndicator `json:"index,omitempty"`
}

// FromCounts returns the figures of II.06a's total row; the targets, the
// satisfaction and the open nonconformities are the caller's to set.
func FromCounts(c report.Counts) Figures {
	f := Figures{
		Received: c.Col(report.ColReceived), Online: c.Col(report.ColOnline), InPerson: c.Col(report.ColInPerson), Carried: c.Col(report.ColCarried),
		Resolved: c.Col(report.ColResolved), Early: c.Col(report.ColEarly), OnTime: c.Col(report.ColOnTime), Late: c.Col(report.ColLate),
		Pending: c.Col(report.ColInProgress), PendingWithin: c.Col(report.ColWithinTime), PendingOverdue: c.Col(report.ColOverdue),
	}
	f.OnTimeRate = NewRate(f.Early+f.OnTime, f.Resolved)
	return f
}

// Source is the signed report of an office directly below that a
// roll-up counts: its version and the event it was signed in, so that
// each figure can be traced.
type Source struct {
	Office  string  `json:"office"`
	Name    string  `json:"name"`
	Version int     `json:"version"`
	Event   string  `json:"event"`
	Figures Figures `json:"figures"`
}

// Report is the report of one office for one quarter.
type Report struct {
	Office     string     `json:"office"`
	OfficeName string     `json:"officeName"`
	Quarter    string     `json:"quarter"`
	Version    int        `json:"version"`
	Tasks      []TaskLine `json:"tasks"`
	// Own are the figures of the office's own records; Figures are Own
	// rolled up with the sources' (the same as Own without offices below).
	Own     Figures `json:"own"`
	Figures Figures `json:"figures"`
	// Note is the office's narrative.
	Note    string          `json:"note"`
	Sources []Source        `json:"sources"`
	Missing []MissingOffice `json:"missing"`
	// Corrects is the version this one corrects, 0 for none.
	Corrects   int       `json:"corrects"`
	PreparedAt time.Time `json:"preparedAt"`
	// SignedBy is the leader's user ID, SignerName their full name.
	SignedBy   string    `json:"signedBy"`
	SignerName string    `json:"signerName"`
	SignedAt   time.Time `json:"signedAt"`
}

// RuleError is a rule a report breaks: the field at fault and the rule's
// name, which the interface words.
type RuleError struct {
	Field   string
	Rule    string
	Message string
}

// Error returns the message.
func (e *RuleError) Error() string { return e.Message }

func ruleErr(field, rule, format string, args ...any) *RuleError {
	return &RuleError{Field: field, Rule: rule, Message: fmt.Sprintf(format, args...)}
}

// CheckQuarter checks a quarter a report may be written for on today: a
// quarter written "2026Q4" (rule bad_quarter) that has begun (rule
// future_quarter). The current quarter may be reported before it closes.
func CheckQuarter(quarter string, today time.Time) (year, q int, err *RuleError) {
	year, q, perr := plan.ParseQuarter(quarter)
	if perr != nil {
		return 0, 0, ruleErr("quarter", "bad_quarter", "a quarter is written 2026Q4")
	}
	first, _ := plan.QuarterSpan(year, q)
	if today.Before(first) {
		return 0, 0, ruleErr("quarter", "future_quarter", "quarter %s has not begun", quarter)
	}
	return year, q, nil
}

// LastClosed returns the last quarter that has ended on today.
func LastClosed(today time.Time) string {
	first := time.Date(today.Year(), time.Month((int(today.Month())-1)/3*3+1), 1, 0, 0, 0, 0, time.UTC)
	return plan.QuarterOf(first.AddDate(0, 0, -1))
}

// Validate checks a report before it is signed: its quarter, its version,
// and that a correction says why (rule correction_reason) and corrects
// an earlier version.
func (r Report) Validate() *RuleError {
	if _, _, err := plan.ParseQuarter(r.Quarter); err != nil {
		return ruleErr("quarter", "bad_quarter", "a quarter is written 2026Q4")
	}
	switch {
	case r.Office == "":
		return ruleErr("office", "required", "a report names its office")
	case r.Version < 1:
		return ruleErr("version", "bad_version", "versions count from 1")
	case r.Corrects < 0 || (r.Corrects > 0 && r.Corrects >= r.Version):
		return ruleErr("corrects", "bad_corrects", "a correction corrects an earlier version")
	case r.Corrects > 0 && strings.TrimSpace(r.Note) == "":
		return ruleErr("note", "correction_reason", "a correction says why in its note")
	case len(r.Note) > MaxNote:
		return ruleErr("note", "too_long", "the narrative is at most %d bytes", MaxNote)
	}
	return nil
}

// Signed is one signed version as kept: the report and the event it was
// signed in.
type Signed struct {
	Report Report `json:"report"`
	Event  string `json:"event"`
}

// Version is one entry of a report's version list.
type Version struct {
	Version    int       `json:"version"`
	Corrects   int       `json:"corrects"`
	Note       string    `json:"note"`
	SignedBy   string    `json:"signedBy"`
	SignerName string    `json:"signerName"`
	SignedAt   time.Time `json:"signedAt"`
	Event      string    `json:"event"`
	// Conflict is true when two desks of the office signed this version
	// number apart (offline): both are kept; the next version resolves it.
	Conflict bool `json:"conflict"`
}

// Versions lists the signed versions newest first (by version, then by
// signing time), marking those whose number was signed twice. A conflict
// is resolved by a later version, which supersedes both.
func Versions(all []Signed) []Version {
	count := map[int]int{}
	top := 0
	for _, s := range all {
		count[s.Report.Version]++
		top = max(top, s.Report.Version)
	}
	out := make([]Version, 0, len(all))
	for _, s := range all {
		r := s.Report
		out = append(out, Version{Version: r.Version, Corrects: r.Corrects, Note: r.Note, SignedBy: r.SignedBy, SignerName: r.SignerName,
			SignedAt: r.SignedAt, Event: s.Event, Conflict: count[r.Version] > 1 && r.Version == top})
	}
	slices.SortStableFunc(out, func(a, b Version) int {
		if a.Version != b.Version {
			return b.Version - a.Version
		}
		return b.SignedAt.Compare(a.SignedAt)
	})
	return out
}

// Next is the version number the next signature takes.
func Next(all []Signed) int {
	top := 0
	for _, s := range all {
		top = max(top, s.Report.Version)
	}
	return top + 1
}

// Latest returns the latest signed version (the one signed last among
// those of the highest number), false when none is.
func Latest(all []Signed) (Signed, bool) {
	var best Signed
	found := false
	for _, s := range all {
		if !found || s.Report.Version > best.Report.Version || (s.Report.Version == best.Report.Version && s.Report.SignedAt.After(best.Report.SignedAt)) {
			best, found = s, true
		}
	}
	return best, found
}

// Find returns a version by number (the last signed of that number).
func Find(all []Signed, version int) (Signed, bool) {
	var best Signed
	found := false
	for _, s := range all {
		if s.Report.Version == version && (!found || s.Report.SignedAt.After(best.Report.SignedAt)) {
			best, found = s, true
		}
	}
	return best, found
}
