package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hoso/node"
)

// runCLI runs the command in-process and returns stdout and the exit code.
// Default key files go to a temporary configuration folder.
func runCLI(t *testing.T, args ...string) (string, int) {
	t.Helper()
	if os.Getenv("XDG_CONFIG_HOME") == "" || !strings.HasPrefix(os.Getenv("XDG_CONFIG_HOME"), os.TempDir()) {
		t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	}
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return out.String(), code
}

func decode(t *testing.T, s string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatalf("not JSON: %q", s)
	}
	return m
}

func errorCode(t *testing.T, s string) string {
	t.Helper()
	e, _ := decode(t, s)["error"].(map[string]any)
	code, _ := e["code"].(string)
	return code
}

func TestInitStatusRPCWithoutServer(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "node")
	out, code := runCLI(t, "status", "--data", dir)
	if code != exitFailed || errorCode(t, out) != "not_initialised" {
		t.Fatalf("status before init: %d %s", code, out)
	}
	out, code = runCLI(t, "init", "--data", dir, "--office-code", "38001", "--office-name", "UBND xã Đông Sơn")
	if code != exitOK {
		t.Fatalf("init: %d %s", code, out)
	}
	first := decode(t, out)
	peer := first["peerId"]
	if first["keyMethod"] != "keyfile" || first["recoveryKey"] == "" || first["keyFile"] == "" {
		t.Fatalf("init reply: %s", out)
	}
	out, code = runCLI(t, "status", "--data", dir)
	st := decode(t, out)
	if code != exitOK || st["peerId"] != peer || st["serving"] != false {
		t.Fatalf("status: %d %s", code, out)
	}
	if office := st["office"].(map[string]any); office["name"] != "UBND xã Đông Sơn" {
		t.Fatalf("office %v", office)
	}
	// init again keeps the identity and shows no new recovery key.
	out, _ = runCLI(t, "init", "--data", dir)
	if again := decode(t, out); again["peerId"] != peer || again["recoveryKey"] != nil {
		t.Fatalf("a second init changed the identity or the key: %s", out)
	}
	out, code = runCLI(t, "rpc", "--data", dir, "System.SetLanguage", `{"language":"en"}`)
	if code != exitOK || decode(t, out)["language"] != "en" {
		t.Fatalf("rpc: %d %s", code, out)
	}
	out, code = runCLI(t, "rpc", "--data", dir, "System.SetLanguage", `{"language":"de"}`)
	if code != exitFailed || errorCode(t, out) != "invalid_input" {
		t.Fatalf("rpc bad value: %d %s", code, out)
	}
	out, code = runCLI(t, "rpc", "--data", dir, "System.Info", `not json`)
	if code != exitFailed || errorCode(t, out) != "invalid_input" {
		t.Fatalf("rpc bad JSON: %d %s", code, out)
	}
}

