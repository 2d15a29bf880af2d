package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"testing"

	"hoso/internal/syncbench"
)

// TestBenchSyncSmoke runs bench sync on 50 dossiers end to end: two node
// processes (this test binary as hoso-node), the counting proxy, one JSON
// object. HOSO_BENCH_DUMP names pouch/dump.js when the repository has no
// ../shared/bench-peers next to it.
func TestBenchSyncSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("starts three processes")
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node is not on PATH")
	}
	dump, err := syncbench.FindDump(os.Getenv("HOSO_BENCH_DUMP"))
	if err != nil {
		t.Skip(err)
	}
	out := cli(t, "bench", "sync", "--dossiers", "50", "--noop-repeats", "2", "--dump", dump)
	var r struct {
		System string `json:"system"`
		N      int    `json:"n"`
		Events int    `json:"events"`
		Full   *struct {
			Ms             float64 `json:"ms"`
			DossiersPerSec float64 `json:"dossiersPerSec"`
			BytesUp        int64   `json:"bytesUp"`
			BytesDown      int64   `json:"bytesDown"`
			BytesTotal     int64   `json:"bytesTotal"`
		} `json:"full"`
		Incremental100 *struct {
			Ms    float64 `json:"ms"`
			Bytes int64   `json:"bytes"`
		} `json:"incremental100"`
		Noop *struct {
			Ms    float64 `json:"ms"`
			Bytes int64   `json:"bytes"`
		} `json:"noop"`
		PeakRssMB *struct {
			District float64 `json:"district"`
			Commune  float64 `json:"commune"`
		} `json:"peakRssMB"`
		LoadMs *float64 `json:"loadMs"`
		Verify struct {
			Match            bool `json:"match"`
			IncrementalAdded int  `json:"incrementalAdded"`
		} `json:"verify"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if r.System != "hoso" || r.N != 50 || r.Events < 150 || r.Full == nil || r.Incremental100 == nil || r.Noop == nil || r.PeakRssMB == nil || r.LoadMs == nil {
		t.Fatalf("fields missing:\n%s", out)
	}
	if r.Full.DossiersPerSec <= 0 || r.Full.BytesTotal <= 0 || r.Full.BytesUp+r.Full.BytesDown != r.Full.BytesTotal {
		t.Fatalf("full sync figures: %+v", *r.Full)
	}
	if !r.Verify.Match {
		t.Fatalf("the district does not hold the commune's events:\n%s", out)
	}
	// 100 changed dossiers of 50: step 1, all 50 change once.
	if r.Verify.IncrementalAdded != 50 || r.Incremental100.Bytes <= 0 {
		t.Fatalf("incremental: added %d, %d bytes", r.Verify.IncrementalAdded, r.Incremental100.Bytes)
	}
	if r.PeakRssMB.District <= 0 || r.PeakRssMB.Commune <= 0 {
		t.Fatalf("peak RSS: %+v", *r.PeakRssMB)
	}
}
