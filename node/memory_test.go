package node

import (
	"math"
	"path/filepath"
	"runtime/debug"
	"testing"

	"hoso/app"
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

// TestDesktopOpenAppliesTheDeskProfile: the desktop app's open path
// (DesktopOpener, whether a new folder is set up or a sealed one unlocked)
// leaves the node in the desk profile with the Go memory limit at 60% of
// the desk's 150 MB, as serve does for a desk.
func TestDesktopOpenAppliesTheDeskProfile(t *testing.T) {
	if seal.OSAvailable() {
		t.Skip("this machine has an OS key store: the desktop seals there instead")
	}
	t.Setenv("GOMEMLIMIT", "")
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	want := int64(store.ProfileDesk.BudgetMB()) << 20 * memLimitPercent / 100
	dir := filepath.Join(t.TempDir(), "desk")
	for _, step := range []string{"setup", "unlock"} {
		debug.SetMemoryLimit(math.MaxInt64)
		d := NewDesktopOpener(DesktopOptions{Dir: dir, Core: &app.Core{}, KDF: testKDF})
		d.Start()
		var err error
		if step == "setup" {
			_, err = d.Setup("mật khẩu xã Đông Sơn")
		} else {
			err = d.Unlock(app.UnlockRequest{Passphrase: "mật khẩu xã Đông Sơn"})
		}
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		if p := d.node.Profile(); p != store.ProfileDesk {
			t.Errorf("%s: the desktop's node is in the %v profile", step, p)
		}
		if got := debug.SetMemoryLimit(-1); got != want {
			t.Errorf("%s: memory limit %d, want %d (60%% of the desk's budget)", step, got, want)
		}
		if err := d.Close(); err != nil {
			t.Fatal(err)
		}
	}
}
