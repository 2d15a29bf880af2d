package app

import (
	"encoding/base64"
	"os/exec"
	"strings"
	"testing"
	"time"

	"hoso/dossier"
	"hoso/print"
)

// replyText extracts the text of a printed reply with pdftotext, skipping
// the test when poppler-utils is not installed.
func replyText(t *testing.T, r FormReply) string {
	t.Helper()
	pdf, err := base64.StdEncoding.DecodeString(r.Content)
	if err != nil || !strings.HasPrefix(string(pdf), "%PDF") {
		t.Fatalf("not a PDF: %v", err)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (Debian package poppler-utils)")
	}
	cmd := exec.Command("pdftotext", "-layout", "-", "-")
	cmd.Stdin = strings.NewReader(string(pdf))
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestPrintControlSheet(t *testing.T) {
	s := newStaff(t)
	s.now = time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)
	code := s.receive(t, "Nguyễn Thị Hồng Nhung")
	for _, step := range []struct {
		session string
		kind    string
	}{{s.clerk, "dossier.handed_over"}, {s.officer, "dossier.assigned"}} {
		if err := s.act(t, step.session, code, dossier.Kind(step.kind), map[string]any{}); err != nil {
			t.Fatal(err)
		}
	}
	var r FormReply
	s.mustCall(t, s.clerk, "Print.Form", FormRequest{Form: "05", Code: code}, &r)
	text := replyText(t, r)
	// Received in 2026: the control sheet of Circular 03/2025 (Form 06).
	for _, want := range []string{"PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", code, "UBND xã Đông Sơn", "chuyenvien", "Người giao", "Mẫu 06 · TT03/2025"} {
		if !strings.Contains(text, want) {
			t.Errorf("the control sheet lacks %q:\n%s", want, text)
		}
	}
	if r.Template != "TT03/2025" || r.Set != "TT03/2025" || r.Form != "06" || !strings.HasPrefix(r.Filename, "mau-06-kiem-soat-") {
		t.Errorf("reply %+v", r)
	}
}

