package store

import (
	"fmt"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"
)

// Profile is the kind of machine a store is tuned for: Badger's memory
// (memtables, caches, the tables compactions build) is set per profile in
// badgerOptions, and a node sets its Go memory limit from the profile's
// budget.
type Profile int

// The profiles. The zero value is the desk's.
const (
	// ProfileDesk is a commune's desk PC: a few years of one office's
	// history, little memory to spare beside the desktop app.
	ProfileDesk Profile = iota
	// ProfileHub is a district or provincial server: every desk's history
	// below it, for years.
	ProfileHub
)

// ParseProfile reads "desk" or "hub"; "" is the desk's.
func ParseProfile(s string) (Profile, error) {
	switch s {
	case "", "desk":
		return ProfileDesk, nil
	case "hub":
		return ProfileHub, nil
	}
	return ProfileDesk, fmt.Errorf("store profile %q: want desk or hub", s)
}

// String names the profile as ParseProfile reads it.
func (p Profile) String() string {
	if p == ProfileHub {
		return "hub"
	}
	return "desk"
}

// BudgetMB is the peak resident memory a node of this profile must stay
// under whatever its history's size (issue 19): 150 MB on a desk, 600 MB
// on a hub, the program's own pages and Badger's mapped files included.
func (p Profile) BudgetMB() int {
	if p == ProfileHub {
		return 600
	}
	return 150
}

// badgerOptions are Badger's options for a store of the profile opts
// names. Badger's defaults are made for servers with memory to spare. A
// node's memory is mostly Badger's: the memtables (arenas allocated
// whole, plus their write-ahead files mapped at twice the size), the
// caches (bounded by their sizes), and the tables being built by flushes
// and compactions, each held whole until written, once plain and once
// encrypted. Their allocators are pooled, eight of them, each kept at the
// largest size it reached (a level-0 table of a 4 MB memtable: ~12 MB,
// ~96 MB in all: most of a desk's heap at its peak), and a compaction
// runs up to 8 builders besides its (at most five) key ranges.
//
// What grew with history was the size of the tables compactions build:
// Badger doubles it at each level below the base one
// (TableSizeMultiplier 2), so a store of 1M events built 8 MB tables on
// its last level, and a desk receiving 1M events peaked at ~490 MB
// (hoso-node bench memory; ~190 MB of it compaction builders). So every
// level's tables have one size (TableSizeMultiplier 1): a compaction's
// memory depends on the profile, not on the level it writes; a deep
// level has more, smaller tables, whose indexes and Bloom filters live in
// the index cache, bounded. Measured on the desk at 1M events: ~490 →
// ~160–180 MB; at 500k ~180 → ~149 MB. Larger tables and memtables
// measured worse, not better: a hub with 16 MB memtables and 2 MB tables
// peaked at 823 MB receiving 2M events, 8 MB and 6 MB tables at 490 MB
// writing 1M; 512 KB and 3 MB tables on a desk did no better than 1 MB.
// The memtables stay at 4 MB: a local write is one transaction, refused
// above 15% of a memtable, and the catalog imports 200 procedures at
// once.
func badgerOptions(opts Options) badger.Options {
	bo := badger.DefaultOptions(opts.Dir).
		WithLogger(quietLogger{}).
		WithInMemory(opts.InMemory).
		WithNumVersionsToKeep(1).
		// Badger's expvar counters cost a map update on every read and
		// write (visible in a sync's CPU profile), and nothing reads them.
		WithMetricsEnabled(false).
		// No compression: the tables are ~2.5× larger on disk, and a
		// flush needs ~2× the memtable instead of ~2.6×, with no CPU
		// spent compressing.
		WithCompression(options.None).
		// Values above 64 KB go to the value log, so a maximal event
		// (1 MB body) commits.
		WithValueThreshold(64 << 10).
		// Two compactors, the fewest Badger runs (one is refused): the
		// first keeps level 0 drained, the other the levels below.
		WithNumCompactors(2)
	// One table size on every level (see above).
	bo.TableSizeMultiplier = 1
	switch opts.Profile {
	case ProfileHub:
		// A hub receives every desk's events and serves their pulls: its
		// tables and memtables are the desk's (larger ones measured
		// worse: 16 MB memtables and 2 MB tables peaked at 823 MB when a
		// hub received 2M events, 8 MB and 6 MB at 490 MB writing 1M), a
		// second memtable takes writes while one is flushed, and larger
		// caches serve many desks' pulls from memory; level 0 is
		// compacted sooner than a desk's, as every pull reads it.
		// Receiving 2M events it still peaked at 615 MB (its heap 520 MB,
		// past the Go limit): something else grows there (issue 19).
		bo = bo.
			WithMemTableSize(4 << 20).
			WithNumMemtables(2).
			WithBaseTableSize(1 << 20).
			WithBlockCacheSize(64 << 20).
			WithIndexCacheSize(64 << 20).
			WithNumLevelZeroTables(15).
			WithNumLevelZeroTablesStall(45)
	default:
		// One 4 MB memtable being filled and at most one being flushed;
		// thirty level-0 tables before the first compaction, which a
		// 50k-dossier commune does not reach; small caches (the index
		// cache must hold the tables' decrypted indexes, ~2% of the
		// tables, or they are decrypted again at every block read).
		// Sync benchmark, 50k dossiers, with the mapped files paged out
		// (pageout) and the log in chunks (chunk.go): peak ~190 → ~78 MB
		// a side at the same speed. 6 MB memtables ran ~15% faster at
		// ~95 MB; the earlier 16 MB ones ran faster at 150k (fewer
		// compactions), at twice the memory. A transaction may hold up
		// to 15% of a memtable (600 KB: a synced batch is at most 384 KB
		// of events), and one that does not fit is committed in halves.
		// Tables of 1 MB on every level (see above).
		bo = bo.
			WithMemTableSize(4 << 20).
			WithNumMemtables(1).
			WithBaseTableSize(1 << 20).
			WithBlockCacheSize(4 << 20).
			WithIndexCacheSize(8 << 20).
			WithNumLevelZeroTables(30).
			WithNumLevelZeroTablesStall(60)
	}
	return bo
}
