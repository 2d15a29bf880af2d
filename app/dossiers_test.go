package app

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"hoso/catalog"
	"hoso/dossier"
)

// staffEnv is an office with a clerk, an officer and a leader, logged in.
type staffEnv struct {
	*testEnv
	admin, clerk, officer, leader string
	ids                           map[string]string
}

func newStaff(t *testing.T) *staffEnv { return newStaffAt(t, time.Time{}) }

// newStaffAt is newStaff on a node whose clock starts at start (when not
// zero): events cannot be dated before the setup's.
func newStaffAt(t *testing.T, start time.Time) *staffEnv {
	e := newEnv(t)
	if !start.IsZero() {
		e.now = start
	}
	s := &staffEnv{testEnv: e, ids: map[string]string{}}
	s.admin = e.setup(t)
	for _, u := range []struct {
		name string
		role Role
		dst  *string
	}{{"vanthu", RoleClerk, &s.clerk}, {"chuyenvien", RoleOfficer, &s.officer}, {"lanhdao", RoleLeader, &s.leader}} {
		var info UserInfo
		e.mustCall(t, s.admin, "Users.Save", SaveUserRequest{Username: u.name, FullName: u.name, Office: "38001", Roles: []Role{u.role}, Password: "12345678"}, &info)
		s.ids[u.name] = info.ID
		var l LoginReply
		e.mustCall(t, "", "Auth.Login", LoginRequest{Username: u.name, Password: "12345678"}, &l)
		*u.dst = l.Session
	}
	return s
}

func (s *staffEnv) receive(t *testing.T, name string) string {
	t.Helper()
	var r ReceiveReply
	s.mustCall(t, s.clerk, "Dossiers.Receive", ReceiveRequest{
		Procedure: "1.004837",
		Applicant: dossier.Applicant{FullName: name, CitizenID: "038095001234", Address: "Thôn 1, xã Đông Sơn", Phone: "0912345678"},
		Channel:   dossier.ChannelInPerson, Sets: 1,
		Documents: []dossier.ReceivedDocument{{Name: "Tờ khai", Form: catalog.FormOriginal, Count: 1}},
	}, &r)
	if !r.Received || r.Code == "" {
		t.Fatalf("receive: %+v", r)
	}
	return r.Code
}

func (s *staffEnv) act(t *testing.T, session, code string, kind dossier.Kind, body any) *Error {
	t.Helper()
	raw, _ := json.Marshal(body)
	return s.call(t, session, "Dossiers.Act", ActRequest{Code: code, Action: string(kind), Body: raw}, nil)
}

func TestReceiveProcessReturn(t *testing.T) {
	s := newStaff(t)
	s.now = time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC) // Thursday 09:00 in Vietnam
	code := s.receive(t, "Nguyễn Thị Hồng")
	if !strings.HasPrefix(code, "38001-") || !strings.HasSuffix(code, "-0001") {
		t.Fatalf("code %s", code)
	}
	second := s.receive(t, "Trần Văn Bình")
	if second == code {
		t.Fatal("two receptions got the same code")
	}

	var got DossierReply
	s.mustCall(t, s.clerk, "Dossiers.Get", DossierRequest{Code: code}, &got)
	if got.Dossier.Book.Number != 1 || got.Dossier.Due.IsZero() || len(got.Allowed) == 0 {
		t.Fatalf("received dossier %+v allowed %v", got.Dossier.Book, got.Allowed)
	}

	// A leader may not hand over at the desk: refused with the rule.
	if err := s.act(t, s.leader, code, dossier.KindHandedOver, dossier.HandedOver{}); err == nil || err.Code != CodeRefused || err.Params["rule"] == "" {
		t.Fatalf("leader handing over: %v", err)
	}
	steps := []struct {
		session string
		kind    dossier.Kind
		body    any
	}{
		{s.clerk, dossier.KindHandedOver, dossier.HandedOver{}},
		{s.officer, dossier.KindAssigned, dossier.Assigned{}},
		{s.officer, dossier.KindAppraised, dossier.Appraised{Opinion: dossier.OpinionApprove}},
		{s.officer, dossier.KindSubmitted, dossier.Submitted{}},
		{s.leader, dossier.KindSigned, dossier.Signed{Number: "12/QĐ-UBND"}},
		{s.clerk, dossier.KindResultAtDesk, dossier.ResultAtDesk{}},
		{s.clerk, dossier.KindReturned, dossier.Returned{Recipient: "Nguyễn Thị Hồng", Rating: "very_satisfied"}},
	}
	for _, st := range steps {
		if err := s.act(t, st.session, code, st.kind, st.body); err != nil {
			t.Fatalf("%s: %v (%v)", st.kind, err, err.Params)
		}
	}
	s.mustCall(t, s.clerk, "Dossiers.Get", DossierRequest{Code: code}, &got)
	if got.Dossier.Status != "returned" || got.Dossier.Rating == nil || got.Dossier.Rating.Value != "very_satisfied" || got.Dossier.National != 10 {
		t.Fatalf("returned dossier: status %s rating %+v", got.Dossier.Status, got.Dossier.Rating)
	}
	if len(got.Dossier.Steps) < 5 {
		t.Fatalf("control sheet has %d rows", len(got.Dossier.Steps))
	}
	// Returning twice is refused.
	if err := s.act(t, s.clerk, code, dossier.KindReturned, dossier.Returned{}); err == nil || err.Code != CodeRefused {
		t.Fatalf("second return: %v", err)
	}
	// The history names every actor.
	var h struct {
		Events []struct{ Actor, Kind string } `json:"events"`
	}
	s.mustCall(t, s.admin, "Dossiers.History", DossierRequest{Code: code}, &h)
	if len(h.Events) != 8 || h.Events[0].Actor != s.ids["vanthu"] || h.Events[5].Actor != s.ids["lanhdao"] {
		t.Fatalf("history %+v", h.Events)
	}
}

