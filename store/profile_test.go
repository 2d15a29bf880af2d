package store

import (
	"crypto/rand"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4/options"
	"github.com/dgraph-io/badger/v4/pb"
	"github.com/dgraph-io/badger/v4/table"
	"github.com/dgraph-io/badger/v4/y"
	"github.com/dgraph-io/ristretto/v2/z"
)

// TestProfiles: the names read back, the budgets are issue 19's, and both
// profiles build tables of one size on every level (what kept a
// compaction's memory from growing with the history) within their budget's
// reach.
func TestProfiles(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		want   Profile
		budget int
	}{{"", ProfileDesk, 150}, {"desk", ProfileDesk, 150}, {"hub", ProfileHub, 600}} {
		p, err := ParseProfile(tc.name)
		if err != nil || p != tc.want {
			t.Fatalf("ParseProfile(%q) = %v, %v", tc.name, p, err)
		}
		if p.BudgetMB() != tc.budget {
			t.Errorf("%v: budget %d MB, want %d", p, p.BudgetMB(), tc.budget)
		}
		if tc.name != "" && p.String() != tc.name {
			t.Errorf("%v names itself %q", tc.want, p.String())
		}
		bo := badgerOptions(Options{Dir: t.TempDir(), Profile: p})
		if bo.TableSizeMultiplier != 1 {
			t.Errorf("%v: TableSizeMultiplier %d, want 1", p, bo.TableSizeMultiplier)
		}
		// A local write of 300 KB (a catalog import's part: 96 KB of
		// bodies, a little over twice that in a transaction) fits one
		// transaction: Badger refuses one above 15% of a memtable.
		if 15*bo.MemTableSize/100 < 300<<10 {
			t.Errorf("%v: %d KB memtables take transactions of %d KB only", p, bo.MemTableSize>>10, 15*bo.MemTableSize/100>>10)
		}
		// Memtables, caches and the eight pooled table builders (each
		// about three times a memtable, plain and encrypted) leave a
		// fifth of the budget to the program and the mapped files: the
		// desk's are 116 MB of its 150, the hub's 236 of its 600.
		fixed := int64(bo.NumMemtables+1)*bo.MemTableSize + bo.BlockCacheSize + bo.IndexCacheSize + 8*3*bo.MemTableSize
		if fixed > int64(p.BudgetMB())<<20*4/5 {
			t.Errorf("%v: %d MB of Badger's memory by its options, over 80%% of the budget", p, fixed>>20)
		}
	}
	if _, err := ParseProfile("laptop"); err == nil {
		t.Error("an unknown profile was read")
	}
}

// TestEncryptedTableFitsItsFirstBuffer: an encrypted table of the
// profiles' size is built within its allocator's first buffer (twice the
// table's size, rounded up to a power of two: 1 MB on a desk, 2 MB on a
// hub), not grown to three
// times that as a 1 MB table's was (tableSize). Badger keeps eight
// allocators pooled and up to thirteen building per compaction, so this
// is most of a node's peak heap.
func TestEncryptedTableFitsItsFirstBuffer(t *testing.T) {
	t.Parallel()
	for _, p := range []Profile{ProfileDesk, ProfileHub} {
		bo := badgerOptions(Options{Dir: t.TempDir(), Profile: p})
		key := make([]byte, 32)
		if _, err := rand.Read(key); err != nil {
			t.Fatal(err)
		}
		pool := z.NewAllocatorPool(1)
		b := table.NewTableBuilder(table.Options{TableSize: uint64(bo.BaseTableSize), BlockSize: bo.BlockSize,
			BloomFalsePositive: bo.BloomFalsePositive, Compression: options.None, AllocPool: pool,
			DataKey: &pb.DataKey{KeyId: 1, Data: key, Iv: make([]byte, 16)}})
		v := make([]byte, 300)
		for i := 0; !b.ReachedCapacity(); i++ {
			if _, err := rand.Read(v[:100]); err != nil {
				t.Fatal(err)
			}
			b.Add(y.KeyWithTs([]byte(fmt.Sprintf("e/%020d", i)), 1), y.ValueStruct{Value: v}, 0)
		}
		b.Finish()
		b.Close()
		a := pool.Get(1, "probe")
		first := uint64(1)
		for first < 2*uint64(bo.BaseTableSize) {
			first <<= 1
		}
		if got := a.Allocated(); got > first {
			t.Errorf("%v: a %d KB table took %d KB to build, over its first %d KB", p, bo.BaseTableSize>>10, got>>10, first>>10)
		}
		a.Release()
		pool.Release()
	}
}

// A store opened with NoCompaction (bench fleet's simulated desks) runs no
// compactors and still takes every write: 20 MB through a 2 MB memtable
// leave more level-0 tables than writes would otherwise wait for.
func TestNoCompactionNeverStallsWrites(t *testing.T) {
	t.Parallel()
	st, err := Open(Options{InMemory: true, NoCompaction: true, Signer: testKey(7)})
	if err != nil {
		t.Fatal(err)
	}
	// Closed at the end, not deferred: a stalled write would hold it.
	if n := st.db.Opts().NumCompactors; n != 0 {
		st.Close()
		t.Fatalf("%d compactors, want none", n)
	}
	body := []byte(`{"s":"` + strings.Repeat("x", 64<<10) + `"}`)
	done := make(chan error, 1)
	go func() {
		for i := range 320 {
			if _, err := st.Append(Draft{Actor: "u", Owner: "38001", Kind: "k", Subject: fmt.Sprintf("s/%d", i), Body: body}); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	select {
	case err := <-done:
		if err != nil {
			st.Close()
			t.Fatal(err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("writes stalled: level 0 filled with no compactor to drain it")
	}
	if got := st.VectorOf(st.Self()); got != 320 {
		t.Errorf("%d events held, want 320", got)
	}
	if n := len(st.db.Tables()); n <= levelZeroTablesStall {
		t.Errorf("%d tables: the test wrote too little to reach the stall (%d)", n, levelZeroTablesStall)
	}
	if err := st.Close(); err != nil {
		t.Error(err)
	}
}
