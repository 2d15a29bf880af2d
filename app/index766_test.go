package app

import (
	"encoding/base64"
	"slices"
	"testing"

	"hoso/attach"
	"hoso/catalog"
	"hoso/complaint"
	"hoso/dossier"
	"hoso/report"
)

// receiveScanned receives a dossier whose one paper has a scan attached.
func (s *staffEnv) receiveScanned(t *testing.T, name string, files []attach.Ref) string {
	t.Helper()
	var r ReceiveReply
	s.mustCall(t, s.clerk, "Dossiers.Receive", ReceiveRequest{
		Procedure: "1.004837",
		Applicant: dossier.Applicant{FullName: name, CitizenID: "038095001234", Address: "Thôn 1", Phone: "0912345678"},
		Channel:   dossier.ChannelInPerson, Sets: 1,
		Documents: []dossier.ReceivedDocument{{Name: "Tờ khai", Form: catalog.FormOriginal, Count: 1, Files: files}},
	}, &r)
	if !r.Received {
		t.Fatalf("receive: %+v", r)
	}
	return r.Code
}

func indicator(t *testing.T, r IndexReply, id string) report.IndexIndicator {
	t.Helper()
	for _, x := range r.Indicators {
		if x.ID == id {
			return x
		}
	}
	t.Fatalf("no indicator %s in %+v", id, r.Indicators)
	return report.IndexIndicator{}
}

