package app

import (
	"testing"

	"hoso/p2p/syncproto"
	"hoso/plan"
	"hoso/store"
)

// plansEnv is district 405 with communes 38001 and 38002, a leader in
// each, logged in.
type plansEnv struct {
	*testEnv
	admin, district, c1, c2 string
}

func newPlansEnv(t *testing.T) *plansEnv {
	t.Helper()
	e, admin := districtEnv(t)
	p := &plansEnv{testEnv: e, admin: admin}
	for _, u := range []struct {
		name, office string
		dst          *string
	}{{"lanhdaohuyen", "405", &p.district}, {"lanhdaoxa1", "38001", &p.c1}, {"lanhdaoxa2", "38002", &p.c2}} {
		e.mustCall(t, admin, "Users.Save", SaveUserRequest{Username: u.name, FullName: u.name, Office: u.office, Roles: []Role{RoleLeader}, Password: "12345678"}, nil)
		var l LoginReply
		e.mustCall(t, "", "Auth.Login", LoginRequest{Username: u.name, Password: "12345678"}, &l)
		*u.dst = l.Session
	}
	return p
}

func districtPlan() plan.Plan {
	return plan.Plan{ID: "405-kh1", Title: "Kế hoạch CCHC", Decision: plan.Decision{Number: "12/KH-UBND", Date: "2026-10-01"},
		Tasks: []plan.Task{
			{ID: "T1", Title: "Báo cáo quý", Assignee: plan.Assignee{Kind: plan.KindCommune}, Deadline: plan.Deadline{QuarterlyFrom: "2026Q4"}, Output: plan.OutputReport},
			{ID: "T2", Title: "Quy chế phối hợp", Assignee: plan.Assignee{Office: "38001"}, Deadline: plan.Deadline{Date: "2026-11-20"}, Output: plan.OutputDocument},
		}}
}

