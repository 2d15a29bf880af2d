package dossier

import (
	"slices"
	"testing"
	"time"
)

// The standard dossier is received on Monday 2 March 2026 at 09:00 under a
// 3-working-day procedure: it is due on Thursday 5 March at 17:00.
var (
	day0 = at(2026, time.March, 2, 9, 0)
	due0 = at(2026, time.March, 5, 17, 0)
	// late0 is the afternoon of reception, after every step of the paths.
	late0 = at(2026, time.March, 2, 16, 30)
)

var leader2 = Actor{UserID: "u-lead2", Office: commune, Roles: []string{"leader"}}

// to drives a new standard dossier to status s along the usual path.
func (f *flow) to(s Status) *flow {
	f.t.Helper()
	h := func(hh, mm int) time.Time { return at(2026, time.March, 2, hh, mm) }
	switch s {
	case StatusReceived:
		f.receive(day0)
	case StatusHandedOver:
		f.to(StatusReceived).do(clerk, &HandedOver{Step: f.plan(KindHandedOver, h(9, 30))}, h(9, 30))
	case StatusAssigned:
		f.to(StatusHandedOver).do(officer, &Assigned{Step: f.plan(KindAssigned, h(10, 0))}, h(10, 0))
	case StatusAppraised:
		f.to(StatusAssigned).do(officer, &Appraised{Opinion: OpinionApprove}, h(11, 0))
	case StatusSubmitted:
		f.to(StatusAppraised).do(officer, &Submitted{To: leader.UserID, Step: f.plan(KindSubmitted, h(13, 0))}, h(13, 0))
	case StatusSigned:
		f.to(StatusSubmitted).do(leader, &Signed{Number: "12/QĐ-UBND"}, h(14, 0))
	case StatusResultAtDesk:
		f.to(StatusSigned).do(clerk, &ResultAtDesk{Step: f.plan(KindResultAtDesk, h(15, 0))}, h(15, 0))
	case StatusReturned:
		f.to(StatusResultAtDesk).do(clerk, &Returned{Recipient: "Nguyễn Thị Hồng"}, h(16, 0))
	case StatusTransferred:
		f.to(StatusAssigned).do(officer, &Transferred{Office: district, Task: "Xác minh cư trú", TimeWD: 1, Due: at(2026, time.March, 3, 17, 0)}, h(11, 0))
	case StatusSupplementRequested:
		f.to(StatusAssigned).do(officer, &SupplementRequested{Missing: []string{"Giấy chứng sinh (bản chính)"}}, h(11, 0))
	case StatusPaymentRequested:
		f.to(StatusAssigned).do(officer, &PaymentRequested{AmountVND: 8000}, h(11, 0))
	case StatusRefused:
		f.to(StatusAppraised).do(leader, &Refused{Reason: "Không đủ điều kiện"}, h(13, 0))
	case StatusNotAccepted:
		f.to(StatusReceived).do(clerk, &Refused{Reason: "Không thuộc thẩm quyền"}, h(9, 30))
	case StatusWithdrawn:
		f.to(StatusReceived).do(clerk, &Withdrawn{Reason: "Công dân xin rút"}, h(9, 30))
	case StatusStopped:
		f.to(StatusAssigned).do(leader, &Stopped{Reason: "Có tranh chấp"}, h(11, 0))
	}
	if s != StatusNone && f.d.Status != s {
		f.t.Fatalf("driving to %s ended in %s", s, f.d.Status)
	}
	return f
}

