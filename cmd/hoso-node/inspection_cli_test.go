package main

import (
	"path/filepath"
	"testing"
)

// An inspection record prints from the command line by its ID: without
// one it is a usage error, and an ID the node does not hold is not found
// (the Inspections.Print method answered; the record itself is tested in
// app and print).
func TestPrintInspection(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if out, code := runCLI(t, "init", "--data", dir, "--office-code", "38001", "--office-name", "UBND xã Đông Sơn"); code != exitOK {
		t.Fatalf("init: %d %s", code, out)
	}
	if out, code := runCLI(t, "rpc", "--data", dir, "Setup.Office",
		`{"office":{"code":"38001","name":"UBND xã Đông Sơn"},"admin":{"username":"admin","fullName":"Lê Văn Quản","password":"mật khẩu quản trị"}}`); code != exitOK {
		t.Fatalf("setup: %d %s", code, out)
	}
	pdf := filepath.Join(t.TempDir(), "bien-ban.pdf")
	if out, code := runCLI(t, "print", "inspection", "--data", dir, "--out", pdf); code != exitUsage {
		t.Fatalf("without --inspection: %d %s", code, out)
	}
	if out, code := runCLI(t, "print", "inspection", "--data", dir, "--inspection", "38-20261120-1", "--out", pdf); code != exitFailed || errorCode(t, out) != "not_found" {
		t.Fatalf("an unknown inspection: %d %s", code, out)
	}
}
