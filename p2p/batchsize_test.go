package p2p

import (
	"fmt"
	"strings"
	"testing"

	"hoso/p2p/syncproto"
	"hoso/store"
)

// On loopback the batches grow past syncproto.BatchBytes: fewer, larger transactions.
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
	fixed := raw / syncproto.BatchBytes
	if st.Batches >= fixed*2/3 {
		t.Errorf("%d batches for %d bytes; with %d KB batches it would take %d", st.Batches, raw, syncproto.BatchBytes>>10, fixed)
	}
	t.Logf("%d events, %d bytes: %d batches (%d at a fixed %d KB)", st.Added, raw, st.Batches, fixed, syncproto.BatchBytes>>10)
}
