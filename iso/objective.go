package iso

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"hoso/calendar"
)

// Subject prefixes of the quality objectives and the quality policy.
const (
	// ObjectivePrefix starts an objective: iso/objective/<office>/<year>/<id>.
	ObjectivePrefix = "iso/objective/"
	// PolicyPrefix starts an office's policy of a year: iso/policy/<office>/<year>.
	PolicyPrefix = "iso/policy/"
)

// Kinds of event written under ObjectivePrefix and PolicyPrefix.
const (
	// KindObjectiveSet sets an objective (Objective): a new one or a new
	// version of it; the last one set is in force.
	KindObjectiveSet = "iso.objective.set"
	// KindObjectiveValue records the value of a manual objective at a
	// month (ObjectiveValue).
	KindObjectiveValue = "iso.objective.value"
	// KindPolicySet sets the office's quality policy of a year (Policy).
	KindPolicySet = "iso.policy.set"
)

// ObjectiveKind says where an objective's value comes from.
type ObjectiveKind string

// The kinds of objective.
const (
	// ObjectiveMeasured objectives are measured from the records by a
	// Metric: nobody types their value, so it cannot disagree with the
	// reports.
	ObjectiveMeasured ObjectiveKind = "measured"
	// ObjectiveManual objectives are tracked by hand: a value per month
	// with a note saying where it comes from.
	ObjectiveManual ObjectiveKind = "manual"
)

// Metric names a figure the records give.
type Metric string

// The metrics an objective can be measured by.
const (
	// MetricOnTimeRate is the share of the dossiers resolved in the period
	// that were resolved early or on time: II.06a's (8 + 9) / 7.
	MetricOnTimeRate Metric = "on_time_rate"
	// MetricSatisfaction is the share of the ratings given in the period
	// that are satisfied: the dashboard's "satisfied" target.
	MetricSatisfaction Metric = "satisfaction"
	// MetricSecondSupplement counts the dossiers received in the period
	// that needed a second request to supplement (an ISO nonconformity).
	MetricSecondSupplement Metric = "second_supplement_count"
	// MetricOnlineShare is the share of the dossiers received in the
	// period that were received online: II.06a's 4 / (4 + 5).
	MetricOnlineShare Metric = "online_share"
)

// Comparison says how a value meets its target.
type Comparison string

// The comparisons.
const (
	// AtLeast: the value must reach the target (≥).
	AtLeast Comparison = "gte"
	// AtMost: the value must not exceed the target (≤).
	AtMost Comparison = "lte"
)

// Unit is what a value counts.
type Unit string

// The units of a value.
const (
	// UnitPercent values are percentages, 0 to 100.
	UnitPercent Unit = "percent"
	// UnitCount values count records.
	UnitCount Unit = "count"
	// UnitOther values are a manual objective's own unit, named in its
	// note.
	UnitOther Unit = "other"
)

// MetricDef describes a metric: its unit, the comparison its objectives
// use, and whether its value can only grow as the year goes on (a count),
// which lets a missed objective be called missed before the year is over.
type MetricDef struct {
	Key        Metric     `json:"key"`
	Unit       Unit       `json:"unit"`
	Comparison Comparison `json:"comparison"`
	Cumulative bool       `json:"cumulative"`
	// Name is the metric in Vietnamese, as an objective's list prints it.
	Name string `json:"name"`
}

// metrics is the fixed list of metrics, as data.
var metrics = []MetricDef{
	{Key: MetricOnTimeRate, Unit: UnitPercent, Comparison: AtLeast, Name: "Tỷ lệ hồ sơ giải quyết đúng hạn"},
	{Key: MetricSatisfaction, Unit: UnitPercent, Comparison: AtLeast, Name: "Tỷ lệ đánh giá hài lòng"},
	{Key: MetricSecondSupplement, Unit: UnitCount, Comparison: AtMost, Cumulative: true, Name: "Số hồ sơ phải yêu cầu bổ sung lần thứ hai"},
	{Key: MetricOnlineShare, Unit: UnitPercent, Comparison: AtLeast, Name: "Tỷ lệ hồ sơ tiếp nhận trực tuyến"},
}

// Metrics returns the metrics an objective can be measured by.
func Metrics() []MetricDef { return append([]MetricDef(nil), metrics...) }

// MetricOf returns a metric's definition.
func MetricOf(m Metric) (MetricDef, bool) {
	for _, d := range metrics {
		if d.Key == m {
			return d, true
		}
	}
	return MetricDef{}, false
}

