// Package store keeps the node's records in Badger: a signed, append-only
// event log, the projections folded from it and their indexes, and the
// node's local settings. It is the only package that imports Badger;
// Badger's errors are translated at its boundary and values are always
// copied out of transactions. keys.go lists every key; encoding.go defines
// the event encoding.
package store

import (
	"bytes"
	"crypto/ed25519"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"

	"hoso/store/pageout"
)

// ErrNotFound means the key or record does not exist.
var ErrNotFound = errors.New("not found")

// ErrLocked means another process has the database open.
var ErrLocked = errors.New("database in use by another process")

// ErrWrongKey means the database is encrypted with another key, or is
// encrypted and no key was given, or is not encrypted and a key was given.
var ErrWrongKey = errors.New("wrong or missing encryption key for this database")

// Options configure Open.
type Options struct {
	// Dir is the folder holding the Badger files; it is created if missing.
	Dir string
	// InMemory runs without files, for tests.
	InMemory bool
	// NoCompaction, with InMemory, runs Badger without compactors, for a
	// store that stays small: bench fleet's simulated desks, whose
	// compactors' 50 ms tickers (two per store, 2,000 stores) kept the
	// machine busy between syncs. Level 0 then grows without bound
	// rather than stalling writes.
	NoCompaction bool
	// EncryptionKey is the 32-byte AES key that encrypts everything on
	// disk; nil leaves the database unencrypted (tests only).
	EncryptionKey []byte
	// Signer signs the events this node writes; nil opens the store for
	// reading and ingesting only.
	Signer ed25519.PrivateKey
	// Projections fold subjects into state; they are called in this order.
	Projections []Projection
	// Now is the wall clock; nil means time.Now.
	Now func() time.Time
	// Profile tunes Badger's memory for a desk (the zero value) or a hub
	// (profile.go).
	Profile Profile
	// Timings, when set, receives how long each step of Open took (the
	// desktop's start-up timing mode reports them).
	Timings *OpenTimings

	// memTableSize overrides Badger's memtable size in tests: small
	// in-memory stores open fast, and small transactions exercise splitting.
	memTableSize int64
	// compression overrides the compression of the tables Badger writes,
	// in tests: a database written before tables went uncompressed.
	compression options.CompressionType
}

// Store is an open database. It is safe for concurrent use: reads run in
// parallel, writes are serialised.
type Store struct {
	db          *badger.DB
	signer      ed25519.PrivateKey
	self        Origin
	projections []Projection
	clock       *clock

	// writeMu serialises writers, so sequence numbers, the clock and the
	// in-memory vector advance only with committed transactions.
	writeMu sync.Mutex
	nextSeq uint64
	// top holds, per origin, the highest sequence stored: an event above
	// it cannot be held yet, so receiving it needs no lookup. Guarded by
	// writeMu.
	top map[Origin]uint64
	// fit is how many received events a transaction took the last time
	// Badger found one too big (0: never): a batch above it is split
	// before it is tried, not after the work of a refused try
	// (commit). Guarded by writeMu.
	fit int

	vecMu  sync.RWMutex
	vector Vector

	// changes counts the transactions that wrote events, persisted (meta
	// "writes"); touched holds, per origin, the count of the last one that
	// wrote its events, or the count at Open for origins not written since.
	changes atomic.Uint64
	touched map[Origin]uint64
	opened  uint64

	// folds counts the transactions that changed each projection
	// (projchanges.go).
	folds *foldCounts

	// known says which subjects may have a record (subjectfilter.go).
	known *subjectFilter

	// pages hands back the pages of Badger's mapped files (nil in
	// memory).
	pages *pageout.Keeper
	// pagesLooked is when a commit last had pages look (write.go);
	// guarded by writeMu.
	pagesLooked time.Time
	// held is the open transaction of a Hold (hold.go), guarded by
	// writeMu; holding tells readers, without the lock, that there is one.
	held    *heldWrites
	holding atomic.Bool
	// locals are the local settings read or written so far (local.go).
	locals localCache
}

// Changes returns the number of transactions that wrote events, ever: it
// grows with every write and survives restarts, so a reader (a cache, a
// peer) can tell whether anything changed since it last looked.
func (s *Store) Changes() uint64 { return s.changes.Load() }

