package app

import (
	"testing"

	"hoso/dossier"
	"hoso/iso"
)

// TestIsoActionLifecycle: an accepted nonconformity gets a corrective
// action; it runs overdue, gets evidence, a leader closes it (closing the
// nonconformity), and its effectiveness is checked once its period has
// run: effective, then, for a second action, not effective because the
// same process raised a nonconformity since.
func TestIsoActionLifecycle(t *testing.T) {
	s := newStaffAt(t, vn(2026, 9, 1, 8).UTC())
	code := s.receiveAt(t, "Nguyễn Văn An", dossier.ChannelInPerson, vn(2026, 10, 1, 9))
	var nc NCReply
	s.mustCall(t, s.clerk, "Iso.RaiseNonconformity", RaiseNCRequest{Source: iso.SourceAudit, Title: "Sổ theo dõi ghi thiếu", Dossier: code, Clause: "7.5"}, &nc)
	open := OpenActionRequest{NC: nc.ID, Analysis: "Chưa hướng dẫn cách ghi sổ", Category: "people", Action: "Tập huấn văn thư", Owner: s.ids["chuyenvien"], Due: "2026-10-15"}
	if err := s.call(t, s.officer, "Iso.OpenAction", open, nil); err == nil || err.Params["rule"] != "nc_not_reviewed" {
		t.Fatalf("before a review: %v", err)
	}
	s.mustCall(t, s.leader, "Iso.ReviewNonconformity", ReviewNCRequest{ID: nc.ID, Verdict: iso.VerdictAccepted, Severity: iso.SeverityMinor}, nil)
	for _, tc := range []struct {
		edit  func(r *OpenActionRequest)
		field string
	}{
		{func(r *OpenActionRequest) { r.Owner = "nobody" }, "owner"},
		{func(r *OpenActionRequest) { r.Owner = s.ids["lanhdao"] + "x" }, "owner"},
		{func(r *OpenActionRequest) { r.Category = "luck" }, "category"},
		{func(r *OpenActionRequest) { r.Due = "2026-09-30" }, "due"},
		{func(r *OpenActionRequest) { r.Due = "15/10/2026" }, "due"},
		{func(r *OpenActionRequest) { r.Analysis = "" }, "analysis"},
		{func(r *OpenActionRequest) { n := -1; r.CheckDays = &n }, "checkDays"},
	} {
		r := open
		tc.edit(&r)
		if err := s.call(t, s.officer, "Iso.OpenAction", r, nil); err == nil || err.Field != tc.field {
			t.Fatalf("%+v: %v", r, err)
		}
	}
	if err := s.call(t, s.clerk, "Iso.OpenAction", open, nil); err == nil || err.Code != CodeForbidden {
		t.Fatalf("a clerk opens: %v", err)
	}
	thirty := 30
	open.CheckDays = &thirty
	var act ActionItem
	s.mustCall(t, s.officer, "Iso.OpenAction", open, &act)
	if act.NC != nc.ID || act.Process != "1.004837" || act.CheckDays != 30 || act.Overdue || act.Closed != nil {
		t.Fatalf("opened %+v", act)
	}
	s.mustCall(t, s.leader, "Iso.Nonconformity", NCRequest{ID: nc.ID}, &nc)
	if nc.State != iso.StateAction || len(nc.ActionItems) != 1 {
		t.Fatalf("NC after the action: %s %+v", nc.State, nc.ActionItems)
	}

	// Past its due day it is overdue, listed first.
	s.now = vn(2026, 10, 16, 9).UTC()
	var list ActionsReply
	s.mustCall(t, s.clerk, "Iso.Actions", ActionsRequest{State: "overdue"}, &list)
	if list.Overdue != 1 || len(list.Items) != 1 || !list.Items[0].Overdue || len(list.Categories) != len(iso.CauseCategories) {
		t.Fatalf("overdue list %+v", list)
	}
	// The office's dashboard counts it too.
	var dash DashboardReply
	s.mustCall(t, s.leader, "Reports.Dashboard", ReportRequest{Period: "2026Q4"}, &dash)
	if dash.OverdueActions != 1 {
		t.Fatalf("the dashboard counts %d overdue actions, want 1", dash.OverdueActions)
	}
	s.mustCall(t, s.officer, "Iso.UpdateAction", UpdateActionRequest{ID: act.ID, Due: "2026-10-31", Evidence: "Đã tập huấn ngày 20/10", Dossiers: []string{code}}, &act)
	if act.Overdue || act.Due != "2026-10-31" || len(act.Evidence) != 1 || act.Evidence[0].Dossiers[0] != code {
		t.Fatalf("updated %+v", act)
	}
	s.mustCall(t, s.leader, "Reports.Dashboard", ReportRequest{Period: "2026Q4"}, &dash)
	if dash.OverdueActions != 0 {
		t.Fatalf("the dashboard counts %d overdue actions after the new due day, want 0", dash.OverdueActions)
	}
	if err := s.call(t, s.officer, "Iso.UpdateAction", UpdateActionRequest{ID: act.ID}, nil); err == nil || err.Field != "evidence" {
		t.Fatalf("empty update: %v", err)
	}
	if err := s.call(t, s.officer, "Iso.UpdateAction", UpdateActionRequest{ID: act.ID, Dossiers: []string{"38009-000000-0001"}}, nil); err == nil || err.Code != CodeNotFound {
		t.Fatalf("unknown dossier as evidence: %v", err)
	}

	// Only a leader closes; closing closes the NC too.
	if err := s.call(t, s.officer, "Iso.CloseAction", ActionRequest{ID: act.ID}, nil); err == nil || err.Code != CodeForbidden {
		t.Fatalf("an officer closes: %v", err)
	}
	if err := s.call(t, s.leader, "Iso.CheckEffectiveness", ActionRequest{ID: act.ID}, nil); err == nil || err.Params["rule"] != "action_open" {
		t.Fatalf("checked while open: %v", err)
	}
	s.now = vn(2026, 10, 20, 9).UTC()
	s.mustCall(t, s.leader, "Iso.CloseAction", ActionRequest{ID: act.ID, Note: "Đạt"}, &act)
	s.mustCall(t, s.leader, "Iso.Nonconformity", NCRequest{ID: nc.ID}, &nc)
	if act.Closed == nil || nc.State != iso.StateClosed || nc.Open {
		t.Fatalf("closed: %+v, NC %s", act.Closed, nc.State)
	}
	if err := s.call(t, s.leader, "Iso.CloseAction", ActionRequest{ID: act.ID}, nil); err == nil || err.Params["rule"] != "action_closed" {
		t.Fatalf("closed twice: %v", err)
	}
	if err := s.call(t, s.leader, "Iso.CheckEffectiveness", ActionRequest{ID: act.ID}, nil); err == nil || err.Params["rule"] != "check_too_early" || err.Params["from"] != "2026-11-19" {
		t.Fatalf("checked early: %v", err)
	}
	s.now = vn(2026, 11, 20, 9).UTC()
	// By now the dossier's reception step is late: the check runs the
	// rules first, and that NC, of the same process, raised after the
	// closure, makes the action not effective.
	s.mustCall(t, s.leader, "Iso.CheckEffectiveness", ActionRequest{ID: act.ID}, &act)
	if act.Check == nil || act.Check.Effective || len(act.Check.Recurred) != 1 {
		t.Fatalf("a recurrence of the process: %+v", act.Check)
	}

	ns, as, err := isoNCSummary(s.st, "38001", vn(2026, 1, 1, 0), vn(2027, 1, 1, 0), s.now)
	if err != nil {
		t.Fatal(err)
	}
	if ns.Closed != 1 || ns.Manual != 1 || ns.Auto != 1 || ns.Open != 1 || as.Closed != 1 || as.Effective != 0 || as.Open != 0 {
		t.Fatalf("summary %+v %+v", ns, as)
	}
}

