package report

import (
	"bytes"
	"errors"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"hoso/calendar"
	"hoso/dossier"
)

// issue14Facts is a hand-computed quarter (2026Q4 under the fifteenth
// window: 15 September to 14 December 2026) with an apology, a withdrawal,
// a stop, an extended limit and dossiers due after a mid-period data date.
func issue14Facts() []Fact {
	p := "1.000001"
	return []Fact{
		// P1: due 9/10, apology on 8/10 for 16/10, resolved 14/10: late
		// against the original date, on time (not early) against the new.
		{Code: "P1", Procedure: p, Received: at(2026, 10, 2, 9, 0), Resolved: at(2026, 10, 14, 10, 0),
			Timing: dossier.TimingLate, TimingCurrent: dossier.TimingOnTime,
			Dues: [][2]int64{{at(2026, 10, 2, 9, 0), at(2026, 10, 9, 17, 0)}}, NewDues: [][2]int64{{at(2026, 10, 8, 10, 0), at(2026, 10, 16, 17, 0)}}},
		// P2: due 10/11, apology on 7/11 for 25/11, still in progress.
		{Code: "P2", Procedure: p, Received: at(2026, 11, 2, 9, 0),
			Dues: [][2]int64{{at(2026, 11, 2, 9, 0), at(2026, 11, 10, 17, 0)}}, NewDues: [][2]int64{{at(2026, 11, 7, 10, 0), at(2026, 11, 25, 17, 0)}}},
		// W: withdrawn on 12/10.
		{Code: "W", Procedure: p, Received: at(2026, 10, 5, 9, 0), Closed: at(2026, 10, 12, 9, 0), Dues: [][2]int64{{at(2026, 10, 5, 9, 0), at(2026, 10, 12, 17, 0)}}},
		// S: stopped on 20/10.
		{Code: "S", Procedure: p, Received: at(2026, 10, 6, 9, 0), Closed: at(2026, 10, 20, 9, 0), Stopped: true, Dues: [][2]int64{{at(2026, 10, 6, 9, 0), at(2026, 10, 13, 17, 0)}}},
		// X: an extended limit (verification), due 24/11, in progress.
		{Code: "X", Procedure: p, Received: at(2026, 11, 3, 9, 0), Dues: [][2]int64{{at(2026, 11, 3, 9, 0), at(2026, 11, 24, 17, 0)}}},
		// N: due on the data date itself (20/11), in progress.
		{Code: "N", Procedure: p, Received: at(2026, 11, 12, 9, 0), Dues: [][2]int64{{at(2026, 11, 12, 9, 0), at(2026, 11, 20, 17, 0)}}},
		// L: received after the data date.
		{Code: "L", Procedure: p, Received: at(2026, 11, 25, 9, 0), Dues: [][2]int64{{at(2026, 11, 25, 9, 0), at(2026, 12, 2, 17, 0)}}},
		// R: resolved early on 22/11, after the data date.
		{Code: "R", Procedure: p, Received: at(2026, 11, 5, 9, 0), Resolved: at(2026, 11, 22, 10, 0),
			Timing: dossier.TimingEarly, TimingCurrent: dossier.TimingEarly, Dues: [][2]int64{{at(2026, 11, 5, 9, 0), at(2026, 11, 28, 17, 0)}}},
		// C: received in Q3, due 10/9, still in progress: carried, overdue.
		{Code: "C", Procedure: p, Received: at(2026, 9, 1, 9, 0), Dues: [][2]int64{{at(2026, 9, 1, 9, 0), at(2026, 9, 10, 17, 0)}}},
	}
}

