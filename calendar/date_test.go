package calendar

import (
	"encoding/json"
	"errors"
	"testing"
	"time"
)

// TestDateArithmetic compares Date with the time package over 1900–2100.
func TestDateArithmetic(t *testing.T) {
	start := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	first := Date{1900, time.January, 1}
	for i := 0; i < 73415; i += 7 {
		tt := start.AddDate(0, 0, i)
		dd := first.AddDays(i)
		if dd != DateOf(tt.Add(-7*time.Hour)) || dd.Weekday() != tt.Weekday() || dd.Sub(first) != i {
			t.Fatalf("day %d: %s %s, time says %s %s", i, dd, dd.Weekday(), tt.Format(time.DateOnly), tt.Weekday())
		}
	}
	a, b := d(t, "2024-02-28"), d(t, "2024-03-01")
	if a.AddDays(1) != d(t, "2024-02-29") || b.Sub(a) != 2 || !a.Before(b) || !b.After(a) || a.Compare(a) != 0 {
		t.Error("leap-year arithmetic")
	}
}

func TestDateText(t *testing.T) {
	for _, bad := range []string{"2025-02-29", "2025-13-01", "25-01-01", "2025/01/01", ""} {
		if _, err := ParseDate(bad); !errors.Is(err, ErrInvalidDate) {
			t.Errorf("ParseDate(%q) error = %v", bad, err)
		}
	}
	if _, err := NewDate(2025, time.February, 29); !errors.Is(err, ErrInvalidDate) {
		t.Errorf("NewDate(2025-02-29) error = %v", err)
	}
	var v struct {
		D Date  `json:"d"`
		C Clock `json:"c"`
	}
	if err := json.Unmarshal([]byte(`{"d":"2025-01-29","c":"15:00"}`), &v); err != nil {
		t.Fatal(err)
	}
	if v.D != (Date{2025, time.January, 29}) || v.C != 15*60 {
		t.Errorf("decoded %+v", v)
	}
	b, err := json.Marshal(v)
	if err != nil || string(b) != `{"d":"2025-01-29","c":"15:00"}` {
		t.Errorf("encoded %s, %v", b, err)
	}
	if _, err := json.Marshal(Date{}); err == nil {
		t.Error("the zero Date was encoded")
	}
	if err := json.Unmarshal([]byte(`{"c":"25:00"}`), &v); err == nil {
		t.Error("clock 25:00 was decoded")
	}
	if _, err := NewClock(24, 0); err == nil {
		t.Error("NewClock(24, 0) accepted")
	}
	if c, _ := NewClock(7, 5); c.String() != "07:05" || c.Hour() != 7 || c.Minute() != 5 {
		t.Errorf("clock %v", c)
	}
}

func TestDateOfZone(t *testing.T) {
	// 16:59:59 UTC on 31 December is 23:59:59 in Vietnam; a second later it
	// is New Year's Day.
	if got := DateOf(at(t, "2024-12-31T16:59:59Z")); got != d(t, "2024-12-31") {
		t.Errorf("got %s", got)
	}
	if got := DateOf(at(t, "2024-12-31T17:00:00Z")); got != d(t, "2025-01-01") {
		t.Errorf("got %s", got)
	}
	if got := d(t, "2025-01-29").At(17 * 60).Format(time.RFC3339); got != "2025-01-29T17:00:00+07:00" {
		t.Errorf("At = %s", got)
	}
}