func TestPlansFlow(t *testing.T) {
	p := newPlansEnv(t)
	bad := districtPlan()
	bad.ID = "405-bad"
	bad.Tasks[1].Assignee = plan.Assignee{Office: "38"}
	if err := p.call(t, p.district, "Plans.Publish", PublishRequest{Plan: bad}, nil); err == nil || err.Code != CodeForbidden || err.Params["rule"] != "not_below" || err.Field != "plan.tasks[1].assignee.office" {
		t.Fatalf("a task for the province above: %v", err)
	}
	if err := p.call(t, p.c1, "Plans.Publish", PublishRequest{Office: "405", Plan: districtPlan()}, nil); err == nil || err.Params["rule"] != "not_issuer" {
		t.Fatalf("a commune publishing as the district: %v", err)
	}
	// Publishing is a leader's: an officer of the district is refused.
	p.mustCall(t, p.admin, "Users.Save", SaveUserRequest{Username: "chuyenvienhuyen", FullName: "CV", Office: "405", Roles: []Role{RoleOfficer}, Password: "12345678"}, nil)
	var lo LoginReply
	p.mustCall(t, "", "Auth.Login", LoginRequest{Username: "chuyenvienhuyen", Password: "12345678"}, &lo)
	if err := p.call(t, lo.Session, "Plans.Publish", PublishRequest{Plan: districtPlan()}, nil); err == nil || err.Code != CodeForbidden {
		t.Fatalf("an officer publishing: %v", err)
	}
	var pub PlanReply
	p.mustCall(t, p.district, "Plans.Publish", PublishRequest{Plan: districtPlan()}, &pub)
	if got := pub.Assigned["T1"]; len(got) != 2 || got[0] != "38001" || got[1] != "38002" {
		t.Fatalf("every commune: %v", got)
	}
	if err := p.call(t, p.district, "Plans.Publish", PublishRequest{Plan: districtPlan()}, nil); err == nil || err.Code != CodeConflict {
		t.Fatalf("published twice: %v", err)
	}

	var l1, l2 PlanList
	p.mustCall(t, p.c1, "Plans.List", PlanListRequest{}, &l1)
	p.mustCall(t, p.c2, "Plans.List", PlanListRequest{}, &l2)
	if len(l1.Plans) != 1 || len(l1.Plans[0].Mine) != 2 || len(l2.Plans) != 1 || len(l2.Plans[0].Mine) != 1 {
		t.Fatalf("lists: %+v / %+v", l1, l2)
	}

	if err := p.call(t, p.c2, "Plans.Progress", ProgressRequest{Plan: "405-kh1", Task: "T2", Status: plan.Done}, nil); err == nil || err.Code != CodeForbidden || err.Params["rule"] != "not_assigned" {
		t.Fatalf("another office's task: %v", err)
	}
	if err := p.call(t, p.c1, "Plans.Progress", ProgressRequest{Plan: "405-kh1", Task: "T1", Status: "finished"}, nil); err == nil || err.Field != "status" {
		t.Fatalf("a bad status: %v", err)
	}
	if err := p.call(t, p.c1, "Plans.Progress", ProgressRequest{Plan: "405-kh1", Task: "T1", Status: plan.Done, Evidence: []plan.Evidence{{Link: "https://example.org"}}}, nil); err == nil || err.Field != "evidence[0].link" {
		t.Fatalf("a link to no record: %v", err)
	}
	p.mustCall(t, p.c1, "Plans.Progress", ProgressRequest{Plan: "405-kh1", Task: "T1", Status: plan.Done, Note: "Đã gửi báo cáo",
		Evidence: []plan.Evidence{{Link: "iso/process/38001/QT-01"}}}, nil)

	var m MatrixReply
	p.mustCall(t, p.district, "Plans.Matrix", MatrixRequest{Plan: "405-kh1"}, &m)
	if m.Quarter != "2026Q4" || len(m.Tasks) != 2 || len(m.Offices) != 2 {
		t.Fatalf("matrix: %+v", m)
	}
	want := map[string]map[string]string{"38001": {"T1": plan.CellDone, "T2": plan.CellLate}, "38002": {"T1": plan.CellNotReported}}
	for _, o := range m.Offices {
		if len(o.Tasks) != len(want[o.Code]) {
			t.Errorf("%s: %v", o.Code, o.Tasks)
		}
		for task, s := range want[o.Code] {
			if o.Tasks[task] != s {
				t.Errorf("%s %s: %s, want %s", o.Code, task, o.Tasks[task], s)
			}
		}
	}
	p.mustCall(t, p.district, "Plans.Matrix", MatrixRequest{Plan: "405-kh1", Office: "38002", Task: "T1"}, &m)
	if len(m.Offices) != 1 || len(m.Tasks) != 1 {
		t.Fatalf("filtered: %+v", m)
	}
	if err := p.call(t, p.c1, "Plans.Matrix", MatrixRequest{Plan: "405-kh1"}, nil); err == nil || err.Params["rule"] != "not_issuer" {
		t.Fatalf("a commune's matrix: %v", err)
	}

	if err := p.call(t, p.c1, "Plans.Remind", RemindRequest{Plan: "405-kh1", Task: "T1", Office: "38002"}, nil); err == nil || err.Params["rule"] != "not_issuer" {
		t.Fatalf("a commune reminding: %v", err)
	}
	p.mustCall(t, p.district, "Plans.Remind", RemindRequest{Plan: "405-kh1", Task: "T1", Office: "38002", Note: "Đề nghị báo cáo"}, nil)
	p.mustCall(t, p.c2, "Plans.List", PlanListRequest{}, &l2)
	if r := l2.Plans[0].Reminders; len(r) != 1 || r[0].Note != "Đề nghị báo cáo" || r[0].Task != "T1" {
		t.Fatalf("reminders: %+v", r)
	}

	action := plan.Plan{ID: "38001-kh1", Title: "Kế hoạch hành động", Tasks: []plan.Task{{ID: "A1", Title: "Dự thảo", Assignee: plan.Assignee{Unit: "Văn phòng"}, Output: plan.OutputDocument}}}
	if err := p.call(t, p.c2, "Plans.BreakDown", BreakDownRequest{Parent: plan.TaskRef{Plan: "405-kh1", Task: "T2"}, Plan: action}, nil); err == nil || err.Params["rule"] != "not_assigned" {
		t.Fatalf("breaking down another office's task: %v", err)
	}
	var ap PlanReply
	p.mustCall(t, p.c1, "Plans.BreakDown", BreakDownRequest{Parent: plan.TaskRef{Plan: "405-kh1", Task: "T2"}, Plan: action}, &ap)
	if ap.Plan.Parent == nil || ap.Plan.Parent.Task != "T2" || ap.Plan.Office != "38001" {
		t.Fatalf("action plan: %+v", ap.Plan)
	}
	// A commune recorded after the plan was published is a commune too:
	// it has the task for every commune, and the matrix supervises it.
	p.mustCall(t, p.admin, "Offices.Save", OfficeRecord{Code: "38003", Name: "UBND xã Đông Tiến", Parent: "405"}, nil)
	p.mustCall(t, p.admin, "Users.Save", SaveUserRequest{Username: "lanhdaoxa3", FullName: "LD", Office: "38003", Roles: []Role{RoleLeader}, Password: "12345678"}, nil)
	var l3 LoginReply
	p.mustCall(t, "", "Auth.Login", LoginRequest{Username: "lanhdaoxa3", Password: "12345678"}, &l3)
	var list3 PlanList
	p.mustCall(t, l3.Session, "Plans.List", PlanListRequest{}, &list3)
	if len(list3.Plans) != 1 || len(list3.Plans[0].Mine) != 1 || list3.Plans[0].Mine[0] != "T1" {
		t.Fatalf("a later commune's plans: %+v", list3.Plans)
	}
	p.mustCall(t, p.district, "Plans.Matrix", MatrixRequest{Plan: "405-kh1", Task: "T1"}, &m)
	if len(m.Offices) != 3 || m.Offices[2].Code != "38003" || m.Offices[2].Tasks["T1"] != plan.CellNotReported {
		t.Fatalf("the matrix with a later commune: %+v", m.Offices)
	}

	var g PlanReply
	p.mustCall(t, p.district, "Plans.Get", PlanRequest{Plan: "405-kh1"}, &g)
	if len(g.ActionPlans) != 1 || g.ActionPlans[0].ID != "38001-kh1" {
		t.Fatalf("the district sees the action plan: %+v", g.ActionPlans)
	}
	if err := p.call(t, p.c2, "Plans.Get", PlanRequest{Plan: "38001-kh1"}, nil); err == nil || err.Code != CodeForbidden {
		t.Fatalf("a sibling's action plan: %v", err)
	}
}

