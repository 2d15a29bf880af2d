//go:build linux

package store

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4/options"

	"hoso/store/pageout"
)

// residentTables returns the resident bytes of the database's mapped
// tables in dir, and how many tables are mapped.
func residentTables(t *testing.T, dir string) (int, int) {
	t.Helper()
	n, tables, err := pageout.Resident(dir, ".sst")
	if err != nil {
		t.Fatal(err)
	}
	return int(n), tables
}

// writeMany appends n events of about 1 KB each, in batches.
func writeMany(t *testing.T, s *Store, n int) {
	t.Helper()
	body := []byte(`{"text":"` + strings.Repeat("x", 900) + `"}`)
	var drafts []Draft
	for i := range n {
		drafts = append(drafts, Draft{Actor: "u1", Owner: "38001", Kind: "dossier.step", Subject: fmt.Sprintf("dossier/%d", i), Body: body})
		if len(drafts) == 150 || i == n-1 {
			if _, err := s.AppendBatch(drafts); err != nil {
				t.Fatal(err)
			}
			drafts = drafts[:0]
		}
	}
}

// The tables Badger writes and maps do not stay in the process's memory:
// the store's keeper pages them out, and nothing is lost.
func TestTablesDoNotStayResident(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(Options{Dir: dir, Signer: testKey(1), EncryptionKey: bytes.Repeat([]byte{7}, 32)})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.pages == nil {
		t.Fatal("no keeper")
	}
	const n = 20000 // ~20 MB: several memtable flushes
	writeMany(t, s, n)
	deadline := time.Now().Add(15 * time.Second)
	for {
		res, tables := residentTables(t, dir)
		if tables >= 2 && res < 2<<20 {
			t.Logf("%d tables, %d KB resident, %d page-outs", tables, res>>10, s.pages.PageOuts())
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 15 s: %d tables, %d KB of them resident, %d page-outs", tables, res>>10, s.pages.PageOuts())
		}
		time.Sleep(50 * time.Millisecond)
	}
	evs, err := s.After(s.Self(), 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != n {
		t.Fatalf("read back %d events, want %d", len(evs), n)
	}
	for i, e := range evs {
		if e.Subject != fmt.Sprintf("dossier/%d", i) {
			t.Fatalf("event %d is about %s", i, e.Subject)
		}
	}
}

// Tables written compressed, as before the store stopped compressing them,
// are still read after the switch.
func TestCompressedTablesStillRead(t *testing.T) {
	dir := t.TempDir()
	key := bytes.Repeat([]byte{9}, 32)
	s, err := Open(Options{Dir: dir, Signer: testKey(2), EncryptionKey: key, compression: options.Snappy})
	if err != nil {
		t.Fatal(err)
	}
	const n = 12000
	writeMany(t, s, n)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(Options{Dir: dir, Signer: testKey(2), EncryptionKey: key})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	writeMany(t, s, 100)
	evs, err := s.After(s.Self(), 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != n+100 {
		t.Fatalf("read back %d events, want %d", len(evs), n+100)
	}
	got, err := s.Events("dossier/11999")
	if err != nil || len(got) != 1 {
		t.Fatalf("dossier/11999: %d events, %v", len(got), err)
	}
}
