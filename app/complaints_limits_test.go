package app

import (
	"testing"

	"hoso/complaint"
	"hoso/store"
)

// TestComplaintLimitsSetByTheProvinceApplyToNewComplaints: the province
// sets the time to answer to 10 working days; once its rule reaches the
// commune, a complaint received there after it is due 10 working days
// later, one received before keeps its 15, and the publication of an
// answer given after it uses the limits in force then. A commune clerk
// cannot set them; a bad time or a missing basis is refused with its field
// and rule; the history lists the versions.
func TestComplaintLimitsSetByTheProvinceApplyToNewComplaints(t *testing.T) {
	p := newEnv(t)
	var pr LoginReply
	p.mustCall(t, "", "Setup.Office", SetupRequest{Office: OfficeRecord{Code: "38", Name: "UBND tỉnh Thanh Hóa"},
		Admin: AdminAccount{Username: "admin", FullName: "Quản trị tỉnh", Password: "mật khẩu quản trị"}}, &pr)

	s := newStaffAt(t, vn(2026, 11, 1, 8).UTC())
	s.mustCall(t, s.admin, "Offices.Save", OfficeRecord{Code: "38", Name: "UBND tỉnh Thanh Hóa"}, nil)
	s.mustCall(t, s.admin, "Offices.Save", OfficeRecord{Code: "38001", Name: "UBND xã Đông Sơn", Parent: "38"}, nil)

	var lim LimitsReply
	s.mustCall(t, s.clerk, "Complaints.Limits", LimitsRequest{}, &lim)
	if lim.InForce.Limits != complaint.DefaultLimits() || lim.InForce.Version != 0 || lim.InForce.Basis != complaint.DefaultBasis || len(lim.History) != 1 {
		t.Fatalf("built-in limits: %+v", lim)
	}
	s.now = vn(2026, 11, 23, 9).UTC() // Monday
	older := s.receiveComplaint(t, s.clerk, ReceiveComplaintRequest{Category: complaint.CategoryProcedure}).Complaint
	if got := older.Due.Answer.Format("2006-01-02"); got != "2026-12-14" || older.LimitsVersion != "builtin@0" {
		t.Fatalf("before the change: due %s, limits %q", got, older.LimitsVersion)
	}

	// A commune clerk may not set them; the province's administrator may,
	// once the values and the basis are right.
	set := complaint.LimitsSet{Limits: complaint.Limits{Refuse: 2, AskMore: 5, Answer: 10, Publish: 3}, Basis: "Quyết định 12/2026/QĐ-UBND tỉnh Thanh Hóa"}
	if err := s.call(t, s.clerk, "Complaints.SetLimits", set, nil); err == nil || err.Code != CodeForbidden {
		t.Fatalf("a clerk setting the limits: %v", err)
	}
	for _, bad := range []struct {
		set   complaint.LimitsSet
		field string
		rule  string
	}{
		{complaint.LimitsSet{Limits: complaint.Limits{Refuse: 2, AskMore: 5, Answer: 0, Publish: 3}, Basis: "b"}, "limits.answer", complaint.RuleLimitRange},
		{complaint.LimitsSet{Limits: complaint.Limits{Refuse: 12, AskMore: 5, Answer: 10, Publish: 3}, Basis: "b"}, "limits.refuse", complaint.RuleLimitOrder},
		{complaint.LimitsSet{Limits: set.Limits, Basis: " "}, "basis", complaint.RuleLimitBasis},
	} {
		if err := p.call(t, pr.Session, "Complaints.SetLimits", bad.set, nil); err == nil || err.Code != CodeInvalidInput || err.Field != bad.field || err.Params["rule"] != bad.rule {
			t.Errorf("%+v: %v", bad.set, err)
		}
	}
	p.mustCall(t, pr.Session, "Complaints.SetLimits", set, &lim)
	if lim.Office != "38" || lim.InForce.Limits.Answer != 10 || lim.InForce.Version != 1 || lim.InForce.Office != "38" || lim.InForce.ActorName != "Quản trị tỉnh" || lim.InForce.Basis != set.Basis {
		t.Fatalf("set at the province: %+v", lim)
	}

	// Not synced yet: the commune still applies the built-in limits.
	s.mustCall(t, s.clerk, "Complaints.Limits", LimitsRequest{}, &lim)
	if lim.InForce.Limits.Answer != 15 {
		t.Fatalf("before sync: %+v", lim.InForce)
	}
	evs, err := p.st.Events(complaint.LimitsPrefix + "38")
	if err != nil || len(evs) != 1 {
		t.Fatalf("the province's events: %v %v", evs, err)
	}
	if _, err := s.st.Ingest(evs); err != nil {
		t.Fatal(err)
	}
	s.mustCall(t, s.clerk, "Complaints.Limits", LimitsRequest{}, &lim)
	if lim.Office != "38001" || lim.InForce.Limits.Answer != 10 || lim.InForce.Office != "38" || lim.InForce.OfficeName != "UBND tỉnh Thanh Hóa" || len(lim.History) != 2 || lim.History[1].Version != 0 {
		t.Fatalf("at the commune after sync: %+v", lim)
	}
	s.now = vn(2026, 11, 24, 9).UTC() // Tuesday
	newer := s.receiveComplaint(t, s.clerk, ReceiveComplaintRequest{Category: complaint.CategoryProcedure}).Complaint
	if got := newer.Due.Answer.Format("2006-01-02"); got != "2026-12-08" || newer.LimitsVersion != "38@1" {
		t.Fatalf("after the change: due %s (want 10 working days, 2026-12-08), limits %q", got, newer.LimitsVersion)
	}
	var l ComplaintsReply
	s.mustCall(t, s.clerk, "Complaints.List", ComplaintsRequest{}, &l)
	dues := map[string]string{}
	for _, c := range l.Complaints {
		dues[c.ID] = c.Due.Answer.Format("2006-01-02")
	}
	if dues[older.ID] != "2026-12-14" || dues[newer.ID] != "2026-12-08" || l.Limits.Answer != 10 {
		t.Fatalf("the list: %v, limits %+v", dues, l.Limits)
	}
	// The older complaint answered now: its publication is due within the
	// 3 days in force when answering.
	s.now = vn(2026, 12, 1, 10).UTC() // Tuesday
	var r ComplaintReply
	s.mustCall(t, s.officer, "Complaints.Answer", AnswerComplaintRequest{ID: older.ID, Text: "Đã trả lời"}, &r)
	if got := r.Complaint.Due.Publish.Format("2006-01-02"); got != "2026-12-04" || r.Complaint.Due.Answer.Format("2006-01-02") != "2026-12-14" {
		t.Fatalf("answered: publish due %s, answer due %s", got, r.Complaint.Due.Answer)
	}

	// A rule written by the commune under the province's name is ignored.
	if _, err := s.st.Append(store.Draft{Actor: "operator", Owner: "38001", Kind: complaint.KindLimitsSet, Subject: complaint.LimitsPrefix + "38",
		Body: mustJSON(complaint.LimitsSet{Limits: complaint.Limits{Refuse: 1, AskMore: 1, Answer: 1, Publish: 1}, Basis: "giả"})}); err != nil {
		t.Fatal(err)
	}
	s.mustCall(t, s.clerk, "Complaints.Limits", LimitsRequest{}, &lim)
	if lim.InForce.Limits.Answer != 10 {
		t.Fatalf("a forged rule applied: %+v", lim.InForce)
	}
	// The rules history lists the province's version, which applies here.
	var h RulesHistoryReply
	s.mustCall(t, s.clerk, "Rules.History", RulesHistoryRequest{Kind: RuleKindComplaint}, &h)
	// The forged one is listed as not applying.
	if len(h.Changes) != 2 || h.Changes[1].Office != "38" || !h.Changes[1].Applies || h.Changes[1].Basis != set.Basis || h.Changes[1].Summary != "2 · 5 · 10 · 3" ||
		h.Changes[0].Office != "38001" || h.Changes[0].Applies {
		t.Fatalf("history: %+v", h.Changes)
	}
}
