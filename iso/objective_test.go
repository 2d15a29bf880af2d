package iso

import (
	"errors"
	"testing"
	"time"

	"hoso/calendar"
)

func TestAssess(t *testing.T) {
	t.Parallel()
	mid := time.Date(2026, 6, 30, 12, 0, 0, 0, calendar.Zone)
	// The last second of 2026 in Vietnam is still within the year; the
	// first of 2027 is not, even though it is 31 December in UTC.
	lastSecond := time.Date(2026, 12, 31, 23, 59, 59, 0, calendar.Zone)
	over := time.Date(2027, 1, 1, 0, 0, 0, 0, calendar.Zone)
	onTime := Objective{Year: 2026, Kind: ObjectiveMeasured, Metric: MetricOnTimeRate, Target: 98}.Normalized()
	second := Objective{Year: 2026, Kind: ObjectiveMeasured, Metric: MetricSecondSupplement, Target: 0}.Normalized()
	manualMax := Objective{Year: 2026, Kind: ObjectiveManual, Comparison: AtMost, Unit: UnitCount, Target: 2}.Normalized()
	for _, c := range []struct {
		name string
		o    Objective
		f    Figure
		now  time.Time
		want Status
	}{
		{"no data mid-year", onTime, Figure{}, mid, StatusNoData},
		{"no data after the year", onTime, Figure{}, over, StatusNoData},
		{"rate reached to date", onTime, Figure{98, true}, mid, StatusMet},
		{"rate just under to date is at risk", onTime, Figure{97.99, true}, mid, StatusAtRisk},
		{"rate under on the last second is still at risk", onTime, Figure{90, true}, lastSecond, StatusAtRisk},
		{"rate under after the year is missed", onTime, Figure{90, true}, over, StatusMissed},
		{"rate met after the year", onTime, Figure{100, true}, over, StatusMet},
		{"count within its ceiling", second, Figure{0, true}, mid, StatusMet},
		{"a growing count over its ceiling is missed before the year ends", second, Figure{1, true}, mid, StatusMissed},
		{"a manual count may come down: at risk", manualMax, Figure{3, true}, mid, StatusAtRisk},
		{"a manual count over at the year's end is missed", manualMax, Figure{3, true}, over, StatusMissed},
		{"a manual count at its ceiling is met", manualMax, Figure{2, true}, over, StatusMet},
	} {
		if got := Assess(c.o, c.f, c.now); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}

func TestObjectiveValidate(t *testing.T) {
	t.Parallel()
	ok := Objective{ID: "ot-1", Office: "38001", Year: 2026, Name: "Đúng hạn", Kind: ObjectiveMeasured, Metric: MetricOnTimeRate, Target: 98}
	for _, c := range []struct {
		name  string
		edit  func(o *Objective)
		field string
	}{
		{"valid", func(*Objective) {}, ""},
		{"bad id", func(o *Objective) { o.ID = "Bad/ID" }, "id"},
		{"negative revision", func(o *Objective) { o.Revision = -1 }, "revision"},
		{"no name", func(o *Objective) { o.Name = "  " }, "name"},
		{"year out of range", func(o *Objective) { o.Year = 1800 }, "year"},
		{"unknown metric", func(o *Objective) { o.Metric = "speed" }, "metric"},
		{"unknown kind", func(o *Objective) { o.Kind = "other" }, "kind"},
		{"percent over 100", func(o *Objective) { o.Target = 101 }, "target"},
		{"count not whole", func(o *Objective) { o.Metric, o.Target = MetricSecondSupplement, 1.5 }, "target"},
		{"manual without comparison", func(o *Objective) { o.Kind, o.Metric = ObjectiveManual, "" }, "comparison"},
		{"manual with comparison", func(o *Objective) { o.Kind, o.Metric, o.Comparison = ObjectiveManual, "", AtMost }, ""},
	} {
		o := ok
		c.edit(&o)
		err := o.Normalized().Validate()
		var fe *FieldError
		switch {
		case c.field == "" && err != nil:
			t.Errorf("%s: refused: %v", c.name, err)
		case c.field != "" && (!errors.As(err, &fe) || fe.Field != c.field):
			t.Errorf("%s: got %v, want an error on %s", c.name, err, c.field)
		}
	}
	// A measured objective's comparison is its metric's, whatever was sent.
	o := Objective{Kind: ObjectiveMeasured, Metric: MetricSecondSupplement, Comparison: AtLeast}.Normalized()
	if o.Comparison != AtMost || o.Unit != UnitCount {
		t.Errorf("normalized to %s %s", o.Comparison, o.Unit)
	}
}

func TestObjectiveValueValidate(t *testing.T) {
	t.Parallel()
	manual := Objective{ID: "m", Year: 2026, Kind: ObjectiveManual, Comparison: AtLeast, Unit: UnitPercent}
	for _, c := range []struct {
		name  string
		o     Objective
		v     ObjectiveValue
		field string
	}{
		{"valid", manual, ObjectiveValue{Month: "2026-03", Value: 80, Note: "khảo sát"}, ""},
		{"measured", Objective{Kind: ObjectiveMeasured}, ObjectiveValue{Month: "2026-03", Value: 80, Note: "x"}, "id"},
		{"month of another year", manual, ObjectiveValue{Month: "2025-12", Value: 80, Note: "x"}, "month"},
		{"not a month", manual, ObjectiveValue{Month: "2026-13", Value: 80, Note: "x"}, "month"},
		{"no note", manual, ObjectiveValue{Month: "2026-03", Value: 80}, "note"},
		{"percent over 100", manual, ObjectiveValue{Month: "2026-03", Value: 120, Note: "x"}, "value"},
	} {
		err := c.v.Validate(c.o)
		var fe *FieldError
		switch {
		case c.field == "" && err != nil:
			t.Errorf("%s: refused: %v", c.name, err)
		case c.field != "" && (!errors.As(err, &fe) || fe.Field != c.field):
			t.Errorf("%s: got %v, want an error on %s", c.name, err, c.field)
		}
	}
}

func TestRateAndSubjects(t *testing.T) {
	t.Parallel()
	if f := Rate(0, 0); f.Known {
		t.Error("a rate of nothing is known")
	}
	if f := Rate(49, 50); !f.Known || f.Value != 98 {
		t.Errorf("49/50 = %v", f)
	}
	if s := ObjectiveSubject("38001", 2026, "ot"); s != "iso/objective/38001/2026/ot" {
		t.Error(s)
	}
	if s := PolicySubject("38001", 2026); s != "iso/policy/38001/2026" {
		t.Error(s)
	}
	if (Policy{Office: "38001", Year: 2026, Text: " "}).Validate() == nil {
		t.Error("an empty policy is accepted")
	}
}
