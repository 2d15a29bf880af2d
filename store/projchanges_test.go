package store

import "testing"

// A projection's count grows with each committed transaction that folds
// it, once per transaction however many of its subjects it folds, and not
// with writes it does not fold.
func TestProjectionChangesCountCommittedFolds(t *testing.T) {
	s := openTest(t, 1, "")
	if n := s.ProjectionChanges("chain"); n != 0 {
		t.Fatalf("a new store counts %d changes", n)
	}
	if _, err := s.Append(draft("d/1", "k", "38001")); err != nil {
		t.Fatal(err)
	}
	if n := s.ProjectionChanges("chain"); n != 1 {
		t.Fatalf("after one folded write: %d, want 1", n)
	}
	if _, err := s.AppendBatch([]Draft{draft("d/2", "k", "38001"), draft("d/3", "k", "38001")}); err != nil {
		t.Fatal(err)
	}
	if n := s.ProjectionChanges("chain"); n != 2 {
		t.Fatalf("after a batch of two subjects: %d, want 2", n)
	}
	// A subject no projection wants changes no count.
	if _, err := s.Append(draft("x/1", "k", "38001")); err != nil {
		t.Fatal(err)
	}
	if n := s.ProjectionChanges("chain"); n != 2 {
		t.Fatalf("after a write chain does not fold: %d, want 2", n)
	}
	if n := s.ProjectionChanges("none"); n != 0 {
		t.Fatalf("an unknown projection counts %d", n)
	}
}
