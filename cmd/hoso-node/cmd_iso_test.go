package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The summary of the demo office's quality system prints the JSON,
// and the demo's management review prints as minutes.
func TestIsoSummaryAndReviewFromTheCLI(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "node")
	if out, code := runCLI(t, "init", "--data", dir); code != exitOK {
		t.Fatalf("init: %s", out)
	}
	if out, code := runCLI(t, "demo", "--data", dir); code != exitOK {
		t.Fatalf("demo: %d %s", code, out)
	}
	out, code := runCLI(t, "rpc", "--data", dir, "Iso.Reviews")
	var reviews struct {
		Reviews []struct {
			ID   string `json:"id"`
			Date string `json:"date"`
		} `json:"reviews"`
	}
	if err := json.Unmarshal([]byte(out), &reviews); code != exitOK || err != nil || len(reviews.Reviews) != 1 {
		t.Fatalf("reviews: %d %s", code, out)
	}
	rv := reviews.Reviews[0]
	year := rv.Date[:4]

	out, code = runCLI(t, "iso", "summary", "--data", dir, "--office", "38001", "--year", year)
	var sum struct {
		Office     string `json:"office"`
		Year       int    `json:"year"`
		Processes  map[string]int
		Objectives []struct {
			Name   string   `json:"name"`
			Target float64  `json:"target"`
			Value  *float64 `json:"value"`
			Status string   `json:"status"`
		} `json:"objectives"`
		Nonconformities map[string]int `json:"nonconformities"`
		Actions         map[string]int `json:"actions"`
		LastAudit       *string        `json:"lastAudit"`
		LastReview      *string        `json:"lastReview"`
	}
	if err := json.Unmarshal([]byte(out), &sum); code != exitOK || err != nil {
		t.Fatalf("iso summary: %d %v %s", code, err, out)
	}
	if sum.Office != "38001" || year != strings.TrimSpace(out[strings.Index(out, `"year": `)+8:][:4]) || len(sum.Objectives) != 4 ||
		sum.LastReview == nil || *sum.LastReview != rv.Date || len(sum.Processes) != 3 || len(sum.Nonconformities) != 4 || len(sum.Actions) != 4 {
		t.Fatalf("iso summary %s", out)
	}
	// The demo year ends with a reported internal audit (demo/iso_audit.go).
	if sum.LastAudit == nil || !strings.HasPrefix(*sum.LastAudit, year) {
		t.Errorf("the demo's audit is not the last audit: %v", sum.LastAudit)
	}
	for _, key := range []string{`"lastAudit": "`, `"inForce"`, `"overdue"`, `"status": "`} {
		if !strings.Contains(out, key) {
			t.Errorf("the summary lacks %s", key)
		}
	}
	// The manual objective has its training values; a measured one with
	// no dossier has no value yet.
	for _, o := range sum.Objectives {
		if strings.Contains(o.Name, "đào tạo") && o.Status == "" {
			t.Errorf("objective %+v", o)
		}
	}

	pdf := filepath.Join(t.TempDir(), "bien-ban.pdf")
	out, code = runCLI(t, "print", "iso-review", "--data", dir, "--review", rv.ID, "--out", pdf)
	if code != exitOK || !strings.HasPrefix(decode(t, out)["verify"].(string), "HSVF1|38001|iso/review/38001/"+rv.ID+"|2|") {
		t.Fatalf("print iso-review: %d %s", code, out)
	}
	if b, err := os.ReadFile(pdf); err != nil || !strings.HasPrefix(string(b), "%PDF") {
		t.Fatalf("the minutes' PDF: %v", err)
	}
	if out, code = runCLI(t, "verify", "--data", dir, decode(t, out)["verify"].(string)); code != exitOK {
		t.Errorf("verify the minutes: %d %s", code, out)
	}

	for _, args := range [][]string{
		{"iso"}, {"iso", "report", "--data", dir}, {"iso", "summary"}, {"iso", "summary", "--data", dir, "--year", "26"},
		{"print", "iso-review", "--data", dir, "--out", pdf},
	} {
		if _, code := runCLI(t, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want a usage error", args, code)
		}
	}
	if out, code = runCLI(t, "iso", "summary", "--data", dir, "--office", "99999"); code != exitFailed || errorCode(t, out) != "not_found" {
		t.Errorf("an unknown office: %d %s", code, out)
	}
}
