package app

import (
	"encoding/base64"
	"os/exec"
	"strings"
	"testing"
	"time"
)

func TestPrintReceipt(t *testing.T) {
	s := newStaff(t)
	s.now = time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)
	code := s.receive(t, "Nguyễn Thị Hồng Nhung")
	var r FormReply
	s.mustCall(t, s.clerk, "Print.Form", FormRequest{Form: "01", Code: code}, &r)
	pdf, err := base64.StdEncoding.DecodeString(r.Content)
	if err != nil || !strings.HasPrefix(string(pdf), "%PDF") {
		t.Fatalf("not a PDF: %v", err)
	}
	if r.Reprint != 0 || !strings.HasPrefix(r.Verify, "HSVF1|38001|dossier/"+code+"|") {
		t.Fatalf("reply %+v", r)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		cmd := exec.Command("pdftotext", "-layout", "-", "-")
		cmd.Stdin = strings.NewReader(string(pdf))
		out, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "Nguyễn Thị Hồng Nhung", code} {
			if !strings.Contains(string(out), want) {
				t.Errorf("the receipt lacks %q", want)
			}
		}
	}
	// A second print is a reprint; a new event changes the verify hash.
	first := r.Verify
	s.mustCall(t, s.clerk, "Print.Form", FormRequest{Form: "01", Code: code}, &r)
	if r.Reprint != 1 || r.Verify != first {
		t.Fatalf("reprint %+v", r)
	}
	if err := s.act(t, s.clerk, code, "dossier.handed_over", map[string]any{}); err != nil {
		t.Fatal(err)
	}
	s.mustCall(t, s.clerk, "Print.Form", FormRequest{Form: "01", Code: code}, &r)
	if r.Verify == first {
		t.Fatal("the verify hash did not change after a new event")
	}
	if err := s.call(t, s.clerk, "Print.Form", FormRequest{Form: "09", Code: code}, nil); err == nil || err.Field != "form" {
		t.Fatalf("form 09: %v", err)
	}
	// Form 03 needs a refusal: not found until there is one.
	if err := s.call(t, s.clerk, "Print.Form", FormRequest{Form: "03", Code: code}, nil); err == nil || err.Code != CodeNotFound {
		t.Fatalf("form 03 before a refusal: %v", err)
	}
	if err := s.act(t, s.officer, code, "dossier.assigned", map[string]any{}); err != nil {
		t.Fatal(err)
	}
	if err := s.act(t, s.officer, code, "dossier.supplement_requested", map[string]any{"missing": []string{"Bản sao giấy khai sinh"}}); err != nil {
		t.Fatal(err)
	}
	s.mustCall(t, s.clerk, "Print.Form", FormRequest{Form: "02", Code: code}, &r)
	pdf, _ = base64.StdEncoding.DecodeString(r.Content)
	if _, err := exec.LookPath("pdftotext"); err == nil {
		cmd := exec.Command("pdftotext", "-layout", "-", "-")
		cmd.Stdin = strings.NewReader(string(pdf))
		out, _ := cmd.Output()
		if !strings.Contains(string(out), "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ") || !strings.Contains(string(out), "Bản sao giấy khai sinh") {
			t.Fatalf("form 02 text:\n%s", out)
		}
	}
}

func TestVerifyAPrintedReceipt(t *testing.T) {
	s := newStaff(t)
	s.now = time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)
	code := s.receive(t, "Nguyễn Thị Hồng Nhung")
	var r FormReply
	s.mustCall(t, s.clerk, "Print.Form", FormRequest{Form: "01", Code: code}, &r)
	var v VerifyReply
	s.mustCall(t, s.clerk, "Records.Verify", VerifyRequest{Text: r.Verify}, &v)
	if v.Status != VerifyMatch || v.PrintedEvents != 1 {
		t.Fatalf("untouched: %+v", v)
	}
	if err := s.act(t, s.clerk, code, "dossier.handed_over", map[string]any{}); err != nil {
		t.Fatal(err)
	}
	s.mustCall(t, s.clerk, "Records.Verify", VerifyRequest{Text: r.Verify}, &v)
	if v.Status != VerifyChanged || len(v.Added) != 1 || v.Added[0].Kind != "dossier.handed_over" {
		t.Fatalf("after a new event: %+v", v)
	}
	parts := strings.Split(r.Verify, "|")
	forged := strings.Join(append(parts[:4:4], strings.Repeat("0", 32)), "|")
	s.mustCall(t, s.clerk, "Records.Verify", VerifyRequest{Text: forged}, &v)
	if v.Status != VerifyDiffers {
		t.Fatalf("another hash: %+v", v)
	}
	unknown := strings.Replace(r.Verify, code, "38001-260101-0999", 1)
	s.mustCall(t, s.clerk, "Records.Verify", VerifyRequest{Text: unknown}, &v)
	if v.Status != VerifyUnknown {
		t.Fatalf("unknown dossier: %+v", v)
	}
	if err := s.call(t, s.clerk, "Records.Verify", VerifyRequest{Text: "hello"}, nil); err == nil || err.Field != "text" {
		t.Fatalf("garbage: %v", err)
	}
}