// TestII06aIssue14ByHand: the same quarter run on 20 November at noon and
// after its end, under each timing basis and placement of ended dossiers.
func TestII06aIssue14ByHand(t *testing.T) {
	p, _ := ParsePeriod("2026Q4", WindowFifteenth)
	mid := time.Date(2026, 11, 20, 12, 0, 0, 0, calendar.Zone)
	orig, cur := dossier.TimingBasisOriginal, dossier.TimingBasisCurrent
	for _, tc := range []struct {
		name      string
		asOf      time.Time
		basis     dossier.TimingBasis
		placement string
		want      Counts
	}{
		// Mid-period: P1 P2 W S X N R received, C carried; P1 resolved
		// late; P2 X N R C in progress, of which P2 (its original date
		// passed) and C overdue — not X (due 24/11) nor N (due that day).
		{"mid original note", mid, orig, EndedInNote, c(8, 0, 7, 1, 1, 0, 0, 1, 5, 3, 2)},
		// Against the apologies' dates P1 is on time, P2 within time.
		{"mid current note", mid, cur, EndedInNote, c(8, 0, 7, 1, 1, 0, 1, 0, 5, 4, 1)},
		// W and S as resolved on time.
		{"mid original on_time", mid, orig, EndedOnTime, c(8, 0, 7, 1, 3, 0, 2, 1, 5, 3, 2)},
		{"mid current on_time", mid, cur, "", c(8, 0, 7, 1, 1, 0, 1, 0, 5, 4, 1)},
		// After the end: L received too, R resolved early; P2 X N L C all
		// overdue by 14/12.
		{"end original note", time.Time{}, orig, EndedInNote, c(9, 0, 8, 1, 2, 1, 0, 1, 5, 0, 5)},
		{"end current note", time.Date(2027, 1, 5, 9, 0, 0, 0, calendar.Zone), cur, EndedInNote, c(9, 0, 8, 1, 2, 1, 1, 0, 5, 0, 5)},
		{"end original on_time", time.Time{}, "", EndedOnTime, c(9, 0, 8, 1, 4, 1, 2, 1, 5, 0, 5)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := DefaultRules()
			r.TimingBasis, r.EndedPlacement = tc.basis, tc.placement
			if tc.name == "mid current on_time" {
				r.EndedPlacement = EndedInNote // "" is the default, the note
			}
			table := Compute(Input{Facts: issue14Facts(), Period: p.At(tc.asOf), Rules: r})
			if table.Total.Counts != tc.want {
				t.Errorf("got  %v\nwant %v", table.Total.Counts, tc.want)
			}
			if table.Withdrawn != 1 || table.Stopped != 1 {
				t.Errorf("withdrawn %d, stopped %d, want 1 and 1", table.Withdrawn, table.Stopped)
			}
			k := table.Total.Counts
			ended := table.Withdrawn + table.Stopped
			if table.EndedPlacement == EndedOnTime {
				ended = 0
			}
			if k.Col(ColReceived) != k.Col(ColResolved)+k.Col(ColInProgress)+ended {
				t.Errorf("3 ≠ 7 + 11 + ended (%d): %v", ended, k)
			}
		})
	}
}

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestII06aIssue14Golden writes the hand-computed quarter as of 20
// November at noon under the default rules as the sheet states it: the
// data date, the table (CSV) and the note on ended dossiers.
func TestII06aIssue14Golden(t *testing.T) {
	p, _ := ParsePeriod("2026Q4", WindowFifteenth)
	p = p.At(time.Date(2026, 11, 20, 12, 0, 0, 0, calendar.Zone))
	table := Compute(Input{Facts: issue14Facts(), Period: p, Rules: DefaultRules(), Sector: func(string) string { return "Hộ tịch" }})
	d := Doc{Office: "38001", OfficeName: "UBND xã Đông Hòa", Receiver: "UBND tỉnh Thanh Hóa", Period: p, Table: table, AsOf: p.Cut(),
		GeneratedAt: time.Date(2026, 11, 20, 12, 5, 0, 0, calendar.Zone)}
	var buf bytes.Buffer
	for _, line := range []string{FormCode, d.PeriodLine(), d.AsOfLine(), d.ReporterLine(), d.ReceiverLine(), Unit} {
		buf.WriteString(line + "\n")
	}
	if err := WriteCSV(&buf, d); err != nil {
		t.Fatal(err)
	}
	buf.WriteString(d.EndedNote() + "\n")
	text := strings.ReplaceAll(buf.String(), "\r\n", "\n")
	text = strings.Replace(text, csvBOM, "", 1)
	golden := filepath.Join("testdata", "ii06a_issue14.golden.txt")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if text != string(want) {
		t.Errorf("the sheet differs from %s (run go test -update after checking):\n%s", golden, text)
	}
}

