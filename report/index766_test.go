package report

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"hoso/attach"
	"hoso/calendar"
	"hoso/dossier"
)

// q4 is 2026Q4 on calendar months, judged at its end.
func q4(t *testing.T) Period {
	t.Helper()
	p, err := ParsePeriod("2026Q4", WindowCalendar)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// due is a fact received at recv and due at d, nothing else.
func dueFact(code string, recv, d int64) Fact {
	return Fact{Code: code, Procedure: "p", Received: recv, Counted: recv, Dues: [][2]int64{{recv, d}}}
}

// member is IndexMember under the default rules for q4.
func member(t *testing.T, measure string, f Fact, in IndexInput) (bool, bool) {
	t.Helper()
	if in.Period.Label == "" {
		in.Period = q4(t)
	}
	if in.Rules.Window == "" {
		in.Rules = DefaultRules()
	}
	return IndexMember(measure, &f, &in)
}

func TestIndexOnTimeRules(t *testing.T) {
	recv := at(2026, 10, 5, 9, 0)
	dueOct12 := at(2026, 10, 12, 17, 0)
	resolved := func(f Fact, when int64, timing dossier.Timing) Fact {
		f.Resolved, f.Timing, f.TimingCurrent = when, timing, timing
		return f
	}
	for _, tc := range []struct {
		name        string
		f           Fact
		den, onTime bool
	}{
		{"resolved on time", resolved(dueFact("A", recv, dueOct12), at(2026, 10, 9, 9, 0), dossier.TimingOnTime), true, true},
		{"resolved early", resolved(dueFact("A", recv, dueOct12), at(2026, 10, 6, 9, 0), dossier.TimingEarly), true, true},
		{"resolved late", resolved(dueFact("A", recv, dueOct12), at(2026, 10, 20, 9, 0), dossier.TimingLate), true, false},
		{"resolved before the period: not counted", resolved(dueFact("A", at(2026, 9, 1, 9, 0), at(2026, 9, 8, 17, 0)), at(2026, 9, 5, 9, 0), dossier.TimingOnTime), false, false},
		{"received after the period: not counted", dueFact("A", at(2027, 1, 5, 9, 0), at(2027, 1, 12, 17, 0)), false, false},
		{"in progress, due after the period's end: on time", dueFact("A", at(2026, 12, 28, 9, 0), at(2027, 1, 8, 17, 0)), true, true},
		{"in progress, overdue at the period's end: late", dueFact("A", recv, dueOct12), true, false},
		{"received in Q3, still open, judged at Q4's end", dueFact("A", at(2026, 9, 1, 9, 0), at(2026, 9, 8, 17, 0)), true, false},
		{"withdrawn before its due date ends processing: on time though the period ends later", func() Fact {
			f := dueFact("W", recv, dueOct12)
			f.Closed = at(2026, 10, 8, 9, 0)
			return f
		}(), true, true},
		{"withdrawn after its due date: late", func() Fact {
			f := dueFact("W", recv, dueOct12)
			f.Closed = at(2026, 10, 20, 9, 0)
			return f
		}(), true, false},
		{"withdrawn in Q3: not counted", func() Fact {
			f := dueFact("W", at(2026, 9, 1, 9, 0), at(2026, 9, 8, 17, 0))
			f.Closed = at(2026, 9, 3, 9, 0)
			return f
		}(), false, false},
		{"a second supplement request is late, in progress", func() Fact {
			f := dueFact("S2", at(2026, 12, 20, 9, 0), at(2027, 1, 10, 17, 0))
			f.Supplements = 2
			return f
		}(), true, false},
		{"a second supplement request is late, withdrawn", func() Fact {
			f := dueFact("S2", recv, dueOct12)
			f.Supplements, f.Closed = 2, at(2026, 10, 7, 9, 0)
			return f
		}(), true, false},
		{"one supplement request is not late", func() Fact {
			f := dueFact("S1", at(2026, 12, 20, 9, 0), at(2027, 1, 10, 17, 0))
			f.Supplements = 1
			return f
		}(), true, true},
		{"waiting for a supplement ends at the request (before the due date): on time", func() Fact {
			f := dueFact("AW", recv, dueOct12)
			f.Supplements, f.Awaiting, f.Pauses = 1, true, [][2]int64{{at(2026, 10, 9, 9, 0), 0}}
			return f
		}(), true, true},
		{"waiting for a supplement asked after the due date: late", func() Fact {
			f := dueFact("AW", recv, dueOct12)
			f.Supplements, f.Awaiting, f.Pauses = 1, true, [][2]int64{{at(2026, 10, 15, 9, 0), 0}}
			return f
		}(), true, false},
		{"the supplement's wait is subtracted: the due date restarts after it", func() Fact {
			f := dueFact("SW", at(2026, 12, 1, 9, 0), at(2026, 12, 8, 17, 0))
			f.Supplements = 1
			f.Pauses = [][2]int64{{at(2026, 12, 4, 9, 0), at(2026, 12, 28, 9, 0)}}
			f.Dues = append(f.Dues, [2]int64{at(2026, 12, 28, 9, 0), at(2027, 1, 6, 17, 0)})
			return f
		}(), true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			den, num := member(t, MeasureOnTime, tc.f, IndexInput{})
			if den != tc.den || num != tc.onTime {
				t.Errorf("counted %v on time %v, want %v %v", den, num, tc.den, tc.onTime)
			}
		})
	}
}

