package app

import (
	"testing"

	"hoso/dossier"
	"hoso/iso"
	"hoso/report"
	"hoso/store"
)

// isoYearEnv is an office whose 2026 has dossiers on time and late, rated
// satisfied and not, received online and in person, and a policy with four
// objectives (three measured, one manual).
type isoYearEnv struct {
	*staffEnv
	onTime, late, online string
}

func newIsoYear(t *testing.T) *isoYearEnv {
	t.Helper()
	s := newStaffAt(t, vn(2026, 9, 1, 8).UTC())
	y := &isoYearEnv{staffEnv: s}
	y.onTime = s.receiveAt(t, "Nguyễn Văn An", dossier.ChannelInPerson, vn(2026, 10, 1, 9))
	s.finish(t, y.onTime, "very_satisfied")
	y.late = s.receiveAt(t, "Trần Thị Bình", dossier.ChannelInPerson, vn(2026, 10, 5, 9))
	y.online = s.receiveAt(t, "Lê Văn Cường", dossier.ChannelOnline, vn(2026, 10, 6, 9))
	s.now = vn(2026, 11, 20, 9).UTC()
	s.finish(t, y.late, "unsatisfied")
	s.now = vn(2026, 12, 4, 9).UTC()
	s.mustCall(t, s.leader, "Iso.SetPolicy", PolicyRequest{Year: 2026, Text: "Phục vụ nhân dân đúng hạn, công khai, minh bạch."}, nil)
	for _, o := range []iso.Objective{
		{ID: "dung-han", Name: "≥ 98% hồ sơ đúng hạn", Kind: iso.ObjectiveMeasured, Metric: iso.MetricOnTimeRate, Target: 98},
		{ID: "hai-long", Name: "Hài lòng ≥ 40%", Kind: iso.ObjectiveMeasured, Metric: iso.MetricSatisfaction, Target: 40},
		{ID: "bo-sung", Name: "Không hồ sơ bổ sung lần hai", Kind: iso.ObjectiveMeasured, Metric: iso.MetricSecondSupplement, Target: 0},
		{ID: "dao-tao", Name: "Đào tạo ISO cho cán bộ", Kind: iso.ObjectiveManual, Comparison: iso.AtLeast, Unit: iso.UnitPercent, Target: 100, Note: "tỷ lệ cán bộ đã học"},
	} {
		o.Year = 2026
		s.mustCall(t, s.leader, "Iso.SetObjective", SetObjectiveRequest{Objective: o}, nil)
	}
	return y
}

func byID(rs []ObjectiveResult) map[string]ObjectiveResult {
	m := map[string]ObjectiveResult{}
	for _, r := range rs {
		m[r.Objective.ID] = r
	}
	return m
}

