package app

import (
	"testing"
	"time"

	"hoso/inspect"
	"hoso/store"
)

// inspectEnv is district 405 with an inspector, and a user of each of its
// communes 38001 and 38002, logged in.
type inspectEnv struct {
	*testEnv
	inspector, officer, sibling string
	officerID                   string
	siblingID                   string
}

func newInspectEnv(t *testing.T) *inspectEnv {
	t.Helper()
	e, admin := districtEnv(t)
	env := &inspectEnv{testEnv: e}
	for _, u := range []struct {
		name, office string
		role         Role
		session, id  *string
	}{
		{"thanhtra", "405", RoleInspector, &env.inspector, nil},
		{"chuyenvien", "38001", RoleOfficer, &env.officer, &env.officerID},
		{"xakhac", "38002", RoleOfficer, &env.sibling, &env.siblingID},
	} {
		var info UserInfo
		e.mustCall(t, admin, "Users.Save", SaveUserRequest{Username: u.name, FullName: u.name, Office: u.office, Roles: []Role{u.role}, Password: "12345678"}, &info)
		if u.id != nil {
			*u.id = info.ID
		}
		var l LoginReply
		e.mustCall(t, "", "Auth.Login", LoginRequest{Username: u.name, Password: "12345678"}, &l)
		*u.session = l.Session
	}
	return env
}

func wantRule(t *testing.T, what string, err *Error, rule string) {
	t.Helper()
	if err == nil || err.Params["rule"] != rule {
		t.Fatalf("%s: %v, want rule %s", what, err, rule)
	}
}