func TestIndexShares(t *testing.T) {
	recv := at(2026, 10, 5, 9, 0)
	base := dueFact("A", recv, at(2026, 10, 12, 17, 0))
	with := func(edit func(*Fact)) Fact { f := base; edit(&f); return f }
	for _, tc := range []struct {
		name     string
		measure  string
		f        Fact
		den, num bool
	}{
		{"online", MeasureOnline, with(func(f *Fact) { f.Online = true }), true, true},
		{"in person is not online", MeasureOnline, base, true, false},
		{"in person", MeasureInPerson, base, true, true},
		{"post is not in person", MeasureInPerson, with(func(f *Fact) { f.Post = true }), true, false},
		{"post", MeasurePost, with(func(f *Fact) { f.Post = true }), true, true},
		{"received in Q3: no channel share", MeasureOnline, with(func(f *Fact) { f.Received, f.Counted = at(2026, 9, 1, 9, 0), at(2026, 9, 1, 9, 0) }), false, false},
		{"no fee: not in the paid-online share", MeasurePaidOnline, with(func(f *Fact) { f.PaidOnline = true }), false, false},
		{"fee paid in cash", MeasurePaidOnline, with(func(f *Fact) { f.Fee = true }), true, false},
		{"fee paid online", MeasurePaidOnline, with(func(f *Fact) { f.Fee, f.PaidOnline = true, true }), true, true},
		{"no scan", MeasureDigitized, base, true, false},
		{"scanned, no result yet", MeasureDigitized, with(func(f *Fact) { f.Scanned = true }), true, true},
		{"scanned, resolved without an electronic result", MeasureDigitized, with(func(f *Fact) { f.Scanned, f.Resolved = true, at(2026, 10, 9, 9, 0) }), true, false},
		{"scanned, resolved with an electronic result", MeasureDigitized, with(func(f *Fact) { f.Scanned, f.EResult, f.Resolved = true, true, at(2026, 10, 9, 9, 0) }), true, true},
		{"scanned, refused: no result to digitize", MeasureDigitized, with(func(f *Fact) { f.Scanned, f.Refused, f.Resolved = true, true, at(2026, 10, 9, 9, 0) }), true, true},
		{"scanned, resolved after the period: judged at its end", MeasureDigitized, with(func(f *Fact) { f.Scanned, f.Resolved = true, at(2027, 1, 9, 9, 0) }), true, true},
		{"electronic result", MeasureEResult, with(func(f *Fact) { f.EResult, f.Resolved = true, at(2026, 10, 9, 9, 0) }), true, true},
		{"paper result", MeasureEResult, with(func(f *Fact) { f.Resolved = at(2026, 10, 9, 9, 0) }), true, false},
		{"no result: not in the e-result share", MeasureEResult, base, false, false},
		{"refused: not in the e-result share", MeasureEResult, with(func(f *Fact) { f.Refused, f.Resolved = true, at(2026, 10, 9, 9, 0) }), false, false},
		{"reused", MeasureReused, with(func(f *Fact) { f.Reused = true }), true, true},
		{"not reused", MeasureReused, base, true, false},
		{"satisfied and on time", MeasureSatisfaction, with(func(f *Fact) {
			f.Rating = "satisfied"
			f.Resolved, f.Timing = at(2026, 10, 9, 9, 0), dossier.TimingOnTime
		}), true, true},
		{"a dislike", MeasureSatisfaction, with(func(f *Fact) {
			f.Rating = "unsatisfied"
			f.Resolved, f.Timing = at(2026, 10, 9, 9, 0), dossier.TimingOnTime
		}), true, false},
		{"late", MeasureSatisfaction, with(func(f *Fact) { f.Resolved, f.Timing = at(2026, 10, 20, 9, 0), dossier.TimingLate }), true, false},
		{"a complaint", MeasureSatisfaction, with(func(f *Fact) { f.Code = "K"; f.Resolved, f.Timing = at(2026, 10, 9, 9, 0), dossier.TimingOnTime }), true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := IndexInput{Satisfied: func(v string) bool { return v != "unsatisfied" }, Complaints: ComplaintCounts{Dossiers: []string{"K"}}}
			den, num := member(t, tc.measure, tc.f, in)
			if den != tc.den || num != tc.num {
				t.Errorf("in the denominator %v, the numerator %v; want %v %v", den, num, tc.den, tc.num)
			}
		})
	}
}