func TestIncompleteDossierIsNotReceived(t *testing.T) {
	s := newStaff(t)
	var p ProcedureReply
	s.mustCall(t, s.admin, "Catalog.Get", ProcedureRequest{Code: "1.004837"}, &p)
	p.Procedure.Documents = append(p.Procedure.Documents, catalog.Document{Name: "Tờ khai đăng ký giám hộ", Form: catalog.FormOriginal, Count: 1, Required: true})
	s.mustCall(t, s.admin, "Catalog.Save", SaveProcedureRequest{Procedure: p.Procedure}, nil)
	var r ReceiveReply
	s.mustCall(t, s.clerk, "Dossiers.Receive", ReceiveRequest{Procedure: "1.004837", Applicant: dossier.Applicant{FullName: "Lê Văn A"}}, &r)
	if r.Received || len(r.Missing) != 1 || r.Code != "" {
		t.Fatalf("incomplete: %+v", r)
	}
}

func TestSearchWithoutAccents(t *testing.T) {
	s := newStaff(t)
	s.now = time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)
	code := s.receive(t, "Nguyễn Thị Hồng")
	s.receive(t, "Trần Văn Bình")
	for _, q := range []string{"nguyen thi hong", "thi hong", "Hồng", code, code[:12], "038095001234"} {
		var r SearchReply
		s.mustCall(t, s.clerk, "Dossiers.Search", SearchRequest{Query: q}, &r)
		found := false
		for _, it := range r.Items {
			found = found || it.Code == code
		}
		if !found {
			t.Errorf("query %q did not find %s: %+v", q, code, r.Items)
		}
	}
	var r SearchReply
	s.mustCall(t, s.clerk, "Dossiers.Search", SearchRequest{Query: "binh"}, &r)
	if len(r.Items) != 1 || r.Items[0].Applicant != "Trần Văn Bình" {
		t.Fatalf("binh: %+v", r.Items)
	}
	s.mustCall(t, s.clerk, "Dossiers.Search", SearchRequest{PageSize: 1}, &r)
	if len(r.Items) != 1 || !r.More {
		t.Fatalf("paging: %+v", r)
	}
}

// Two desks of one office, offline the same day, never issue the same code;
// after they sync, each holds both dossiers.
func TestTwoOfflineDesksNeverCollide(t *testing.T) {
	a, b := newStaff(t), newStaff(t)
	if err := b.st.SetLocal(settingDesk, []byte("2")); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)
	a.now, b.now = day, day
	var codesA, codesB []string
	for i := 0; i < 5; i++ {
		codesA = append(codesA, a.receive(t, "Nguyễn Văn A"))
		codesB = append(codesB, b.receive(t, "Trần Thị B"))
	}
	seen := map[string]bool{}
	for _, c := range append(codesA, codesB...) {
		if seen[c] {
			t.Fatalf("code %s issued twice: %v %v", c, codesA, codesB)
		}
		seen[c] = true
	}
	if !strings.HasSuffix(codesB[0], "-2001") {
		t.Fatalf("desk 2's first code %s", codesB[0])
	}
	// Sync b's dossiers into a: a finds them, and numbers its next one on.
	for _, c := range codesB {
		evs, err := b.st.Events(dossierPrefix + c)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.st.Ingest(evs); err != nil {
			t.Fatal(err)
		}
	}
	var r SearchReply
	a.mustCall(t, a.clerk, "Dossiers.Search", SearchRequest{Query: "tran thi b", PageSize: 50}, &r)
	if len(r.Items) != 5 {
		t.Fatalf("a sees %d of b's dossiers", len(r.Items))
	}
	next := a.receive(t, "Lê Văn C")
	if seen[next] || !strings.HasSuffix(next, "-0006") {
		t.Fatalf("a's next code %s", next)
	}
}

