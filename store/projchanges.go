package store

import "sync/atomic"

// foldCounts counts, per projection, the committed transactions that
// changed any of its states: a reader caching what it derived from a
// projection (the calendar an office's rules build) keeps it while the
// count stays, instead of reading the states again on every call.
type foldCounts struct {
	// n is built once at Open, one counter per projection, and never
	// changes after: only the counters do.
	n map[string]*atomic.Uint64
	// pending lists the projections folded by the transaction being
	// written; guarded by the store's writeMu.
	pending []string
}

func newFoldCounts(projections []Projection) *foldCounts {
	f := &foldCounts{n: make(map[string]*atomic.Uint64, len(projections))}
	for _, p := range projections {
		f.n[p.Name()] = new(atomic.Uint64)
	}
	return f
}

// folding notes that the transaction being written folds projection.
func (f *foldCounts) folding(projection string) {
	for _, p := range f.pending {
		if p == projection {
			return
		}
	}
	f.pending = append(f.pending, projection)
}

// committed counts the noted projections once the transaction committed;
// aborted forgets them.
func (f *foldCounts) committed() {
	for _, p := range f.pending {
		f.n[p].Add(1)
	}
	f.pending = f.pending[:0]
}

func (f *foldCounts) aborted() { f.pending = f.pending[:0] }

// all counts every projection as changed (a restore replaced the data).
func (f *foldCounts) all() {
	for _, c := range f.n {
		c.Add(1)
	}
}

// ProjectionChanges returns how many committed transactions changed the
// states of a projection since the store opened (0 for an unknown name).
// It only grows: a cache of what was derived from the projection's states
// is current while the count is the one it was built at.
func (s *Store) ProjectionChanges(projection string) uint64 {
	if c, ok := s.folds.n[projection]; ok {
		return c.Load()
	}
	return 0
}
