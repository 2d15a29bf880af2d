package app

import (
	"slices"
	"testing"
	"time"

	"hoso/catalog"
	"hoso/dossier"
)

// receiveFor receives a dossier for a named citizen with their own
// identification number and phone, as the clerk of session.
func (s *staffEnv) receiveFor(t *testing.T, session, name, id, phone string) string {
	t.Helper()
	var r ReceiveReply
	s.mustCall(t, session, "Dossiers.Receive", ReceiveRequest{
		Procedure: "1.004837",
		Applicant: dossier.Applicant{FullName: name, CitizenID: id, Address: "Thôn 1, xã Đông Sơn", Phone: phone},
		Channel:   dossier.ChannelInPerson, Sets: 1,
		Documents: []dossier.ReceivedDocument{{Name: "Tờ khai", Form: catalog.FormOriginal, Count: 1}},
	}, &r)
	if !r.Received || r.Code == "" {
		t.Fatalf("receive: %+v", r)
	}
	return r.Code
}

// codes returns the codes of a page, sorted.
func codes(r SearchReply) []string {
	var out []string
	for _, it := range r.Items {
		out = append(out, it.Code)
	}
	slices.Sort(out)
	return out
}

// TestSearchByPartsOfNumbers: what a clerk reads off a receipt or hears on
// the phone finds the dossier: the code's number or its day and number,
// the phone number written any way, four digits or more of an
// identification number. Three digits find nothing (too many would match).
func TestSearchByPartsOfNumbers(t *testing.T) {
	s := newStaff(t)
	s.now = time.Date(2026, 12, 7, 2, 0, 0, 0, time.UTC) // Monday 09:00 in Vietnam
	first := s.receiveFor(t, s.clerk, "Nguyễn Thị Hồng", "038095001234", "0912345678")
	second := s.receiveFor(t, s.clerk, "Trần Văn Bình", "038187654321", "0987 111 222")
	if second != "38001-261207-0002" {
		t.Fatalf("second code %s", second)
	}
	for q, want := range map[string][]string{
		"0002":              {second},
		"261207-0002":       {second},
		"261207-000":        {first, second},
		"38001-261207-0002": {second},
		"0987111222":        {second},
		"0987 111 222":      {second},
		"+84 987 111 222":   {second},
		"111222":            {second},
		"5678":              {first},
		"038187654321":      {second},
		"87654":             {second},
		"4321":              {second},
		"0381":              {second},
		"0380":              {first},
		"321":               nil,
		"9999":              nil,
	} {
		var r SearchReply
		s.mustCall(t, s.clerk, "Dossiers.Search", SearchRequest{Query: q}, &r)
		if got := codes(r); !slices.Equal(got, want) {
			t.Errorf("query %q found %v, want %v", q, got, want)
		}
	}
}

