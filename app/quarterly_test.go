package app

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"hoso/dossier"
	"hoso/p2p/syncproto"
	"hoso/plan"
	"hoso/qreport"
	"hoso/report"
	"hoso/store"
)

// The draft's figures are Reports' own: II.06a's total row and the
// Dashboard's targets for the same office and quarter.
func TestQuarterlyFiguresMatchReports(t *testing.T) {
	s := newStaffAt(t, vn(2026, 9, 1, 8).UTC())
	a := s.receiveAt(t, "Nguyễn Văn An", dossier.ChannelInPerson, vn(2026, 10, 1, 9))
	s.finish(t, a, "very_satisfied")
	b := s.receiveAt(t, "Trần Thị Bình", dossier.ChannelOnline, vn(2026, 10, 5, 9))
	s.finish(t, b, "unsatisfied")
	s.receiveAt(t, "Lê Văn Cường", dossier.ChannelInPerson, vn(2026, 12, 1, 9))
	s.now = vn(2026, 12, 4, 9).UTC()
	var draft qreport.Report
	s.mustCall(t, s.leader, "Quarterly.Draft", QuarterRequest{Quarter: "2026Q4"}, &draft)
	var ii II06aReply
	s.mustCall(t, s.leader, "Reports.II06a", ReportRequest{Period: "2026Q4"}, &ii)
	var dash DashboardReply
	s.mustCall(t, s.leader, "Reports.Dashboard", ReportRequest{Period: "2026Q4"}, &dash)
	if want := qreport.FromCounts(ii.Total.Counts); draft.Figures.Received != 3 || draft.Figures.Resolved != 2 || draft.Figures.Satisfaction.Den != 2 || draft.Figures.Satisfaction.Num != 1 || draft.Figures.Received != want.Received || draft.Figures.Pending != want.Pending ||
		draft.Figures.Resolved != want.Resolved || draft.Figures.PendingWithin != want.PendingWithin {
		t.Fatalf("figures %+v, II.06a total %+v", draft.Figures, ii.Total)
	}
	if len(draft.Figures.Targets) != len(dash.Targets) {
		t.Fatalf("targets %+v, dashboard %+v", draft.Figures.Targets, dash.Targets)
	}
	for i, tg := range dash.Targets {
		got := draft.Figures.Targets[i]
		if got.Key != tg.Key || got.Numerator != tg.Numerator || got.Denominator != tg.Denominator || got.Goal != tg.Goal || got.Met != tg.Met {
			t.Errorf("target %s: %+v, dashboard %+v", tg.Key, got, tg)
		}
	}
	if dash.Targets[0].Key != report.TargetOneStop || dash.Targets[0].Numerator == 0 {
		t.Fatalf("the one-stop target counts nothing: %+v", dash.Targets[0])
	}
}

