package app

import (
	"regexp"
	"testing"
	"time"

	"hoso/catalog"
	"hoso/dossier"
	"hoso/store"
)

// requireGuardianForm makes procedure 1.004837 need a paper the tests never
// bring, so every reception of it is incomplete.
func (s *staffEnv) requireGuardianForm(t *testing.T) {
	t.Helper()
	var p ProcedureReply
	s.mustCall(t, s.admin, "Catalog.Get", ProcedureRequest{Code: "1.004837"}, &p)
	p.Procedure.Documents = append(p.Procedure.Documents, catalog.Document{Name: "Tờ khai đăng ký giám hộ", Form: catalog.FormOriginal, Count: 1, Required: true})
	s.mustCall(t, s.admin, "Catalog.Save", SaveProcedureRequest{Procedure: p.Procedure}, nil)
}

// incomplete asks the desk to receive a dossier missing the guardian form.
func (s *staffEnv) incomplete(t *testing.T, a dossier.Applicant, note, contact string) (ReceiveReply, *Error) {
	t.Helper()
	var r ReceiveReply
	err := s.call(t, s.clerk, "Dossiers.Receive", ReceiveRequest{
		Procedure: "1.004837", Applicant: a, Note: note, Contact: contact,
		Documents: []dossier.ReceivedDocument{{Name: "Tờ khai", Form: catalog.FormOriginal, Count: 1}},
	}, &r)
	return r, err
}

var intakeIDRE = regexp.MustCompile(`^\d{6}-\d-[0-9a-f]{8}$`)

// An incomplete dossier is not received, and its intake attempt is kept:
// listed for the office, readable with its signed event, with no code and
// no book entry.
func TestIntakeIsRecorded(t *testing.T) {
	s := newStaff(t)
	s.now = time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC) // Thursday 09:00 in Vietnam
	s.requireGuardianForm(t)
	org := dossier.Applicant{
		Kind: dossier.ApplicantOrganisation, FullName: "Hợp tác xã Đông Sơn", OrgID: "2801234567", Phone: "0237388899",
		Representative: &dossier.Representative{FullName: "Lê Văn Tám", CitizenID: "038090001111", Relation: "Giám đốc"},
	}
	r, err := s.incomplete(t, org, "Thiếu tờ khai đăng ký giám hộ", "0237 3888 999")
	if err != nil {
		t.Fatal(err)
	}
	if r.Received || r.Code != "" || len(r.Missing) != 1 || r.Missing[0] != "Tờ khai đăng ký giám hộ" || !intakeIDRE.MatchString(r.Intake) || r.Intake[:9] != "261126-0-" {
		t.Fatalf("reply %+v", r)
	}
	var l IntakesReply
	s.mustCall(t, s.clerk, "Dossiers.Intakes", IntakesRequest{}, &l)
	if l.Total != 1 || len(l.Items) != 1 || l.More {
		t.Fatalf("list %+v", l)
	}
	a := l.Items[0]
	if a.ID != r.Intake || a.Office != "38001" || a.Clerk != s.ids["vanthu"] || a.Note != "Thiếu tờ khai đăng ký giám hộ" ||
		a.Contact != "0237 3888 999" || a.Procedure.Code != "1.004837" || a.Channel != dossier.ChannelInPerson ||
		len(a.Documents) != 1 || len(a.Missing) != 1 || !a.At.Equal(s.now) || a.Applicant.OrgID != "2801234567" ||
		a.Applicant.Representative == nil || a.Applicant.Representative.FullName != "Lê Văn Tám" {
		t.Fatalf("attempt %+v", a)
	}
	got, evs, gerr := getIntake(s.st, r.Intake)
	if gerr != nil || got.ID != r.Intake || len(evs) != 1 || evs[0].Kind != kindIntakeIncomplete ||
		evs[0].Subject != "intake/38001/"+r.Intake || evs[0].Actor != s.ids["vanthu"] {
		t.Fatalf("getIntake: %+v %v %v", got, evs, gerr)
	}
	if _, _, err := getIntake(s.st, "261126-0-00000000"); AsError(err).Code != CodeNotFound {
		t.Fatalf("an unknown attempt: %v", err)
	}
	// No code and no book entry were used: the next dossier received is
	// the day's first.
	var sr SearchReply
	s.mustCall(t, s.clerk, "Dossiers.Search", SearchRequest{Query: "hop tac xa"}, &sr)
	if len(sr.Items) != 0 {
		t.Fatalf("an intake attempt became a dossier: %+v", sr.Items)
	}
	var ok ReceiveReply
	s.mustCall(t, s.clerk, "Dossiers.Receive", ReceiveRequest{
		Procedure: "1.004837", Applicant: org,
		Documents: []dossier.ReceivedDocument{{Name: "Tờ khai", Form: catalog.FormOriginal, Count: 1}, {Name: "Tờ khai đăng ký giám hộ", Form: catalog.FormOriginal, Count: 1}},
	}, &ok)
	if !ok.Received || ok.Intake != "" || ok.Dossier.Book.Number != 1 || ok.Code[len(ok.Code)-4:] != "0001" {
		t.Fatalf("the complete dossier: %+v", ok)
	}
}

