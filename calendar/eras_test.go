package calendar

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

// cultureDay is the rules of the Labour Code with 24 November (Ngày Văn
// hóa Việt Nam) added, as a province might publish them [verify the
// instrument before shipping it].
func cultureDay() Rules {
	r := DefaultRules()
	r.Solar = append(r.Solar, SolarHoliday{Month: time.November, Day: 24, Name: "Ngày Văn hóa Việt Nam", NameEN: "Vietnamese Culture Day"})
	return r
}

func mustNew(t *testing.T, opts Options) *Calendar {
	t.Helper()
	c, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func day(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestEraGovernsFromItsDay(t *testing.T) {
	c := mustNew(t, Options{Rules: DefaultRules(), Later: []Era{{From: day("2026-01-01"), Rules: cultureDay()}}})
	mid := mustNew(t, Options{Rules: DefaultRules(), Later: []Era{{From: day("2026-11-25"), Rules: cultureDay()}}})
	for _, tc := range []struct {
		cal     *Calendar
		day     string
		working bool
	}{
		{c, "2025-11-24", true},  // Monday, before the rule
		{c, "2026-11-24", false}, // Tuesday, the new holiday
		{c, "2027-11-24", false}, // Wednesday
		{c, "2026-05-01", false}, // the old holidays stay
		{c, "2026-11-23", true},
		// A rule in force from 25 November 2026 does not reach back to
		// the 24th.
		{mid, "2026-11-24", true},
		{mid, "2027-11-24", false},
	} {
		got, err := tc.cal.IsWorkingDay(day(tc.day))
		if err != nil || got != tc.working {
			t.Errorf("%s: working %v, want %v (%v)", tc.day, got, tc.working, err)
		}
	}
	h, ok, _ := c.HolidayOn(day("2026-11-24"))
	if !ok || h.Name != "Ngày Văn hóa Việt Nam" {
		t.Fatalf("holiday on 24/11/2026: %+v %v", h, ok)
	}
	// A due date across the day moves: 1 working day from Monday 23
	// November 2026 is Wednesday 25.
	due, err := c.DueDate(time.Date(2026, 11, 23, 9, 0, 0, 0, Zone), 1, c.DueRulesAt(time.Date(2026, 11, 23, 9, 0, 0, 0, Zone)))
	if err != nil || due.Format(time.DateOnly) != "2026-11-25" {
		t.Fatalf("due %v %v", due, err)
	}
	hs, _ := c.Holidays(2026)
	if !slices.IsSortedFunc(hs, func(a, b Holiday) int { return a.Date.Compare(b.Date) }) {
		t.Fatalf("holidays out of order: %v", hs)
	}
}

// A holiday falling on a weekly rest day is made up under the rules of its
// own day: 24 November 2029 is a Saturday, made up on Monday 26.
func TestEraMakeUpDays(t *testing.T) {
	c := mustNew(t, Options{Rules: DefaultRules(), Later: []Era{{From: day("2026-01-01"), Rules: cultureDay()}}})
	h, ok, _ := c.HolidayOn(day("2029-11-26"))
	if !ok || h.Kind != KindMakeUp {
		t.Fatalf("26/11/2029: %+v %v", h, ok)
	}
}

// The same rules published as a later era change nothing: composition is
// faithful day by day, also across a boundary in the middle of a year.
func TestEraOfTheSameRulesChangesNothing(t *testing.T) {
	ov := []Override{{Year: 2026, ExtraDaysOff: []NamedDate{{Date: day("2026-01-02")}}, SwappedWorkingDays: []NamedDate{{Date: day("2026-01-10")}}}}
	plain := mustNew(t, Options{Rules: DefaultRules(), Overrides: ov})
	split := mustNew(t, Options{Rules: DefaultRules(), Overrides: ov, Later: []Era{
		{From: day("2025-12-31"), Rules: DefaultRules()},
		{From: day("2026-07-01"), Rules: DefaultRules()},
	}})
	for d := day("2024-01-01"); d.Before(day("2028-12-31")); d = d.AddDays(1) {
		a, _ := plain.IsWorkingDay(d)
		b, _ := split.IsWorkingDay(d)
		if a != b {
			t.Fatalf("%s: %v alone, %v split", d, a, b)
		}
	}
	for y := 2024; y <= 2028; y++ {
		a, _ := plain.Holidays(y)
		b, _ := split.Holidays(y)
		if !slices.Equal(dates(a), dates(b)) {
			t.Fatalf("%d: %v vs %v", y, dates(a), dates(b))
		}
		sa, _ := plain.SwappedWorkingDays(y)
		sb, _ := split.SwappedWorkingDays(y)
		if len(sa) != len(sb) {
			t.Fatalf("%d swapped: %v vs %v", y, sa, sb)
		}
	}
	n1, _ := plain.CountWorkingDays(day("2025-06-01"), day("2027-06-01"))
	n2, _ := split.CountWorkingDays(day("2025-06-01"), day("2027-06-01"))
	if n1 != n2 {
		t.Fatalf("count %d vs %d", n1, n2)
	}
}

func dates(hs []Holiday) []string {
	var out []string
	for _, h := range hs {
		out = append(out, h.Date.String())
	}
	return out
}

func TestEraDueRules(t *testing.T) {
	late := DueRules{Cutoff: 16 * 60, DueTime: 17 * 60}
	c := mustNew(t, Options{Rules: DefaultRules(), Later: []Era{{From: day("2027-01-01"), Rules: DefaultRules(), Due: late}}})
	for _, tc := range []struct {
		at   time.Time
		want string
	}{
		{time.Date(2026, 12, 30, 15, 30, 0, 0, Zone), "2026-12-31"}, // 15:00 rule
		{time.Date(2027, 1, 5, 15, 30, 0, 0, Zone), "2027-01-05"},   // 16:00 rule
	} {
		d, err := c.ReceptionDay(tc.at, c.DueRulesAt(tc.at))
		if err != nil || d.String() != tc.want {
			t.Errorf("%v: reception day %s, want %s (%v)", tc.at, d, tc.want, err)
		}
	}
	if (mustNew(t, Options{Rules: DefaultRules()})).DueRulesAt(time.Now()) != DefaultDueRules() {
		t.Fatal("a plain calendar's due rules are not the defaults")
	}
}

func TestEraErrors(t *testing.T) {
	bad := DefaultRules()
	bad.Solar = append(bad.Solar, SolarHoliday{Month: time.February, Day: 30, Name: "x", NameEN: "x"})
	six := DefaultRules()
	six.Tet = []TetRule{{Offsets: []int{-2, -1, 0, 1, 2, 3}, Name: "Tết", NameEN: "Tet"}}
	tet2027, _ := LunarNewYear(2027)
	five := []Date{tet2027.AddDays(-1), tet2027, tet2027.AddDays(1), tet2027.AddDays(2), tet2027.AddDays(3)}
	for _, tc := range []struct {
		name  string
		opts  Options
		field string
		is    error
	}{
		{"out of order", Options{Rules: DefaultRules(), Later: []Era{{From: day("2027-01-01"), Rules: DefaultRules()}, {From: day("2026-01-01"), Rules: DefaultRules()}}}, "later[1].from", ErrInvalidRules},
		{"no day", Options{Rules: DefaultRules(), Later: []Era{{Rules: DefaultRules()}}}, "later[0].from", ErrInvalidRules},
		{"bad rules", Options{Rules: DefaultRules(), Later: []Era{{From: day("2027-01-01"), Rules: bad}}}, "later[0].rules.solar[4]", ErrInvalidRules},
		{"bad due", Options{Rules: DefaultRules(), Later: []Era{{From: day("2027-01-01"), Rules: DefaultRules(), Due: DueRules{Cutoff: 17 * 60, DueTime: 9 * 60}}}}, "later[0].dueRules.dueTime", ErrInvalidRules},
		// An override is checked against the rules of its year: five Tết
		// days are right for 2026, wrong once six are the rule.
		{"override under a later era", Options{Rules: DefaultRules(), Overrides: []Override{{Year: 2027, TetDays: five}},
			Later: []Era{{From: day("2027-01-01"), Rules: six}}}, "overrides[0].tetDays", ErrInvalidOverride},
	} {
		_, err := New(tc.opts)
		var ve *ValidationError
		if !errors.Is(err, tc.is) || !errors.As(err, &ve) || !strings.HasPrefix(ve.Field, tc.field) {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
	// Under the old rules the same override is fine.
	if _, err := New(Options{Rules: DefaultRules(), Overrides: []Override{{Year: 2027, TetDays: five}}, Later: []Era{{From: day("2028-01-01"), Rules: six}}}); err != nil {
		t.Fatal(err)
	}
}
