package app

import (
	"slices"
	"testing"
	"time"

	"hoso/dossier"
)

// addUser adds a user of office with roles and returns their session and ID.
func (s *staffEnv) addUser(t *testing.T, name, office string, roles ...Role) (session, id string) {
	t.Helper()
	var info UserInfo
	s.mustCall(t, s.admin, "Users.Save", SaveUserRequest{Username: name, FullName: name, Office: office, Roles: roles, Password: "12345678"}, &info)
	var l LoginReply
	s.mustCall(t, "", "Auth.Login", LoginRequest{Username: name, Password: "12345678"}, &l)
	return l.Session, info.ID
}

// queue returns session's queue as code → reason, and the codes in order.
func (s *staffEnv) queue(t *testing.T, session string) (map[string]QueueReason, []string) {
	t.Helper()
	var q QueueReply
	s.mustCall(t, session, "Dossiers.Queue", struct{}{}, &q)
	reasons := map[string]QueueReason{}
	var order []string
	for _, it := range q.Items {
		reasons[it.Code] = it.Reason
		order = append(order, it.Code)
	}
	return reasons, order
}

// TestQueueFollowsTheDossier walks two dossiers through their steps and
// checks, at each, whose queue lists them and for what: each user sees
// exactly the dossiers the rules let them move on, oldest first.
func TestQueueFollowsTheDossier(t *testing.T) {
	s := newStaff(t)
	s.now = time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC) // Thursday 09:00 in Vietnam
	officer2, _ := s.addUser(t, "chuyenvien2", "38001", RoleOfficer)
	leader2, leader2ID := s.addUser(t, "lanhdao2", "38001", RoleLeader)
	inspector, _ := s.addUser(t, "thanhtra", "38001", RoleInspector)

	older := s.receive(t, "Nguyễn Thị Hồng")
	s.now = s.now.Add(time.Hour)
	newer := s.receive(t, "Trần Văn Bình")

	want := func(step string, session string, exp map[string]QueueReason) {
		t.Helper()
		got, _ := s.queue(t, session)
		for code, reason := range exp {
			if got[code] != reason {
				t.Errorf("%s: queue lists %s as %q, want %q (queue %v)", step, code, got[code], reason, got)
			}
		}
		for code := range got {
			if _, ok := exp[code]; !ok {
				t.Errorf("%s: queue lists %s (%q), want it absent", step, code, got[code])
			}
		}
	}
	none := map[string]QueueReason{}

	want("received, clerk", s.clerk, map[string]QueueReason{older: QueueHandOver, newer: QueueHandOver})
	if _, order := s.queue(t, s.clerk); !slices.Equal(order, []string{older, newer}) {
		t.Errorf("clerk's queue order %v, want oldest first", order)
	}
	want("received, officer", s.officer, none)
	want("received, leader", s.leader, none)
	want("received, inspector", inspector, none)

	for _, code := range []string{older, newer} {
		if err := s.act(t, s.clerk, code, dossier.KindHandedOver, dossier.HandedOver{}); err != nil {
			t.Fatal(err)
		}
	}
	want("handed over, officer", s.officer, map[string]QueueReason{older: QueueTake, newer: QueueTake})
	want("handed over, leader", s.leader, map[string]QueueReason{older: QueueAssign, newer: QueueAssign})
	want("handed over, clerk", s.clerk, none)

	// The officer takes the older one: it leaves the other officer's queue.
	if err := s.act(t, s.officer, older, dossier.KindAssigned, dossier.Assigned{}); err != nil {
		t.Fatal(err)
	}
	want("assigned, officer", s.officer, map[string]QueueReason{older: QueueAppraise, newer: QueueTake})
	want("assigned, other officer", officer2, map[string]QueueReason{newer: QueueTake})
	want("assigned, leader", s.leader, map[string]QueueReason{newer: QueueAssign})

	if err := s.act(t, s.officer, older, dossier.KindAppraised, dossier.Appraised{Opinion: dossier.OpinionApprove}); err != nil {
		t.Fatal(err)
	}
	want("appraised, officer", s.officer, map[string]QueueReason{older: QueueSubmit, newer: QueueTake})

	// Submitted to the second leader by name: only that leader signs it.
	if err := s.act(t, s.officer, older, dossier.KindSubmitted, dossier.Submitted{To: leader2ID}); err != nil {
		t.Fatal(err)
	}
	want("submitted, named leader", leader2, map[string]QueueReason{older: QueueSign, newer: QueueAssign})
	want("submitted, other leader", s.leader, map[string]QueueReason{newer: QueueAssign})
	want("submitted, officer", s.officer, map[string]QueueReason{newer: QueueTake})

	if err := s.act(t, leader2, older, dossier.KindSigned, dossier.Signed{Number: "1/QĐ"}); err != nil {
		t.Fatal(err)
	}
	want("signed, clerk", s.clerk, map[string]QueueReason{older: QueueCollect})
	if err := s.act(t, s.clerk, older, dossier.KindResultAtDesk, dossier.ResultAtDesk{}); err != nil {
		t.Fatal(err)
	}
	want("at desk, clerk", s.clerk, map[string]QueueReason{older: QueueReturn})
	var q QueueReply
	s.mustCall(t, s.clerk, "Dossiers.Queue", struct{}{}, &q)
	if len(q.Items) != 1 || q.Items[0].Due.IsZero() {
		t.Fatalf("clerk's queue %+v", q.Items)
	}
	// The appointment is days away: not to return today, until its day comes.
	if q.Items[0].DueBy {
		t.Errorf("result due %s counted as due today on %s", q.Items[0].Due, s.now)
	}
	s.now = q.Items[0].Due.Add(time.Hour)
	s.mustCall(t, s.clerk, "Dossiers.Queue", struct{}{}, &q)
	if len(q.Items) != 1 || !q.Items[0].DueBy {
		t.Errorf("on its appointment day the result is not due: %+v", q.Items)
	}
	if err := s.act(t, s.clerk, older, dossier.KindReturned, dossier.Returned{Recipient: "Nguyễn Thị Hồng"}); err != nil {
		t.Fatal(err)
	}
	want("returned, clerk", s.clerk, none)
	want("returned, inspector", inspector, none)
}

