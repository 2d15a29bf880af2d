package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"

	"github.com/dgraph-io/badger/v4"
)

// Projection folds a subject's events into the state services read. Domain
// packages register theirs with Open; the store calls them inside the write
// transaction, so state, indexes and events never disagree.
//
// Fold must be deterministic and total: Fold(Fold(nil, a), b) must equal
// Fold(nil, a‖b) byte for byte, whatever the events say. An event the domain
// finds invalid is recorded in the state (as a conflict), never refused:
// refusing it would stop sync. An error means the store is broken and aborts
// the write.
type Projection interface {
	// Name identifies the projection in stored keys; it never changes.
	Name() string
	// Wants reports whether the projection folds this subject.
	Wants(subject string) bool
	// Fold applies events, in fold order, to state (nil for a subject with
	// no state yet) and returns the new state and the complete set of index
	// entries for it.
	Fold(subject string, state []byte, events []*Event) (Folded, error)
}

// Folded is a projection's output for one subject.
type Folded struct {
	// State is the subject's new state.
	State []byte
	// Index lists every secondary index entry of the new state.
	Index []IndexEntry
}

// IndexEntry is one entry of a projection's secondary index; Scan finds the
// subject by a prefix of Key.
type IndexEntry struct {
	Index string
	Key   []byte
}

// stateRecord is what the store keeps per projection and subject: the
// position of the last event folded (to tell an in-order event from a late
// one), the index entries written (to remove them when they change), and the
// state.
//
//	version 1 byte | last pos (48) | uvarint n | n × {uvarint len index | index | uvarint len key | key} | state
type stateRecord struct {
	last  Pos
	index []IndexEntry
	state []byte
}

func (r *stateRecord) encode() []byte {
	b := make([]byte, 0, 1+posLen+len(r.state)+32*len(r.index))
	b = append(b, 1)
	b = appendPos(b, r.last)
	b = binary.AppendUvarint(b, uint64(len(r.index)))
	for _, e := range r.index {
		b = appendString(b, e.Index)
		b = binary.AppendUvarint(b, uint64(len(e.Key)))
		b = append(b, e.Key...)
	}
	return append(b, r.state...)
}

func decodeStateRecord(b []byte) (*stateRecord, error) {
	if len(b) < 1+posLen || b[0] != 1 {
		return nil, fmt.Errorf("%w: projection state record", ErrTampered)
	}
	r := &stateRecord{last: readPos(b[1:])}
	d := decoder{b: b, off: 1 + posLen}
	n := d.uvarint("index count", 1<<20)
	for i := uint64(0); i < n && d.err == nil; i++ {
		name := d.fixed(int(d.uvarint("index name", 1<<16)))
		key := d.fixed(int(d.uvarint("index key", 1<<16)))
		r.index = append(r.index, IndexEntry{Index: string(name), Key: bytes.Clone(key)})
	}
	if d.err != nil {
		return nil, fmt.Errorf("%w: projection state record: %v", ErrTampered, d.err)
	}
	r.state = bytes.Clone(b[d.off:])
	return r, nil
}

// foldSubject brings every interested projection up to date with the new
// events of one subject (already written in txn, sorted in fold order).
func (s *Store) foldSubject(txn, snap *badger.Txn, subject string, fresh []*Event) error {
	var all []*Event // loaded once, only if some projection must re-fold
	for _, p := range s.projections {
		if !p.Wants(subject) {
			continue
		}
		key := projectionKey(p.Name(), subject)
		var old *stateRecord
		item, err := txn.Get(key)
		switch {
		case err == badger.ErrKeyNotFound:
		case err != nil:
			return fmt.Errorf("reading %s state of %s: %w", p.Name(), subject, err)
		default:
			if err := item.Value(func(v []byte) error {
				old, err = decodeStateRecord(v)
				return err
			}); err != nil {
				return err
			}
		}
		var out Folded
		last := fresh[len(fresh)-1].Pos()
		if old == nil || fresh[0].Pos().Compare(old.last) > 0 {
			var state []byte
			if old != nil {
				state = old.state
			}
			out, err = p.Fold(subject, state, fresh)
		} else {
			// A late event: fold the subject again from the start.
			if all == nil {
				// The committed events, from the snapshot, and this batch's.
				if all, err = s.subjectEvents(snap, subject, false); err != nil {
					return err
				}
				all = append(all, fresh...)
				slices.SortFunc(all, func(a, b *Event) int { return a.Pos().Compare(b.Pos()) })
			}
			if old.last.Compare(last) > 0 {
				last = old.last
			}
			out, err = p.Fold(subject, nil, all)
		}
		if err != nil {
			return fmt.Errorf("folding %s of %s: %w", p.Name(), subject, err)
		}
		if err := s.writeIndex(txn, p.Name(), subject, old, out.Index); err != nil {
			return err
		}
		rec := stateRecord{last: last, index: out.Index, state: out.State}
		if err := txn.Set(key, rec.encode()); err != nil {
			return err
		}
		s.folds.folding(p.Name())
	}
	return nil
}

// writeIndex replaces a subject's old index entries with the new ones,
// touching only those that changed.
func (s *Store) writeIndex(txn *badger.Txn, proj, subject string, old *stateRecord, entries []IndexEntry) error {
	same := func(a, b IndexEntry) bool { return a.Index == b.Index && bytes.Equal(a.Key, b.Key) }
	if old != nil {
		for _, o := range old.index {
			if !slices.ContainsFunc(entries, func(n IndexEntry) bool { return same(o, n) }) {
				if err := txn.Delete(indexKey(proj, o.Index, o.Key, subject)); err != nil {
					return err
				}
			}
		}
	}
	for _, n := range entries {
		if bytes.IndexByte([]byte(n.Index), 0) >= 0 || n.Index == "" {
			return fmt.Errorf("%w: index name %q", ErrInvalid, n.Index)
		}
		if old != nil && slices.ContainsFunc(old.index, func(o IndexEntry) bool { return same(o, n) }) {
			continue
		}
		if err := txn.Set(indexKey(proj, n.Index, n.Key, subject), nil); err != nil {
			return err
		}
	}
	return nil
}
