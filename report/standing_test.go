package report

import (
	"testing"
	"time"

	"hoso/calendar"
	"hoso/dossier"
)

// TestStandingAt: the one definition of overdue and due soon, on the
// timing basis, in working days, paused while waiting for the citizen.
func TestStandingAt(t *testing.T) {
	cal, err := calendar.New(calendar.Options{Rules: calendar.DefaultRules()})
	if err != nil {
		t.Fatal(err)
	}
	at := func(month time.Month, day, hour int) int64 {
		return time.Date(2026, month, day, hour, 0, 0, 0, calendar.Zone).Unix()
	}
	// Judged on Friday 4 December 2026 at 10:00.
	now := at(12, 4, 10)
	received := at(11, 20, 9)
	due := func(month time.Month, day int) [][2]int64 { return [][2]int64{{received, at(month, day, 17)}} }
	rules := DefaultRules() // due soon within 2 working days, original basis
	cases := []struct {
		name string
		f    Fact
		r    Rules
		want Standing
	}{
		{"due yesterday", Fact{Received: received, Dues: due(12, 3)}, rules, Standing{Open: true, Overdue: true}},
		{"due today", Fact{Received: received, Dues: due(12, 4)}, rules, Standing{Open: true, DueSoon: true}},
		{"due Tuesday: 2 working days over the weekend", Fact{Received: received, Dues: due(12, 8)}, rules, Standing{Open: true, DueSoon: true}},
		{"due Wednesday: 3 working days", Fact{Received: received, Dues: due(12, 9)}, rules, Standing{Open: true}},
		{"due Tuesday, due soon within 1 working day", Fact{Received: received, Dues: due(12, 8)}, Rules{DueSoonDays: 1}, Standing{Open: true}},
		{"due today, due soon within 0 days", Fact{Received: received, Dues: due(12, 4)}, Rules{DueSoonDays: 0}, Standing{Open: true, DueSoon: true}},
		{"resolved", Fact{Received: received, Resolved: at(12, 1, 9), Dues: due(12, 3)}, rules, Standing{}},
		{"waiting for the citizen", Fact{Received: received, Dues: due(12, 3), Pauses: [][2]int64{{at(12, 1, 9), 0}}}, rules, Standing{Open: true}},
		{"waiting for the citizen, due today", Fact{Received: received, Dues: due(12, 4), Pauses: [][2]int64{{at(12, 1, 9), 0}}}, rules, Standing{Open: true}},
		{"apologised to a later date, original basis", Fact{Received: received, Dues: due(12, 3), NewDues: [][2]int64{{at(12, 2, 9), at(12, 15, 17)}}}, rules, Standing{Open: true, Overdue: true}},
		{"apologised to a later date, current basis", Fact{Received: received, Dues: due(12, 3), NewDues: [][2]int64{{at(12, 2, 9), at(12, 15, 17)}}}, Rules{DueSoonDays: 2, TimingBasis: dossier.TimingBasisCurrent}, Standing{Open: true}},
		{"not received yet at the instant", Fact{Received: at(12, 5, 9), Dues: due(12, 3)}, rules, Standing{}},
	}
	for _, c := range cases {
		if got := StandingAt(&c.f, now, c.r, cal); got != c.want {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
	}
	// Without a calendar nothing is due soon; overdue stays.
	f := Fact{Received: received, Dues: due(12, 4)}
	if got := StandingAt(&f, now, rules, nil); got.DueSoon {
		t.Error("due soon without a calendar")
	}
}
