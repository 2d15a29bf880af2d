package app

import (
	"testing"
	"time"

	"hoso/calendar"
	"hoso/catalog"
	"hoso/dossier"
)

// vnAt is a Vietnam wall-clock instant of late 2026: Monday 30 November is
// the day of reception in these tests.
func vnAt(m time.Month, d, hh int) time.Time {
	return time.Date(2026, m, d, hh, 0, 0, 0, time.FixedZone("ICT", 7*3600))
}

// saveTestProcedure saves procedure 1.004837 as a 3-working-day procedure
// with one required paper, edited by edit, and returns it as saved.
func (s *staffEnv) saveTestProcedure(t *testing.T, edit func(p *catalog.Procedure)) catalog.Procedure {
	t.Helper()
	var got ProcedureReply
	s.mustCall(t, s.admin, "Catalog.Get", ProcedureRequest{Code: "1.004837"}, &got)
	p := got.Procedure
	p.TimeLimitWD, p.ExtendedTimeLimitWD, p.SupplementLimitWD, p.RescheduleNoticeWD = 3, nil, nil, nil
	p.Documents = []catalog.Document{{Name: "Tờ khai", Form: catalog.FormOriginal, Count: 1, Required: true}}
	if edit != nil {
		edit(&p)
	}
	s.mustCall(t, s.admin, "Catalog.Save", SaveProcedureRequest{Procedure: p}, &got)
	return got.Procedure
}

// receiveExtended receives a dossier of 1.004837 asking for an extended
// limit with the given reason ("" for the normal limit).
func (s *staffEnv) receiveExtended(t *testing.T, reason string) (ReceiveReply, *Error) {
	t.Helper()
	var r ReceiveReply
	err := s.call(t, s.clerk, "Dossiers.Receive", ReceiveRequest{
		Procedure: "1.004837",
		Applicant: dossier.Applicant{FullName: "Lê Văn Minh", CitizenID: "038095001234", Address: "Thôn 1", Phone: "0912345678"},
		Documents: []dossier.ReceivedDocument{{Name: "Tờ khai", Form: catalog.FormOriginal, Count: 1}},
		Extended:  reason,
	}, &r)
	return r, err
}

func intPtr(n int) *int { return &n }

// TestReceiveExtendedLimit: an extended limit chosen at reception with its
// reason counts the due date, is recorded in the Received body and the
// dossier, and restarts the count after a supplement; a procedure without
// one refuses it on the field "extended".
func TestReceiveExtendedLimit(t *testing.T) {
	cases := []struct {
		name      string
		extended  *int
		reason    string
		field     string // the error's field, "" when received
		rule      string
		due       time.Time
		extension *dossier.Extension
	}{
		{"normal limit", intPtr(5), "", "", "", vnAt(12, 3, 17), nil},
		{"blank reason is the normal limit", intPtr(5), "  ", "", "", vnAt(12, 3, 17), nil},
		{"extended", intPtr(5), "cần xác minh", "", "", vnAt(12, 7, 17), &dossier.Extension{LimitWD: 5, Reason: "cần xác minh"}},
		{"extended, reason trimmed", intPtr(5), " cần xác minh ", "", "", vnAt(12, 7, 17), &dossier.Extension{LimitWD: 5, Reason: "cần xác minh"}},
		{"no extended limit", nil, "cần xác minh", "extended", "", time.Time{}, nil},
		{"reason with a line break", intPtr(5), "cần\nxác minh", "extended", dossier.CodeBadText, time.Time{}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newStaff(t)
			s.saveTestProcedure(t, func(p *catalog.Procedure) { p.ExtendedTimeLimitWD = c.extended })
			s.now = vnAt(11, 30, 9)
			r, err := s.receiveExtended(t, c.reason)
			if c.field != "" {
				if err == nil || err.Field != c.field || (c.rule != "" && err.Params["rule"] != c.rule) {
					t.Fatalf("got %v (field %q, params %v), want a refusal on %q %s", err, fieldOf(err), paramsOf(err), c.field, c.rule)
				}
				return
			}
			if err != nil || !r.Received {
				t.Fatalf("receive: %v %+v", err, r)
			}
			d := r.Dossier
			if !d.Due.Equal(c.due) {
				t.Errorf("due %s, want %s", d.Due, c.due)
			}
			if (d.Extension == nil) != (c.extension == nil) || (d.Extension != nil && *d.Extension != *c.extension) {
				t.Errorf("extension %+v, want %+v", d.Extension, c.extension)
			}
			if body := s.receivedBody(t, r.Code); (body.Extension == nil) != (c.extension == nil) || (body.Extension != nil && *body.Extension != *c.extension) {
				t.Errorf("the Received body's extension %+v, want %+v", body.Extension, c.extension)
			}
		})
	}
}

