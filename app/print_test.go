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
}
