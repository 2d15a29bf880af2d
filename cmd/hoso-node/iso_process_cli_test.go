package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hoso/calendar"
)

// The controlled copy of a process prints from the command line: the one
// in force by default, a revision by number; the procedure is required.
func TestPrintIsoProcess(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if out, code := runCLI(t, "init", "--data", dir, "--office-code", "38001", "--office-name", "UBND xã Đông Sơn"); code != exitOK {
		t.Fatalf("init: %d %s", code, out)
	}
	if out, code := runCLI(t, "rpc", "--data", dir, "Setup.Office",
		`{"office":{"code":"38001","name":"UBND xã Đông Sơn"},"admin":{"username":"admin","fullName":"Lê Văn Quản","password":"mật khẩu quản trị"}}`); code != exitOK {
		t.Fatalf("setup: %d %s", code, out)
	}
	if out, code := runCLI(t, "rpc", "--data", dir, "Iso.DraftProcess", `{"procedure":"1.004837"}`); code != exitOK {
		t.Fatalf("draft: %d %s", code, out)
	}
	today := time.Now().In(calendar.Zone).Format(time.DateOnly)
	if out, code := runCLI(t, "rpc", "--data", dir, "Iso.ApproveProcess", `{"procedure":"1.004837","revision":1,"seen":0,"inForce":"`+today+`"}`); code != exitOK {
		t.Fatalf("approve: %d %s", code, out)
	}
	pdf := filepath.Join(t.TempDir(), "quy-trinh.pdf")
	out, code := runCLI(t, "print", "iso-process", "--data", dir, "--procedure", "1.004837", "--out", pdf)
	if code != exitOK || !strings.HasPrefix(decode(t, out)["verify"].(string), "HSVF1|38001|iso/process/38001/1.004837|2|") {
		t.Fatalf("print iso-process: %d %s", code, out)
	}
	if b, err := os.ReadFile(pdf); err != nil || !strings.HasPrefix(string(b), "%PDF") {
		t.Fatalf("the process's PDF: %v", err)
	}
	if out, code = runCLI(t, "print", "iso-process", "--data", dir, "--procedure", "1.004837", "--revision", "9", "--out", pdf); code != exitFailed || errorCode(t, out) != "not_found" {
		t.Errorf("a revision that does not exist: %d %s", code, out)
	}
	if _, code := runCLI(t, "print", "iso-process", "--data", dir, "--out", pdf); code != exitUsage {
		t.Errorf("no procedure: exit %d, want a usage error", code)
	}
}