// Objective is the payload of KindObjectiveSet: a quality objective of an
// office for a calendar year.
type Objective struct {
	// ID names the objective within its office and year.
	ID string `json:"id"`
	// Revision is 0 when the objective is first set and n for its n-th
	// change, each made from the one before: two desks changing the same
	// revision meet as a conflict, not a silent overwrite.
	Revision int           `json:"revision"`
	Office   string        `json:"office"`
	Year     int           `json:"year"`
	Name     string        `json:"name"`
	Kind     ObjectiveKind `json:"kind"`
	// Metric is a measured objective's figure; empty for a manual one.
	Metric Metric `json:"metric,omitempty"`
	// Target is the value to reach: a percentage for a percent unit.
	Target     float64    `json:"target"`
	Comparison Comparison `json:"comparison"`
	Unit       Unit       `json:"unit"`
	// Note explains the objective (how a manual one is measured).
	Note string `json:"note,omitempty"`
	// Withdrawn objectives are kept in the log and no longer listed.
	Withdrawn bool      `json:"withdrawn,omitempty"`
	SetBy     string    `json:"setBy,omitempty"`
	SetAt     time.Time `json:"setAt"`
}

// ObjectiveValue is the payload of KindObjectiveValue: the value to date
// of a manual objective, as known at the end of a month.
type ObjectiveValue struct {
	ID     string `json:"id"`
	Office string `json:"office"`
	Year   int    `json:"year"`
	// Month is "YYYY-MM", within Year.
	Month      string    `json:"month"`
	Value      float64   `json:"value"`
	Note       string    `json:"note"`
	RecordedBy string    `json:"recordedBy,omitempty"`
	RecordedAt time.Time `json:"recordedAt"`
}

// Policy is the payload of KindPolicySet: the office's quality policy of a
// year, in its own words.
type Policy struct {
	// Revision is as an Objective's: 0 for the year's first policy, n for
	// its n-th restatement.
	Revision int       `json:"revision"`
	Office   string    `json:"office"`
	Year     int       `json:"year"`
	Text     string    `json:"text"`
	SetBy    string    `json:"setBy,omitempty"`
	SetAt    time.Time `json:"setAt"`
}

// ObjectiveSubject is the subject of an objective.
func ObjectiveSubject(office string, year int, id string) string {
	return ObjectivePrefix + office + "/" + strconv.Itoa(year) + "/" + id
}

// PolicySubject is the subject of an office's policy of a year.
func PolicySubject(office string, year int) string {
	return PolicyPrefix + office + "/" + strconv.Itoa(year)
}

// FieldError is a rule broken by a record, with the field it concerns.
type FieldError struct {
	Field   string
	Message string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Message }

func fieldErr(field, format string, args ...any) error {
	return &FieldError{Field: field, Message: fmt.Sprintf(format, args...)}
}

