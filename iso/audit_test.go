package iso

import (
	"strings"
	"testing"
	"time"
)

func plan() AuditPlan {
	return AuditPlan{
		ID: "2026-1", Office: "38001", Title: "Đánh giá nội bộ 2026", Clauses: []string{"8", "9"},
		Processes: []string{"1.004837"}, Auditors: []string{"u1", "u2"}, Lead: "u1",
		From: "2026-11-10", To: "2026-11-11", PeriodFrom: "2026-01-01", PeriodTo: "2026-10-31",
	}
}

func TestAuditPlanValidate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(p *AuditPlan)
		field string
	}{
		{"valid", func(*AuditPlan) {}, ""},
		{"bad id", func(p *AuditPlan) { p.ID = "a/b" }, "id"},
		{"no title", func(p *AuditPlan) { p.Title = " " }, "title"},
		{"no scope", func(p *AuditPlan) { p.Clauses, p.Processes = nil, nil }, "scope"},
		{"unknown clause", func(p *AuditPlan) { p.Clauses = []string{"11"} }, "scope"},
		{"twice", func(p *AuditPlan) { p.Clauses = []string{"8", "8"} }, "scope"},
		{"no auditor", func(p *AuditPlan) { p.Auditors = nil }, "auditors"},
		{"auditor twice", func(p *AuditPlan) { p.Auditors = []string{"u1", "u1"} }, "auditors"},
		{"lead not auditor", func(p *AuditPlan) { p.Lead = "u9" }, "lead"},
		{"bad from", func(p *AuditPlan) { p.From = "10/11/2026" }, "from"},
		{"to before from", func(p *AuditPlan) { p.To = "2026-11-09" }, "to"},
		{"period reversed", func(p *AuditPlan) { p.PeriodTo = "2025-12-31" }, "periodTo"},
		{"period after audit", func(p *AuditPlan) { p.PeriodFrom, p.PeriodTo = "2026-12-01", "2026-12-31" }, "periodFrom"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := plan()
			tc.edit(&p)
			err := p.Validate()
			switch {
			case tc.field == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tc.field != "" && err == nil:
				t.Fatalf("accepted")
			case tc.field != "" && err.Field != tc.field:
				t.Fatalf("field %q, want %q (%v)", err.Field, tc.field, err)
			}
		})
	}
}

func TestCheckAuditorOwnWork(t *testing.T) {
	handled := []Handling{{User: "u1", Process: "1.004837", Dossier: "38001-261101-0001"}, {User: "u2", Process: "2.000001", Dossier: "38001-261101-0002"}}
	for _, tc := range []struct {
		name    string
		plan    func(p *AuditPlan)
		auditor Auditor
		refused bool
	}{
		{"handled an audited process", func(*AuditPlan) {}, Auditor{User: "u1", Handled: handled}, true},
		{"handled another process", func(*AuditPlan) {}, Auditor{User: "u2", Handled: handled}, false},
		{"someone else's handling", func(*AuditPlan) {}, Auditor{User: "u3", Handled: handled}, false},
		{"leader auditing leadership", func(p *AuditPlan) { p.Clauses = []string{"5"} }, Auditor{User: "u4", Roles: []string{"leader"}}, true},
		{"leader auditing operations", func(p *AuditPlan) { p.Clauses = []string{"8"}; p.Processes = nil }, Auditor{User: "u4", Roles: []string{"leader"}}, false},
		{"clerk auditing leadership", func(p *AuditPlan) { p.Clauses = []string{"5"} }, Auditor{User: "u5", Roles: []string{"clerk"}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := plan()
			tc.plan(&p)
			err := CheckAuditor(p, tc.auditor)
			if (err != nil) != tc.refused {
				t.Fatalf("refused=%v, want %v (%v)", err != nil, tc.refused, err)
			}
			if err != nil && (err.Rule != RuleOwnWork || err.Field != "auditors" || !strings.Contains(err.Message, "own work")) {
				t.Fatalf("error does not name the rule: %+v", err)
			}
		})
	}
}

