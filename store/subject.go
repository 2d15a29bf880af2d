package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	"github.com/dgraph-io/badger/v4"
)

// subjectRecord is what the store keeps of a subject beside its events:
// the offices it has been addressed to (the owners and audiences of all
// its events, sorted) and its events' places in fold order. One record per
// subject, rewritten once per batch that touches it: a dossier's events
// mostly arrive together, so this costs far fewer writes than an index
// entry per event (Badger's cost is per entry).
type subjectRecord struct {
	offices []string
	events  []Pos
}

// maxSubjectEvents bounds a decoded record.
const maxSubjectEvents = 1 << 24

func (r subjectRecord) encode() []byte {
	b := encodeStrings(r.offices)
	b = binary.AppendUvarint(b, uint64(len(r.events)))
	for _, p := range r.events {
		b = appendPos(b, p)
	}
	return b
}

func decodeSubjectRecord(subject string, v []byte) (subjectRecord, error) {
	var r subjectRecord
	d := decoder{b: v}
	n := d.uvarint("offices", 1<<16)
	for i := uint64(0); i < n && d.err == nil; i++ {
		r.offices = append(r.offices, d.string("office", MaxOfficeLen, true))
	}
	m := d.uvarint("events", maxSubjectEvents)
	if d.err == nil && uint64(len(v)-d.off) != m*posLen {
		d.fail("%d events in %d bytes", m, len(v)-d.off)
	}
	if d.err != nil {
		return subjectRecord{}, fmt.Errorf("%w: record of %s: %v", ErrTampered, subject, d.err)
	}
	r.events = make([]Pos, 0, m)
	for i := range int(m) {
		r.events = append(r.events, readPos(v[d.off+i*posLen:]))
	}
	return r, nil
}

// readSubject reads a subject's record; a subject without one has none.
func readSubject(txn *badger.Txn, subject string) (subjectRecord, error) {
	item, err := txn.Get(subjectKey(subject))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return subjectRecord{}, nil
	}
	if err != nil {
		return subjectRecord{}, err
	}
	var r subjectRecord
	err = item.Value(func(v []byte) error {
		r, err = decodeSubjectRecord(subject, v)
		return err
	})
	return r, err
}

// addToSubject records a subject's new events, sorted in fold order: their
// places, and the offices they address the subject to. The sync server
// reads the offices to decide who may see the subject's events, so a liên
// thông transfer opens the subject's whole history to the office it is
// transferred to.
func (s *Store) addToSubject(txn *badger.Txn, subject string, fresh []*Event) error {
	var r subjectRecord
	if s.known.mayExist(subject) {
		var err error
		if r, err = readSubject(txn, subject); err != nil {
			return err
		}
	}
	s.known.add(subject)
	for _, e := range fresh {
		r.offices = append(r.offices, e.Offices()...)
	}
	slices.Sort(r.offices)
	r.offices = slices.Compact(r.offices)
	places := make([]Pos, len(fresh))
	for i, e := range fresh {
		places[i] = e.Pos()
	}
	if n := len(r.events); n == 0 || r.events[n-1].Compare(places[0]) < 0 {
		r.events = append(r.events, places...)
	} else {
		// A late event: merge in order.
		r.events = append(r.events, places...)
		slices.SortFunc(r.events, Pos.Compare)
	}
	return txn.Set(subjectKey(subject), r.encode())
}

// readAudience returns the offices a subject has been addressed to.
func readAudience(txn *badger.Txn, subject string) ([]string, error) {
	r, err := readSubject(txn, subject)
	return r.offices, err
}

func encodeStrings(ss []string) []byte {
	b := binary.AppendUvarint(nil, uint64(len(ss)))
	for _, s := range ss {
		b = appendString(b, s)
	}
	return b
}
