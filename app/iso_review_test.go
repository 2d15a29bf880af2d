package app

import (
	"encoding/base64"
	"strings"
	"testing"

	"hoso/iso"
	"hoso/report"
	"hoso/store"
)

func TestIsoReviewInputsRecordAndPrint(t *testing.T) {
	y := newIsoYear(t)
	s := y.staffEnv

	var in iso.ReviewInputs
	s.mustCall(t, s.clerk, "Iso.ReviewInputs", ReviewInputsRequest{Period: "2026"}, &in)
	if in.From != "2026-01-01" || in.To != "2026-12-31" || len(in.Objectives) != 4 {
		t.Fatalf("inputs %+v", in)
	}
	if in.Satisfaction.Satisfied != 1 || in.Satisfaction.Rated != 2 || in.Satisfaction.Rate != 50 {
		t.Errorf("satisfaction %+v", in.Satisfaction)
	}
	// The rates per procedure add up to II.06a's total.
	var ii II06aReply
	s.mustCall(t, s.clerk, "Reports.II06a", ReportRequest{Period: "2026", Window: "calendar"}, &ii)
	resolved, onTime := 0, 0
	for _, p := range in.OnTime {
		resolved, onTime = resolved+p.Resolved, onTime+p.OnTime
		if p.Name == "" {
			t.Errorf("procedure %s has no name", p.Procedure)
		}
	}
	if resolved != col(ii.Total, report.ColResolved) || onTime != col(ii.Total, report.ColEarly)+col(ii.Total, report.ColOnTime) || resolved != 2 {
		t.Errorf("per procedure %+v, II.06a %+v", in.OnTime, ii.Total)
	}
	// The catalog was loaded when the office was set up, in 2026.
	if len(in.CatalogChanges) == 0 {
		t.Error("no catalog change in the period")
	}
	if err := s.call(t, s.clerk, "Iso.ReviewInputs", ReviewInputsRequest{Period: "last year"}, nil); err == nil || err.Field != "period" {
		t.Errorf("a bad period: %v", err)
	}

	req := RecordReviewRequest{Period: "2026", Date: "2026-12-04", Chair: "Lê Thị Lan", Attendees: []string{"Lê Thị Lan", " ", "Nguyễn Thị Hồng"},
		Resources: "Thêm một máy quét", Decisions: []string{"Duy trì chính sách chất lượng"},
		Actions: []iso.ReviewAction{{Title: "Rà soát quy trình", Owner: "chuyenvien", Due: "2027-01-31"}}}
	if err := s.call(t, s.clerk, "Iso.RecordReview", req, nil); err == nil || err.Code != CodeForbidden {
		t.Errorf("a clerk recorded a review: %v", err)
	}
	bad := req
	bad.Actions = []iso.ReviewAction{{Title: "x", Owner: "nobody", Due: "2027-01-31"}}
	if err := s.call(t, s.leader, "Iso.RecordReview", bad, nil); err == nil || err.Field != "actions[0].owner" {
		t.Errorf("an unknown owner: %v", err)
	}
	bad = req
	bad.Date = "2026-12-05"
	if err := s.call(t, s.leader, "Iso.RecordReview", bad, nil); err == nil || err.Field != "date" {
		t.Errorf("a review held tomorrow: %v", err)
	}
	bad = req
	bad.Decisions = nil
	if err := s.call(t, s.leader, "Iso.RecordReview", bad, nil); err == nil || err.Field != "decisions" {
		t.Errorf("no decision: %v", err)
	}
	var rv iso.Review
	s.mustCall(t, s.leader, "Iso.RecordReview", req, &rv)
	if rv.ID != "rv-20261204" || len(rv.Attendees) != 2 || rv.Actions[0].OwnerName != "chuyenvien" || len(rv.Inputs.Objectives) != 4 {
		t.Errorf("recorded %+v", rv)
	}
	var list ReviewsReply
	s.mustCall(t, s.clerk, "Iso.Reviews", ReviewsRequest{}, &list)
	if len(list.Reviews) != 1 || list.Reviews[0].ID != rv.ID {
		t.Fatalf("reviews %+v", list)
	}

	// The minutes print with a QR that verifies, until they are corrected.
	var f FormReply
	s.mustCall(t, s.clerk, "Iso.PrintReview", PrintReviewRequest{ID: rv.ID}, &f)
	pdf, _ := base64.StdEncoding.DecodeString(f.Content)
	if !strings.HasPrefix(string(pdf), "%PDF") || !strings.Contains(f.Verify, "|iso/review/38001/rv-20261204|1|") {
		t.Errorf("print %q %q", f.Filename, f.Verify)
	}
	var v VerifyReply
	s.mustCall(t, s.clerk, "Records.Verify", VerifyRequest{Text: f.Verify}, &v)
	if v.Status != VerifyMatch {
		t.Errorf("verify %+v", v)
	}
	fix := req
	fix.ID, fix.Decisions = rv.ID, []string{"Duy trì chính sách chất lượng", "Bổ sung máy quét"}
	s.mustCall(t, s.leader, "Iso.RecordReview", fix, &rv)
	if rv.Revision != 1 || len(rv.Decisions) != 2 {
		t.Errorf("corrected %+v", rv)
	}
	s.mustCall(t, s.clerk, "Records.Verify", VerifyRequest{Text: f.Verify}, &v)
	if v.Status != VerifyChanged {
		t.Errorf("verify after the correction %+v", v)
	}
	if err := s.call(t, s.clerk, "Iso.PrintReview", PrintReviewRequest{ID: "rv-1"}, nil); err == nil || err.Code != CodeNotFound {
		t.Errorf("an unknown review printed: %v", err)
	}

	// Two desks correcting the same revision meet as a conflict.
	other := rv
	other.Revision, other.Decisions = 1, []string{"Quyết định của bàn khác"}
	draft := store.Draft{Actor: "x", Owner: "38001", Kind: iso.KindReviewHeld, Subject: iso.ReviewSubject("38001", rv.ID), Body: mustJSON(other)}
	if _, err := s.st.Append(draft); err != nil {
		t.Fatal(err)
	}
	s.mustCall(t, s.clerk, "Iso.Reviews", ReviewsRequest{}, &list)
	if list.Reviews[0].Conflicts != 1 || len(list.Reviews[0].Decisions) != 2 {
		t.Errorf("after a concurrent correction %+v", list.Reviews[0])
	}
}
