package dossier

import (
	"testing"
	"time"

	"hoso/calendar"
)

// Tết 2026: 16–20 February are days off, so Friday 13 February is followed
// by Monday 23 February.
func feb(d, hh, mm int) time.Time { return at(2026, time.February, d, hh, mm) }

// tetFlow receives, on Thursday 12 February 2026 at 10:00, a dossier of a
// procedure with the given time limit.
func tetFlow(t *testing.T, limitWD int) *flow {
	f := newFlow(t)
	b := f.received(feb(12, 10, 0), 0, 1)
	b.Procedure.TimeLimitWD = limitWD
	due, err := f.cal.DueDate(b.ReceivedAt, limitWD, calendar.DueRules{})
	if err != nil {
		t.Fatal(err)
	}
	b.Due = due
	f.do(clerk, b, b.ReceivedAt)
	return f
}

// TestClassifyAcrossTet: two working days from 12 February fall due on 23
// February; finishing on that day at any hour is on time, before it early
// (even on a holiday), after it late.
func TestClassifyAcrossTet(t *testing.T) {
	cal := testCal(t)
	due, err := cal.DueDate(feb(12, 10, 0), 2, calendar.DueRules{})
	if err != nil {
		t.Fatal(err)
	}
	if !due.Equal(feb(23, 17, 0)) {
		t.Fatalf("due %v, want 23 February 17:00", due)
	}
	cases := []struct {
		finished time.Time
		want     Timing
		points   int
	}{
		{feb(13, 16, 0), TimingEarly, 2},
		{feb(18, 9, 0), TimingEarly, 2}, // on a Tết holiday
		{feb(22, 9, 0), TimingEarly, 2}, // the Sunday before
		{feb(23, 8, 0), TimingOnTime, 1},
		{feb(23, 17, 0), TimingOnTime, 1},
		{feb(23, 21, 30), TimingOnTime, 1}, // still the due day
		{feb(24, 0, 5), TimingLate, 0},
		{at(2026, time.March, 2, 9, 0), TimingLate, 0},
	}
	for _, c := range cases {
		got := Classify(c.finished, due)
		if got != c.want || got.Points() != c.points {
			t.Errorf("Classify(%s) = %s (%d points), want %s (%d)", c.finished.Format(time.DateTime), got, got.Points(), c.want, c.points)
		}
		// The same through the fold, with the result reaching the desk then.
		f := tetFlow(t, 2)
		f.to2(StatusSigned, feb(13, 9, 0))
		f.force(clerk, &ResultAtDesk{}, c.finished)
		if f.d.Timing != c.want {
			t.Errorf("dossier finished %s: timing %s, want %s", c.finished.Format(time.DateTime), f.d.Timing, c.want)
		}
	}
	// After 15:00 on the Friday before Tết, counting starts on 23 February.
	late, err := cal.DueDate(feb(13, 15, 30), 3, calendar.DueRules{})
	if err != nil || !late.Equal(feb(26, 17, 0)) {
		t.Errorf("due %v, %v; want 26 February", late, err)
	}
}

// to2 drives a dossier already received to status s, one step a minute
// from start.
func (f *flow) to2(s Status, start time.Time) {
	f.t.Helper()
	steps := []struct {
		by   Actor
		body Body
	}{
		{clerk, &HandedOver{}}, {officer, &Assigned{}}, {officer, &Appraised{Opinion: OpinionApprove}},
		{officer, &Submitted{}}, {leader, &Signed{}},
	}
	for i, st := range steps {
		if f.d.Status == s {
			return
		}
		f.do(st.by, st.body, start.Add(time.Duration(i)*time.Minute))
	}
}

// TestTimeLimitsAcrossTet: the supplement and reschedule limits count
// working days, skipping Tết.
func TestTimeLimitsAcrossTet(t *testing.T) {
	f := tetFlow(t, 2)
	f.to2(StatusAssigned, feb(12, 11, 0))
	cases := []struct {
		kind Kind
		by   Actor
		now  time.Time
		want string
	}{
		// Working days after reception: 13 Feb (1), 23 Feb (2), 24 Feb (3).
		{KindSupplementRequested, officer, feb(20, 9, 0), ""},
		{KindSupplementRequested, officer, feb(24, 16, 0), ""},
		{KindSupplementRequested, officer, feb(25, 8, 0), CodeSupplementTooLate},
		// Due 23 Feb: from 13 Feb or during Tết one working day remains.
		{KindRescheduled, leader, feb(13, 9, 0), ""},
		{KindRescheduled, leader, feb(20, 9, 0), ""},
		{KindRescheduled, leader, feb(23, 8, 0), CodeRescheduleTooLate},
	}
	for _, c := range cases {
		if got := CodeOf(Check(f.d, Action{Kind: c.kind}, c.by, c.now, f.cal)); got != c.want {
			t.Errorf("%s at %s: %q, want %q", c.kind, c.now.Format(time.DateTime), got, c.want)
		}
	}
}

// TestOverdue judges a dossier due on 23 February (due soon is
// report.StandingAt's, tested there).
func TestOverdue(t *testing.T) {
	f := tetFlow(t, 2)
	cases := []struct {
		now      time.Time
		overdue  bool
		scenario string
	}{
		{feb(13, 9, 0), false, "across Tết"},
		{feb(23, 23, 0), false, "the due day, late evening"},
		{feb(24, 8, 0), true, "the day after"},
	}
	for _, c := range cases {
		if got := Overdue(f.d, c.now); got != c.overdue {
			t.Errorf("%s: overdue %v, want %v", c.scenario, got, c.overdue)
		}
	}
	// A dossier whose result is ready is not.
	f.to2(StatusSigned, feb(13, 9, 0))
	if Overdue(f.d, feb(25, 9, 0)) {
		t.Error("a signed dossier is listed as due")
	}
}

// TestStepDue: a step's working hours become whole working days counted
// like a time limit.
func TestStepDue(t *testing.T) {
	cal := testCal(t)
	mar := func(d, hh int) time.Time { return at(2026, time.March, d, hh, 0) }
	cases := []struct {
		start time.Time
		hours float64
		want  time.Time
	}{
		{mar(2, 9), 4, mar(2, 17)},
		{mar(2, 16), 4, mar(3, 17)}, // after 15:00
		{mar(2, 9), 8, mar(3, 17)},
		{mar(2, 9), 12, mar(3, 17)},
		{mar(2, 9), 16, mar(4, 17)},
		{feb(13, 9, 0), 8, feb(23, 17, 0)}, // across Tết
		{mar(2, 9), 0, time.Time{}},
	}
	for _, c := range cases {
		got, err := StepDue(cal, c.start, c.hours, calendar.DueRules{})
		if err != nil || !got.Equal(c.want) {
			t.Errorf("StepDue(%s, %vh) = %v, %v; want %v", c.start.Format(time.DateTime), c.hours, got, err, c.want)
		}
	}
	p := birthProcedure()
	for k, want := range map[Kind]string{
		KindReceived: "Tiếp nhận hồ sơ", KindAssigned: "Thẩm định, xử lý hồ sơ", KindSubmitted: "Lãnh đạo ký duyệt",
		KindResultAtDesk: "Trả kết quả", KindTransferred: "", KindSigned: "",
	} {
		plan, err := PlanStep(p, k, mar(2, 9), cal, calendar.DueRules{})
		if err != nil || plan.Name != want || (want != "" && plan.Due.IsZero()) {
			t.Errorf("PlanStep(%s) = %+v, %v; want %q", k, plan, err, want)
		}
	}
}