func TestPeriodAt(t *testing.T) {
	p, _ := ParsePeriod("2026Q4", WindowFifteenth)
	mid := time.Date(2026, 11, 20, 5, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		asOf, cut time.Time
	}{
		{time.Time{}, p.End},
		{mid, mid},
		{p.End.Add(time.Hour), p.End},
		{p.Start.Add(-time.Hour), p.Start},
	} {
		if got := p.At(tc.asOf); !got.Cut().Equal(tc.cut) || got.Label != p.Label {
			t.Errorf("At(%v): cut %v, want %v", tc.asOf, got.Cut(), tc.cut)
		}
	}
	if !p.At(mid).Previous().Cut().Equal(p.Start) {
		t.Error("the previous period of a mid-period report does not end at its start")
	}
}

func TestRulesValidate(t *testing.T) {
	for _, r := range []Rules{
		DefaultRules(),
		{Window: WindowCalendar},
		{Window: WindowCalendar, TimingBasis: dossier.TimingBasisCurrent, EndedPlacement: EndedOnTime},
	} {
		if err := r.Validate(); err != nil {
			t.Errorf("%+v: %v", r, err)
		}
	}
	for _, c := range []struct {
		rules Rules
		field string
	}{
		{Rules{Window: "weekly"}, "window"},
		{Rules{Window: WindowCalendar, DueSoonDays: -1}, "dueSoonDays"},
		{Rules{Window: WindowCalendar, DueSoonDays: MaxDueSoonDays + 1}, "dueSoonDays"},
		{Rules{Window: WindowCalendar, TimingBasis: "latest"}, "timingBasis"},
		{Rules{Window: WindowCalendar, EndedPlacement: "resolved"}, "endedPlacement"},
	} {
		err := c.rules.Validate()
		var re *RulesError
		if !errors.As(err, &re) || re.Field != c.field || !errors.Is(err, ErrPeriod) {
			t.Errorf("%+v: got %v, want a rules error on %s", c.rules, err, c.field)
		}
	}
	if got := (Rules{Window: WindowCalendar}).Normalized(); got.TimingBasis != dossier.TimingBasisOriginal || got.EndedPlacement != EndedInNote {
		t.Errorf("normalized %+v", got)
	}
}

// vnTime is a Vietnam wall-clock time.
func vnTime(y int, m time.Month, d, h int) time.Time {
	return time.Date(y, m, d, h, 0, 0, 0, calendar.Zone)
}

