package store

import (
	"bytes"
	"fmt"
	"testing"
)

// chainV2 is chainProjection with a changed index: it also indexes the
// subject's first letter after "d/". Opening data written with version 1
// must fold every subject again.
type chainV2 struct{ chainProjection }

func (chainV2) Version() uint32 { return 2 }

func (p chainV2) Fold(subject string, state []byte, events []*Event) (Folded, error) {
	out, err := p.chainProjection.Fold(subject, state, events)
	out.Index = append(out.Index, IndexEntry{Index: "letter", Key: []byte(subject[2:3])})
	return out, err
}

func TestProjectionRebuild(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, 1, dir)
	for i := range 600 {
		if _, err := s.Append(draft(fmt.Sprintf("d/%c%d", 'a'+i%3, i%300), "k", "o")); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Append(draft("x/other", "k", "o")); err != nil {
		t.Fatal(err)
	}
	before, _ := s.State("chain", "d/a0")
	s.Close()

	s2, err := Open(Options{Dir: dir, Signer: testKey(1), Projections: []Projection{chainV2{}}, Now: fixedClock(epoch)})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	hits, err := s2.Scan("chain", "letter", ScanOptions{Prefix: []byte("b")})
	if err != nil || len(hits) != 100 {
		t.Fatalf("after the rebuild the new index has %d entries for b (%v), want 100", len(hits), err)
	}
	after, _ := s2.State("chain", "d/a0")
	if !bytes.Equal(before, after) {
		t.Error("the rebuilt state differs from the one folded event by event")
	}
	if all, _ := s2.Scan("chain", "count", ScanOptions{}); len(all) != 300 {
		t.Errorf("the rebuilt count index has %d entries, want 300", len(all))
	}
	// New events fold on top of the rebuilt state as usual.
	if _, err := s2.Append(draft("d/c999", "k", "o")); err != nil {
		t.Fatal(err)
	}
	if hits, _ := s2.Scan("chain", "letter", ScanOptions{Prefix: []byte("c")}); len(hits) != 101 {
		t.Errorf("a new subject is not indexed: %d", len(hits))
	}
	s2.Close()
	// Reopening at the same version does not rebuild: the version is
	// recorded.
	s3, err := Open(Options{Dir: dir, Signer: testKey(1), Projections: []Projection{chainV2{}}, Now: fixedClock(epoch)})
	if err != nil {
		t.Fatal(err)
	}
	defer s3.Close()
	var v []byte
	v, err = s3.metaValue("projection/chain")
	if err != nil || string(v) != "2" {
		t.Errorf("recorded version %q (%v)", v, err)
	}
}

// chainV3 is chainV2 with a big index entry per subject (4 KB, as a
// dossier's report fact and search keys add up): a batch of rebuildBatch
// subjects no longer fits in one transaction.
type chainV3 struct{ chainProjection }

func (chainV3) Version() uint32 { return 3 }

func (p chainV3) Fold(subject string, state []byte, events []*Event) (Folded, error) {
	out, err := p.chainProjection.Fold(subject, state, events)
	out.Index = append(out.Index, IndexEntry{Index: "big", Key: append(bytes.Repeat([]byte{'x'}, 4<<10), subject...)})
	return out, err
}

// TestProjectionRebuildOfBigSubjects: a rebuild whose batch is too big for
// one transaction folds it in smaller ones and completes.
func TestProjectionRebuildOfBigSubjects(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, 1, dir)
	var drafts []Draft
	for i := range rebuildBatch * 2 {
		drafts = append(drafts, draft(fmt.Sprintf("d/%c%d", 'a'+i%3, i), "k", "o"))
	}
	for start := 0; start < len(drafts); start += 100 {
		if _, err := s.AppendBatch(drafts[start:min(start+100, len(drafts))]); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	s2, err := Open(Options{Dir: dir, Signer: testKey(1), Projections: []Projection{chainV3{}}, Now: fixedClock(epoch)})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if n, err := s2.Count("chain", "big", nil, nil, nil); err != nil || n != len(drafts) {
		t.Fatalf("after the rebuild the big index has %d entries (%v), want %d", n, err, len(drafts))
	}
	if n, err := s2.Count("chain", "big", []byte("xxxx"), nil, []byte{'y'}); err != nil || n != len(drafts) {
		t.Fatalf("counted between bounds: %d (%v), want %d", n, err, len(drafts))
	}
}