func TestChecklist(t *testing.T) {
	items := Checklist([]string{"4", "10"}, []string{"P1"})
	if len(items) != 3+2+len(processQuestions) {
		t.Fatalf("%d items: %+v", len(items), items)
	}
	if items[0].ID != "4.1" || items[0].Clause != "4" || items[len(items)-1].ID != "P1/4" || items[len(items)-1].Process != "P1" {
		t.Fatalf("order: %+v", items)
	}
	for _, c := range Clauses {
		for _, it := range c.Items {
			if !strings.HasPrefix(it.ID, c.No+".") {
				t.Errorf("item %s is not under clause %s", it.ID, c.No)
			}
		}
	}
}

func TestCheckAndFindingValidate(t *testing.T) {
	p := plan()
	for _, tc := range []struct {
		name  string
		check Check
		field string
	}{
		{"valid", Check{Item: "8.5.1", Result: ResultConform, Evidence: []AuditEvidence{{Kind: EvidenceDossier, Ref: "38001-261101-0001"}}}, ""},
		{"process item", Check{Item: "1.004837/2", Result: ResultNonconform}, ""},
		{"item outside the scope", Check{Item: "5.1", Result: ResultConform}, "item"},
		{"bad result", Check{Item: "8.2", Result: "ok"}, "result"},
		{"bad evidence kind", Check{Item: "8.2", Result: ResultConform, Evidence: []AuditEvidence{{Kind: "photo", Ref: "x"}}}, "evidence[0].kind"},
		{"print without QR text", Check{Item: "8.2", Result: ResultConform, Evidence: []AuditEvidence{{Kind: EvidencePrint, Ref: "abc"}}}, "evidence[0].ref"},
		{"empty ref", Check{Item: "8.2", Result: ResultConform, Evidence: []AuditEvidence{{Kind: EvidenceRecord, Ref: " "}}}, "evidence[0].ref"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.check.Validate(p)
			if (err == nil) != (tc.field == "") || err != nil && err.Field != tc.field {
				t.Fatalf("got %v, want field %q", err, tc.field)
			}
		})
	}
	for _, tc := range []struct {
		name  string
		f     Finding
		field string
	}{
		{"valid", Finding{ID: "F1", Kind: FindingNonconformity, Clause: "8.5.1", Process: "1.004837", Title: "Trễ hạn"}, ""},
		{"bad kind", Finding{ID: "F1", Kind: "minor", Clause: "8", Title: "x"}, "kind"},
		{"bad clause", Finding{ID: "F1", Kind: FindingObservation, Clause: "12", Title: "x"}, "clause"},
		{"process outside scope", Finding{ID: "F1", Kind: FindingObservation, Clause: "8", Process: "9.9", Title: "x"}, "process"},
		{"no title", Finding{ID: "F1", Kind: FindingImprovement, Clause: "10.3"}, "title"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.f.Validate(p)
			if (err == nil) != (tc.field == "") || err != nil && err.Field != tc.field {
				t.Fatalf("got %v, want field %q", err, tc.field)
			}
		})
	}
}

func TestProgrammeValidate(t *testing.T) {
	good := Programme{Office: "38001", Year: 2026, Entries: []ProgrammeEntry{{ID: "Q2", Title: "Một cửa", Month: 6, Clauses: []string{"8"}}}}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	for field, edit := range map[string]func(p *Programme){
		"year":             func(p *Programme) { p.Year = 26 },
		"entries[0].month": func(p *Programme) { p.Entries[0].Month = 13 },
		"entries[0].title": func(p *Programme) { p.Entries[0].Title = "" },
		"entries[0].scope": func(p *Programme) { p.Entries[0].Clauses = nil },
		"entries[1].id":    func(p *Programme) { p.Entries = append(p.Entries, p.Entries[0]) },
	} {
		p := good
		p.Entries = append([]ProgrammeEntry(nil), good.Entries...)
		edit(&p)
		if err := p.Validate(); err == nil || err.Field != field {
			t.Errorf("%s: got %v", field, err)
		}
	}
}

