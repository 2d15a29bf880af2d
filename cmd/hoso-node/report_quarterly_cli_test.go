package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hoso/qreport"
)

// The demo's signed quarterly reports read back from the CLI: the
// commune's correction as JSON, the province's roll-up with its sources
// and the missing commune, and the files.
func TestReportQuarterlyFromTheCLI(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "node")
	if out, code := runCLI(t, "init", "--data", dir); code != exitOK {
		t.Fatalf("init: %s", out)
	}
	if out, code := runCLI(t, "demo", "--data", dir, "--dossiers", "0"); code != exitOK {
		t.Fatalf("demo: %d %s", code, out)
	}
	var r struct {
		qreport.Report
		Draft bool   `json:"draft"`
		Event string `json:"event"`
	}
	// The demo signs the quarter before its clock's, which runs through
	// the past year: the latest quarter with a signed report is its.
	var quarter, out string
	var code int
	for back := 0; back < 8 && (quarter == "" || r.Draft); back++ {
		quarter = qreport.LastClosed(time.Now().AddDate(0, -3*back, 0))
		out, code = runCLI(t, "report", "quarterly", "--data", dir, "--quarter", quarter)
		if err := json.Unmarshal([]byte(out), &r); code != exitOK || err != nil {
			t.Fatalf("report quarterly json: %d %v %s", code, err, out)
		}
	}
	if r.Office != "38001" || r.Version != 2 || r.Corrects != 1 || r.Draft || r.Event == "" || !strings.Contains(r.Note, "Đính chính") {
		t.Fatalf("the commune's report: %+v", r)
	}
	out, _ = runCLI(t, "report", "quarterly", "--data", dir, "--quarter", quarter, "--version", "1")
	if err := json.Unmarshal([]byte(out), &r); err != nil || r.Version != 1 || r.Corrects != 0 {
		t.Fatalf("version 1: %s", out)
	}
	out, _ = runCLI(t, "report", "quarterly", "--data", dir, "--office", "38", "--quarter", quarter)
	if err := json.Unmarshal([]byte(out), &r); err != nil || !r.Draft || len(r.Sources) != 3 || len(r.Missing) != 1 || r.Missing[0].Code != "38003" {
		t.Fatalf("the province's roll-up: %s", out)
	}
	for _, format := range []string{"pdf", "xlsx"} {
		file := filepath.Join(t.TempDir(), "q."+format)
		if out, code := runCLI(t, "report", "quarterly", "--data", dir, "--quarter", quarter, "--format", format, "--out", file); code != exitOK {
			t.Fatalf("report quarterly %s: %d %s", format, code, out)
		}
		if fi, err := os.Stat(file); err != nil || fi.Size() < 100 {
			t.Fatalf("report quarterly %s file: %v", format, err)
		}
	}
	if _, code = runCLI(t, "report", "quarterly", "--data", dir, "--quarter", quarter, "--format", "pdf"); code != exitUsage {
		t.Error("a PDF without --out is not a usage error")
	}
	if out, code = runCLI(t, "report", "quarterly", "--data", dir, "--quarter", "2026Q9"); code != exitFailed || errorCode(t, out) != "invalid_input" {
		t.Fatalf("a bad quarter: %d %s", code, out)
	}
	if out, code = runCLI(t, "report", "quarterly", "--data", dir, "--quarter", quarter, "--version", "7"); code != exitFailed || errorCode(t, out) != "not_found" {
		t.Fatalf("a version never signed: %d %s", code, out)
	}
}
