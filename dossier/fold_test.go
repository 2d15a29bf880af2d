package dossier

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"hoso/calendar"
)

// TestFoldHappyPath follows a dossier from reception to return and checks
// the state, the national codes and the process control sheet.
func TestFoldHappyPath(t *testing.T) {
	f := newFlow(t).to(StatusReturned)
	d := f.d
	if d.Code != "38001-260302-0001" || d.Office != commune || d.Book != (Book{Volume: "2026", Number: 1}) {
		t.Errorf("code %s office %s book %v", d.Code, d.Office, d.Book)
	}
	if !d.Due.Equal(due0) || !d.OriginalDue.Equal(due0) {
		t.Errorf("due %v original %v, want %v", d.Due, d.OriginalDue, due0)
	}
	if d.Status != StatusReturned || d.National != NationalReturned || d.Result == nil || d.Result.Kind != ResultApproved {
		t.Errorf("status %s national %d result %+v", d.Status, d.National, d.Result)
	}
	if d.Timing != TimingEarly || d.Timing.Points() != 2 {
		t.Errorf("timing %q, want early", d.Timing)
	}
	// Form 05: received (citizen → desk), handed over (desk → unit),
	// assigned (unit → officer), submitted (officer → leader), result at
	// desk (→ desk), each closed by the next hand-over, the last by the
	// return.
	wantKinds := []Kind{KindReceived, KindHandedOver, KindAssigned, KindSubmitted, KindResultAtDesk}
	var got []Kind
	for i, s := range d.Steps {
		got = append(got, s.Kind)
		if s.Done.IsZero() || s.No != i+1 {
			t.Errorf("row %d (%s) not closed or misnumbered: %+v", i+1, s.Kind, s)
		}
		if i > 0 && s.From != d.Steps[i-1].To {
			t.Errorf("row %d gives from %v, the previous row received at %v", i+1, s.From, d.Steps[i-1].To)
		}
	}
	if !slices.Equal(got, wantKinds) {
		t.Fatalf("rows %v, want %v", got, wantKinds)
	}
	if s := d.Steps[3]; s.Name != "Lãnh đạo ký duyệt" || s.To != (Holder{Office: commune, Officer: leader.UserID}) || s.Result != TimingOnTime {
		t.Errorf("signature row %+v", s)
	}
	if (d.Steps[0].From != Holder{}) {
		t.Errorf("the first row's giver is %v, want the applicant", d.Steps[0].From)
	}
	if len(d.Timeline) != 8 || len(d.Conflicts) != 0 || len(d.Problems) != 0 {
		t.Errorf("timeline %d, conflicts %v, problems %v", len(d.Timeline), d.Conflicts, d.Problems)
	}
	for _, e := range d.Timeline {
		if e.Outcome != OutcomeApplied {
			t.Errorf("%s: %s", e.Kind, e.Outcome)
		}
	}
}

// TestNationalStatus maps every status.
func TestNationalStatus(t *testing.T) {
	want := map[Status]int{
		StatusNone: 0, StatusReceived: 2, StatusNotAccepted: 3, StatusHandedOver: 4, StatusAssigned: 4,
		StatusAppraised: 4, StatusTransferred: 4, StatusSubmitted: 4, StatusSupplementRequested: 5,
		StatusPaymentRequested: 6, StatusWithdrawn: 7, StatusStopped: 8, StatusSigned: 9, StatusRefused: 9,
		StatusResultAtDesk: 9, StatusReturned: 10,
	}
	for _, s := range append(Statuses(), StatusNone) {
		if got := NationalStatus(s); got != want[s] {
			t.Errorf("NationalStatus(%q) = %d, want %d", s, got, want[s])
		}
	}
}

