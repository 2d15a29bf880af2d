package store

import (
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"
)

// Holding local writes: a bulk writer (the demo's year, hundreds of
// thousands of actions, each read back by the next) calls Hold, and its
// appends then wait in one open Badger transaction, committed together
// once it holds the number of events asked for. A write transaction's
// overhead (the commit's round trip to Badger's writer, the clock, the
// write count and the vector, one log chunk per event instead of one per
// 64) is then paid once per batch. The projections are folded at each
// append, in the open transaction, so State reads them at once; any other
// read (a scan, a count, the events) first commits what is held, so it
// never misses a held write.

// heldWrites is the open transaction of a Hold and the events in it.
type heldWrites struct {
	max       int
	txn, snap *badger.Txn
	// events are the held events in order; calls the number of events
	// each AppendBatch added, to commit them apart, each all or nothing,
	// if the batch together turns out too big for one transaction.
	events []*Event
	calls  []int
}

// Hold makes the local writes (Append, AppendBatch) wait in one open
// transaction, committed when it holds n events (at least 1) or is
// about to be too big for one, when a read other than State needs the
// committed data, when Ingest or Touch writes, and when release is called.
// Held writes are visible to State at once, from every goroutine: a bulk
// loader holds, nobody else should write meanwhile. release commits what
// is held and ends the hold; its error is that of the last commit.
func (s *Store) Hold(n int) (release func() error) {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if s.held == nil {
		s.held = &heldWrites{max: max(n, 1)}
		s.holding.Store(true)
	}
	return func() error {
		s.writeMu.Lock()
		defer s.writeMu.Unlock()
		err := s.flushHeld()
		s.held = nil
		s.holding.Store(false)
		return err
	}
}

// holdEvents folds new local events into the held transaction, first
// committing what it holds when it is full or when the events do not fit
// beside it. Called with writeMu held.
func (s *Store) holdEvents(events []*Event) error {
	h := s.held
	if len(h.events) >= h.max {
		if err := s.flushHeld(); err != nil {
			return err
		}
	}
	if h.txn == nil {
		h.txn, h.snap = s.db.NewTransaction(true), s.db.NewTransaction(false)
	}
	s.folds.aborted()
	err := s.foldFresh(h.txn, h.snap, events)
	if err == nil {
		// Counted at once: State shows the held states, and a cache
		// keyed on the count must see them change.
		s.folds.committed()
		h.events = append(h.events, events...)
		h.calls = append(h.calls, len(events))
		return nil
	}
	// The transaction now holds part of these events: start again
	// without them, the events held before committed on their own.
	s.folds.aborted()
	pending, calls := h.events, h.calls
	h.discard()
	if cerr := s.commitCalls(pending, calls); cerr != nil {
		return cerr
	}
	if errors.Is(err, badger.ErrTxnTooBig) && len(pending) > 0 {
		// Committing them apart costs more than the batch saved: hold
		// fewer from now on, so that it does not happen again (a
		// province's Monday morning: a weekend's actions at 07:30,
		// ~100 dossier events filled a desk's 600 KB transaction).
		h.max = max(len(pending)/2, 1)
		return s.holdEvents(events)
	}
	return fmt.Errorf("folding %d events: %w", len(events), err)
}

// flushHeld commits the held transaction, if it holds anything. Called
// with writeMu held.
func (s *Store) flushHeld() error {
	h := s.held
	if h == nil || h.txn == nil {
		return nil
	}
	log := newLogReader(h.snap)
	err := s.writeLog(h.txn, log, h.events)
	var advanced Vector
	if err == nil {
		advanced, err = s.finishLog(h.txn, log, h.events)
	}
	log.Close()
	if err == nil {
		err = h.txn.Commit()
	}
	events, calls := h.events, h.calls
	h.discard()
	if errors.Is(err, badger.ErrTxnTooBig) {
		h.max = max(len(events)/2, 1) // as in holdEvents
		return s.commitCalls(events, calls)
	}
	if err != nil {
		s.nextSeq = events[0].Seq
		return fmt.Errorf("committing %d held events: %w", len(events), err)
	}
	s.afterCommit(events, advanced)
	return nil
}

// commitCalls commits held events one AppendBatch at a time, as they would
// have been without the hold; the first that fails gives its sequence
// back, with those after it.
func (s *Store) commitCalls(events []*Event, calls []int) error {
	for _, n := range calls {
		if _, err := s.commit(events[:n], false); err != nil {
			s.nextSeq = events[0].Seq
			return err
		}
		events = events[n:]
	}
	return nil
}

// discard drops the open transaction and what it held.
func (h *heldWrites) discard() {
	if h.txn != nil {
		h.txn.Discard()
		h.snap.Discard()
	}
	h.txn, h.snap, h.events, h.calls = nil, nil, nil, nil
}

// settle commits what is held before a read that must see it (anything
// but State). It costs an atomic load when nothing is held.
func (s *Store) settle() error {
	if !s.holding.Load() {
		return nil
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	return s.flushHeld()
}

// heldState reads a projection record from the held transaction; ok is
// false when nothing is held (the caller reads the committed state).
func (s *Store) heldState(key []byte) (rec []byte, ok bool, err error) {
	if !s.holding.Load() {
		return nil, false, nil
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if s.held == nil || s.held.txn == nil {
		return nil, false, nil
	}
	item, err := s.held.txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, true, ErrNotFound
	}
	if err != nil {
		return nil, true, err
	}
	rec, err = item.ValueCopy(nil)
	return rec, true, err
}
