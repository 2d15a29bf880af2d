package app

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"hoso/catalog"
	"hoso/dossier"
	"hoso/print"
)

// pages counts the pages of a printed reply.
func pages(t *testing.T, r FormReply) int {
	t.Helper()
	pdf, err := base64.StdEncoding.DecodeString(r.Content)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Count(pdf, []byte("/Type /Page\n")) + bytes.Count(pdf, []byte("/Type /Page>>")) + bytes.Count(pdf, []byte("/Type /Page "))
}

// TestOldDossierReprintsWithItsSet: a dossier received before 1 July 2025
// reprints with Circular 01/2018's forms and the district that headed its
// papers then; one received after prints the 2025 set.
func TestOldDossierReprintsWithItsSet(t *testing.T) {
	s := newStaff(t)
	s.now = time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)
	for _, o := range []OfficeRecord{
		{Code: "38", Name: "UBND tỉnh Thanh Hóa"},
		{Code: "405", Name: "UBND huyện Đông Sơn", Parent: "38", Ended: "2025-07-01"},
		{Code: "38001", Name: "UBND xã Đông Sơn", Parent: "405"},
	} {
		s.mustCall(t, s.admin, "Offices.Save", o, nil)
	}
	// The operator enters a paper dossier of March 2025.
	req, _ := json.Marshal(ReceiveRequest{
		Procedure: "1.004837", Sets: 1, ReceivedAt: "2025-03-10T08:30:00+07:00",
		Applicant: dossier.Applicant{FullName: "Lê Văn Cũ", CitizenID: "038095001111"},
		Documents: []dossier.ReceivedDocument{{Name: "Tờ khai", Form: catalog.FormOriginal, Count: 1}},
	})
	res, err := s.s.CallAs(t.Context(), "", true, "Dossiers.Receive", req)
	if err != nil {
		t.Fatal(err)
	}
	old := res.(ReceiveReply)
	if !old.Received || old.Dossier.FormSet != print.SetTT01 {
		t.Fatalf("old dossier: %+v", old)
	}
	var r FormReply
	s.mustCall(t, s.clerk, "Print.Form", FormRequest{Form: "receipt", Code: old.Code}, &r)
	text := replyText(t, r)
	for _, want := range []string{"Mẫu 01 · TT01/2018", "UBND HUYỆN ĐÔNG SƠN", "Số CCCD: 038095001111", "ngày 10 tháng 3 năm 2025"} {
		if !strings.Contains(text, want) {
			t.Errorf("the 2018 reprint lacks %q:\n%s", want, text)
		}
	}
	if r.Set != print.SetTT01 || r.Form != "01" {
		t.Errorf("reply %+v", r)
	}

	code := s.receive(t, "Nguyễn Thị Mới")
	s.mustCall(t, s.clerk, "Print.Form", FormRequest{Form: "01", Code: code}, &r)
	text = replyText(t, r)
	for _, want := range []string{"Mẫu 01 · TT03/2025", "UBND TỈNH THANH HÓA", "Số định danh cá nhân/tổ chức: 038095001234"} {
		if !strings.Contains(text, want) {
			t.Errorf("the 2025 receipt lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "HUYỆN") {
		t.Errorf("a paper of 2026 names the abolished district:\n%s", text)
	}
}

// TestReceiptCopiesFollowTheOffice: the intake prints the office's number
// of copies; other papers one unless asked.
func TestReceiptCopiesFollowTheOffice(t *testing.T) {
	s := newStaff(t)
	s.now = time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)
	code := s.receive(t, "Nguyễn Thị Hồng Nhung")
	var r FormReply
	for _, c := range []struct {
		form   string
		copies int
		pages  int
	}{{"receipt", 0, DefaultReceiptCopies}, {"receipt", 1, 1}, {"control", 0, 1}, {"receipt", 3, 3}} {
		s.mustCall(t, s.clerk, "Print.Form", FormRequest{Form: c.form, Code: code, Copies: c.copies}, &r)
		if got := pages(t, r); got != c.pages {
			t.Errorf("%s with copies %d: %d pages, want %d", c.form, c.copies, got, c.pages)
		}
	}
	s.mustCall(t, s.admin, "Print.SetSettings", SetSettingsRequest{Settings: PrintSettings{ReceiptCopies: 3}}, nil)
	s.mustCall(t, s.clerk, "Print.Form", FormRequest{Form: "receipt", Code: code}, &r)
	if got := pages(t, r); got != 3 {
		t.Errorf("the office's 3 copies printed %d pages", got)
	}
	if err := s.call(t, s.clerk, "Print.Form", FormRequest{Form: "receipt", Code: code, Copies: 40}, nil); err == nil || err.Field != "copies" {
		t.Errorf("40 copies: %v", err)
	}
}