// TestExtendedLimitRestarts: a supplement restarts the count with the
// extended limit: papers back on Wednesday 2 December, 5 working days give
// Wednesday 9 December (the normal 3, Monday 7 December).
func TestExtendedLimitRestarts(t *testing.T) {
	for _, c := range []struct {
		reason string
		due    time.Time
	}{{"", vnAt(12, 7, 17)}, {"cần xác minh", vnAt(12, 9, 17)}} {
		s := newStaff(t)
		s.saveTestProcedure(t, func(p *catalog.Procedure) { p.ExtendedTimeLimitWD = intPtr(5) })
		s.now = vnAt(11, 30, 9)
		r, err := s.receiveExtended(t, c.reason)
		if err != nil {
			t.Fatal(err)
		}
		s.mustAct(t, r.Code, []actStep{
			{s.clerk, dossier.KindHandedOver, dossier.HandedOver{}},
			{s.officer, dossier.KindAssigned, dossier.Assigned{}},
		})
		s.now = vnAt(12, 1, 9)
		s.mustAct(t, r.Code, []actStep{{s.officer, dossier.KindSupplementRequested, dossier.SupplementRequested{Missing: []string{"Giấy chứng sinh"}}}})
		s.now = vnAt(12, 2, 9)
		s.mustAct(t, r.Code, []actStep{{s.clerk, dossier.KindSupplementReceived, dossier.SupplementReceived{}}})
		var got DossierReply
		s.mustCall(t, s.clerk, "Dossiers.Get", DossierRequest{Code: r.Code}, &got)
		if !got.Dossier.Due.Equal(c.due) {
			t.Errorf("extended %q: restarted due %s, want %s", c.reason, got.Dossier.Due, c.due)
		}
	}
}

