package app

import (
	"testing"
	"time"

	"hoso/catalog"
	"hoso/dossier"
)

// TestCitizenLookup: the desk's look-up of a personal number knows the
// person from the newest dossier at the office, gives the contact details
// only when asked (Fill), lists the same procedure filed today (a warning:
// the second reception still succeeds), ignores the spaces typed in the
// number, refuses a number whose first three digits name no province, and
// is the clerk's alone.
func TestCitizenLookup(t *testing.T) {
	s := newStaff(t)
	s.now = time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC) // Wednesday 09:00 in Vietnam
	const id = "038190000555"
	receive := func(a dossier.Applicant) string {
		t.Helper()
		r, err := s.receiveAs(t, a)
		if err != nil || !r.Received {
			t.Fatalf("receive %+v: %+v %v", a, r, err)
		}
		return r.Code
	}
	person := dossier.Applicant{FullName: "Lê Thị Mai", CitizenID: id, Address: "Thôn 1, xã Đông Sơn", Phone: "0912345678"}
	receive(person)
	s.now = s.now.Add(24 * time.Hour) // Thursday
	moved := person
	moved.Address, moved.Phone = "Thôn 5, xã Đông Sơn", "0237 3888 999" // a fixed line, typed with spaces
	first := receive(moved)

	var r CitizenReply
	s.mustCall(t, s.clerk, "Dossiers.Citizen", CitizenRequest{CitizenID: "038 190 000 555", Procedure: "1.004837"}, &r)
	if r.CitizenID != id || r.Province != "Thanh Hóa" || !r.Known || r.LastCode != first || r.Contact != nil ||
		len(r.SameToday) != 1 || r.SameToday[0] != first {
		t.Fatalf("look-up before filling: %+v", r)
	}
	s.mustCall(t, s.clerk, "Dossiers.Citizen", CitizenRequest{CitizenID: id, Procedure: "1.004837", Fill: true}, &r)
	if c := r.Contact; c == nil || c.FullName != "Lê Thị Mai" || c.Address != "Thôn 5, xã Đông Sơn" || c.Phone != "02373888999" {
		t.Fatalf("the newest dossier's contact: %+v", r.Contact)
	}
	// The same procedure twice on one day is a warning, not a refusal.
	s.now = s.now.Add(time.Minute)
	second := receive(moved)
	r = CitizenReply{}
	s.mustCall(t, s.clerk, "Dossiers.Citizen", CitizenRequest{CitizenID: id, Procedure: "1.004837"}, &r)
	if len(r.SameToday) != 2 || r.Contact != nil || r.SameToday[0] != first || r.SameToday[1] != second || r.LastCode != second {
		t.Fatalf("two dossiers today: %+v", r)
	}
	// Another procedure, or a day later: no warning.
	s.mustCall(t, s.clerk, "Dossiers.Citizen", CitizenRequest{CitizenID: id, Procedure: "1.001193"}, &r)
	if len(r.SameToday) != 0 || !r.Known {
		t.Fatalf("another procedure: %+v", r)
	}
	s.now = s.now.Add(24 * time.Hour)
	s.mustCall(t, s.clerk, "Dossiers.Citizen", CitizenRequest{CitizenID: id, Procedure: "1.004837"}, &r)
	if len(r.SameToday) != 0 {
		t.Fatalf("the next day: %+v", r)
	}
	// A representative's number does not make the person known, nor
	// does an unknown number.
	org := orgApplicant()
	org.Representative.CitizenID = "038190000777"
	receive(org)
	for _, other := range []string{"038190000777", "001090000456"} {
		r = CitizenReply{}
		s.mustCall(t, s.clerk, "Dossiers.Citizen", CitizenRequest{CitizenID: other, Fill: true}, &r)
		if r.Known || r.Contact != nil || r.LastCode != "" {
			t.Fatalf("%s: %+v", other, r)
		}
	}
	// The structure of the number, as at reception.
	for in, want := range map[string]string{"003190000123": "place", "03819000055": "", "": ""} {
		err := s.call(t, s.clerk, "Dossiers.Citizen", CitizenRequest{CitizenID: in}, nil)
		if err == nil || err.Field != "citizenId" || err.Params["reason"] != want {
			t.Errorf("number %q: %+v, want an error on citizenId (reason %q)", in, err, want)
		}
	}
	if err := s.call(t, s.officer, "Dossiers.Citizen", CitizenRequest{CitizenID: id}, nil); err == nil || err.Code != CodeForbidden {
		t.Errorf("an officer's look-up: %v", err)
	}
	// The desk receives a number typed with spaces, and a fixed line.
	spaced := dossier.Applicant{FullName: "Trần Văn Nam", CitizenID: " 038 090 001 111 ", Phone: "0237.3888.999"}
	var got ReceiveReply
	s.mustCall(t, s.clerk, "Dossiers.Receive", ReceiveRequest{Procedure: "1.004837", Applicant: spaced,
		Documents: []dossier.ReceivedDocument{{Name: "Tờ khai", Form: catalog.FormOriginal, Count: 1}}}, &got)
	if a := got.Dossier.Applicant; a.CitizenID != "038090001111" || a.Phone != "02373888999" {
		t.Fatalf("received %+v", a)
	}
}

// TestCitizenFillIsNotLoggedAtTheDesk: another clerk of the office, who
// did not receive the dossier, still holds it as the office's desk
// (holdsDossier), so filling the form from it is not an access to log.
func TestCitizenFillIsNotLoggedAtTheDesk(t *testing.T) {
	s := newStaff(t)
	s.now = time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)
	if _, err := s.receiveAs(t, dossier.Applicant{FullName: "Lê Thị Mai", CitizenID: "038190000555"}); err != nil {
		t.Fatal(err)
	}
	other := s.login(t, "vanthu2", RoleClerk)
	var r CitizenReply
	s.mustCall(t, other, "Dossiers.Citizen", CitizenRequest{CitizenID: "038190000555", Fill: true}, &r)
	if r.Contact == nil || r.Contact.FullName != "Lê Thị Mai" {
		t.Fatalf("fill: %+v", r)
	}
	if l := s.accessLog(t, s.admin); len(l) != 0 {
		t.Fatalf("a clerk of the office filling from its dossier was logged: %+v", l)
	}
}
