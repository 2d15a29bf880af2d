// Package store keeps the node's records in Badger: the local settings now,
// and the signed event log with its projections as the product grows. It is
// the only package that imports Badger; Badger's errors are translated at its
// boundary and values are always copied out of transactions.
package store

import (
	"errors"
	"fmt"
	"strings"
	"syscall"

	"github.com/dgraph-io/badger/v4"
)

// ErrNotFound means the key or record does not exist.
var ErrNotFound = errors.New("not found")

// ErrLocked means another process has the database open.
var ErrLocked = errors.New("database in use by another process")

// Options configure Open.
type Options struct {
	// Dir is the folder holding the Badger files; it is created if missing.
	Dir string
	// InMemory runs without files, for tests.
	InMemory bool
}

// Store is an open database. It is safe for concurrent use.
type Store struct {
	db *badger.DB
}

// Open opens (or creates) the database in opts.Dir and brings its schema up
// to date.
func Open(opts Options) (*Store, error) {
	bo := badger.DefaultOptions(opts.Dir).
		WithLogger(quietLogger{}).
		WithInMemory(opts.InMemory).
		// A desk PC has little memory to spare; these keep Badger's resident
		// set small without hurting the write path we use.
		WithMemTableSize(16 << 20).
		WithBlockCacheSize(16 << 20).
		WithNumVersionsToKeep(1)
	if opts.InMemory {
		bo.Dir, bo.ValueDir = "", ""
	}
	db, err := badger.Open(bo)
	if err != nil {
		if isLockError(err) {
			return nil, fmt.Errorf("opening database in %s: %w", opts.Dir, ErrLocked)
		}
		return nil, fmt.Errorf("opening database in %s: %w", opts.Dir, err)
	}
	if err := migrate(db); err != nil {
		db.Close()
		return nil, err
	}
	return &Store{db: db}, nil
}

// Close flushes and closes the database.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("closing database: %w", err)
	}
	return nil
}

// Local returns a local setting, or ErrNotFound.
func (s *Store) Local(name string) ([]byte, error) {
	var out []byte
	err := s.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(localKey(name))
		if err != nil {
			return err
		}
		out, err = item.ValueCopy(nil)
		return err
	})
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("reading setting %q: %w", name, err)
	}
	return out, nil
}

// SetLocal stores a local setting.
func (s *Store) SetLocal(name string, value []byte) error {
	err := s.db.Update(func(txn *badger.Txn) error {
		return txn.Set(localKey(name), value)
	})
	if err != nil {
		return fmt.Errorf("writing setting %q: %w", name, err)
	}
	return nil
}

// isLockError reports whether Badger refused to open because another process
// holds the directory lock.
func isLockError(err error) bool {
	return errors.Is(err, syscall.EWOULDBLOCK) || errors.Is(err, syscall.EAGAIN) ||
		strings.Contains(err.Error(), "Cannot acquire directory lock")
}

// quietLogger drops Badger's informational chatter and keeps its warnings and
// errors on the standard logger.
type quietLogger struct{}

func (quietLogger) Errorf(f string, a ...any)   { logf("badger error: "+f, a...) }
func (quietLogger) Warningf(f string, a ...any) { logf("badger warning: "+f, a...) }
func (quietLogger) Infof(string, ...any)        {}
func (quietLogger) Debugf(string, ...any)       {}