// find returns the indicator of a measure.
func find(t *testing.T, r IndexResult, measure string) IndexIndicator {
	t.Helper()
	for _, x := range r.Indicators {
		if x.Measure == measure {
			return x
		}
	}
	t.Fatalf("no indicator %s", measure)
	return IndexIndicator{}
}

func TestIndexScoresAndNotes(t *testing.T) {
	p := q4(t)
	recv := at(2026, 10, 5, 9, 0)
	var facts []Fact
	// Ten dossiers: 4 scanned (40%), 5 online (50%), 8 reused (80%), all
	// resolved on time, 9 satisfied (90%) and one disliked; the first
	// resolved in 10 days of which 3 waiting.
	for i := range 10 {
		f := dueFact(string(rune('a'+i)), recv, at(2026, 10, 30, 17, 0))
		f.Resolved, f.Timing, f.TimingCurrent = recv+5*86400, dossier.TimingOnTime, dossier.TimingOnTime
		f.Scanned, f.EResult = i < 4, true
		f.Online = i < 5
		f.Reused = i < 8
		f.Rating = "satisfied"
		if i == 9 {
			f.Rating = "unsatisfied"
		}
		facts = append(facts, f)
	}
	facts[0].Resolved = recv + 10*86400
	facts[0].Pauses = [][2]int64{{recv + 86400, recv + 4*86400}}
	in := IndexInput{Facts: facts, Period: p, Rules: DefaultRules(), Satisfied: func(v string) bool { return v != "unsatisfied" },
		Complaints: ComplaintCounts{Rules: 2, Conduct: 1, Handled: 4, HandledOnTime: 3}}
	r := Index(in)
	for _, tc := range []struct {
		measure    string
		num, den   int
		value      float64
		score, max float64
	}{
		{MeasureDigitized, 4, 10, 0.4, 5, 10}, // 40% of the 80% for full points
		{MeasureOnline, 5, 10, 0.5, 12, 12},   // 50% gives all
		{MeasureReused, 8, 10, 0.8, 6, 6},     // 80% gives all
		{MeasureSatisfaction, 9, 10, 0.9, 6, 6},
		{MeasureOnTime, 10, 10, 1, 20, 20},
		{MeasureEResult, 10, 10, 1, 6, 6},
		{MeasureComplaintsOnTime, 3, 4, 0.75, 4.5, 6}, // proportional to 100%
		{MeasureComplaintsRules, 2, 0, 2, 0, 0},
		{MeasureComplaintsProcedure, 0, 0, 0, 0, 0},
		{MeasureComplaintsConduct, 1, 0, 1, 0, 0},
	} {
		x := find(t, r, tc.measure)
		if x.Numerator != tc.num || x.Denominator != tc.den || x.Value != tc.value || x.Score != tc.score || x.Max != tc.max || !x.Known {
			t.Errorf("%s: %+v, want %d/%d = %v scoring %v of %v", tc.measure, x, tc.num, tc.den, tc.value, tc.score, tc.max)
		}
	}
	// (7 + 9×5) / 10 days.
	if x := find(t, r, MeasureAvgDays); x.Value != 5.2 || x.Denominator != 10 {
		t.Errorf("average days %+v, want 5.2 over 10", x)
	}
	if len(r.Procedures) != 1 || r.Procedures[0].Days != 5.2 || r.Procedures[0].Resolved != 10 {
		t.Errorf("by procedure %+v", r.Procedures)
	}
	if x := find(t, r, MeasurePaidOnline); x.Known || x.Note != NoteNoData || x.Score != 0 {
		t.Errorf("no fee anywhere: %+v, want no number", x)
	}
	for _, x := range r.Indicators {
		if x.Measure == MeasureNational && (x.Known || x.Note != NoteNational) {
			t.Errorf("%s needs national data: %+v", x.ID, x)
		}
	}
	// The known scored indicators: 20+12+6+6+10+6+6 = 66 points.
	if r.Max != 66 || r.Score != 5+12+6+6+20+6+4.5 {
		t.Errorf("total %v of %v", r.Score, r.Max)
	}

	// A province's own rules: digitization full at 50%, one indicator.
	own := IndexRules{Version: "tỉnh 2027", Indicators: []IndexRule{{ID: "9", Measure: MeasureDigitized, Title: "Số hóa", Max: 30, Full: 0.5}}}
	in.Rules.Index766 = &own
	r = Index(in)
	if len(r.Indicators) != 1 || r.Indicators[0].Score != 24 || r.Version != "tỉnh 2027" {
		t.Errorf("own rules: %+v", r)
	}
}

