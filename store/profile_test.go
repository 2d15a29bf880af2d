package store

import "testing"

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
		// A local write of 600 KB (the catalog's 200 procedures) fits
		// one transaction: Badger refuses one above 15% of a memtable.
		if 15*bo.MemTableSize/100 < 600<<10 {
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