// TestFromDossierTimings: the fact keeps the timing against the due date
// before any apology and against the current one, the history split as
// dossier.TimingDue reads it.
func TestFromDossierTimings(t *testing.T) {
	recv := vnTime(2026, 10, 1, 9)
	base := func() dossier.Dossier {
		return dossier.Dossier{Code: "A", Office: "38001", ReceivedAt: recv, OriginalDue: vnTime(2026, 10, 8, 17), Due: vnTime(2026, 10, 8, 17),
			Deadlines: []dossier.Deadline{{At: recv, Due: vnTime(2026, 10, 8, 17), Reason: dossier.DeadlineReceived}}}
	}
	apology := func(d *dossier.Dossier, at, due time.Time) {
		d.Rescheduled, d.Due = true, due
		d.Deadlines = append(d.Deadlines, dossier.Deadline{At: at, Due: due, Reason: dossier.DeadlineReschedule})
	}
	for _, tc := range []struct {
		name          string
		build         func() dossier.Dossier
		timing, cur   dossier.Timing
		dues, newDues int
	}{
		{"early", func() dossier.Dossier { d := base(); d.FinishedAt = vnTime(2026, 10, 6, 9); return d }, dossier.TimingEarly, dossier.TimingEarly, 1, 0},
		{"apology met", func() dossier.Dossier {
			d := base()
			apology(&d, vnTime(2026, 10, 6, 9), vnTime(2026, 10, 15, 17))
			d.FinishedAt = vnTime(2026, 10, 14, 9)
			return d
		}, dossier.TimingLate, dossier.TimingOnTime, 1, 1},
		{"apology met on its day", func() dossier.Dossier {
			d := base()
			apology(&d, vnTime(2026, 10, 6, 9), vnTime(2026, 10, 15, 17))
			d.FinishedAt = vnTime(2026, 10, 15, 16)
			return d
		}, dossier.TimingLate, dossier.TimingOnTime, 1, 1},
		{"apology missed", func() dossier.Dossier {
			d := base()
			apology(&d, vnTime(2026, 10, 6, 9), vnTime(2026, 10, 15, 17))
			d.FinishedAt = vnTime(2026, 10, 16, 9)
			return d
		}, dossier.TimingLate, dossier.TimingLate, 1, 1},
		{"finished before the original date after an apology", func() dossier.Dossier {
			d := base()
			apology(&d, vnTime(2026, 10, 6, 9), vnTime(2026, 10, 15, 17))
			d.FinishedAt = vnTime(2026, 10, 7, 9)
			return d
		}, dossier.TimingEarly, dossier.TimingEarly, 1, 1},
		{"supplement restart after the apology", func() dossier.Dossier {
			d := base()
			apology(&d, vnTime(2026, 10, 6, 9), vnTime(2026, 10, 15, 17))
			d.Due = vnTime(2026, 10, 27, 17)
			d.Deadlines = append(d.Deadlines, dossier.Deadline{At: vnTime(2026, 10, 20, 9), Due: d.Due, Reason: dossier.DeadlineSupplement})
			d.FinishedAt = vnTime(2026, 10, 26, 9)
			return d
		}, dossier.TimingEarly, dossier.TimingEarly, 2, 1},
		{"second supplement", func() dossier.Dossier {
			d := base()
			d.SecondSupplement = true
			d.FinishedAt = vnTime(2026, 10, 2, 9)
			return d
		}, dossier.TimingLate, dossier.TimingLate, 1, 0},
	} {
		f, ok := FromDossier(tc.build())
		if !ok {
			t.Fatalf("%s: no fact", tc.name)
		}
		if f.Timing != tc.timing || f.TimingCurrent != tc.cur || len(f.Dues) != tc.dues || len(f.NewDues) != tc.newDues {
			t.Errorf("%s: timing %q, current %q, dues %d, new dues %d; want %q %q %d %d",
				tc.name, f.Timing, f.TimingCurrent, len(f.Dues), len(f.NewDues), tc.timing, tc.cur, tc.dues, tc.newDues)
		}
		back, err := DecodeFact(f.Encode())
		if err != nil || !reflect.DeepEqual(back, f) {
			t.Errorf("%s: the fact does not round-trip: %v", tc.name, err)
		}
	}
	d := base()
	d.Result = &dossier.Result{Kind: dossier.ResultStopped, At: vnTime(2026, 10, 3, 9)}
	if f, _ := FromDossier(d); !f.Stopped || f.Closed == 0 {
		t.Errorf("a stopped dossier: %+v", f)
	}
	d.Result.Kind = dossier.ResultWithdrawn
	if f, _ := FromDossier(d); f.Stopped || f.Closed == 0 {
		t.Errorf("a withdrawn dossier: %+v", f)
	}
}

// model is a random dossier as a generator knows it, so that the property
// tests judge against what was generated, not against the report's own
// reading of a fact.
type model struct {
	recv, due0 time.Time
	// A supplement asked at supAt and answered at supBack (zero: still
	// waiting), which restarts the count to due1.
	supAt, supBack, due1 time.Time
	// An apology at apAt moving the due date to newDue.
	apAt, newDue time.Time
	finished     time.Time
}

