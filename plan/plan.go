// Package plan holds the rules of supervised plans (issue 17): a plan an
// office publishes with tasks for the offices below it, the offices each
// task applies to, the progress an office records on its task, and the
// status the supervisor's matrix shows for an office and a task in a
// quarter. It knows neither the store nor the clock: app writes the
// records as signed events and passes the day to judge.
package plan

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Subject prefixes of the plan records.
const (
	// Prefix starts a plan: plan/<issuer>/<id>, owned by the issuer.
	Prefix = "plan/"
	// ProgressPrefix starts an office's progress on one task:
	// planprogress/<office>/<plan>/<task>, owned by the office.
	ProgressPrefix = "planprogress/"
	// RemindPrefix starts a reminder: planremind/<issuer>/<id>, owned by
	// the issuer and addressed to the reminded office.
	RemindPrefix = "planremind/"
)

// Kinds of event written under the prefixes.
const (
	// KindPublished records a plan (Plan); it is published once.
	KindPublished = "plan.published"
	// KindAddressed adds offices to a plan's audience (no body): a plan
	// assigned to more offices than one event may address.
	KindAddressed = "plan.addressed"
	// KindProgress records progress on a task (Progress).
	KindProgress = "plan.progress"
	// KindReminded records a reminder (Reminder).
	KindReminded = "plan.reminded"
)

// Subject is the subject of a plan.
func Subject(issuer, id string) string { return Prefix + issuer + "/" + id }

// ProgressSubject is the subject of an office's progress on a task.
func ProgressSubject(office, planID, task string) string {
	return ProgressPrefix + office + "/" + planID + "/" + task
}

// RemindSubject is the subject of a reminder.
func RemindSubject(issuer, id string) string { return RemindPrefix + issuer + "/" + id }

