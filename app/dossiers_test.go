package app

import (
	"crypto/ed25519"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"hoso/catalog"
	"hoso/dossier"
	"hoso/store"
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
	if err := b.st.SetLocal(store.LocalDeskIndex, []byte("2")); err != nil {
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
	if err := s.act(t, s.clerk, code, dossier.KindReturned, dossier.Returned{Recipient: "Đỗ Văn E", Rating: "r4"}); err != nil {
		t.Fatal(err)
	}
}

// orgApplicant is a cooperative filing through its director.
func orgApplicant() dossier.Applicant {
	return dossier.Applicant{
		Kind: dossier.ApplicantOrganisation, FullName: "Hợp tác xã Nông nghiệp Đông Sơn", OrgID: "2801234567-001",
		Address: "Thôn 2, xã Đông Sơn", Phone: "02373888999",
		Representative: &dossier.Representative{FullName: "Lê Văn Tám", CitizenID: "038090001111", Relation: "Giám đốc"},
	}
}

// receiveAs receives the standard dossier for an applicant.
func (s *staffEnv) receiveAs(t *testing.T, a dossier.Applicant) (ReceiveReply, *Error) {
	t.Helper()
	var r ReceiveReply
	err := s.call(t, s.clerk, "Dossiers.Receive", ReceiveRequest{
		Procedure: "1.004837", Applicant: a,
		Documents: []dossier.ReceivedDocument{{Name: "Tờ khai", Form: catalog.FormOriginal, Count: 1}},
	}, &r)
	return r, err
}

// A dossier is found by the organisation's name and code and by its
// representative's name and number; the list shows who filed it.
func TestSearchOrganisationAndRepresentative(t *testing.T) {
	s := newStaff(t)
	s.now = time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)
	r, err := s.receiveAs(t, orgApplicant())
	if err != nil {
		t.Fatal(err)
	}
	person := s.receive(t, "Trần Văn Bình")
	for _, q := range []string{"hop tac xa", "Nông nghiệp Đông", "2801234567", "2801234567-", "2801234567-001", "le van tam", "Tám", "van tam", "038090001111", "038090001"} {
		var sr SearchReply
		s.mustCall(t, s.clerk, "Dossiers.Search", SearchRequest{Query: q}, &sr)
		if len(sr.Items) != 1 || sr.Items[0].Code != r.Code {
			t.Errorf("query %q: %+v", q, sr.Items)
			continue
		}
		it := sr.Items[0]
		if it.Kind != dossier.ApplicantOrganisation || it.OrgID != "2801234567-001" || it.Representative == nil ||
			it.Representative.FullName != "Lê Văn Tám" || it.Representative.Relation != "Giám đốc" {
			t.Errorf("query %q: summary %+v", q, it)
		}
	}
	var sr SearchReply
	s.mustCall(t, s.clerk, "Dossiers.Search", SearchRequest{Query: "binh"}, &sr)
	if len(sr.Items) != 1 || sr.Items[0].Code != person || sr.Items[0].Kind != dossier.ApplicantPerson || sr.Items[0].Representative != nil {
		t.Fatalf("a person's summary: %+v", sr.Items)
	}
	s.mustCall(t, s.clerk, "Dossiers.Search", SearchRequest{Query: "2801234568"}, &sr)
	if len(sr.Items) != 0 {
		t.Fatalf("another code: %+v", sr.Items)
	}
}