func TestQuarterlySubmitAndVersions(t *testing.T) {
	s := newStaffAt(t, vn(2026, 9, 1, 8).UTC())
	s.receiveAt(t, "Nguyễn Văn An", dossier.ChannelInPerson, vn(2026, 10, 1, 9))
	s.now = vn(2026, 11, 27, 9).UTC()
	for _, c := range []struct {
		session, quarter, office string
		code                     Code
		rule                     string
	}{
		{s.officer, "2026Q4", "", CodeForbidden, ""},
		{s.leader, "2027Q1", "", CodeInvalidInput, "future_quarter"},
		{s.leader, "2026Q9", "", CodeInvalidInput, "bad_quarter"},
	} {
		err := s.call(t, c.session, "Quarterly.Submit", SubmitQuarterRequest{Office: c.office, Quarter: c.quarter}, nil)
		if err == nil || err.Code != c.code || (c.rule != "" && err.Params["rule"] != c.rule) {
			t.Errorf("%s %s: %v", c.quarter, c.office, err)
		}
	}
	if err := s.call(t, s.leader, "Quarterly.Get", QuarterVersionRequest{Quarter: "2026Q4"}, nil); err == nil || err.Code != CodeNotFound {
		t.Fatalf("nothing signed yet: %v", err)
	}
	// Nothing signed: the export is the draft, without a print QR.
	var f ReportFile
	s.mustCall(t, s.leader, "Quarterly.Export", QuarterExportRequest{Quarter: "2026Q4", Format: "pdf"}, &f)
	if !strings.HasSuffix(f.Filename, "-du-thao.pdf") || f.Verify != "" {
		t.Fatalf("the draft's export: %s %q", f.Filename, f.Verify)
	}

	var v1 qreport.Report
	s.mustCall(t, s.leader, "Quarterly.Submit", SubmitQuarterRequest{Quarter: "2026Q4", Note: "Hoàn thành các nhiệm vụ"}, &v1)
	if v1.Version != 1 || v1.SignerName != "lanhdao" || v1.SignedAt.IsZero() || v1.Figures.Received != 1 {
		t.Fatalf("version 1: %+v", v1)
	}
	s.mustCall(t, s.leader, "Quarterly.Export", QuarterExportRequest{Quarter: "2026Q4", Format: "pdf"}, &f)
	printed1 := f.Verify
	var vr VerifyReply
	s.mustCall(t, s.clerk, "Records.Verify", VerifyRequest{Text: printed1}, &vr)
	if vr.Status != VerifyMatch || !strings.HasSuffix(f.Filename, "-v1.pdf") {
		t.Fatalf("the printed version 1: %+v %s", vr, f.Filename)
	}
	edited := printed1[:len(printed1)-4] + "0000"
	if err := s.call(t, s.clerk, "Records.Verify", VerifyRequest{Text: edited}, &vr); err == nil && vr.Status == VerifyMatch {
		t.Fatalf("an edited print verifies: %+v", vr)
	}
	unknown := strings.Replace(printed1, "qreport/38001/2026Q4", "qreport/38001/2026Q2", 1)
	if err := s.call(t, s.clerk, "Records.Verify", VerifyRequest{Text: unknown}, &vr); err == nil && vr.Status == VerifyMatch {
		t.Fatalf("an unknown report verifies: %+v", vr)
	}

	if err := s.call(t, s.leader, "Quarterly.Submit", SubmitQuarterRequest{Quarter: "2026Q4", Corrects: 1}, nil); err == nil || err.Params["rule"] != "correction_reason" {
		t.Fatalf("a correction without a reason: %v", err)
	}
	if err := s.call(t, s.leader, "Quarterly.Submit", SubmitQuarterRequest{Quarter: "2026Q4", Corrects: 5, Note: "x"}, nil); err == nil || err.Params["rule"] != "bad_corrects" {
		t.Fatalf("correcting a version that does not exist: %v", err)
	}
	s.receiveAt(t, "Trần Thị Bình", dossier.ChannelInPerson, vn(2026, 11, 27, 10))
	s.now = vn(2026, 11, 27, 11).UTC()
	var v2 qreport.Report
	s.mustCall(t, s.leader, "Quarterly.Submit", SubmitQuarterRequest{Quarter: "2026Q4", Corrects: 1, Note: "Bổ sung hồ sơ tiếp nhận cuối quý"}, &v2)
	if v2.Version != 2 || v2.Corrects != 1 || v2.Figures.Received != 2 {
		t.Fatalf("version 2: %+v", v2)
	}
	// Version 1 is kept as signed, never edited.
	var got qreport.Report
	s.mustCall(t, s.leader, "Quarterly.Get", QuarterVersionRequest{Quarter: "2026Q4", Version: 1}, &got)
	if got.Version != 1 || got.Figures.Received != 1 || got.Note != "Hoàn thành các nhiệm vụ" {
		t.Fatalf("version 1 read back: %+v", got)
	}
	s.mustCall(t, s.leader, "Quarterly.Get", QuarterVersionRequest{Quarter: "2026Q4"}, &got)
	if got.Version != 2 {
		t.Fatalf("the latest: %+v", got)
	}
	s.mustCall(t, s.clerk, "Records.Verify", VerifyRequest{Text: printed1}, &vr)
	if vr.Status != VerifyChanged {
		t.Fatalf("version 1's print once version 2 is signed: %+v", vr)
	}
	s.mustCall(t, s.leader, "Quarterly.Export", QuarterExportRequest{Quarter: "2026Q4", Version: 2, Format: "pdf"}, &f)
	s.mustCall(t, s.clerk, "Records.Verify", VerifyRequest{Text: f.Verify}, &vr)
	if vr.Status != VerifyMatch {
		t.Fatalf("the printed version 2: %+v", vr)
	}
	s.mustCall(t, s.leader, "Quarterly.Export", QuarterExportRequest{Quarter: "2026Q4", Format: "xlsx"}, &f)
	raw, _ := base64.StdEncoding.DecodeString(f.Content)
	wb, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if rows, _ := wb.GetRows("Số liệu"); len(rows) < 2 || rows[1][1] != "2" {
		t.Fatalf("the workbook's figures: %q", rows)
	}
	wb.Close()

	// A second desk of the office signed version 2 too, offline.
	other := v2
	other.Note = "Bản ký ở máy khác"
	if _, err := s.st.Append(store.Draft{Actor: "u-desk2", Owner: "38001", Kind: qreport.KindSubmitted, Subject: qreport.Subject("38001", "2026Q4"), Body: mustJSON(qreportSubmitted{Report: other})}); err != nil {
		t.Fatal(err)
	}
	var vs QuarterVersions
	s.mustCall(t, s.officer, "Quarterly.Versions", QuarterRequest{Quarter: "2026Q4"}, &vs)
	if len(vs.Versions) != 3 || !vs.Versions[0].Conflict || !vs.Versions[1].Conflict || vs.Versions[2].Conflict || vs.Versions[2].Version != 1 {
		t.Fatalf("the conflict: %+v", vs.Versions)
	}
	var v3 qreport.Report
	s.mustCall(t, s.leader, "Quarterly.Submit", SubmitQuarterRequest{Quarter: "2026Q4", Corrects: 2, Note: "Thống nhất hai bản ký"}, &v3)
	s.mustCall(t, s.officer, "Quarterly.Versions", QuarterRequest{Quarter: "2026Q4"}, &vs)
	if v3.Version != 3 || len(vs.Versions) != 4 || vs.Versions[0].Version != 3 || vs.Versions[0].Conflict || vs.Versions[1].Conflict {
		t.Fatalf("the next version resolves the conflict: %+v", vs.Versions)
	}
}