func TestIsoObjectivesMatchTheReports(t *testing.T) {
	y := newIsoYear(t)
	s := y.staffEnv
	var got ObjectivesReply
	s.mustCall(t, s.clerk, "Iso.Objectives", ObjectivesRequest{Year: 2026}, &got)
	if got.Policy == nil || got.Policy.Text == "" || len(got.Objectives) != 4 || len(got.Metrics) != 4 {
		t.Fatalf("objectives %+v", got)
	}
	m := byID(got.Objectives)

	// The on-time rate is II.06a's for the calendar year, month by month
	// too.
	var ii II06aReply
	s.mustCall(t, s.clerk, "Reports.II06a", ReportRequest{Period: "2026", Window: "calendar"}, &ii)
	ot := m["dung-han"]
	num, den := col(ii.Total, report.ColEarly)+col(ii.Total, report.ColOnTime), col(ii.Total, report.ColResolved)
	if den != 2 || num != 1 || ot.Numerator != num || ot.Denominator != den || ot.Value != 50 || !ot.Known {
		t.Errorf("on time %+v, II.06a %d/%d", ot, num, den)
	}
	if ot.Status != iso.StatusAtRisk {
		t.Errorf("50%% of 98%% in December: %s", ot.Status)
	}
	if len(ot.Trend) != 12 {
		t.Fatalf("trend %+v", ot.Trend)
	}
	for _, month := range []string{"2026-10", "2026-11"} {
		var mi II06aReply
		s.mustCall(t, s.clerk, "Reports.II06a", ReportRequest{Period: month, Window: "calendar"}, &mi)
		tr := ot.Trend[int(month[6]-'0')+9]
		if tr.Month != month || tr.Numerator != col(mi.Total, report.ColEarly)+col(mi.Total, report.ColOnTime) || tr.Denominator != col(mi.Total, report.ColResolved) {
			t.Errorf("%s: trend %+v, II.06a %+v", month, tr, mi.Total)
		}
	}
	if ot.Trend[9].Value != 100 || ot.Trend[10].Value != 0 || ot.Trend[0].Known {
		t.Errorf("October on time, November late, January nothing: %+v", ot.Trend)
	}

	// Satisfaction is the dashboard's satisfied target for the same period.
	var dash DashboardReply
	s.mustCall(t, s.clerk, "Reports.Dashboard", ReportRequest{Period: "2026", Window: "calendar"}, &dash)
	hl := m["hai-long"]
	for _, tg := range dash.Targets {
		if tg.Key == report.TargetSatisfied && (tg.Numerator != hl.Numerator || tg.Denominator != hl.Denominator || 100*tg.Value != hl.Value) {
			t.Errorf("satisfaction %+v, dashboard %+v", hl, tg)
		}
	}
	if hl.Value != 50 || hl.Status != iso.StatusMet {
		t.Errorf("satisfaction %+v", hl)
	}
	if bs := m["bo-sung"]; !bs.Known || bs.Value != 0 || bs.Status != iso.StatusMet {
		t.Errorf("second supplements %+v", bs)
	}
	if dt := m["dao-tao"]; dt.Known || dt.Status != iso.StatusNoData {
		t.Errorf("manual before any value %+v", dt)
	}

	// The late dossier is behind the on-time figure's miss.
	var drill DrillReply
	s.mustCall(t, s.clerk, "Iso.ObjectiveDossiers", ObjectiveDrillRequest{Year: 2026, ID: "dung-han", Missing: true}, &drill)
	if drill.Total != 1 || drill.Items[0].Code != y.late {
		t.Errorf("late drill-down %+v", drill)
	}
	s.mustCall(t, s.clerk, "Iso.ObjectiveDossiers", ObjectiveDrillRequest{Year: 2026, ID: "dung-han", Month: "2026-10"}, &drill)
	if drill.Total != 1 || drill.Items[0].Code != y.onTime {
		t.Errorf("October's resolved %+v", drill)
	}
	s.mustCall(t, s.clerk, "Iso.ObjectiveDossiers", ObjectiveDrillRequest{Year: 2026, ID: "hai-long", Missing: true}, &drill)
	if drill.Total != 1 || drill.Items[0].Code != y.late {
		t.Errorf("not satisfied drill-down %+v", drill)
	}
	if err := s.call(t, s.clerk, "Iso.ObjectiveDossiers", ObjectiveDrillRequest{Year: 2026, ID: "dao-tao"}, nil); err == nil || err.Field != "id" {
		t.Errorf("a manual objective drilled down: %v", err)
	}

	// After the year, the same figures are final.
	s.now = vn(2027, 1, 2, 9).UTC()
	s.mustCall(t, s.clerk, "Iso.Objectives", ObjectivesRequest{Year: 2026}, &got)
	if st := byID(got.Objectives)["dung-han"].Status; st != iso.StatusMissed {
		t.Errorf("after the year: %s", st)
	}
}