// TestAllowedActions is the action table written out by hand, status by
// status and user by user, against what AllowedActions offers.
func TestAllowedActions(t *testing.T) {
	type want map[string][]Kind // user ID → kinds
	cases := []struct {
		status Status
		want   want
	}{
		{StatusNone, want{"u-clerk": {KindReceived}}},
		{StatusReceived, want{
			"u-clerk": {KindHandedOver, KindSupplementRequested, KindPaymentRequested, KindRefused, KindWithdrawn},
			"u-lead":  {KindRescheduled, KindStopped},
			"u-admin": {KindCorrected},
		}},
		{StatusHandedOver, want{
			"u-clerk": {KindWithdrawn},
			"u-off":   {KindAssigned, KindTransferred},
			"u-lead":  {KindAssigned, KindRescheduled, KindStopped},
			"u-admin": {KindCorrected},
		}},
		{StatusAssigned, want{
			"u-clerk": {KindWithdrawn},
			"u-off":   {KindAssigned, KindAppraised, KindConsulted, KindTransferred, KindSupplementRequested, KindPaymentRequested},
			"u-lead":  {KindAssigned, KindRefused, KindRescheduled, KindStopped},
			"u-admin": {KindCorrected},
		}},
		{StatusAppraised, want{
			"u-clerk": {KindWithdrawn},
			"u-off":   {KindConsulted, KindTransferred, KindSupplementRequested, KindPaymentRequested, KindSubmitted},
			"u-lead":  {KindRefused, KindRescheduled, KindStopped},
			"u-admin": {KindCorrected},
		}},
		{StatusTransferred, want{
			"u-clerk": {KindWithdrawn},
			"u-lead":  {KindRescheduled, KindStopped},
			"u-admin": {KindCorrected},
			"u-doff":  {KindAssigned, KindTransferred, KindTaskCompleted},
			"u-dlead": {KindAssigned, KindTaskCompleted, KindRescheduled, KindStopped},
		}},
		{StatusSupplementRequested, want{
			"u-clerk": {KindSupplementReceived, KindWithdrawn},
			"u-lead":  {KindStopped},
			"u-admin": {KindCorrected},
		}},
		{StatusPaymentRequested, want{
			"u-clerk": {KindPaymentReceived, KindWithdrawn},
			"u-lead":  {KindRescheduled, KindStopped},
			"u-admin": {KindCorrected},
		}},
		{StatusSubmitted, want{
			"u-clerk": {KindWithdrawn},
			"u-lead":  {KindRefused, KindRescheduled, KindSigned, KindStopped},
			"u-admin": {KindCorrected},
		}},
		{StatusSigned, want{"u-clerk": {KindResultAtDesk}, "u-admin": {KindCorrected}}},
		{StatusRefused, want{"u-clerk": {KindResultAtDesk}, "u-admin": {KindCorrected}}},
		{StatusResultAtDesk, want{"u-clerk": {KindReturned}, "u-admin": {KindCorrected}}},
		{StatusReturned, want{"u-clerk": {KindRated}}},
		{StatusNotAccepted, want{"u-admin": {KindCorrected}}},
		{StatusWithdrawn, want{"u-admin": {KindCorrected}}},
		{StatusStopped, want{"u-admin": {KindCorrected}}},
	}
	covered := map[Status]bool{}
	for _, c := range cases {
		covered[c.status] = true
		f := newFlow(t).to(c.status)
		for _, by := range allActors {
			got := kinds(AllowedActions(f.d, by, late0, f.cal))
			exp := append([]Kind{}, c.want[by.UserID]...)
			slices.Sort(got)
			slices.Sort(exp)
			if !slices.Equal(got, exp) {
				t.Errorf("%s, %s (%s): allowed %v, want %v", statusName(c.status), by.UserID, by.Roles[0], got, exp)
			}
		}
	}
	for _, s := range Statuses() {
		if !covered[s] {
			t.Errorf("status %s has no row", s)
		}
	}
}