// TestSupplementRestart: a supplement after appraisal within three working
// days; the time limit restarts from zero when the papers arrive.
func TestSupplementRestart(t *testing.T) {
	f := newFlow(t).to(StatusAssigned)
	asked := at(2026, time.March, 4, 10, 0)
	f.do(officer, &SupplementRequested{Missing: []string{"Giấy chứng sinh", "Giấy đăng ký kết hôn của cha mẹ"}}, asked)
	if f.d.Status != StatusSupplementRequested || f.d.National != NationalSupplementRequested {
		t.Fatalf("status %s", f.d.Status)
	}
	if Overdue(f.d, at(2026, time.March, 20, 9, 0)) {
		t.Error("a dossier waiting for papers counts as overdue")
	}
	// The papers come back the next Monday at 10:00: due three working
	// days after, on Thursday 12 March.
	back := at(2026, time.March, 9, 10, 0)
	newDue, err := RestartDue(f.cal, back, f.d.Procedure.TimeLimitWD, calendar.DueRules{})
	if err != nil {
		t.Fatal(err)
	}
	if want := at(2026, time.March, 12, 17, 0); !newDue.Equal(want) {
		t.Fatalf("RestartDue = %v, want %v", newDue, want)
	}
	f.do(clerk, &SupplementReceived{NewDue: newDue, Step: f.plan(KindSupplementReceived, back)}, back)
	d := f.d
	if d.Status != StatusAssigned || d.Holder != (Holder{Office: commune, Officer: officer.UserID}) {
		t.Errorf("after the supplement: status %s holder %v, want assigned to %s", d.Status, d.Holder, officer.UserID)
	}
	if !d.Due.Equal(newDue) || !d.OriginalDue.Equal(due0) {
		t.Errorf("due %v original %v", d.Due, d.OriginalDue)
	}
	if len(d.Deadlines) != 2 || d.Deadlines[1].Reason != DeadlineSupplement {
		t.Errorf("deadlines %+v", d.Deadlines)
	}
	if d.SecondSupplement || len(d.Supplements) != 1 || d.Supplements[0].ReceivedAt.IsZero() {
		t.Errorf("supplements %+v second %v", d.Supplements, d.SecondSupplement)
	}
	if last := d.Steps[len(d.Steps)-1]; last.Kind != KindSupplementReceived || last.From.Office != commune || last.To.Officer != officer.UserID {
		t.Errorf("row after the supplement %+v", last)
	}
	// Finished on the original due date: early against the new one.
	f.do(officer, &Appraised{Opinion: OpinionApprove}, at(2026, time.March, 9, 14, 0))
	f.do(officer, &Submitted{}, at(2026, time.March, 9, 15, 0))
	f.do(leader, &Signed{}, at(2026, time.March, 10, 9, 0))
	f.do(clerk, &ResultAtDesk{}, at(2026, time.March, 10, 10, 0))
	if f.d.Timing != TimingEarly {
		t.Errorf("timing %q, want early against the restarted due date", f.d.Timing)
	}
}

// TestSecondSupplement: a second request is allowed, flagged, and makes the
// dossier late under the national scoring however early it finishes.
func TestSecondSupplement(t *testing.T) {
	f := newFlow(t).to(StatusReceived)
	f.do(clerk, &SupplementRequested{Missing: []string{"Tờ khai"}}, at(2026, time.March, 2, 9, 10))
	f.do(clerk, &SupplementReceived{NewDue: due0}, at(2026, time.March, 2, 9, 40))
	if f.d.Status != StatusReceived || f.d.SecondSupplement {
		t.Fatalf("status %s second %v", f.d.Status, f.d.SecondSupplement)
	}
	f.do(clerk, &HandedOver{ToOfficer: officer.UserID}, at(2026, time.March, 2, 10, 0))
	if f.d.Status != StatusAssigned {
		t.Fatalf("a hand-over to a named officer gives %s", f.d.Status)
	}
	f.do(officer, &SupplementRequested{Missing: []string{"Giấy chứng sinh"}}, at(2026, time.March, 3, 10, 0))
	if !f.d.SecondSupplement || len(f.d.Supplements) != 2 {
		t.Fatalf("second supplement not flagged: %+v", f.d.Supplements)
	}
	f.do(clerk, &SupplementReceived{NewDue: at(2026, time.March, 6, 17, 0)}, at(2026, time.March, 3, 14, 0))
	f.do(officer, &Appraised{Opinion: OpinionApprove}, at(2026, time.March, 3, 15, 0))
	f.do(officer, &Submitted{}, at(2026, time.March, 3, 15, 30))
	f.do(leader, &Signed{}, at(2026, time.March, 3, 16, 0))
	f.do(clerk, &ResultAtDesk{}, at(2026, time.March, 3, 16, 30))
	if f.d.Timing != TimingLate {
		t.Errorf("timing %q, want late after a second supplement", f.d.Timing)
	}
}