// A reception refuses a bad applicant with the rule and the field the
// interface translates, and issues no code.
func TestReceiveRefusesBadApplicant(t *testing.T) {
	s := newStaff(t)
	s.now = time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)
	edit := func(f func(a *dossier.Applicant)) dossier.Applicant {
		a := orgApplicant()
		f(&a)
		return a
	}
	cases := []struct {
		name        string
		applicant   dossier.Applicant
		rule, field string
	}{
		{"override in the name", edit(func(a *dossier.Applicant) { a.FullName = "HTX \u202eĐông Sơn" }), dossier.CodeBadText, "applicant.fullName"},
		{"tab in the phone", edit(func(a *dossier.Applicant) { a.Phone = "0237\t388" }), dossier.CodeBadText, "applicant.phone"},
		{"NUL in the email", edit(func(a *dossier.Applicant) { a.Email = "a\x00@b.vn" }), dossier.CodeBadText, "applicant.email"},
		{"invalid UTF-8 in the address", edit(func(a *dossier.Applicant) { a.Address = "Thôn \xff" }), dossier.CodeBadText, "applicant.address"},
		{"mark in the relation", edit(func(a *dossier.Applicant) { a.Representative.Relation = "Giám đốc\u200e" }), dossier.CodeBadText, "applicant.representative.relation"},
		{"bad org code", edit(func(a *dossier.Applicant) { a.OrgID = "28012345" }), dossier.CodeBadOrgID, "applicant.orgId"},
		{"representative's bad number", edit(func(a *dossier.Applicant) { a.Representative.CitizenID = "3809" }), dossier.CodeBadCitizenID, "applicant.representative.citizenId"},
		{"no representative", edit(func(a *dossier.Applicant) { a.Representative = nil }), dossier.CodeRepresentativeRequired, "applicant.representative.fullName"},
		{"an empty representative", edit(func(a *dossier.Applicant) { a.Representative = &dossier.Representative{} }), dossier.CodeRepresentativeRequired, "applicant.representative.fullName"},
		{"personal number on an organisation", edit(func(a *dossier.Applicant) { a.CitizenID = "038090001111" }), dossier.CodeKindMismatch, "applicant.citizenId"},
		{"org code on a person", dossier.Applicant{FullName: "Trần Văn Bình", OrgID: "2801234567"}, dossier.CodeKindMismatch, "applicant.orgId"},
		{"unknown kind", dossier.Applicant{Kind: "household", FullName: "Hộ ông Bình"}, dossier.CodeBadValue, "applicant.kind"},
	}
	for _, c := range cases {
		_, err := s.receiveAs(t, c.applicant)
		// Text that is not text is refused by the registry, before the
		// dossier rules see it (text.go), as invalid input.
		code := CodeRefused
		if c.rule == dossier.CodeBadText {
			code = CodeInvalidInput
		}
		if err == nil || err.Code != code || err.Params["rule"] != c.rule || err.Field != c.field {
			t.Errorf("%s: %v, want rule %s on %s", c.name, err, c.rule, c.field)
		}
	}
	// Nothing was numbered: the first dossier received is the day's first.
	if code := s.receive(t, "Trần Văn Bình"); !strings.HasSuffix(code, "-0001") {
		t.Fatalf("code %s", code)
	}
	// Identifiers pasted with spaces around them are trimmed.
	r, err := s.receiveAs(t, edit(func(a *dossier.Applicant) { a.OrgID = " 2801234567 " }))
	if err != nil || r.Dossier.Applicant.OrgID != "2801234567" {
		t.Fatalf("trimmed code: %v %+v", err, r.Dossier)
	}
}

// A dossier records the form set in force at its reception.
func TestReceiveRecordsFormSet(t *testing.T) {
	s := newStaffAt(t, time.Date(2025, 6, 30, 2, 0, 0, 0, time.UTC))
	s.now = time.Date(2025, 6, 30, 2, 0, 0, 0, time.UTC)
	before, err := s.receiveAs(t, dossier.Applicant{FullName: "Trần Văn Bình"})
	if err != nil {
		t.Fatal(err)
	}
	s.now = time.Date(2025, 7, 1, 2, 0, 0, 0, time.UTC)
	after, err := s.receiveAs(t, dossier.Applicant{FullName: "Trần Văn Bình"})
	if err != nil {
		t.Fatal(err)
	}
	if before.Dossier.FormSet != "TT01/2018" || after.Dossier.FormSet != "TT03/2025" {
		t.Fatalf("form sets %q, %q", before.Dossier.FormSet, after.Dossier.FormSet)
	}
	// The versions of the rules it was received under reach the dossier
	// (the dossier screen lists them), as read back.
	var got DossierReply
	s.mustCall(t, s.clerk, "Dossiers.Get", DossierRequest{Code: after.Code}, &got)
	if r := got.Dossier.Rules; r["forms"] != "TT03/2025" || r["calendar"] == "" || r["catalog"] == "" {
		t.Errorf("the dossier's rules %v", r)
	}
}

