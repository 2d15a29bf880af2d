package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestReportIndexFromTheCLI: the index of the demo's district for the
// year as JSON (ids as in the index, null where national data is needed),
// PDF and XLSX files, and the usage errors.
func TestReportIndexFromTheCLI(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "node")
	if out, code := runCLI(t, "init", "--data", dir); code != exitOK {
		t.Fatalf("init: %s", out)
	}
	if out, code := runCLI(t, "demo", "--data", dir, "--dossiers", "40"); code != exitOK {
		t.Fatalf("demo: %d %s", code, out)
	}
	year := strconv.Itoa(time.Now().Year())
	out, code := runCLI(t, "report", "index", "--data", dir, "--office", "38", "--period", year)
	var doc struct {
		Office     string
		Period     string
		Indicators []struct {
			ID, Title              string
			Value, Score           *float64
			Numerator, Denominator int
			Max                    float64
			Note                   string
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); code != exitOK || err != nil {
		t.Fatalf("report index json: %d %v %s", code, err, out)
	}
	if doc.Office != "38" || doc.Period != year || len(doc.Indicators) < 10 {
		t.Fatalf("index %s", out)
	}
	byID := map[string]int{}
	for i, x := range doc.Indicators {
		byID[x.ID] = i
	}
	national := doc.Indicators[byID["1.1"]]
	if national.Value != nil || national.Score != nil || national.Note != "national" || national.Max == 0 {
		t.Errorf("1.1 needs national data: %+v", national)
	}
	onTime := doc.Indicators[byID["2.1"]]
	if onTime.Value == nil || onTime.Denominator == 0 || *onTime.Value != float64(onTime.Numerator)/float64(onTime.Denominator) || onTime.Score == nil {
		t.Errorf("2.1: %+v", onTime)
	}
	if !strings.Contains(out, `"title": "Tỷ lệ hồ sơ được số hóa"`) {
		t.Errorf("no digitization share:\n%s", out)
	}
	for _, format := range []string{"pdf", "xlsx"} {
		file := filepath.Join(t.TempDir(), "index."+format)
		out, code := runCLI(t, "report", "index", "--data", dir, "--office", "38", "--period", year, "--format", format, "--out", file)
		if code != exitOK || !strings.Contains(out, "report/index766/38/"+year) {
			t.Fatalf("report index %s: %d %s", format, code, out)
		}
		if fi, err := os.Stat(file); err != nil || fi.Size() < 100 {
			t.Fatalf("report index %s file: %v", format, err)
		}
		if format == "pdf" {
			verify := decode(t, out)["verify"].(string)
			if out, code := runCLI(t, "verify", "--data", dir, verify); code != exitOK || decode(t, out)["status"] != "match" {
				t.Errorf("the printed index does not verify: %d %s", code, out)
			}
		}
	}
	if _, code = runCLI(t, "report", "index", "--data", dir, "--period", year, "--format", "pdf"); code != exitUsage {
		t.Error("a PDF index without --out is not a usage error")
	}
	if _, code = runCLI(t, "report", "index", "--data", dir, "--period", year, "--format", "csv", "--out", "x"); code != exitUsage {
		t.Error("a CSV index is not a usage error")
	}
	if out, code = runCLI(t, "report", "index", "--data", dir, "--period", "2026Q9"); code != exitFailed || errorCode(t, out) != "invalid_input" {
		t.Fatalf("a bad period: %d %s", code, out)
	}
}
