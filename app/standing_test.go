package app

import (
	"slices"
	"testing"

	"hoso/dossier"
	"hoso/report"
)

// TestOverdueAndDueSoonAgreeEverywhere: the dossier list's counters (and
// its rows), a dossier's page, the dashboard, the reconciliation view, the
// drill-down lists and II.06a of the quarter (column 13 and its
// drill-down), judged at the same instant on the same store, count the
// same dossiers overdue and due soon (report.StandingAt): an apology does
// not hide lateness on the default timing basis, a dossier waiting for the
// citizen is neither, "due soon" counts working days over a weekend.
func TestOverdueAndDueSoonAgreeEverywhere(t *testing.T) {
	s := newStaffAt(t, vn(2026, 11, 1, 8).UTC())
	process := []actStep{{s.clerk, dossier.KindHandedOver, dossier.HandedOver{}}, {s.officer, dossier.KindAssigned, dossier.Assigned{}}}
	// 1.004837 takes 3 working days.
	late := s.receiveAt(t, "Quá Hạn", dossier.ChannelInPerson, vn(2026, 11, 23, 9))    // due Thu 26/11
	today := s.receiveAt(t, "Hôm Nay", dossier.ChannelInPerson, vn(2026, 12, 1, 9))    // due Fri 4/12
	monday := s.receiveAt(t, "Thứ Hai", dossier.ChannelInPerson, vn(2026, 12, 2, 9))   // due Mon 7/12
	s.receiveAt(t, "Còn Hạn", dossier.ChannelInPerson, vn(2026, 12, 4, 8))             // due Wed 9/12
	apology := s.receiveAt(t, "Xin Lỗi", dossier.ChannelInPerson, vn(2026, 11, 30, 9)) // due Thu 3/12
	s.mustAct(t, apology, process)
	waiting := s.receiveAt(t, "Chờ Bổ Sung", dossier.ChannelInPerson, vn(2026, 11, 23, 9))
	s.mustAct(t, waiting, append(process, actStep{s.officer, dossier.KindSupplementRequested, dossier.SupplementRequested{Missing: []string{"Giấy chứng sinh"}}}))
	done := s.receiveAt(t, "Đã Trả", dossier.ChannelInPerson, vn(2026, 11, 23, 9))
	s.finish(t, done, "satisfied")
	s.now = vn(2026, 12, 4, 9).UTC()
	s.mustAct(t, apology, []actStep{{s.leader, dossier.KindRescheduled, dossier.Rescheduled{NewDue: vn(2026, 12, 8, 17), Reason: "Cần xác minh"}}})
	// Judged on Friday 4 December at 10:00.
	s.now = vn(2026, 12, 4, 10).UTC()
	wantOverdue, wantSoon := []string{apology, late}, []string{monday, today}
	slices.Sort(wantOverdue)
	slices.Sort(wantSoon)

	codes := func(items []DossierSummary) []string {
		var out []string
		for _, it := range items {
			out = append(out, it.Code)
		}
		slices.Sort(out)
		return out
	}
	check := func(place string, got, want []string) {
		t.Helper()
		if !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", place, got, want)
		}
	}
	count := func(place string, got int, want []string) {
		t.Helper()
		if got != len(want) {
			t.Errorf("%s: %d, want %d", place, got, len(want))
		}
	}

	// The list's counters and filters, and its rows' flag.
	var list SearchReply
	s.mustCall(t, s.clerk, "Dossiers.Search", SearchRequest{Overdue: true, PageSize: 200}, &list)
	check("list, overdue", codes(list.Items), wantOverdue)
	s.mustCall(t, s.clerk, "Dossiers.Search", SearchRequest{DueSoon: true, PageSize: 200}, &list)
	check("list, due soon", codes(list.Items), wantSoon)
	s.mustCall(t, s.clerk, "Dossiers.Search", SearchRequest{PageSize: 200}, &list)
	var flagged []string
	for _, it := range list.Items {
		if it.Overdue {
			flagged = append(flagged, it.Code)
		}
	}
	slices.Sort(flagged)
	check("list rows flagged overdue", flagged, wantOverdue)
	// A dossier's page.
	for _, code := range append(slices.Clone(wantOverdue), wantSoon...) {
		var got DossierReply
		s.mustCall(t, s.clerk, "Dossiers.Get", DossierRequest{Code: code}, &got)
		if got.Overdue != slices.Contains(wantOverdue, code) || got.DueSoon != slices.Contains(wantSoon, code) {
			t.Errorf("dossier page of %s: overdue %v, due soon %v", code, got.Overdue, got.DueSoon)
		}
	}

	q := ReportRequest{Period: "2026Q4"}
	var dash DashboardReply
	s.mustCall(t, s.leader, "Reports.Dashboard", q, &dash)
	count("dashboard, overdue", dash.Overdue, wantOverdue)
	count("dashboard, due soon", dash.DueSoon, wantSoon)
	var rec ReconciliationReply
	s.mustCall(t, s.leader, "Reports.Reconciliation", q, &rec)
	if len(rec.Rows) != 1 {
		t.Fatalf("reconciliation rows %+v", rec.Rows)
	}
	count("reconciliation, overdue", rec.Rows[0].Overdue, wantOverdue)
	var drill DrillReply
	s.mustCall(t, s.leader, "Reports.Dossiers", DrillRequest{ReportRequest: q, List: "overdue"}, &drill)
	check("dashboard drill-down, overdue", codes(drill.Items), wantOverdue)
	s.mustCall(t, s.leader, "Reports.Dossiers", DrillRequest{ReportRequest: q, List: "due_soon"}, &drill)
	check("dashboard drill-down, due soon", codes(drill.Items), wantSoon)

	// II.06a of the quarter with its data date now, and its column 13.
	now := ReportRequest{Period: "2026Q4", AsOf: s.now.Format("2006-01-02T15:04:05Z07:00")}
	var ii II06aReply
	s.mustCall(t, s.leader, "Reports.II06a", now, &ii)
	count("II.06a, column 13", col(ii.Total, report.ColOverdue), wantOverdue)
	s.mustCall(t, s.leader, "Reports.Dossiers", DrillRequest{ReportRequest: now, Column: "13"}, &drill)
	check("II.06a drill-down, column 13", codes(drill.Items), wantOverdue)
}
