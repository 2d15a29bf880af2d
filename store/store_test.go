package store

import (
	"bytes"
	"errors"
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
		return txn.Set(metaKey("schema"), []byte{0, 0, 0, 99})
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
		v, err = readUint32(txn, metaKey("schema"))
		return err
	})
	if err != nil || v != SchemaVersion {
		t.Fatalf("schema = %d, %v; want %d", v, err, SchemaVersion)
	}
}

// A schema 2 database loses its retired feed keys (prefix 0x04) and keeps
// everything else.
func TestMigrationToSchema3DropsFeeds(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, 1, dir)
	if _, err := s.Append(draft("d/1", "received", "38001")); err != nil {
		t.Fatal(err)
	}
	feed := append([]byte{0x04}, "38001\x00feed"...)
	err := s.db.Update(func(txn *badger.Txn) error {
		if err := txn.Set(feed, nil); err != nil {
			return err
		}
		return txn.Set(metaKey("schema"), []byte{0, 0, 0, 2})
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = openTest(t, 1, dir)
	err = s.db.View(func(txn *badger.Txn) error {
		if _, err := txn.Get(feed); !errors.Is(err, badger.ErrKeyNotFound) {
			t.Errorf("the feed key survived the migration: %v", err)
		}
		v, err := readUint32(txn, metaKey("schema"))
		if v != 3 {
			t.Errorf("schema %d after the migration, want 3", v)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if n, err := s.Events("d/1"); err != nil || len(n) != 1 {
		t.Fatalf("the event did not survive the migration: %v, %v", n, err)
	}
}
