package store

import "sync/atomic"

// folds counts, per projection, the committed writes that folded one of
// its subjects, so that a cache of a projection's state (the trust records'
// chains, the office tree) is dropped only when that projection changed,
// not on every write: a hub writes all the time.
type folds map[string]*atomic.Uint64

// newFolds returns a counter for each projection.
func newFolds(projections []Projection) folds {
	f := folds{}
	for _, p := range projections {
		f[p.Name()] = new(atomic.Uint64)
	}
	return f
}

// count counts one committed write for each projection that folded a
// subject of events.
func (f folds) count(projections []Projection, events []*Event) {
	for _, p := range projections {
		for _, e := range events {
			if p.Wants(e.Subject) {
				f[p.Name()].Add(1)
				break
			}
		}
	}
}

// Folds returns how many committed writes folded a subject of the named
// projection since the store opened; for a projection it does not have,
// the count of every write (Changes), as anything may have changed. A reader that remembers it beside what it read of the projection
// knows that what it read still holds while Folds has not moved.
func (s *Store) Folds(projection string) uint64 {
	if c, ok := s.folds[projection]; ok {
		return c.Load()
	}
	return s.Changes()
}