// TestReschedule: once, at least one working day before the due date, to a
// later date; the history keeps both dates.
func TestReschedule(t *testing.T) {
	f := newFlow(t).to(StatusAssigned)
	newDue := at(2026, time.March, 10, 17, 0)
	f.do(leader, &Rescheduled{NewDue: newDue, Reason: "Chờ kết quả xác minh"}, at(2026, time.March, 4, 16, 0))
	if !f.d.Rescheduled || !f.d.Due.Equal(newDue) || !f.d.OriginalDue.Equal(due0) || len(f.d.Deadlines) != 2 {
		t.Fatalf("rescheduled %v due %v deadlines %+v", f.d.Rescheduled, f.d.Due, f.d.Deadlines)
	}
	// A second apology written concurrently on another node is a conflict.
	f.force(leader2, &Rescheduled{NewDue: at(2026, time.March, 12, 17, 0), Reason: "x"}, at(2026, time.March, 4, 16, 5))
	if len(f.d.Conflicts) != 1 || f.d.Conflicts[0].Why != CodeRescheduleOnce || !f.d.Due.Equal(newDue) {
		t.Errorf("conflicts %+v due %v", f.d.Conflicts, f.d.Due)
	}
	if Overdue(f.d, at(2026, time.March, 10, 16, 0)) || !Overdue(f.d, at(2026, time.March, 11, 8, 0)) {
		t.Error("overdue is not judged against the new due date")
	}
}

// TestLienThong: a transfer adds the office and its task; the sending
// office cannot act meanwhile; the receiving office takes the dossier,
// finishes its task and sends it back.
func TestLienThong(t *testing.T) {
	f := newFlow(t).to(StatusAssigned)
	taskDue, err := f.cal.DueDate(at(2026, time.March, 2, 11, 0), 2, calendar.DueRules{})
	if err != nil {
		t.Fatal(err)
	}
	tr := f.do(officer, &Transferred{Office: district, Task: "Xác minh nơi cư trú", TimeWD: 2, Due: taskDue}, at(2026, time.March, 2, 11, 0))
	d := f.d
	if d.Status != StatusTransferred || d.Holder != (Holder{Office: district}) || !slices.Equal(d.Offices, []string{commune, district}) {
		t.Fatalf("status %s holder %v offices %v", d.Status, d.Holder, d.Offices)
	}
	if len(d.Tasks) != 1 || d.Tasks[0].ID != tr.ID || d.Tasks[0].Office != district || !d.Tasks[0].Due.Equal(taskDue) ||
		d.Tasks[0].From != (Holder{Office: commune, Officer: officer.UserID}) {
		t.Fatalf("tasks %+v", d.Tasks)
	}
	if !d.Tasks[0].Overdue(at(2026, time.March, 5, 8, 0)) || d.Tasks[0].Overdue(at(2026, time.March, 4, 16, 0)) {
		t.Error("task overdue wrong")
	}
	if row := d.Steps[len(d.Steps)-1]; row.Name != "Giải quyết tại cơ quan phối hợp (liên thông)" && row.Name != "Xác minh nơi cư trú" {
		t.Errorf("transfer row %+v", row)
	}
	// The commune's officer, offline, appraises anyway: a conflict.
	f.force(officer, &Appraised{Opinion: OpinionApprove}, at(2026, time.March, 2, 11, 30))
	if len(f.d.Conflicts) != 1 || f.d.Conflicts[0].Why != CodeWrongState || f.d.Status != StatusTransferred {
		t.Fatalf("conflicts %+v status %s", f.d.Conflicts, f.d.Status)
	}
	f.do(dOfficer, &Assigned{}, at(2026, time.March, 3, 8, 0))
	f.do(dOfficer, &TaskCompleted{Task: tr.ID, Note: "Đúng nơi cư trú"}, at(2026, time.March, 4, 10, 0))
	d = f.d
	if d.Status != StatusAssigned || d.Holder != (Holder{Office: commune, Officer: officer.UserID}) {
		t.Errorf("after the task: status %s holder %v", d.Status, d.Holder)
	}
	if d.Tasks[0].Timing != TimingOnTime || d.Tasks[0].DoneBy != dOfficer.UserID {
		t.Errorf("task %+v", d.Tasks[0])
	}
	if !slices.Equal(d.Offices, []string{commune, district}) {
		t.Errorf("offices %v: the district stays in the audience", d.Offices)
	}
}

// TestConsultation: a consultation with its own time, answered by the
// consulted office.
func TestConsultation(t *testing.T) {
	f := newFlow(t).to(StatusAssigned)
	q := f.do(officer, &Consulted{Office: district, Question: "Có tranh chấp không?", TimeWD: 1, Due: at(2026, time.March, 3, 17, 0)}, at(2026, time.March, 2, 11, 0))
	if f.d.Holder.Office != commune || !slices.Contains(f.d.Offices, district) {
		t.Fatalf("holder %v offices %v", f.d.Holder, f.d.Offices)
	}
	f.do(dLeader, &ConsultAnswered{Consultation: q.ID, Answer: "Không"}, at(2026, time.March, 4, 9, 0))
	c := f.d.Consultations[0]
	if c.Answer != "Không" || c.Timing != TimingLate || c.AnsweredBy != dLeader.UserID {
		t.Errorf("consultation %+v", c)
	}
}

