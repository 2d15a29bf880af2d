package dossier

import (
	"slices"
	"testing"
	"time"
)

// march is a wall-clock instant of March 2026: Monday 2 March is the
// standard dossier's reception, Thursday 5 March at 17:00 its due date.
func march(d, hh int) time.Time { return at(2026, time.March, d, hh, 0) }

func intp(n int) *int { return &n }

// receiveWith receives the standard dossier with its procedure changed by
// edit, and drives it to Assigned on the day of reception.
func receiveWith(edit func(p *ProcedureRef)) func(f *flow) {
	return func(f *flow) {
		f.t.Helper()
		b := f.received(day0, 0, 1)
		edit(&b.Procedure)
		f.do(clerk, b, day0)
		f.to2(StatusAssigned, march(2, 10))
	}
}

// TestRescheduleRules: a new appointment (Form 04) is a working day after
// the one it replaces; it may be given at least the procedure's notice
// before the due date, or once the dossier is already late, and once only.
func TestRescheduleRules(t *testing.T) {
	apology := func(newDue time.Time) *Rescheduled {
		return &Rescheduled{NewDue: newDue, Reason: "Cần xác minh thêm"}
	}
	cases := []struct {
		name  string
		setup func(f *flow)
		by    Actor // leader when unset
		body  Body  // nil: kind alone, as AllowedActions asks
		kind  Kind
		now   time.Time
		want  string
	}{
		// The new date: a working day, after the old one (Thursday 5 March).
		{name: "to Friday", setup: to(StatusAssigned), body: apology(march(6, 17)), now: march(3, 9)},
		{name: "to Saturday", setup: to(StatusAssigned), body: apology(march(7, 17)), now: march(3, 9), want: CodeNewDueNotWorkingDay},
		{name: "to Sunday", setup: to(StatusAssigned), body: apology(march(8, 17)), now: march(3, 9), want: CodeNewDueNotWorkingDay},
		{name: "to Monday after the weekend", setup: to(StatusAssigned), body: apology(march(9, 17)), now: march(3, 9)},
		{name: "to 30 April, a holiday", setup: to(StatusAssigned), body: apology(at(2026, time.April, 30, 17, 0)), now: march(3, 9), want: CodeNewDueNotWorkingDay},
		{name: "to the old due day", setup: to(StatusAssigned), body: apology(march(5, 17)), now: march(3, 9), want: CodeNewDueNotLater},
		{name: "to a day before the old one", setup: to(StatusAssigned), body: apology(march(4, 17)), now: march(3, 9), want: CodeNewDueNotLater},
		// The notice: 1 working day before the due date, while not late.
		{name: "1 working day before", setup: to(StatusAssigned), body: apology(march(10, 17)), now: march(4, 16)},
		{name: "on the due day", setup: to(StatusAssigned), kind: KindRescheduled, now: march(5, 8), want: CodeRescheduleTooLate},
		{name: "on the due day, evening", setup: to(StatusAssigned), body: apology(march(10, 17)), now: march(5, 21), want: CodeRescheduleTooLate},
		// Already late: the law requires an apology with a new date.
		{name: "late, the day after", setup: to(StatusAssigned), kind: KindRescheduled, now: march(6, 8)},
		{name: "late, with a new date", setup: to(StatusAssigned), body: apology(march(10, 17)), now: march(6, 8)},
		{name: "late, over the weekend", setup: to(StatusAssigned), body: apology(march(11, 17)), now: march(8, 10)},
		{name: "late, to today", setup: to(StatusAssigned), body: apology(march(9, 17)), now: march(9, 10)},
		{name: "late, to a past day", setup: to(StatusAssigned), body: apology(march(6, 17)), now: march(9, 10), want: CodeBadValue},
		{name: "late, to a Saturday", setup: to(StatusAssigned), body: apology(march(14, 17)), now: march(9, 10), want: CodeNewDueNotWorkingDay},
		{name: "late, while waiting for a supplement", setup: to(StatusSupplementRequested), kind: KindRescheduled, now: march(9, 10), want: CodeWrongState},
		{name: "late, once only", setup: func(f *flow) {
			f.to(StatusAssigned).do(leader, apology(march(10, 17)), march(3, 9))
		}, kind: KindRescheduled, now: march(11, 9), want: CodeRescheduleOnce},
		{name: "late, by an officer", setup: to(StatusAssigned), by: officer, kind: KindRescheduled, now: march(6, 8), want: CodeWrongRole},
		// The procedure's own notice.
		{name: "notice of 2, 2 working days before", setup: receiveWith(func(p *ProcedureRef) { p.RescheduleNoticeWD = intp(2) }), body: apology(march(10, 17)), now: march(3, 9)},
		{name: "notice of 2, 1 working day before", setup: receiveWith(func(p *ProcedureRef) { p.RescheduleNoticeWD = intp(2) }), kind: KindRescheduled, now: march(4, 9), want: CodeRescheduleTooLate},
		{name: "notice of 2, late", setup: receiveWith(func(p *ProcedureRef) { p.RescheduleNoticeWD = intp(2) }), body: apology(march(10, 17)), now: march(6, 9)},
		{name: "notice of 0, on the due day", setup: receiveWith(func(p *ProcedureRef) { p.RescheduleNoticeWD = intp(0) }), body: apology(march(10, 17)), now: march(5, 9)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFlow(t)
			c.setup(f)
			by := c.by
			if by.UserID == "" {
				by = leader
			}
			a := Action{Kind: c.kind}
			if c.body != nil {
				var err error
				if a, err = NewAction(c.body); err != nil {
					t.Fatal(err)
				}
			}
			err := Check(f.d, a, by, c.now, f.cal)
			if got := CodeOf(err); got != c.want {
				t.Fatalf("Check(%s) at %s = %v (code %q), want %q", a.Kind, c.now.Format(time.DateTime), err, got, c.want)
			}
			if c.body == nil {
				offered := slices.Contains(kinds(AllowedActions(f.d, by, c.now, f.cal)), KindRescheduled)
				if offered != (c.want == "") {
					t.Errorf("AllowedActions offers a reschedule: %v, Check says %v", offered, err)
				}
			}
		})
	}
}

