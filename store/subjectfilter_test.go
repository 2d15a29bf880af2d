package store

import (
	"fmt"
	"testing"
)

// No subject added is ever reported absent, across the filter's growth.
func TestSubjectFilterHasNoFalseNegatives(t *testing.T) {
	f := &subjectFilter{}
	f.grow(1000)
	const n = 20000
	for i := range n {
		f.add(fmt.Sprintf("dossier/%d", i))
	}
	if len(f.filters) < 4 {
		t.Fatalf("%d filters after %d subjects from 1000", len(f.filters), n)
	}
	for i := range n {
		if s := fmt.Sprintf("dossier/%d", i); !f.mayExist(s) {
			t.Fatalf("%s reported absent", s)
		}
	}
	absent := 0
	for i := range n {
		if !f.mayExist(fmt.Sprintf("other/%d", i)) {
			absent++
		}
	}
	if absent < n*9/10 {
		t.Errorf("only %d of %d unknown subjects reported absent", absent, n)
	}
}

// After a reopen, the filter knows the stored subjects: a new event of an
// old subject joins its history instead of starting a new one.
func TestSubjectFilterSurvivesReopen(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, 1, dir)
	for i := range 50 {
		if _, err := s.Append(draft(fmt.Sprintf("d/%d", i), "received", "38001")); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	s = openTest(t, 1, dir)
	for i := range 50 {
		if _, err := s.Append(draft(fmt.Sprintf("d/%d", i), "step", "38001")); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 50 {
		evs, err := s.Events(fmt.Sprintf("d/%d", i))
		if err != nil || len(evs) != 2 {
			t.Fatalf("d/%d: %d events, %v; want 2", i, len(evs), err)
		}
	}
}
