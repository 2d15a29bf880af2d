package app

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"hoso/iso"
	"hoso/p2p/syncproto"
	"hoso/store"
)

// auditPlan is a plan of the staff office's audit of procedure 1.004837
// and clause 8 over the year to the test's day, by the given auditors.
func auditPlan(auditors ...string) PlanAuditRequest {
	return PlanAuditRequest{iso.AuditPlan{
		Title: "Đánh giá nội bộ 2026", Clauses: []string{"8"}, Processes: []string{"1.004837"}, Auditors: auditors,
		From: "2026-11-27", To: "2026-11-28", PeriodFrom: "2026-01-01", PeriodTo: "2026-11-27",
	}}
}

func TestIsoAuditOwnWorkRuleRefuses(t *testing.T) {
	s := newStaff(t)
	s.receive(t, "Trần Văn Bình") // the clerk handles a dossier of 1.004837

	err := s.call(t, s.leader, "Iso.PlanAudit", auditPlan(s.ids["vanthu"]), nil)
	if err == nil || err.Code != CodeInvalidInput || err.Field != "auditors" || err.Params["rule"] != iso.RuleOwnWork || !strings.Contains(err.Message, "own work") {
		t.Fatalf("the clerk audits the process she handled: %v", err)
	}
	// A leader auditing the leadership clause audits his own work.
	p := auditPlan(s.ids["lanhdao"])
	p.Clauses, p.Processes = []string{"5"}, nil
	if err := s.call(t, s.leader, "Iso.PlanAudit", p, nil); err == nil || err.Params["rule"] != iso.RuleOwnWork {
		t.Fatalf("a leader audits clause 5: %v", err)
	}
	// Nobody else's work is the officer's: accepted.
	var a AuditReply
	s.mustCall(t, s.leader, "Iso.PlanAudit", auditPlan(s.ids["chuyenvien"]), &a)
	if a.Audit.Plan.ID != "2026-11-27"[:4]+"-1" || a.Audit.Plan.Lead != s.ids["chuyenvien"] || len(a.Checklist) == 0 {
		t.Fatalf("planned: %+v", a)
	}
	// An unknown user and a clerk planning are refused.
	if err := s.call(t, s.leader, "Iso.PlanAudit", auditPlan("nobody"), nil); err == nil || err.Field != "auditors" {
		t.Fatalf("unknown auditor: %v", err)
	}
	if err := s.call(t, s.clerk, "Iso.PlanAudit", auditPlan(s.ids["chuyenvien"]), nil); err == nil || err.Code != CodeForbidden {
		t.Fatalf("a clerk plans: %v", err)
	}
}

// ncEvents returns the events of a nonconformity's subject.
func ncEvents(t *testing.T, st *store.Store, id string) []*store.Event {
	t.Helper()
	evs, err := st.Events(iso.NCSubject("38001", id))
	if err != nil {
		t.Fatal(err)
	}
	return evs
}

