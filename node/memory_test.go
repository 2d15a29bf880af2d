package node

import (
	"runtime/debug"
	"testing"

	"hoso/seal"
	"hoso/store"
)

// TestUseProfileReopensAsHub: a node opens as a desk; as a hub its store
// is open again with the hub's options, keeps what it held and takes
// writes, and the Go memory limit follows the hub's budget (60% of
// 600 MB) unless GOMEMLIMIT is set.
func TestUseProfileReopensAsHub(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	dir, keyFile := initKeyFile(t)
	n, err := Open(seal.UnlockOptions{Dir: dir, KeyFile: keyFile})
	if err != nil {
		t.Fatal(err)
	}
	defer n.Close()
	if n.Profile() != store.ProfileDesk {
		t.Fatalf("a node opens as %v", n.Profile())
	}
	if err := n.Store.SetLocal("probe", []byte("kept")); err != nil {
		t.Fatal(err)
	}
	if err := n.UseProfile(store.ProfileHub); err != nil {
		t.Fatal(err)
	}
	if n.Profile() != store.ProfileHub {
		t.Fatalf("after UseProfile(hub) the node is %v", n.Profile())
	}
	if v, err := n.Store.Local("probe"); err != nil || string(v) != "kept" {
		t.Fatalf("the store opened again lost a setting: %q, %v", v, err)
	}
	if err := n.Store.SetLocal("probe", []byte("again")); err != nil {
		t.Fatalf("the store opened again takes no write: %v", err)
	}
	if got, want := debug.SetMemoryLimit(-1), int64(600<<20)*memLimitPercent/100; got != want {
		t.Errorf("memory limit %d, want %d", got, want)
	}
}
