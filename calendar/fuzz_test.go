package calendar

import (
	"testing"
	"time"
)

// FuzzDueDate feeds DueDate arbitrary instants, limits and rules: it must
// never panic, and a due instant it returns is never before the reception,
// falls on a working day at the due time and lies in Zone.
func FuzzDueDate(f *testing.F) {
	c, err := New(Options{Rules: DefaultRules()})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(int64(1739433540), 0, int16(900), int16(1020))  // 2026-02-13 14:59 +07, same day
	f.Add(int64(1739433660), 3, int16(900), int16(1020))  // 15:01, three days
	f.Add(int64(-2208988800), 1, int16(0), int16(0))      // 1900-01-01 UTC
	f.Add(int64(4133980799), 2, int16(900), int16(1020))  // 2100-12-31 UTC
	f.Add(int64(1741935600), -1, int16(900), int16(1020)) // negative limit
	f.Add(int64(1741935600), 1<<30, int16(900), int16(1020))
	f.Add(int64(1741935600), 1, int16(1439), int16(-5))
	f.Fuzz(func(t *testing.T, sec int64, days int, cutoff, dueTime int16) {
		received := time.Unix(sec, 0)
		r := DueRules{Cutoff: Clock(cutoff), DueTime: Clock(dueTime)}
		due, err := c.DueDate(received, days, r)
		if err != nil {
			return
		}
		r = r.orDefault()
		if due.Before(received) || due.Location() != Zone || sinceMidnight(due) != time.Duration(r.DueTime)*time.Minute {
			t.Fatalf("DueDate(%s, %d, %+v) = %s", received, days, r, due)
		}
		if w, err := c.IsWorkingDay(DateOf(due)); err != nil || !w {
			t.Fatalf("DueDate(%s, %d) = %s, not a working day", received, days, due)
		}
	})
}
