package app

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"hoso/catalog"
	"hoso/dossier"
	"hoso/report"
)

// receiveAt receives a dossier at a Vietnam wall-clock time through a
// channel.
func (s *staffEnv) receiveAt(t *testing.T, name string, channel dossier.Channel, vn time.Time) string {
	t.Helper()
	s.now = vn.UTC()
	var r ReceiveReply
	s.mustCall(t, s.clerk, "Dossiers.Receive", ReceiveRequest{
		Procedure: "1.004837",
		Applicant: dossier.Applicant{FullName: name, CitizenID: "038095001234", Address: "Thôn 1", Phone: "0912345678"},
		Channel:   channel, Sets: 1,
		Documents: []dossier.ReceivedDocument{{Name: "Tờ khai", Form: catalog.FormOriginal, Count: 1}},
	}, &r)
	if !r.Received {
		t.Fatalf("receive: %+v", r)
	}
	return r.Code
}

// finish takes a dossier through to its return with a rating.
func (s *staffEnv) finish(t *testing.T, code, rating string) {
	t.Helper()
	for _, st := range []struct {
		session string
		kind    dossier.Kind
		body    any
	}{
		{s.clerk, dossier.KindHandedOver, dossier.HandedOver{}},
		{s.officer, dossier.KindAssigned, dossier.Assigned{}},
		{s.officer, dossier.KindAppraised, dossier.Appraised{Opinion: dossier.OpinionApprove}},
		{s.officer, dossier.KindSubmitted, dossier.Submitted{}},
		{s.leader, dossier.KindSigned, dossier.Signed{Number: "1/QĐ"}},
		{s.clerk, dossier.KindResultAtDesk, dossier.ResultAtDesk{}},
		{s.clerk, dossier.KindReturned, dossier.Returned{Recipient: "Chính chủ", Rating: rating}},
	} {
		if err := s.act(t, st.session, code, st.kind, st.body); err != nil {
			t.Fatalf("%s: %v", st.kind, err)
		}
	}
}

func vn(y int, m time.Month, d, h int) time.Time {
	return time.Date(y, m, d, h, 0, 0, 0, vnZoneForTests)
}

var vnZoneForTests = time.FixedZone("ICT", 7*3600)

func col(r report.Row, c int) int { return r.Counts.Col(c) }

