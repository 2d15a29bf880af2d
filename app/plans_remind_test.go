package app

import (
	"testing"

	"hoso/p2p/syncproto"
	"hoso/plan"
)

// A reminder from the district reaches the commune reminded by sync and
// never its sibling; the commune's dashboard counts it until a user of the
// commune acknowledges it, and the acknowledgement goes up to the issuer
// and not to the sibling.
func TestPlansRemindersAcknowledged(t *testing.T) {
	p := newPlansEnv(t)
	p.mustCall(t, p.district, "Plans.Publish", PublishRequest{Plan: districtPlan()}, nil)
	var m Reminder
	p.mustCall(t, p.district, "Plans.Remind", RemindRequest{Plan: "405-kh1", Task: "T1", Office: "38002", Note: "Đề nghị báo cáo quý"}, &m)

	dashboard := func(session string) int {
		t.Helper()
		var d DashboardReply
		p.mustCall(t, session, "Reports.Dashboard", ReportRequest{Period: "2026Q4"}, &d)
		return d.Reminders
	}
	if n := dashboard(p.c2); n != 1 {
		t.Fatalf("the reminded commune's dashboard counts %d reminders", n)
	}
	if n := dashboard(p.c1); n != 0 {
		t.Fatalf("the sibling's dashboard counts %d reminders", n)
	}
	var r2, r1 RemindersReply
	p.mustCall(t, p.c2, "Plans.Reminders", RemindersRequest{}, &r2)
	if r2.Unacknowledged != 1 || len(r2.Reminders) != 1 || r2.Reminders[0].ID != m.ID || r2.Reminders[0].Acknowledged ||
		r2.Reminders[0].PlanTitle != "Kế hoạch CCHC" || r2.Reminders[0].TaskTitle != "Báo cáo quý" || r2.Reminders[0].From != "405" || r2.Reminders[0].FromName != "UBND huyện Đông Sơn" {
		t.Fatalf("the commune's reminders: %+v", r2)
	}
	// A commune asking for another's reminders as an ordinary user gets
	// its own: the office field is the operator's.
	p.mustCall(t, p.c1, "Plans.Reminders", RemindersRequest{Office: "38002"}, &r1)
	if r1.Office != "38001" || len(r1.Reminders) != 0 {
		t.Fatalf("the sibling's reminders: %+v", r1)
	}
	if err := p.call(t, p.c1, "Plans.Acknowledge", AcknowledgeRequest{Reminder: m.ID}, nil); err == nil || err.Code != CodeNotFound {
		t.Fatalf("the sibling acknowledging: %v", err)
	}
	if err := p.call(t, p.c2, "Plans.Acknowledge", AcknowledgeRequest{}, nil); err == nil || err.Field != "reminder" {
		t.Fatalf("acknowledging nothing: %v", err)
	}

	var ack ReminderItem
	p.mustCall(t, p.c2, "Plans.Acknowledge", AcknowledgeRequest{Reminder: m.ID}, &ack)
	if !ack.Acknowledged || ack.AcknowledgedAt == nil || ack.AcknowledgedBy == "" {
		t.Fatalf("acknowledged: %+v", ack)
	}
	if n := dashboard(p.c2); n != 0 {
		t.Fatalf("after acknowledging, the dashboard counts %d", n)
	}
	// Twice is once: one event, the first day kept.
	var again ReminderItem
	p.mustCall(t, p.c2, "Plans.Acknowledge", AcknowledgeRequest{Reminder: m.ID}, &again)
	if evs, err := p.st.Events(planAckSubject("38002", m.ID)); err != nil || len(evs) != 1 || !again.AcknowledgedAt.Equal(*ack.AcknowledgedAt) {
		t.Fatalf("acknowledged twice: %d events, %v", len(evs), err)
	}
	p.mustCall(t, p.c2, "Plans.Reminders", RemindersRequest{}, &r2)
	if r2.Unacknowledged != 0 || !r2.Reminders[0].Acknowledged {
		t.Fatalf("after acknowledging: %+v", r2)
	}

	tree := fakeTree{"38": "38", "405": "38/405", "38001": "38/405/38001", "38002": "38/405/38002"}
	scope := func(office string) syncproto.Scope { return syncproto.NewScope(tree[office], tree) }
	for _, c := range []struct {
		subject      string
		reach, never []string
	}{
		{plan.RemindSubject("405", m.ID), []string{"405", "38002"}, []string{"38001"}},
		{planAckSubject("38002", m.ID), []string{"38002", "405", "38"}, []string{"38001"}},
	} {
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
