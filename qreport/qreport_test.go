package qreport

import (
	"math"
	"testing"
	"time"

	"hoso/report"
)

func TestRollupSumsNotAverages(t *testing.T) {
	own := Figures{Received: 1, Resolved: 1, OnTime: 1, Satisfaction: NewRate(1, 1), OnTimeRate: NewRate(1, 1),
		Targets: []report.Target{Target(report.Target{Key: report.TargetSatisfied, Numerator: 1, Denominator: 1, Goal: 0.6, Strict: true})}}
	big := Figures{Received: 9, Resolved: 9, OnTime: 3, Late: 6, OpenNCs: 2, Satisfaction: NewRate(3, 9), OnTimeRate: NewRate(3, 9),
		Targets: []report.Target{Target(report.Target{Key: report.TargetSatisfied, Numerator: 3, Denominator: 9, Goal: 0.6, Strict: true})}}
	empty := Figures{}
	cases := []struct {
		name            string
		sources         []Source
		received        int
		onTime, satisfy float64
		known, met      bool
		ncs             int
	}{
		{"own alone", nil, 1, 1, 1, true, true, 0},
		// Summed: 4/10 = 0.4; an average of the rates would give 2/3.
		{"a large source", []Source{{Office: "b", Figures: big}}, 10, 0.4, 0.4, true, false, 2},
		{"a source with no records", []Source{{Office: "e", Figures: empty}}, 1, 1, 1, true, true, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Rollup(own, c.sources)
			if got.Received != c.received || got.OpenNCs != c.ncs {
				t.Errorf("counts: %+v", got)
			}
			if math.Abs(got.OnTimeRate.Value-c.onTime) > 1e-9 || math.Abs(got.Satisfaction.Value-c.satisfy) > 1e-9 {
				t.Errorf("rates: on time %v satisfied %v, want %v %v", got.OnTimeRate, got.Satisfaction, c.onTime, c.satisfy)
			}
			if len(got.Targets) != 1 || got.Targets[0].Known != c.known || got.Targets[0].Met != c.met || math.Abs(got.Targets[0].Value-c.satisfy) > 1e-9 {
				t.Errorf("target: %+v", got.Targets)
			}
		})
	}
	if own.Targets[0].Numerator != 1 {
		t.Error("the roll-up changed its input")
	}
}

func TestFromCounts(t *testing.T) {
	var c report.Counts
	for i := range c {
		c[i] = i + 1
	}
	f := FromCounts(c)
	if f.Received != 1 || f.Resolved != 5 || f.Early != 6 || f.OnTime != 7 || f.PendingOverdue != 11 || f.OnTimeRate.Num != 13 || f.OnTimeRate.Den != 5 {
		t.Fatalf("%+v", f)
	}
}

func TestCheckQuarter(t *testing.T) {
	today := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	cases := []struct{ q, rule string }{
		{"2026Q4", ""}, {"2026Q3", ""}, {"2012Q4", ""},
		{"2027Q1", "future_quarter"}, {"2026Q5", "bad_quarter"}, {"2026-Q4", "bad_quarter"}, {"", "bad_quarter"},
	}
	for _, c := range cases {
		_, _, err := CheckQuarter(c.q, today)
		if (err == nil) != (c.rule == "") || (err != nil && err.Rule != c.rule) {
			t.Errorf("%q: %v, want %q", c.q, err, c.rule)
		}
	}
	if got := LastClosed(today); got != "2026Q3" {
		t.Errorf("last closed: %s", got)
	}
	if got := LastClosed(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)); got != "2026Q4" {
		t.Errorf("last closed on new year: %s", got)
	}
}

func TestValidate(t *testing.T) {
	ok := Report{Office: "38001", Quarter: "2026Q3", Version: 1}
	cases := []struct {
		name string
		edit func(*Report)
		rule string
	}{
		{"first", func(*Report) {}, ""},
		{"correction with a reason", func(r *Report) { r.Version, r.Corrects, r.Note = 2, 1, "Sai số liệu" }, ""},
		{"correction without a reason", func(r *Report) { r.Version, r.Corrects, r.Note = 2, 1, "  " }, "correction_reason"},
		{"correcting a later version", func(r *Report) { r.Version, r.Corrects, r.Note = 2, 2, "x" }, "bad_corrects"},
		{"bad quarter", func(r *Report) { r.Quarter = "Q3" }, "bad_quarter"},
		{"version 0", func(r *Report) { r.Version = 0 }, "bad_version"},
	}
	for _, c := range cases {
		r := ok
		c.edit(&r)
		err := r.Validate()
		if (err == nil) != (c.rule == "") || (err != nil && err.Rule != c.rule) {
			t.Errorf("%s: %v, want %q", c.name, err, c.rule)
		}
	}
}

