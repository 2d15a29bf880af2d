package report

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"hoso/calendar"
	"hoso/dossier"
)

func at(y int, m time.Month, d, h, min int) int64 {
	return time.Date(y, m, d, h, min, 0, 0, calendar.Zone).Unix()
}

func day(y int, m time.Month, d int) int64 { return at(y, m, d, 0, 0) }

func TestParsePeriod(t *testing.T) {
	for _, c := range []struct {
		label    string
		window   Window
		from, to string
	}{
		{"2026Q4", WindowFifteenth, "2026-09-15", "2026-12-14"},
		{"2026Q1", WindowFifteenth, "2025-12-15", "2026-03-14"},
		{"2026-11", WindowFifteenth, "2026-10-15", "2026-11-14"},
		{"2026-01", WindowFifteenth, "2025-12-15", "2026-01-14"},
		{"2026", WindowFifteenth, "2025-12-15", "2026-12-14"},
		{"2026Q4", WindowCalendar, "2026-10-01", "2026-12-31"},
		{"2026-02", WindowCalendar, "2026-02-01", "2026-02-28"},
		{"2026", WindowCalendar, "2026-01-01", "2026-12-31"},
	} {
		p, err := ParsePeriod(c.label, c.window)
		if err != nil || p.From != c.from || p.To != c.to {
			t.Errorf("%s %s: %s–%s (%v), want %s–%s", c.label, c.window, p.From, p.To, err, c.from, c.to)
		}
		if prev := p.Previous(); !prev.End.Equal(p.Start) || !prev.Start.Before(prev.End) {
			t.Errorf("%s: the previous period %s ends %v, not at %v", c.label, prev.Label, prev.End, p.Start)
		}
	}
	for _, bad := range []string{"2026Q5", "2026-13", "26Q4", "Q4", "", "2026-1", "1800"} {
		if _, err := ParsePeriod(bad, WindowCalendar); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
	if _, err := ParsePeriod("2026Q4", "weekly"); err == nil {
		t.Error("an unknown window parsed")
	}
}

// fixture is the hand-computed quarter of TestII06aByHand: 2026Q4 under
// the fifteenth window runs from 15 September to 14 December 2026.
func fixture() ([]Fact, map[string]string) {
	hotich, chungthuc := "1.000001", "2.000002"
	facts := []Fact{
		// A: in person, resolved early.
		{Code: "A", Procedure: hotich, Received: at(2026, 10, 1, 9, 0), Resolved: at(2026, 10, 5, 10, 0), Timing: dossier.TimingEarly, Dues: [][2]int64{{at(2026, 10, 1, 9, 0), at(2026, 10, 6, 17, 0)}}},
		// B: online, on time.
		{Code: "B", Procedure: hotich, Online: true, Received: at(2026, 10, 2, 9, 0), Resolved: at(2026, 10, 10, 16, 0), Timing: dossier.TimingOnTime},
		// C: received in Q3, overdue at its end, resolved late in Q4.
		{Code: "C", Procedure: hotich, Received: at(2026, 9, 1, 9, 0), Resolved: at(2026, 10, 3, 9, 0), Timing: dossier.TimingLate, Dues: [][2]int64{{at(2026, 9, 1, 9, 0), at(2026, 9, 10, 17, 0)}}},
		// D: in progress at the end, within time.
		{Code: "D", Procedure: hotich, Received: at(2026, 11, 20, 9, 0), Dues: [][2]int64{{at(2026, 11, 20, 9, 0), at(2026, 12, 20, 17, 0)}}},
		// E: in progress at the end, overdue.
		{Code: "E", Procedure: hotich, Received: at(2026, 11, 1, 9, 0), Dues: [][2]int64{{at(2026, 11, 1, 9, 0), at(2026, 11, 10, 17, 0)}}},
		// F: supplement asked on 10/12, not back at the end: waiting for
		// the citizen, so within time though its due date (12/12) passed.
		{Code: "F", Procedure: chungthuc, Received: at(2026, 12, 1, 9, 0), Supplements: 1,
			Dues: [][2]int64{{at(2026, 12, 1, 9, 0), at(2026, 12, 12, 17, 0)}}, Pauses: [][2]int64{{at(2026, 12, 10, 9, 0), 0}}},
		// G: refused after appraisal, the refusal at the desk early.
		{Code: "G", Procedure: chungthuc, Received: at(2026, 10, 5, 9, 0), Resolved: at(2026, 10, 8, 9, 0), Timing: dossier.TimingEarly, Refused: true},
		// H: withdrawn: received, then neither resolved nor in progress.
		{Code: "H", Procedure: chungthuc, Received: at(2026, 10, 6, 9, 0), Closed: at(2026, 10, 7, 9, 0)},
		// I: liên thông, transferred once: counted once, by the desk that
		// received it.
		{Code: "I", Office: "38001", Procedure: chungthuc, Received: at(2026, 10, 7, 9, 0), Resolved: at(2026, 10, 20, 9, 0), Timing: dossier.TimingOnTime, Transfers: 1},
		// J: received at 16:00 on the window's last day: it counts from the
		// next working day, in the next period.
		{Code: "J", Procedure: hotich, Received: at(2026, 12, 14, 16, 0), Counted: day(2026, 12, 15), Dues: [][2]int64{{at(2026, 12, 14, 16, 0), at(2026, 12, 20, 17, 0)}}},
		// K: refused at the desk (not accepted): resolved there and then.
		{Code: "K", Procedure: chungthuc, Received: at(2026, 10, 9, 9, 0), Resolved: at(2026, 10, 9, 9, 30), Timing: dossier.TimingEarly, Refused: true},
	}
	return facts, map[string]string{hotich: "Hộ tịch", chungthuc: "Chứng thực"}
}

// c builds a row's counts from columns 3 to 13.
func c(cols ...int) Counts {
	var out Counts
	copy(out[:], cols)
	return out
}

func TestII06aByHand(t *testing.T) {
	facts, sectors := fixture()
	p, _ := ParsePeriod("2026Q4", WindowFifteenth)
	table := Compute(Input{Facts: facts, Period: p, Rules: DefaultRules(), Sector: func(code string) string { return sectors[code] }})
	want := Table{
		Rows: []Row{
			{Sector: "Chứng thực", Counts: c(5, 0, 5, 0, 3, 2, 1, 0, 1, 1, 0)},
			{Sector: "Hộ tịch", Counts: c(5, 1, 3, 1, 3, 1, 1, 1, 2, 1, 1)},
		},
		Total:     Row{Sector: "Tổng cộng", Counts: c(10, 1, 8, 1, 6, 3, 2, 1, 3, 2, 1)},
		Withdrawn: 1, EndedPlacement: EndedInNote,
	}
	if !reflect.DeepEqual(table, want) {
		t.Errorf("got\n%+v\nwant\n%+v", table, want)
	}
	// The previous quarter's in progress is this one's carried over.
	prev := Compute(Input{Facts: facts, Period: p.Previous(), Rules: DefaultRules()})
	if got := prev.Total.Counts.Col(ColInProgress); got != 1 || prev.Total.Counts.Col(ColOverdue) != 1 {
		t.Errorf("Q3 in progress %d (overdue %d), want C, overdue", got, prev.Total.Counts.Col(ColOverdue))
	}
	// Counted by calendar day, J falls in Q4 instead.
	r := DefaultRules()
	r.CountFromReceptionDay = false
	byDay := Compute(Input{Facts: facts, Period: p, Rules: r})
	if got := byDay.Total.Counts; got.Col(ColReceived) != 11 || got.Col(ColWithinTime) != 3 {
		t.Errorf("counting by calendar day: %v", got)
	}
	// JSON: one object per row, the sector and keys "3" to "13".
	b, _ := json.Marshal(table.Rows[1])
	var m map[string]any
	json.Unmarshal(b, &m)
	if m["sector"] != "Hộ tịch" || m["3"] != float64(5) || m["13"] != float64(1) || len(m) != 12 {
		t.Errorf("row JSON %s", b)
	}
	var back Row
	if err := json.Unmarshal(b, &back); err != nil || !reflect.DeepEqual(back, table.Rows[1]) {
		t.Errorf("row JSON does not read back: %v %+v", err, back)
	}
}

// randomFacts makes n dossiers over 2025–2027 with random outcomes.
func randomFacts(rng *rand.Rand, n int) []Fact {
	base := at(2025, 6, 1, 0, 0)
	span := at(2027, 6, 1, 0, 0) - base
	facts := make([]Fact, n)
	for i := range facts {
		recv := base + rng.Int64N(span)
		f := Fact{Code: "X", Office: []string{"a", "b", "c"}[rng.IntN(3)], Procedure: []string{"p1", "p2", "p3", "p4"}[rng.IntN(4)],
			Online: rng.IntN(3) == 0, Received: recv, Counted: recv + rng.Int64N(2)*86400}
		due := recv + int64(rng.IntN(20)+1)*86400
		f.Dues = [][2]int64{{recv, due}}
		if rng.IntN(4) == 0 {
			p := recv + rng.Int64N(10*86400)
			end := int64(0)
			if rng.IntN(2) == 0 {
				end = p + rng.Int64N(10*86400)
				f.Dues = append(f.Dues, [2]int64{end, end + 5*86400})
			}
			f.Pauses = [][2]int64{{p, end}}
		}
		switch rng.IntN(5) {
		case 0, 1, 2:
			f.Resolved = recv + rng.Int64N(40*86400)
			f.Timing = []dossier.Timing{dossier.TimingEarly, dossier.TimingOnTime, dossier.TimingLate}[rng.IntN(3)]
		case 3:
			f.Closed = recv + rng.Int64N(40*86400)
			f.Stopped = rng.IntN(2) == 0
		}
		if f.Timing != "" {
			f.TimingCurrent = []dossier.Timing{f.Timing, dossier.TimingOnTime}[rng.IntN(2)]
		}
		if rng.IntN(4) == 0 {
			a := recv + rng.Int64N(20*86400)
			f.NewDues = [][2]int64{{a, a + int64(rng.IntN(10)+1)*86400}}
		}
		if rng.IntN(2) == 0 {
			f.Rating, f.Rated = []string{"very_satisfied", "satisfied", "unsatisfied"}[rng.IntN(3)], recv+rng.Int64N(40*86400)
		}
		f.Post = !f.Online && rng.IntN(4) == 0
		f.Scanned, f.EResult, f.Reused = rng.IntN(4) != 0, rng.IntN(2) == 0, rng.IntN(3) == 0
		f.Fee = rng.IntN(2) == 0
		f.PaidOnline = f.Fee && rng.IntN(2) == 0
		f.Awaiting = f.Resolved == 0 && f.Closed == 0 && len(f.Pauses) > 0 && f.Pauses[0][1] == 0 && rng.IntN(2) == 0
		facts[i] = f
	}
	return facts
}

func TestII06aInvariants(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 200 {
		facts := randomFacts(rng, 200)
		window := []Window{WindowFifteenth, WindowCalendar}[round%2]
		label := []string{"2026Q1", "2026Q2", "2026Q3", "2026Q4", "2026-05", "2026"}[rng.IntN(6)]
		p, err := ParsePeriod(label, window)
		if err != nil {
			t.Fatal(err)
		}
		rules := DefaultRules()
		rules.CountFromReceptionDay = round%3 != 0
		rules.TimingBasis = []dossier.TimingBasis{dossier.TimingBasisOriginal, dossier.TimingBasisCurrent}[rng.IntN(2)]
		rules.EndedPlacement = []string{EndedInNote, EndedOnTime}[rng.IntN(2)]
		if rng.IntN(2) == 0 {
			p = p.At(time.Unix(p.Start.Unix()+rng.Int64N(p.End.Unix()-p.Start.Unix()), 0))
		}
		sector := func(code string) string { return map[string]string{"p1": "S1", "p2": "S2", "p3": "S1"}[code] }
		all := Compute(Input{Facts: facts, Period: p, Rules: rules, Sector: sector})
		var sum Counts
		for _, r := range append(all.Rows, all.Total) {
			k := r.Counts
			if k.Col(3) != k.Col(4)+k.Col(5)+k.Col(6) || k.Col(7) != k.Col(8)+k.Col(9)+k.Col(10) || k.Col(11) != k.Col(12)+k.Col(13) {
				t.Fatalf("round %d %s: row %s breaks the column sums: %v", round, label, r.Sector, k)
			}
		}
		for _, r := range all.Rows {
			sum = sum.Plus(r.Counts)
		}
		// Every dossier received or carried over is resolved, ended or in
		// progress at the data date: the note says how many ended.
		k, ended := all.Total.Counts, all.Withdrawn+all.Stopped
		if rules.EndedPlacement == EndedOnTime {
			ended = 0
		}
		if k.Col(ColReceived) != k.Col(ColResolved)+k.Col(ColInProgress)+ended {
			t.Fatalf("round %d %s: 3 ≠ 7 + 11 + %d ended: %v", round, rules.EndedPlacement, ended, k)
		}
		if sum != all.Total.Counts {
			t.Fatalf("round %d: rows add up to %v, total %v", round, sum, all.Total.Counts)
		}
		prev := Compute(Input{Facts: facts, Period: p.Previous(), Rules: rules, Sector: sector})
		if prev.Total.Counts.Col(ColInProgress) != all.Total.Counts.Col(ColCarried) {
			t.Fatalf("round %d: carried over %d, previous in progress %d", round, all.Total.Counts.Col(ColCarried), prev.Total.Counts.Col(ColInProgress))
		}
		// Roll-up: the report of all offices is the sum of each office's.
		var roll Counts
		for _, office := range []string{"a", "b", "c"} {
			var mine []Fact
			for _, f := range facts {
				if f.Office == office {
					mine = append(mine, f)
				}
			}
			roll = roll.Plus(Compute(Input{Facts: mine, Period: p, Rules: rules, Sector: sector}).Total.Counts)
		}
		if roll != all.Total.Counts {
			t.Fatalf("round %d: offices add up to %v, the subtree %v", round, roll, all.Total.Counts)
		}
	}
}

func TestFactRoundTrip(t *testing.T) {
	facts, _ := fixture()
	rng := rand.New(rand.NewPCG(3, 4))
	facts = append(facts, randomFacts(rng, 100)...)
	facts[0].Officers = []string{"u1", "u2"}
	facts[0].Rating, facts[0].Rated = "satisfied", at(2026, 10, 6, 8, 0)
	for _, f := range facts {
		got, err := DecodeFact(f.Encode())
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, f) {
			t.Fatalf("round trip:\n%+v\n%+v", got, f)
		}
	}
	big := Fact{Code: "x", Officers: make([]string, 100), Dues: make([][2]int64, 100)}
	if _, err := DecodeFact(big.Encode()); err != nil {
		t.Errorf("an oversized fact encodes to bytes the decoder refuses: %v", err)
	}
}

func FuzzDecodeFact(f *testing.F) {
	facts, _ := fixture()
	for _, x := range facts {
		f.Add(x.Encode())
	}
	f.Add([]byte{1, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		x, err := DecodeFact(b)
		if err != nil {
			return
		}
		if again := x.Encode(); string(again) != string(b) {
			t.Fatalf("decode then encode changes the bytes:\n%x\n%x", b, again)
		}
	})
}