func TestPrintBookAndVerify(t *testing.T) {
	s := newStaff(t)
	s.now = time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)
	a := s.receive(t, "Nguyễn Thị Hồng Nhung")
	s.now = time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)
	b := s.receive(t, "Trần Văn Bình")
	s.now = time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC)
	c := s.receive(t, "Lê Thị Cúc")

	var r FormReply
	s.mustCall(t, s.clerk, "Print.Book", BookRequest{From: "2026-11-01", To: "2026-11-30"}, &r)
	text := replyText(t, r)
	for _, want := range []string{"SỔ THEO DÕI HỒ SƠ", "từ ngày 01/11/2026 đến ngày 30/11/2026 — 2 hồ sơ", "Mẫu 07 · TT03/2025", a, b, "Nguyễn Thị Hồng", "Trang 1/1"} {
		if !strings.Contains(text, want) {
			t.Errorf("the book lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, c) {
		t.Errorf("a dossier of December is in November's book")
	}
	if strings.Index(text, a) > strings.Index(text, b) {
		t.Error("the entries are not in the order received")
	}
	if !strings.HasPrefix(r.Verify, "HSVF1|38001|book/38001/2026-11-01/2026-11-30|2|") {
		t.Fatalf("verify text %q", r.Verify)
	}

	var v VerifyReply
	s.mustCall(t, s.clerk, "Records.Verify", VerifyRequest{Text: r.Verify}, &v)
	if v.Status != VerifyMatch || v.CurrentEvents != 2 {
		t.Fatalf("an untouched book: %+v", v)
	}
	if err := s.act(t, s.clerk, b, "dossier.handed_over", map[string]any{}); err != nil {
		t.Fatal(err)
	}
	s.mustCall(t, s.clerk, "Records.Verify", VerifyRequest{Text: r.Verify}, &v)
	if v.Status != VerifyDiffers || len(v.Details) == 0 {
		t.Fatalf("a book whose dossier moved on: %+v", v)
	}
	other := strings.Replace(r.Verify, "book/38001/", "book/38999/", 1)
	other = strings.Replace(other, "HSVF1|38001|", "HSVF1|38999|", 1)
	s.mustCall(t, s.clerk, "Records.Verify", VerifyRequest{Text: other}, &v)
	if v.Status != VerifyUnknown {
		t.Fatalf("another office's book: %+v", v)
	}

	// A second print is a reprint.
	s.mustCall(t, s.clerk, "Print.Book", BookRequest{From: "2026-11-01", To: "2026-11-30"}, &r)
	if r.Reprint != 1 || !strings.Contains(replyText(t, r), "BẢN IN LẠI (lần 1)") {
		t.Errorf("a reprinted book is not marked: %+v", r.Reprint)
	}

	for _, c := range []struct {
		req   BookRequest
		field string
	}{
		{BookRequest{From: "01/11/2026", To: "2026-11-30"}, "from"},
		{BookRequest{From: "2026-11-01", To: "tomorrow"}, "to"},
		{BookRequest{From: "2026-11-30", To: "2026-11-01"}, "to"},
		{BookRequest{From: "2025-01-01", To: "2026-11-01"}, "to"},
	} {
		if err := s.call(t, s.clerk, "Print.Book", c.req, nil); err == nil || err.Field != c.field || err.Code != CodeInvalidInput {
			t.Errorf("%+v: got %v, want invalid %s", c.req, err, c.field)
		}
	}
	if err := s.call(t, s.clerk, "Print.Book", BookRequest{Office: "38999", From: "2026-11-01", To: "2026-11-30"}, nil); err == nil || err.Code != CodeNotFound {
		t.Errorf("an unknown office: %v", err)
	}
}

func TestPrintTemplates(t *testing.T) {
	s := newStaff(t)
	s.now = time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)
	code := s.receive(t, "Nguyễn Thị Hồng Nhung")

	var list TemplatesReply
	s.mustCall(t, s.clerk, "Print.Templates", TemplatesRequest{}, &list)
	if list.Set != print.SetTT03 || len(list.Templates) != 8 || list.Templates[0].Doc != print.DocReceipt ||
		list.Templates[0].Source != "" || list.Templates[0].Template.Version != "TT03/2025" {
		t.Fatalf("built-in templates: %+v", list)
	}

	tp := list.Templates[0].Template
	tp.Version = "38001-2027.1"
	tp.Title = "GIẤY BIÊN NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
	// Only an administrator may change the wording.
	if err := s.call(t, s.clerk, "Print.SetTemplate", SetTemplateRequest{Template: tp}, nil); err == nil || err.Code != CodeForbidden {
		t.Fatalf("a clerk changed a template: %v", err)
	}
	bad := tp
	bad.Body = append([]print.Line{{Text: "Mã: {ma}"}}, tp.Body...)
	err := s.call(t, s.admin, "Print.SetTemplate", SetTemplateRequest{Template: bad}, nil)
	if err == nil || err.Code != CodeInvalidInput || err.Field != "template.body[0].text" {
		t.Fatalf("an invalid template: %v", err)
	}
	unsigned := tp
	unsigned.Signers = unsigned.Signers[:1]
	if err := s.call(t, s.admin, "Print.SetTemplate", SetTemplateRequest{Template: unsigned}, nil); err == nil || err.Code != CodeInvalidInput || err.Field != "template.signers" {
		t.Fatalf("a receipt without the clerk's signature: %v", err)
	}
	s.mustCall(t, s.admin, "Print.SetTemplate", SetTemplateRequest{Template: tp}, &list)
	if list.Templates[0].Source != "38001" || list.Templates[0].Template.Version != "38001-2027.1" {
		t.Fatalf("after saving: %+v", list.Templates[0])
	}

	var r FormReply
	s.mustCall(t, s.clerk, "Print.Form", FormRequest{Form: "receipt", Code: code}, &r)
	text := replyText(t, r)
	if r.Template != "38001-2027.1" || !strings.Contains(text, "GIẤY BIÊN NHẬN HỒ SƠ") || !strings.Contains(text, "Mẫu 01 · TT03/2025 · 38001-2027.1") {
		t.Fatalf("printed with %q:\n%s", r.Template, text)
	}
	// Other papers keep the built-in wording, and so does the 2018 set.
	s.mustCall(t, s.clerk, "Print.Form", FormRequest{Form: "control", Code: code}, &r)
	if r.Template != "TT03/2025" {
		t.Errorf("the control sheet printed with %q", r.Template)
	}
	s.mustCall(t, s.clerk, "Print.Templates", TemplatesRequest{Set: print.SetTT01}, &list)
	if list.Templates[0].Source != "" || len(list.Templates) != 7 {
		t.Errorf("the 2018 set took the 2025 wording: %+v", list.Templates[0])
	}

	s.mustCall(t, s.admin, "Print.ResetTemplate", ResetTemplateRequest{Set: print.SetTT03, Doc: print.DocReceipt}, &list)
	s.mustCall(t, s.clerk, "Print.Form", FormRequest{Form: "receipt", Code: code}, &r)
	if r.Template != "TT03/2025" || !strings.Contains(replyText(t, r), "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ") {
		t.Errorf("after reset: %q", r.Template)
	}
	if err := s.call(t, s.admin, "Print.ResetTemplate", ResetTemplateRequest{Form: "42"}, nil); err == nil || err.Field != "doc" {
		t.Errorf("reset of no form: %v", err)
	}
}

func TestVND(t *testing.T) {
	for n, want := range map[int64]string{0: "0 đồng", 8000: "8.000 đồng", 1250000: "1.250.000 đồng", 999: "999 đồng", -15000: "-15.000 đồng"} {
		if got := vnd(n); got != want {
			t.Errorf("vnd(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestPlaceOf(t *testing.T) {
	for name, want := range map[string]string{
		"UBND xã Đông Sơn (dữ liệu thử)": "Đông Sơn",
		"Ủy ban nhân dân huyện Đông Sơn": "Đông Sơn",
		"UBND thành phố Thanh Hóa":       "Thanh Hóa",
		"Bộ phận một cửa":                "",
		"UBND":                           "",
	} {
		if got := placeOf(name); got != want {
			t.Errorf("placeOf(%q) = %q, want %q", name, got, want)
		}
	}
}
