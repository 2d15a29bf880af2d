package store

import (
	"bytes"
	"fmt"
	"testing"
)

// SetLocals writes every setting at once, readable at once and after a
// reopen.
func TestSetLocalsWritesThemAll(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s := openTest(t, 1, dir)
	want := map[string][]byte{LocalSyncMarkPrefix + "a": {1}, LocalSyncMarkPrefix + "b": {2, 3}}
	if err := s.SetLocals(want); err != nil {
		t.Fatal(err)
	}
	check := func(s *Store, when string) {
		t.Helper()
		for name, v := range want {
			got, err := s.Local(name)
			if err != nil || !bytes.Equal(got, v) {
				t.Errorf("%s: %s = %v %v, want %v", when, name, got, err, v)
			}
		}
	}
	check(s, "written")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	check(openTest(t, 1, dir), "reopened")
}

// SetLocals writes more settings than one transaction of a desk's store
// holds (about 3,000 with its 2 MB memtable): the marks of every origin of
// a province of 5,000 devices.
func TestSetLocalsWritesMoreThanOneTransactionHolds(t *testing.T) {
	t.Parallel()
	s := openTest(t, 1, "")
	want := map[string][]byte{}
	for i := range 5000 {
		want[fmt.Sprintf("%s%064x", LocalSyncMarkPrefix, i)] = []byte(fmt.Sprint(i))
	}
	if err := s.SetLocals(want); err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{0, 2999, 4999} {
		name := fmt.Sprintf("%s%064x", LocalSyncMarkPrefix, i)
		if got, err := s.Local(name); err != nil || !bytes.Equal(got, want[name]) {
			t.Errorf("%s = %q %v, want %q", name, got, err, want[name])
		}
	}
}
