package syncproto

import (
	"maps"
	"testing"

	"hoso/store"
)

// The marks vouched to a peer are recorded in binary and read back, and a
// record of the JSON of earlier versions still reads.
func TestSentMarksRecord(t *testing.T) {
	t.Parallel()
	a, b := store.Origin{1}, store.Origin{2, 3}
	marks := map[store.Origin]uint64{a: 5, b: 1 << 40}
	if got := decodeSent(encodeSent(marks)); !maps.Equal(got, marks) {
		t.Errorf("round trip = %v, want %v", got, marks)
	}
	old := []byte(`{"` + a.String() + `":7}`)
	if got := decodeSent(old); got[a] != 7 || len(got) != 1 {
		t.Errorf("the JSON record reads %v, want %s: 7", got, a)
	}
	if got := decodeSent(encodeSent(marks)[:10]); len(got) != 0 {
		t.Errorf("a cut record reads %v, want nothing", got)
	}
	pv := newTestProvince(t)
	recordSent(pv.d.st, "peer", marks)
	recordSent(pv.d.st, "peer", map[store.Origin]uint64{a: 3, b: 1<<40 + 1})
	want := map[store.Origin]uint64{a: 5, b: 1<<40 + 1}
	if got := SentMarks(pv.d.st, "peer"); !maps.Equal(got, want) {
		t.Errorf("SentMarks = %v, want the highest of each: %v", got, want)
	}
}

// A node's cache of marks answers what the records say, and raising a mark
// through it records it.
func TestMarksCache(t *testing.T) {
	t.Parallel()
	pv := newTestProvince(t)
	st := pv.d.st
	o := store.Origin{9}
	k := NewMarks(st)
	if up, err := k.raise(o, 4); err != nil || !up {
		t.Fatalf("raise = %v %v, want raised", up, err)
	}
	if up, _ := k.raise(o, 3); up {
		t.Error("a lower mark raised")
	}
	if got := Held(st, o); got != 4 {
		t.Errorf("the record holds %d, want 4", got)
	}
	if got := NewMarks(st).get(o); got != 4 {
		t.Errorf("a new cache reads %d, want 4", got)
	}
}