// TestInspectionsFollowAFindingToClosure: the district's inspector visits
// a commune, fails an item with its fix, the commune answers, the
// inspector closes and reopens it; every refusal names its rule.
func TestInspectionsFollowAFindingToClosure(t *testing.T) {
	e := newInspectEnv(t)
	plan := PlanInspectionRequest{Office: "38001", Date: "2026-11-27", Title: "Kiểm tra một cửa", Text: []string{"Niêm yết thủ tục", "Sổ theo dõi"}}
	for _, c := range []struct {
		name    string
		session string
		office  string
		code    Code
	}{
		{"own office", e.inspector, "405", CodeInvalidInput},
		{"office above", e.inspector, "38", CodeForbidden},
		{"not an inspector", e.officer, "38001", CodeForbidden},
	} {
		p := plan
		p.Office = c.office
		if err := e.call(t, c.session, "Inspections.Plan", p, nil); err == nil || err.Code != c.code {
			t.Fatalf("%s: %v, want %s", c.name, err, c.code)
		}
	}
	// A plan task is named plan:<plan>:<task>, and must be one this node holds.
	for _, c := range []struct{ ref, field string }{{"plan:T1", "tasks[0].ref"}, {"plan:38-kh:T1", "tasks[0]"}} {
		p := plan
		p.Tasks = []string{c.ref}
		if err := e.call(t, e.inspector, "Inspections.Plan", p, nil); err == nil || err.Field != c.field {
			t.Fatalf("task %s: %v, want field %s", c.ref, err, c.field)
		}
	}
	var r InspectionReply
	e.mustCall(t, e.inspector, "Inspections.Plan", plan, &r)
	id := r.Inspection.Plan.ID
	if id != "405-20261127-1" || len(r.Inspection.Plan.Checklist) != 2 || !r.Inspect || len(r.Owners) != 1 {
		t.Fatalf("plan %+v inspect %v owners %v", r.Inspection.Plan, r.Inspect, r.Owners)
	}
	check := CheckItemRequest{Office: "38001", Inspection: id, Item: "C1", Result: inspect.Fail, Note: "Thiếu niêm yết"}
	wantRule(t, "a failed item without a finding", e.call(t, e.inspector, "Inspections.Check", check, nil), inspect.RuleFailNeedsFinding)
	check.Finding = &InspectionFindingInput{Text: "Chưa niêm yết thủ tục mới", Due: "2026-12-05"}
	wantRule(t, "a fix without an owner", e.call(t, e.inspector, "Inspections.Check", check, nil), inspect.RuleFixNeedsOwner)
	check.Finding.Owner = e.siblingID
	wantRule(t, "a fix owned by a sibling's user", e.call(t, e.inspector, "Inspections.Check", check, nil), inspect.RuleFixNeedsOwner)
	check.Finding.Owner, check.Finding.Due = e.officerID, ""
	wantRule(t, "a fix without a due date", e.call(t, e.inspector, "Inspections.Check", check, nil), inspect.RuleFixNeedsDue)
	check.Finding.Due = "2026-12-05"
	bad := check
	bad.Evidence = []inspect.EvidenceRef{{Kind: inspect.EvidenceDossier, Ref: "38002-261127-0001"}}
	if err := e.call(t, e.inspector, "Inspections.Check", bad, nil); err == nil || err.Code != CodeNotFound {
		t.Fatalf("a dossier the office does not hold as evidence: %v", err)
	}
	e.mustCall(t, e.inspector, "Inspections.Check", check, &r)
	if f := r.Inspection.Findings; len(f) != 1 || f[0].ID != "F1" || f[0].State != inspect.Open || len(r.Unfounded) != 0 {
		t.Fatalf("after the check: %+v unfounded %v", f, r.Unfounded)
	}

	answer := FindingAnswerRequest{Office: "38001", Inspection: id, Finding: "F1", Text: "Đã niêm yết ngày 01/12"}
	wantRule(t, "the inspector answering", e.call(t, e.inspector, "Inspections.Answer", answer, nil), inspect.RuleOfficeAnswers)
	wantRule(t, "a sibling answering", e.call(t, e.sibling, "Inspections.Answer", answer, nil), inspect.RuleOfficeAnswers)
	e.mustCall(t, e.officer, "Inspections.Answer", answer, &r)
	if f := r.Inspection.Findings[0]; f.State != inspect.Answered || len(f.Answers) != 1 || r.Inspect || !r.Answer {
		t.Fatalf("after the answer: %+v", f)
	}
	if err := e.call(t, e.sibling, "Inspections.Get", InspectionRequest{Office: "38001", ID: id}, nil); err == nil || err.Code != CodeForbidden {
		t.Fatalf("a sibling reads the inspection: %v", err)
	}

	dec := FindingDecisionRequest{Office: "38001", Inspection: id, Finding: "F1"}
	wantRule(t, "the office closing", e.call(t, e.officer, "Inspections.Close", dec, nil), inspect.RuleInspectorOnly)
	wantRule(t, "reopening an open finding", e.call(t, e.inspector, "Inspections.Reopen", dec, nil), inspect.RuleState)
	e.mustCall(t, e.inspector, "Inspections.Close", dec, &r)
	if r.Inspection.Findings[0].State != inspect.Closed {
		t.Fatalf("closed: %+v", r.Inspection.Findings[0])
	}
	wantRule(t, "answering a closed finding", e.call(t, e.officer, "Inspections.Answer", answer, nil), inspect.RuleState)
	e.mustCall(t, e.inspector, "Inspections.Reopen", dec, &r)
	if r.Inspection.Findings[0].State != inspect.Reopened {
		t.Fatalf("reopened: %+v", r.Inspection.Findings[0])
	}

	// A second finding whose fix falls due, then the day passes.
	e.mustCall(t, e.inspector, "Inspections.AddFinding", InspectionFindingRequest{Office: "38001", Inspection: id, Item: "C2",
		InspectionFindingInput: InspectionFindingInput{Text: "Sổ theo dõi chưa cập nhật", Owner: e.officerID, Due: "2026-11-28"}}, &r)
	e.now = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	var over InspectionOverdueReply
	e.mustCall(t, e.inspector, "Inspections.Overdue", InspectionOverdueRequest{}, &over)
	if over.Total.Overdue != 1 || over.Total.Open != 2 || len(over.Offices) != 1 || over.Offices[0].Office != "38001" {
		t.Fatalf("overdue %+v", over)
	}
	e.mustCall(t, e.sibling, "Inspections.Overdue", InspectionOverdueRequest{}, &over)
	if over.Total.Open != 0 || len(over.Offices) != 0 {
		t.Fatalf("a sibling counts another commune's findings: %+v", over)
	}
	// The dashboards count it: the district's (its subtree) and the
	// commune's, not the sibling's.
	for _, c := range []struct {
		session string
		want    int
	}{{e.inspector, 1}, {e.officer, 1}, {e.sibling, 0}} {
		var dash DashboardReply
		e.mustCall(t, c.session, "Reports.Dashboard", ReportRequest{Period: "2026Q4"}, &dash)
		if dash.OverdueFixes != c.want {
			t.Errorf("a dashboard counts %d overdue fixes, want %d", dash.OverdueFixes, c.want)
		}
	}
	var list InspectionsReply
	e.mustCall(t, e.officer, "Inspections.List", InspectionsRequest{}, &list)
	if len(list.Inspections) != 1 || list.Inspections[0].Overdue != 1 || list.CanPlan {
		t.Fatalf("the commune's list %+v", list)
	}
	e.mustCall(t, e.inspector, "Inspections.List", InspectionsRequest{}, &list)
	if len(list.Inspections) != 1 || !list.CanPlan {
		t.Fatalf("the inspector's list %+v", list)
	}

	// The record prints, and the paper matches until the next event.
	var form FormReply
	e.mustCall(t, e.inspector, "Inspections.Print", InspectionRequest{Office: "38001", ID: id}, &form)
	var v VerifyReply
	e.mustCall(t, e.officer, "Records.Verify", VerifyRequest{Text: form.Verify}, &v)
	if v.Status != VerifyMatch || form.Content == "" {
		t.Fatalf("verify %+v", v)
	}
	e.mustCall(t, e.inspector, "Inspections.Close", dec, nil)
	e.mustCall(t, e.officer, "Records.Verify", VerifyRequest{Text: form.Verify}, &v)
	if v.Status != VerifyChanged {
		t.Fatalf("verify after a close %+v", v)
	}
}