// randomModel draws a dossier received in 2026 with a limit of 1 to 15
// days, sometimes a supplement, sometimes an apology, sometimes finished.
func randomModel(rng *rand.Rand) model {
	hour := func(t time.Time, h int) time.Time {
		return time.Date(t.Year(), t.Month(), t.Day(), h, 0, 0, 0, calendar.Zone)
	}
	var m model
	m.recv = hour(vnTime(2026, 1, 1, 0).AddDate(0, 0, rng.IntN(360)), 8+rng.IntN(9))
	m.due0 = hour(m.recv.AddDate(0, 0, 1+rng.IntN(15)), 17)
	last := m.due0
	if rng.IntN(3) == 0 {
		m.supAt = m.recv.Add(time.Duration(1+rng.IntN(48)) * time.Hour)
		if rng.IntN(3) > 0 {
			m.supBack = m.supAt.Add(time.Duration(1+rng.IntN(200)) * time.Hour)
			m.due1 = hour(m.supBack.AddDate(0, 0, 1+rng.IntN(15)), 17)
			last = m.due1
		}
	}
	if rng.IntN(2) == 0 && (m.supAt.IsZero() || !m.supBack.IsZero()) {
		from := m.recv
		if !m.supBack.IsZero() {
			from = m.supBack
		}
		m.apAt = from.Add(time.Duration(1+rng.IntN(int(last.Sub(from).Hours())+48)) * time.Hour)
		m.newDue = hour(maxTime(last, m.apAt).AddDate(0, 0, 1+rng.IntN(10)), 17)
	}
	if rng.IntN(2) == 0 {
		m.finished = m.recv.Add(time.Duration(1+rng.IntN(40*24)) * time.Hour)
		if !m.supAt.IsZero() && (m.supBack.IsZero() || m.finished.Before(m.supBack)) {
			m.finished = time.Time{}
		}
	}
	return m
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// dossier builds the folded dossier of the model, with or without its
// apology.
func (m model) dossier(withApology bool) dossier.Dossier {
	d := dossier.Dossier{Code: "X", Office: "38001", ReceivedAt: m.recv, OriginalDue: m.due0, Due: m.due0, FinishedAt: m.finished,
		Deadlines: []dossier.Deadline{{At: m.recv, Due: m.due0, Reason: dossier.DeadlineReceived}}}
	type ev struct {
		at  time.Time
		set func()
	}
	var evs []ev
	if !m.supAt.IsZero() {
		evs = append(evs, ev{m.supAt, func() { d.Supplements = append(d.Supplements, dossier.Supplement{At: m.supAt}) }})
		if !m.supBack.IsZero() {
			evs = append(evs, ev{m.supBack, func() {
				d.Supplements[0].ReceivedAt = m.supBack
				d.Due = m.due1
				d.Deadlines = append(d.Deadlines, dossier.Deadline{At: m.supBack, Due: m.due1, Reason: dossier.DeadlineSupplement})
			}})
		}
	}
	if withApology && !m.apAt.IsZero() {
		evs = append(evs, ev{m.apAt, func() {
			d.Rescheduled, d.Due = true, m.newDue
			d.Deadlines = append(d.Deadlines, dossier.Deadline{At: m.apAt, Due: m.newDue, Reason: dossier.DeadlineReschedule})
		}})
	}
	slices.SortStableFunc(evs, func(a, b ev) int { return a.at.Compare(b.at) })
	for _, e := range evs {
		if m.finished.IsZero() || e.at.Before(m.finished) {
			e.set()
		}
	}
	return d
}

// dueAt is the due date in force just before t on the basis, and whether
// the dossier waits for the citizen then, read from the model.
func (m model) dueAt(t time.Time, basis dossier.TimingBasis) (due time.Time, paused bool) {
	due = m.due0
	restart := time.Time{}
	if !m.supAt.IsZero() && m.supAt.Before(t) {
		if m.supBack.IsZero() || !m.supBack.Before(t) {
			paused = true
		} else {
			due, restart = m.due1, m.supBack
		}
	}
	if basis == dossier.TimingBasisCurrent && !m.apAt.IsZero() && m.apAt.Before(t) && !m.apAt.Before(restart) {
		due = m.newDue
	}
	return due, paused
}

// TestII06aMidPeriodProperty: a report at a random data date inside the
// period never counts as overdue a dossier whose due date (on the basis)
// is still to come, or that waits for the citizen, and counts as overdue
// every other one in progress. Judged at the period's end, as before the
// data date existed, some of these dossiers would have been overdue: the
// test counts them, so that it proves something.
func TestII06aMidPeriodProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 6))
	wouldHaveBeenOverdue := 0
	for round := range 300 {
		label := []string{"2026Q1", "2026Q2", "2026Q3", "2026Q4", "2026-05", "2026"}[rng.IntN(6)]
		p, _ := ParsePeriod(label, []Window{WindowFifteenth, WindowCalendar}[round%2])
		span := p.End.Unix() - p.Start.Unix()
		asOf := time.Unix(p.Start.Unix()+1+rng.Int64N(span-1), 0).In(calendar.Zone)
		mp := p.At(asOf)
		r := DefaultRules()
		r.TimingBasis = []dossier.TimingBasis{dossier.TimingBasisOriginal, dossier.TimingBasisCurrent}[rng.IntN(2)]
		r.CountFromReceptionDay = false
		for range 50 {
			m := randomModel(rng)
			f, _ := FromDossier(m.dossier(true))
			cols := Columns(&f, mp, r)
			if !slices.Contains(cols, ColInProgress) {
				continue
			}
			due, paused := m.dueAt(asOf, r.TimingBasis)
			notYetDue := !calendar.DateOf(asOf).After(calendar.DateOf(due))
			overdue := slices.Contains(cols, ColOverdue)
			if (notYetDue || paused) && overdue {
				t.Fatalf("round %d, as of %v (%s): a dossier due %v (paused %t) is overdue: %+v", round, asOf, r.TimingBasis, due, paused, m)
			}
			if !notYetDue && !paused && !overdue {
				t.Fatalf("round %d, as of %v (%s): a dossier due %v is not overdue: %+v", round, asOf, r.TimingBasis, due, m)
			}
			if notYetDue && !paused && InProgressAt(&f, p.End.Unix(), r) && OverdueAt(&f, p.End.Unix(), r) {
				wouldHaveBeenOverdue++
			}
		}
	}
	if wouldHaveBeenOverdue < 50 {
		t.Fatalf("only %d dossiers not yet due at the data date were overdue at the period's end: the test proves little", wouldHaveBeenOverdue)
	}
}