// TestActRescheduleRules: through the service, a new appointment on a
// Saturday is refused with its rule on the field newDue; once the dossier
// is late an apology is accepted; and the dossier's timing stays judged
// against the original date. Received Monday 30 November, due Thursday 3
// December.
func TestActRescheduleRules(t *testing.T) {
	s := newStaff(t)
	s.saveTestProcedure(t, nil)
	s.now = vnAt(11, 30, 9)
	r, err := s.receiveExtended(t, "")
	if err != nil {
		t.Fatal(err)
	}
	s.mustAct(t, r.Code, []actStep{
		{s.clerk, dossier.KindHandedOver, dossier.HandedOver{}},
		{s.officer, dossier.KindAssigned, dossier.Assigned{}},
	})
	cases := []struct {
		name   string
		now    time.Time
		newDue time.Time
		rule   string
	}{
		{"to a Saturday", vnAt(12, 1, 9), vnAt(12, 5, 17), dossier.CodeNewDueNotWorkingDay},
		{"on the due day", vnAt(12, 3, 9), vnAt(12, 8, 17), dossier.CodeRescheduleTooLate},
		{"late, to a past day", vnAt(12, 7, 9), vnAt(12, 4, 17), dossier.CodeBadValue},
		{"late, to Tuesday", vnAt(12, 4, 9), vnAt(12, 8, 17), ""},
		{"again", vnAt(12, 4, 10), vnAt(12, 9, 17), dossier.CodeRescheduleOnce},
	}
	for _, c := range cases {
		s.now = c.now
		err := s.act(t, s.leader, r.Code, dossier.KindRescheduled, dossier.Rescheduled{NewDue: c.newDue, Reason: "Cần xác minh thêm"})
		if c.rule == "" {
			if err != nil {
				t.Fatalf("%s: %v %v", c.name, err, err.Params)
			}
			continue
		}
		if err == nil || err.Code != CodeRefused || err.Params["rule"] != c.rule {
			t.Fatalf("%s: %v (params %v), want rule %s", c.name, err, paramsOf(err), c.rule)
		}
		if c.rule == dossier.CodeNewDueNotWorkingDay && err.Field != "newDue" {
			t.Errorf("%s: field %q, want newDue", c.name, err.Field)
		}
	}
	s.now = vnAt(12, 7, 9)
	s.mustAct(t, r.Code, []actStep{
		{s.officer, dossier.KindAppraised, dossier.Appraised{Opinion: dossier.OpinionApprove}},
		{s.officer, dossier.KindSubmitted, dossier.Submitted{}},
		{s.leader, dossier.KindSigned, dossier.Signed{Number: "7/QĐ-UBND"}},
		{s.clerk, dossier.KindResultAtDesk, dossier.ResultAtDesk{}},
	})
	var got DossierReply
	s.mustCall(t, s.clerk, "Dossiers.Get", DossierRequest{Code: r.Code}, &got)
	d := got.Dossier
	if d.Timing != dossier.TimingLate || dossier.ClassifyDossier(d, d.FinishedAt, dossier.TimingBasisCurrent) != dossier.TimingEarly {
		t.Errorf("finished on 7 December, original due 3, new due 8: timing %q, current basis %q", d.Timing, dossier.ClassifyDossier(d, d.FinishedAt, dossier.TimingBasisCurrent))
	}
}

// TestProcedureLimits: the supplement limit and the reschedule notice a
// procedure sets are snapshot at reception and applied; a procedure that
// sets none keeps the law's 3 and 1 working days.
func TestProcedureLimits(t *testing.T) {
	cases := []struct {
		name                        string
		supplement, notice          *int
		supplementAt, apologyAt     time.Time
		supplementRule, apologyRule string
	}{
		// Counted from Monday 30 November: Friday 4 December is the 4th
		// working day; Wednesday 2 December is 1 working day before the due
		// date.
		{"the law's limits", nil, nil, vnAt(12, 4, 9), vnAt(12, 2, 9), dossier.CodeSupplementTooLate, ""},
		{"the procedure's limits", intPtr(5), intPtr(2), vnAt(12, 4, 9), vnAt(12, 2, 9), "", dossier.CodeRescheduleTooLate},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newStaff(t)
			s.saveTestProcedure(t, func(p *catalog.Procedure) { p.SupplementLimitWD, p.RescheduleNoticeWD = c.supplement, c.notice })
			s.now = vnAt(11, 30, 9)
			r, err := s.receiveExtended(t, "")
			if err != nil {
				t.Fatal(err)
			}
			if got := r.Dossier.Procedure; !samePtr(got.SupplementLimitWD, c.supplement) || !samePtr(got.RescheduleNoticeWD, c.notice) {
				t.Errorf("snapshot %v %v, want %v %v", got.SupplementLimitWD, got.RescheduleNoticeWD, c.supplement, c.notice)
			}
			s.mustAct(t, r.Code, []actStep{
				{s.clerk, dossier.KindHandedOver, dossier.HandedOver{}},
				{s.officer, dossier.KindAssigned, dossier.Assigned{}},
			})
			s.now = c.apologyAt
			err = s.act(t, s.leader, r.Code, dossier.KindRescheduled, dossier.Rescheduled{NewDue: vnAt(12, 8, 17), Reason: "Cần xác minh"})
			if rule := paramsOf(err)["rule"]; rule != c.apologyRule {
				t.Errorf("apology on 2 December: %v, want rule %q", err, c.apologyRule)
			}
			s.now = c.supplementAt
			err = s.act(t, s.officer, r.Code, dossier.KindSupplementRequested, dossier.SupplementRequested{Missing: []string{"Giấy chứng sinh"}})
			if rule := paramsOf(err)["rule"]; rule != c.supplementRule {
				t.Errorf("supplement on 4 December: %v, want rule %q", err, c.supplementRule)
			}
		})
	}
}

