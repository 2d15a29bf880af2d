package store

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/dgraph-io/badger/v4"
)

// Versioned is implemented by a projection whose fold or indexes changed
// since data was written with an earlier one: Open folds every subject it
// wants again when the version recorded for it differs. A projection
// without it is at version 1.
type Versioned interface {
	Version() uint32
}

// projectionVersion is p's version.
func projectionVersion(p Projection) uint32 {
	if v, ok := p.(Versioned); ok {
		return v.Version()
	}
	return 1
}

// projectionVersionKey records the version a projection's states were
// folded with (under prefixMeta, see keys.go).
func projectionVersionKey(name string) []byte { return metaKey(metaProjectionPrefix + name) }

// rebuildBatch is how many subjects one rebuild transaction folds.
const rebuildBatch = 256

// rebuildProjections folds again, from their events, every subject of each
// projection whose recorded version is not its own, then records the new
// version. It runs in Open before any write. A crash part-way leaves the
// old version recorded, so the next Open starts the rebuild over.
func (s *Store) rebuildProjections() error {
	for _, p := range s.projections {
		want := projectionVersion(p)
		have := uint32(1)
		err := s.db.View(func(txn *badger.Txn) error {
			item, err := txn.Get(projectionVersionKey(p.Name()))
			if errors.Is(err, badger.ErrKeyNotFound) {
				return nil
			}
			if err != nil {
				return err
			}
			return item.Value(func(v []byte) error {
				n, err := strconv.ParseUint(string(v), 10, 32)
				have = uint32(n)
				return err
			})
		})
		if err != nil {
			return fmt.Errorf("reading the version of projection %s: %w", p.Name(), err)
		}
		if have == want {
			continue
		}
		if err := s.rebuild(p); err != nil {
			return fmt.Errorf("rebuilding projection %s: %w", p.Name(), err)
		}
		if err := s.db.Update(func(txn *badger.Txn) error {
			return txn.Set(projectionVersionKey(p.Name()), []byte(strconv.FormatUint(uint64(want), 10)))
		}); err != nil {
			return err
		}
	}
	return nil
}

// rebuild drops a projection's states and indexes and folds every subject
// it wants from scratch.
func (s *Store) rebuild(p Projection) error {
	name := p.Name()
	for _, prefix := range [][]byte{
		append(append([]byte{prefixProjection}, name...), 0),
		append(append([]byte{prefixIndex}, name...), 0),
	} {
		if err := s.db.DropPrefix(prefix); err != nil {
			return err
		}
	}
	subjects, err := s.subjects(p.Wants)
	if err != nil {
		return err
	}
	for start := 0; start < len(subjects); start += rebuildBatch {
		if err := s.refold(p, subjects[start:min(start+rebuildBatch, len(subjects))]); err != nil {
			return err
		}
	}
	return nil
}

// refold folds a batch of subjects from scratch in one transaction; a
// batch too big for one (dossiers with long histories and many index
// entries: a transaction holds at most 15% of a memtable) is folded in
// halves, as a write is (write.go).
func (s *Store) refold(p Projection, batch []string) error {
	name := p.Name()
	err := s.db.Update(func(txn *badger.Txn) error {
		for _, subject := range batch {
			evs, err := s.subjectEvents(txn, subject, false)
			if err != nil {
				return err
			}
			if len(evs) == 0 {
				continue
			}
			out, err := p.Fold(subject, nil, evs)
			if err != nil {
				return fmt.Errorf("folding %s: %w", subject, err)
			}
			if err := s.writeIndex(txn, name, subject, nil, out.Index); err != nil {
				return err
			}
			rec := stateRecord{last: evs[len(evs)-1].Pos(), index: out.Index, state: out.State}
			if err := txn.Set(projectionKey(name, subject), rec.encode()); err != nil {
				return err
			}
		}
		return nil
	})
	if errors.Is(err, badger.ErrTxnTooBig) && len(batch) > 1 {
		half := len(batch) / 2
		if err := s.refold(p, batch[:half]); err != nil {
			return err
		}
		return s.refold(p, batch[half:])
	}
	return err
}

// subjects lists, in order, every subject with events that want accepts.
func (s *Store) subjects(want func(string) bool) ([]string, error) {
	var out []string
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{prefixSubject}, PrefetchValues: false})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			subject := string(it.Item().Key()[1:])
			if want(subject) {
				out = append(out, subject)
			}
		}
		return nil
	})
	return out, err
}

// metaValue reads a meta record (tests and tools).
func (s *Store) metaValue(name string) ([]byte, error) {
	var out []byte
	err := s.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(metaKey(name))
		if err != nil {
			return err
		}
		out, err = item.ValueCopy(nil)
		return err
	})
	return out, err
}
