package dossier

import (
	"testing"
	"time"

	"hoso/calendar"
)

// finishAt drives an assigned dossier to its result at the desk at when.
func (f *flow) finishAt(when time.Time) {
	f.t.Helper()
	f.do(officer, &Appraised{Opinion: OpinionApprove}, when.Add(-3*time.Minute))
	f.do(officer, &Submitted{}, when.Add(-2*time.Minute))
	f.do(leader, &Signed{}, when.Add(-time.Minute))
	f.do(clerk, &ResultAtDesk{}, when)
}

// supplement requests a supplement at asked and receives the papers at got,
// the count restarting from zero as the service stamps it.
func (f *flow) supplement(asked, got time.Time) {
	f.t.Helper()
	f.do(officer, &SupplementRequested{Missing: []string{"Giấy chứng sinh"}}, asked)
	due, err := RestartDue(f.cal, got, f.d.LimitWD(), calendar.DueRules{})
	if err != nil {
		f.t.Fatal(err)
	}
	f.do(clerk, &SupplementReceived{NewDue: due}, got)
}

// TestTimingBasis: an apology admits lateness, so under the original basis
// (the default, and the fold's Timing) a dossier finished after the due date
// it had before the apology is late even if it meets the new one; a
// supplement restart still moves the original date. The standard dossier
// is due on Thursday 5 March 2026.
func TestTimingBasis(t *testing.T) {
	apology := func(f *flow, when, newDue time.Time) {
		f.do(leader, &Rescheduled{NewDue: newDue, Reason: "Cần xác minh"}, when)
	}
	cases := []struct {
		name             string
		run              func(f *flow)
		original, curDue time.Time
		orig, cur        Timing
	}{
		{"no apology, early", func(f *flow) { f.finishAt(march(4, 10)) },
			march(5, 17), march(5, 17), TimingEarly, TimingEarly},
		{"no apology, late", func(f *flow) { f.finishAt(march(6, 10)) },
			march(5, 17), march(5, 17), TimingLate, TimingLate},
		{"apology, finished by the new date", func(f *flow) {
			apology(f, march(3, 9), march(10, 17))
			f.finishAt(march(9, 10))
		}, march(5, 17), march(10, 17), TimingLate, TimingEarly},
		{"apology, finished on the new date", func(f *flow) {
			apology(f, march(3, 9), march(10, 17))
			f.finishAt(march(10, 16))
		}, march(5, 17), march(10, 17), TimingLate, TimingOnTime},
		{"apology, finished on the old date after all", func(f *flow) {
			apology(f, march(3, 9), march(10, 17))
			f.finishAt(march(5, 16))
		}, march(5, 17), march(10, 17), TimingOnTime, TimingEarly},
		{"apology once late, finished by the new date", func(f *flow) {
			apology(f, march(6, 9), march(11, 17))
			f.finishAt(march(11, 10))
		}, march(5, 17), march(11, 17), TimingLate, TimingOnTime},
		// A supplement restarts the count from zero: 3 working days from
		// Tuesday 10 March, Friday 13 March, on both bases.
		{"apology then supplement", func(f *flow) {
			apology(f, march(3, 9), march(10, 17))
			f.supplement(march(4, 9), march(10, 9))
			f.finishAt(march(12, 10))
		}, march(13, 17), march(13, 17), TimingEarly, TimingEarly},
		// Supplemented on 4 March: due Monday 9 March; the apology moves it
		// to Thursday 12 March.
		{"supplement then apology", func(f *flow) {
			f.supplement(march(3, 9), march(4, 9))
			apology(f, march(5, 9), march(12, 17))
			f.finishAt(march(11, 10))
		}, march(9, 17), march(12, 17), TimingLate, TimingEarly},
		{"a second supplement is late on both", func(f *flow) {
			f.supplement(march(2, 11), march(3, 9))
			f.supplement(march(3, 11), march(4, 9))
			f.finishAt(march(4, 15))
		}, march(9, 17), march(9, 17), TimingLate, TimingLate},
		{"not finished", func(f *flow) { apology(f, march(3, 9), march(10, 17)) },
			march(5, 17), march(10, 17), "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFlow(t).to(StatusAssigned)
			c.run(f)
			d := f.d
			for _, b := range []struct {
				basis TimingBasis
				due   time.Time
				want  Timing
			}{{"", c.original, c.orig}, {TimingBasisOriginal, c.original, c.orig}, {TimingBasisCurrent, c.curDue, c.cur}} {
				if got := d.TimingDue(b.basis); !got.Equal(b.due) {
					t.Errorf("TimingDue(%q) = %s, want %s", b.basis, got.Format(time.DateTime), b.due.Format(time.DateTime))
				}
				if got := ClassifyDossier(d, d.FinishedAt, b.basis); got != b.want {
					t.Errorf("ClassifyDossier(%q) = %q, want %q", b.basis, got, b.want)
				}
			}
			if d.Timing != c.orig {
				t.Errorf("the fold's Timing is %q, want the original basis's %q", d.Timing, c.orig)
			}
		})
	}
}

// TestTimingDueCorrected: a correction of the due date corrects the date in
// force: the apology's when one is in force, else the original too.
func TestTimingDueCorrected(t *testing.T) {
	correct := func(f *flow, old, new time.Time) {
		f.do(admin, &Corrected{Changes: []Change{{Field: "due", Old: old.Format(time.RFC3339), New: new.Format(time.RFC3339)}}, Reason: "Sai ngày hẹn"}, march(3, 10))
	}
	t.Run("without apology", func(t *testing.T) {
		f := newFlow(t).to(StatusAssigned)
		correct(f, march(5, 17), march(6, 17))
		f.do(leader, &Rescheduled{NewDue: march(11, 17), Reason: "x"}, march(4, 9))
		if got := f.d.TimingDue(TimingBasisOriginal); !got.Equal(march(6, 17)) {
			t.Errorf("original due %s, want the corrected 6 March", got)
		}
	})
	t.Run("after an apology", func(t *testing.T) {
		f := newFlow(t).to(StatusAssigned)
		f.do(leader, &Rescheduled{NewDue: march(10, 17), Reason: "x"}, march(3, 9))
		correct(f, march(10, 17), march(11, 17))
		if got := f.d.TimingDue(TimingBasisOriginal); !got.Equal(march(5, 17)) {
			t.Errorf("original due %s, want 5 March", got)
		}
		if got := f.d.TimingDue(TimingBasisCurrent); !got.Equal(march(11, 17)) {
			t.Errorf("current due %s, want the corrected 11 March", got)
		}
	})
}