// The entry goes in the book of the procedure's sector, numbered per year
// within that book; an office with no books keeps its one general book.
func TestReceiveIntoSectorBook(t *testing.T) {
	s := newStaff(t)
	s.now = time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)
	first, err := s.receiveAs(t, dossier.Applicant{FullName: "Trần Văn Bình"})
	if err != nil {
		t.Fatal(err)
	}
	if b := first.Dossier.Book; b.Volume != "2026" || b.Book != "" || b.Number != 1 {
		t.Fatalf("general book %+v", b)
	}
	s.mustCall(t, s.admin, "Print.SetSettings", SetSettingsRequest{Settings: PrintSettings{ReceiptCopies: 2, Books: []BookDef{
		{ID: "HT", Name: "Lĩnh vực Hộ tịch", Sectors: []string{"Hộ tịch"}},
		{ID: "K", Name: "Các lĩnh vực khác"},
	}}}, nil)
	for n := 1; n <= 2; n++ {
		r, err := s.receiveAs(t, dossier.Applicant{FullName: "Lê Thị Cúc"})
		if err != nil {
			t.Fatal(err)
		}
		if b := r.Dossier.Book; b.Volume != "2026-HT" || b.Book != "HT" || b.Number != n {
			t.Fatalf("dossier %d of the civil-status book: %+v", n, b)
		}
	}
}

// version2Dossiers is the dossier projection as version 2 indexed it: no
// identifiers and no names beyond the applicant's (here: none at all).
type version2Dossiers struct{ dossierProjection }

func (version2Dossiers) Version() uint32 { return 2 }

func (p version2Dossiers) Fold(subject string, state []byte, events []*store.Event) (store.Folded, error) {
	f, err := p.dossierProjection.Fold(subject, state, events)
	f.Index = slices.DeleteFunc(f.Index, func(e store.IndexEntry) bool {
		return e.Index == dossier.IndexCitizen || e.Index == dossier.IndexName
	})
	return f, err
}

// A data folder indexed by version 2 of the dossier projection is indexed
// again when it opens with version 3: an organisation received before is
// then found by its code and its representative.
func TestOpeningReindexesDossiers(t *testing.T) {
	dir := t.TempDir()
	_, key, _ := ed25519.GenerateKey(nil)
	open := func(projections []store.Projection) *store.Store {
		t.Helper()
		st, err := store.Open(store.Options{Dir: dir, Signer: key, Projections: projections})
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	old := Projections()
	for i, p := range old {
		if _, ok := p.(dossierProjection); ok {
			old[i] = version2Dossiers{}
		}
	}
	st := open(old)
	at := time.Date(2026, 11, 26, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	raw, err := dossier.Encode(&dossier.Received{
		Code: "38001-261126-0001", Agency: "38001", Procedure: dossier.ProcedureRef{Code: "1.004837", Name: "Đăng ký giám hộ"},
		Applicant: orgApplicant(), Channel: dossier.ChannelInPerson, Sets: 1, ReceivedAt: at, Due: at.Add(72 * time.Hour),
		Book: dossier.Book{Volume: "2026", Number: 1},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Append(store.Draft{Actor: "u-clerk", Owner: "38001", Kind: string(dossier.KindReceived), Subject: dossierPrefix + "38001-261126-0001", Body: raw}); err != nil {
		t.Fatal(err)
	}
	find := func(st *store.Store, index, prefix string) int {
		t.Helper()
		hits, err := st.Scan(dossierProjID, index, store.ScanOptions{Prefix: []byte(prefix)})
		if err != nil {
			t.Fatal(err)
		}
		return len(hits)
	}
	if find(st, dossier.IndexCitizen, "2801234567") != 0 || find(st, dossier.IndexName, "le van tam") != 0 {
		t.Fatal("version 2 indexed what it did not know")
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	st = open(Projections())
	defer st.Close()
	for _, q := range []struct{ index, prefix string }{
		{dossier.IndexCitizen, "2801234567-001\x00"}, {dossier.IndexCitizen, "038090001111\x00"},
		{dossier.IndexName, "le van tam\x00"}, {dossier.IndexName, "hop tac xa"},
	} {
		if find(st, q.index, q.prefix) != 1 {
			t.Errorf("after reopening, %s %q finds nothing", q.index, q.prefix)
		}
	}
}
