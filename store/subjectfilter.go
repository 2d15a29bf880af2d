package store

import (
	"sync"
	"sync/atomic"

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
//
// Building it reads every subject record's key, which at a million events
// is most of a cold start (the records' blocks come from disk and are
// decrypted), so Open starts it in the background (startSubjectFilter):
// until it is built every subject may exist, and a write looks it up as it
// did before the filter; subjects written meanwhile are added once it is.
type subjectFilter struct {
	mu      sync.Mutex
	filters []*bloom.BloomFilter
	room    uint // subjects the newest filter takes before the next one
	size    uint // the newest filter's capacity

	// building is set until the background scan has filled the filter;
	// pending holds the subjects added meanwhile.
	building bool
	pending  []string
	// stop asks the scan to end (Close); done is closed when it has.
	stop atomic.Bool
	done chan struct{}
}

const (
	// subjectFilterPageOut is how many keys the scan reads between two
	// looks at the resident mapped pages.
	subjectFilterPageOut = 4096
	subjectFilterMin     = 1 << 16
	subjectFilterFP      = 0.01
)

// subjectFilterSync is how many subjects startSubjectFilter counts before it
// returns: a store with no more (a commune's first months, the tests) has
// its filter built when Open returns, as before; a larger one goes on in the
// background.
const subjectFilterSync = 10_000

// startSubjectFilter builds the filter from the subject records of db,
// beyond the first subjectFilterSync in the background; wait ends the build
// (Close calls it). It counts the subjects first, then adds them to a filter
// of the right size, both passes over one snapshot, so that opening a long
// history does not hold every subject in memory at once (~50 MB at 5M
// events).
//
// The scan reads every subject record's block through Badger's maps, and
// those pages stay resident until paged out: every subjectFilterPageOut
// keys it calls pageOut (nil: nothing), so that the scan of a large store
// does not fill the resident memory with them (a desk opening 1M events
// rose by ~270 MB of mapped pages, issue 19).
func startSubjectFilter(db *badger.DB, pageOut func()) *subjectFilter {
	if pageOut == nil {
		pageOut = func() {}
	}
	f := &subjectFilter{building: true, done: make(chan struct{})}
	first := make(chan struct{})
	go func() {
		defer close(f.done)
		var once sync.Once
		firstDone := func() { once.Do(func() { close(first) }) }
		defer firstDone()
		opts := badger.IteratorOptions{Prefix: []byte{prefixSubject}, PrefetchValues: false}
		var built *bloom.BloomFilter
		var count, size uint
		err := db.View(func(txn *badger.Txn) error {
			it := txn.NewIterator(opts)
			for it.Rewind(); it.Valid() && !f.stop.Load(); it.Next() {
				if count++; count == subjectFilterSync {
					firstDone()
				}
				if count%subjectFilterPageOut == 0 {
					pageOut()
				}
			}
			it.Close()
			size = max(2*count, subjectFilterMin)
			built = bloom.NewWithEstimates(size, subjectFilterFP)
			it = txn.NewIterator(opts)
			defer it.Close()
			var n uint
			for it.Rewind(); it.Valid() && !f.stop.Load(); it.Next() {
				built.Add(it.Item().Key()[1:])
				if n++; n%subjectFilterPageOut == 0 {
					pageOut()
				}
			}
			return nil
		})
		if err != nil || f.stop.Load() {
			// Stays building: every subject may exist, which is correct.
			return
		}
		f.fill(built, size, count)
	}()
	// Closed after fill when the scan ends first (the defers run after
	// it), so a small store's filter is complete here.
	<-first
	return f
}

// fill installs the filter built from the stored subjects (count of them,
// for size) and adds those written since.
func (f *subjectFilter) fill(built *bloom.BloomFilter, size, count uint) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.filters, f.size, f.room = []*bloom.BloomFilter{built}, size, size-count
	pending := f.pending
	f.pending, f.building = nil, false
	for _, s := range pending {
		f.addLocked(s)
	}
}

// wait stops a build still running and waits for it to end.
func (f *subjectFilter) wait() {
	if f.done == nil {
		return
	}
	f.stop.Store(true)
	<-f.done
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
	if f.building {
		return true
	}
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
	if f.building {
		f.pending = append(f.pending, subject)
		return
	}
	f.addLocked(subject)
}

// addLocked adds a subject to the newest filter, growing a new one when it
// is full; f.mu is held.
func (f *subjectFilter) addLocked(subject string) {
	if f.room == 0 {
		f.grow(2 * f.size)
	}
	f.filters[len(f.filters)-1].AddString(subject)
	f.room--
}