// TestIsoActionEffective: with no nonconformity of the same process or
// cause category since the closure, the check finds the action effective.
func TestIsoActionEffective(t *testing.T) {
	s := newStaffAt(t, vn(2026, 9, 1, 8).UTC())
	s.now = vn(2026, 10, 1, 9).UTC()
	var nc NCReply
	s.mustCall(t, s.leader, "Iso.RaiseNonconformity", RaiseNCRequest{Source: iso.SourceInspection, Title: "Niêm yết thủ tục chưa cập nhật"}, &nc)
	s.mustCall(t, s.leader, "Iso.ReviewNonconformity", ReviewNCRequest{ID: nc.ID, Verdict: iso.VerdictAccepted, Severity: iso.SeverityMajor}, nil)
	zero := 0
	var act ActionItem
	s.mustCall(t, s.leader, "Iso.OpenAction", OpenActionRequest{NC: nc.ID, Analysis: "Không ai phụ trách niêm yết", Category: "method", Action: "Giao người phụ trách", Owner: s.ids["lanhdao"], Due: "2026-10-10", CheckDays: &zero}, &act)
	// A second action for the same NC: closing the first leaves the NC
	// being corrected; closing the last closes it.
	var second ActionItem
	s.mustCall(t, s.leader, "Iso.OpenAction", OpenActionRequest{NC: nc.ID, Analysis: "Bảng niêm yết cũ", Category: "equipment", Action: "Thay bảng", Owner: s.ids["lanhdao"], Due: "2026-10-10"}, &second)
	s.mustCall(t, s.leader, "Iso.CloseAction", ActionRequest{ID: act.ID}, &act)
	s.mustCall(t, s.leader, "Iso.Nonconformity", NCRequest{ID: nc.ID}, &nc)
	if nc.State != iso.StateAction {
		t.Fatalf("one of two actions closed: NC %s", nc.State)
	}
	s.mustCall(t, s.leader, "Iso.CloseAction", ActionRequest{ID: second.ID}, nil)
	s.mustCall(t, s.leader, "Iso.Nonconformity", NCRequest{ID: nc.ID}, &nc)
	if nc.State != iso.StateClosed || nc.Closed.Action != second.ID {
		t.Fatalf("both closed: NC %s %+v", nc.State, nc.Closed)
	}
	// Another NC of another category raised since does not count.
	var other NCReply
	s.mustCall(t, s.clerk, "Iso.RaiseNonconformity", RaiseNCRequest{Source: iso.SourceManual, Title: "Máy in hỏng"}, &other)
	s.mustCall(t, s.leader, "Iso.CheckEffectiveness", ActionRequest{ID: act.ID}, &act)
	if act.Check == nil || !act.Check.Effective {
		t.Fatalf("check %+v", act.Check)
	}
	_, as, err := isoNCSummary(s.st, "38001", vn(2026, 1, 1, 0), vn(2027, 1, 1, 0), s.now)
	if err != nil || as.Effective != 1 || as.Closed != 2 {
		t.Fatalf("summary %+v %v", as, err)
	}
}