func TestUsageErrors(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"init"},
		{"serve", "--data", "x", "--console", "0.0.0.0:8700"},
		{"serve", "--data", "x", "--console", "192.168.1.5:8700"},
		{"rpc", "System.Info"},
		{"rpc", "--data", "x", "--node", "http://127.0.0.1:1/", "System.Info"},
	} {
		if _, code := runCLI(t, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
}

func TestServeIsUsedByStatusAndRPC(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("-short: a slow test (multi-process or exhaustive); make test-go runs it")
	}
	dir := filepath.Join(t.TempDir(), "node")
	initOut, code := runCLI(t, "init", "--data", dir)
	if code != exitOK {
		t.Fatalf("init: %s", initOut)
	}
	keyFile, peerID := decode(t, initOut)["keyFile"].(string), decode(t, initOut)["peerId"]
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- serve(ctx, serveOptions{dir: dir, console: "127.0.0.1:0", stdout: pw})
		pw.Close()
	}()
	consoleURL := make(chan string, 1)
	go func() {
		buf := make([]byte, 4096)
		var acc string
		for {
			n, err := pr.Read(buf)
			acc += string(buf[:n])
			for _, line := range strings.Split(acc, "\n") {
				if u, ok := strings.CutPrefix(line, "console: "); ok && strings.Contains(acc, u+"\n") {
					consoleURL <- u
					io.Copy(io.Discard, pr)
					return
				}
			}
			if err != nil {
				return
			}
		}
	}()
	var url string
	select {
	case url = <-consoleURL:
	case <-time.After(20 * time.Second):
		t.Fatal("serve printed no console URL")
	}
	// serve prints no token (issue 15 item 8): rpc --node takes it from the file.
	tok, err := node.ReadToken(dir)
	if err != nil {
		t.Fatal(err)
	}
	url += "?token=" + tok

	// The folder is locked by serve, yet status and rpc --data work: they
	// talk to the running node.
	out, code := runCLI(t, "status", "--data", dir)
	if code != exitOK || decode(t, out)["serving"] != true {
		t.Fatalf("status while serving: %d %s", code, out)
	}
	out, code = runCLI(t, "rpc", "--data", dir, "System.SetLanguage", `{"language":"en"}`)
	if code != exitOK {
		t.Fatalf("rpc --data while serving: %d %s", code, out)
	}
	out, code = runCLI(t, "rpc", "--node", url, "System.Info")
	if code != exitOK || decode(t, out)["language"] != "en" {
		t.Fatalf("rpc --node: %d %s", code, out)
	}
	base, _, _ := strings.Cut(url, "?")
	out, code = runCLI(t, "rpc", "--node", base, "System.Info")
	if code != exitFailed || errorCode(t, out) != "unauthorized" {
		t.Fatalf("rpc --node without token: %d %s", code, out)
	}

	// A backup while serving streams from the running node.
	backup := filepath.Join(t.TempDir(), "node.backup")
	out, code = runCLI(t, "backup", "--data", dir, "--out", backup)
	if code != exitOK {
		t.Fatalf("backup while serving: %d %s", code, out)
	}

	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	// Restore it elsewhere with the original key file: same node.
	restored := filepath.Join(t.TempDir(), "restored")
	out, code = runCLI(t, "restore", "--data", restored, "--from", backup, "--key-file", keyFile, "--as", "replacement")
	if code != exitOK || decode(t, out)["recoveryKey"] == "" {
		t.Fatalf("restore: %d %s", code, out)
	}
	out, code = runCLI(t, "status", "--data", restored)
	if code != exitOK || decode(t, out)["peerId"] != peerID || decode(t, out)["language"] != "en" {
		t.Fatalf("status of the restored node: %d %s", code, out)
	}
	if _, ok := node.ReadServing(dir); ok {
		t.Fatal("serve left its record behind")
	}
	out, code = runCLI(t, "status", "--data", dir)
	if code != exitOK || decode(t, out)["serving"] != false {
		t.Fatalf("status after serve: %d %s", code, out)
	}
}

func TestStaleServeRecordFallsBackToTheFolder(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("-short: a slow test (multi-process or exhaustive); make test-go runs it")
	}
	dir := filepath.Join(t.TempDir(), "node")
	if out, code := runCLI(t, "init", "--data", dir); code != exitOK {
		t.Fatalf("init: %s", out)
	}
	// A killed serve leaves its record; nothing listens there now.
	if err := node.WriteServing(dir, node.Serving{URL: "http://127.0.0.1:1/", PID: 1}); err != nil {
		t.Fatal(err)
	}
	out, code := runCLI(t, "status", "--data", dir)
	if code != exitOK || decode(t, out)["serving"] != false {
		t.Fatalf("status with stale record: %d %s", code, out)
	}
}

func TestInitWithKeyInTheEnvironment(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "node")
	out, code := runCLI(t, "init", "--data", dir, "--key-env", "HOSO_TEST_KEY")
	r := decode(t, out)
	if code != exitOK || r["keyMethod"] != "env" || r["envValue"] == "" {
		t.Fatalf("init --key-env: %d %s", code, out)
	}
	out, code = runCLI(t, "status", "--data", dir)
	if code != exitFailed || errorCode(t, out) != "key_unavailable" {
		t.Fatalf("status without the variable: %d %s", code, out)
	}
	t.Setenv("HOSO_TEST_KEY", r["envValue"].(string))
	if out, code = runCLI(t, "status", "--data", dir); code != exitOK {
		t.Fatalf("status with the variable: %d %s", code, out)
	}
	// A key file inside the data folder would be plain text beside the data.
	inside := filepath.Join(t.TempDir(), "n2")
	out, code = runCLI(t, "init", "--data", inside, "--key-file", filepath.Join(inside, "k.key"))
	if code != exitFailed || errorCode(t, out) != "key_unavailable" && errorCode(t, out) != "invalid_input" {
		t.Fatalf("key file inside the data folder: %d %s", code, out)
	}
}

