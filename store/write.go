package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	"github.com/dgraph-io/badger/v4"
)

// Append validates, stamps, signs and commits one local event with its
// projections and indexes, in one transaction.
func (s *Store) Append(d Draft) (*Event, error) {
	events, err := s.AppendBatch([]Draft{d})
	if err != nil {
		return nil, err
	}
	return events[0], nil
}

// AppendBatch commits several local events in one transaction: all or none.
func (s *Store) AppendBatch(drafts []Draft) ([]*Event, error) {
	if s.signer == nil {
		return nil, ErrReadOnly
	}
	for i := range drafts {
		if err := validateDraft(&drafts[i]); err != nil {
			return nil, err
		}
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	events := make([]*Event, len(drafts))
	for i, d := range drafts {
		e := &Event{
			Origin:   s.self,
			Seq:      s.nextSeq + uint64(i),
			HLC:      s.clock.next(),
			Actor:    d.Actor,
			Owner:    d.Owner,
			Audience: canonicalAudience(d.Owner, d.Audience),
			Kind:     d.Kind,
			Subject:  d.Subject,
			Body:     bytes.Clone(d.Body),
		}
		sign(e, s.signer)
		events[i] = e
	}
	// Local events are one transaction: a local write is all or nothing,
	// so a batch too big for one transaction is refused, not split.
	if _, err := s.commit(events, false); err != nil {
		return nil, err
	}
	s.nextSeq += uint64(len(events))
	return events, nil
}

// IngestResult says what an ingest changed.
type IngestResult struct {
	// Added counts the events stored; Duplicates those already present.
	Added, Duplicates int
}

// Ingest stores events received from a peer or a bundle. It verifies every
// signature first, ignores events it already holds, accepts any order, and
// commits the batch atomically; a batch too large for one transaction is
// split, each part atomic. The version vector advances over every origin's
// contiguous sequences.
func (s *Store) Ingest(events []*Event) (IngestResult, error) {
	for _, e := range events {
		if err := e.Verify(); err != nil {
			return IngestResult{}, err
		}
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	res, err := s.commit(events, true)
	if err != nil {
		return res, err
	}
	for _, e := range events {
		s.clock.observe(e.HLC)
		if e.Origin == s.self && e.Seq >= s.nextSeq {
			s.nextSeq = e.Seq + 1
		}
	}
	return res, nil
}

// commit writes events in one transaction, or, when split is allowed and
// Badger finds the transaction too big, in halves.
func (s *Store) commit(events []*Event, split bool) (IngestResult, error) {
	var res IngestResult
	var advanced Vector
	err := s.db.Update(func(txn *badger.Txn) error {
		var err error
		res, advanced, err = s.apply(txn, events)
		return err
	})
	if errors.Is(err, badger.ErrTxnTooBig) && split && len(events) > 1 {
		half := len(events) / 2
		a, err := s.commit(events[:half], true)
		if err != nil {
			return a, err
		}
		b, err := s.commit(events[half:], true)
		return IngestResult{Added: a.Added + b.Added, Duplicates: a.Duplicates + b.Duplicates}, err
	}
	if err != nil {
		return IngestResult{}, fmt.Errorf("committing %d events: %w", len(events), err)
	}
	s.vecMu.Lock()
	for o, seq := range advanced {
		s.vector[o] = seq
	}
	s.vecMu.Unlock()
	return res, nil
}

// apply writes events, their indexes and projections into txn, and returns
// the vector entries that advanced.
func (s *Store) apply(txn *badger.Txn, events []*Event) (IngestResult, Vector, error) {
	var res IngestResult
	fresh := make([]*Event, 0, len(events))
	seen := make(map[[1 + OriginLen + 8]byte]*Event, len(events))
	for _, e := range events {
		k := eventKey(e.Origin, e.Seq)
		if prev, ok := seen[[1 + OriginLen + 8]byte(k)]; ok {
			if !bytes.Equal(prev.raw, e.raw) {
				return res, nil, fmt.Errorf("%w: %s seq %d", ErrEquivocation, e.Origin, e.Seq)
			}
			res.Duplicates++
			continue
		}
		item, err := txn.Get(k)
		switch {
		case errors.Is(err, badger.ErrKeyNotFound):
		case err != nil:
			return res, nil, err
		default:
			same := false
			if err := item.Value(func(v []byte) error { same = bytes.Equal(v, e.raw); return nil }); err != nil {
				return res, nil, err
			}
			if !same {
				return res, nil, fmt.Errorf("%w: %s seq %d", ErrEquivocation, e.Origin, e.Seq)
			}
			res.Duplicates++
			continue
		}
		seen[[1 + OriginLen + 8]byte(k)] = e
		if err := txn.Set(k, e.raw); err != nil {
			return res, nil, err
		}
		if err := txn.Set(subjectKey(e.Subject, e.Pos()), nil); err != nil {
			return res, nil, err
		}
		fresh = append(fresh, e)
	}
	res.Added = len(fresh)
	if len(fresh) == 0 {
		return res, nil, nil
	}

	bySubject := map[string][]*Event{}
	var subjects []string
	for _, e := range fresh {
		if _, ok := bySubject[e.Subject]; !ok {
			subjects = append(subjects, e.Subject)
		}
		bySubject[e.Subject] = append(bySubject[e.Subject], e)
	}
	for _, subj := range subjects {
		evs := bySubject[subj]
		slices.SortFunc(evs, func(a, b *Event) int { return a.Pos().Compare(b.Pos()) })
		if err := s.addToFeeds(txn, subj, evs); err != nil {
			return res, nil, err
		}
		if err := s.foldSubject(txn, subj, evs); err != nil {
			return res, nil, err
		}
	}

	advanced, err := s.advanceVector(txn, fresh)
	if err != nil {
		return res, nil, err
	}
	var top HLC
	for _, e := range fresh {
		top = max(top, e.HLC)
	}
	if cur := s.clock.last; cur > top {
		top = cur
	}
	if err := txn.Set(metaKey("hlc"), binary.BigEndian.AppendUint64(nil, uint64(top))); err != nil {
		return res, nil, err
	}
	return res, advanced, nil
}

// addToFeeds records new events of one subject in the feed of every office
// the subject has been addressed to. When an event addresses the subject to
// a new office (a liên thông transfer), the subject's earlier events join
// that office's feed too: the office receives the whole history.
func (s *Store) addToFeeds(txn *badger.Txn, subject string, evs []*Event) error {
	prefix := audiencePrefix(subject)
	var known []string
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix, PrefetchValues: false})
	for it.Rewind(); it.Valid(); it.Next() {
		known = append(known, string(it.Item().Key()[len(prefix):]))
	}
	it.Close()
	var added []string
	for _, e := range evs {
		for _, o := range e.Offices() {
			if !slices.Contains(known, o) && !slices.Contains(added, o) {
				added = append(added, o)
			}
		}
	}
	isFresh := make(map[Pos]bool, len(evs))
	for _, e := range evs {
		isFresh[e.Pos()] = true
		for _, o := range known {
			if err := txn.Set(feedKey(o, e.Origin, e.Seq), nil); err != nil {
				return err
			}
		}
	}
	if len(added) == 0 {
		return nil
	}
	for _, o := range added {
		if err := txn.Set(append(bytes.Clone(prefix), o...), nil); err != nil {
			return err
		}
	}
	// Every event of the subject, earlier ones included, joins the new
	// offices' feeds.
	sp := subjectPrefix(subject)
	it = txn.NewIterator(badger.IteratorOptions{Prefix: sp, PrefetchValues: false})
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		p := readPos(it.Item().Key()[len(sp):])
		for _, o := range added {
			if err := txn.Set(feedKey(o, p.Origin, p.Seq), nil); err != nil {
				return err
			}
		}
	}
	return nil
}

// advanceVector moves each touched origin's entry over its contiguous
// sequences.
func (s *Store) advanceVector(txn *badger.Txn, fresh []*Event) (Vector, error) {
	s.vecMu.RLock()
	cur := make(Vector)
	for _, e := range fresh {
		if _, ok := cur[e.Origin]; !ok {
			cur[e.Origin] = s.vector[e.Origin]
		}
	}
	s.vecMu.RUnlock()
	advanced := Vector{}
	for o, seq := range cur {
		next := seq
		for {
			_, err := txn.Get(eventKey(o, next+1))
			if errors.Is(err, badger.ErrKeyNotFound) {
				break
			}
			if err != nil {
				return nil, err
			}
			next++
		}
		if next != seq {
			advanced[o] = next
			if err := txn.Set(vectorKey(o), binary.BigEndian.AppendUint64(nil, next)); err != nil {
				return nil, err
			}
		}
	}
	return advanced, nil
}
