package node

import (
	"testing"

	"hoso/seal"
)

// The daily budget an administrator sets is recorded in the folder: the
// status shows it and a reopened node keeps it.
func TestSyncEngineDailyBudgetIsRecorded(t *testing.T) {
	dir, keyFile := initKeyFile(t)
	open := func() *Node {
		t.Helper()
		n, err := Open(seal.UnlockOptions{Dir: dir, KeyFile: keyFile})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	n := open()
	e := NewSyncEngine(n, nil)
	if e.DailyBudget != 0 {
		t.Fatalf("a new folder has a budget of %d", e.DailyBudget)
	}
	if err := e.SetDailyBudget(-1); err == nil {
		t.Error("a negative budget was accepted")
	}
	if err := e.SetDailyBudget(5_000_000); err != nil {
		t.Fatal(err)
	}
	st, err := e.Status()
	if err != nil || st.DailyBudget != 5_000_000 {
		t.Fatalf("status budget %d, %v", st.DailyBudget, err)
	}
	n.Close()

	n = open()
	defer n.Close()
	if got := NewSyncEngine(n, nil).DailyBudget; got != 5_000_000 {
		t.Fatalf("after reopening, the budget is %d", got)
	}
}