// A commune's signed report is a source of the district's draft; a
// commune without one is missing; a commune reads neither its sibling's
// report nor signs for another office.
func TestQuarterlyRollupTree(t *testing.T) {
	p := newPlansEnv(t)
	p.mustCall(t, p.district, "Plans.Publish", PublishRequest{Plan: districtPlan()}, nil)
	p.mustCall(t, p.c1, "Plans.Progress", ProgressRequest{Plan: "405-kh1", Task: "T1", Status: plan.Done, Note: "Đã gửi"}, nil)
	var d1 qreport.Report
	p.mustCall(t, p.c1, "Quarterly.Draft", QuarterRequest{Quarter: "2026Q4"}, &d1)
	if len(d1.Tasks) != 2 || d1.Tasks[0].Task != "T1" || d1.Tasks[0].Cell != plan.CellDone || d1.Tasks[0].Note != "Đã gửi" || d1.Tasks[1].Cell != plan.CellLate {
		t.Fatalf("the commune's tasks: %+v", d1.Tasks)
	}
	if err := p.call(t, p.c1, "Quarterly.Submit", SubmitQuarterRequest{Office: "405", Quarter: "2026Q4"}, nil); err == nil || err.Params["rule"] != "not_own_office" {
		t.Fatalf("a commune signing for the district: %v", err)
	}
	var v1 qreport.Report
	p.mustCall(t, p.c1, "Quarterly.Submit", SubmitQuarterRequest{Quarter: "2026Q4", Note: "Xã 1"}, &v1)
	if err := p.call(t, p.c2, "Quarterly.Get", QuarterVersionRequest{Office: "38001", Quarter: "2026Q4"}, nil); err == nil || err.Code != CodeForbidden {
		t.Fatalf("a sibling's report: %v", err)
	}
	var dd qreport.Report
	p.mustCall(t, p.district, "Quarterly.Draft", QuarterRequest{Quarter: "2026Q4"}, &dd)
	if len(dd.Sources) != 1 || dd.Sources[0].Office != "38001" || dd.Sources[0].Version != 1 || dd.Sources[0].Event == "" ||
		len(dd.Missing) != 1 || dd.Missing[0].Code != "38002" {
		t.Fatalf("the district's roll-up: %+v / %+v", dd.Sources, dd.Missing)
	}
	var got qreport.Report
	p.mustCall(t, p.district, "Quarterly.Get", QuarterVersionRequest{Office: "38001", Quarter: "2026Q4"}, &got)
	if got.Note != "Xã 1" {
		t.Fatalf("the district reads the commune's report: %+v", got)
	}
	var l QuarterList
	p.mustCall(t, p.district, "Quarterly.List", QuarterListRequest{Quarter: "2026Q4"}, &l)
	if len(l.Offices) != 2 || l.Offices[0].Version != 1 || l.Offices[1].Version != 0 {
		t.Fatalf("the district's list: %+v", l)
	}
	var f ReportFile
	p.mustCall(t, p.district, "Quarterly.Export", QuarterExportRequest{Quarter: "2026Q4", Format: "json"}, &f)
	raw, _ := base64.StdEncoding.DecodeString(f.Content)
	if !strings.Contains(string(raw), `"draft": true`) || !strings.Contains(string(raw), v1SourceEvent(dd)) {
		t.Fatalf("the district's JSON: %s", raw)
	}
}

