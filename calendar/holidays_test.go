package calendar

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"
)

func newCal(t testing.TB, overrides ...Override) *Calendar {
	t.Helper()
	c, err := New(Options{Rules: DefaultRules(), Overrides: overrides})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// nationalDayExtra lists the day taken next to National Day: as decided in
// 2021–2025, and for 2026–2030 as the bridge rule gives it by hand (2/9 on a
// Wednesday: the day before; Thursday, Sunday, Monday: the day after;
// Saturday: the day before).
var nationalDayExtra = map[int]string{
	2021: "2021-09-03", 2022: "2022-09-01", 2023: "2023-09-01", 2024: "2024-09-03", 2025: "2025-09-01",
	2026: "2026-09-01", 2027: "2027-09-03", 2028: "2028-09-01", 2029: "2029-09-03", 2030: "2030-09-03",
}

// TestStatutoryHolidays checks that every statutory holiday of 2012–2030 is
// there with its name and kind, and that no other non-make-up day is: the
// expected days come from the published lists, not from the code.
func TestStatutoryHolidays(t *testing.T) {
	c := newCal(t)
	for y := 2012; y <= 2030; y++ {
		type want struct{ name, kind string }
		exp := map[Date]want{
			{y, time.January, 1}:   {"Tết Dương lịch", "statutory"},
			{y, time.April, 30}:    {"Ngày Chiến thắng", "statutory"},
			{y, time.May, 1}:       {"Ngày Quốc tế Lao động", "statutory"},
			{y, time.September, 2}: {"Quốc khánh", "statutory"},
			d(t, publishedHung[y]): {"Giỗ Tổ Hùng Vương", "statutory"},
		}
		tet := d(t, publishedTet[y])
		last := 3 // five days of Tết from 2014, four before
		if y < 2014 {
			last = 2
		}
		for off := -1; off <= last; off++ {
			exp[tet.AddDays(off)] = want{"Tết Nguyên đán", "tet"}
		}
		if s, ok := nationalDayExtra[y]; ok {
			exp[d(t, s)] = want{"Quốc khánh (ngày liền kề)", "statutory"}
		}
		hs, err := c.Holidays(y)
		if err != nil {
			t.Fatal(err)
		}
		got := map[Date]want{}
		for _, h := range hs {
			if h.Kind != KindMakeUp {
				got[h.Date] = want{h.Name, string(h.Kind)}
			}
			if h.NameEN == "" {
				t.Errorf("%s: no English name", h.Date)
			}
		}
		if !reflect.DeepEqual(got, exp) {
			t.Errorf("%d:\n got  %v\n want %v", y, got, exp)
		}
	}
}

func TestMakeUpDays(t *testing.T) {
	c := newCal(t)
	tests := []struct {
		day, forDay, name string
	}{
		{"2012-01-02", "2012-01-01", "Nghỉ bù Tết Dương lịch"},
		{"2022-05-02", "2022-04-30", "Nghỉ bù Ngày Chiến thắng"},      // 30/4 Saturday
		{"2022-05-03", "2022-05-01", "Nghỉ bù Ngày Quốc tế Lao động"}, // 1/5 Sunday, after the first make-up
		{"2023-01-02", "2023-01-01", "Nghỉ bù Tết Dương lịch"},        // 1/1 Sunday
		{"2023-05-02", "2023-04-29", "Nghỉ bù Giỗ Tổ Hùng Vương"},     // Saturday; 1/5 Monday is taken
		{"2023-05-03", "2023-04-30", "Nghỉ bù Ngày Chiến thắng"},
		{"2023-09-04", "2023-09-02", "Nghỉ bù Quốc khánh"},        // Saturday; Sunday 3/9 is a rest day
		{"2024-02-14", "2024-02-10", "Nghỉ bù Tết Nguyên đán"},    // Tết on Saturday and Sunday,
		{"2024-02-15", "2024-02-11", "Nghỉ bù Tết Nguyên đán"},    // made up after the five days
		{"2026-04-27", "2026-04-26", "Nghỉ bù Giỗ Tổ Hùng Vương"}, // Sunday
		{"2029-09-04", "2029-09-02", "Nghỉ bù Quốc khánh"},        // Sunday; Monday 3/9 is the extra day
		{"2025-02-03", "2025-02-01", "Nghỉ bù Tết Nguyên đán"},    // default rule; see TestOverrides
	}
	for _, tt := range tests {
		h, ok, err := c.HolidayOn(d(t, tt.day))
		if err != nil || !ok || h.Kind != KindMakeUp || h.Name != tt.name ||
			h.MakesUpFor == nil || *h.MakesUpFor != d(t, tt.forDay) {
			t.Errorf("HolidayOn(%s) = %+v, %v, %v; want make-up %q for %s", tt.day, h, ok, err, tt.name, tt.forDay)
		}
		if w, _ := c.IsWorkingDay(d(t, tt.day)); w {
			t.Errorf("%s is a working day", tt.day)
		}
	}
}

// TestMakeUpProperty checks every make-up day of 2012–2030: it stands in
// for a holiday on a weekly rest day, lies after it on a working weekday,
// and no day in between was free to take it.
func TestMakeUpProperty(t *testing.T) {
	c := newCal(t)
	for y := 2012; y <= 2030; y++ {
		hs, _ := c.Holidays(y)
		needed := 0
		for _, h := range hs {
			switch {
			case h.Kind != KindMakeUp && (h.Date.Weekday() == time.Saturday || h.Date.Weekday() == time.Sunday):
				needed++
			case h.Kind == KindMakeUp:
				src := *h.MakesUpFor
				if wd := h.Date.Weekday(); wd == time.Saturday || wd == time.Sunday || !h.Date.After(src) {
					t.Errorf("make-up %s for %s", h.Date, src)
				}
				for x := src.AddDays(1); x.Before(h.Date); x = x.AddDays(1) {
					_, off, _ := c.HolidayOn(x)
					if wd := x.Weekday(); wd != time.Saturday && wd != time.Sunday && !off {
						t.Errorf("make-up for %s on %s, but %s was free", src, h.Date, x)
					}
				}
			}
		}
		makeUps := 0
		for _, h := range hs {
			if h.Kind == KindMakeUp {
				makeUps++
			}
		}
		if makeUps != needed {
			t.Errorf("%d: %d make-up days for %d holidays on weekends", y, makeUps, needed)
		}
	}
}

// TestAdjacentChoice checks the three choices for each weekday 2/9 can fall
// on.
func TestAdjacentChoice(t *testing.T) {
	c := newCal(t)
	// 2/9 falls on: 2024 Mon, 2025 Tue, 2026 Wed, 2021 Thu, 2022 Fri, 2023 Sat, 2029 Sun.
	bridge := map[int]int{2024: 3, 2025: 1, 2026: 1, 2021: 3, 2022: 1, 2023: 1, 2029: 3}
	for y, day := range bridge {
		anchor := Date{y, time.September, 2}
		for choice, want := range map[AdjacentChoice]int{AdjacentBefore: 1, AdjacentAfter: 3, AdjacentBridge: day} {
			if got := c.adjacentDay(anchor, choice); got != (Date{y, time.September, want}) {
				t.Errorf("%s %s (%s): got %s, want %d/9", choice, anchor, anchor.Weekday(), got, want)
			}
		}
	}
}

// TestOverrides applies decisions shaped like the government's: Tết 2023
// and 2024 as "two days before and three after" (the breaks announced were
// 20–26 January 2023 and 8–14 February 2024), and for 30 April 2024 Monday
// 29 April given off in exchange for Saturday 4 May.
func TestOverrides(t *testing.T) {
	days := func(ss ...string) []Date {
		var out []Date
		for _, s := range ss {
			out = append(out, d(t, s))
		}
		return out
	}
	nde := d(t, "2026-09-03")
	c := newCal(t,
		Override{Year: 2023, TetDays: days("2023-01-20", "2023-01-21", "2023-01-22", "2023-01-23", "2023-01-24")},
		Override{Year: 2024, TetDays: days("2024-02-08", "2024-02-09", "2024-02-10", "2024-02-11", "2024-02-12"),
			ExtraDaysOff:       []NamedDate{{Date: d(t, "2024-04-29")}},
			SwappedWorkingDays: []NamedDate{{Date: d(t, "2024-05-04"), Name: "Làm bù cho thứ Hai 29/4"}},
			Notes:              "illustrative"},
		Override{Year: 2026, NationalDayExtra: &nde},
	)
	// Each break: off from the first day to the last, working on both sides.
	breaks := []struct{ before, first, last, after string }{
		{"2023-01-19", "2023-01-20", "2023-01-26", "2023-01-27"},
		{"2024-02-07", "2024-02-08", "2024-02-14", "2024-02-15"},
		{"2024-04-26", "2024-04-27", "2024-05-01", "2024-05-02"},
		{"2026-08-31", "2026-09-02", "2026-09-03", "2026-09-04"},
	}
	for _, b := range breaks {
		if w, _ := c.IsWorkingDay(d(t, b.before)); !w {
			t.Errorf("%s should be a working day", b.before)
		}
		if w, _ := c.IsWorkingDay(d(t, b.after)); !w {
			t.Errorf("%s should be a working day", b.after)
		}
		for x := d(t, b.first); !x.After(d(t, b.last)); x = x.AddDays(1) {
			if w, _ := c.IsWorkingDay(x); w {
				t.Errorf("%s should be a day off", x)
			}
		}
	}
	if h, ok, _ := c.HolidayOn(d(t, "2024-04-29")); !ok || h.Kind != KindExtra || h.Name != extraName {
		t.Errorf("2024-04-29: %+v", h)
	}
	if w, _ := c.IsWorkingDay(d(t, "2024-05-04")); !w {
		t.Error("Saturday 2024-05-04 should be worked")
	}
	sw, _ := c.SwappedWorkingDays(2024)
	if len(sw) != 1 || sw[0].Date != d(t, "2024-05-04") || sw[0].Name != "Làm bù cho thứ Hai 29/4" || sw[0].NameEN != swappedWorkNameEN {
		t.Errorf("SwappedWorkingDays(2024) = %+v", sw)
	}
	// The 2026 override moves the day next to National Day from 1/9 to 3/9.
	if w, _ := c.IsWorkingDay(d(t, "2026-09-01")); !w {
		t.Error("2026-09-01 should be a working day under the override")
	}
	// Years without an override keep the rules.
	if h, ok, _ := c.HolidayOn(d(t, "2025-01-28")); !ok || h.Kind != KindTet {
		t.Errorf("2025-01-28: %+v, %v", h, ok)
	}
}

// TestMakeUpAcrossYears uses a rule with a holiday on 31 December: when it
// falls on a Saturday (2022) its make-up lands in January, before the
// make-up of 1 January, whichever year is asked first.
func TestMakeUpAcrossYears(t *testing.T) {
	r := DefaultRules()
	r.Solar = append(r.Solar, SolarHoliday{Month: time.December, Day: 31, Name: "Giao thừa", NameEN: "New Year's Eve"})
	for _, order := range [][]int{{2022, 2023}, {2023, 2022}} {
		c, err := New(Options{Rules: r})
		if err != nil {
			t.Fatal(err)
		}
		for _, y := range order {
			if _, err := c.Holidays(y); err != nil {
				t.Fatal(err)
			}
		}
		h2, _, _ := c.HolidayOn(d(t, "2023-01-02"))
		h3, _, _ := c.HolidayOn(d(t, "2023-01-03"))
		if h2.Name != "Nghỉ bù Giao thừa" || h3.Name != "Nghỉ bù Tết Dương lịch" {
			t.Errorf("order %v: 2 Jan %q, 3 Jan %q", order, h2.Name, h3.Name)
		}
	}
}

func TestRulesJSONRoundTrip(t *testing.T) {
	nde := d(t, "2025-09-01")
	opts := Options{Rules: DefaultRules(), Overrides: []Override{{
		Year: 2025, TetDays: []Date{d(t, "2025-01-27"), d(t, "2025-01-28"), d(t, "2025-01-29"), d(t, "2025-01-30"), d(t, "2025-01-31")},
		NationalDayExtra: &nde, SwappedWorkingDays: []NamedDate{{Date: d(t, "2025-02-08")}}, Notes: "test",
	}}}
	b, err := json.Marshal(opts)
	if err != nil {
		t.Fatal(err)
	}
	var back Options
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, opts) {
		t.Errorf("round trip changed the options:\n%s", b)
	}
	if _, err := New(back); err != nil {
		t.Error(err)
	}
	hb, _ := json.Marshal(Holiday{Date: d(t, "2025-02-03"), Name: "n", NameEN: "e", Kind: KindMakeUp, MakesUpFor: &nde})
	if want := `{"date":"2025-02-03","name":"n","nameEn":"e","kind":"makeup","makesUpFor":"2025-09-01"}`; string(hb) != want {
		t.Errorf("Holiday JSON = %s", hb)
	}
}

// TestConcurrentUse asks one fresh Calendar about the same days from many
// goroutines and expects the answers a fresh Calendar gives sequentially.
func TestConcurrentUse(t *testing.T) {
	want := map[Date]bool{}
	ref := newCal(t)
	start := d(t, "2019-12-01")
	for i := range 3000 {
		x := start.AddDays(i)
		want[x], _ = ref.IsWorkingDay(x)
	}
	c := newCal(t)
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 3000 {
				x := start.AddDays((i*7 + g*131) % 3000)
				if got, _ := c.IsWorkingDay(x); got != want[x] {
					errs <- fmt.Errorf("%s: %v", x, got)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestHolidaysOutOfRange(t *testing.T) {
	c := newCal(t)
	for _, y := range []int{MinYear - 1, MaxYear + 1} {
		if _, err := c.Holidays(y); err == nil {
			t.Errorf("Holidays(%d): no error", y)
		}
		if _, err := c.SwappedWorkingDays(y); err == nil {
			t.Errorf("SwappedWorkingDays(%d): no error", y)
		}
	}
	if _, _, err := c.HolidayOn(Date{MaxYear + 1, 1, 1}); err == nil {
		t.Error("HolidayOn(2101-01-01): no error")
	}
}
