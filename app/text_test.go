package app

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"hoso/calendar"
	"hoso/catalog"
	"hoso/dossier"
	"hoso/print"
)

// textMark stands in a request for the text a case puts there.
const textMark = "@@TEXT@@"

// callRaw calls method as session with params as they are: the bytes a
// client sends, invalid UTF-8 included.
func (e *testEnv) callRaw(session, method string, params []byte) *Error {
	_, err := e.s.CallAs(context.Background(), session, false, method, params)
	return AsError(err)
}

// Every text of every request refuses a NUL, an ANSI escape, a
// right-to-left override and invalid UTF-8 with invalid_input naming the
// field by its path and the rule bad_text, and records nothing; the same
// request with plain text in its place is accepted.
func TestRequestsRefuseTextThatIsNotText(t *testing.T) {
	s := newStaff(t)
	s.now = time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)
	var proc ProcedureReply
	s.mustCall(t, s.admin, "Catalog.Get", ProcedureRequest{Code: "1.004837"}, &proc)
	var templates TemplatesReply
	s.mustCall(t, s.admin, "Print.Templates", TemplatesRequest{}, &templates)
	code := s.receive(t, "Trần Văn Bình")

	receive := func(a dossier.Applicant, doc string) ReceiveRequest {
		return ReceiveRequest{Procedure: "1.004837", Applicant: a, Channel: dossier.ChannelInPerson, Sets: 1,
			Documents: []dossier.ReceivedDocument{{Name: "Tờ khai", Form: catalog.FormOriginal, Count: 1}, {Name: doc, Form: catalog.FormCopy, Count: 1}}}
	}
	calls := []struct {
		method, session string
		req             any
		path            string
	}{
		{"Dossiers.Receive", s.clerk, receive(dossier.Applicant{FullName: "Nguyễn " + textMark}, "Giấy tờ"), "applicant.fullName"},
		{"Dossiers.Receive", s.clerk, receive(dossier.Applicant{FullName: "Nguyễn Hồng", Address: textMark}, "Giấy tờ"), "applicant.address"},
		{"Dossiers.Receive", s.clerk, receive(dossier.Applicant{FullName: "Nguyễn Hồng"}, "Bản sao "+textMark), "documents[1].name"},
		{"Offices.Save", s.admin, OfficeRecord{Code: "38001", Name: "UBND xã " + textMark}, "name"},
		{"Offices.Save", s.admin, OfficeRecord{Code: "38001", Name: "UBND xã Đông Sơn", Header: textMark}, "header"},
		{"Catalog.Save", s.admin, func() SaveProcedureRequest {
			p := proc.Procedure
			p.Name = p.Name + textMark
			return SaveProcedureRequest{Procedure: p}
		}(), "procedure.name"},
		{"Catalog.Save", s.admin, func() SaveProcedureRequest {
			p := proc.Procedure
			p.Documents = []catalog.Document{{Name: "Tờ khai " + textMark, Form: catalog.FormOriginal, Count: 1, Required: true}}
			return SaveProcedureRequest{Procedure: p}
		}(), "procedure.documents[0].name"},
		{"Users.Save", s.admin, SaveUserRequest{Username: "moi", FullName: "Lê " + textMark, Office: "38001", Roles: []Role{RoleClerk}, Password: "12345678"}, "fullName"},
		{"Print.SetTemplate", s.admin, func() SetTemplateRequest {
			tp := templates.Templates[0].Template
			tp.Version = "38001-2027.1"
			tp.Body = append([]print.Line{}, tp.Body...)
			tp.Body[1].Text += textMark
			return SetTemplateRequest{Template: tp}
		}(), "template.body[1].text"},
		{"Dossiers.Act", s.clerk, func() ActRequest {
			body, _ := json.Marshal(dossier.Withdrawn{Reason: "Công dân " + textMark})
			return ActRequest{Code: code, Action: string(dossier.KindWithdrawn), Body: body}
		}(), "body.reason"},
	}
	bad := []struct{ name, raw, char string }{
		{"NUL", `\u0000`, "U+0000"},
		{"ANSI escape", `\u001b[2J\u001b[31m`, "U+001B"},
		{"right-to-left override", "\u202e", "U+202E"},
		{"right-to-left override escaped", `\u202E`, "U+202E"},
		{"invalid UTF-8", "\xff\xfe", ""},
		{"line feed", `\n`, "U+000A"},
	}
	for _, c := range calls {
		params, err := json.Marshal(c.req)
		if err != nil || !bytes.Contains(params, []byte(textMark)) {
			t.Fatalf("%s: %s %v", c.method, params, err)
		}
		for _, b := range bad {
			before := s.st.Vector()
			err := s.callRaw(c.session, c.method, bytes.ReplaceAll(params, []byte(textMark), []byte(b.raw)))
			if err == nil || err.Code != CodeInvalidInput || err.Field != c.path || err.Params["rule"] != dossier.CodeBadText ||
				err.Params["field"] != c.path || err.Params["char"] != b.char {
				t.Errorf("%s with %s in %s: %v (params %v), want invalid_input bad_text on %s", c.method, b.name, c.path, err, paramsOf(err), c.path)
			}
			if after := s.st.Vector(); !reflect.DeepEqual(before, after) {
				t.Errorf("%s with %s: something was recorded", c.method, b.name)
			}
		}
		if err := s.callRaw(c.session, c.method, bytes.ReplaceAll(params, []byte(textMark), []byte("chữ thường"))); err != nil {
			t.Errorf("%s with plain text in %s: %v", c.method, c.path, err)
		}
	}
}