// TestProblems: unreadable events are listed and skipped; a repeated ID is
// folded once.
func TestProblems(t *testing.T) {
	f := newFlow(t).to(StatusReceived)
	base := Input{Actor: "x", ActorOffice: commune, At: late0}
	for i, in := range []Input{
		{Kind: "dossier.teleported", Body: []byte(`{"v":1}`)},
		{Kind: KindRefused, Body: []byte(`{"v":1,"reason":`)},
		{Kind: KindRefused, Body: []byte(`{"v":7,"reason":"x"}`)},
		{Kind: KindRefused, Body: nil},
		{Kind: KindCorrected, Body: []byte(`{"v":1,"changes":[{"field":"colour","old":"","new":"red"}]}`)},
		{Kind: KindConflictResolved, Body: []byte(`{"v":1,"event":"nope","decision":"keep"}`)},
	} {
		in.Actor, in.ActorOffice, in.At, in.ID = base.Actor, base.ActorOffice, base.At, "p"+itoa(i)
		f.d.Apply(in)
	}
	codes := []string{}
	for _, p := range f.d.Problems {
		codes = append(codes, p.Code)
	}
	want := []string{CodeUnknownKind, CodeBadBody, CodeUnsupportedVersion, CodeBadBody, CodeBadValue, CodeNoSuchConflict}
	if !slices.Equal(codes, want) {
		t.Errorf("problems %v, want %v", codes, want)
	}
	if f.d.Status != StatusReceived || len(f.d.Conflicts) != 0 || len(f.d.Timeline) != 7 {
		t.Errorf("status %s conflicts %d timeline %d", f.d.Status, len(f.d.Conflicts), len(f.d.Timeline))
	}
	before := jsonOf(t, f.d)
	f.d.Apply(f.inputs[0])
	if jsonOf(t, f.d) != before {
		t.Error("a repeated event changed the dossier")
	}
}

// TestApplyIncremental: folding more events into a dossier decoded from
// an earlier fold's JSON gives the JSON of folding them all at once, at
// every split point.
func TestApplyIncremental(t *testing.T) {
	f := newFlow(t)
	twoReturns(f)
	f.do(admin, &ConflictResolved{Event: f.d.Conflicts[0].ID, Decision: DecisionKeep}, at(2026, time.March, 3, 9, 0))
	want := jsonOf(t, Fold(f.inputs))
	for i := range f.inputs {
		var d Dossier
		if err := json.Unmarshal([]byte(jsonOf(t, Fold(f.inputs[:i]))), &d); err != nil {
			t.Fatal(err)
		}
		for _, in := range f.inputs[i:] {
			d.Apply(in)
		}
		if got := jsonOf(t, d); got != want {
			t.Fatalf("split at %d:\n got %s\nwant %s", i, got, want)
		}
	}
}

// TestLienThongDecidedElsewhere: the receiving office of a cross-level
// transfer processes the dossier through to its leader's signature, then
// sends it back; the commune's desk returns the result.
func TestLienThongDecidedElsewhere(t *testing.T) {
	f := newFlow(t).to(StatusTransferred)
	h := func(d, hh int) time.Time { return at(2026, time.March, d, hh, 0) }
	f.do(dOfficer, &Assigned{}, h(3, 8))
	f.do(dOfficer, &Appraised{Opinion: OpinionApprove}, h(3, 9))
	f.do(dOfficer, &Submitted{To: dLeader.UserID}, h(3, 10))
	if err := Check(f.d, Action{Kind: KindSigned}, leader, h(3, 11), f.cal); CodeOf(err) != CodeWrongOffice {
		t.Errorf("the commune's leader signs for the district: %v", err)
	}
	f.do(dLeader, &Signed{Number: "45/QĐ"}, h(3, 11))
	f.do(dOfficer, &TaskCompleted{}, h(3, 14))
	if f.d.Status != StatusSigned || f.d.Holder != (Holder{Office: commune, Officer: officer.UserID}) || f.d.Result.Office != district {
		t.Fatalf("status %s holder %v result %+v", f.d.Status, f.d.Holder, f.d.Result)
	}
	f.do(clerk, &ResultAtDesk{}, h(3, 15))
	f.do(clerk, &Returned{Recipient: "Nguyễn Văn An", Rating: RatingSatisfied}, h(4, 9))
	if f.d.Status != StatusReturned || f.d.Timing != TimingEarly || f.d.Tasks[0].Timing != TimingOnTime {
		t.Errorf("status %s timing %s task %s", f.d.Status, f.d.Timing, f.d.Tasks[0].Timing)
	}
}