// TestIncompleteIntakePrintsForm02WithoutACode: the papers missing at the
// desk are listed on Form 02 with the reason, the clerk and the phone to
// call; the attempt has no code and can be reprinted and verified.
func TestIncompleteIntakePrintsForm02WithoutACode(t *testing.T) {
	s := newStaff(t)
	s.now = time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)
	s.mustCall(t, s.admin, "Offices.Save", OfficeRecord{Code: "38001", Name: "UBND xã Đông Sơn", Phone: "0237 3690 001"}, nil)
	var p ProcedureReply
	s.mustCall(t, s.admin, "Catalog.Get", ProcedureRequest{Code: "1.001193"}, &p)
	p.Procedure.Documents = append(p.Procedure.Documents,
		catalog.Document{Name: "Tờ khai đăng ký khai sinh", Form: catalog.FormOriginal, Count: 1, Required: true},
		catalog.Document{Name: "Giấy chứng sinh", Form: catalog.FormOriginal, Count: 1, Required: true})
	s.mustCall(t, s.admin, "Catalog.Save", SaveProcedureRequest{Procedure: p.Procedure}, nil)
	var rr ReceiveReply
	s.mustCall(t, s.clerk, "Dossiers.Receive", ReceiveRequest{
		Procedure: "1.001193", Note: "Thiếu giấy chứng sinh",
		Applicant: dossier.Applicant{FullName: "Phạm Thị Thiếu", CitizenID: "038095002222"},
		Documents: []dossier.ReceivedDocument{{Name: "Tờ khai", Form: catalog.FormOriginal, Count: 1}},
	}, &rr)
	if rr.Received || rr.Intake == "" || len(rr.Missing) == 0 {
		t.Fatalf("incomplete: %+v", rr)
	}
	var r FormReply
	s.mustCall(t, s.clerk, "Print.Form", FormRequest{Form: "supplement", Intake: rr.Intake}, &r)
	text := replyText(t, r)
	for _, want := range append([]string{"PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "Phạm Thị Thiếu", "Thiếu giấy chứng sinh", "vanthu", "0237 3690 001", "Mẫu 02 · TT03/2025"}, rr.Missing...) {
		if !strings.Contains(text, want) {
			t.Errorf("Form 02 of the intake lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Mã hồ sơ") {
		t.Errorf("Form 02 of an intake prints a code line:\n%s", text)
	}
	if pages(t, r) != DefaultReceiptCopies || r.Reprint != 0 || !strings.Contains(r.Verify, "|intake/38001/"+rr.Intake+"|1|") {
		t.Errorf("reply %+v", r)
	}
	var v VerifyReply
	s.mustCall(t, s.clerk, "Records.Verify", VerifyRequest{Text: r.Verify}, &v)
	if v.Status != VerifyMatch {
		t.Errorf("the intake's QR: %+v", v)
	}
	s.mustCall(t, s.clerk, "Print.Form", FormRequest{Form: "supplement", Intake: rr.Intake}, &r)
	if r.Reprint != 1 {
		t.Errorf("the second print is not a reprint: %+v", r.Reprint)
	}
	if err := s.call(t, s.clerk, "Print.Form", FormRequest{Form: "receipt", Intake: rr.Intake}, nil); err == nil || err.Field != "form" {
		t.Errorf("a receipt of an intake: %v", err)
	}
	if err := s.call(t, s.clerk, "Print.Form", FormRequest{Form: "supplement", Intake: "nope"}, nil); err == nil || err.Code != CodeNotFound {
		t.Errorf("an unknown intake: %v", err)
	}
}

// TestRefusalPaperFollowsWhereTheRefusalHappened: the desk's refusal is
// its form 03 signed by applicant and clerk; a refusal after appraisal is
// the agency's notice signed by its leader.
func TestRefusalPaperFollowsWhereTheRefusalHappened(t *testing.T) {
	s := newStaff(t)
	s.now = time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)
	atDesk := s.receive(t, "Nguyễn Văn Bàn")
	if err := s.act(t, s.clerk, atDesk, dossier.KindRefused, map[string]any{"reason": "Không thuộc thẩm quyền"}); err != nil {
		t.Fatal(err)
	}
	later := s.receive(t, "Trần Thị Sau")
	for _, a := range []struct {
		session string
		kind    dossier.Kind
		body    map[string]any
	}{
		{s.clerk, dossier.KindHandedOver, nil},
		{s.officer, dossier.KindAssigned, nil},
		{s.officer, dossier.KindAppraised, map[string]any{"opinion": "refuse", "note": "Không đủ điều kiện"}},
		{s.leader, dossier.KindRefused, map[string]any{"reason": "Không đủ điều kiện theo quy định"}},
	} {
		if err := s.act(t, a.session, later, a.kind, a.body); err != nil {
			t.Fatalf("%s: %v", a.kind, err)
		}
	}
	var r FormReply
	for _, c := range []struct {
		code, form, title, form2 string
	}{
		{atDesk, "refusal", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", "03"},
		{atDesk, "03", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", "03"},
		{later, "refusal", "THÔNG BÁO TỪ CHỐI GIẢI QUYẾT HỒ SƠ", ""},
		{later, "refusal_notice", "THÔNG BÁO TỪ CHỐI GIẢI QUYẾT HỒ SƠ", ""},
	} {
		s.mustCall(t, s.clerk, "Print.Form", FormRequest{Form: c.form, Code: c.code}, &r)
		if text := replyText(t, r); !strings.Contains(text, c.title) || r.Form != c.form2 {
			t.Errorf("%s as %q: form %q\n%s", c.code, c.form, r.Form, text)
		}
	}
	if err := s.call(t, s.clerk, "Print.Form", FormRequest{Form: "stop", Code: later}, nil); err == nil || err.Code != CodeNotFound {
		t.Errorf("a stop notice for a refused dossier: %v", err)
	}
}

// TestSectorBooksAreNumberedAndPrintedApart: an office keeping a book per
// sector numbers each on its own and prints each with its name.
func TestSectorBooksAreNumberedAndPrintedApart(t *testing.T) {
	s := newStaff(t)
	s.now = time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)
	s.mustCall(t, s.admin, "Print.SetSettings", SetSettingsRequest{Settings: PrintSettings{ReceiptCopies: 2, Books: []BookDef{
		{ID: "HT", Name: "Sổ theo dõi hồ sơ lĩnh vực Hộ tịch", Sectors: []string{"Hộ tịch"}},
	}}}, nil)
	a := s.receive(t, "Nguyễn Văn Một") // 1.004837, civil status
	b := s.receive(t, "Nguyễn Văn Hai")
	var da, db DossierReply
	s.mustCall(t, s.clerk, "Dossiers.Get", DossierRequest{Code: a}, &da)
	s.mustCall(t, s.clerk, "Dossiers.Get", DossierRequest{Code: b}, &db)
	if da.Dossier.Book.Book != "HT" || da.Dossier.Book.Volume != "2026-HT" || da.Dossier.Book.Number != 1 || db.Dossier.Book.Number != 2 {
		t.Fatalf("books: %+v %+v", da.Dossier.Book, db.Dossier.Book)
	}
	var r FormReply
	s.mustCall(t, s.clerk, "Print.Book", BookRequest{From: "2026-11-01", To: "2026-11-30", Book: "HT"}, &r)
	text := replyText(t, r)
	for _, want := range []string{"Sổ theo dõi hồ sơ lĩnh vực Hộ tịch", a, b} {
		if !strings.Contains(text, want) {
			t.Errorf("the civil status book lacks %q:\n%s", want, text)
		}
	}
	if !strings.Contains(r.Verify, "|book/38001/2026-11-01/2026-11-30/HT|2|") {
		t.Errorf("verify %q", r.Verify)
	}
	var v VerifyReply
	s.mustCall(t, s.clerk, "Records.Verify", VerifyRequest{Text: r.Verify}, &v)
	if v.Status != VerifyMatch {
		t.Errorf("the book's QR: %+v", v)
	}
	// The general book holds none of them.
	s.mustCall(t, s.clerk, "Print.Book", BookRequest{From: "2026-11-01", To: "2026-11-30"}, &r)
	if text := replyText(t, r); strings.Contains(text, a) {
		t.Errorf("the general book lists a civil status dossier")
	}
	if err := s.call(t, s.clerk, "Print.Book", BookRequest{From: "2026-11-01", To: "2026-11-30", Book: "XX"}, nil); err == nil || err.Field != "book" {
		t.Errorf("an unknown book: %v", err)
	}
}
