package store

import (
	"fmt"
	"io"
)

// Backup writes a full copy of the database to w as Badger's backup stream.
// The stream is not encrypted: the caller (node backup) encrypts it.
func (s *Store) Backup(w io.Writer) error {
	if err := s.settle(); err != nil {
		return err
	}
	if _, err := s.db.Backup(w, 0); err != nil {
		return fmt.Errorf("writing backup: %w", err)
	}
	return nil
}

// Restore loads a backup stream into an empty store and reloads the vector,
// the clock and the sequence.
func (s *Store) Restore(r io.Reader) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	empty := true
	err := s.db.View(func(txn *badgerTxn) error {
		it := txn.NewIterator(defaultIter())
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			if k := it.Item().Key(); len(k) > 0 && k[0] != prefixMeta {
				empty = false
				return nil
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if !empty {
		return fmt.Errorf("restoring: the database is not empty")
	}
	if err := s.db.Load(r, 256); err != nil {
		return fmt.Errorf("restoring backup: %w", err)
	}
	if err := migrate(s.db); err != nil {
		return err
	}
	s.folds.all()
	s.locals.forget()
	s.vecMu.Lock()
	defer s.vecMu.Unlock()
	return s.load()
}
