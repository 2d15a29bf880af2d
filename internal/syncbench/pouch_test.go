package syncbench

import (
	"os"
	"strings"
	"testing"

	"hoso/store"
)

// sampleDocs are two dossiers as pouch/dump.js writes them: three history
// steps in all.
const sampleDocs = `{"_id":"38.380.15787-260101-0001","type":"dossier","history":[{"actor":"A","at":"2026-01-01T11:07:12Z","action":"TIEP_NHAN"},{"at":"2026-01-02T08:00:00Z","action":"KY_DUYET"}],"status":"DA_CO_KET_QUA"}

{"_id":"38.380.15787-260101-0002","history":[{}]}
`

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestDossierEvents: one body per history step; the first carries the
// dossier's other fields in the document's order, without _id and history.
func TestDossierEvents(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, line, id, lastAt, err string
		bodies                      []string
	}{
		{name: "fields join the first step",
			line:   `{"_id":"d1","type":"dossier","history":[{"at":"2026-01-01T11:07:12Z","action":"TIEP_NHAN"},{"at":"2026-01-02T08:00:00Z"}],"status":"X"}`,
			id:     "d1",
			lastAt: "2026-01-02T08:00:00Z",
			bodies: []string{`{"at":"2026-01-01T11:07:12Z","action":"TIEP_NHAN","type":"dossier","status":"X"}`, `{"at":"2026-01-02T08:00:00Z"}`}},
		{name: "an empty first step takes the fields alone",
			line: `{"_id":"d2","history":[ {} ],"citizen":{"name":"Phạm Xuân Mai"}}`, id: "d2",
			bodies: []string{`{"citizen":{"name":"Phạm Xuân Mai"}}`}},
		{name: "no other fields",
			line: `{"history":[{"at":"x"}],"_id":"d3"}`, id: "d3", lastAt: "x",
			bodies: []string{`{"at":"x"}`}},
		{name: "not an object", line: `[1,2]`, err: "not a JSON object"},
		{name: "no _id", line: `{"history":[{}]}`, err: "without _id or history"},
		{name: "no history", line: `{"_id":"d4","history":[]}`, err: "without _id or history"},
		{name: "broken", line: `{"_id":"d5","history":`, err: "EOF"},
	} {
		id, bodies, lastAt, err := dossierEvents([]byte(c.line))
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s: error %v, want %q", c.name, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		got := make([]string, len(bodies))
		for i, b := range bodies {
			got[i] = string(b)
		}
		if id != c.id || lastAt != c.lastAt || strings.Join(got, "\n") != strings.Join(c.bodies, "\n") {
			t.Errorf("%s: got %q %q %q, want %q %q %q", c.name, id, lastAt, got, c.id, c.lastAt, c.bodies)
		}
	}
}

// TestLoadAndModifyDocs: loading writes one event per step (blank lines
// skipped); modifying adds one step to each chosen dossier, an hour after
// its last, in one batch.
func TestLoadAndModifyDocs(t *testing.T) {
	t.Parallel()
	_, key, err := newIdentity()
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(store.Options{InMemory: true, Signer: key})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	path := t.TempDir() + "/docs.jsonl"
	writeFile(t, path, sampleDocs)
	dossiers, events, err := loadDocs(st, benchCommune, path)
	if err != nil || dossiers != 2 || events != 3 {
		t.Fatalf("load: %d dossiers, %d events, %v", dossiers, events, err)
	}
	k, err := modifyDocs(st, benchCommune, path, 2, 1)
	if err != nil || k != 1 {
		t.Fatalf("modify: %d, %v", k, err)
	}
	evs, err := st.Events("dossier/38.380.15787-260101-0001")
	if err != nil || len(evs) != 3 {
		t.Fatalf("the first dossier has %d events: %v", len(evs), err)
	}
	last := evs[2]
	if last.Owner != benchCommune || last.Kind != dossierKind || !strings.Contains(string(last.Body), `"at":"2026-01-02T09:00:00Z","action":"YEU_CAU_BO_SUNG","status":"CHO_BO_SUNG"`) {
		t.Fatalf("the change: %s %s %s", last.Owner, last.Kind, last.Body)
	}
	if k, err := modifyDocs(st, benchCommune, path, 2, 0); k != 0 || err != nil {
		t.Fatalf("modify nothing: %d, %v", k, err)
	}
	if _, _, err := loadDocs(st, benchCommune, path+".missing"); err == nil {
		t.Fatal("loading a missing file succeeded")
	}
}
