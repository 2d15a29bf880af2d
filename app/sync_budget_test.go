package app

import (
	"testing"
)

// budgetSync is a sync engine that records the budget it is given.
type budgetSync struct {
	SyncEngine
	set *int64
}

func (b budgetSync) SetDailyBudget(n int64) error { *b.set = n; return nil }
func (b budgetSync) Status() (SyncStatus, error) {
	return SyncStatus{Hubs: []string{}, Peers: []SyncPeer{}, DailyBudget: *b.set}, nil
}

func TestSyncSetBudget(t *testing.T) {
	s := newStaff(t)
	var set int64
	s.s.Sync.engine = func() SyncEngine { return budgetSync{set: &set} }

	var st SyncStatus
	s.mustCall(t, s.admin, "Sync.SetBudget", BudgetRequest{Bytes: 50_000_000}, &st)
	if set != 50_000_000 || st.DailyBudget != 50_000_000 {
		t.Fatalf("engine got %d, status says %d", set, st.DailyBudget)
	}
	for _, c := range []struct {
		name    string
		session string
		bytes   int64
		code    Code
	}{
		{"a clerk", s.clerk, 1000, CodeForbidden},
		{"a negative budget", s.admin, -1, CodeInvalidInput},
		{"more than a terabyte", s.admin, MaxDailyBudget + 1, CodeInvalidInput},
	} {
		err := s.call(t, c.session, "Sync.SetBudget", BudgetRequest{Bytes: c.bytes}, nil)
		if err == nil || err.Code != c.code {
			t.Errorf("%s: got %v, want %s", c.name, err, c.code)
		}
	}
	if set != 50_000_000 {
		t.Errorf("a refused call changed the budget to %d", set)
	}
	s.mustCall(t, s.admin, "Sync.SetBudget", BudgetRequest{Bytes: 0}, &st)
	if set != 0 || st.DailyBudget != 0 {
		t.Errorf("removing the budget left %d", set)
	}
}
