package calendar

import (
	"errors"
	"math/rand/v2"
	"testing"
	"time"
)

func at(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestDueDate covers the 15:00 rule on an ordinary Friday and on the last
// working day before Tết 2026 (Friday 13 February; Tết days 16–20 February
// by the default rule), receptions on days off, and the zone conversion.
func TestDueDate(t *testing.T) {
	c := newCal(t, Override{Year: 2024, ExtraDaysOff: []NamedDate{{Date: d(t, "2024-04-29")}},
		SwappedWorkingDays: []NamedDate{{Date: d(t, "2024-05-04")}}})
	late := DueRules{Cutoff: 16*60 + 30, DueTime: 17*60 + 30}
	tests := []struct {
		name     string
		received string
		days     int
		rules    DueRules
		want     string
	}{
		{"Friday 14:59, same day", "2025-03-14T14:59:59+07:00", 0, DueRules{}, "2025-03-14T17:00:00+07:00"},
		{"Friday 15:00, same day", "2025-03-14T15:00:00+07:00", 0, DueRules{}, "2025-03-17T17:00:00+07:00"},
		{"Friday 15:01, same day", "2025-03-14T15:01:00+07:00", 0, DueRules{}, "2025-03-17T17:00:00+07:00"},
		{"Friday 14:59, 1 day", "2025-03-14T14:59:00+07:00", 1, DueRules{}, "2025-03-17T17:00:00+07:00"},
		{"Friday 15:00, 1 day", "2025-03-14T15:00:00+07:00", 1, DueRules{}, "2025-03-18T17:00:00+07:00"},
		{"Friday 15:01, 1 day", "2025-03-14T15:01:00+07:00", 1, DueRules{}, "2025-03-18T17:00:00+07:00"},
		{"Friday 15:01, 5 days", "2025-03-14T15:01:00+07:00", 5, DueRules{}, "2025-03-24T17:00:00+07:00"},
		{"midnight counts as early", "2025-03-14T00:00:00+07:00", 0, DueRules{}, "2025-03-14T17:00:00+07:00"},
		{"Saturday, same day", "2025-03-15T09:00:00+07:00", 0, DueRules{}, "2025-03-17T17:00:00+07:00"},
		{"Saturday, 1 day", "2025-03-15T09:00:00+07:00", 1, DueRules{}, "2025-03-18T17:00:00+07:00"},
		{"before Tết 14:59, same day", "2026-02-13T14:59:00+07:00", 0, DueRules{}, "2026-02-13T17:00:00+07:00"},
		{"before Tết 15:00, same day", "2026-02-13T15:00:00+07:00", 0, DueRules{}, "2026-02-23T17:00:00+07:00"},
		{"before Tết 15:01, same day", "2026-02-13T15:01:00+07:00", 0, DueRules{}, "2026-02-23T17:00:00+07:00"},
		{"before Tết 14:59, 3 days", "2026-02-13T14:59:00+07:00", 3, DueRules{}, "2026-02-25T17:00:00+07:00"},
		{"before Tết 15:01, 3 days", "2026-02-13T15:01:00+07:00", 3, DueRules{}, "2026-02-26T17:00:00+07:00"},
		{"during Tết, 3 days", "2026-02-18T09:00:00+07:00", 3, DueRules{}, "2026-02-26T17:00:00+07:00"},
		{"make-up day (Hùng Kings 2026)", "2026-04-27T09:00:00+07:00", 0, DueRules{}, "2026-04-28T17:00:00+07:00"},
		{"over 30/4–1/5 2026", "2026-04-29T10:00:00+07:00", 2, DueRules{}, "2026-05-05T17:00:00+07:00"},
		{"UTC instant 07:59Z is 14:59", "2025-03-14T07:59:00Z", 0, DueRules{}, "2025-03-14T17:00:00+07:00"},
		{"UTC instant 08:00Z is 15:00", "2025-03-14T08:00:00Z", 0, DueRules{}, "2025-03-17T17:00:00+07:00"},
		{"UTC evening is the next day here", "2025-03-13T18:00:00Z", 0, DueRules{}, "2025-03-14T17:00:00+07:00"},
		{"custom cut-off 16:30, at 16:00", "2025-03-14T16:00:00+07:00", 0, late, "2025-03-14T17:30:00+07:00"},
		{"custom cut-off 16:30, at 16:30", "2025-03-14T16:30:00+07:00", 0, late, "2025-03-17T17:30:00+07:00"},
		{"swapped Saturday is worked", "2024-05-03T16:00:00+07:00", 0, DueRules{}, "2024-05-04T17:00:00+07:00"},
		{"extra day off is skipped", "2024-04-26T16:00:00+07:00", 1, DueRules{}, "2024-05-03T17:00:00+07:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.DueDate(at(t, tt.received), tt.days, tt.rules)
			if err != nil {
				t.Fatal(err)
			}
			if got.Format(time.RFC3339) != tt.want {
				t.Errorf("DueDate(%s, %d) = %s, want %s", tt.received, tt.days, got.Format(time.RFC3339), tt.want)
			}
		})
	}
}

