package inspect

import (
	"testing"
	"time"
)

func plan() VisitPlan {
	return VisitPlan{ID: "T1", Office: "38001", Inspector: "u-i", InspectorOffice: "38", Date: "2026-11-20", Title: "Kiểm tra",
		Scope:     []VisitScope{{Kind: ScopeText, Text: "Niêm yết"}, {Kind: ScopeProcess, Ref: "1.004837", Text: "Quy trình"}},
		Checklist: []ChecklistItem{{ID: "C1", Text: "Niêm yết"}, {ID: "C2", Text: "Quy trình"}}}
}

func TestPlanValidate(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(*VisitPlan)
		field string
	}{
		{"ok", func(*VisitPlan) {}, ""},
		{"own office", func(p *VisitPlan) { p.InspectorOffice = p.Office }, "office"},
		{"bad date", func(p *VisitPlan) { p.Date = "20/11/2026" }, "date"},
		{"no scope", func(p *VisitPlan) { p.Scope = nil }, "scope"},
		{"bad task", func(p *VisitPlan) { p.Scope[0] = VisitScope{Kind: ScopeTask, Ref: "plan:x"} }, "scope[0].ref"},
		{"good task", func(p *VisitPlan) { p.Scope[0] = VisitScope{Kind: ScopeTask, Ref: "plan:p1:t2"} }, ""},
		{"dup item", func(p *VisitPlan) { p.Checklist[1].ID = "C1" }, "checklist[1].id"},
		{"bad kind", func(p *VisitPlan) { p.Scope[1].Kind = "x" }, "scope[1].kind"},
	}
	for _, c := range cases {
		p := plan()
		c.edit(&p)
		err := p.Validate()
		if (err == nil) != (c.field == "") || err != nil && err.Field != c.field {
			t.Errorf("%s: %v, want field %q", c.name, err, c.field)
		}
	}
}

