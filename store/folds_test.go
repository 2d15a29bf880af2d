package store

import "testing"

// Folds moves with the writes that fold a subject of its projection only:
// a cache of the projection's state survives every other write.
func TestFoldsCountTheProjectionsWrites(t *testing.T) {
	s := openTest(t, 1, t.TempDir())
	if n := s.Folds("chain"); n != 0 {
		t.Fatalf("Folds before any write = %d, want 0", n)
	}
	if _, err := s.Append(Draft{Actor: "u", Owner: "38001", Kind: "k", Subject: "x/1", Body: []byte(`{}`)}); err != nil {
		t.Fatal(err)
	}
	if n := s.Folds("chain"); n != 0 {
		t.Errorf("Folds after a write of another subject = %d, want 0", n)
	}
	if _, err := s.AppendBatch([]Draft{
		{Actor: "u", Owner: "38001", Kind: "k", Subject: "d/1", Body: []byte(`{}`)},
		{Actor: "u", Owner: "38001", Kind: "k", Subject: "d/2", Body: []byte(`{}`)},
	}); err != nil {
		t.Fatal(err)
	}
	if n := s.Folds("chain"); n != 1 {
		t.Errorf("Folds after one write of two subjects = %d, want 1", n)
	}
	if n := s.Folds("none"); n != s.Changes() {
		t.Errorf("Folds of a projection the store lacks = %d, want the write count %d", n, s.Changes())
	}
}

// VectorOf answers what Vector holds, for one origin.
func TestVectorOf(t *testing.T) {
	s := openTest(t, 1, t.TempDir())
	for range 3 {
		if _, err := s.Append(Draft{Actor: "u", Owner: "38001", Kind: "k", Subject: "x/1", Body: []byte(`{}`)}); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := s.VectorOf(s.Self()), s.Vector().Get(s.Self()); got != want || got != 3 {
		t.Errorf("VectorOf = %d, Vector has %d, want 3", got, want)
	}
	if got := s.VectorOf(Origin{1}); got != 0 {
		t.Errorf("VectorOf an unknown origin = %d, want 0", got)
	}
}