// A bad applicant, note or contact refuses the intake with the field
// error a reception gives, and records nothing.
func TestIntakeRefusesBadInput(t *testing.T) {
	s := newStaff(t)
	s.now = time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)
	s.requireGuardianForm(t)
	cases := []struct {
		name          string
		applicant     dossier.Applicant
		note, contact string
		rule, field   string
	}{
		{"override in the name", dossier.Applicant{FullName: "Lê Văn A\u202e"}, "", "", dossier.CodeBadText, "applicant.fullName"},
		{"line break in the address", dossier.Applicant{FullName: "Lê Văn A", Address: "Thôn 1\nxã B"}, "", "", dossier.CodeBadText, "applicant.address"},
		{"isolate in the representative", dossier.Applicant{FullName: "Lê Văn A", Representative: &dossier.Representative{FullName: "B\u2066"}}, "", "", dossier.CodeBadText, "applicant.representative.fullName"},
		{"short number", dossier.Applicant{FullName: "Lê Văn A", CitizenID: "12345"}, "", "", dossier.CodeBadCitizenID, "applicant.citizenId"},
		{"organisation alone", dossier.Applicant{Kind: dossier.ApplicantOrganisation, FullName: "HTX"}, "", "", dossier.CodeRepresentativeRequired, "applicant.representative.fullName"},
		{"no name", dossier.Applicant{}, "", "", dossier.CodeBadValue, "applicant.fullName"},
		{"tab in the note", dossier.Applicant{FullName: "Lê Văn A"}, "Thiếu\tgiấy", "", dossier.CodeBadText, "note"},
		{"mark in the contact", dossier.Applicant{FullName: "Lê Văn A"}, "", "0912\u200f345", dossier.CodeBadText, "contact"},
	}
	for _, c := range cases {
		_, err := s.incomplete(t, c.applicant, c.note, c.contact)
		code := CodeRefused // bad_text: refused by the registry as invalid input (text.go)
		if c.rule == dossier.CodeBadText {
			code = CodeInvalidInput
		}
		if err == nil || err.Code != code || err.Params["rule"] != c.rule || err.Field != c.field {
			t.Errorf("%s: %v (params %v), want rule %s on %s", c.name, err, err.Params, c.rule, c.field)
		}
	}
	var l IntakesReply
	s.mustCall(t, s.clerk, "Dossiers.Intakes", IntakesRequest{}, &l)
	if l.Total != 0 {
		t.Fatalf("refused attempts were recorded: %+v", l)
	}
	// An empty representative a form sends is no representative.
	if _, err := s.incomplete(t, dossier.Applicant{FullName: "Lê Văn A", Representative: &dossier.Representative{}}, "", ""); err != nil {
		t.Fatalf("an empty representative: %v", err)
	}
}

// The office's attempts are listed newest first, by period, a page at a
// time, with their number; another office's are not.
func TestIntakesList(t *testing.T) {
	s := newStaff(t)
	s.requireGuardianForm(t)
	days := []time.Time{
		time.Date(2026, 11, 24, 2, 0, 0, 0, time.UTC), // 24 November, 09:00 in Vietnam
		time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC),
		time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC),  // 16:30
		time.Date(2026, 11, 25, 16, 59, 0, 0, time.UTC), // 23:59
		time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC),
	}
	var ids []string
	for i, at := range days {
		s.now = at
		r, err := s.incomplete(t, dossier.Applicant{FullName: "Người " + string(rune('A'+i))}, "", "")
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.Intake)
	}
	// Another office's attempt, synced here, is not this office's.
	if _, err := s.st.Append(store.Draft{Actor: "u-x", Owner: "38002", Kind: kindIntakeIncomplete, Subject: intakeSubject("38002", "261125-0-abcdef01"),
		Body: mustJSON(IntakeAttempt{Applicant: dossier.Applicant{FullName: "X"}, At: days[2]})}); err != nil {
		t.Fatal(err)
	}
	list := func(req IntakesRequest) IntakesReply {
		t.Helper()
		var l IntakesReply
		s.mustCall(t, s.clerk, "Dossiers.Intakes", req, &l)
		return l
	}
	idsOf := func(l IntakesReply) []string {
		var out []string
		for _, a := range l.Items {
			out = append(out, a.ID)
		}
		return out
	}
	cases := []struct {
		name  string
		req   IntakesRequest
		want  []string
		total int
		more  bool
	}{
		{"all", IntakesRequest{}, []string{ids[4], ids[3], ids[2], ids[1], ids[0]}, 5, false},
		{"one day", IntakesRequest{From: "2026-11-25", To: "2026-11-25"}, []string{ids[3], ids[2], ids[1]}, 3, false},
		{"from a day", IntakesRequest{From: "2026-11-25"}, []string{ids[4], ids[3], ids[2], ids[1]}, 4, false},
		{"to a day", IntakesRequest{To: "2026-11-24"}, []string{ids[0]}, 1, false},
		{"a page", IntakesRequest{PageSize: 2}, []string{ids[4], ids[3]}, 5, true},
		{"the second page", IntakesRequest{PageSize: 2, Page: 2}, []string{ids[2], ids[1]}, 5, true},
		{"the last page", IntakesRequest{PageSize: 2, Page: 3}, []string{ids[0]}, 5, false},
		{"an empty period", IntakesRequest{From: "2026-12-01", To: "2026-12-31"}, nil, 0, false},
	}
	for _, c := range cases {
		l := list(c.req)
		if got := idsOf(l); !slicesEqual(got, c.want) || l.Total != c.total || l.More != c.more {
			t.Errorf("%s: %v total %d more %v, want %v total %d more %v", c.name, got, l.Total, l.More, c.want, c.total, c.more)
		}
	}
	for _, c := range []struct {
		req   IntakesRequest
		field string
	}{
		{IntakesRequest{From: "25/11/2026"}, "from"},
		{IntakesRequest{To: "2026-02-30"}, "to"},
		{IntakesRequest{From: "2026-11-26", To: "2026-11-25"}, "to"},
	} {
		if err := s.call(t, s.clerk, "Dossiers.Intakes", c.req, nil); err == nil || err.Field != c.field {
			t.Errorf("%+v: %v, want a field error on %s", c.req, err, c.field)
		}
	}
}

func slicesEqual(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