// idPattern is what an objective's ID may be: it is part of a subject.
var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,39}$`)

// ValidYear reports whether a year can carry objectives: the calendar's.
func ValidYear(year int) bool { return year > calendar.MinYear && year < calendar.MaxYear }

// Normalized returns o with its text trimmed and, for a measured
// objective, the unit and comparison its metric fixes.
func (o Objective) Normalized() Objective {
	o.Name, o.Note = strings.TrimSpace(o.Name), strings.TrimSpace(o.Note)
	if o.Kind == ObjectiveMeasured {
		if d, ok := MetricOf(o.Metric); ok {
			o.Unit, o.Comparison = d.Unit, d.Comparison
		}
	}
	if o.Kind == ObjectiveManual {
		o.Metric = ""
		if o.Unit == "" {
			o.Unit = UnitPercent
		}
	}
	return o
}

// Validate checks an objective as set (after Normalized).
func (o Objective) Validate() error {
	switch {
	case !idPattern.MatchString(o.ID):
		return fieldErr("id", "an objective's ID is 1 to 40 lower-case letters, digits or dashes")
	case o.Revision < 0:
		return fieldErr("revision", "a revision is 0 or more")
	case o.Office == "":
		return fieldErr("office", "an objective belongs to an office")
	case !ValidYear(o.Year):
		return fieldErr("year", "the year %d is out of range", o.Year)
	case o.Name == "":
		return fieldErr("name", "an objective needs a name")
	case len([]rune(o.Name)) > 300:
		return fieldErr("name", "the name is longer than 300 characters")
	}
	switch o.Kind {
	case ObjectiveMeasured:
		if _, ok := MetricOf(o.Metric); !ok {
			return fieldErr("metric", "there is no metric %q", o.Metric)
		}
	case ObjectiveManual:
		if o.Comparison != AtLeast && o.Comparison != AtMost {
			return fieldErr("comparison", "the comparison must be %q or %q", AtLeast, AtMost)
		}
		if o.Unit != UnitPercent && o.Unit != UnitCount && o.Unit != UnitOther {
			return fieldErr("unit", "the unit must be %q, %q or %q", UnitPercent, UnitCount, UnitOther)
		}
	default:
		return fieldErr("kind", "an objective is %q or %q", ObjectiveMeasured, ObjectiveManual)
	}
	return checkValue("target", o.Target, o.Unit)
}

// checkValue checks a target or value against its unit.
func checkValue(field string, v float64, u Unit) error {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return fieldErr(field, "not a number")
	case u == UnitPercent && (v < 0 || v > 100):
		return fieldErr(field, "a percentage is between 0 and 100")
	case u == UnitCount && (v < 0 || v != math.Trunc(v)):
		return fieldErr(field, "a count is a whole number, 0 or more")
	}
	return nil
}

// Validate checks a manual value against its objective.
func (v ObjectiveValue) Validate(o Objective) error {
	if o.Kind != ObjectiveManual {
		return fieldErr("id", "the objective %q is measured from the records; its value is not entered by hand", o.ID)
	}
	m, err := time.Parse("2006-01", v.Month)
	if err != nil || m.Year() != o.Year {
		return fieldErr("month", "the month must be YYYY-MM within %d", o.Year)
	}
	if strings.TrimSpace(v.Note) == "" {
		return fieldErr("note", "say where the value comes from")
	}
	return checkValue("value", v.Value, o.Unit)
}

// Validate checks a policy.
func (p Policy) Validate() error {
	switch {
	case p.Office == "":
		return fieldErr("office", "a policy belongs to an office")
	case p.Revision < 0:
		return fieldErr("revision", "a revision is 0 or more")
	case !ValidYear(p.Year):
		return fieldErr("year", "the year %d is out of range", p.Year)
	case strings.TrimSpace(p.Text) == "":
		return fieldErr("text", "the policy has no text")
	case len([]rune(p.Text)) > 5000:
		return fieldErr("text", "the policy is longer than 5000 characters")
	}
	return nil
}

// Status is where an objective stands.
type Status string

// The statuses of an objective.
const (
	// StatusMet: the value to date meets the target.
	StatusMet Status = "met"
	// StatusAtRisk: the year is not over and the value to date misses the
	// target, but it can still be met.
	StatusAtRisk Status = "at_risk"
	// StatusMissed: the year is over and the value misses the target; or,
	// for a count that only grows (a cumulative metric), the count already
	// exceeds its ceiling, so no later month can bring it back.
	StatusMissed Status = "missed"
	// StatusNoData: there is no value yet — no dossier in the figure's
	// denominator, or no value entered by hand.
	StatusNoData Status = "no_data"
)

// Meets reports whether a value meets a target under a comparison.
func Meets(value, target float64, cmp Comparison) bool {
	if cmp == AtMost {
		return value <= target
	}
	return value >= target
}

// Figure is an objective's value to date: Known is false when there is
// none.
type Figure struct {
	Value float64
	Known bool
}

// Assess returns an objective's status from its value to date at now.
// The year is over from 1 January of the next year, Vietnam time.
func Assess(o Objective, f Figure, now time.Time) Status {
	if !f.Known {
		return StatusNoData
	}
	if Meets(f.Value, o.Target, o.Comparison) {
		return StatusMet
	}
	if YearOver(o.Year, now) {
		return StatusMissed
	}
	if d, ok := MetricOf(o.Metric); ok && o.Kind == ObjectiveMeasured && d.Cumulative && o.Comparison == AtMost {
		return StatusMissed
	}
	return StatusAtRisk
}

// YearOver reports whether a year has ended at now, Vietnam time.
func YearOver(year int, now time.Time) bool {
	return !now.Before(YearStart(year + 1))
}

// YearStart is the first instant of a year, Vietnam time.
func YearStart(year int) time.Time {
	return time.Date(year, 1, 1, 0, 0, 0, 0, calendar.Zone)
}

// Rate is num/den as a percentage; Known is false when den is 0.
func Rate(num, den int) Figure {
	if den <= 0 {
		return Figure{}
	}
	return Figure{Value: 100 * float64(num) / float64(den), Known: true}
}
