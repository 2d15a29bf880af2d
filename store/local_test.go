package store

import (
	"errors"
	"testing"
)

// Local settings are kept in memory once read: reads follow every write
// and delete, and a caller changing what it was handed changes nothing.
func TestLocalSettingsKeptFollowWrites(t *testing.T) {
	s := openTest(t, 1, "")
	for _, v := range []string{"1", "2"} {
		if err := s.SetLocal("desk.index", []byte(v)); err != nil {
			t.Fatal(err)
		}
		got, err := s.Local("desk.index")
		if err != nil || string(got) != v {
			t.Fatalf("after setting %s: %q, %v", v, got, err)
		}
		got[0] = 'x'
	}
	if got, _ := s.Local("desk.index"); string(got) != "2" {
		t.Fatalf("a caller's change reached the setting: %q", got)
	}
	if err := s.DeleteLocal("desk.index"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Local("desk.index"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("after delete: %v", err)
	}
}