// A plan reaches every office it assigns a task to; an office's progress
// reaches the offices above it and never a sibling commune; a reminder
// reaches only the office reminded.
func TestPlansSyncScope(t *testing.T) {
	p := newPlansEnv(t)
	p.mustCall(t, p.district, "Plans.Publish", PublishRequest{Plan: districtPlan()}, nil)
	p.mustCall(t, p.c1, "Plans.Progress", ProgressRequest{Plan: "405-kh1", Task: "T2", Status: plan.InProgress}, nil)
	p.mustCall(t, p.district, "Plans.Remind", RemindRequest{Plan: "405-kh1", Task: "T1", Office: "38002"}, nil)
	var reminders []Reminder
	reminders, err := remindersOf(p.st, "38002")
	if err != nil || len(reminders) != 1 {
		t.Fatal(reminders, err)
	}
	tree := fakeTree{"38": "38", "405": "38/405", "38001": "38/405/38001", "38002": "38/405/38002"}
	scope := func(office string) syncproto.Scope { return syncproto.NewScope(tree[office], tree) }
	cases := []struct {
		subject string
		reach   []string
		never   []string
	}{
		{plan.Subject("405", "405-kh1"), []string{"405", "38001", "38002", "38"}, nil},
		{plan.ProgressSubject("38001", "405-kh1", "T2"), []string{"38001", "405", "38"}, []string{"38002"}},
		{plan.RemindSubject("405", reminders[0].ID), []string{"405", "38002"}, []string{"38001"}},
	}
	for _, c := range cases {
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

// TestProgressFromTwoDesksIsAVisibleConflict records progress on one task
// from two desks of an office that had not seen each other's record: the
// later is marked, and the office sees it until it records again.
func TestProgressFromTwoDesksIsAVisibleConflict(t *testing.T) {
	p := newPlansEnv(t)
	p.mustCall(t, p.district, "Plans.Publish", PublishRequest{Plan: districtPlan()}, nil)
	p.mustCall(t, p.c1, "Plans.Progress", ProgressRequest{Plan: "405-kh1", Task: "T2", Status: plan.InProgress}, nil)
	// Another desk of the commune, offline, had seen nothing of it.
	zero := 0
	body := mustJSON(plan.Progress{Plan: "405-kh1", Task: "T2", Office: "38001", Status: plan.Done, Evidence: []plan.Evidence{}, Seen: &zero})
	if _, err := p.st.Append(store.Draft{Actor: "other-desk", Owner: "38001", Kind: plan.KindProgress, Subject: plan.ProgressSubject("38001", "405-kh1", "T2"), Body: body}); err != nil {
		t.Fatal(err)
	}
	var got PlanReply
	p.mustCall(t, p.c1, "Plans.Get", PlanRequest{Plan: "405-kh1"}, &got)
	if !got.Progress["T2"].Conflict {
		t.Fatalf("two desks' records written apart: %+v", got.Progress["T2"])
	}
	// Recorded again having seen both: settled.
	p.mustCall(t, p.c1, "Plans.Progress", ProgressRequest{Plan: "405-kh1", Task: "T2", Status: plan.Done, Note: "đã thống nhất"}, nil)
	p.mustCall(t, p.c1, "Plans.Get", PlanRequest{Plan: "405-kh1"}, &got)
	if got.Progress["T2"].Conflict {
		t.Fatalf("the record that saw both is still marked: %+v", got.Progress["T2"])
	}
}
