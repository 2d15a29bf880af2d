package syncproto

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"hoso/store"
	"hoso/trust"
)

// A pull moves what the client lacks; the next one, with nothing new,
// costs one round trip and a few hundred bytes.
func TestPullThenNothingNew(t *testing.T) {
	t.Parallel()
	pv := newTestProvince(t)
	pv.a.write(t, 5, "dossier/A1", "38001")
	pv.a.write(t, 2, "dossier/A2", "38001")

	st, err, sst, serr := exchange(t, pv.d, pv.a, nil)
	if err != nil || serr != nil {
		t.Fatalf("pull: %v; serve: %v", err, serr)
	}
	if st.UpToDate || st.Added != 7 || st.Events != 7 || st.Batches != 1 || sst.Events != 7 {
		t.Fatalf("pull %+v, serve %+v; want 7 events in one batch", st, sst)
	}
	if pv.d.count(t, "dossier/A1") != 5 || pv.d.count(t, "dossier/A2") != 2 {
		t.Fatal("the district does not hold what it pulled")
	}
	if pv.d.notified == 0 {
		t.Error("the node was not told of the events added")
	}
	// The client's token is the server's write count: nothing new.
	st, err, _, serr = exchange(t, pv.d, pv.a, nil)
	if err != nil || serr != nil {
		t.Fatalf("second pull: %v; serve: %v", err, serr)
	}
	if !st.UpToDate || st.Batches != 0 || st.Events != 0 {
		t.Fatalf("second pull %+v, want nothing", st)
	}
	// One hello each way, no chain: a few dozen bytes.
	if st.BytesOut > 64 || st.BytesIn > 64 {
		t.Errorf("a no-op pull cost %d bytes out and %d in", st.BytesOut, st.BytesIn)
	}
	// A write since: the next pull brings it alone.
	pv.a.write(t, 1, "dossier/A1", "38001")
	st, err, _, _ = exchange(t, pv.d, pv.a, nil)
	if err != nil || st.Added != 1 || st.Events != 1 {
		t.Fatalf("third pull %+v %v, want the one new event", st, err)
	}
}

// A peer whose chain does not verify, or is not its own, is refused with
// CodeUntrusted and nothing moves.
func TestUntrustedPeerRefused(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		// setup returns the client and the server, the stranger among
		// them.
		setup func(pv *testProvince) (client, server *testNode)
		// clientRefused: the server refuses the client, else the client
		// refuses the server.
		clientRefused bool
	}{
		{"a client from another province", func(pv *testProvince) (*testNode, *testNode) {
			stranger := newTestProvince(t).a
			// Recorded here too: a recorded chain must still verify.
			pv.book.m[stranger.origin()] = stranger.chain
			stranger.write(t, 1, "dossier/X1", "38001")
			return stranger, pv.a
		}, true},
		{"a server showing another device's chain", func(pv *testProvince) (*testNode, *testNode) {
			pv.b.chain = pv.a.chain
			pv.b.write(t, 1, "dossier/X1", "38002")
			return pv.d, pv.b
		}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			pv := newTestProvince(t)
			client, server := tc.setup(pv)
			before := client.count(t, "dossier/X1")
			_, err, _, serr := exchange(t, client, server, nil)
			var r *Refusal
			if tc.clientRefused {
				if !errors.As(err, &r) || r.Fail.Code != CodeUntrusted {
					t.Errorf("the client got %v, want a refusal %q", err, CodeUntrusted)
				}
				if !errors.Is(serr, trust.ErrInvalid) && !errors.Is(serr, trust.ErrUntrusted) {
					t.Errorf("the server says %v", serr)
				}
			} else if !errors.Is(err, trust.ErrUntrusted) || serr == nil {
				t.Errorf("the client says %v (the server %v), want the server untrusted", err, serr)
			}
			if n := client.count(t, "dossier/X1"); n != before {
				t.Errorf("the client holds %d events of dossier/X1, had %d", n, before)
			}
		})
	}
}

// What the client's office may not see is never sent: a sibling commune's
// own dossier stays at the district; a dossier transferred to the client
// comes with its whole history, reference data from above comes too.
func TestPullSendsTheScopeOnly(t *testing.T) {
	t.Parallel()
	pv := newTestProvince(t)
	pv.b.write(t, 3, "dossier/B1", "38002")
	pv.b.write(t, 2, "dossier/T1", "38002")
	pv.b.write(t, 1, "dossier/T1", "38002", "38001") // transferred to commune A
	pv.p.write(t, 1, "office/38001", "38")
	for _, from := range []*testNode{pv.b, pv.p} {
		if _, err, _, serr := exchange(t, pv.d, from, nil); err != nil || serr != nil {
			t.Fatalf("the district pulls from %s: %v %v", from.name, err, serr)
		}
	}
	if pv.d.count(t, "dossier/B1") != 3 || pv.d.count(t, "office/38001") != 1 {
		t.Fatal("the district lacks what it should hold")
	}
	st, err, _, serr := exchange(t, pv.a, pv.d, nil)
	if err != nil || serr != nil {
		t.Fatalf("commune A pulls: %v %v", err, serr)
	}
	tests := []struct {
		subject string
		want    int
	}{
		{"dossier/B1", 0},   // commune B's own
		{"dossier/T1", 3},   // transferred: its whole history
		{"office/38001", 1}, // reference data of the province
	}
	for _, tc := range tests {
		if got := pv.a.count(t, tc.subject); got != tc.want {
			t.Errorf("commune A holds %d events of %s, want %d", got, tc.subject, tc.want)
		}
	}
	if st.Added != 4 {
		t.Errorf("commune A added %d events, want 4", st.Added)
	}
}

// A link dropped in the middle of a pull keeps the batches committed; the
// next pull resumes after them, sending none of them again.
func TestDroppedPullResumes(t *testing.T) {
	t.Parallel()
	pv := newTestProvince(t)
	const n = 3000
	body := []byte(`{"text":"` + strings.Repeat("x", 400) + `"}`)
	drafts := make([]store.Draft, 0, 250)
	for i := range n {
		drafts = append(drafts, store.Draft{Actor: "u", Owner: "38001", Kind: "dossier.step", Subject: fmt.Sprintf("dossier/%d", i%50), Body: body})
		if len(drafts) == cap(drafts) {
			if _, err := pv.a.st.AppendBatch(drafts); err != nil {
				t.Fatal(err)
			}
			drafts = drafts[:0]
		}
	}
	// The client's writes are its hello, its marks, then one per
	// acknowledgement: the link drops as the second is sent.
	writes := 0
	drop := func(s *socket) {
		s.onWrite = func(s *socket, _ []byte) {
			if writes++; writes == 4 {
				s.drop()
			}
		}
	}
	first, err, _, serr := exchange(t, pv.d, pv.a, drop)
	if err == nil || serr == nil {
		t.Fatalf("a dropped pull succeeded: %v, %v", err, serr)
	}
	if first.Batches != 2 || first.Added == 0 || first.Added >= n {
		t.Fatalf("the dropped pull committed %+v, want two batches", first)
	}
	second, err, _, serr := exchange(t, pv.d, pv.a, nil)
	if err != nil || serr != nil {
		t.Fatalf("the pull after the drop: %v %v", err, serr)
	}
	if first.Added+second.Added != n || second.Events != second.Added {
		t.Errorf("added %d then %d of %d events, %d received again", first.Added, second.Added, n, second.Events-second.Added)
	}
}