// TestCheck lists refusals with their codes, and the allowed edge of each
// time limit.
func TestCheck(t *testing.T) {
	march := func(d, hh int) time.Time { return at(2026, time.March, d, hh, 0) }
	cases := []struct {
		name  string
		setup func(f *flow)
		by    Actor
		body  Body
		kind  Kind // when body is nil
		raw   []byte
		now   time.Time
		want  string
	}{
		// State.
		{name: "hand over twice", setup: to(StatusAssigned), by: clerk, kind: KindHandedOver, want: CodeWrongState},
		{name: "sign before submission", setup: to(StatusAppraised), by: leader, kind: KindSigned, want: CodeWrongState},
		{name: "supplement received unasked", setup: to(StatusAssigned), by: clerk, kind: KindSupplementReceived, want: CodeWrongState},
		{name: "return before the result is at the desk", setup: to(StatusSigned), by: clerk, kind: KindReturned, want: CodeWrongState},
		{name: "reschedule while waiting for a supplement", setup: to(StatusSupplementRequested), by: leader, kind: KindRescheduled, want: CodeWrongState},
		{name: "act before reception", setup: to(StatusNone), by: clerk, kind: KindHandedOver, want: CodeNotReceived},
		{name: "receive twice", setup: to(StatusReceived), by: clerk, kind: KindReceived, want: CodeAlreadyReceived},
		{name: "return twice", setup: to(StatusReturned), by: clerk, kind: KindReturned, want: CodeAlreadyReturned},
		{name: "correct after return", setup: to(StatusReturned), by: admin, kind: KindCorrected, want: CodeAfterReturn},
		{name: "rate twice", setup: func(f *flow) { f.to(StatusReturned).do(clerk, &Rated{Rating: RatingSatisfied}, march(2, 16)) }, by: clerk, kind: KindRated, want: CodeAlreadyRated},
		// Role.
		{name: "officer hands over", setup: to(StatusReceived), by: officer, kind: KindHandedOver, want: CodeWrongRole},
		{name: "clerk signs", setup: to(StatusSubmitted), by: clerk, kind: KindSigned, want: CodeWrongRole},
		{name: "clerk refuses after appraisal", setup: to(StatusAppraised), by: clerk, kind: KindRefused, want: CodeWrongRole},
		{name: "officer refuses after appraisal", setup: to(StatusAppraised), by: officer, kind: KindRefused, want: CodeWrongRole},
		{name: "leader refuses at the desk", setup: to(StatusReceived), by: leader, kind: KindRefused, want: CodeWrongRole},
		{name: "officer reschedules", setup: to(StatusAssigned), by: officer, kind: KindRescheduled, want: CodeWrongRole},
		{name: "clerk corrects", setup: to(StatusReceived), by: clerk, kind: KindCorrected, want: CodeWrongRole},
		{name: "clerk requests a supplement after appraisal", setup: to(StatusAppraised), by: clerk, kind: KindSupplementRequested, want: CodeWrongRole},
		// Office and holder.
		{name: "other office appraises", setup: to(StatusAssigned), by: dOfficer, kind: KindAppraised, want: CodeWrongOffice},
		{name: "other office's desk returns", setup: to(StatusResultAtDesk), by: dClerk, kind: KindReturned, want: CodeWrongOffice},
		{name: "sending office acts during liên thông", setup: to(StatusTransferred), by: officer, kind: KindAppraised, want: CodeWrongState},
		{name: "sending office transfers again", setup: to(StatusTransferred), by: officer, kind: KindTransferred, want: CodeWrongOffice},
		{name: "another officer appraises", setup: to(StatusAssigned), by: officer2, kind: KindAppraised, want: CodeNotHolder},
		{name: "another leader signs", setup: to(StatusSubmitted), by: leader2, kind: KindSigned, want: CodeNotHolder},
		{name: "a leader reassigns", setup: to(StatusAssigned), by: leader2, body: &Assigned{Officer: officer2.UserID}},
		// Time limits.
		{name: "supplement on the 3rd working day", setup: to(StatusAssigned), by: officer, body: &SupplementRequested{Missing: []string{"Tờ khai"}}, now: march(5, 16)},
		{name: "supplement on the 4th working day", setup: to(StatusAssigned), by: officer, kind: KindSupplementRequested, now: march(6, 8), want: CodeSupplementTooLate},
		{name: "supplement at the desk on the 4th working day", setup: to(StatusReceived), by: clerk, kind: KindSupplementRequested, now: march(6, 8), want: CodeSupplementTooLate},
		{name: "reschedule 1 working day before", setup: to(StatusAssigned), by: leader, body: &Rescheduled{NewDue: march(10, 17), Reason: "Chờ xác minh"}, now: march(4, 16)},
		{name: "reschedule on the due day", setup: to(StatusAssigned), by: leader, kind: KindRescheduled, now: march(5, 8), want: CodeRescheduleTooLate},
		{name: "reschedule to the same day", setup: to(StatusAssigned), by: leader, body: &Rescheduled{NewDue: march(5, 10), Reason: "x"}, now: march(3, 9), want: CodeNewDueNotLater},
		{name: "reschedule twice", setup: func(f *flow) {
			f.to(StatusAssigned).do(leader, &Rescheduled{NewDue: march(10, 17), Reason: "Chờ xác minh"}, march(3, 9))
		}, by: leader, kind: KindRescheduled, now: march(4, 9), want: CodeRescheduleOnce},
		// Liên thông and consultations.
		{name: "district finishes its task", setup: to(StatusTransferred), by: dOfficer, kind: KindTaskCompleted},
		{name: "district finishes its task twice", setup: func(f *flow) {
			f.to(StatusTransferred).do(dOfficer, &TaskCompleted{Note: "Đã xác minh"}, march(2, 14))
		}, by: dOfficer, kind: KindTaskCompleted, want: CodeWrongOffice},
		{name: "answer a consultation twice", setup: func(f *flow) {
			in := f.to(StatusAssigned).do(officer, &Consulted{Office: district, Question: "Xác nhận nơi cư trú?", TimeWD: 1, Due: march(3, 17)}, march(2, 11))
			f.do(dOfficer, &ConsultAnswered{Consultation: in.ID, Answer: "Đúng"}, march(2, 14))
		}, by: dOfficer, kind: KindConsultAnswered, want: CodeNoSuchConsultation},
		{name: "answer another office's consultation", setup: func(f *flow) {
			f.to(StatusAssigned).do(officer, &Consulted{Office: district, Question: "?", TimeWD: 1, Due: march(3, 17)}, march(2, 11))
		}, by: officer, kind: KindConsultAnswered, want: CodeWrongOffice},
		// Bodies.
		{name: "bad JSON", setup: to(StatusReceived), by: clerk, kind: KindRefused, raw: []byte(`{`), want: CodeBadBody},
		{name: "future version", setup: to(StatusReceived), by: clerk, kind: KindRefused, raw: []byte(`{"v":2,"reason":"x"}`), want: CodeUnsupportedVersion},
		{name: "unknown kind", setup: to(StatusReceived), by: clerk, kind: "dossier.teleported", want: CodeUnknownKind},
		{name: "refusal without a reason", setup: to(StatusReceived), by: clerk, body: &Refused{}, want: CodeBadValue},
		{name: "supplement listing nothing", setup: to(StatusAssigned), by: officer, body: &SupplementRequested{}, want: CodeBadValue},
		{name: "transfer to itself", setup: to(StatusAssigned), by: officer, body: &Transferred{Office: commune, Task: "x", Due: march(4, 17)}, want: CodeBadValue},
		{name: "rating off the scale's form", setup: to(StatusReturned), by: clerk, body: &Rated{Rating: "Rất hài lòng"}, want: CodeBadValue},
		{name: "correct an unknown field", setup: to(StatusReceived), by: admin, body: &Corrected{Changes: []Change{{Field: "colour", Old: "", New: "red"}}, Reason: "x"}, want: CodeBadValue},
		{name: "correct from a stale value", setup: to(StatusReceived), by: admin, body: &Corrected{Changes: []Change{{Field: "applicant.fullName", Old: "Nguyễn Thị Hòng", New: "Nguyễn Thị Hồng Anh"}}, Reason: "Sai tên"}, want: CodeStaleValue},
		{name: "correct a citizen ID to 11 digits", setup: to(StatusReceived), by: admin, body: &Corrected{Changes: []Change{{Field: "applicant.citizenId", Old: "038190000123", New: "03819000012"}}, Reason: "x"}, want: CodeBadCitizenID},
		{name: "correct the name", setup: to(StatusReceived), by: admin, body: &Corrected{Changes: []Change{{Field: "applicant.fullName", Old: "Nguyễn Thị Hồng", New: "Nguyễn Thị Hồng Anh"}}, Reason: "Sai tên"}},
		// Conflicts.
		{name: "resolve with no conflict", setup: to(StatusReturned), by: admin, kind: KindConflictResolved, want: CodeNoSuchConflict},
		{name: "clerk resolves", setup: twoReturns, by: clerk, kind: KindConflictResolved, want: CodeWrongRole},
		{name: "admin resolves", setup: twoReturns, by: admin, kind: KindConflictResolved},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFlow(t)
			c.setup(f)
			now := c.now
			if now.IsZero() {
				now = late0
			}
			a := Action{Kind: c.kind, Body: c.raw}
			if c.body != nil {
				var err error
				if a, err = NewAction(c.body); err != nil {
					t.Fatal(err)
				}
			}
			err := Check(f.d, a, c.by, now, f.cal)
			if got := CodeOf(err); got != c.want {
				t.Fatalf("Check(%s by %s) = %v (code %q), want code %q", a.Kind, c.by.UserID, err, got, c.want)
			}
			if err != nil && err.(*RuleError).Message == "" {
				t.Error("a refusal without a message")
			}
			// What Check allows without a body, AllowedActions offers.
			if c.body == nil && c.raw == nil && c.kind.Valid() {
				offered := slices.Contains(kinds(AllowedActions(f.d, c.by, now, f.cal)), c.kind)
				if offered != (c.want == "") {
					t.Errorf("AllowedActions offers %s: %v, Check says %v", c.kind, offered, err)
				}
			}
		})
	}
}