func TestDemo(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("-short: a slow test (multi-process or exhaustive); make test-go runs it")
	}
	dir := filepath.Join(t.TempDir(), "node")
	if out, code := runCLI(t, "init", "--data", dir); code != exitOK {
		t.Fatalf("init: %s", out)
	}
	out, code := runCLI(t, "demo", "--data", dir)
	if code != exitOK {
		t.Fatalf("demo: %d %s", code, out)
	}
	out, code = runCLI(t, "rpc", "--data", dir, "Auth.Login", `{"username":"vanthu","password":"matkhau-demo"}`)
	if code != exitOK || decode(t, out)["session"] == "" {
		t.Fatalf("demo clerk login: %d %s", code, out)
	}
	out, _ = runCLI(t, "rpc", "--data", dir, "Offices.List")
	if n := len(decode(t, out)["offices"].([]any)); n != 5 {
		t.Fatalf("%d demo offices", n)
	}
	if out, code = runCLI(t, "demo", "--data", dir); code != exitFailed || errorCode(t, out) != "setup_done" {
		t.Fatalf("demo twice: %d %s", code, out)
	}
}

// A province's demo can be filled under the hub's profile (its writes held
// in batches as always); an unknown profile is a usage error.
func TestDemoProvinceAsHub(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("-short: a slow test (multi-process or exhaustive); make test-go runs it")
	}
	dir := filepath.Join(t.TempDir(), "node")
	if out, code := runCLI(t, "init", "--data", dir); code != exitOK {
		t.Fatalf("init: %s", out)
	}
	if _, code := runCLI(t, "demo", "--data", dir, "--profile", "server"); code != exitUsage {
		t.Fatalf("--profile server: %d, want a usage error", code)
	}
	out, code := runCLI(t, "demo", "--data", dir, "--dossiers", "40", "--communes", "4", "--desks-per-commune", "2", "--profile", "hub")
	if code != exitOK {
		t.Fatalf("demo: %d %s", code, out)
	}
	rep := decode(t, out)
	if rep["dossiers"].(float64) < 35 || rep["skipped"].(float64) != 0 {
		t.Fatalf("demo report: %s", out)
	}
	out, code = runCLI(t, "rpc", "--data", dir, "Dossiers.Search", `{"pageSize":1,"count":true}`)
	// The year's dossiers, and those the demo's scans make after it.
	if code != exitOK || decode(t, out)["total"].(float64) < rep["dossiers"].(float64) {
		t.Fatalf("the dossiers after the demo: %d %s", code, out)
	}
}

