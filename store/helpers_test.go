package store

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"strings"
	"testing"
	"time"
)

// chainProjection folds a subject into a hash chain of its event IDs: any
// difference in the set or the order of events changes the state, so it
// catches a store that folds out of order or forgets a re-fold.
type chainProjection struct{}

func (chainProjection) Name() string              { return "chain" }
func (chainProjection) Wants(subject string) bool { return strings.HasPrefix(subject, "d/") }

func (chainProjection) Fold(subject string, state []byte, events []*Event) (Folded, error) {
	var h [32]byte
	var n uint64
	if state != nil {
		copy(h[:], state[:32])
		n = binary.BigEndian.Uint64(state[32:])
	}
	last := ""
	for _, e := range events {
		id := e.ID()
		h = sha256.Sum256(append(h[:], id[:]...))
		n++
		last = e.Kind
	}
	out := append(h[:], binary.BigEndian.AppendUint64(nil, n)...)
	idx := []IndexEntry{{Index: "count", Key: binary.BigEndian.AppendUint64(nil, n)}}
	if last != "" {
		idx = append(idx, IndexEntry{Index: "kind", Key: []byte(last)})
	} else if state != nil {
		// Keep the previous kind entry: it is part of the state's index.
		idx = append(idx, IndexEntry{Index: "kind", Key: state[40:]})
	}
	return Folded{State: append(out, last...), Index: idx}, nil
}

// testKey returns a deterministic signing key.
func testKey(seed byte) ed25519.PrivateKey {
	var s [32]byte
	for i := range s {
		s[i] = seed
	}
	return ed25519.NewKeyFromSeed(s[:])
}

// fixedClock returns a clock that advances one millisecond per reading.
func fixedClock(start time.Time) func() time.Time {
	t := start
	return func() time.Time { t = t.Add(time.Millisecond); return t }
}

var epoch = time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)

// openTest opens a store in a temporary folder.
func openTest(t testing.TB, seed byte, dir string) *Store {
	t.Helper()
	if dir == "" {
		dir = t.TempDir()
	}
	var key ed25519.PrivateKey
	if seed != 0 {
		key = testKey(seed)
	}
	s, err := Open(Options{Dir: dir, Signer: key, Projections: []Projection{chainProjection{}}, Now: fixedClock(epoch)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func draft(subject, kind, owner string, audience ...string) Draft {
	return Draft{Actor: "u1", Owner: owner, Audience: audience, Kind: kind, Subject: subject, Body: []byte(`{"n":1}`)}
}
