package store

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/dgraph-io/badger/v4"
)

// localCache keeps the local settings read or written, so that a setting
// read on every call (the node's office, its desk) costs no Badger read:
// they change only through SetLocal and DeleteLocal, which keep it. A nil
// value is a setting known to be absent.
type localCache struct {
	mu sync.Mutex
	m  map[string][]byte
}

// keep records a setting's value (nil: absent); called with mu held.
func (c *localCache) keep(name string, v []byte) {
	if c.m == nil {
		c.m = map[string][]byte{}
	}
	c.m[name] = v
}

// forget drops everything kept (a restore replaced the settings).
func (c *localCache) forget() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m = nil
}

// SetLocals writes several local settings in as few transactions as fit
// (Badger's WriteBatch splits them where one would be too big): a sync
// batch raises the marks of up to every origin of the province at once
// (syncproto), and a transaction each cost a desk of a 2,000-desk province
// 2,000 of them per sync. One transaction for all is not possible either:
// a desk's 2 MB memtable takes about 3,000 settings at most. Each setting
// stands alone (a mark per origin), so a failure part way leaves some
// written and some not, as separate writes would.
func (s *Store) SetLocals(values map[string][]byte) error {
	if len(values) == 0 {
		return nil
	}
	s.locals.mu.Lock()
	defer s.locals.mu.Unlock()
	wb := s.db.NewWriteBatch()
	defer wb.Cancel()
	err := func() error {
		for name, v := range values {
			if err := wb.Set(localKey(name), v); err != nil {
				return err
			}
		}
		return wb.Flush()
	}()
	if err != nil {
		for name := range values {
			delete(s.locals.m, name)
		}
		return fmt.Errorf("writing %d settings: %w", len(values), err)
	}
	for name, v := range values {
		s.locals.keep(name, bytes.Clone(v))
	}
	return nil
}

// DeleteLocal removes local settings; names not set are ignored.
func (s *Store) DeleteLocal(names ...string) error {
	s.locals.mu.Lock()
	defer s.locals.mu.Unlock()
	for _, name := range names {
		delete(s.locals.m, name)
	}
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