// ChangedSince returns the origins with events written after the count
// since, in byte order. For a count from before this Open every known
// origin is listed, as the store does not remember when each was written.
func (s *Store) ChangedSince(since uint64) []Origin {
	out := s.TouchedSince(since)
	slices.SortFunc(out, func(a, b Origin) int { return bytes.Compare(a[:], b[:]) })
	return out
}

// TouchedSince is ChangedSince in no order: a hub that keeps a few of
// thousands of origins sorts those only.
func (s *Store) TouchedSince(since uint64) []Origin {
	s.vecMu.RLock()
	defer s.vecMu.RUnlock()
	var out []Origin
	for o, n := range s.touched {
		if n > since || since < s.opened {
			out = append(out, o)
		}
	}
	return out
}

// OpenTimings says where Open spent its time.
type OpenTimings struct {
	// Badger is badger.Open: the manifest, the tables' indexes, the
	// write-ahead log replayed into the memtable.
	Badger time.Duration
	// Migrate is the schema check (and any upgrade).
	Migrate time.Duration
	// Load reads the vector, the clock, the subject filter and each
	// origin's last sequence.
	Load time.Duration
	// Projections checks the projections' versions (and rebuilds any that
	// changed).
	Projections time.Duration
}

// Open opens (or creates) the database in opts.Dir and brings its schema up
// to date.
func Open(opts Options) (*Store, error) {
	var tm OpenTimings
	if opts.Timings != nil {
		defer func() { *opts.Timings = tm }()
	}
	step := time.Now()
	lap := func(d *time.Duration) {
		now := time.Now()
		*d, step = now.Sub(step), now
	}
	bo := badgerOptions(opts)
	if opts.InMemory {
		bo.Dir, bo.ValueDir = "", ""
	}
	if opts.compression != options.None {
		bo = bo.WithCompression(opts.compression)
	}
	if opts.memTableSize > 0 {
		bo = bo.WithMemTableSize(opts.memTableSize).WithValueThreshold(64 << 10).WithBlockCacheSize(1 << 20).WithIndexCacheSize(1 << 20)
	}
	if opts.EncryptionKey != nil {
		if len(opts.EncryptionKey) != 32 {
			return nil, fmt.Errorf("%w: the key has %d bytes, want 32", ErrWrongKey, len(opts.EncryptionKey))
		}
		bo = bo.WithEncryptionKey(opts.EncryptionKey).WithEncryptionKeyRotationDuration(30 * 24 * time.Hour)
	}
	db, err := badger.Open(bo)
	lap(&tm.Badger)
	if err != nil {
		switch {
		case isLockError(err):
			return nil, fmt.Errorf("opening database in %s: %w", opts.Dir, ErrLocked)
		case errors.Is(err, badger.ErrEncryptionKeyMismatch) || strings.Contains(err.Error(), "Encryption key mismatch") ||
			strings.Contains(err.Error(), "invalid encryption key") || strings.Contains(err.Error(), "Invalid Datakey"):
			return nil, fmt.Errorf("opening database in %s: %w", opts.Dir, ErrWrongKey)
		}
		return nil, fmt.Errorf("opening database in %s: %w", opts.Dir, err)
	}
	var pages *pageout.Keeper
	if !opts.InMemory {
		// From the start: a migration or a projection rebuild reads
		// and writes the whole database.
		pages = pageout.Start(pageout.Options{Dir: opts.Dir, MaxInterval: 500 * time.Millisecond})
	}
	var s *Store
	fail := func(err error) (*Store, error) {
		if s != nil && s.known != nil {
			s.known.wait()
		}
		if pages != nil {
			pages.Stop()
		}
		db.Close()
		return nil, err
	}
	if err := migrate(db); err != nil {
		return fail(err)
	}
	lap(&tm.Migrate)
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	s = &Store{db: db, signer: opts.Signer, projections: opts.Projections, clock: &clock{now: now}, pages: pages, folds: newFoldCounts(opts.Projections)}
	if opts.Signer != nil {
		s.self = OriginOf(opts.Signer)
	}
	if err := s.load(); err != nil {
		return fail(err)
	}
	var pageOut func()
	if pages != nil {
		pageOut = func() { pages.MaybePageOut() }
	}
	s.known = startSubjectFilter(db, pageOut)
	lap(&tm.Load)
	if err := s.rebuildProjections(); err != nil {
		return fail(err)
	}
	lap(&tm.Projections)
	return s, nil
}

