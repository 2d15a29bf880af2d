package p2p

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"hoso/store"
)

func TestBatchSizeFollowsTheLink(t *testing.T) {
	tests := []struct {
		name  string
		acked int
		after time.Duration
		want  int
	}{
		{"nothing acknowledged yet", 0, time.Second, batchBytes},
		{"a slow link keeps the small batch", 30 << 10, time.Second, batchBytes},
		{"a link at 300 KB/s gets 300 KB batches", 300 << 10, time.Second, 300 << 10},
		{"half a second for 150 KB is 300 KB/s", 150 << 10, 500 * time.Millisecond, 300 << 10},
		{"loopback is capped", 50 << 20, time.Second, maxBatchBytes},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := &outgoing{}
			if got := out.batchLimit(); got != batchBytes {
				t.Fatalf("before any acknowledgement: %d, want %d", got, batchBytes)
			}
			out.started = time.Now().Add(-tc.after)
			out.acknowledged(tc.acked)
			got := out.batchLimit()
			// The clock moved a little between started and the measure.
			if got > tc.want || got < tc.want*97/100 {
				t.Errorf("limit %d, want %d", got, tc.want)
			}
		})
	}
}

// On loopback the batches grow past batchBytes: fewer, larger transactions.
func TestSyncBatchesGrowOnAFastLink(t *testing.T) {
	pv := newProvince(t)
	link(t, pv.d, pv.a)
	const n = 3000
	body := []byte(`{"text":"` + strings.Repeat("x", 900) + `"}`)
	drafts := make([]store.Draft, 0, 250)
	raw := 0
	for i := 0; i < n; i++ {
		drafts = append(drafts, store.Draft{Actor: "u", Owner: "38001", Kind: "dossier.step", Subject: fmt.Sprintf("dossier/%d", i), Body: body})
		if len(drafts) == cap(drafts) {
			evs, err := pv.a.st.AppendBatch(drafts)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range evs {
				raw += len(e.Raw())
			}
			drafts = drafts[:0]
		}
	}
	st := pull(t, pv.d, pv.a)
	if st.Added < n {
		t.Fatalf("added %d events, want at least %d", st.Added, n)
	}
	fixed := raw / batchBytes
	if st.Batches >= fixed*2/3 {
		t.Errorf("%d batches for %d bytes; with %d KB batches it would take %d", st.Batches, raw, batchBytes>>10, fixed)
	}
	t.Logf("%d events, %d bytes: %d batches (%d at a fixed %d KB)", st.Added, raw, st.Batches, fixed, batchBytes>>10)
}
