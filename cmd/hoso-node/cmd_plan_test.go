package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The demo's Decision 3170 plan lists with its tasks and deadlines, and
// its matrix prints the JSON with the demo's mix of statuses.
func TestPlanListAndStatusFromTheCLI(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "node")
	if out, code := runCLI(t, "init", "--data", dir); code != exitOK {
		t.Fatalf("init: %s", out)
	}
	if out, code := runCLI(t, "demo", "--data", dir, "--dossiers", "0"); code != exitOK {
		t.Fatalf("demo: %d %s", code, out)
	}
	out, code := runCLI(t, "plan", "list", "--data", dir)
	var plans []struct {
		ID, Title, Office, Decision string
		Tasks                       []struct{ ID, Title, Deadline string }
	}
	if err := json.Unmarshal([]byte(out), &plans); code != exitOK || err != nil || len(plans) != 2 {
		t.Fatalf("plan list: %d %v %s", code, err, out)
	}
	p := plans[0]
	if p.ID != "38-3170-2012" || p.Office != "38" || p.Decision != "3170/QĐ-UBND" || len(p.Tasks) != 18 {
		t.Fatalf("the 3170 plan: %+v", p)
	}
	deadlines := map[string]string{}
	for _, task := range p.Tasks {
		deadlines[task.ID] = task.Deadline
	}
	if deadlines["IV.1a"] != "2012-10-20" || deadlines["IV.1b"] != "quarterly from 2012Q4" || deadlines["II.1.1"] != "" {
		t.Fatalf("deadlines: %v", deadlines)
	}
	for _, key := range []string{`"id"`, `"title"`, `"office"`, `"decision"`, `"deadline"`} {
		if !strings.Contains(out, key) {
			t.Errorf("plan list lacks %s", key)
		}
	}

	out, code = runCLI(t, "plan", "status", "--data", dir, "--plan", "38-3170-2012", "--quarter", "2026Q4")
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &m); code != exitOK || err != nil {
		t.Fatalf("plan status: %d %v %s", code, err, out)
	}
	keys := []string{}
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if !slices.Equal(keys, []string{"offices", "plan", "tasks"}) {
		t.Fatalf("plan status keys %v", keys)
	}
	var st struct {
		Plan    string
		Offices []struct {
			Code, Name string
			Tasks      map[string]string
		}
	}
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatal(err)
	}
	cells := map[string]string{}
	for _, o := range st.Offices {
		for task, s := range o.Tasks {
			cells[o.Code+" "+task] = s
		}
	}
	// The home commune issued its coordination rules; its sibling did not
	// by the 2012 deadline; the department sent its action plan.
	want := map[string]string{"38001 II.2.5": "done", "38002 II.2.5": "late", "38001 II.1.1": "on_track", "38002 II.1.1": "not_reported", "3801 IV.1a": "done"}
	for k, s := range want {
		if cells[k] != s {
			t.Errorf("%s: %q, want %s", k, cells[k], s)
		}
	}
	if _, code := runCLI(t, "plan", "status", "--data", dir); code == exitOK {
		t.Error("plan status without --plan")
	}

	// The same matrix as files: a PDF whose QR verifies, an XLSX.
	for _, format := range []string{"pdf", "xlsx"} {
		file := filepath.Join(t.TempDir(), "matrix."+format)
		out, code := runCLI(t, "plan", "status", "--data", dir, "--plan", "38-3170-2012", "--quarter", "2026Q4", "--format", format, "--out", file)
		var res struct {
			File   string
			Bytes  int
			Verify string
		}
		if err := json.Unmarshal([]byte(out), &res); code != exitOK || err != nil || res.File != file || res.Bytes == 0 {
			t.Fatalf("plan status --format %s: %d %v %s", format, code, err, out)
		}
		b, err := os.ReadFile(file)
		if err != nil || len(b) != res.Bytes {
			t.Fatalf("%s: %d bytes, %v", file, len(b), err)
		}
		if format == "pdf" && !strings.HasPrefix(string(b), "%PDF") || format == "xlsx" && !strings.HasPrefix(string(b), "PK") {
			t.Fatalf("%s is not a %s file", file, format)
		}
		if !strings.Contains(res.Verify, "|plan/38/38-3170-2012|") {
			t.Errorf("the print QR: %q", res.Verify)
		}
	}
	if _, code := runCLI(t, "plan", "status", "--data", dir, "--plan", "38-3170-2012", "--format", "csv"); code == exitOK {
		t.Error("plan status --format csv")
	}
}