func TestPrintReceiptFromTheCLI(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("-short: a slow test (multi-process or exhaustive); make test-go runs it")
	}
	dir := filepath.Join(t.TempDir(), "node")
	if out, code := runCLI(t, "init", "--data", dir); code != exitOK {
		t.Fatalf("init: %s", out)
	}
	if out, code := runCLI(t, "demo", "--data", dir, "--dossiers", "5"); code != exitOK {
		t.Fatalf("demo: %s", out)
	}
	out, code := runCLI(t, "rpc", "--data", dir, "Dossiers.Search", `{"pageSize":1}`)
	items, _ := decode(t, out)["items"].([]any)
	if code != exitOK || len(items) != 1 {
		t.Fatalf("search: %d %s", code, out)
	}
	dossierCode := items[0].(map[string]any)["code"].(string)
	pdf := filepath.Join(t.TempDir(), "receipt.pdf")
	out, code = runCLI(t, "print", "receipt", "--data", dir, "--code", dossierCode, "--out", pdf)
	if code != exitOK {
		t.Fatalf("print: %d %s", code, out)
	}
	b, err := os.ReadFile(pdf)
	if err != nil || !strings.HasPrefix(string(b), "%PDF") {
		t.Fatalf("receipt file: %v", err)
	}
	verify := decode(t, out)["verify"].(string)
	if out, code := runCLI(t, "verify", "--data", dir, verify); code != exitOK || decode(t, out)["status"] != "match" {
		t.Fatalf("verify an untouched receipt: %d %s", code, out)
	}
	other := verify[:len(verify)-32] + strings.Repeat("0", 32)
	if other == verify {
		other = verify[:len(verify)-32] + strings.Repeat("f", 32)
	}
	if out, code := runCLI(t, "verify", "--data", dir, other); code != exitMismatch || decode(t, out)["status"] != "differs" {
		t.Fatalf("verify another hash: %d %s", code, out)
	}
	if out, code = runCLI(t, "print", "receipt", "--data", dir, "--code", "nope", "--out", pdf); code != exitFailed || errorCode(t, out) != "not_found" {
		t.Fatalf("unknown dossier: %d %s", code, out)
	}
	if _, code = runCLI(t, "print", "ledger"); code != exitUsage {
		t.Fatal("an unknown form is not a usage error")
	}
	if _, code = runCLI(t, "print", "control", "--data", dir, "--out", pdf); code != exitUsage {
		t.Fatal("a control sheet without --code is not a usage error")
	}
	if out, code = runCLI(t, "print", "control", "--data", dir, "--code", dossierCode, "--out", pdf); code != exitOK || decode(t, out)["template"] != "TT03/2025" || decode(t, out)["form"] != "06" {
		t.Fatalf("print control: %d %s", code, out)
	}
	if _, code = runCLI(t, "print", "receipt", "--data", dir, "--intake", "x", "--out", pdf); code != exitUsage {
		t.Fatal("a receipt of an intake is not a usage error")
	}
	if out, code = runCLI(t, "print", "stop", "--data", dir, "--code", dossierCode, "--out", pdf); code != exitFailed || errorCode(t, out) != "not_found" {
		t.Fatalf("a stop notice for a dossier still in progress: %d %s", code, out)
	}
	book := filepath.Join(t.TempDir(), "book.pdf")
	if _, code = runCLI(t, "print", "book", "--data", dir, "--out", book); code != exitUsage {
		t.Fatal("a book without a period is not a usage error")
	}
	// A book of 2020 is printed with the set of its time, Form 06 of 2018.
	if out, code = runCLI(t, "print", "book", "--data", dir, "--from", "2020-01-01", "--to", "2020-12-31", "--out", book); code != exitOK || decode(t, out)["set"] != "TT01/2018" || decode(t, out)["form"] != "06" {
		t.Fatalf("print book: %d %s", code, out)
	}
	if b, err := os.ReadFile(book); err != nil || !strings.HasPrefix(string(b), "%PDF") {
		t.Fatalf("book file: %v", err)
	}
	if out, code = runCLI(t, "print", "book", "--data", dir, "--from", "2020-12-31", "--to", "2020-01-01", "--out", book); code != exitFailed || errorCode(t, out) != "invalid_input" {
		t.Fatalf("a reversed period: %d %s", code, out)
	}

	// The periodic report: JSON rows with the form's columns, and files.
	out, code = runCLI(t, "report", "ii06a", "--data", dir, "--office", "38", "--period", "2026")
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); code != exitOK || err != nil || len(rows) < 2 {
		t.Fatalf("report json: %d %v %s", code, err, out)
	}
	total := rows[len(rows)-1]
	n := func(k string) int { return int(total[k].(float64)) }
	if total["sector"] != "Tổng cộng" || n("3") != n("4")+n("5")+n("6") || n("7") != n("8")+n("9")+n("10") || n("11") != n("12")+n("13") {
		t.Fatalf("report total %v", total)
	}
	for _, format := range []string{"pdf", "xlsx", "csv"} {
		file := filepath.Join(t.TempDir(), "ii06a."+format)
		if out, code := runCLI(t, "report", "ii06a", "--data", dir, "--period", "2026Q4", "--format", format, "--out", file); code != exitOK {
			t.Fatalf("report %s: %d %s", format, code, out)
		}
		if fi, err := os.Stat(file); err != nil || fi.Size() < 100 {
			t.Fatalf("report %s file: %v", format, err)
		}
	}
	if _, code = runCLI(t, "report", "ii06a", "--data", dir, "--period", "2026Q4", "--format", "pdf"); code != exitUsage {
		t.Error("a PDF report without --out is not a usage error")
	}
	if out, code = runCLI(t, "report", "ii06a", "--data", dir, "--period", "2026Q9"); code != exitFailed || errorCode(t, out) != "invalid_input" {
		t.Fatalf("a bad period: %d %s", code, out)
	}
}