// load reads the vector, the clock and this node's next sequence.
func (s *Store) load() error {
	s.vector = Vector{}
	return s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{prefixVector}})
		for it.Rewind(); it.Valid(); it.Next() {
			var o Origin
			copy(o[:], it.Item().Key()[1:])
			if err := it.Item().Value(func(v []byte) error {
				if len(v) != 8 {
					return fmt.Errorf("%w: vector entry", ErrTampered)
				}
				s.vector[o] = binary.BigEndian.Uint64(v)
				return nil
			}); err != nil {
				it.Close()
				return err
			}
		}
		it.Close()
		h, err := readUint64(txn, metaKey(metaHLC))
		if err != nil {
			return err
		}
		s.clock.last = HLC(h)
		w, err := readUint64(txn, metaKey(metaWrites))
		if err != nil {
			return err
		}
		s.changes.Store(w)
		s.opened = w
		// Every origin with events, one seek each.
		s.touched = map[Origin]uint64{}
		s.top = map[Origin]uint64{}
		origins := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{prefixChunk}, PrefetchValues: false})
		for origins.Rewind(); origins.Valid(); {
			var o Origin
			copy(o[:], origins.Item().Key()[1:])
			s.touched[o] = w
			top, err := lastSeq(txn, o)
			if err != nil {
				origins.Close()
				return err
			}
			s.top[o] = top
			origins.Seek(append(chunkOriginPrefix(o), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff))
		}
		origins.Close()
		s.nextSeq = s.top[s.self] + 1
		return nil
	})
}

// lastSeq returns the highest sequence stored for an origin: the key of its
// last chunk.
func lastSeq(txn *badger.Txn, o Origin) (uint64, error) {
	prefix := chunkOriginPrefix(o)
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix, Reverse: true})
	defer it.Close()
	it.Seek(append(prefix, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff))
	if !it.Valid() {
		return 0, nil
	}
	return binary.BigEndian.Uint64(it.Item().Key()[1+OriginLen:]), nil
}

// Self returns the origin of this node's signing key (zero when read-only).
func (s *Store) Self() Origin { return s.self }

// Vector returns a copy of the version vector.
func (s *Store) Vector() Vector {
	s.vecMu.RLock()
	defer s.vecMu.RUnlock()
	return s.vector.Clone()
}

// VectorOf returns the vector's entry for one origin, without copying the
// vector: a hub asks it of every origin on every pull.
func (s *Store) VectorOf(o Origin) uint64 {
	s.vecMu.RLock()
	defer s.vecMu.RUnlock()
	return s.vector[o]
}

// Close flushes and closes the database.
func (s *Store) Close() error {
	if err := s.settle(); err != nil {
		return err
	}
	s.known.wait()
	if s.pages != nil {
		s.pages.Stop()
	}
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("closing database: %w", err)
	}
	return nil
}

// Local returns a local setting, or ErrNotFound.
func (s *Store) Local(name string) ([]byte, error) {
	s.locals.mu.Lock()
	defer s.locals.mu.Unlock()
	if v, ok := s.locals.m[name]; ok {
		if v == nil {
			return nil, ErrNotFound
		}
		return bytes.Clone(v), nil
	}
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
		s.locals.keep(name, nil)
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("reading setting %q: %w", name, err)
	}
	s.locals.keep(name, out)
	return bytes.Clone(out), nil
}

// SetLocal stores a local setting.
func (s *Store) SetLocal(name string, value []byte) error {
	s.locals.mu.Lock()
	defer s.locals.mu.Unlock()
	err := s.db.Update(func(txn *badger.Txn) error {
		return txn.Set(localKey(name), value)
	})
	if err != nil {
		delete(s.locals.m, name)
		return fmt.Errorf("writing setting %q: %w", name, err)
	}
	s.locals.keep(name, bytes.Clone(value))
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

type badgerTxn = badger.Txn

func defaultIter() badger.IteratorOptions {
	o := badger.DefaultIteratorOptions
	o.PrefetchValues = false
	return o
}
