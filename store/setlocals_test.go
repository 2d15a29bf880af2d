package store

import (
	"bytes"
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
