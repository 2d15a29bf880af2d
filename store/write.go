package store

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"time"

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
		events[i] = e
	}
	parallel(events, func(e *Event) error { sign(e, s.signer); return nil })
	if s.held != nil {
		if err := s.holdEvents(events); err != nil {
			return nil, err
		}
		s.nextSeq += uint64(len(events))
		return events, nil
	}
	// Local events are one transaction: a local write is all or nothing,
	// so a batch too big for one transaction is refused, not split.
	if _, err := s.commit(events, false); err != nil {
		return nil, err
	}
	s.nextSeq += uint64(len(events))
	return events, nil
}

// VerifyEvents checks the signatures of the events not verified yet, on
// every core, and marks them verified. A receiver calls it while the
// previous batch commits; Ingest calls it too and then finds nothing left
// to check.
func VerifyEvents(events []*Event) error {
	unchecked := events
	if slices.ContainsFunc(events, func(e *Event) bool { return e.verified }) {
		unchecked = make([]*Event, 0, len(events))
		for _, e := range events {
			if !e.verified {
				unchecked = append(unchecked, e)
			}
		}
	}
	if err := parallelChunks(unchecked, verifyBatch); err != nil {
		return err
	}
	for _, e := range unchecked {
		e.verified = true
	}
	return nil
}

// IngestResult says what an ingest changed.
type IngestResult struct {
	// Added counts the events stored; Duplicates those already present.
	Added, Duplicates int
}