func TestFindingRules(t *testing.T) {
	p := plan()
	cases := []struct {
		name string
		f    FindingWrite
		rule string
		bad  bool
	}{
		{"ok", FindingWrite{ID: "F1", Item: "C1", Text: "Thiếu", Fix: Remedy{Owner: "u-o", Due: "2026-12-01"}}, "", false},
		{"no owner", FindingWrite{ID: "F1", Item: "C1", Text: "Thiếu", Fix: Remedy{Due: "2026-12-01"}}, RuleFixNeedsOwner, true},
		{"no due", FindingWrite{ID: "F1", Item: "C1", Text: "Thiếu", Fix: Remedy{Owner: "u-o"}}, RuleFixNeedsDue, true},
		{"unknown item", FindingWrite{ID: "F1", Item: "C9", Text: "Thiếu", Fix: Remedy{Owner: "u-o", Due: "2026-12-01"}}, "", true},
		{"no text", FindingWrite{ID: "F1", Item: "C1", Fix: Remedy{Owner: "u-o", Due: "2026-12-01"}}, "", true},
	}
	for _, c := range cases {
		err := c.f.Validate(p)
		if (err != nil) != c.bad || err != nil && err.Rule != c.rule {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

func TestEvidence(t *testing.T) {
	cases := []struct {
		e  EvidenceRef
		ok bool
	}{
		{EvidenceRef{Kind: EvidenceDossier, Ref: "38001-261120-0001"}, true},
		{EvidenceRef{Kind: EvidencePrint, Ref: "HSVF1|38001|x|1|ab"}, true},
		{EvidenceRef{Kind: EvidencePrint, Ref: "a paper"}, false},
		{EvidenceRef{Kind: EvidenceRecord, Ref: "iso/nc/38001/n1"}, true},
		{EvidenceRef{Kind: EvidenceRecord, Ref: "nc1"}, false},
		{EvidenceRef{Kind: "photo", Ref: "x"}, false},
	}
	for _, c := range cases {
		if got := c.e.Validate("e") == nil; got != c.ok {
			t.Errorf("%+v: %v", c.e, got)
		}
	}
}

// TestFindingLifecycle follows a finding from a failed item to its
// closure and reopening, and the overdue flag on the way.
func TestFindingLifecycle(t *testing.T) {
	at := time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC)
	var in Inspection
	in.ApplyPlan(plan())
	in.ApplyCheck(ItemCheck{Item: "C1", Result: Fail, By: "u-i", At: at})
	if got := in.Unfounded(); len(got) != 1 || got[0] != "C1" {
		t.Fatalf("unfounded %v", got)
	}
	in.ApplyFinding(FindingWrite{ID: "F1", Item: "C1", Text: "Thiếu niêm yết", Fix: Remedy{Owner: "u-o", Due: "2026-11-30"}, By: "u-i", At: at})
	if len(in.Unfounded()) != 0 || in.Findings[0].State != Open {
		t.Fatalf("after the finding: %+v", in)
	}
	steps := []struct {
		name  string
		apply func()
		want  FindingState
		over  bool // overdue on 2026-12-05
	}{
		{"close before answer is allowed", func() {}, Open, true},
		{"answer", func() { in.ApplyAnswer(OfficeAnswer{Finding: "F1", Text: "Đã niêm yết", By: "u-o", At: at}) }, Answered, true},
		{"empty answer ignored", func() { in.ApplyAnswer(OfficeAnswer{Finding: "F1", By: "u-o", At: at}) }, Answered, true},
		{"close", func() { in.ApplyClose(Ruling{Finding: "F1", By: "u-i", At: at}) }, Closed, false},
		{"answer after close ignored", func() { in.ApplyAnswer(OfficeAnswer{Finding: "F1", Text: "x", At: at}) }, Closed, false},
		{"reopen", func() { in.ApplyReopen(Ruling{Finding: "F1", By: "u-i", At: at}) }, Reopened, true},
		{"reopen twice ignored", func() { in.ApplyReopen(Ruling{Finding: "F1", By: "u-i", At: at}) }, Reopened, true},
	}
	for _, s := range steps {
		s.apply()
		f := in.Findings[0]
		if f.State != s.want || f.Overdue("2026-12-05") != s.over {
			t.Errorf("%s: state %s overdue %v", s.name, f.State, f.Overdue("2026-12-05"))
		}
	}
	if in.Findings[0].Overdue("2026-11-30") {
		t.Error("a fix due today is not overdue yet")
	}
	if len(in.Findings[0].Answers) != 1 {
		t.Errorf("answers %+v", in.Findings[0].Answers)
	}
}

// TestConcurrentEditsConflict: two desks record one item, each having
// seen the same earlier check: the later stands and the conflict shows
// until a write that saw it.
func TestConcurrentEditsConflict(t *testing.T) {
	at := time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC)
	var in Inspection
	in.ApplyPlan(plan())
	first := ItemCheck{Item: "C1", Result: Pass, By: "a", At: at}
	in.ApplyCheck(first)
	in.ApplyCheck(ItemCheck{Item: "C1", Result: Fail, By: "a", At: at.Add(time.Minute), Replaces: first.Key()})
	b := ItemCheck{Item: "C1", Result: NA, By: "b", At: at.Add(2 * time.Minute), Replaces: first.Key()}
	in.ApplyCheck(b)
	if len(in.Conflicts) != 1 || in.Conflicts[0].Kept != b.Key() {
		t.Fatalf("conflicts %+v", in.Conflicts)
	}
	in.ApplyCheck(ItemCheck{Item: "C1", Result: Pass, By: "a", At: at.Add(3 * time.Minute), Replaces: b.Key()})
	if len(in.Conflicts) != 0 {
		t.Fatalf("a write that saw the conflict keeps it: %+v", in.Conflicts)
	}
	f := FindingWrite{ID: "F1", Item: "C1", Text: "x", Fix: Remedy{Owner: "o", Due: "2026-12-01"}, By: "a", At: at}
	in.ApplyFinding(f)
	in.ApplyFinding(FindingWrite{ID: "F1", Item: "C1", Text: "y", Fix: f.Fix, By: "a", At: at.Add(time.Minute), Replaces: f.Key()})
	in.ApplyFinding(FindingWrite{ID: "F1", Item: "C1", Text: "z", Fix: f.Fix, By: "b", At: at.Add(2 * time.Minute), Replaces: f.Key()})
	if len(in.Conflicts) != 1 || !in.Conflicts[0].Finding || in.Findings[0].Text != "z" {
		t.Fatalf("finding conflict %+v %+v", in.Conflicts, in.Findings)
	}
}
