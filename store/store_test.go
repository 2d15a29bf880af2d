package store

import (
	"bytes"
	"errors"
	"slices"
	"testing"

	"github.com/dgraph-io/badger/v4"
)

func TestLocalSettingsSurviveReopen(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Local("language"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing setting: got %v, want ErrNotFound", err)
	}
	if err := s.SetLocal("language", []byte("en")); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Local("language")
	if err != nil || !bytes.Equal(got, []byte("en")) {
		t.Fatalf("after reopen: got %q, %v", got, err)
	}
}

func TestSecondOpenReportsLocked(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = Open(Options{Dir: dir})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second open: got %v, want ErrLocked", err)
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	dir := t.TempDir()
	db, err := badger.Open(badger.DefaultOptions(dir).WithLogger(quietLogger{}))
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(txn *badger.Txn) error {
		return txn.Set(metaKey(metaSchema), []byte{0, 0, 0, 99})
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := Open(Options{Dir: dir}); !errors.Is(err, ErrSchemaTooNew) {
		t.Fatalf("got %v, want ErrSchemaTooNew", err)
	}
}

func TestNewDatabaseGetsCurrentSchema(t *testing.T) {
	s, err := Open(Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var v uint32
	err = s.db.View(func(txn *badger.Txn) error {
		v, err = readUint32(txn, metaKey(metaSchema))
		return err
	})
	if err != nil || v != SchemaVersion {
		t.Fatalf("schema = %d, %v; want %d", v, err, SchemaVersion)
	}
}

// A schema 2 database gets one record per subject built from its
// per-event subject entries and audiences, and loses those and its feeds.
func TestMigrationToSchema3(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, 1, dir)
	var written []*Event
	for _, d := range []Draft{
		draft("d/1", "received", "38001"),
		draft("d/2", "received", "38001"),
		draft("d/1", "transferred", "38001", "38002"),
	} {
		e, err := s.Append(d)
		if err != nil {
			t.Fatal(err)
		}
		written = append(written, e)
	}
	want := map[string][]byte{}
	// Put the database back in schema 2's layout.
	err := s.db.Update(func(txn *badger.Txn) error {
		for _, subject := range []string{"d/1", "d/2"} {
			r, err := readSubject(txn, subject)
			if err != nil {
				return err
			}
			want[subject] = r.encode()
			if err := txn.Delete(subjectKey(subject)); err != nil {
				return err
			}
			if err := txn.Set(append([]byte{0x05}, subject...), encodeStrings(r.offices)); err != nil {
				return err
			}
		}
		for _, e := range written {
			k := appendPos(append(append([]byte{0x03}, e.Subject...), 0), e.Pos())
			if err := txn.Set(k, nil); err != nil {
				return err
			}
		}
		if err := txn.Set(append([]byte{0x04}, "38001\x00feed"...), nil); err != nil {
			return err
		}
		return txn.Set(metaKey(metaSchema), []byte{0, 0, 0, 2})
	})
	if err != nil {
		t.Fatal(err)
	}
	toV3Log(t, s)
	s.Close()
	s = openTest(t, 1, dir)
	err = s.db.View(func(txn *badger.Txn) error {
		for _, p := range []byte{0x03, 0x04, 0x05} {
			it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{p}})
			it.Rewind()
			if it.Valid() {
				t.Errorf("prefix %#x survived the migration: %x", p, it.Item().Key())
			}
			it.Close()
		}
		for subject, rec := range want {
			r, err := readSubject(txn, subject)
			if err != nil {
				return err
			}
			if got := r.encode(); !bytes.Equal(got, rec) {
				t.Errorf("record of %s: %x, want %x", subject, got, rec)
			}
		}
		v, err := readUint32(txn, metaKey(metaSchema))
		if v != SchemaVersion {
			t.Errorf("schema %d after the migration, want %d", v, SchemaVersion)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	evs, err := s.Events("d/1")
	if err != nil || len(evs) != 2 || evs[1].Kind != "transferred" {
		t.Fatalf("d/1 after the migration: %v, %v", evs, err)
	}
	if aud, _ := s.Audience("d/1"); !slices.Equal(aud, []string{"38001", "38002"}) {
		t.Fatalf("d/1 addressed to %v after the migration", aud)
	}
}