// to returns a setup that drives the dossier to s.
func to(s Status) func(*flow) { return func(f *flow) { f.to(s) } }

// twoReturns sets up the result returned twice, concurrently, by two
// clerks of the desk offline: the second is a conflict.
func twoReturns(f *flow) {
	f.to(StatusResultAtDesk)
	f.force(clerk, &Returned{Recipient: "Nguyễn Thị Hồng"}, at(2026, time.March, 2, 16, 0))
	f.force(clerk2, &Returned{Recipient: "Trần Văn Nam"}, at(2026, time.March, 2, 16, 1))
}

// TestRuleTable checks the table's shape: every kind has a row, every row
// a known role, status and office rule, and the table reads back unchanged.
func TestRuleTable(t *testing.T) {
	rows := RuleTable()
	for _, k := range Kinds() {
		if !slices.ContainsFunc(rows, func(r Rule) bool { return r.Kind == k }) {
			t.Errorf("kind %s has no rule", k)
		}
	}
	known := append(Statuses(), StatusNone)
	for _, r := range rows {
		if !slices.Contains([]Role{RoleClerk, RoleOfficer, RoleLeader, RoleAdmin}, r.Role) {
			t.Errorf("%s: role %q", r.Kind, r.Role)
		}
		for _, s := range r.From {
			if !slices.Contains(known, s) {
				t.Errorf("%s: status %q", r.Kind, s)
			}
		}
		if rs := rulesFor(r.Kind); rs[0].Where != r.Where {
			t.Errorf("%s: rows disagree on the office rule", r.Kind)
		}
	}
	rows[0].From[0] = StatusReturned
	if RuleTable()[0].From[0] != StatusNone {
		t.Error("RuleTable shares memory with the table")
	}
}
