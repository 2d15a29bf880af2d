package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"
)

func TestAppendAssignsGaplessSequencesAndFolds(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, 1, dir)
	for i := 0; i < 5; i++ {
		e, err := s.Append(draft("d/1", "k", "38001"))
		if err != nil {
			t.Fatal(err)
		}
		if e.Seq != uint64(i+1) {
			t.Fatalf("event %d got seq %d", i, e.Seq)
		}
	}
	evs, err := s.AppendBatch([]Draft{draft("d/2", "a", "38002"), draft("d/2", "b", "38002")})
	if err != nil || evs[0].Seq != 6 || evs[1].Seq != 7 || evs[0].HLC >= evs[1].HLC {
		t.Fatalf("batch: %v %v", evs, err)
	}
	if v := s.Vector()[s.Self()]; v != 7 {
		t.Fatalf("vector[self] = %d, want 7", v)
	}
	hits, err := s.Scan("chain", "kind", ScanOptions{Prefix: []byte("b")})
	if err != nil || len(hits) != 1 || hits[0].Subject != "d/2" {
		t.Fatalf("scan kind b: %v %v", hits, err)
	}
	hits, _ = s.Scan("chain", "count", ScanOptions{})
	if len(hits) != 2 || binary.BigEndian.Uint64(hits[1].Key) != 5 {
		t.Fatalf("count index: %v", hits)
	}
	// Reopen: the sequence continues, nothing is reused.
	s.Close()
	s = openTest(t, 1, dir)
	e, err := s.Append(draft("d/1", "k", "38001"))
	if err != nil || e.Seq != 8 {
		t.Fatalf("after reopen seq %v, %v; want 8", e, err)
	}
	if _, err := openTestNoSigner(t, dir+"-ro").Append(draft("d/1", "k", "1")); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("append without signer: %v", err)
	}
}

