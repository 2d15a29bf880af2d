package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The register of records and the yearly ISO report print from the
// command line: the register once an office has recorded it, the yearly
// report for the year asked.
func TestPrintIsoRecordsAndYear(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if out, code := runCLI(t, "init", "--data", dir, "--office-code", "38001", "--office-name", "UBND xã Đông Sơn"); code != exitOK {
		t.Fatalf("init: %d %s", code, out)
	}
	if out, code := runCLI(t, "rpc", "--data", dir, "Setup.Office",
		`{"office":{"code":"38001","name":"UBND xã Đông Sơn"},"admin":{"username":"admin","fullName":"Lê Văn Quản","password":"mật khẩu quản trị"}}`); code != exitOK {
		t.Fatalf("setup: %d %s", code, out)
	}
	pdf := filepath.Join(t.TempDir(), "danh-muc.pdf")
	if out, code := runCLI(t, "print", "iso-records", "--data", dir, "--out", pdf); code != exitFailed || errorCode(t, out) != "invalid_input" {
		t.Fatalf("the default register: %d %s", code, out)
	}
	reg, code := runCLI(t, "rpc", "--data", dir, "Iso.Register", `{}`)
	if code != exitOK {
		t.Fatalf("register: %d %s", code, reg)
	}
	register := decode(t, reg)["register"]
	b, err := json.Marshal(map[string]any{"register": register, "base": 0})
	if err != nil {
		t.Fatal(err)
	}
	if out, code := runCLI(t, "rpc", "--data", dir, "Iso.SetRegister", string(b)); code != exitOK {
		t.Fatalf("set register: %d %s", code, out)
	}
	out, code := runCLI(t, "print", "iso-records", "--data", dir, "--out", pdf)
	if code != exitOK || !strings.HasPrefix(decode(t, out)["verify"].(string), "HSVF1|38001|iso/records/38001|1|") {
		t.Fatalf("print iso-records: %d %s", code, out)
	}
	if b, err := os.ReadFile(pdf); err != nil || !strings.HasPrefix(string(b), "%PDF") {
		t.Fatalf("the register's PDF: %v", err)
	}
	out, code = runCLI(t, "print", "iso-year", "--data", dir, "--year", "2026", "--out", pdf)
	if code != exitOK || decode(t, out)["verify"].(string) == "" || !strings.Contains(decode(t, out)["verify"].(string), "isoyear/38001/2026") {
		t.Fatalf("print iso-year: %d %s", code, out)
	}
}