func TestReportsII06a(t *testing.T) {
	s := newStaffAt(t, vn(2026, 9, 1, 8).UTC())
	a := s.receiveAt(t, "Nguyễn Văn An", dossier.ChannelInPerson, vn(2026, 10, 1, 9))
	s.finish(t, a, "very_satisfied") // resolved the same day: early
	b := s.receiveAt(t, "Trần Thị Bình", dossier.ChannelOnline, vn(2026, 10, 2, 9))
	d := s.receiveAt(t, "Phạm Thị Dung", dossier.ChannelInPerson, vn(2026, 10, 6, 9))
	c := s.receiveAt(t, "Lê Văn Cường", dossier.ChannelPost, vn(2026, 11, 20, 9))
	if err := s.act(t, s.clerk, d, dossier.KindWithdrawn, dossier.Withdrawn{Reason: "Công dân rút hồ sơ"}); err != nil {
		t.Fatal(err)
	}
	s.now = vn(2026, 12, 30, 9).UTC()

	var r II06aReply
	s.mustCall(t, s.leader, "Reports.II06a", ReportRequest{Period: "2026Q4"}, &r)
	if r.Period.From != "2026-09-15" || r.Period.To != "2026-12-14" || r.Office != "38001" {
		t.Fatalf("period %+v office %s", r.Period, r.Office)
	}
	// A resolved early; B (online) and C (post) in progress, overdue by
	// 14/12 (their 5 working days ran out); D withdrawn: received only.
	tot := r.Total
	want := map[int]int{3: 4, 4: 1, 5: 3, 6: 0, 7: 1, 8: 1, 9: 0, 10: 0, 11: 2, 12: 0, 13: 2}
	for c, n := range want {
		if col(tot, c) != n {
			t.Errorf("column %d = %d, want %d (total %v)", c, col(tot, c), n, tot.Counts)
		}
	}
	if len(r.Rows) != 1 || r.Rows[0].Counts != tot.Counts || len(r.Freshness) != 1 || !r.Freshness[0].Local {
		t.Errorf("rows %+v freshness %+v", r.Rows, r.Freshness)
	}
	// Run after the period: the data date is its end. D is in the note.
	if !r.AsOf.Equal(r.Period.End) || r.Withdrawn != 1 || r.Stopped != 0 || r.EndedPlacement != report.EndedInNote ||
		r.Rules.TimingBasis != dossier.TimingBasisOriginal || r.Rules.EndedPlacement != report.EndedInNote {
		t.Errorf("as of %v, withdrawn %d, stopped %d, placement %q, rules %+v", r.AsOf, r.Withdrawn, r.Stopped, r.EndedPlacement, r.Rules)
	}

	// The same quarter as of 20 November: C, received that morning and due
	// days later, is within time, not overdue; B was overdue already.
	var mid II06aReply
	s.mustCall(t, s.leader, "Reports.II06a", ReportRequest{Period: "2026Q4", AsOf: "2026-11-20"}, &mid)
	if got, want := mid.Total.Counts, (report.Counts{4, 1, 3, 0, 1, 1, 0, 0, 2, 1, 1}); got != want {
		t.Errorf("as of 20/11: %v, want %v", got, want)
	}
	if want := vn(2026, 11, 21, 0); !mid.AsOf.Equal(want) || mid.Verify == r.Verify {
		t.Errorf("as of %v, want %v; verify %q", mid.AsOf, want, mid.Verify)
	}
	var mv VerifyReply
	s.mustCall(t, s.clerk, "Records.Verify", VerifyRequest{Text: mid.Verify}, &mv)
	if mv.Status != VerifyMatch {
		t.Errorf("the mid-period report does not verify: %+v (%s)", mv, mid.Verify)
	}
	for _, bad := range []string{"2026-09-01", "20/11/2026"} {
		if err := s.call(t, s.leader, "Reports.II06a", ReportRequest{Period: "2026Q4", AsOf: bad}, nil); err == nil || err.Field != "asOf" {
			t.Errorf("as of %q: %v", bad, err)
		}
	}

	// Every figure leads to its dossiers.
	for column, codes := range map[string][]string{"3": {a, b, c, d}, "4": {b}, "7": {a}, "13": {b, c}} {
		var drill DrillReply
		s.mustCall(t, s.leader, "Reports.Dossiers", DrillRequest{ReportRequest: ReportRequest{Period: "2026Q4"}, Column: column, Sector: r.Rows[0].Sector}, &drill)
		var got []string
		for _, it := range drill.Items {
			got = append(got, it.Code)
		}
		if drill.Total != len(codes) || strings.Join(got, ",") != strings.Join(sorted(codes), ",") {
			t.Errorf("column %s lists %v, want %v", column, got, codes)
		}
	}
	if err := s.call(t, s.leader, "Reports.Dossiers", DrillRequest{ReportRequest: ReportRequest{Period: "2026Q4"}, Column: "14"}, nil); err == nil || err.Field != "column" {
		t.Errorf("column 14: %v", err)
	}
	if err := s.call(t, s.leader, "Reports.II06a", ReportRequest{Period: "Q4"}, nil); err == nil || err.Field != "period" {
		t.Errorf("a bad period: %v", err)
	}
	if err := s.call(t, s.leader, "Reports.II06a", ReportRequest{Office: "99999", Period: "2026Q4"}, nil); err == nil || err.Code != CodeNotFound {
		t.Errorf("an unknown office: %v", err)
	}

	// The printed report's QR verifies; a new dossier in the period
	// changes the figures and the verdict.
	var v VerifyReply
	s.mustCall(t, s.clerk, "Records.Verify", VerifyRequest{Text: r.Verify}, &v)
	if v.Status != VerifyMatch || v.PrintedEvents != 4 {
		t.Fatalf("verify the report: %+v (%s)", v, r.Verify)
	}
	s.receiveAt(t, "Đỗ Văn Em", dossier.ChannelInPerson, vn(2026, 12, 1, 9))
	s.mustCall(t, s.clerk, "Records.Verify", VerifyRequest{Text: r.Verify}, &v)
	if v.Status != VerifyDiffers || v.CurrentEvents != 5 {
		t.Fatalf("verify after a new dossier: %+v", v)
	}

	// Calendar quarters: Q4 is October to December.
	s.now = vn(2026, 12, 30, 9).UTC()
	s.mustCall(t, s.leader, "Reports.II06a", ReportRequest{Period: "2026Q4", Window: "calendar"}, &r)
	if r.Period.From != "2026-10-01" || col(r.Total, 3) != 5 {
		t.Errorf("calendar Q4 %+v total %v", r.Period, r.Total.Counts)
	}
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func TestReportsDashboardSatisfactionReconciliation(t *testing.T) {
	s := newStaffAt(t, vn(2026, 9, 1, 8).UTC())
	a := s.receiveAt(t, "Nguyễn Văn An", dossier.ChannelInPerson, vn(2026, 10, 1, 9))
	s.finish(t, a, "very_satisfied")
	b := s.receiveAt(t, "Trần Thị Bình", dossier.ChannelInPerson, vn(2026, 10, 5, 9))
	s.finish(t, b, "unsatisfied")
	s.receiveAt(t, "Lê Văn Cường", dossier.ChannelInPerson, vn(2026, 12, 1, 9))
	s.now = vn(2026, 12, 4, 9).UTC()

	var dash DashboardReply
	s.mustCall(t, s.clerk, "Reports.Dashboard", ReportRequest{Period: "2026Q4"}, &dash)
	keys := map[string]report.Target{}
	for _, tg := range dash.Targets {
		keys[tg.Key] = tg
	}
	sat := keys[report.TargetSatisfied]
	if len(keys) != 4 || sat.Numerator != 1 || sat.Denominator != 2 || sat.Met {
		t.Errorf("targets %+v", dash.Targets)
	}
	if one := keys[report.TargetOneStop]; one.Numerator != 1 || one.Denominator < 1 {
		t.Errorf("one-stop %+v", one)
	}
	if len(dash.OnTime) != 12 || dash.OnTime[11].Month != "2026-12" || dash.OnTime[9].Resolved != 2 {
		t.Errorf("on time by month %+v", dash.OnTime)
	}
	// The satisfied target drills down to the satisfied rating's dossier.
	var drill DrillReply
	s.mustCall(t, s.clerk, "Reports.Dossiers", DrillRequest{ReportRequest: ReportRequest{Period: "2026Q4"}, Target: report.TargetSatisfied, Numerator: true}, &drill)
	if drill.Total != 1 || drill.Items[0].Code != a {
		t.Errorf("satisfied drill-down %+v", drill)
	}
	s.mustCall(t, s.clerk, "Reports.Dossiers", DrillRequest{ReportRequest: ReportRequest{Period: "2026Q4"}, Month: "2026-10"}, &drill)
	if drill.Total != 2 {
		t.Errorf("October's resolved: %+v", drill)
	}

	var sr SatisfactionReply
	s.mustCall(t, s.clerk, "Reports.Satisfaction", ReportRequest{Period: "2026Q4"}, &sr)
	if len(sr.Offices) != 1 || sr.Offices[0].Rated != 2 || sr.Offices[0].Ratings["very_satisfied"] != 1 || len(sr.Indicators) != 9 {
		t.Fatalf("satisfaction %+v", sr.Offices)
	}
	if len(sr.Officers) < 2 || sr.Officers[0].Grade == "" {
		t.Errorf("officers %+v", sr.Officers)
	}
	// Manual indicators: leaders only, 0–2, never an automatic one.
	req := ScoresRequest{ReportRequest: ReportRequest{Period: "2026Q4"}, Who: "38001", Scores: map[string]float64{"legality": 2, "costs": 1.5}}
	if err := s.call(t, s.clerk, "Reports.SetScores", req, nil); err == nil || err.Code != CodeForbidden {
		t.Errorf("a clerk entered scores: %v", err)
	}
	s.mustCall(t, s.leader, "Reports.SetScores", req, &sr)
	var legality report.Score
	for _, sc := range sr.Offices[0].Scores {
		if sc.Key == "legality" {
			legality = sc
		}
	}
	if !legality.Manual || legality.Points != 2 || sr.Offices[0].Grade == "" {
		t.Errorf("after manual entry: %+v", sr.Offices[0])
	}
	bad := req
	bad.Scores = map[string]float64{"time": 2}
	if err := s.call(t, s.leader, "Reports.SetScores", bad, nil); err == nil || err.Field != "scores.time" {
		t.Errorf("an automatic indicator entered by hand: %v", err)
	}
	bad.Scores = map[string]float64{"costs": 3}
	if err := s.call(t, s.leader, "Reports.SetScores", bad, nil); err == nil || err.Field != "scores.costs" {
		t.Errorf("3 points: %v", err)
	}

	var rec ReconciliationReply
	s.mustCall(t, s.leader, "Reports.Reconciliation", ReportRequest{Period: "2026Q4"}, &rec)
	if len(rec.Rows) != 1 || rec.Rows[0].Received != 3 || rec.Rows[0].Resolved != 2 || !rec.Rows[0].Local {
		t.Errorf("reconciliation %+v", rec.Rows)
	}

	// Rules: an administrator switches the office to calendar quarters.
	var rules RulesReply
	if err := s.call(t, s.leader, "Reports.SetRules", SetRulesRequest{Rules: report.Rules{Window: report.WindowCalendar}}, nil); err == nil || err.Code != CodeForbidden {
		t.Errorf("a leader changed the rules: %v", err)
	}
	for _, bad := range []struct {
		rules report.Rules
		field string
	}{
		{report.Rules{Window: "weekly"}, "rules.window"},
		{report.Rules{Window: report.WindowCalendar, DueSoonDays: 31}, "rules.dueSoonDays"},
		{report.Rules{Window: report.WindowCalendar, TimingBasis: "latest"}, "rules.timingBasis"},
		{report.Rules{Window: report.WindowCalendar, EndedPlacement: "resolved"}, "rules.endedPlacement"},
	} {
		if err := s.call(t, s.admin, "Reports.SetRules", SetRulesRequest{Rules: bad.rules}, nil); err == nil || err.Code != CodeInvalidInput || err.Field != bad.field {
			t.Errorf("rules %+v: got %v, want a field error on %s", bad.rules, err, bad.field)
		}
	}
	s.mustCall(t, s.admin, "Reports.SetRules", SetRulesRequest{Rules: report.Rules{Window: report.WindowCalendar, CountFromReceptionDay: true, DueSoonDays: 3}}, &rules)
	if rules.Rules.TimingBasis != dossier.TimingBasisOriginal || rules.Rules.EndedPlacement != report.EndedInNote {
		t.Errorf("rules without a timing basis or placement read back as %+v, not the defaults", rules.Rules)
	}
	var r II06aReply
	s.mustCall(t, s.clerk, "Reports.II06a", ReportRequest{Period: "2026Q4"}, &r)
	if r.Period.From != "2026-10-01" || r.Rules.DueSoonDays != 3 {
		t.Errorf("after the rules changed: %+v %+v", r.Period, r.Rules)
	}
	s.mustCall(t, s.admin, "Reports.SetRules", SetRulesRequest{Rules: report.Rules{Window: report.WindowCalendar, TimingBasis: dossier.TimingBasisCurrent, EndedPlacement: report.EndedOnTime}}, &rules)
	s.mustCall(t, s.clerk, "Reports.II06a", ReportRequest{Period: "2026Q4"}, &r)
	if r.Rules.TimingBasis != dossier.TimingBasisCurrent || r.Rules.EndedPlacement != report.EndedOnTime || r.EndedPlacement != report.EndedOnTime {
		t.Errorf("the province's choices are not in force: %+v", r.Rules)
	}
}

func TestReportsExport(t *testing.T) {
	s := newStaffAt(t, vn(2026, 9, 1, 8).UTC())
	a := s.receiveAt(t, "Nguyễn Văn An", dossier.ChannelInPerson, vn(2026, 10, 1, 9))
	s.finish(t, a, "satisfied")
	s.receiveAt(t, "Trần Thị Bình", dossier.ChannelOnline, vn(2026, 10, 2, 9))
	s.now = vn(2026, 12, 30, 9).UTC()
	for format, prefix := range map[string]string{"pdf": "%PDF", "xlsx": "PK", "csv": "\ufeffSTT,"} {
		var f ReportFile
		s.mustCall(t, s.leader, "Reports.Export", ExportRequest{ReportRequest: ReportRequest{Period: "2026Q4"}, Format: format}, &f)
		b, err := base64.StdEncoding.DecodeString(f.Content)
		if err != nil || !strings.HasPrefix(string(b), prefix) || f.Filename != "bieu-II06a-38001-2026Q4."+format {
			t.Fatalf("%s: %q %v %.8q", format, f.Filename, err, b)
		}
		if format == "pdf" {
			text := replyText(t, FormReply{Content: f.Content})
			for _, want := range []string{"TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", "Biểu số II.06a/VPCP/KSTT", "Tổng cộng", "Số liệu tính đến hết ngày 14/12/2026", "Đơn vị tính: Số hồ sơ TTHC", "UBND XÃ ĐÔNG SƠN"} {
				if !strings.Contains(text, want) {
					t.Errorf("the PDF lacks %q:\n%s", want, text)
				}
			}
		}
		if format == "csv" && !strings.Contains(string(b), ",Tổng cộng,2,1,1,0,1,1,0,0,1,0,1") {
			t.Errorf("the CSV total:\n%s", b)
		}
	}
	if err := s.call(t, s.leader, "Reports.Export", ExportRequest{ReportRequest: ReportRequest{Period: "2026Q4"}, Format: "doc"}, nil); err == nil || err.Field != "format" {
		t.Errorf("format doc: %v", err)
	}
}

func TestReportsLienThongCountedOnce(t *testing.T) {
	s := newStaffAt(t, vn(2026, 9, 1, 8).UTC())
	s.mustCall(t, s.admin, "Offices.Save", OfficeRecord{Code: "38", Name: "UBND tỉnh Thanh Hóa"}, nil)
	s.mustCall(t, s.admin, "Offices.Save", OfficeRecord{Code: "380", Name: "UBND huyện Mẫu", Parent: "38"}, nil)
	s.mustCall(t, s.admin, "Offices.Save", OfficeRecord{Code: "38001", Name: "UBND xã Đông Sơn", Parent: "380"}, nil)
	s.mustCall(t, s.admin, "Offices.Save", OfficeRecord{Code: "38002", Name: "UBND xã Đông Hòa", Parent: "380"}, nil)
	code := s.receiveAt(t, "Nguyễn Văn An", dossier.ChannelInPerson, vn(2026, 10, 1, 9))
	for _, st := range []struct {
		session string
		kind    dossier.Kind
		body    any
	}{
		{s.clerk, dossier.KindHandedOver, dossier.HandedOver{}},
		{s.officer, dossier.KindAssigned, dossier.Assigned{}},
		{s.officer, dossier.KindTransferred, dossier.Transferred{Office: "380", Task: "Thẩm định liên thông", TimeWD: 3}},
	} {
		if err := s.act(t, st.session, code, st.kind, st.body); err != nil {
			t.Fatalf("%s: %v", st.kind, err)
		}
	}
	s.now = vn(2026, 10, 2, 9).UTC()
	// The district's subtree counts the dossier once, under the commune
	// that received it, though it now involves the district too.
	var r II06aReply
	s.mustCall(t, s.leader, "Reports.II06a", ReportRequest{Office: "38", Period: "2026Q4"}, &r)
	if col(r.Total, 3) != 1 || len(r.Offices) != 4 || r.Offices[0].Code != "38" {
		t.Fatalf("province: total %v offices %+v", r.Total.Counts, r.Offices)
	}
	var district, commune, other II06aReply
	s.mustCall(t, s.leader, "Reports.II06a", ReportRequest{Office: "380", Period: "2026Q4"}, &district)
	s.mustCall(t, s.leader, "Reports.II06a", ReportRequest{Office: "38001", Period: "2026Q4"}, &commune)
	s.mustCall(t, s.leader, "Reports.II06a", ReportRequest{Office: "38002", Period: "2026Q4"}, &other)
	if col(district.Total, 3) != 1 || col(commune.Total, 3) != 1 || col(other.Total, 3) != 0 {
		t.Errorf("district %v, 38001 %v, 38002 %v", district.Total.Counts, commune.Total.Counts, other.Total.Counts)
	}
	if commune.Total.Counts.Plus(other.Total.Counts) != district.Total.Counts {
		t.Error("the district's report is not the sum of its communes' (it has no dossiers of its own)")
	}
	// The district's reconciliation shows the commune's dossier waiting
	// at the district.
	var rec ReconciliationReply
	s.mustCall(t, s.leader, "Reports.Reconciliation", ReportRequest{Office: "380", Period: "2026Q4"}, &rec)
	waiting := map[string]int{}
	for _, row := range rec.Rows {
		waiting[row.Office] = row.WaitingHere
	}
	if len(rec.Rows) != 3 || waiting["38001"] != 1 || waiting["38002"] != 0 {
		t.Errorf("reconciliation %+v", rec.Rows)
	}
}

// fakeSync is a sync engine that only knows when offices last synced.
type fakeSync struct {
	SyncEngine
	last map[string]time.Time
}

func (f fakeSync) LastSync(office string) time.Time { return f.last[office] }

func TestReportsFreshnessFromSync(t *testing.T) {
	s := newStaffAt(t, vn(2026, 9, 1, 8).UTC())
	s.mustCall(t, s.admin, "Offices.Save", OfficeRecord{Code: "38002", Name: "UBND xã Đông Hòa", Parent: "38001"}, nil)
	synced := vn(2026, 12, 1, 10).UTC()
	s.s.Sync.engine = func() SyncEngine { return fakeSync{last: map[string]time.Time{"38002": synced}} }
	var r II06aReply
	s.mustCall(t, s.leader, "Reports.II06a", ReportRequest{Period: "2026Q4"}, &r)
	got := map[string]report.Freshness{}
	for _, f := range r.Freshness {
		got[f.Office] = f
	}
	if !got["38002"].LastSync.Equal(synced) || !got["38001"].LastSync.IsZero() {
		t.Errorf("freshness %+v", r.Freshness)
	}
}
