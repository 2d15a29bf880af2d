package store

// Folds is ProjectionChanges for a cache that must never go stale: for a
// projection the store does not have, it returns the count of every write
// (Changes), as anything may have changed. The trust records' chains and
// the office tree a hub reads on every pull are cached on it.
func (s *Store) Folds(projection string) uint64 {
	if _, ok := s.folds.n[projection]; ok {
		return s.ProjectionChanges(projection)
	}
	return s.Changes()
}