// TestSearchByReceptionDayAndClerk: the list answers "what did we receive
// today, this week, from one day to another, and who received it", with
// how many in all, whether the index answers alone or each dossier must be
// read (a status filter too).
func TestSearchByReceptionDayAndClerk(t *testing.T) {
	s := newStaffAt(t, time.Date(2026, 11, 30, 1, 0, 0, 0, time.UTC))
	var info UserInfo
	s.mustCall(t, s.admin, "Users.Save", SaveUserRequest{Username: "vanthu2", FullName: "vanthu2", Office: "38001", Roles: []Role{RoleClerk}, Password: "12345678"}, &info)
	var l LoginReply
	s.mustCall(t, "", "Auth.Login", LoginRequest{Username: "vanthu2", Password: "12345678"}, &l)
	clerk2, clerk2ID := l.Session, info.ID
	clerk1ID := s.ids["vanthu"]

	day := func(d int) { s.now = time.Date(2026, 12, d, 2, 0, 0, 0, time.UTC) }
	day(1) // Tuesday
	mon := []string{s.receiveFor(t, s.clerk, "A", "038095000001", "0900000001")}
	day(3)
	wed := []string{
		s.receiveFor(t, s.clerk, "B", "038095000002", "0900000002"),
		s.receiveFor(t, clerk2, "C", "038095000003", "0900000003"),
		s.receiveFor(t, clerk2, "D", "038095000004", "0900000004"),
	}
	day(4)
	thu := []string{s.receiveFor(t, s.clerk, "E", "038095000005", "0900000005")}

	search := func(req SearchRequest) SearchReply {
		t.Helper()
		req.Count = true
		var r SearchReply
		s.mustCall(t, s.clerk, "Dossiers.Search", req, &r)
		return r
	}
	sorted := func(ss ...[]string) []string {
		out := slices.Concat(ss...)
		slices.Sort(out)
		return out
	}
	for _, c := range []struct {
		name string
		req  SearchRequest
		want []string
	}{
		{"everything", SearchRequest{}, sorted(mon, wed, thu)},
		{"one day", SearchRequest{ReceivedFrom: "2026-12-03", ReceivedTo: "2026-12-03"}, sorted(wed)},
		{"from a day on", SearchRequest{ReceivedFrom: "2026-12-03"}, sorted(wed, thu)},
		{"up to a day", SearchRequest{ReceivedTo: "2026-12-03"}, sorted(mon, wed)},
		{"a week", SearchRequest{ReceivedFrom: "2026-11-30", ReceivedTo: "2026-12-06"}, sorted(mon, wed, thu)},
		{"a day without any", SearchRequest{ReceivedFrom: "2026-12-02", ReceivedTo: "2026-12-02"}, nil},
		{"one clerk", SearchRequest{ReceivedBy: clerk2ID}, sorted(wed[1:])},
		{"the other clerk, one day", SearchRequest{ReceivedBy: clerk1ID, ReceivedFrom: "2026-12-03", ReceivedTo: "2026-12-04"}, sorted(wed[:1], thu)},
		{"a day and a status", SearchRequest{ReceivedFrom: "2026-12-03", Status: "received"}, sorted(wed, thu)},
		{"a name and a clerk", SearchRequest{Query: "D", ReceivedBy: clerk2ID}, sorted(wed[2:])},
		{"a name, another clerk", SearchRequest{Query: "D", ReceivedBy: clerk1ID}, nil},
	} {
		r := search(c.req)
		if got := codes(r); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
		if r.Total != len(c.want) || r.TotalCapped {
			t.Errorf("%s: total %d (capped %v), want %d", c.name, r.Total, r.TotalCapped, len(c.want))
		}
	}
	// Newest first, and the total counts beyond the page, with or without
	// reading each dossier.
	r := search(SearchRequest{PageSize: 2})
	if len(r.Items) != 2 || r.Items[0].Code != thu[0] || !r.More || r.Total != 5 {
		t.Errorf("first page of 2: %v more %v total %d", codes(r), r.More, r.Total)
	}
	r = search(SearchRequest{PageSize: 1, Page: 2, Status: "received", ReceivedFrom: "2026-12-01"})
	if len(r.Items) != 1 || !r.More || r.Total != 5 {
		t.Errorf("second page of 1 with a status: %v more %v total %d", codes(r), r.More, r.Total)
	}
	// Without Count, no total.
	var plain SearchReply
	s.mustCall(t, s.clerk, "Dossiers.Search", SearchRequest{PageSize: 1}, &plain)
	if plain.Total != 0 || !plain.More {
		t.Errorf("no count asked: total %d more %v", plain.Total, plain.More)
	}
	// A day that is no date, a period that ends before it starts.
	if err := s.call(t, s.clerk, "Dossiers.Search", SearchRequest{ReceivedFrom: "03/12/2026"}, nil); err == nil || err.Field != "receivedFrom" {
		t.Errorf("a bad day: %v", err)
	}
	if err := s.call(t, s.clerk, "Dossiers.Search", SearchRequest{ReceivedFrom: "2026-12-04", ReceivedTo: "2026-12-03"}, nil); err == nil || err.Field != "receivedTo" {
		t.Errorf("a period backwards: %v", err)
	}
}