func TestIndexRulesValidate(t *testing.T) {
	if err := DefaultIndexRules().Validate(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		field string
		edit  func(*IndexRules)
	}{
		{"index766.indicators", func(r *IndexRules) { r.Indicators = nil }},
		{"index766.indicators[1].id", func(r *IndexRules) { r.Indicators[1].ID = r.Indicators[0].ID }},
		{"index766.indicators[0].id", func(r *IndexRules) { r.Indicators[0].ID = "" }},
		{"index766.indicators[2].measure", func(r *IndexRules) { r.Indicators[2].Measure = "speed" }},
		{"index766.indicators[3].full", func(r *IndexRules) { r.Indicators[3].Full = 1.5 }},
		{"index766.indicators[3].max", func(r *IndexRules) { r.Indicators[3].Max = -1 }},
	} {
		r := DefaultIndexRules()
		tc.edit(&r)
		rules := DefaultRules()
		rules.Index766 = &r
		var re *RulesError
		if err := rules.Validate(); !errors.As(err, &re) || re.Field != tc.field {
			t.Errorf("%s: %v", tc.field, err)
		}
	}
}

// TestIndexFactsFromDossier: the dossier's scans, result files, reuse,
// fee and payment become the fact's flags; reuse counts once per dossier.
func TestIndexFactsFromDossier(t *testing.T) {
	ref := attach.Ref{ID: "ab", Name: "a.pdf", Type: "application/pdf", Size: 3}
	recv := time.Date(2026, 10, 5, 9, 0, 0, 0, calendar.Zone)
	base := dossier.Dossier{Code: "D", Office: "X", ReceivedAt: recv, Channel: dossier.ChannelPost}
	d := base
	d.Documents = []dossier.ReceivedDocument{{Name: "a", Files: []attach.Ref{ref}}, {Name: "b", Reused: &dossier.Reuse{Dossier: "E", File: ref}}, {Name: "c", Reused: &dossier.Reuse{Dossier: "E", File: ref}}}
	d.ResultFiles = []attach.Ref{ref}
	d.Payments = []dossier.Payment{{AmountVND: 50000, PaidAt: recv, Method: dossier.MethodTransfer}}
	d.Paused = &dossier.Pause{Kind: dossier.KindSupplementRequested, Since: recv}
	f, _ := FromDossier(d)
	if !f.Post || f.Online || !f.Scanned || !f.EResult || !f.Reused || !f.Fee || !f.PaidOnline || !f.Awaiting {
		t.Errorf("facts %+v", f)
	}
	if in, num := member(t, MeasureReused, f, IndexInput{}); !in || !num {
		t.Errorf("reuse: %v %v", in, num)
	}
	if r := Index(IndexInput{Facts: []Fact{f}, Period: q4(t), Rules: DefaultRules()}); find(t, r, MeasureReused).Numerator != 1 {
		t.Errorf("two reused papers count once: %+v", find(t, r, MeasureReused))
	}
	d = base
	d.Documents = []dossier.ReceivedDocument{{Name: "a", Files: []attach.Ref{ref}}, {Name: "b"}}
	d.FeeQuote = &dossier.FeeQuoteRecord{AmountVND: 20000}
	d.Payments = []dossier.Payment{{AmountVND: 20000, PaidAt: recv, Method: dossier.MethodCash}}
	f, _ = FromDossier(d)
	if f.Scanned || f.EResult || f.Reused || !f.Fee || f.PaidOnline || f.Awaiting {
		t.Errorf("a paper without a scan, paid in cash: %+v", f)
	}
	back, err := DecodeFact(f.Encode())
	if err != nil || back.Fee != f.Fee || back.Post != f.Post {
		t.Errorf("round trip %+v %v", back, err)
	}
}