func TestIsoAuditFindingRaisesOneNC(t *testing.T) {
	s := newStaff(t)
	code := s.receive(t, "Trần Văn Bình")
	var a AuditReply
	s.mustCall(t, s.leader, "Iso.PlanAudit", auditPlan(s.ids["chuyenvien"]), &a)
	id := a.Audit.Plan.ID

	// Only the audit's auditors record; a dossier as evidence must exist
	// and be the office's.
	check := RecordCheckRequest{Audit: id, Item: "1.004837/2", Result: iso.ResultNonconform, Evidence: []iso.AuditEvidence{{Kind: iso.EvidenceDossier, Ref: code}}}
	if err := s.call(t, s.clerk, "Iso.RecordCheck", check, nil); err == nil || err.Code != CodeForbidden {
		t.Fatalf("a clerk records a check: %v", err)
	}
	bad := check
	bad.Evidence = []iso.AuditEvidence{{Kind: iso.EvidenceDossier, Ref: "38001-000000-9999"}}
	if err := s.call(t, s.officer, "Iso.RecordCheck", bad, nil); err == nil || err.Code != CodeNotFound || err.Field != "evidence[0].ref" {
		t.Fatalf("an unknown dossier as evidence: %v", err)
	}
	if _, err := visibleDossier(s.st, "38002", code, "ref"); err == nil {
		t.Fatal("another commune cites this office's dossier")
	}
	s.mustCall(t, s.officer, "Iso.RecordCheck", check, &a)
	if c := a.Audit.Checks["1.004837/2"]; c.Result != iso.ResultNonconform || len(c.Evidence) != 1 || c.By != s.ids["chuyenvien"] {
		t.Fatalf("check: %+v", a.Audit.Checks)
	}

	// A second desk that had not seen this check records the same item:
	// a visible conflict, settled when an auditor records it again.
	s.now = s.now.Add(time.Minute)
	other := iso.Check{Item: "1.004837/2", Result: iso.ResultConform, By: "desk2", At: s.now}
	if _, err := s.st.Append(store.Draft{Actor: s.ids["chuyenvien"], Owner: "38001", Kind: iso.KindAuditChecked, Subject: iso.AuditSubject("38001", id), Body: mustJSON(other)}); err != nil {
		t.Fatal(err)
	}
	s.mustCall(t, s.clerk, "Iso.Audit", AuditRequest{ID: id}, &a)
	if len(a.Audit.Conflicts) != 1 || a.Audit.Conflicts[0].Item != "1.004837/2" || a.Audit.Checks["1.004837/2"].By != "desk2" {
		t.Fatalf("conflict: %+v", a.Audit.Conflicts)
	}
	s.now = s.now.Add(time.Minute)
	s.mustCall(t, s.officer, "Iso.RecordCheck", check, &a)
	if len(a.Audit.Conflicts) != 0 {
		t.Fatalf("not settled: %+v", a.Audit.Conflicts)
	}

	finding := AddFindingRequest{Audit: id, Kind: iso.FindingNonconformity, Clause: "8.5.1", Process: "1.004837", Title: "Hồ sơ trễ bước thẩm định",
		Evidence: []iso.AuditEvidence{{Kind: iso.EvidenceDossier, Ref: code}}}
	s.mustCall(t, s.officer, "Iso.AddFinding", finding, &a)
	if len(a.Audit.Findings) != 1 || a.Audit.Findings[0].ID != "F1" || a.Audit.Findings[0].NC != "audit-"+id+"-F1" {
		t.Fatalf("finding: %+v", a.Audit.Findings)
	}
	evs := ncEvents(t, s.st, "audit-"+id+"-F1")
	if len(evs) != 1 || evs[0].Kind != iso.KindNCRaised || evs[0].Owner != "38001" {
		t.Fatalf("NC events: %+v", evs)
	}
	var nc iso.NCRaised
	if !decodeBody(evs[0], &nc) || nc.Source != iso.SourceAudit || nc.Cause != "audit:"+id+":F1" || nc.Dossier != code || nc.Audit != id || nc.Finding != "F1" {
		t.Fatalf("NC: %+v", nc)
	}
	// Adding it again (a retry) replaces the finding and raises nothing.
	finding.ID = "F1"
	s.mustCall(t, s.officer, "Iso.AddFinding", finding, &a)
	if n := len(ncEvents(t, s.st, "audit-"+id+"-F1")); n != 1 || len(a.Audit.Findings) != 1 || len(a.Audit.Conflicts) != 0 {
		t.Fatalf("re-adding: %d NC events, %d findings", n, len(a.Audit.Findings))
	}
	// An observation raises none.
	s.mustCall(t, s.officer, "Iso.AddFinding", AddFindingRequest{Audit: id, Kind: iso.FindingObservation, Clause: "9.1.2", Title: "Khảo sát hằng tháng"}, &a)
	if len(a.Audit.Findings) != 2 || a.Audit.Findings[1].NC != "" || len(ncEvents(t, s.st, "audit-"+id+"-F2")) != 0 {
		t.Fatalf("observation: %+v", a.Audit.Findings)
	}

	// The report closes the audit.
	if err := s.call(t, s.officer, "Iso.ReportAudit", ReportAuditRequest{Audit: id}, nil); err == nil || err.Field != "conclusion" {
		t.Fatalf("report without conclusion: %v", err)
	}
	s.now = s.now.Add(time.Hour)
	s.mustCall(t, s.officer, "Iso.ReportAudit", ReportAuditRequest{Audit: id, Conclusion: "Duy trì hiệu lực, một điểm không phù hợp."}, &a)
	if !a.Audit.Reported() || a.Editable {
		t.Fatalf("report: %+v", a)
	}
	if err := s.call(t, s.officer, "Iso.AddFinding", finding, nil); err == nil || err.Field != "audit" {
		t.Fatalf("a finding after the report: %v", err)
	}
	sum, err := isoAuditSummary(s.st, "38001", s.now.AddDate(0, -1, 0), s.now.Add(time.Hour))
	if err != nil || sum.Audits != 1 || sum.Findings != 2 || sum.Nonconformities != 1 || sum.Last == nil {
		t.Fatalf("summary %+v %v", sum, err)
	}
	var list AuditsReply
	s.mustCall(t, s.clerk, "Iso.Audits", AuditsRequest{Year: 2026}, &list)
	if len(list.Audits) != 1 || list.Audits[0].Reported.IsZero() || list.Audits[0].Findings != 2 {
		t.Fatalf("list: %+v", list)
	}

	// The report prints with a QR that verifies against the records.
	var pdf FormReply
	s.mustCall(t, s.clerk, "Iso.PrintAudit", AuditRequest{ID: id}, &pdf)
	raw, _ := base64.StdEncoding.DecodeString(pdf.Content)
	if !strings.HasPrefix(string(raw), "%PDF") || !strings.Contains(pdf.Verify, "|iso/audit/38001/"+id+"|") {
		t.Fatalf("print: %q %d bytes", pdf.Verify, len(raw))
	}
	var v VerifyReply
	s.mustCall(t, s.clerk, "Records.Verify", VerifyRequest{Text: pdf.Verify}, &v)
	if v.Status != VerifyMatch {
		t.Fatalf("verify: %+v", v)
	}
}

