package store

import (
	"sync"

	"github.com/bits-and-blooms/bloom/v3"
	"github.com/dgraph-io/badger/v4"
)

// subjectFilter says which subjects may have a record (0x09), so that a
// batch of new subjects, the bulk of a first sync, does not look each one
// up in Badger: a lookup of an absent key visits every level-0 table, and
// these lookups were an eighth of a receiving node's CPU. It is a Bloom
// filter (1% false positives, never a false negative) of every subject
// written, built at Open from the records' keys and grown by a new filter
// of twice the size when one fills (~1.2 MB per million subjects).
type subjectFilter struct {
	mu      sync.Mutex
	filters []*bloom.BloomFilter
	room    uint // subjects the newest filter takes before the next one
	size    uint // the newest filter's capacity
}

const (
	subjectFilterMin = 1 << 16
	subjectFilterFP  = 0.01
)

// newSubjectFilter builds the filter from the subject records in txn: it
// counts them first, then adds them to a filter of the right size, so
// that opening a long history does not hold every subject in memory at
// once (~50 MB at 5M events).
func newSubjectFilter(txn *badger.Txn) *subjectFilter {
	opts := badger.IteratorOptions{Prefix: []byte{prefixSubject}, PrefetchValues: false}
	count := 0
	it := txn.NewIterator(opts)
	for it.Rewind(); it.Valid(); it.Next() {
		count++
	}
	it.Close()
	f := &subjectFilter{}
	f.grow(max(uint(2*count), subjectFilterMin))
	// The same snapshot: the second pass sees the same count.
	it = txn.NewIterator(opts)
	for it.Rewind(); it.Valid(); it.Next() {
		f.filters[0].Add(it.Item().Key()[1:])
	}
	it.Close()
	f.room -= uint(count)
	return f
}

func (f *subjectFilter) grow(size uint) {
	f.filters = append(f.filters, bloom.NewWithEstimates(size, subjectFilterFP))
	f.size, f.room = size, size
}

// mayExist reports whether the subject may have a record; false means it
// has none.
func (f *subjectFilter) mayExist(subject string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, b := range f.filters {
		if b.TestString(subject) {
			return true
		}
	}
	return false
}

// add notes a subject about to get a record. Adding one whose transaction
// then fails only costs a lookup later.
func (f *subjectFilter) add(subject string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.room == 0 {
		f.grow(2 * f.size)
	}
	f.filters[len(f.filters)-1].AddString(subject)
	f.room--
}