// TestIndexOnTimeMatchesDashboard: over dossiers that all have a result,
// the index's on-time rate for a year is the dashboard's twelve months
// summed, for every timing basis and reception-day rule.
func TestIndexOnTimeMatchesDashboard(t *testing.T) {
	p, err := ParsePeriod("2026", WindowCalendar)
	if err != nil {
		t.Fatal(err)
	}
	for round := range 50 {
		rng := rand.New(rand.NewPCG(uint64(round), 766))
		rules := DefaultRules()
		rules.Window = WindowCalendar
		rules.CountFromReceptionDay = rng.IntN(2) == 0
		if rng.IntN(2) == 0 {
			rules.TimingBasis = dossier.TimingBasisCurrent
		}
		var facts []Fact
		for _, f := range randomFacts(rng, 200) {
			f.Closed, f.Stopped, f.Awaiting = 0, false, false
			if f.Resolved == 0 {
				f.Resolved = f.Received + rng.Int64N(30*86400)
				f.Timing = []dossier.Timing{dossier.TimingEarly, dossier.TimingOnTime, dossier.TimingLate}[rng.IntN(3)]
				f.TimingCurrent = f.Timing
			}
			if counted(&f, rules) < p.End.Unix() && resolvedAt(&f, rules) >= p.End.Unix() {
				continue // in progress at the year's end: the dashboard does not count it yet
			}
			facts = append(facts, f)
		}
		ix := find(t, Index(IndexInput{Facts: facts, Period: p, Rules: rules}), MeasureOnTime)
		var res, on int
		for _, m := range OnTimeByMonth(facts, p, rules) {
			res += m.Resolved
			on += m.OnTime
		}
		if ix.Numerator != on || ix.Denominator != res {
			t.Fatalf("round %d: the index counts %d/%d on time, the dashboard %d/%d", round, ix.Numerator, ix.Denominator, on, res)
		}
	}
}

// TestIndexXLSX: the workbook holds the indicators as numbers, the ones
// without a number say why, and the total and the verification text.
func TestIndexXLSX(t *testing.T) {
	recv := at(2026, 10, 5, 9, 0)
	var facts []Fact
	for i := range 4 {
		f := dueFact(string(rune('a'+i)), recv, at(2026, 10, 30, 17, 0))
		f.Scanned = i < 3
		facts = append(facts, f)
	}
	p := q4(t)
	d := IndexDoc{Office: "38001", OfficeName: "UBND xã Đông Hòa", Period: p, AsOf: p.End,
		Result: Index(IndexInput{Facts: facts, Period: p, Rules: DefaultRules()}), Verify: "HSVF1|x", GeneratedAt: time.Unix(0, 0)}
	var buf bytes.Buffer
	if err := WriteIndexXLSX(&buf, d); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(SheetIndex766)
	if err != nil {
		t.Fatal(err)
	}
	find := func(id string) []string {
		for _, r := range rows {
			if len(r) > 0 && r[0] == id {
				return r
			}
		}
		t.Fatalf("no row %s in %v", id, rows)
		return nil
	}
	if r := find("6.1"); r[2] != "0.75" || r[3] != "3" || r[4] != "4" || r[5] != "9.38" || r[6] != "10" || r[7] != "75% (3/4)" {
		t.Errorf("6.1 row %q", r)
	}
	if r := find("1.1"); r[2] != "" || r[7] != "Cần dữ liệu quốc gia" {
		t.Errorf("1.1 row %q", r)
	}
	if last := rows[len(rows)-1]; last[0] != "Mã xác thực" || last[1] != "HSVF1|x" {
		t.Errorf("last row %q", last)
	}
}
