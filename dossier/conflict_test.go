package dossier

import (
	"testing"
	"time"
)

// TestConflicts: two returns of one result and a correction after the
// return are kept in the timeline, not applied and listed, until an
// administrator decides them.
func TestConflicts(t *testing.T) {
	f := newFlow(t)
	twoReturns(f)
	second := f.inputs[len(f.inputs)-1]
	fix := f.force(admin, &Corrected{
		Changes: []Change{{Field: "applicant.fullName", Old: "Nguyễn Thị Hồng", New: "Nguyễn Thị Hồng Nhung"}},
		Reason:  "Ghi sai tên",
	}, at(2026, time.March, 2, 16, 30))

	d := f.d
	if d.Recipient != "Nguyễn Thị Hồng" || d.Applicant.FullName != "Nguyễn Thị Hồng" {
		t.Fatalf("a conflicting event was applied: recipient %q name %q", d.Recipient, d.Applicant.FullName)
	}
	want := []struct {
		id, why string
	}{{second.ID, CodeAlreadyReturned}, {fix.ID, CodeAfterReturn}}
	if len(d.Conflicts) != len(want) {
		t.Fatalf("conflicts %+v", d.Conflicts)
	}
	for i, w := range want {
		if c := d.Conflicts[i]; c.ID != w.id || c.Why != w.why || c.Event.ID != w.id {
			t.Errorf("conflict %d = %s %s, want %s %s", i, c.ID, c.Why, w.id, w.why)
		}
	}
	if e := d.Timeline[len(d.Timeline)-1]; e.Outcome != OutcomeConflict || e.Why != CodeAfterReturn {
		t.Errorf("timeline entry %+v", e)
	}
	if keys := IndexKeys(d)[IndexConflict]; len(keys) != 1 {
		t.Errorf("conflict index %q", keys)
	}

	// The administrator discards the second return and keeps the correction.
	f.do(admin, &ConflictResolved{Event: second.ID, Decision: DecisionDiscard, Note: "Trả trùng"}, at(2026, time.March, 3, 8, 0))
	f.do(admin, &ConflictResolved{Event: fix.ID, Decision: DecisionKeep}, at(2026, time.March, 3, 8, 5))
	d = f.d
	if len(d.Conflicts) != 0 || len(d.Resolved) != 2 {
		t.Fatalf("open %+v resolved %+v", d.Conflicts, d.Resolved)
	}
	if d.Resolved[0].Resolution.Decision != DecisionDiscard || d.Resolved[1].Resolution.By != admin.UserID {
		t.Errorf("resolutions %+v %+v", d.Resolved[0].Resolution, d.Resolved[1].Resolution)
	}
	if d.Recipient != "Nguyễn Thị Hồng" || d.Applicant.FullName != "Nguyễn Thị Hồng Nhung" || len(d.Corrections) != 1 {
		t.Errorf("recipient %q name %q corrections %d", d.Recipient, d.Applicant.FullName, len(d.Corrections))
	}
	if c := d.Corrections[0].Changes[0]; c.Old != "Nguyễn Thị Hồng" || c.New != "Nguyễn Thị Hồng Nhung" {
		t.Errorf("the history lost a value: %+v", c)
	}
	outcomes := map[string]Outcome{}
	for _, e := range d.Timeline {
		outcomes[e.ID] = e.Outcome
	}
	if outcomes[second.ID] != OutcomeDiscarded || outcomes[fix.ID] != OutcomeKept {
		t.Errorf("outcomes %v", outcomes)
	}
	if _, ok := IndexKeys(d)[IndexConflict]; ok {
		t.Error("resolved dossier still indexed as conflicting")
	}
	// A conflict is decided once.
	f.force(admin, &ConflictResolved{Event: second.ID, Decision: DecisionKeep}, at(2026, time.March, 3, 9, 0))
	if len(f.d.Problems) != 1 || f.d.Problems[0].Code != CodeNoSuchConflict || f.d.Recipient != "Nguyễn Thị Hồng" {
		t.Errorf("problems %+v recipient %q", f.d.Problems, f.d.Recipient)
	}
}

// TestConflictStaleCorrection: two administrators correct the same field
// concurrently; the second sees a stale old value and is a conflict.
func TestConflictStaleCorrection(t *testing.T) {
	f := newFlow(t).to(StatusAssigned)
	fix := func(newName string) *Corrected {
		return &Corrected{Changes: []Change{{Field: "applicant.fullName", Old: "Nguyễn Thị Hồng", New: newName}}, Reason: "Sai tên"}
	}
	f.force(admin, fix("Nguyễn Thị Hồng Anh"), at(2026, time.March, 2, 12, 0))
	f.force(admin, fix("Nguyễn Thị Hồng Ánh"), at(2026, time.March, 2, 12, 0))
	if f.d.Applicant.FullName != "Nguyễn Thị Hồng Anh" || len(f.d.Conflicts) != 1 || f.d.Conflicts[0].Why != CodeStaleValue {
		t.Errorf("name %q conflicts %+v", f.d.Applicant.FullName, f.d.Conflicts)
	}
}

// TestCorrectReceipt: a wrong procedure and date on the receipt are
// corrected; the dossier shows the new values, the history both, and the due
// date's history gains the corrected date.
func TestCorrectReceipt(t *testing.T) {
	f := newFlow(t).to(StatusHandedOver)
	oldDue, _ := FieldValue(f.d, "due")
	if oldDue != "2026-03-05T17:00:00+07:00" {
		t.Fatalf("FieldValue(due) = %q", oldDue)
	}
	f.do(admin, &Corrected{Changes: []Change{
		{Field: "procedure.code", Old: "1.001193", New: "1.000656"},
		{Field: "procedure.timeLimitWD", Old: "3", New: "5"},
		{Field: "due", Old: oldDue, New: "2026-03-09T17:00:00+07:00"},
	}, Reason: "Chọn nhầm thủ tục"}, at(2026, time.March, 2, 10, 0))
	d := f.d
	if d.Procedure.Code != "1.000656" || d.Procedure.TimeLimitWD != 5 || !d.Due.Equal(at(2026, time.March, 9, 17, 0)) {
		t.Errorf("procedure %+v due %v", d.Procedure, d.Due)
	}
	if last := d.Deadlines[len(d.Deadlines)-1]; last.Reason != DeadlineCorrected || !d.OriginalDue.Equal(due0) {
		t.Errorf("deadlines %+v", d.Deadlines)
	}
	if len(d.Corrections) != 1 || len(d.Corrections[0].Changes) != 3 {
		t.Errorf("corrections %+v", d.Corrections)
	}
}

// TestConflictBeforeReception: an event sorted before the reception (a
// device whose clock was behind) is a conflict; kept, it applies then.
func TestConflictBeforeReception(t *testing.T) {
	f := newFlow(t)
	early := f.force(clerk, &HandedOver{}, at(2026, time.March, 2, 8, 59))
	f.receive(day0)
	if len(f.d.Conflicts) != 1 || f.d.Conflicts[0].Why != CodeNotReceived || f.d.Status != StatusReceived {
		t.Fatalf("conflicts %+v status %s", f.d.Conflicts, f.d.Status)
	}
	f.do(admin, &ConflictResolved{Event: early.ID, Decision: DecisionKeep}, at(2026, time.March, 2, 9, 30))
	if f.d.Status != StatusHandedOver || len(f.d.Conflicts) != 0 {
		t.Errorf("status %s conflicts %+v", f.d.Status, f.d.Conflicts)
	}
}
