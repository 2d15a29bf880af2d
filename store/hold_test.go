package store

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// heldDrafts are writes to a few subjects, interleaved, as a bulk writer
// makes them.
func heldDrafts(n int) []Draft {
	out := make([]Draft, n)
	for i := range out {
		out[i] = draft(fmt.Sprintf("d/%d", i%7), fmt.Sprintf("k%d", i%3), "38001")
	}
	return out
}

// K appends under a hold are one transaction, and leave the states, the
// indexes, the events and the vector exactly as K single appends do; held
// states are read at once, before the commit.
func TestHoldCommitsABatchAsOneTransaction(t *testing.T) {
	const k = 40
	single, batched := openTest(t, 1, ""), openTest(t, 1, "")
	for _, d := range heldDrafts(k) {
		if _, err := single.Append(d); err != nil {
			t.Fatal(err)
		}
	}
	release := batched.Hold(k)
	for i, d := range heldDrafts(k) {
		if _, err := batched.Append(d); err != nil {
			t.Fatal(err)
		}
		// Read back at once, as the next action of a bulk writer does.
		got, err := batched.State("chain", d.Subject)
		if err != nil {
			t.Fatalf("held state of %s after %d appends: %v", d.Subject, i+1, err)
		}
		if n := got[32:40]; n[7] == 0 && n[6] == 0 {
			t.Fatalf("held state of %s counts no event", d.Subject)
		}
	}
	if n := batched.Changes(); n != 0 {
		t.Fatalf("%d transactions committed while held", n)
	}
	if err := release(); err != nil {
		t.Fatal(err)
	}
	if n, want := batched.Changes(), uint64(1); n != want {
		t.Fatalf("%d appends under a hold made %d transactions, want %d", k, n, want)
	}
	if n := single.Changes(); n != k {
		t.Fatalf("%d single appends made %d transactions", k, n)
	}
	sameStore(t, single, batched)
}

// sameStore fails unless two stores written by the same key hold the same
// states, index entries, events and vector.
func sameStore(t *testing.T, a, b *Store) {
	t.Helper()
	for i := range 7 {
		subj := fmt.Sprintf("d/%d", i)
		sa, err1 := a.State("chain", subj)
		sb, err2 := b.State("chain", subj)
		if err1 != nil || err2 != nil || !bytes.Equal(sa, sb) {
			t.Fatalf("state of %s: %x (%v) vs %x (%v)", subj, sa, err1, sb, err2)
		}
		ea, _ := a.Events(subj)
		eb, _ := b.Events(subj)
		if len(ea) != len(eb) {
			t.Fatalf("events of %s: %d vs %d", subj, len(ea), len(eb))
		}
		for j := range ea {
			if !bytes.Equal(ea[j].raw, eb[j].raw) {
				t.Fatalf("event %d of %s differs", j, subj)
			}
		}
	}
	for _, idx := range []string{"count", "kind"} {
		ha, _ := a.Scan("chain", idx, ScanOptions{})
		hb, _ := b.Scan("chain", idx, ScanOptions{})
		if fmt.Sprint(ha) != fmt.Sprint(hb) {
			t.Fatalf("index %s: %v vs %v", idx, ha, hb)
		}
	}
	if va, vb := a.Vector(), b.Vector(); fmt.Sprint(va) != fmt.Sprint(vb) {
		t.Fatalf("vectors %v vs %v", va, vb)
	}
	la, _ := a.After(a.Self(), 0, 0)
	lb, _ := b.After(b.Self(), 0, 0)
	if len(la) != len(lb) {
		t.Fatalf("log: %d vs %d events", len(la), len(lb))
	}
}

// A hold commits every n events, before a scan, and on release; a store
// reopened after it holds everything.
func TestHoldCommitsWhenFullAndBeforeScans(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, 1, dir)
	release := s.Hold(8)
	for _, d := range heldDrafts(20) {
		if _, err := s.Append(d); err != nil {
			t.Fatal(err)
		}
	}
	// 8 and 8 committed when full; 4 still held.
	if n := s.Changes(); n != 2 {
		t.Fatalf("%d commits after 20 appends held by 8, want 2", n)
	}
	hits, err := s.Scan("chain", "kind", ScanOptions{})
	if err != nil || len(hits) != 7 {
		t.Fatalf("scan while held: %d hits, %v", len(hits), err)
	}
	if n := s.Changes(); n != 3 {
		t.Fatalf("a scan left events held (%d commits)", n)
	}
	if _, err := s.Append(draft("d/9", "k", "38001")); err != nil {
		t.Fatal(err)
	}
	if err := release(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Append(draft("d/9", "k", "38001")); err != nil {
		t.Fatal(err)
	}
	if n := s.Changes(); n != 5 {
		t.Fatalf("after release an append is its own transaction: %d commits, want 5", n)
	}
	s.Close()
	r := openTest(t, 1, dir)
	evs, err := r.After(r.Self(), 0, 0)
	if err != nil || len(evs) != 22 {
		t.Fatalf("reopened: %d events, %v", len(evs), err)
	}
	if _, err := r.Append(draft("d/1", "k", "38001")); err != nil {
		t.Fatal(err)
	}
}

// A held batch that outgrows one transaction is committed event by event,
// nothing lost, and the hold holds fewer from then on.
func TestHoldOverflowingATransaction(t *testing.T) {
	s, err := Open(Options{InMemory: true, Signer: testKey(1), Projections: []Projection{chainProjection{}}, Now: fixedClock(epoch), memTableSize: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	release := s.Hold(1000)
	body := []byte(`{"pad":"` + strings.Repeat("x", 4000) + `"}`)
	for i := range 100 {
		d := draft(fmt.Sprintf("d/%d", i%7), "k", "38001")
		d.Body = body
		if _, err := s.Append(d); err != nil {
			t.Fatal(err)
		}
	}
	// A scan commits what is held: too big for one transaction.
	if _, err := s.Scan("chain", "kind", ScanOptions{}); err != nil {
		t.Fatal(err)
	}
	if s.held.max >= 1000 {
		t.Fatalf("the hold still holds %d after overflowing", s.held.max)
	}
	if err := release(); err != nil {
		t.Fatal(err)
	}
	evs, err := s.After(s.Self(), 0, 0)
	if err != nil || len(evs) != 100 {
		t.Fatalf("%d events stored, %v", len(evs), err)
	}
}