func TestFindingNCAndFold(t *testing.T) {
	p := plan()
	at := time.Date(2026, 11, 11, 3, 0, 0, 0, time.UTC)
	f := Finding{ID: "F1", Kind: FindingNonconformity, Clause: "8.5.1", Process: "1.004837", Title: "Trễ hạn", By: "u1", At: at}
	nc := FindingNC(p, f)
	if nc.Source != SourceAudit || nc.Cause != "audit:2026-1:F1" || nc.ID != "audit-2026-1-F1" || nc.Audit != "2026-1" || nc.Finding != "F1" || nc.Office != "38001" {
		t.Fatalf("nc: %+v", nc)
	}
	var a Audit
	a.ApplyCheck(Check{Item: "8.2"}) // before the plan: not applied
	a.ApplyPlan(p)
	a.ApplyFinding(f)
	again := f
	again.Replaces = f.Key()
	a.ApplyFinding(again) // again, having seen it: replaced, not added, no conflict
	a.ApplyFinding(Finding{ID: "F2", Kind: FindingObservation, Clause: "9.1.2", Title: "Khảo sát"})
	a.ApplyReport(AuditReport{Conclusion: "Phù hợp", At: at})
	a.ApplyFinding(Finding{ID: "F3", Kind: FindingObservation, Clause: "9", Title: "late"})
	a.ApplyPlan(AuditPlan{ID: "other"})
	if len(a.Checks) != 0 || len(a.Findings) != 2 || a.Plan.ID != p.ID || !a.Reported() || len(a.Conflicts) != 0 {
		t.Fatalf("fold: %+v", a)
	}
	var s AuditSummary
	s.Add(a, at.Add(-time.Hour), at.Add(time.Hour))
	s.Add(a, at.Add(time.Hour), at.Add(2*time.Hour))
	if s.Audits != 1 || s.Findings != 2 || s.Nonconformities != 1 || s.Last == nil || !s.Last.Equal(at) {
		t.Fatalf("summary: %+v", s)
	}
}

func TestAuditConflicts(t *testing.T) {
	var a Audit
	a.ApplyPlan(plan())
	at := time.Date(2026, 11, 11, 3, 0, 0, 0, time.UTC)
	one := Check{Item: "8.2", Result: ResultConform, By: "u1", At: at}
	a.ApplyCheck(one)
	// A second desk, which had not seen the first check, records the
	// same item: the later stands, the conflict is listed.
	two := Check{Item: "8.2", Result: ResultNonconform, By: "u2", At: at.Add(time.Minute)}
	a.ApplyCheck(two)
	if len(a.Conflicts) != 1 || a.Conflicts[0] != (AuditConflict{Item: "8.2", Kept: two.Key(), Lost: one.Key()}) || a.Checks["8.2"].Result != ResultNonconform {
		t.Fatalf("conflict: %+v", a.Conflicts)
	}
	// Recording it again, having seen the one in force, settles it.
	three := Check{Item: "8.2", Result: ResultConform, By: "u1", At: at.Add(2 * time.Minute), Replaces: two.Key()}
	a.ApplyCheck(three)
	if len(a.Conflicts) != 0 {
		t.Fatalf("not settled: %+v", a.Conflicts)
	}
	// Two desks both numbering a finding F1.
	f1 := Finding{ID: "F1", Kind: FindingObservation, Clause: "9", Title: "a", By: "u1", At: at}
	f2 := Finding{ID: "F1", Kind: FindingObservation, Clause: "9", Title: "b", By: "u2", At: at}
	a.ApplyFinding(f1)
	a.ApplyFinding(f2)
	if len(a.Conflicts) != 1 || !a.Conflicts[0].Finding || a.Conflicts[0].Lost != f1.Key() {
		t.Fatalf("finding conflict: %+v", a.Conflicts)
	}
}
