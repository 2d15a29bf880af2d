package store

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"
)

// subjectEvents reads a subject's events in fold order. With verify, each
// signature is checked, so an altered record is refused.
func (s *Store) subjectEvents(txn *badger.Txn, subject string, verify bool) ([]*Event, error) {
	r, err := readSubject(txn, subject)
	if err != nil {
		return nil, err
	}
	lr := newLogReader(txn)
	defer lr.Close()
	out := make([]*Event, 0, len(r.events))
	for _, p := range r.events {
		e, err := lr.event(p.Origin, p.Seq, verify)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// readEvent reads and decodes one stored event.
func (s *Store) readEvent(txn *badger.Txn, o Origin, seq uint64, verify bool) (*Event, error) {
	lr := newLogReader(txn)
	defer lr.Close()
	return lr.event(o, seq, verify)
}

// Events returns a subject's events in fold order, each signature verified.
func (s *Store) Events(subject string) ([]*Event, error) {
	if err := s.settle(); err != nil {
		return nil, err
	}
	var out []*Event
	err := s.db.View(func(txn *badger.Txn) error {
		var err error
		out, err = s.subjectEvents(txn, subject, true)
		return err
	})
	return out, err
}

// Event returns one event, its signature verified.
func (s *Store) Event(o Origin, seq uint64) (*Event, error) {
	if err := s.settle(); err != nil {
		return nil, err
	}
	var e *Event
	err := s.db.View(func(txn *badger.Txn) error {
		var err error
		e, err = s.readEvent(txn, o, seq, true)
		return err
	})
	return e, err
}

// After returns up to limit events an origin wrote after sequence seq, in
// sequence order (limit ≤ 0: no limit).
func (s *Store) After(o Origin, seq uint64, limit int) ([]*Event, error) {
	if err := s.settle(); err != nil {
		return nil, err
	}
	var out []*Event
	err := s.db.View(func(txn *badger.Txn) error {
		lr := newLogReader(txn)
		defer lr.Close()
		var err error
		if err2 := lr.after(o, seq, func(at uint64, b []byte) bool {
			if limit > 0 && len(out) >= limit {
				return false
			}
			// The chunk was copied out of Badger for this call, and
			// nothing writes to it: the events can keep its bytes.
			var e *Event
			if e, err = DecodeEventOwned(b[:len(b):len(b)]); err == nil && (e.Origin != o || e.Seq != at) {
				err = errors.New("key and event disagree")
			}
			if err != nil {
				err = fmt.Errorf("%w: event %s seq %d: %v", ErrTampered, o, at, err)
				return false
			}
			out = append(out, e)
			return true
		}); err2 != nil {
			return err2
		}
		return err
	})
	if s.pages != nil && len(out) > 0 {
		// A peer reading the log pulls the tables' pages in quickly,
		// faster than the keeper's own looks at an idle node.
		s.pages.MaybePageOut()
	}
	return out, err
}

// State returns a projection's state of a subject, or ErrNotFound.
func (s *Store) State(projection, subject string) ([]byte, error) {
	var out []byte
	if v, ok, err := s.heldState(projectionKey(projection, subject)); ok {
		if err != nil {
			return nil, err
		}
		rec, err := decodeStateRecord(v)
		if err != nil {
			return nil, err
		}
		return rec.state, nil
	}
	err := s.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(projectionKey(projection, subject))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		return item.Value(func(v []byte) error {
			rec, err := decodeStateRecord(v)
			if err == nil {
				out = rec.state
			}
			return err
		})
	})
	return out, err
}

// ScanOptions select index entries.
type ScanOptions struct {
	// Prefix restricts the scan to index keys starting with it.
	Prefix []byte
	// After, when set, resumes a scan after this hit (for paging).
	After *Hit
	// Reverse scans from the largest key down.
	Reverse bool
	// Limit stops after this many entries (≤ 0: no limit).
	Limit int
}

// Hit is one index entry found by Scan.
type Hit struct {
	Key     []byte
	Subject string
}

// Scan returns the entries of a projection's index in key order (or
// reverse), each with the subject it points to.
func (s *Store) Scan(projection, index string, opts ScanOptions) ([]Hit, error) {
	if err := s.settle(); err != nil {
		return nil, err
	}
	base := indexPrefix(projection, index)
	prefix := append(bytes.Clone(base), opts.Prefix...)
	var out []Hit
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix, Reverse: opts.Reverse, PrefetchValues: false})
		defer it.Close()
		var start, skip []byte
		switch {
		case opts.After != nil:
			start = indexKey(projection, index, opts.After.Key, opts.After.Subject)
			skip = start
		case opts.Reverse:
			// Past every key with this prefix: index keys end with a
			// subject and its length, never with this many 0xff bytes.
			start = append(bytes.Clone(prefix), bytes.Repeat([]byte{0xff}, MaxSubjectLen+3)...)
		default:
			start = prefix
		}
		for it.Seek(start); it.Valid(); it.Next() {
			k := it.Item().Key()
			if skip != nil && bytes.Equal(k, skip) {
				continue
			}
			key, subject, ok := splitIndexKey(bytes.Clone(k), len(base))
			if !ok {
				return fmt.Errorf("%w: index entry", ErrTampered)
			}
			out = append(out, Hit{Key: key, Subject: subject})
			if opts.Limit > 0 && len(out) >= opts.Limit {
				return nil
			}
		}
		return nil
	})
	return out, err
}

// Count returns how many entries of a projection's index have a key
// starting with prefix and, within it, from ≤ key < to (nil: no bound). It
// reads keys only and keeps none, so counting a large index costs no
// memory: the dossier list's total over a whole year.
func (s *Store) Count(projection, index string, prefix, from, to []byte) (int, error) {
	if err := s.settle(); err != nil {
		return 0, err
	}
	base := append(indexPrefix(projection, index), prefix...)
	n := 0
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: base, PrefetchValues: false})
		defer it.Close()
		var end []byte
		if to != nil {
			end = append(bytes.Clone(base), to...)
		}
		for it.Seek(append(bytes.Clone(base), from...)); it.Valid(); it.Next() {
			if end != nil && bytes.Compare(it.Item().Key(), end) >= 0 {
				return nil
			}
			n++
		}
		return nil
	})
	return n, err
}

// SubjectEvents returns a subject's events in fold order without checking
// their signatures: for sending to a peer, which checks every one.
func (s *Store) SubjectEvents(subject string) ([]*Event, error) {
	if err := s.settle(); err != nil {
		return nil, err
	}
	var out []*Event
	err := s.db.View(func(txn *badger.Txn) error {
		var err error
		out, err = s.subjectEvents(txn, subject, false)
		return err
	})
	return out, err
}

// Audience returns the offices a subject has been addressed to: the owners
// and audiences of all its events, sorted.
func (s *Store) Audience(subject string) ([]string, error) {
	if err := s.settle(); err != nil {
		return nil, err
	}
	var out []string
	err := s.db.View(func(txn *badger.Txn) error {
		var err error
		out, err = readAudience(txn, subject)
		return err
	})
	return out, err
}