// Ingest stores events received from a peer or a bundle. It verifies every
// signature first (an event its origin's seal covered is verified already:
// VerifyBatchSigs), ignores events it already holds, accepts any order, and
// commits the batch atomically; a batch too large for one transaction is
// split, each part atomic. The version vector advances over every origin's
// contiguous sequences.
func (s *Store) Ingest(events []*Event) (IngestResult, error) {
	if err := VerifyEvents(events); err != nil {
		return IngestResult{}, err
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if err := s.flushHeld(); err != nil {
		return IngestResult{}, err
	}
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

// pagesLookGap is the least time between two looks at the mapped files
// after commits. A look reads /proc/self/statm: after every commit of a
// stream of small ones (the demo's year, a clerk's day replayed) it cost
// 4% of the run, while the files cannot grow by more than a few
// transactions' worth (each at most 15% of a memtable) in this time.
const pagesLookGap = 20 * time.Millisecond

// commit writes events in one transaction, or, when split is allowed and
// Badger finds the transaction too big, in halves.
func (s *Store) commit(events []*Event, split bool) (IngestResult, error) {
	var res IngestResult
	var advanced Vector
	s.folds.aborted() // what a failed attempt noted
	err := s.db.Update(func(txn *badger.Txn) error {
		// Iterators on an update transaction copy and sort its pending
		// writes each time they are created, which makes a large batch
		// quadratic. Scans read a snapshot of the committed state instead
		// (writers are serialised, so it is the transaction's own view) and
		// add the batch's events from memory.
		snap := s.db.NewTransaction(false)
		defer snap.Discard()
		var err error
		res, advanced, err = s.apply(txn, snap, events)
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
		s.folds.aborted()
		return IngestResult{}, fmt.Errorf("committing %d events: %w", len(events), err)
	}
	s.folds.committed()
	if res.Added > 0 {
		s.afterCommit(events, advanced)
	}
	return res, nil
}

// afterCommit brings what the store keeps in memory up to a transaction
// that committed events: the highest sequences, the write count and the
// vector.
func (s *Store) afterCommit(events []*Event, advanced Vector) {
	if s.pages != nil && time.Since(s.pagesLooked) >= pagesLookGap {
		// A commit is when the mapped files grow (the write-ahead
		// log, and the tables a flush writes): looking now keeps
		// them from piling up between the keeper's own looks.
		s.pages.MaybePageOut()
		s.pagesLooked = time.Now()
	}
	for _, e := range events {
		s.top[e.Origin] = max(s.top[e.Origin], e.Seq)
	}
	n := s.changes.Add(1)
	s.vecMu.Lock()
	for o, seq := range advanced {
		s.vector[o] = seq
	}
	for _, e := range events {
		s.touched[e.Origin] = n
	}
	s.vecMu.Unlock()
}

// apply writes events, their indexes and projections into txn, and returns
// the vector entries that advanced.
func (s *Store) apply(txn, snap *badger.Txn, events []*Event) (IngestResult, Vector, error) {
	var res IngestResult
	log := newLogReader(snap)
	defer log.Close()
	fresh := make([]*Event, 0, len(events))
	seen := make(map[place]*Event, len(events))
	for _, e := range events {
		p := place{e.Origin, e.Seq}
		if prev, ok := seen[p]; ok {
			if !bytes.Equal(prev.raw, e.raw) {
				return res, nil, fmt.Errorf("%w: %s seq %d", ErrEquivocation, e.Origin, e.Seq)
			}
			res.Duplicates++
			continue
		}
		if e.Seq <= s.top[e.Origin] {
			if dup, err := held(log, e); err != nil || dup {
				if err != nil {
					return res, nil, err
				}
				res.Duplicates++
				continue
			}
		}
		seen[p] = e
		fresh = append(fresh, e)
	}
	res.Added = len(fresh)
	if len(fresh) == 0 {
		return res, nil, nil
	}
	if err := s.writeLog(txn, log, fresh); err != nil {
		return res, nil, err
	}
	if err := s.foldFresh(txn, snap, fresh); err != nil {
		return res, nil, err
	}
	advanced, err := s.finishLog(txn, log, fresh)
	if err != nil {
		return res, nil, err
	}
	return res, advanced, nil
}

// foldFresh records the subjects of events not stored yet and folds their
// projections, in txn.
func (s *Store) foldFresh(txn, snap *badger.Txn, fresh []*Event) error {
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
		if err := s.addToSubject(txn, subj, evs); err != nil {
			return err
		}
		if err := s.foldSubject(txn, snap, subj, evs); err != nil {
			return err
		}
	}
	return nil
}

// finishLog advances the vector over events written to the log in txn, and
// records the clock and the write count.
func (s *Store) finishLog(txn *badger.Txn, log *logReader, fresh []*Event) (Vector, error) {
	advanced, err := s.advanceVector(txn, log, fresh)
	if err != nil {
		return nil, err
	}
	var top HLC
	for _, e := range fresh {
		top = max(top, e.HLC)
	}
	if cur := s.clock.last; cur > top {
		top = cur
	}
	if err := txn.Set(metaKey(metaHLC), binary.BigEndian.AppendUint64(nil, uint64(top))); err != nil {
		return nil, err
	}
	// The write count: persisted with the events, so a count handed to a
	// peer stays meaningful across restarts.
	if err := txn.Set(metaKey(metaWrites), binary.BigEndian.AppendUint64(nil, s.changes.Load()+1)); err != nil {
		return nil, err
	}
	return advanced, nil
}

// place is an event's place in its origin's log.
type place struct {
	o   Origin
	seq uint64
}

// held reports whether the event is stored already; a different event at
// the same place is an equivocation.
func held(log *logReader, e *Event) (bool, error) {
	b, ok, err := log.raw(e.Origin, e.Seq)
	if err != nil || !ok {
		return false, err
	}
	if !bytes.Equal(b, e.raw) {
		return false, fmt.Errorf("%w: %s seq %d", ErrEquivocation, e.Origin, e.Seq)
	}
	return true, nil
}

// writeLog adds fresh events to the chunked log, per origin.
func (s *Store) writeLog(txn *badger.Txn, log *logReader, fresh []*Event) error {
	byOrigin := map[Origin][]*Event{}
	for _, e := range fresh {
		byOrigin[e.Origin] = append(byOrigin[e.Origin], e)
	}
	changed := map[string]*chunk{}
	for o, evs := range byOrigin {
		slices.SortFunc(evs, func(a, b *Event) int { return cmp.Compare(a.Seq, b.Seq) })
		if err := writeChunks(txn, log, changed, o, s.top[o], evs); err != nil {
			return err
		}
	}
	return nil
}

// advanceVector moves each touched origin's entry over its contiguous
// sequences: this batch's events, and those stored before above the entry
// (gaps a batch fills join what was stored beyond them).
func (s *Store) advanceVector(txn *badger.Txn, log *logReader, fresh []*Event) (Vector, error) {
	s.vecMu.RLock()
	cur := make(Vector)
	for _, e := range fresh {
		if _, ok := cur[e.Origin]; !ok {
			cur[e.Origin] = s.vector[e.Origin]
		}
	}
	s.vecMu.RUnlock()
	added := make(map[place]bool, len(fresh))
	for _, e := range fresh {
		added[place{e.Origin, e.Seq}] = true
	}
	advanced := Vector{}
	for o, seq := range cur {
		next := seq
		for {
			if added[place{o, next + 1}] {
				next++
				continue
			}
			if next+1 > s.top[o] {
				break // nothing stored before lies above
			}
			_, ok, err := log.raw(o, next+1)
			if err != nil {
				return nil, err
			}
			if !ok {
				break
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

// Touch records that what this node holds of the origins changed without
// new events (a peer vouched that nothing more of them is visible here):
// the write count grows and ChangedSince lists them, so a peer that pulls
// from this node learns of it.
func (s *Store) Touch(origins []Origin) error {
	if len(origins) == 0 {
		return nil
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if err := s.flushHeld(); err != nil {
		return err
	}
	next := s.changes.Load() + 1
	err := s.db.Update(func(txn *badger.Txn) error {
		return txn.Set(metaKey(metaWrites), binary.BigEndian.AppendUint64(nil, next))
	})
	if err != nil {
		return fmt.Errorf("recording a change: %w", err)
	}
	s.changes.Store(next)
	s.vecMu.Lock()
	for _, o := range origins {
		s.touched[o] = next
	}
	s.vecMu.Unlock()
	return nil
}
