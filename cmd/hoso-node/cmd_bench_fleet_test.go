package main

import (
	"encoding/json"
	"testing"
)

// TestBenchFleetSmoke runs bench fleet with 50 desks over a short
// compressed day (the real serve as the hub, this test binary as hoso-node
// and as its two workers) and checks correctness only: every event the
// desks wrote reaches the hub, none twice, no desk starved.
func TestBenchFleetSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a hub and two worker processes with 50 libp2p hosts")
	}
	out := cli(t, "bench", "fleet", "--desks", "50", "--minutes", "0.12", "--intervals", "8", "--workers", "2", "--dossiers", "4", "--offline-share", "0.1")
	var r struct {
		Desks        int `json:"desks"`
		Events       int `json:"events"`
		EventsAtHub  int `json:"eventsAtHub"`
		Duplicates   int `json:"duplicates"`
		StarvedDesks int `json:"starvedDesks"`
		OfflineDesks int `json:"offlineDesks"`
		USBDesks     int `json:"usbDesks"`
		Syncs        int `json:"syncs"`
		Hub          *struct {
			PeakRssMB   float64 `json:"peakRssMB"`
			Connections int     `json:"connections"`
		} `json:"hub"`
		DeskSync *struct {
			P50 *float64 `json:"p50ms"`
			P99 *float64 `json:"p99ms"`
		} `json:"deskSync"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if r.Desks != 50 || r.Events == 0 || r.Hub == nil || r.DeskSync == nil || r.DeskSync.P99 == nil {
		t.Fatalf("incomplete result: %s", out)
	}
	if r.EventsAtHub != r.Events || r.Duplicates != 0 || r.StarvedDesks != 0 {
		t.Fatalf("events %d, at the hub %d, duplicates %d, starved desks %d, want all, 0, 0: %s", r.Events, r.EventsAtHub, r.Duplicates, r.StarvedDesks, out)
	}
	if r.USBDesks == 0 || r.OfflineDesks == 0 || r.Syncs == 0 {
		t.Fatalf("want USB desks, offline desks and syncs: %s", out)
	}
}