func TestSetDesk(t *testing.T) {
	s := newStaff(t)
	if err := s.call(t, s.clerk, "System.SetDesk", DeskRequest{Index: 3}, nil); err == nil || err.Code != CodeForbidden {
		t.Fatalf("a clerk setting the desk: %v", err)
	}
	if err := s.call(t, s.admin, "System.SetDesk", DeskRequest{Index: 10}, nil); err == nil || err.Field != "index" {
		t.Fatalf("desk 10: %v", err)
	}
	s.mustCall(t, s.admin, "System.SetDesk", DeskRequest{Index: 3}, nil)
	var info Info
	s.mustCall(t, s.clerk, "System.Info", nil, &info)
	if info.Desk != 3 {
		t.Fatalf("desk %d", info.Desk)
	}
	s.now = time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)
	if code := s.receive(t, "Ngô Văn D"); !strings.HasSuffix(code, "-3001") {
		t.Fatalf("code %s", code)
	}
}

func TestRatingScaleIsConfigurable(t *testing.T) {
	s := newStaff(t)
	var sc ScaleReply
	s.mustCall(t, s.clerk, "Dossiers.RatingScale", nil, &sc)
	if len(sc.Scale) != 3 || sc.Scale[0].VI != "Rất hài lòng" {
		t.Fatalf("default scale %+v", sc.Scale)
	}
	five := dossier.Scale{
		{Value: "r5", VI: "Rất hài lòng", Satisfied: true}, {Value: "r4", VI: "Hài lòng", Satisfied: true},
		{Value: "r3", VI: "Bình thường"}, {Value: "r2", VI: "Không hài lòng"}, {Value: "r1", VI: "Rất không hài lòng"},
	}
	if err := s.call(t, s.clerk, "Dossiers.SetRatingScale", ScaleReply{Scale: five}, nil); err == nil || err.Code != CodeForbidden {
		t.Fatalf("a clerk changing the scale: %v", err)
	}
	s.mustCall(t, s.admin, "Dossiers.SetRatingScale", ScaleReply{Scale: five}, &sc)
	if len(sc.Scale) != 5 {
		t.Fatalf("scale %+v", sc.Scale)
	}
	if err := s.call(t, s.admin, "Dossiers.SetRatingScale", ScaleReply{Scale: dossier.Scale{{Value: "x"}}}, nil); err == nil || err.Field != "scale" {
		t.Fatalf("a bad scale: %v", err)
	}
	// A dossier is then rated on the new scale, not the old one.
	s.now = time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)
	code := s.receive(t, "Đỗ Văn E")
	for _, st := range []struct {
		session string
		kind    dossier.Kind
		body    any
	}{
		{s.clerk, dossier.KindHandedOver, dossier.HandedOver{}},
		{s.officer, dossier.KindAssigned, dossier.Assigned{}},
		{s.officer, dossier.KindAppraised, dossier.Appraised{Opinion: dossier.OpinionApprove}},
		{s.officer, dossier.KindSubmitted, dossier.Submitted{}},
		{s.leader, dossier.KindSigned, dossier.Signed{}},
		{s.clerk, dossier.KindResultAtDesk, dossier.ResultAtDesk{}},
	} {
		if err := s.act(t, st.session, code, st.kind, st.body); err != nil {
			t.Fatalf("%s: %v", st.kind, err)
		}
	}
	if err := s.act(t, s.clerk, code, dossier.KindReturned, dossier.Returned{Rating: "very_satisfied"}); err == nil || err.Field != "body.rating" {
		t.Fatalf("an old-scale rating: %v", err)
	}
	if err := s.act(t, s.clerk, code, dossier.KindReturned, dossier.Returned{Rating: "r4"}); err != nil {
		t.Fatal(err)
	}
}