// TestApologyNeverMakesLateEarly: over random dossiers, adding the
// apology never turns a late result early, on either basis; on the
// original basis it changes nothing at all, neither the result's timing
// nor whether the dossier is overdue at any instant.
func TestApologyNeverMakesLateEarly(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 7))
	apologies, lateMet := 0, 0
	for range 5000 {
		m := randomModel(rng)
		if m.apAt.IsZero() {
			continue
		}
		apologies++
		without, _ := FromDossier(m.dossier(false))
		with, _ := FromDossier(m.dossier(true))
		for _, b := range []dossier.TimingBasis{dossier.TimingBasisOriginal, dossier.TimingBasisCurrent} {
			if without.TimingBy(b) == dossier.TimingLate && with.TimingBy(b) == dossier.TimingEarly {
				t.Fatalf("%s: the apology turns a late dossier early: %+v", b, m)
			}
		}
		if with.Timing != without.Timing {
			t.Fatalf("on the original basis the apology changes the timing %q → %q: %+v", without.Timing, with.Timing, m)
		}
		if without.Timing == dossier.TimingLate && with.TimingCurrent == dossier.TimingOnTime {
			lateMet++
		}
		r := DefaultRules()
		for h := range 60 * 24 / 6 {
			at := m.recv.Add(time.Duration(h*6) * time.Hour).Unix()
			if InProgressAt(&with, at, r) && OverdueAt(&with, at, r) != OverdueAt(&without, at, r) {
				t.Fatalf("on the original basis the apology changes whether the dossier is overdue at %v: %+v", time.Unix(at, 0), m)
			}
		}
	}
	if apologies < 1000 || lateMet < 50 {
		t.Fatalf("%d apologies, %d late dossiers meeting the new date: the test proves little", apologies, lateMet)
	}
}