func TestReportsIndex766(t *testing.T) {
	s := newStaffAt(t, vn(2026, 9, 1, 8).UTC())
	var put attach.Ref
	s.now = vn(2026, 10, 1, 9).UTC()
	s.mustCall(t, s.clerk, "Files.Put", FilePutRequest{Name: "to-khai.pdf", Content: base64.StdEncoding.EncodeToString(evidencePDF(t, "To khai"))}, &put)
	a := s.receiveScanned(t, "Nguyễn Văn An", []attach.Ref{put})
	s.finish(t, a, "very_satisfied")
	b := s.receiveAt(t, "Trần Thị Bình", dossier.ChannelOnline, vn(2026, 10, 2, 9))
	// A complaint about A's officials, never answered: late by the
	// period's end, and A counts as not satisfied however it was rated.
	s.now = vn(2026, 10, 5, 9).UTC()
	s.receiveComplaint(t, s.clerk, ReceiveComplaintRequest{Dossier: a, Category: complaint.CategoryConduct})
	c := s.receiveAt(t, "Lê Văn Cường", dossier.ChannelPost, vn(2026, 11, 20, 9))
	// D: scanned, in progress and not yet due at the period's end.
	s.now = vn(2026, 12, 10, 9).UTC()
	d := s.receiveScanned(t, "Phạm Thị Dung", []attach.Ref{put})
	s.now = vn(2026, 12, 30, 9).UTC()

	var r IndexReply
	s.mustCall(t, s.leader, "Reports.Index", ReportRequest{Period: "2026Q4"}, &r)
	if r.Office != "38001" || r.Version != "766/2022" || len(r.Indicators) != len(report.DefaultIndexRules().Indicators) {
		t.Fatalf("index %+v", r)
	}
	for id, want := range map[string][2]int{"2.1": {2, 4}, "3.1": {1, 4}, "3.3": {1, 4}, "6.1": {1, 4}, "5.3": {1, 0}, "5.1": {0, 0}, "5.4": {0, 1}, "5.5": {1, 4}} {
		if x := indicator(t, r, id); x.Numerator != want[0] || x.Denominator != want[1] {
			t.Errorf("%s: %d/%d, want %d/%d", id, x.Numerator, x.Denominator, want[0], want[1])
		}
	}
	// A was scanned but its result has no electronic copy: not digitized;
	// D is.
	if x := indicator(t, r, "6.2"); x.Numerator != 0 || x.Denominator != 1 {
		t.Errorf("e-result %+v", x)
	}
	if len(r.Procedures) != 1 || r.Procedures[0].Procedure != "1.004837" || r.Procedures[0].Name == "" || r.Procedures[0].Resolved != 1 {
		t.Errorf("average time by procedure %+v", r.Procedures)
	}
	if x := indicator(t, r, "1.1"); x.Known || x.Note != report.NoteNational {
		t.Errorf("national indicator %+v", x)
	}

	// The drill-down lists the dossiers behind the figure.
	for _, tc := range []struct {
		id   string
		num  bool
		want []string
	}{
		{"6.1", false, []string{a, b, c}},
		{"3.1", true, []string{b}},
		{"2.1", false, []string{b, c}},
		{"2.1", true, []string{a, d}},
		{"6.1", true, []string{d}},
		{"5.5", true, []string{d}},
	} {
		var drill DrillReply
		s.mustCall(t, s.leader, "Reports.Dossiers", DrillRequest{ReportRequest: ReportRequest{Period: "2026Q4"}, Indicator: tc.id, Numerator: tc.num}, &drill)
		var got []string
		for _, it := range drill.Items {
			got = append(got, it.Code)
		}
		if drill.Total != len(tc.want) || !slices.Equal(got, tc.want) {
			t.Errorf("%s numerator %v: %v, want %v", tc.id, tc.num, got, tc.want)
		}
	}
	for _, id := range []string{"5.1", "9.9"} {
		if err := s.call(t, s.leader, "Reports.Dossiers", DrillRequest{ReportRequest: ReportRequest{Period: "2026Q4"}, Indicator: id}, nil); err == nil || err.Field != "indicator" {
			t.Errorf("drill %s: %v", id, err)
		}
	}

	// The printed index verifies; exports.
	var v VerifyReply
	s.mustCall(t, s.clerk, "Records.Verify", VerifyRequest{Text: r.Verify}, &v)
	if v.Status != VerifyMatch {
		t.Errorf("the index does not verify: %+v", v)
	}
	for _, f := range []string{"pdf", "xlsx"} {
		var file ReportFile
		s.mustCall(t, s.leader, "Reports.IndexExport", IndexExportRequest{ReportRequest: ReportRequest{Period: "2026Q4"}, Format: f}, &file)
		if file.Content == "" || file.Verify != r.Verify {
			t.Errorf("%s export %+v", f, file.Filename)
		}
	}
	if err := s.call(t, s.leader, "Reports.IndexExport", IndexExportRequest{ReportRequest: ReportRequest{Period: "2026Q4"}, Format: "csv"}, nil); err == nil || err.Field != "format" {
		t.Errorf("csv: %v", err)
	}

	// A province's own index rules, set with the report rules: reuse full
	// at 50%, only two indicators.
	var rules RulesReply
	s.mustCall(t, s.admin, "Reports.Rules", RulesRequest{}, &rules)
	own := report.IndexRules{Version: "tỉnh", Indicators: []report.IndexRule{
		{ID: "A", Measure: report.MeasureOnline, Title: "Trực tuyến", Max: 10, Full: 0.5},
		{ID: "B", Measure: report.MeasureNational, Title: "Cổng quốc gia", Max: 5},
	}}
	rules.Rules.Index766 = &own
	s.mustCall(t, s.admin, "Reports.SetRules", SetRulesRequest{Rules: rules.Rules}, &rules)
	s.mustCall(t, s.leader, "Reports.Index", ReportRequest{Period: "2026Q4"}, &r)
	if r.Version != "tỉnh" || len(r.Indicators) != 2 || r.Indicators[0].Score != 5 {
		t.Errorf("own rules: %+v", r)
	}
	own.Indicators[0].Full = 2
	if err := s.call(t, s.admin, "Reports.SetRules", SetRulesRequest{Rules: rules.Rules}, nil); err == nil || err.Field != "rules.index766.indicators[0].full" {
		t.Errorf("a threshold above 100%%: %v", err)
	}
}
