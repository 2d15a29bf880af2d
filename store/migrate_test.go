package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/dgraph-io/badger/v4"
)

// toV3Log puts the log back in its schema 3 layout, one entry per event
// (0x02 | origin | seq → event), as a database written before chunks.
func toV3Log(t *testing.T, s *Store) {
	t.Helper()
	wb := s.db.NewWriteBatch()
	defer wb.Cancel()
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{prefixChunk}})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			k := it.Item().KeyCopy(nil)
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			c, err := decodeChunk(v, binary.BigEndian.Uint64(k[1+OriginLen:]))
			if err != nil {
				return err
			}
			for i := range c.seqs {
				seq, raw := c.eventAt(i)
				old := binary.BigEndian.AppendUint64(append([]byte{prefixEventV3}, k[1:1+OriginLen]...), seq)
				if err := wb.Set(old, bytes.Clone(raw)); err != nil {
					return err
				}
			}
			if err := wb.Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		err = wb.Flush()
	}
	if err != nil {
		t.Fatal(err)
	}
}

// setSchema writes the schema version.
func setSchema(t *testing.T, s *Store, v uint32) {
	t.Helper()
	if err := s.db.Update(func(txn *badger.Txn) error {
		return txn.Set(metaKey(metaSchema), binary.BigEndian.AppendUint32(nil, v))
	}); err != nil {
		t.Fatal(err)
	}
}

// logState reads every event of every origin through the public API and
// checks the chunks: each decodes and none overlaps the one before.
func logState(t *testing.T, s *Store) map[Origin][][]byte {
	t.Helper()
	out := map[Origin][][]byte{}
	for o := range s.Vector() {
		evs, err := s.After(o, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range evs {
			out[o] = append(out[o], e.Raw())
		}
	}
	err := s.db.View(func(txn *badger.Txn) error {
		old := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{prefixEventV3}})
		old.Rewind()
		if old.Valid() {
			t.Errorf("the per-event log survived: %x", old.Item().Key())
		}
		old.Close()
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{prefixChunk}})
		defer it.Close()
		lastOf := map[Origin]uint64{}
		for it.Rewind(); it.Valid(); it.Next() {
			k := it.Item().Key()
			var o Origin
			copy(o[:], k[1:])
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			c, err := decodeChunk(v, binary.BigEndian.Uint64(k[1+OriginLen:]))
			if err != nil {
				return fmt.Errorf("chunk %x: %v", k, err)
			}
			if c.first() <= lastOf[o] {
				return fmt.Errorf("chunk %x overlaps the one before", k)
			}
			lastOf[o] = c.last()
		}
		v, err := readUint32(txn, metaKey(metaSchema))
		if err == nil && v != SchemaVersion {
			t.Errorf("schema %d, want %d", v, SchemaVersion)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// fill writes n events of the store's own origin, some large, in batches.
func fill(t *testing.T, s *Store, n int) {
	t.Helper()
	var drafts []Draft
	for i := range n {
		d := draft(fmt.Sprintf("d/%d", i%97), "step", "38001")
		if i%50 == 0 {
			d.Body = []byte(`{"big":"` + string(bytes.Repeat([]byte("y"), 20000)) + `"}`)
		}
		drafts = append(drafts, d)
		if len(drafts) == 300 || i == n-1 {
			if _, err := s.AppendBatch(drafts); err != nil {
				t.Fatal(err)
			}
			drafts = drafts[:0]
		}
	}
}

// A schema 3 database gets its log moved into chunks, and reads the same.
func TestMigrationToSchema4(t *testing.T) {
	for _, tc := range []struct {
		name  string
		crash func(t *testing.T, s *Store)
	}{
		{"clean", func(*testing.T, *Store) {}},
		{"after a crash before the chunks were all written", func(t *testing.T, s *Store) {
			// A partial chunk from the interrupted run.
			if err := s.db.Update(func(txn *badger.Txn) error {
				return txn.Set(chunkKey(s.Self(), 3), encodeChunk([]uint64{2, 3}, [][]byte{[]byte("x"), []byte("y")}))
			}); err != nil {
				t.Fatal(err)
			}
		}},
		{"after a crash while dropping the old log", func(t *testing.T, s *Store) {
			if err := writeChunksFromV3(s.db); err != nil {
				t.Fatal(err)
			}
			if err := s.db.Update(func(txn *badger.Txn) error {
				if err := txn.Set(metaKey(metaMigrateChunked), []byte{1}); err != nil {
					return err
				}
				// Half the old entries already gone.
				it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{prefixEventV3}})
				defer it.Close()
				var keys [][]byte
				i := 0
				for it.Rewind(); it.Valid(); it.Next() {
					if i%2 == 0 {
						keys = append(keys, it.Item().KeyCopy(nil))
					}
					i++
				}
				for _, k := range keys {
					if err := txn.Delete(k); err != nil {
						return err
					}
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			s := openTest(t, 1, dir)
			fill(t, s, 1500)
			other := openTest(t, 2, "")
			fill(t, other, 400)
			theirs, err := other.After(other.Self(), 0, 0)
			if err != nil {
				t.Fatal(err)
			}
			// A gap in the other origin's log: 101–150 arrive later.
			if _, err := s.Ingest(append(slices.Clone(theirs[:100]), theirs[150:]...)); err != nil {
				t.Fatal(err)
			}
			want := logState(t, s)
			wantD1, err := s.Events("d/1")
			if err != nil {
				t.Fatal(err)
			}
			vec := s.Vector()

			toV3Log(t, s)
			setSchema(t, s, 3)
			tc.crash(t, s)
			s.Close()

			s = openTest(t, 1, dir)
			got := logState(t, s)
			for o, raws := range want {
				if len(got[o]) != len(raws) {
					t.Fatalf("origin %s: %d events after the migration, want %d", o, len(got[o]), len(raws))
				}
				for i := range raws {
					if !bytes.Equal(got[o][i], raws[i]) {
						t.Fatalf("origin %s: event %d differs after the migration", o, i)
					}
				}
			}
			gotD1, err := s.Events("d/1")
			if err != nil || len(gotD1) != len(wantD1) {
				t.Fatalf("d/1: %d events, %v; want %d", len(gotD1), err, len(wantD1))
			}
			if !maps.Equal(s.Vector(), vec) {
				t.Fatalf("vector %v, want %v", s.Vector(), vec)
			}
			// The gap still fills, and the vector then covers it all.
			res, err := s.Ingest(theirs)
			if err != nil || res.Added != 50 || res.Duplicates != len(theirs)-50 {
				t.Fatalf("filling the gap: %+v, %v", res, err)
			}
			if v := s.Vector()[other.Self()]; v != uint64(len(theirs)) {
				t.Fatalf("vector of the other origin %d, want %d", v, len(theirs))
			}
			logState(t, s)
		})
	}
}
