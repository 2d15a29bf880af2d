package store

import (
	"fmt"

	"github.com/dgraph-io/badger/v4"
)

// DeleteLocal removes local settings; names not set are ignored.
func (s *Store) DeleteLocal(names ...string) error {
	err := s.db.Update(func(txn *badger.Txn) error {
		for _, name := range names {
			if err := txn.Delete(localKey(name)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("deleting settings: %w", err)
	}
	return nil
}

// LocalNames returns the names of the local settings that start with
// prefix, in byte order.
func (s *Store) LocalNames(prefix string) ([]string, error) {
	var out []string
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: localKey(prefix)})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			out = append(out, string(it.Item().Key()[1:]))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("listing settings %q: %w", prefix, err)
	}
	return out, nil
}