func TestIsoObjectiveManualValuesAndRules(t *testing.T) {
	y := newIsoYear(t)
	s := y.staffEnv
	if err := s.call(t, s.clerk, "Iso.SetObjective", SetObjectiveRequest{Objective: iso.Objective{Year: 2026, Name: "x", Kind: iso.ObjectiveManual, Comparison: iso.AtLeast}}, nil); err == nil || err.Code != CodeForbidden {
		t.Errorf("a clerk set an objective: %v", err)
	}
	if err := s.call(t, s.leader, "Iso.SetObjective", SetObjectiveRequest{Objective: iso.Objective{Year: 2026, Name: "x", Kind: iso.ObjectiveMeasured, Metric: "speed"}}, nil); err == nil || err.Field != "objective.metric" {
		t.Errorf("an unknown metric: %v", err)
	}
	if err := s.call(t, s.officer, "Iso.RecordObjectiveValue", ObjectiveValueRequest{Year: 2026, ID: "dung-han", Month: "2026-11", Value: 99, Note: "x"}, nil); err == nil || err.Field != "id" {
		t.Errorf("a measured value typed by hand: %v", err)
	}
	if err := s.call(t, s.officer, "Iso.RecordObjectiveValue", ObjectiveValueRequest{Year: 2026, ID: "dao-tao", Month: "2026-11", Value: 60}, nil); err == nil || err.Field != "note" {
		t.Errorf("a value without a note: %v", err)
	}
	s.mustCall(t, s.officer, "Iso.RecordObjectiveValue", ObjectiveValueRequest{Year: 2026, ID: "dao-tao", Month: "2026-10", Value: 60, Note: "danh sách lớp"}, nil)
	s.mustCall(t, s.officer, "Iso.RecordObjectiveValue", ObjectiveValueRequest{Year: 2026, ID: "dao-tao", Month: "2026-12", Value: 100, Note: "danh sách lớp"}, nil)
	var got ObjectivesReply
	s.mustCall(t, s.clerk, "Iso.Objectives", ObjectivesRequest{Year: 2026}, &got)
	dt := byID(got.Objectives)["dao-tao"]
	if !dt.Known || dt.Value != 100 || dt.Status != iso.StatusMet || len(dt.Values) != 2 || !dt.Trend[9].Known || dt.Trend[10].Known {
		t.Errorf("manual %+v", dt)
	}

	// Withdrawn objectives are no longer listed; the policy is replaced.
	w := dt.Objective
	w.Withdrawn = true
	s.mustCall(t, s.leader, "Iso.SetObjective", SetObjectiveRequest{Objective: w}, nil)
	s.mustCall(t, s.leader, "Iso.SetPolicy", PolicyRequest{Year: 2026, Text: "Chính sách mới"}, nil)
	s.mustCall(t, s.clerk, "Iso.Objectives", ObjectivesRequest{Year: 2026}, &got)
	if len(got.Objectives) != 3 || got.Policy.Text != "Chính sách mới" {
		t.Errorf("after withdrawal %d objectives, policy %+v", len(got.Objectives), got.Policy)
	}
	if err := s.call(t, s.leader, "Iso.SetPolicy", PolicyRequest{Year: 2026, Text: " "}, nil); err == nil || err.Field != "text" {
		t.Errorf("an empty policy: %v", err)
	}

	// A change is made from the revision in force; another desk's change
	// of the same revision is kept as a conflict, not applied.
	ot := byID(got.Objectives)["dung-han"].Objective
	ot.Target = 97
	var changed ObjectiveResult
	s.mustCall(t, s.leader, "Iso.SetObjective", SetObjectiveRequest{Objective: ot}, &changed)
	if changed.Objective.Revision != 1 {
		t.Errorf("changed %+v", changed.Objective)
	}
	other := ot
	other.Revision, other.Target = 1, 95
	if _, err := s.st.Append(store.Draft{Actor: "x", Owner: "38001", Kind: iso.KindObjectiveSet, Subject: iso.ObjectiveSubject("38001", 2026, "dung-han"), Body: mustJSON(other)}); err != nil {
		t.Fatal(err)
	}
	pol := *got.Policy
	pol.Revision, pol.Text = 1, "Chính sách của bàn khác"
	if _, err := s.st.Append(store.Draft{Actor: "x", Owner: "38001", Kind: iso.KindPolicySet, Subject: iso.PolicySubject("38001", 2026), Body: mustJSON(pol)}); err != nil {
		t.Fatal(err)
	}
	s.mustCall(t, s.clerk, "Iso.Objectives", ObjectivesRequest{Year: 2026}, &got)
	if r := byID(got.Objectives)["dung-han"]; r.Objective.Target != 97 || r.Conflicts != 1 {
		t.Errorf("after a concurrent change %+v (%d conflicts)", r.Objective, r.Conflicts)
	}
	if got.Policy.Text != "Chính sách mới" || got.PolicyConflicts != 1 {
		t.Errorf("after a concurrent restatement %q (%d conflicts)", got.Policy.Text, got.PolicyConflicts)
	}

	// A sibling office's objectives are not this office's to read.
	s.mustCall(t, s.admin, "Offices.Save", OfficeRecord{Code: "38", Name: "UBND tỉnh Thanh Hóa"}, nil)
	s.mustCall(t, s.admin, "Offices.Save", OfficeRecord{Code: "38001", Name: "UBND xã Đông Sơn", Parent: "38"}, nil)
	s.mustCall(t, s.admin, "Offices.Save", OfficeRecord{Code: "38002", Name: "UBND xã Đông Hòa", Parent: "38"}, nil)
	if err := s.call(t, s.clerk, "Iso.Objectives", ObjectivesRequest{Office: "38002", Year: 2026}, nil); err == nil || err.Code != CodeForbidden {
		t.Errorf("a sibling's objectives read: %v", err)
	}
	if err := s.call(t, s.clerk, "Iso.Objectives", ObjectivesRequest{Office: "38", Year: 2026}, nil); err == nil || err.Code != CodeForbidden {
		t.Errorf("the province's objectives read from a commune: %v", err)
	}
}
