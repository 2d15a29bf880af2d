package iso

import (
	"slices"
	"testing"
	"time"
)

func TestActionFieldsValidate(t *testing.T) {
	ok := ActionFields{Analysis: "a", Category: "method", Action: "b", Owner: "u1", Due: "2026-12-31", CheckDays: 90}
	raised, today := day(11, 2, 9), day(11, 20, 9)
	for _, tc := range []struct {
		name  string
		edit  func(f *ActionFields)
		field string
	}{
		{"valid", func(*ActionFields) {}, ""},
		{"due on the day raised", func(f *ActionFields) { f.Due = "2026-11-02" }, ""},
		{"no analysis", func(f *ActionFields) { f.Analysis = " " }, "analysis"},
		{"unknown category", func(f *ActionFields) { f.Category = "luck" }, "category"},
		{"no action", func(f *ActionFields) { f.Action = "" }, "action"},
		{"no owner", func(f *ActionFields) { f.Owner = "" }, "owner"},
		{"bad check period", func(f *ActionFields) { f.CheckDays = 400 }, "checkDays"},
		{"due not a date", func(f *ActionFields) { f.Due = "31/12/2026" }, "due"},
		{"due before raised", func(f *ActionFields) { f.Due = "2026-11-01" }, "due"},
		{"due too far", func(f *ActionFields) { f.Due = "2028-01-01" }, "due"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := ok
			tc.edit(&f)
			err := f.Validate(raised, today)
			if (tc.field == "") != (err == nil) || err != nil && err.(*FieldErr).Field != tc.field {
				t.Fatalf("%v", err)
			}
		})
	}
}

func TestActionFold(t *testing.T) {
	var a Action
	if a.Apply(KindActionUpdated, ev(t, ActionUpdated{Action: "x"})) {
		t.Fatal("an update before the opening applied")
	}
	a.Apply(KindActionOpened, ev(t, ActionOpened{ID: "a1", NC: "n1", Process: "1.004837", Category: "method", Action: "train", Owner: "u1", Due: "2026-11-30", CheckDays: 30}))
	a.Apply(KindActionUpdated, ev(t, ActionUpdated{Owner: "u2", Evidence: "trained", Dossiers: []string{"38001-261102-0001"}}))
	if a.Owner != "u2" || a.Action != "train" || len(a.Evidence) != 1 {
		t.Fatalf("updated %+v", a)
	}
	if !a.Overdue(day(12, 1, 0)) || a.Overdue(day(11, 30, 23)) {
		t.Fatal("overdue is judged by the due day")
	}
	if a.Apply(KindActionChecked, ev(t, ActionChecked{Effective: true})) {
		t.Fatal("checked before closure")
	}
	closed := day(11, 25, 9)
	a.Apply(KindActionClosed, ev(t, ActionClosed{At: closed}))
	if a.Overdue(day(12, 5, 0)) || !a.CheckFrom().Equal(closed.AddDate(0, 0, 30)) {
		t.Fatalf("closed: overdue or check from %v", a.CheckFrom())
	}
	if a.Apply(KindActionClosed, ev(t, ActionClosed{At: day(11, 26, 9)})) || !a.Closed.At.Equal(closed) {
		t.Fatal("closed twice")
	}
}

func TestRecurred(t *testing.T) {
	a := Action{ActionOpened: ActionOpened{ID: "a1", NC: "n1", Process: "1.004837", Category: "people"}, Closed: &ActionClosed{At: day(11, 10, 9)}}
	nc := func(id, process string, at time.Time) NC {
		return NC{NCRaised: NCRaised{ID: id, Process: process, RaisedAt: at}}
	}
	ncs := []NC{
		nc("n1", "1.004837", day(11, 12, 9)), // its own
		nc("n2", "1.004837", day(11, 9, 9)),  // before closure
		nc("n3", "1.004837", day(11, 12, 9)), // same process
		nc("n4", "2.000001", day(11, 12, 9)), // other process, same category
		nc("n5", "2.000001", day(11, 12, 9)), // other process and category
	}
	cat := map[string]string{"n4": "people", "n5": "method"}
	got := a.Recurred(ncs, func(id string) string { return cat[id] })
	if !slices.Equal(got, []string{"n3", "n4"}) {
		t.Fatalf("recurred %v", got)
	}
}
