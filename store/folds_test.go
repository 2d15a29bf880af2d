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
	if n := s.Folds("none"); n != 0 {
		t.Errorf("Folds of a projection the store lacks = %d, want 0", n)
	}
}