func TestDueDateErrors(t *testing.T) {
	c := newCal(t)
	tests := []struct {
		name     string
		received string
		days     int
		rules    DueRules
		want     error
	}{
		{"negative limit", "2025-03-14T10:00:00+07:00", -1, DueRules{}, ErrInvalidArgument},
		{"due before cut-off", "2025-03-14T10:00:00+07:00", 1, DueRules{Cutoff: 15 * 60, DueTime: 11 * 60}, ErrInvalidRules},
		{"cut-off past midnight", "2025-03-14T10:00:00+07:00", 1, DueRules{Cutoff: 24 * 60, DueTime: 24 * 60}, ErrInvalidRules},
		{"before 1900", "1899-12-31T10:00:00+07:00", 1, DueRules{}, ErrOutOfRange},
		{"past 2100", "2100-12-29T10:00:00+07:00", 5, DueRules{}, ErrOutOfRange},
		{"last day after cut-off", "2100-12-31T16:00:00+07:00", 0, DueRules{}, ErrOutOfRange},
	}
	for _, tt := range tests {
		if _, err := c.DueDate(at(t, tt.received), tt.days, tt.rules); !errors.Is(err, tt.want) {
			t.Errorf("%s: error %v, want %v", tt.name, err, tt.want)
		}
	}
}

func TestReceptionDay(t *testing.T) {
	c := newCal(t)
	for received, want := range map[string]string{
		"2026-02-13T14:59:59+07:00": "2026-02-13",
		"2026-02-13T15:00:00+07:00": "2026-02-23",
		"2026-02-14T08:00:00+07:00": "2026-02-23",
	} {
		got, err := c.ReceptionDay(at(t, received), DefaultDueRules())
		if err != nil || got != d(t, want) {
			t.Errorf("ReceptionDay(%s) = %s, %v; want %s", received, got, err, want)
		}
	}
}

// TestAddWorkingDaysProperty checks, for random days of 2012–2035 and
// limits up to 90, that the result is a working day with exactly n working
// days in (from, result] (or, backwards, in [result, from)), and agrees with
// stepping one day at a time.
func TestAddWorkingDaysProperty(t *testing.T) {
	c := newCal(t)
	rng := rand.New(rand.NewPCG(1, 2))
	base := d(t, "2012-01-01")
	for range 5000 {
		from := base.AddDays(rng.IntN(24 * 365))
		n := rng.IntN(181) - 90
		got, err := c.AddWorkingDays(from, n)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			if got != from {
				t.Fatalf("AddWorkingDays(%s, 0) = %s", from, got)
			}
			continue
		}
		if w, _ := c.IsWorkingDay(got); !w {
			t.Fatalf("AddWorkingDays(%s, %d) = %s, not a working day", from, n, got)
		}
		var count int
		if n > 0 {
			count, _ = c.CountWorkingDays(from, got)
		} else {
			count, _ = c.CountWorkingDays(from.AddDays(-1), got.AddDays(-1))
		}
		if count != n {
			t.Fatalf("AddWorkingDays(%s, %d) = %s, but %d working days lie between", from, n, got, count)
		}
		if slow := stepWorkingDays(t, c, from, n); slow != got {
			t.Fatalf("AddWorkingDays(%s, %d) = %s, stepping gives %s", from, n, got, slow)
		}
	}
}

func stepWorkingDays(t *testing.T, c *Calendar, from Date, n int) Date {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	x := from
	for n > 0 {
		x = x.AddDays(step)
		if w, err := c.IsWorkingDay(x); err != nil {
			t.Fatal(err)
		} else if w {
			n--
		}
	}
	return x
}

// TestDueDateProperty checks random receptions: the due instant is at the
// due time on a working day, never before the reception, and exactly n
// working days after the reception day.
func TestDueDateProperty(t *testing.T) {
	c := newCal(t)
	rng := rand.New(rand.NewPCG(3, 4))
	base := at(t, "2012-01-01T00:00:00+07:00")
	for range 5000 {
		received := base.Add(time.Duration(rng.Int64N(int64(24 * 365 * 24 * time.Hour))))
		n := rng.IntN(46)
		due, err := c.DueDate(received, n, DueRules{})
		if err != nil {
			t.Fatal(err)
		}
		start, _ := c.ReceptionDay(received, DueRules{})
		dd := DateOf(due)
		w, _ := c.IsWorkingDay(dd)
		count, _ := c.CountWorkingDays(start, dd)
		if due.Before(received) || !w || count != n || due.Location() != Zone || sinceMidnight(due) != 17*time.Hour {
			t.Fatalf("DueDate(%s, %d) = %s (reception day %s, %d working days)", received, n, due, start, count)
		}
	}
}

func TestCountWorkingDays(t *testing.T) {
	c := newCal(t)
	// Tết 2026: working days Fri 13 Feb and Mon 23 Feb around 16–20 Feb.
	for _, tt := range []struct {
		from, to string
		want     int
	}{
		{"2026-02-13", "2026-02-13", 0},
		{"2026-02-13", "2026-02-22", 0},
		{"2026-02-13", "2026-02-23", 1},
		{"2026-02-23", "2026-02-12", -2},
		{"2025-12-31", "2026-01-02", 1}, // 1 January is off
	} {
		if got, err := c.CountWorkingDays(d(t, tt.from), d(t, tt.to)); err != nil || got != tt.want {
			t.Errorf("CountWorkingDays(%s, %s) = %d, %v; want %d", tt.from, tt.to, got, err, tt.want)
		}
	}
}