func TestVersionsConflict(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2026, 10, 5, h, 0, 0, 0, time.UTC) }
	s := func(v, h int, ev string) Signed {
		return Signed{Report: Report{Version: v, SignedAt: at(h)}, Event: ev}
	}
	all := []Signed{s(1, 1, "a"), s(2, 2, "b"), s(2, 3, "c")}
	vs := Versions(all)
	if len(vs) != 3 || vs[0].Event != "c" || !vs[0].Conflict || !vs[1].Conflict || vs[2].Conflict {
		t.Fatalf("two desks signing version 2: %+v", vs)
	}
	if Next(all) != 3 {
		t.Fatal("next")
	}
	if l, _ := Latest(all); l.Event != "c" {
		t.Fatalf("latest: %+v", l)
	}
	all = append(all, s(3, 4, "d"))
	for _, v := range Versions(all) {
		if v.Conflict {
			t.Fatalf("a later version resolves the conflict: %+v", v)
		}
	}
	if f, ok := Find(all, 1); !ok || f.Event != "a" {
		t.Fatal("find")
	}
	if _, ok := Latest(nil); ok {
		t.Fatal("latest of none")
	}
}

// TestRollupIndex sums the index of an office and its sources: shares from
// summed numerators and denominators (never averaged), the average time
// weighted by the dossiers behind it, counts summed, points recomputed, and
// the national indicator left without a number.
func TestRollupIndex(t *testing.T) {
	share := func(num, den int) report.IndexIndicator {
		x := report.IndexIndicator{ID: "6.1", Measure: "digitized", Numerator: num, Denominator: den, Known: den > 0, Max: 10, Full: 0.8}
		if den > 0 {
			x.Value = float64(num) / float64(den)
		}
		return x
	}
	days := func(v float64, n int) report.IndexIndicator {
		return report.IndexIndicator{ID: "2.2", Measure: report.MeasureAvgDays, Value: v, Numerator: n, Denominator: n, Known: n > 0}
	}
	count := func(n int) report.IndexIndicator {
		return report.IndexIndicator{ID: "5.1", Measure: report.MeasureComplaintsRules, Value: float64(n), Numerator: n, Known: true}
	}
	national := report.IndexIndicator{ID: "1.1", Measure: report.MeasureNational, Note: report.NoteNational, Max: 2}
	own := []report.IndexIndicator{share(1, 10), days(2, 10), count(1), national}
	src := []Source{
		{Office: "a", Figures: Figures{Index: []report.IndexIndicator{share(9, 10), days(8, 30), count(2), national}}},
		{Office: "b", Figures: Figures{Index: []report.IndexIndicator{share(0, 0), days(0, 0), count(0), national}}},
	}
	got := RollupIndex(own, src)
	if len(got) != 4 {
		t.Fatalf("%d indicators", len(got))
	}
	if x := got[0]; x.Numerator != 10 || x.Denominator != 20 || x.Value != 0.5 || x.Score != 6.25 {
		t.Errorf("the share: %+v, want 10/20 = 0.5 (an average of the rates would be 0.5 too only by chance: 0.1 and 0.9), 6.25 points of 10 at 80%%", x)
	}
	if x := got[1]; x.Denominator != 40 || x.Value != 6.5 {
		t.Errorf("the average time: %+v, want (2×10 + 8×30)/40 = 6.5 days", x)
	}
	if x := got[2]; x.Value != 3 || !x.Known {
		t.Errorf("the count: %+v, want 3", x)
	}
	if x := got[3]; x.Known || x.Note != report.NoteNational {
		t.Errorf("the national indicator: %+v", x)
	}
	// Sources of unequal size: an average of rates would give 0.5.
	unequal := RollupIndex([]report.IndexIndicator{share(1, 1)}, []Source{{Figures: Figures{Index: []report.IndexIndicator{share(0, 9)}}}})
	if unequal[0].Value != 0.1 {
		t.Errorf("1/1 and 0/9 roll up to %v, want 0.1", unequal[0].Value)
	}
}