func v1SourceEvent(r qreport.Report) string { return r.Sources[0].Event }

// A report reaches its office and the offices above it, never a sibling.
func TestQuarterlySyncScope(t *testing.T) {
	p := newPlansEnv(t)
	p.mustCall(t, p.c1, "Quarterly.Submit", SubmitQuarterRequest{Quarter: "2026Q4"}, nil)
	p.mustCall(t, p.district, "Quarterly.Submit", SubmitQuarterRequest{Quarter: "2026Q4"}, nil)
	tree := fakeTree{"38": "38", "405": "38/405", "38001": "38/405/38001", "38002": "38/405/38002"}
	scope := func(office string) syncproto.Scope { return syncproto.NewScope(tree[office], tree) }
	for _, c := range []struct {
		subject      string
		reach, never []string
	}{
		{qreport.Subject("38001", "2026Q4"), []string{"38001", "405", "38"}, []string{"38002"}},
		{qreport.Subject("405", "2026Q4"), []string{"405", "38"}, []string{"38001", "38002"}},
	} {
		evs, err := p.st.Events(c.subject)
		if err != nil || len(evs) == 0 {
			t.Fatalf("%s: %v", c.subject, err)
		}
		audience, err := p.st.Audience(c.subject)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range evs {
			for _, o := range c.reach {
				if !scope(o).Visible(e, audience) {
					t.Errorf("%s does not reach %s", c.subject, o)
				}
			}
			for _, o := range c.never {
				if scope(o).Visible(e, audience) {
					t.Errorf("%s reaches %s", c.subject, o)
				}
			}
		}
	}
}
