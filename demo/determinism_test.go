package demo

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"hoso/store"
)

// randomID is an id in an event body that differs between two runs: a
// liên thông task's (the id of the event that opened it, which holds its
// actor's id, drawn at random when the account is made) and a scanned
// file's (the hash of a PDF stamped with its making).
var randomID = regexp.MustCompile(`"(task|id)":"[0-9a-f]{64}"`)

// The same seed makes the same dossiers, step by step, whether the year's
// writes commit one by one or held in batches (Options.Hold): a batch
// changes when the store commits, never what the services decide. (Only
// random ids differ between two runs.)
func TestSameSeedSameEventsHeldOrNot(t *testing.T) {
	run := func(hold int) []*store.Event {
		clock := NewClock(time.Date(2025, 11, 27, 0, 0, 0, 0, time.UTC))
		svcs, st := newServices(t, clock)
		opts := Options{Services: svcs, Clock: clock, Dossiers: 60, Seed: 11, Communes: 4, DesksPerCommune: 2}
		if hold > 0 {
			opts.Hold = func() func() error { return st.Hold(hold) }
		}
		rep, err := Run(opts)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Skipped != 0 {
			t.Fatalf("dropped steps: %v", rep.Dropped)
		}
		all, err := st.After(st.Self(), 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		var out []*store.Event
		for _, e := range all {
			if strings.HasPrefix(e.Subject, "dossier/") {
				out = append(out, e)
			}
		}
		return out
	}
	one, held := run(0), run(16)
	if len(one) < 300 || len(one) != len(held) {
		t.Fatalf("%d dossier events one by one, %d held", len(one), len(held))
	}
	for i := range one {
		a, b := one[i], held[i]
		ab, bb := randomID.ReplaceAllString(string(a.Body), "id"), randomID.ReplaceAllString(string(b.Body), "id")
		if a.Kind != b.Kind || a.Subject != b.Subject || a.HLC != b.HLC || ab != bb {
			t.Fatalf("event %d: %s %s %s vs %s %s %s", i, a.Kind, a.Subject, a.Body, b.Kind, b.Subject, b.Body)
		}
	}
}
