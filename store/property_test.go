package store

import (
	"bytes"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"testing"
)

var schedules = flag.Int("schedules", 0, "random delivery schedules in the property test (default 300, or $HOSO_SCHEDULES)")

func scheduleCount() int {
	if *schedules > 0 {
		return *schedules
	}
	if n, err := strconv.Atoi(os.Getenv("HOSO_SCHEDULES")); err == nil && n > 0 {
		return n
	}
	return 300
}

// history builds events from three devices of two communes and a district
// about a few dossiers, with transfers that widen audiences.
func history(t testing.TB) []*Event {
	t.Helper()
	var out []*Event
	for dev, seed := range []byte{1, 2, 3} {
		s, err := Open(Options{InMemory: true, Signer: testKey(seed), Now: fixedClock(epoch), memTableSize: 4 << 20})
		if err != nil {
			t.Fatal(err)
		}
		office := []string{"38001", "38002", "380"}[dev]
		for i := 0; i < 12; i++ {
			subj := fmt.Sprintf("d/%d", i%4)
			var audience []string
			if i%5 == 3 {
				audience = []string{"38002"} // a liên thông transfer
			}
			e, err := s.Append(Draft{Actor: "u", Owner: office, Audience: audience, Kind: fmt.Sprintf("k%d", i), Subject: subj, Body: []byte(`{}`)})
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, e)
		}
		s.Close()
	}
	return out
}

// snapshot is everything that must be identical on every node holding the
// same events.
func snapshot(t testing.TB, s *Store) string {
	t.Helper()
	var b bytes.Buffer
	for _, o := range s.Vector().Origins() {
		fmt.Fprintf(&b, "v %x %d\n", o[:4], s.Vector()[o])
	}
	for i := 0; i < 4; i++ {
		st, err := s.State("chain", fmt.Sprintf("d/%d", i))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "s %d %x\n", i, st)
	}
	for _, idx := range []string{"count", "kind"} {
		hits, err := s.Scan("chain", idx, ScanOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range hits {
			fmt.Fprintf(&b, "i %s %x %s\n", idx, h.Key, h.Subject)
		}
	}
	for i := 0; i < 4; i++ {
		aud, err := s.Audience(fmt.Sprintf("d/%d", i))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "a %d %v\n", i, aud)
	}
	return b.String()
}

func TestPropertyAnyOrderSameState(t *testing.T) {
	evs := history(t)
	ref, err := Open(Options{InMemory: true, Projections: []Projection{chainProjection{}}, memTableSize: 4 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	sorted := slices.Clone(evs)
	slices.SortFunc(sorted, func(a, b *Event) int { return a.Pos().Compare(b.Pos()) })
	if _, err := ref.Ingest(sorted); err != nil {
		t.Fatal(err)
	}
	want := snapshot(t, ref)

	n := scheduleCount()
	for i := 0; i < n; i++ {
		rng := rand.New(rand.NewPCG(uint64(i), 99))
		// A schedule: every event at least once, some twice, in random
		// order, cut into random batches.
		var deliveries []*Event
		for _, e := range evs {
			deliveries = append(deliveries, e)
			if rng.IntN(4) == 0 {
				deliveries = append(deliveries, e)
			}
		}
		rng.Shuffle(len(deliveries), func(a, b int) { deliveries[a], deliveries[b] = deliveries[b], deliveries[a] })
		s, err := Open(Options{InMemory: true, Projections: []Projection{chainProjection{}}, memTableSize: 4 << 20})
		if err != nil {
			t.Fatal(err)
		}
		for len(deliveries) > 0 {
			k := 1 + rng.IntN(min(8, len(deliveries)))
			if _, err := s.Ingest(deliveries[:k]); err != nil {
				t.Fatalf("schedule %d: %v", i, err)
			}
			deliveries = deliveries[k:]
		}
		got := snapshot(t, s)
		s.Close()
		if got != want {
			t.Fatalf("schedule %d diverged:\n got:\n%s\nwant:\n%s", i, got, want)
		}
	}
	t.Logf("%d schedules, identical state", n)
}

func TestLargeIngestIsSplitWhenTooBigForOneTransaction(t *testing.T) {
	src, err := Open(Options{InMemory: true, Signer: testKey(1), memTableSize: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	var drafts []Draft
	for i := 0; i < 3000; i++ {
		d := draft(fmt.Sprintf("d/%d", i), "k", "38001")
		d.Body = bytes.Repeat([]byte("x"), 100)
		drafts = append(drafts, d)
	}
	var evs []*Event
	for len(drafts) > 0 {
		k := min(100, len(drafts))
		batch, err := src.AppendBatch(drafts[:k])
		if err != nil {
			t.Fatal(err)
		}
		evs = append(evs, batch...)
		drafts = drafts[k:]
	}
	dst, err := Open(Options{InMemory: true, Projections: []Projection{chainProjection{}}, memTableSize: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	res, err := dst.Ingest(evs)
	if err != nil || res.Added != 3000 {
		t.Fatalf("ingest: %+v %v", res, err)
	}
	if v := dst.Vector()[src.Self()]; v != 3000 {
		t.Fatalf("vector %d", v)
	}
	// The store remembers what fitted: the next large batch is split
	// before it is tried, and each part still commits whole.
	if dst.fit <= 0 || dst.fit > 1500 {
		t.Fatalf("after a split ingest fit is %d", dst.fit)
	}
	if res, err := dst.Ingest(evs); err != nil || res.Duplicates != 3000 || res.Added != 0 {
		t.Fatalf("ingest again: %+v %v", res, err)
	}
	// A local batch too big for one transaction is refused whole.
	big := make([]Draft, 3000)
	for i := range big {
		big[i] = draft("d/big", "k", "38001")
		big[i].Body = bytes.Repeat([]byte("y"), 100)
	}
	if _, err := src.AppendBatch(big); err == nil {
		t.Fatal("an oversized local batch was accepted")
	}
	if v := src.Vector()[src.Self()]; v != 3000 {
		t.Fatalf("a refused batch moved the vector to %d", v)
	}
	if e, err := src.Append(draft("d/after", "k", "38001")); err != nil || e.Seq != 3001 {
		t.Fatalf("after a refused batch: %v %v", e, err)
	}
}