// The notes of a calendar override hold several lines, and nothing else
// than text; the few texts that are files or pasted blocks hold tabs and
// carriage returns; every other text is one line.
func TestMultiLineTexts(t *testing.T) {
	s := newStaff(t)
	day, _ := calendar.ParseDate("2026-12-28")
	override := func(notes string) OverrideRequest {
		return OverrideRequest{Override: calendar.Override{Year: 2026, ExtraDaysOff: []calendar.NamedDate{{Date: day}}, Notes: notes}}
	}
	if err := s.call(t, s.admin, "Calendar.SetOverride", override("Công văn số 2\nngày 1/12/2026"), nil); err != nil {
		t.Fatalf("notes on two lines: %v", err)
	}
	for _, notes := range []string{"Công văn\tsố 2", "Công văn\r\nsố 2", "Công văn \u202esố 2", "\x1b[2J"} {
		if err := s.call(t, s.admin, "Calendar.SetOverride", override(notes), nil); err == nil || err.Field != "override.notes" || err.Params["rule"] != dossier.CodeBadText {
			t.Errorf("notes %q: %v", notes, err)
		}
	}
	// A catalog file with Windows line ends and a tab is a file, and the
	// catalog reads it; a NUL in it is not text.
	if err := s.call(t, s.admin, "Catalog.Import", ImportRequest{Format: "csv", Content: "x\r\n\ty\u0000"}, nil); err == nil || err.Field != "content" || err.Params["char"] != "U+0000" {
		t.Errorf("a NUL in a catalog file: %v", err)
	}
	if err := s.call(t, s.admin, "Catalog.Import", ImportRequest{Format: "csv", Content: "x\r\n\ty"}, nil); err != nil && err.Params["rule"] == dossier.CodeBadText {
		t.Errorf("a catalog file's white space: %v", err)
	}
	// The QR text a scanner types may end with its Enter.
	if err := s.call(t, s.admin, "Records.Verify", VerifyRequest{Text: "HOSO|38001|x|1|zz\r\n"}, nil); err != nil && err.Params["rule"] == dossier.CodeBadText {
		t.Errorf("a scanned QR text: %v", err)
	}
	// A line break is not allowed where one line is asked.
	if err := s.call(t, s.admin, "Users.Save", SaveUserRequest{Username: "moi", FullName: "Lê\nVăn", Office: "38001", Roles: []Role{RoleClerk}, Password: "12345678"}, nil); err == nil || err.Field != "fullName" || err.Params["rule"] != dossier.CodeBadText {
		t.Errorf("a name on two lines: %v", err)
	}
	// A key that is not text is named in ASCII.
	if err := s.callRaw(s.admin, "Users.Save", []byte(`{"full\u0000Name":"x"}`)); err == nil || err.Field != `"full\x00Name"` || err.Params["rule"] != dossier.CodeBadText {
		t.Errorf("a key with a NUL: %v", err)
	}
}
