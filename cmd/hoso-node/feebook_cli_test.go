package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The fee book prints as PDF, or exports as XLSX to a .xlsx file; the
// period is required and the desk is a digit or "all".
func TestPrintFeeBook(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if out, code := runCLI(t, "init", "--data", dir, "--office-code", "38001", "--office-name", "UBND xã Đông Sơn"); code != exitOK {
		t.Fatalf("init: %d %s", code, out)
	}
	if out, code := runCLI(t, "rpc", "--data", dir, "Setup.Office",
		`{"office":{"code":"38001","name":"UBND xã Đông Sơn"},"admin":{"username":"admin","fullName":"Lê Văn Quản","password":"mật khẩu quản trị"}}`); code != exitOK {
		t.Fatalf("setup: %d %s", code, out)
	}
	pdf := filepath.Join(t.TempDir(), "so-thu-phi.pdf")
	out, code := runCLI(t, "print", "feebook", "--data", dir, "--from", "2026-12-01", "--to", "2026-12-01", "--desk", "2", "--out", pdf)
	if code != exitOK || !strings.HasPrefix(decode(t, out)["verify"].(string), "HSVF1|38001|feebook/38001/2/2026-12-01/2026-12-01|0|") {
		t.Fatalf("print feebook: %d %s", code, out)
	}
	if b, err := os.ReadFile(pdf); err != nil || !strings.HasPrefix(string(b), "%PDF") {
		t.Fatalf("the fee book's PDF: %v", err)
	}
	xlsx := filepath.Join(t.TempDir(), "so-thu-phi.xlsx")
	if out, code = runCLI(t, "print", "feebook", "--data", dir, "--from", "2026-12-01", "--to", "2026-12-31", "--out", xlsx); code != exitOK {
		t.Fatalf("export feebook: %d %s", code, out)
	}
	if b, err := os.ReadFile(xlsx); err != nil || !strings.HasPrefix(string(b), "PK") {
		t.Fatalf("the fee book's XLSX: %v", err)
	}
	for _, args := range [][]string{
		{"print", "feebook", "--data", dir, "--out", pdf},
		{"print", "feebook", "--data", dir, "--from", "2026-12-01", "--to", "2026-12-01", "--desk", "10", "--out", pdf},
		{"print", "feebook", "--data", dir, "--from", "2026-12-01", "--to", "2026-12-01", "--desk", "quầy", "--out", pdf},
	} {
		if _, code := runCLI(t, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want a usage error", args, code)
		}
	}
	if out, code = runCLI(t, "print", "feebook", "--data", dir, "--from", "2026-12-31", "--to", "2026-12-01", "--out", pdf); code != exitFailed || errorCode(t, out) != "invalid_input" {
		t.Fatalf("a reversed period: %d %s", code, out)
	}
}
