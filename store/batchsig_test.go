package store

import (
	"errors"
	"slices"
	"testing"
)

// sealedBatch writes n events at a fresh store and returns them, decoded
// as a receiver would, with the store's seal over them.
func sealedBatch(t *testing.T, seed byte, n int) ([]*Event, BatchSig) {
	t.Helper()
	src := openTest(t, seed, "")
	var drafts []Draft
	for i := range n {
		drafts = append(drafts, draft("d/"+string(rune('a'+i)), "dossier.step", "38001"))
	}
	written, err := src.AppendBatch(drafts)
	if err != nil {
		t.Fatal(err)
	}
	seal, ok := src.SignBatch(written)
	if !ok {
		t.Fatal("no seal over the store's own events")
	}
	return redecode(t, written), seal
}

// redecode returns fresh copies of events, as received from the wire.
func redecode(t *testing.T, events []*Event) []*Event {
	t.Helper()
	out := make([]*Event, len(events))
	for i, e := range events {
		d, err := DecodeEvent(e.Raw())
		if err != nil {
			t.Fatal(err)
		}
		out[i] = d
	}
	return out
}

func TestBatchSigVerifies(t *testing.T) {
	events, seal := sealedBatch(t, 1, 5)
	if err := VerifyBatchSigs(events, []BatchSig{seal}); err != nil {
		t.Fatal(err)
	}
	for _, e := range events {
		if !e.verified {
			t.Fatalf("seq %d not marked verified", e.Seq)
		}
	}
	dst := openTest(t, 2, "")
	res, err := dst.Ingest(events)
	if err != nil || res.Added != 5 {
		t.Fatalf("ingest of a sealed batch: %+v, %v", res, err)
	}
}

func TestBatchSigRefusals(t *testing.T) {
	other, _ := sealedBatch(t, 3, 1)
	cases := []struct {
		name   string
		change func(events []*Event, seals []BatchSig) ([]*Event, []BatchSig)
	}{
		{"an event missing", func(ev []*Event, s []BatchSig) ([]*Event, []BatchSig) { return ev[1:], s }},
		{"events reordered", func(ev []*Event, s []BatchSig) ([]*Event, []BatchSig) {
			ev[0], ev[1] = ev[1], ev[0]
			return ev, s
		}},
		{"an event's signature altered", func(ev []*Event, s []BatchSig) ([]*Event, []BatchSig) {
			raw := slices.Clone(ev[2].Raw())
			raw[len(raw)-1] ^= 1
			d, err := DecodeEvent(raw)
			if err != nil {
				panic(err)
			}
			ev[2] = d
			return ev, s
		}},
		{"the seal's signature altered", func(ev []*Event, s []BatchSig) ([]*Event, []BatchSig) {
			s[0].Sig[0] ^= 1
			return ev, s
		}},
		{"a seal claiming another origin", func(ev []*Event, s []BatchSig) ([]*Event, []BatchSig) {
			s[0].Origin = other[0].Origin
			return append(ev, other...), s
		}},
		{"two seals for one origin", func(ev []*Event, s []BatchSig) ([]*Event, []BatchSig) { return ev, append(s, s[0]) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			events, seal := sealedBatch(t, 1, 5)
			ev, seals := c.change(events, []BatchSig{seal})
			if err := VerifyBatchSigs(ev, seals); !errors.Is(err, ErrBadBatchSig) {
				t.Fatalf("got %v, want ErrBadBatchSig", err)
			}
		})
	}
}

// An event of another origin in a sealed batch is not covered by the seal:
// Ingest still checks its signature.
func TestBatchSigCoversOnlyItsOrigin(t *testing.T) {
	events, seal := sealedBatch(t, 1, 3)
	foreign, _ := sealedBatch(t, 3, 1)
	raw := slices.Clone(foreign[0].Raw())
	raw[len(raw)-1] ^= 1
	forged, err := DecodeEvent(raw)
	if err != nil {
		t.Fatal(err)
	}
	batch := append(events, forged)
	if err := VerifyBatchSigs(batch, []BatchSig{seal}); err != nil {
		t.Fatal(err)
	}
	if forged.verified {
		t.Fatal("the seal marked another origin's event verified")
	}
	dst := openTest(t, 2, "")
	if _, err := dst.Ingest(batch); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("got %v, want ErrBadSignature", err)
	}
	if n := dst.Vector().Get(events[0].Origin); n != 0 {
		t.Fatalf("part of a refused batch was kept: vector %d", n)
	}
}

// A store that does not write seals nothing; a read-only one neither.
func TestBatchSigNeedsOwnEvents(t *testing.T) {
	foreign, _ := sealedBatch(t, 3, 2)
	st := openTest(t, 1, "")
	if _, ok := st.SignBatch(foreign); ok {
		t.Error("sealed another origin's events")
	}
	ro := openTest(t, 0, "")
	if _, ok := ro.SignBatch(foreign); ok {
		t.Error("a read-only store sealed")
	}
}