// TestSupplementLimitOfProcedure: a procedure may set its own supplement
// limit; without one the law's 3 working days apply. Received on Monday 2
// March before 15:00, the 3rd working day is Thursday 5 March.
func TestSupplementLimitOfProcedure(t *testing.T) {
	cases := []struct {
		name  string
		limit *int
		now   time.Time
		want  string
	}{
		{"default, 3rd working day", nil, march(5, 16), ""},
		{"default, 4th working day", nil, march(6, 8), CodeSupplementTooLate},
		{"5 days, 4th working day", intp(5), march(6, 8), ""},
		{"5 days, 5th working day", intp(5), march(9, 16), ""},
		{"5 days, 6th working day", intp(5), march(10, 8), CodeSupplementTooLate},
		{"1 day, 2nd working day", intp(1), march(4, 8), CodeSupplementTooLate},
		{"1 day, 1st working day", intp(1), march(3, 16), ""},
	}
	for _, c := range cases {
		f := newFlow(t)
		receiveWith(func(p *ProcedureRef) { p.SupplementLimitWD = c.limit })(f)
		err := Check(f.d, Action{Kind: KindSupplementRequested}, officer, c.now, f.cal)
		if got := CodeOf(err); got != c.want {
			t.Errorf("%s: Check = %v (code %q), want %q", c.name, err, got, c.want)
		}
		if err != nil && c.limit != nil && err.(*RuleError).Params["limit"] != itoa(*c.limit) {
			t.Errorf("%s: params %v, want limit %d", c.name, err.(*RuleError).Params, *c.limit)
		}
	}
	// A limit out of range is refused at reception.
	f := newFlow(t)
	b := f.received(day0, 0, 1)
	b.Procedure.SupplementLimitWD = intp(-1)
	a, _ := NewAction(b)
	if err := Check(f.d, a, clerk, day0, f.cal); CodeOf(err) != CodeBadValue || err.(*RuleError).Params["field"] != "procedure.supplementLimitWD" {
		t.Errorf("a supplement limit of -1: %v", err)
	}
}

// TestExtensionAtReception: an extended limit recorded at reception is no
// shorter than the procedure's and states its reason; the dossier keeps it
// and counts with it (LimitWD).
func TestExtensionAtReception(t *testing.T) {
	cases := []struct {
		name  string
		ext   *Extension
		want  string
		field string
		limit int
	}{
		{"normal", nil, "", "", 3},
		{"extended", &Extension{LimitWD: 5, Reason: "cần xác minh"}, "", "", 5},
		{"as long as the normal", &Extension{LimitWD: 3, Reason: "cần xác minh"}, "", "", 3},
		{"shorter than the normal", &Extension{LimitWD: 2, Reason: "cần xác minh"}, CodeBadValue, "extension.limitWD", 0},
		{"beyond the longest limit", &Extension{LimitWD: 366, Reason: "cần xác minh"}, CodeBadValue, "extension.limitWD", 0},
		{"without a reason", &Extension{LimitWD: 5, Reason: " "}, CodeBadValue, "extension.reason", 0},
		{"a reason on two lines", &Extension{LimitWD: 5, Reason: "cần\nxác minh"}, CodeBadText, "extension.reason", 0},
	}
	for _, c := range cases {
		f := newFlow(t)
		b := f.received(day0, 0, 1)
		b.Extension = c.ext
		a, err := NewAction(b)
		if err != nil {
			t.Fatal(err)
		}
		err = Check(f.d, a, clerk, day0, f.cal)
		if CodeOf(err) != c.want || (err != nil && err.(*RuleError).Params["field"] != c.field) {
			t.Errorf("%s: %v, want %q on %q", c.name, err, c.want, c.field)
			continue
		}
		if err != nil {
			continue
		}
		f.force(clerk, b, day0)
		if f.d.LimitWD() != c.limit || (c.ext != nil && (f.d.Extension == nil || *f.d.Extension != *c.ext || f.d.Extension == b.Extension)) {
			t.Errorf("%s: the dossier's extension %+v (limit %d), want a copy of %+v (limit %d)", c.name, f.d.Extension, f.d.LimitWD(), c.ext, c.limit)
		}
	}
}