func openTestNoSigner(t *testing.T, dir string) *Store {
	s, err := Open(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestAppendRefusesBadDrafts(t *testing.T) {
	s := openTest(t, 1, "")
	for name, d := range map[string]Draft{
		"no owner":      {Kind: "k", Subject: "d/1"},
		"no kind":       {Owner: "1", Subject: "d/1"},
		"no subject":    {Owner: "1", Kind: "k"},
		"zero byte":     {Owner: "1", Kind: "k", Subject: "d/\x001"},
		"bad utf8":      {Owner: "1", Kind: "k", Subject: "d/\xff"},
		"huge body":     {Owner: "1", Kind: "k", Subject: "d/1", Body: make([]byte, MaxBodyLen+1)},
		"long subject":  {Owner: "1", Kind: "k", Subject: string(bytes.Repeat([]byte("x"), MaxSubjectLen+1))},
		"empty partner": {Owner: "1", Kind: "k", Subject: "d/1", Audience: []string{""}},
	} {
		if _, err := s.Append(d); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: got %v, want ErrInvalid", name, err)
		}
	}
	if v := s.Vector()[s.Self()]; v != 0 {
		t.Fatalf("a refused draft advanced the vector to %d", v)
	}
}

func TestIngestIsIdempotentOrderFreeAndAdvancesTheVector(t *testing.T) {
	src := openTest(t, 1, "")
	var evs []*Event
	for i := 0; i < 6; i++ {
		e, err := src.Append(draft("d/1", "k", "38001"))
		if err != nil {
			t.Fatal(err)
		}
		evs = append(evs, e)
	}
	dst := openTest(t, 2, "")
	o := src.Self()
	// 4 and 6 first: the vector stays at 0 (1 is missing).
	if _, err := dst.Ingest([]*Event{evs[3], evs[5]}); err != nil {
		t.Fatal(err)
	}
	if v := dst.Vector()[o]; v != 0 {
		t.Fatalf("vector %d, want 0", v)
	}
	res, err := dst.Ingest([]*Event{evs[0], evs[1], evs[2], evs[3]})
	if err != nil || res.Added != 3 || res.Duplicates != 1 {
		t.Fatalf("ingest: %+v %v", res, err)
	}
	if v := dst.Vector()[o]; v != 4 {
		t.Fatalf("vector %d, want 4 (5 is missing)", v)
	}
	if _, err := dst.Ingest([]*Event{evs[4], evs[4]}); err != nil {
		t.Fatal(err)
	}
	if v := dst.Vector()[o]; v != 6 {
		t.Fatalf("vector %d, want 6", v)
	}
	a, _ := src.State("chain", "d/1")
	b, _ := dst.State("chain", "d/1")
	if !bytes.Equal(a, b) {
		t.Fatal("same events, different projections")
	}
	// The same batch again changes nothing.
	res, err = dst.Ingest(evs)
	if err != nil || res.Added != 0 || res.Duplicates != 6 {
		t.Fatalf("re-ingest: %+v %v", res, err)
	}
}

func TestIngestRefusesTamperingAndEquivocation(t *testing.T) {
	src := openTest(t, 1, "")
	e, _ := src.Append(draft("d/1", "k", "38001"))
	dst := openTest(t, 2, "")

	raw := bytes.Clone(e.Raw())
	raw[len(raw)-70] ^= 1 // inside the body
	bad, err := DecodeEvent(raw)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := dst.Ingest([]*Event{bad}); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("tampered event: got %v, want ErrBadSignature", err)
	}
	// A validly signed second event with the same sequence is refused.
	twin := &Event{Origin: e.Origin, Seq: e.Seq, HLC: e.HLC + 1, Owner: "38001", Kind: "k", Subject: "d/1"}
	sign(twin, testKey(1))
	if _, err := dst.Ingest([]*Event{e, twin}); !errors.Is(err, ErrEquivocation) {
		t.Fatalf("equivocation in one batch: %v", err)
	}
	if _, err := dst.Ingest([]*Event{e}); err != nil {
		t.Fatal(err)
	}
	if _, err := dst.Ingest([]*Event{twin}); !errors.Is(err, ErrEquivocation) {
		t.Fatalf("equivocation across batches: %v", err)
	}
	if v := dst.Vector()[e.Origin]; v != 1 {
		t.Fatalf("vector %d, want 1", v)
	}
}

