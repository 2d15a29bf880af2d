package calendar

import (
	"testing"
	"time"
)

// BenchmarkDueDate is the common case: a calendar in use (years cached), a
// limit of 15 working days.
func BenchmarkDueDate(b *testing.B) {
	c, _ := New(Options{Rules: DefaultRules()})
	received := time.Date(2026, 2, 13, 15, 1, 0, 0, Zone)
	if _, err := c.DueDate(received, 15, DueRules{}); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		_, _ = c.DueDate(received, 15, DueRules{})
	}
}

// BenchmarkDueDateSameDay is a same-day procedure.
func BenchmarkDueDateSameDay(b *testing.B) {
	c, _ := New(Options{Rules: DefaultRules()})
	received := time.Date(2026, 3, 13, 10, 0, 0, 0, Zone)
	_, _ = c.DueDate(received, 0, DueRules{})
	for b.Loop() {
		_, _ = c.DueDate(received, 0, DueRules{})
	}
}

// BenchmarkDueDateColdYear includes resolving the year (holidays, make-up
// days, the lunar conversions), as the first call of a year pays it.
func BenchmarkDueDateColdYear(b *testing.B) {
	received := time.Date(2026, 2, 13, 15, 1, 0, 0, Zone)
	for b.Loop() {
		c, _ := New(Options{Rules: DefaultRules()})
		_, _ = c.DueDate(received, 15, DueRules{})
	}
}

// BenchmarkToLunar is one solar→lunar conversion.
func BenchmarkToLunar(b *testing.B) {
	x := Date{2026, time.February, 17}
	for b.Loop() {
		_, _ = ToLunar(x)
	}
}
