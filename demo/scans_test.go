package demo

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"hoso/app"
)

// TestDemoScans: most demo dossiers carry scans, most resolved ones an
// electronic result, a few reuse a paper digitized before, no two
// dossiers share a scan, the files are small, and the file index names
// them all with nothing wanted (this node holds them).
func TestDemoScans(t *testing.T) {
	clock := NewClock(time.Date(2025, 11, 27, 0, 0, 0, 0, time.UTC))
	svcs, st := newServices(t, clock)
	start := time.Now()
	if _, err := Run(Options{Services: svcs, Clock: clock, Dossiers: 60, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	t.Logf("demo of 60 dossiers with scans in %v", time.Since(start))
	call := func(method string, req, out any) {
		b, _ := json.Marshal(req)
		res, err := svcs.CallAs(context.Background(), "", true, method, b)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := json.Marshal(res)
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatal(err)
		}
	}
	var list app.SearchReply
	call("Dossiers.Search", app.SearchRequest{Office: Home.Code, PageSize: 200}, &list)
	var withScans, withPapers, resolved, withResult, reused int
	owner := map[string]string{}
	var bytes int64
	for _, it := range list.Items {
		var got app.DossierReply
		call("Dossiers.Get", app.DossierRequest{Code: it.Code}, &got)
		d := got.Dossier
		if len(d.Documents) > 0 {
			withPapers++
		}
		scanned := false
		for _, doc := range d.Documents {
			scanned = scanned || len(doc.Files) > 0
			if doc.Reused != nil {
				reused++
			}
			for _, f := range doc.Files {
				if o, ok := owner[f.ID]; ok && o != d.Code {
					t.Errorf("%s and %s share the scan %s", o, d.Code, f.Name)
				}
				owner[f.ID] = d.Code
				bytes += f.Size
			}
		}
		if scanned {
			withScans++
		}
		if d.Status == "returned" || d.Status == "result_at_desk" {
			resolved++
			if len(d.ResultFiles) > 0 {
				withResult++
			}
		}
	}
	if withScans*3 < withPapers*2 || withResult*3 < resolved*2 || reused == 0 || resolved == 0 {
		t.Fatalf("scans %d of %d with papers, results %d of %d resolved, reused %d", withScans, withPapers, withResult, resolved, reused)
	}
	if avg := bytes / int64(len(owner)); avg > 4096 {
		t.Errorf("scans average %d bytes: keep the demo small", avg)
	}
	wanted, err := app.NewFileIndex(st).Wanted(10)
	if err != nil || len(wanted) != 0 {
		t.Fatalf("the demo node wants %v %v", wanted, err)
	}
}