func TestStoredTamperingIsDetected(t *testing.T) {
	s := openTest(t, 1, "")
	e, _ := s.Append(draft("d/1", "k", "38001"))
	raw := bytes.Clone(e.Raw())
	raw[60] ^= 0x20
	if err := s.db.Update(func(txn *badger.Txn) error {
		return txn.Set(chunkKey(e.Origin, e.Seq), encodeChunk([]uint64{e.Seq}, [][]byte{raw}))
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Events("d/1"); !errors.Is(err, ErrTampered) {
		t.Fatalf("Events on a tampered record: %v, want ErrTampered", err)
	}
	if _, err := s.ExportSubject("d/1"); !errors.Is(err, ErrTampered) {
		t.Fatalf("export of a tampered record: %v", err)
	}
}

func TestAudienceFollowsTransfers(t *testing.T) {
	a := openTest(t, 1, "") // commune 38001
	b := openTest(t, 2, "") // commune 38002
	a1, _ := a.Append(draft("d/a1", "received", "38001"))
	b1, _ := b.Append(draft("d/b1", "received", "38002"))
	hub := openTest(t, 3, "")
	if _, err := hub.Ingest([]*Event{a1, b1}); err != nil {
		t.Fatal(err)
	}
	audience := func(subject string) []string {
		t.Helper()
		got, err := hub.Audience(subject)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got := audience("d/a1"); !slices.Equal(got, []string{"38001"}) {
		t.Fatalf("d/a1 addressed to %v", got)
	}
	// a1 is transferred (liên thông) to 38002: the subject, its receipt
	// included, is now addressed to both.
	tr, _ := a.Append(draft("d/a1", "transferred", "38001", "38002"))
	if _, err := hub.Ingest([]*Event{tr}); err != nil {
		t.Fatal(err)
	}
	if got := audience("d/a1"); !slices.Equal(got, []string{"38001", "38002"}) {
		t.Fatalf("after the transfer d/a1 is addressed to %v", got)
	}
	// A later event written for the owner alone keeps the transfer.
	ret, _ := a.Append(draft("d/a1", "returned", "38001"))
	if _, err := hub.Ingest([]*Event{ret}); err != nil {
		t.Fatal(err)
	}
	if got := audience("d/a1"); !slices.Equal(got, []string{"38001", "38002"}) {
		t.Fatalf("after the return d/a1 is addressed to %v", got)
	}
	if got := audience("d/b1"); !slices.Equal(got, []string{"38002"}) {
		t.Fatalf("d/b1 addressed to %v", got)
	}
	if got := audience("d/none"); len(got) != 0 {
		t.Fatalf("an unknown subject is addressed to %v", got)
	}
}

func TestAfter(t *testing.T) {
	s := openTest(t, 1, "")
	for i := 0; i < 10; i++ {
		s.Append(draft("d/1", "k", "38001"))
	}
	evs, err := s.After(s.Self(), 7, 0)
	if err != nil || len(evs) != 3 || evs[0].Seq != 8 {
		t.Fatalf("After 7: %d events, %v", len(evs), err)
	}
	evs, _ = s.After(s.Self(), 0, 4)
	if len(evs) != 4 || evs[3].Seq != 4 {
		t.Fatalf("After 0 limit 4: %v", evs)
	}
}

func TestEncryptionAtRest(t *testing.T) {
	dir := t.TempDir()
	key := bytes.Repeat([]byte{9}, 32)
	s, err := Open(Options{Dir: dir, EncryptionKey: key, Signer: testKey(1), Projections: []Projection{chainProjection{}}})
	if err != nil {
		t.Fatal(err)
	}
	name, id := "Nguyễn Thị Hồng Nhung", "038095001234"
	for i := 0; i < 50; i++ {
		d := draft("d/enc", "received", "38001")
		d.Body = []byte(`{"applicant":"` + name + `","citizenId":"` + id + `"}`)
		if _, err := s.Append(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	err = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.Contains(b, []byte(name)) || bytes.Contains(b, []byte(id)) {
			t.Errorf("%s holds the applicant's data in plain text", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open(Options{Dir: dir, EncryptionKey: bytes.Repeat([]byte{8}, 32)}); !errors.Is(err, ErrWrongKey) {
		t.Fatalf("wrong key: %v, want ErrWrongKey", err)
	}
	if _, err := Open(Options{Dir: dir}); !errors.Is(err, ErrWrongKey) {
		t.Fatalf("no key: %v, want ErrWrongKey", err)
	}
	s, err = Open(Options{Dir: dir, EncryptionKey: key})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	evs, err := s.Events("d/enc")
	if err != nil || len(evs) != 50 {
		t.Fatalf("after reopen: %d events, %v", len(evs), err)
	}
}

func TestExportAndBackupRestore(t *testing.T) {
	s := openTest(t, 1, "")
	for i := 0; i < 3; i++ {
		s.Append(draft("d/x", "k", "38001", "380"))
	}
	out, err := s.ExportSubject("d/x")
	if err != nil || !bytes.Contains(out, []byte(`"kind": "k"`)) || !bytes.Contains(out, []byte(s.Self().String())) {
		t.Fatalf("export: %s %v", out, err)
	}
	if _, err := s.ExportSubject("d/none"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("export unknown: %v", err)
	}
	var buf bytes.Buffer
	if err := s.Backup(&buf); err != nil {
		t.Fatal(err)
	}
	r := openTest(t, 1, "")
	if err := r.Restore(bytes.NewReader(buf.Bytes())); err != nil {
		t.Fatal(err)
	}
	if !r.Vector().Equal(s.Vector()) {
		t.Fatalf("restored vector %v, want %v", r.Vector(), s.Vector())
	}
	a, _ := s.State("chain", "d/x")
	b, _ := r.State("chain", "d/x")
	if !bytes.Equal(a, b) {
		t.Fatal("restored projection differs")
	}
	e, err := r.Append(draft("d/x", "k", "38001"))
	if err != nil || e.Seq != 4 {
		t.Fatalf("append after restore: %v %v", e, err)
	}
	if err := r.Restore(bytes.NewReader(buf.Bytes())); err == nil {
		t.Fatal("restore into a non-empty store was accepted")
	}
}

// The largest event a draft may hold commits, on disk and encrypted, and
// travels to another store: Badger's transaction limit follows its memtable
// size, which Open keeps small.
func TestLargestEventCommits(t *testing.T) {
	key := make([]byte, 32)
	open := func(seed byte) *Store {
		s, err := Open(Options{Dir: t.TempDir(), EncryptionKey: key, Signer: testKey(seed), Projections: []Projection{chainProjection{}}})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	src, dst := open(1), open(2)
	body := bytes.Repeat([]byte("x"), MaxBodyLen)
	e, err := src.Append(Draft{Actor: "u", Owner: "38001", Kind: "k", Subject: "d/big", Body: body})
	if err != nil {
		t.Fatal(err)
	}
	copyOf, err := DecodeEvent(e.Raw())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := dst.Ingest([]*Event{copyOf}); err != nil {
		t.Fatal(err)
	}
	got, err := dst.Events("d/big")
	if err != nil || len(got) != 1 || !bytes.Equal(got[0].Body, body) {
		t.Fatalf("the largest event did not come back whole: %v", err)
	}
}

// Events received out of order fill the gaps of the chunks written before
// them. Filled one by one, in one batch and in several, a chunk must not
// grow past what one value may hold: an in-memory store (the tests', the
// simulated desks') refuses a value above 64 KB, and the events must read
// back whole and in order.
func TestGapFillsSplitAGrowingChunk(t *testing.T) {
	src := openTest(t, 1, "")
	body := []byte(`{"pad":"` + strings.Repeat("x", 3000) + `"}`)
	var evs []*Event
	for i := 0; i < 80; i++ {
		d := draft(fmt.Sprintf("d/%d", i), "k", "38001")
		if i > 0 && i < 79 {
			d.Body = body // the first and the last are small: one chunk
		}
		e, err := src.Append(d)
		if err != nil {
			t.Fatal(err)
		}
		evs = append(evs, e)
	}
	for _, batches := range [][]int{{1}, {40}, {7, 13}} {
		t.Run(fmt.Sprint(batches), func(t *testing.T) {
			dst, err := Open(Options{InMemory: true, Signer: testKey(2), Projections: []Projection{chainProjection{}}, Now: fixedClock(epoch)})
			if err != nil {
				t.Fatal(err)
			}
			defer dst.Close()
			// The first and the last, small: one chunk spanning the
			// whole range, which the large events between then fill.
			if _, err := dst.Ingest([]*Event{evs[0], evs[len(evs)-1]}); err != nil {
				t.Fatal(err)
			}
			gaps := evs[1 : len(evs)-1]
			for i := 0; len(gaps) > 0; i++ {
				n := min(len(gaps), batches[i%len(batches)])
				if _, err := dst.Ingest(gaps[:n]); err != nil {
					t.Fatalf("filling the gaps: %v", err)
				}
				gaps = gaps[n:]
			}
			got, err := dst.After(src.Self(), 0, 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(evs) {
				t.Fatalf("%d events read back, want %d", len(got), len(evs))
			}
			for i, e := range got {
				if e.Seq != evs[i].Seq || !bytes.Equal(e.Raw(), evs[i].Raw()) {
					t.Fatalf("event %d: seq %d, want %d", i, e.Seq, evs[i].Seq)
				}
			}
			if v := dst.Vector()[src.Self()]; v != uint64(len(evs)) {
				t.Fatalf("vector %d, want %d", v, len(evs))
			}
		})
	}
}
