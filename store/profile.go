package store

import (
	"fmt"
	"math"

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

// tableSize is the size of every table Badger builds by compaction on a
// hub (a desk's: deskTableSize). A table is built whole in memory by an allocator whose
// first buffer is twice the table's size rounded up to a power of two,
// and which doubles when that is not enough. An encrypted table needs
// about 2.1 times its size (each block plain, with 256 bytes of padding,
// and again encrypted): a 1 MB table overflowed its 2 MB buffer every
// time and took 6 MB, a 768 KB one fits its 2 MB (measured with Badger's
// table builder: 512 KB → 3 MB, 640–768 KB → 2 MB, 1 MB → 6 MB, 1.2 MB →
// 4 MB, 2 MB → 12 MB). A compaction holds up to 8 built tables besides
// its (at most five) key ranges, two compactors run, and eight
// allocators stay pooled, so this size is most of a node's peak heap.
const tableSize = 768 << 10

// deskTableSize is a desk's table size: half the hub's, built in a 1 MB
// allocator instead of 2 MB. A desk receiving 500k events peaked at
// 135 MB instead of 167 MB (its sync's CPU time +10%); a desk holds twice
// as many tables (~1,300 at 500k events, each a mapped file).
const deskTableSize = 384 << 10

// levelZeroTables is how many level-0 tables (one a memtable flush)
// start a compaction into the level below, and levelZeroTablesStall how
// many stop writes until one is done: few, on both profiles. When the
// level below is busy, Badger's first compactor merges level 0's idle
// tables older than 10 s (at least four) into one table of any size,
// built whole in memory: with thirty level-0 tables allowed before a
// compaction and sixty before a stall, these tables made most of what
// grew with history (heap profiles at the peak, issue 19: allocators of
// 32+16+8 MB on a desk receiving 1M events, of 128+64 MB on a hub
// receiving 2M, each kept in Badger's pool afterwards). Writes wait
// while level 0 holds three tables, so it never holds the four such a
// merge needs. The cost is that a burst of writes (a first sync, a bulk
// import) waits for compactions instead of piling up level 0.
const (
	levelZeroTables      = 2
	levelZeroTablesStall = 3
)

// badgerOptions are Badger's options for a store of the profile opts
// names. Badger's defaults are made for servers with memory to spare. A
// node's memory is mostly Badger's: the memtables (arenas allocated
// whole, plus their write-ahead files mapped at twice the size), the
// caches (bounded by their sizes), and the tables being built by flushes
// and compactions, each held whole until written (tableSize). Their
// allocators are pooled, eight of them, each kept at the largest size it
// reached: a flush builds one level-0 table of the whole memtable with
// the allocator of a compaction's table, which then grows to ~14 MB for
// a 4 MB memtable, ~6 MB for a 2 MB one, and stays so in the pool.
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
// ~160–190 MB with 1 MB tables (issue 19, heap profiles at the peak: 85%
// of the heap in table builders' allocators, 6 MB each); see
// tableSize and the desk's memtable below for the rest.
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
		// Values above 16 KB go to the value log, so a maximal event
		// (1 MB body) commits, and the tables, their builders and the
		// memtables hold only a pointer to a large one: at 64 KB a
		// table of 47 KB events took a 6 MB builder (each such value
		// copied thrice: its block growing twice, then encrypted), and
		// a serving desk importing a 57 MB bundle of them grew its heap
		// by ~160 MB once compactions ran; at 16 KB by ~5 MB, twice as
		// fast (node's big-bundle test). Overwritten values there stay
		// until the value log is collected, which the store does not do:
		// events are never overwritten, projection states above 16 KB
		// are.
		WithValueThreshold(16 << 10).
		// Two compactors, the fewest Badger runs (one is refused): the
		// first keeps level 0 drained, the other the levels below.
		WithNumCompactors(2)
	// One table size on every level (see above).
	bo.TableSizeMultiplier = 1
	switch opts.Profile {
	case ProfileHub:
		// A hub receives every desk's events and serves their pulls: its
		// tables are the desk's and its memtables 4 MB (larger ones
		// measured worse: 16 MB memtables and 2 MB tables peaked at
		// 823 MB when a hub received 2M events, 8 MB and 6 MB at 490 MB
		// writing 1M), a second memtable takes writes while one is
		// flushed, and larger caches serve many desks' pulls from
		// memory. Receiving 2M events it peaked at 615–650 MB, its heap
		// mostly level-0 merges of 64 and 128 MB (levelZeroTables).
		bo = bo.
			WithMemTableSize(4 << 20).
			WithNumMemtables(2).
			WithBaseTableSize(tableSize).
			WithBlockCacheSize(64 << 20).
			WithIndexCacheSize(64 << 20).
			WithNumLevelZeroTables(levelZeroTables).
			WithNumLevelZeroTablesStall(levelZeroTablesStall)
	default:
		// One 2 MB memtable being filled and at most one being flushed:
		// its level-0 table then fits a 6 MB allocator, not the 14 MB a
		// 4 MB memtable's took, eight of which stayed pooled (~100 MB
		// of a desk's 150). A transaction may hold up to 15% of a
		// memtable (300 KB): a synced batch larger than that is
		// committed in parts (Ingest), and a local write is kept below
		// it (the catalog's import, importChunkBytes in app). Few
		// level-0 tables (levelZeroTables); small caches (the index
		// cache must hold the tables' decrypted indexes, ~2% of the
		// tables, or they are decrypted again at every block read).
		// Sync benchmark, 50k dossiers, with the mapped files paged out
		// (pageout) and the log in chunks (chunk.go): peak ~190 → ~78 MB
		// a side with 4 MB memtables.
		bo = bo.
			WithMemTableSize(2 << 20).
			WithNumMemtables(1).
			WithBaseTableSize(deskTableSize).
			WithBlockCacheSize(4 << 20).
			WithIndexCacheSize(8 << 20).
			WithNumLevelZeroTables(levelZeroTables).
			WithNumLevelZeroTablesStall(levelZeroTablesStall)
	}
	if opts.InMemory && opts.NoCompaction {
		bo = bo.WithNumCompactors(0).WithNumLevelZeroTablesStall(math.MaxInt32)
	}
	if opts.InMemory {
		// In memory there is no value log: Badger refuses a value above
		// the threshold, so it is as high as a transaction allows (15%
		// of a 2 MB memtable).
		bo = bo.WithValueThreshold(256 << 10)
	}
	return bo
}