func TestIsoAuditProgramme(t *testing.T) {
	s := newStaff(t)
	req := SetProgrammeRequest{Year: 2026, Entries: []iso.ProgrammeEntry{{Title: "Một cửa", Month: 6, Clauses: []string{"8"}, Processes: []string{"1.004837"}}}}
	if err := s.call(t, s.clerk, "Iso.SetProgramme", req, nil); err == nil || err.Code != CodeForbidden {
		t.Fatalf("a clerk sets the programme: %v", err)
	}
	bad := req
	bad.Entries = []iso.ProgrammeEntry{{Title: "x", Month: 13, Clauses: []string{"8"}}}
	if err := s.call(t, s.leader, "Iso.SetProgramme", bad, nil); err == nil || err.Field != "entries[0].month" {
		t.Fatalf("month 13: %v", err)
	}
	var p ProgrammeReply
	s.mustCall(t, s.leader, "Iso.SetProgramme", req, &p)
	s.mustCall(t, s.clerk, "Iso.Programme", ProgrammeRequest{Year: 2026}, &p)
	if len(p.Entries) != 1 || p.Entries[0].ID != "A1" || p.Version != 1 || len(p.Clauses) != 7 || len(p.Processes) == 0 {
		t.Fatalf("programme: %+v", p)
	}
	// An office this node does not hold is not found (a sibling it holds
	// is refused: TestIsoTreeShowsTheOfficesBelowReadOnly).
	if err := s.call(t, s.clerk, "Iso.Programme", ProgrammeRequest{Office: "38002", Year: 2026}, nil); err == nil || err.Code != CodeNotFound {
		t.Fatalf("a commune reads an unknown office's programme: %v", err)
	}
}

// fakeTree places the district 405 and its communes 38001 and 38002.
type fakeTree map[string]string

func (f fakeTree) Path(office string) (string, bool) { p, ok := f[office]; return p, ok }

// An audit's events and the nonconformity its finding raises are the
// office's own: the sync scope sends them to the district above it, never
// to a sibling commune.
func TestIsoAuditSyncScope(t *testing.T) {
	s := newStaff(t)
	var a AuditReply
	s.mustCall(t, s.leader, "Iso.SetProgramme", SetProgrammeRequest{Year: 2026, Entries: []iso.ProgrammeEntry{{Title: "Một cửa", Month: 11, Clauses: []string{"8"}}}}, nil)
	s.mustCall(t, s.leader, "Iso.PlanAudit", auditPlan(s.ids["chuyenvien"]), &a)
	id := a.Audit.Plan.ID
	s.mustCall(t, s.officer, "Iso.AddFinding", AddFindingRequest{Audit: id, Kind: iso.FindingNonconformity, Clause: "8.5.1", Title: "Trễ hạn"}, nil)
	s.mustCall(t, s.officer, "Iso.ReportAudit", ReportAuditRequest{Audit: id, Conclusion: "Kết luận"}, nil)

	tree := fakeTree{"38": "38", "405": "38/405", "38001": "38/405/38001", "38002": "38/405/38002"}
	subjects := []string{iso.AuditSubject("38001", id), iso.NCSubject("38001", iso.FindingNCID(id, "F1")), iso.ProgrammeSubject("38001", 2026)}
	n := 0
	for _, subject := range subjects {
		evs, err := s.st.Events(subject)
		if err != nil {
			t.Fatal(err)
		}
		audience, err := s.st.Audience(subject)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range evs {
			n++
			if e.Owner != "38001" {
				t.Errorf("%s %s is owned by %q", subject, e.Kind, e.Owner)
			}
			if !syncproto.NewScope("38/405", tree).Visible(e, audience) {
				t.Errorf("%s %s does not reach the district", subject, e.Kind)
			}
			if syncproto.NewScope("38/405/38002", tree).Visible(e, audience) {
				t.Errorf("%s %s reaches a sibling commune", subject, e.Kind)
			}
		}
	}
	if n != 5 {
		t.Fatalf("%d events, want 5 (programme, plan, finding, NC, report)", n)
	}
}