// TestCutoffFromCalendarRules: the 15:00 cut-off is the calendar's due
// rule in force, not a constant. With a 16:00 cut-off published by the
// office, a dossier received on Monday 30 November at 15:30 counts from
// that day (due Thursday 3 December), and so does the restart of papers
// brought back at 15:30; with the law's 15:00 both count from the next
// working day.
func TestCutoffFromCalendarRules(t *testing.T) {
	for _, c := range []struct {
		name           string
		cutoff         calendar.Clock // 0: no rules published
		due, restarted time.Time
	}{
		{"the law's 15:00", 0, vnAt(12, 4, 17), vnAt(12, 7, 17)},
		{"a 16:00 cut-off", 16 * 60, vnAt(12, 3, 17), vnAt(12, 4, 17)},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newStaff(t)
			s.saveTestProcedure(t, nil)
			if c.cutoff != 0 {
				var rr CalendarRulesReply
				s.mustCall(t, s.admin, "Calendar.SetRules", CalendarRules{
					Rules: calendar.DefaultRules(), Due: calendar.DueRules{Cutoff: c.cutoff, DueTime: 17 * 60},
					Basis: "Quyết định thử", Effective: "2026-11-01",
				}, &rr)
			}
			s.now = vnAt(11, 30, 15).Add(30 * time.Minute)
			r, err := s.receiveExtended(t, "")
			if err != nil {
				t.Fatal(err)
			}
			if !r.Dossier.Due.Equal(c.due) {
				t.Errorf("due %s, want %s", r.Dossier.Due, c.due)
			}
			s.mustAct(t, r.Code, []actStep{
				{s.clerk, dossier.KindSupplementRequested, dossier.SupplementRequested{Missing: []string{"Giấy chứng sinh"}}},
			})
			s.now = vnAt(12, 1, 15).Add(30 * time.Minute)
			s.mustAct(t, r.Code, []actStep{{s.clerk, dossier.KindSupplementReceived, dossier.SupplementReceived{}}})
			var got DossierReply
			s.mustCall(t, s.clerk, "Dossiers.Get", DossierRequest{Code: r.Code}, &got)
			if !got.Dossier.Due.Equal(c.restarted) {
				t.Errorf("restarted due %s, want %s", got.Dossier.Due, c.restarted)
			}
		})
	}
}

type actStep struct {
	session string
	kind    dossier.Kind
	body    any
}

// mustAct takes each step on code, failing the test on a refusal.
func (s *staffEnv) mustAct(t *testing.T, code string, steps []actStep) {
	t.Helper()
	for _, st := range steps {
		if err := s.act(t, st.session, code, st.kind, st.body); err != nil {
			t.Fatalf("%s: %v (%v)", st.kind, err, err.Params)
		}
	}
}

// receivedBody decodes the body of the dossier's reception event.
func (s *staffEnv) receivedBody(t *testing.T, code string) *dossier.Received {
	t.Helper()
	h, err := s.st.History(dossierPrefix + code)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range h.Events {
		if e.Kind == string(dossier.KindReceived) {
			b, err := dossier.Decode(dossier.KindReceived, e.Body)
			if err != nil {
				t.Fatal(err)
			}
			return b.(*dossier.Received)
		}
	}
	t.Fatal("no reception event")
	return nil
}

func samePtr(a, b *int) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

func fieldOf(e *Error) string {
	if e == nil {
		return ""
	}
	return e.Field
}

func paramsOf(e *Error) map[string]string {
	if e == nil {
		return nil
	}
	return e.Params
}