var idPattern = regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N}._-]{0,59}$`)

// ValidID reports whether s may name a plan or a task: letters, digits,
// ".", "-" and "_", at most 60, as it is part of a subject.
func ValidID(s string) bool { return idPattern.MatchString(s) }

// Kinds of office a task may be assigned to, read from the tree.
const (
	KindCommune   = "commune"
	KindDistrict  = "district"
	KindProvince  = "province"
	KindAllLevels = "all_levels"
)

// Outputs of a task: what proves it done.
const (
	OutputDocument = "document"
	OutputFigure   = "figure"
	OutputReport   = "report"
)

// Progress statuses an office records.
const (
	NotStarted = "not_started"
	InProgress = "in_progress"
	Done       = "done"
)

// Matrix cell statuses.
const (
	CellDone        = "done"
	CellOnTrack     = "on_track"
	CellDueSoon     = "due_soon"
	CellLate        = "late"
	CellNotReported = "not_reported"
)

// DueSoonDays is how close to its deadline an unfinished task is due soon.
const DueSoonDays = 14

// DefaultReportDay is the day of the quarter's last month a quarterly task
// falls due when the issuer sets none. Decision 3170 leaves the day to the
// Department of Home Affairs; the 15th is this product's default [verify].
const DefaultReportDay = 15

// Assignee is who must do a task: exactly one of an office code, a kind
// of office below the issuer, or a named unit outside the tree (tracked
// by the issuer itself).
type Assignee struct {
	Office string `json:"office,omitempty"`
	Kind   string `json:"kind,omitempty"`
	Unit   string `json:"unit,omitempty"`
}

// Deadline is when a task falls due: a date, quarterly from a quarter
// (on the report day of each quarter's last month), or none.
type Deadline struct {
	Date          string `json:"date,omitempty"`
	QuarterlyFrom string `json:"quarterlyFrom,omitempty"`
	// ReportDay overrides DefaultReportDay for a quarterly task.
	ReportDay int `json:"reportDay,omitempty"`
}

// Measure is the figure a task's output is measured by, with its goal.
type Measure struct {
	Figure string  `json:"figure"`
	Goal   float64 `json:"goal"`
}

// Task is one task of a plan.
type Task struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Assignee Assignee `json:"assignee"`
	Deadline Deadline `json:"deadline"`
	Output   string   `json:"output"`
	Measure  *Measure `json:"measure,omitempty"`
}

// Decision is the issuing decision of a plan.
type Decision struct {
	Number string `json:"number"`
	Date   string `json:"date"`
}

// Period is the span a plan covers, dates YYYY-MM-DD.
type Period struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// TaskRef names a task of another plan: the parent an action plan
// breaks down.
type TaskRef struct {
	Plan string `json:"plan"`
	Task string `json:"task"`
}

// Plan is a published plan.
type Plan struct {
	ID       string   `json:"id"`
	Office   string   `json:"office"`
	Title    string   `json:"title"`
	Basis    []string `json:"basis"`
	Decision Decision `json:"decision"`
	Period   Period   `json:"period"`
	Parent   *TaskRef `json:"parent,omitempty"`
	Tasks    []Task   `json:"tasks"`
}

// RuleError is a rule a record breaks: the field at fault and the rule's
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

func validDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// Validate checks a plan on its own: ids, titles, dates, tasks. Whether
// its assignees are below the issuer is Resolve's question.
func (p Plan) Validate() *RuleError {
	switch {
	case !ValidID(p.ID):
		return ruleErr("id", "bad_id", "a plan id is letters, digits, '.', '-' and '_'")
	case strings.TrimSpace(p.Title) == "":
		return ruleErr("title", "required", "a plan needs a title")
	case p.Decision.Date != "" && !validDate(p.Decision.Date):
		return ruleErr("decision.date", "bad_date", "the decision's date is YYYY-MM-DD")
	case p.Period.From != "" && !validDate(p.Period.From):
		return ruleErr("period.from", "bad_date", "the period starts on a date YYYY-MM-DD")
	case p.Period.To != "" && !validDate(p.Period.To):
		return ruleErr("period.to", "bad_date", "the period ends on a date YYYY-MM-DD")
	case p.Period.From != "" && p.Period.To != "" && p.Period.To < p.Period.From:
		return ruleErr("period.to", "period_order", "the period ends before it starts")
	case len(p.Tasks) == 0:
		return ruleErr("tasks", "required", "a plan needs at least one task")
	case len(p.Tasks) > 200:
		return ruleErr("tasks", "too_many", "a plan has at most 200 tasks")
	}
	if p.Parent != nil && (p.Parent.Plan == "" || p.Parent.Task == "") {
		return ruleErr("parent", "required", "an action plan names its parent plan and task")
	}
	seen := map[string]bool{}
	for i, t := range p.Tasks {
		if err := t.Validate(fmt.Sprintf("tasks[%d].", i)); err != nil {
			return err
		}
		if seen[t.ID] {
			return ruleErr(fmt.Sprintf("tasks[%d].id", i), "duplicate", "task %s is listed twice", t.ID)
		}
		seen[t.ID] = true
	}
	return nil
}

// Validate checks one task; field prefixes the field at fault.
func (t Task) Validate(field string) *RuleError {
	switch {
	case !ValidID(t.ID):
		return ruleErr(field+"id", "bad_id", "a task id is letters, digits, '.', '-' and '_'")
	case strings.TrimSpace(t.Title) == "":
		return ruleErr(field+"title", "required", "a task needs a title")
	}
	a := t.Assignee
	n := 0
	for _, s := range []string{a.Office, a.Kind, a.Unit} {
		if strings.TrimSpace(s) != "" {
			n++
		}
	}
	if n != 1 {
		return ruleErr(field+"assignee", "one_assignee", "a task is assigned to one office, one kind of office or one named unit")
	}
	if a.Kind != "" && a.Kind != KindCommune && a.Kind != KindDistrict && a.Kind != KindProvince && a.Kind != KindAllLevels {
		return ruleErr(field+"assignee.kind", "bad_kind", "unknown kind of office %q", a.Kind)
	}
	d := t.Deadline
	switch {
	case d.Date != "" && d.QuarterlyFrom != "":
		return ruleErr(field+"deadline", "one_deadline", "a deadline is a date or quarterly, not both")
	case d.Date != "" && !validDate(d.Date):
		return ruleErr(field+"deadline.date", "bad_date", "a deadline is a date YYYY-MM-DD")
	case d.QuarterlyFrom != "":
		if _, _, err := ParseQuarter(d.QuarterlyFrom); err != nil {
			return ruleErr(field+"deadline.quarterlyFrom", "bad_quarter", "a quarter is written 2012Q4")
		}
	}
	if d.ReportDay < 0 || d.ReportDay > 28 {
		return ruleErr(field+"deadline.reportDay", "bad_day", "the report day is between 1 and 28")
	}
	switch t.Output {
	case OutputDocument, OutputReport:
	case OutputFigure:
		if t.Measure == nil || t.Measure.Figure == "" {
			return ruleErr(field+"measure", "required", "a figure task names the figure it is measured by")
		}
	default:
		return ruleErr(field+"output", "bad_output", "the output is a document, a figure or a report")
	}
	return nil
}

// Office is an office of the tree as the rules see it: its code, its
// level (commune, district, province) and whether it is below the
// issuer.
type Office struct {
	Code  string
	Level string
	Below bool
}

// AppliesTo returns the offices a task applies to, in the order given: the
// named office, the offices below the issuer of its kind, or — for a
// named unit outside the tree — the issuer itself, which tracks it. An
// office code not below the issuer is refused with rule "not_below".
func (t Task) AppliesTo(issuer string, offices []Office) ([]string, *RuleError) {
	a := t.Assignee
	switch {
	case a.Office != "":
		for _, o := range offices {
			if o.Code == a.Office {
				if !o.Below {
					break
				}
				return []string{o.Code}, nil
			}
		}
		return nil, ruleErr("assignee.office", "not_below", "office %s is not below %s: only an office above may assign it a task", a.Office, issuer)
	case a.Kind != "":
		var out []string
		for _, o := range offices {
			if o.Below && (a.Kind == KindAllLevels || o.Level == a.Kind) {
				out = append(out, o.Code)
			}
		}
		return out, nil
	}
	return []string{issuer}, nil
}

// ParseQuarter reads "2026Q4" into its year and quarter.
func ParseQuarter(s string) (year, quarter int, err error) {
	if _, err := fmt.Sscanf(s, "%dQ%d", &year, &quarter); err != nil || quarter < 1 || quarter > 4 || year < 2000 || year > 2200 || fmt.Sprintf("%dQ%d", year, quarter) != s {
		return 0, 0, fmt.Errorf("bad quarter %q", s)
	}
	return year, quarter, nil
}

// QuarterOf returns the quarter of a day, "2026Q4".
func QuarterOf(day time.Time) string {
	return fmt.Sprintf("%dQ%d", day.Year(), (int(day.Month())-1)/3+1)
}

// QuarterSpan returns the first and last day of a quarter.
func QuarterSpan(year, quarter int) (first, last time.Time) {
	first = time.Date(year, time.Month(3*quarter-2), 1, 0, 0, 0, 0, time.UTC)
	return first, first.AddDate(0, 3, -1)
}