// TestInspectionsForeignWrites: the fold applies the inspector's part
// only from the inspector's office and the answers only from the
// inspected office, and two desks' concurrent checks show as a conflict.
func TestInspectionsForeignWrites(t *testing.T) {
	e := newInspectEnv(t)
	var r InspectionReply
	e.mustCall(t, e.inspector, "Inspections.Plan", PlanInspectionRequest{Office: "38001", Date: "2026-11-27", Title: "Kiểm tra", Text: []string{"Niêm yết"}}, &r)
	subject := r.Subject
	e.mustCall(t, e.inspector, "Inspections.Check", CheckItemRequest{Office: "38001", Inspection: r.Inspection.Plan.ID, Item: "C1", Result: inspect.Pass}, &r)
	seen := r.Inspection.Checks["C1"].Key()
	write := func(owner, kind string, body any) {
		t.Helper()
		if _, err := e.st.Append(store.Draft{Actor: "x", Owner: owner, Kind: kind, Subject: subject, Body: mustJSON(body)}); err != nil {
			t.Fatal(err)
		}
	}
	at := e.now
	// The commune writing a check, and the district a finding's answer:
	// neither is theirs to write.
	write("38001", inspect.KindChecked, inspect.ItemCheck{Item: "C1", Result: inspect.Fail, By: "x", At: at, Replaces: seen})
	write("405", inspect.KindFinding, inspect.FindingWrite{ID: "F1", Item: "C1", Text: "t", Fix: inspect.Remedy{Owner: e.officerID, Due: "2026-12-01"}, By: "y", At: at})
	write("405", inspect.KindAnswered, inspect.OfficeAnswer{Finding: "F1", Text: "forged", At: at})
	e.mustCall(t, e.inspector, "Inspections.Get", InspectionRequest{Office: "38001", ID: r.Inspection.Plan.ID}, &r)
	if r.Inspection.Checks["C1"].Result != inspect.Pass || r.Inspection.Findings[0].State != inspect.Open {
		t.Fatalf("a foreign write applied: %+v %+v", r.Inspection.Checks, r.Inspection.Findings)
	}
	// Two desks of the district check C1, both having seen the same check.
	write("405", inspect.KindChecked, inspect.ItemCheck{Item: "C1", Result: inspect.Fail, By: "a", At: at.Add(time.Second), Replaces: seen})
	write("405", inspect.KindChecked, inspect.ItemCheck{Item: "C1", Result: inspect.NA, By: "b", At: at.Add(2 * time.Second), Replaces: seen})
	e.mustCall(t, e.inspector, "Inspections.Get", InspectionRequest{Office: "38001", ID: r.Inspection.Plan.ID}, &r)
	if len(r.Inspection.Conflicts) != 1 || r.Inspection.Checks["C1"].Result != inspect.NA {
		t.Fatalf("conflicts %+v", r.Inspection.Conflicts)
	}
}