// TestColleaguesListsTheOfficesActiveUsersWithRoles checks the person
// pickers' source: the caller's office only, disabled users left out,
// each with their roles.
func TestColleaguesListsTheOfficesActiveUsersWithRoles(t *testing.T) {
	s := newStaff(t)
	_, gone := s.addUser(t, "nghiviec", "38001", RoleOfficer)
	s.mustCall(t, s.admin, "Users.Disable", DisableRequest{ID: gone, Disabled: true}, nil)
	s.mustCall(t, s.admin, "Offices.Save", OfficeRecord{Code: "38002", Name: "UBND xã Bên"}, nil)
	s.addUser(t, "xakhac", "38002", RoleOfficer)

	var reply ColleaguesReply
	s.mustCall(t, s.officer, "Users.Colleagues", struct{}{}, &reply)
	roles := map[string][]Role{}
	for _, u := range reply.Users {
		roles[u.ID] = u.Roles
	}
	if !slices.Equal(roles[s.ids["chuyenvien"]], []Role{RoleOfficer}) || !slices.Equal(roles[s.ids["lanhdao"]], []Role{RoleLeader}) {
		t.Errorf("colleagues %+v", reply.Users)
	}
	if _, ok := roles[gone]; ok {
		t.Errorf("a disabled user is offered: %+v", reply.Users)
	}
	for _, u := range reply.Users {
		if u.FullName == "xakhac" {
			t.Errorf("a user of another office is offered: %+v", u)
		}
	}
}

// TestQueueOfALongHistoryListsTheOldest: a desk with more dossiers waiting
// than the queue shows lists the QueueLimit oldest, oldest first, and says
// there are more, reading each status in the order dossiers came (the
// status index ends with the day of reception); the list filtered by a
// status shows its newest first, as the whole list does.
func TestQueueOfALongHistoryListsTheOldest(t *testing.T) {
	s := newStaff(t)
	var codes []string // in the order received
	for day := 0; day < 3; day++ {
		for i := 0; i < (QueueLimit+12)/3; i++ {
			// Monday 30 November 2026 to Wednesday, from 08:00, newest
			// days first, so that the subjects' order is not the days'.
			at := vn(2026, 12, 2-day, 8).Add(time.Duration(i) * time.Minute)
			codes = append(codes, s.receiveAt(t, "Nguyễn Thị Hồng", dossier.ChannelInPerson, at))
		}
	}
	// Oldest first: Monday's, in their minutes, then Tuesday's…
	var oldest []string
	for day := 2; day >= 0; day-- {
		per := (QueueLimit + 12) / 3
		oldest = append(oldest, codes[day*per:(day+1)*per]...)
	}
	s.now = vn(2026, 12, 2, 16).UTC()
	var q QueueReply
	s.mustCall(t, s.clerk, "Dossiers.Queue", struct{}{}, &q)
	if len(q.Items) != QueueLimit || !q.More {
		t.Fatalf("queue of %d waiting: %d items, more=%v", len(codes), len(q.Items), q.More)
	}
	for i, it := range q.Items {
		if it.Code != oldest[i] || it.Reason != QueueHandOver {
			t.Fatalf("queue item %d: %s (%s), want %s", i, it.Code, it.Reason, oldest[i])
		}
	}
	var page SearchReply
	s.mustCall(t, s.clerk, "Dossiers.Search", SearchRequest{Status: string(dossier.StatusReceived), Page: 1, PageSize: 3, Count: true}, &page)
	if page.Total != len(codes) || len(page.Items) != 3 {
		t.Fatalf("received, newest first: total %d, %d items", page.Total, len(page.Items))
	}
	newest := oldest[len(oldest)-3:]
	for i, it := range page.Items {
		if want := newest[len(newest)-1-i]; it.Code != want {
			t.Errorf("received, newest first: item %d is %s, want %s", i, it.Code, want)
		}
	}
}
