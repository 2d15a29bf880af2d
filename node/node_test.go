package node

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"hoso/app"
	"hoso/seal"
)

var testKDF = &seal.KDFParams{Time: 1, MemoryKiB: 64, Threads: 1}

// initKeyFile initialises a node whose key file sits beside (not inside)
// its data folder.
func initKeyFile(t *testing.T) (dir, keyFile string) {
	t.Helper()
	base := t.TempDir()
	dir, keyFile = filepath.Join(base, "node"), filepath.Join(base, "node.key")
	in, err := Init(InitOptions{Dir: dir, Office: app.Office{Code: "38", Name: "Thanh Hóa"}, Seal: seal.CreateOptions{Method: seal.MethodKeyFile, KeyFile: keyFile}})
	if err != nil {
		t.Fatal(err)
	}
	if in.Created == nil || in.Created.RecoveryKey == "" {
		t.Fatal("a new folder did not report its recovery key")
	}
	in.Close()
	return dir, keyFile
}

func TestInitCreatesAPrivateEncryptedFolderAndIsIdempotent(t *testing.T) {
	dir, _ := initKeyFile(t)
	// A bundle left half-imported by a process that died.
	left := filepath.Join(dir, app.TempFolder, "hoso-import-1.hsb")
	if err := os.MkdirAll(filepath.Dir(left), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(left, []byte("sealed"), 0o600); err != nil {
		t.Fatal(err)
	}
	n, err := Open(seal.UnlockOptions{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(left); !os.IsNotExist(err) {
		t.Errorf("the temporary file left by an earlier process is still there: %v", err)
	}
	peer := n.Identity.PeerID
	n.Close()
	tok, err := ReadToken(dir)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" {
		for _, p := range []string{dir, filepath.Join(dir, TokenFile), filepath.Join(dir, seal.FileName)} {
			st, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if st.Mode().Perm()&0o077 != 0 {
				t.Errorf("%s has mode %o; others may read it", p, st.Mode().Perm())
			}
		}
	}
	in, err := Init(InitOptions{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	tok2, _ := ReadToken(dir)
	if in.Identity.PeerID != peer || tok2 != tok || in.Created != nil {
		t.Fatal("a second Init replaced the identity, the token or the key")
	}
}

func TestOpenErrorsCarryCodes(t *testing.T) {
	if _, err := Open(seal.UnlockOptions{Dir: t.TempDir()}); app.AsError(err).Code != app.CodeNotInitialised {
		t.Fatalf("empty folder: got %v", err)
	}
	dir, keyFile := initKeyFile(t)
	n, err := Open(seal.UnlockOptions{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open(seal.UnlockOptions{Dir: dir}); app.AsError(err).Code != app.CodeDataInUse {
		t.Fatalf("second open: got %v, want data_in_use", err)
	}
	// A lock let go within a moment is waited for, not answered
	// data_in_use (a child process may hold it until it execs).
	go func() { time.Sleep(200 * time.Millisecond); n.Close() }()
	n, err = Open(seal.UnlockOptions{Dir: dir})
	if err != nil {
		t.Fatalf("open while the lock is let go: %v", err)
	}
	n.Close()
	moved := keyFile + ".moved"
	if err := os.Rename(keyFile, moved); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(seal.UnlockOptions{Dir: dir}); app.AsError(err).Code != app.CodeKeyUnavailable {
		t.Fatalf("missing key file: got %v, want key_unavailable", err)
	}
	n, err = Open(seal.UnlockOptions{Dir: dir, KeyFile: moved})
	if err != nil {
		t.Fatalf("--key-file at the new place: %v", err)
	}
	n.Close()
	other := filepath.Join(t.TempDir(), "other.key")
	os.WriteFile(other, []byte("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"), 0o600)
	if _, err := Open(seal.UnlockOptions{Dir: dir, KeyFile: other}); app.AsError(err).Code != app.CodeWrongSecret {
		t.Fatalf("another key: got %v, want wrong_secret", err)
	}
}

func TestDesktopOpenerPassphraseFlow(t *testing.T) {
	if seal.OSAvailable() {
		t.Skip("this machine has an OS key store: the desktop seals there instead")
	}
	dir := filepath.Join(t.TempDir(), "desk")
	core := &app.Core{}
	d := NewDesktopOpener(DesktopOptions{Dir: dir, Core: core, KDF: testKDF})
	d.Start()
	if st := d.Status(); st.State != app.VaultSetup {
		t.Fatalf("new folder: %+v", st)
	}
	if _, err := core.Deps(); app.AsError(err).Code != app.CodeLocked {
		t.Fatalf("services before setup: %v", err)
	}
	if err := d.Unlock(app.UnlockRequest{Passphrase: "x"}); err == nil {
		t.Fatal("unlock before setup accepted")
	}
	if _, err := d.Setup("short"); app.AsError(err).Field != "passphrase" {
		t.Fatalf("short passphrase: %v", err)
	}
	rk, err := d.Setup("mật khẩu xã Đông Sơn")
	if err != nil || rk == "" {
		t.Fatalf("setup: %q %v", rk, err)
	}
	if st := d.Status(); st.State != app.VaultReady || st.RecoveryKey != rk || st.Method != "passphrase" {
		t.Fatalf("after setup: %+v", st)
	}
	d.AcknowledgeRecovery()
	if st := d.Status(); st.RecoveryKey != "" {
		t.Fatal("the recovery key is still shown after acknowledgement")
	}
	if _, err := core.Deps(); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Setup("another passphrase"); app.AsError(err).Code != app.CodeVaultState {
		t.Fatalf("second setup: %v", err)
	}
	d.Close()

	// The next start is locked until the passphrase or the recovery key.
	core = &app.Core{}
	d = NewDesktopOpener(DesktopOptions{Dir: dir, Core: core, KDF: testKDF})
	d.Start()
	if st := d.Status(); st.State != app.VaultLocked {
		t.Fatalf("second start: %+v", st)
	}
	if err := d.Unlock(app.UnlockRequest{Passphrase: "wrong passphrase!"}); app.AsError(err).Code != app.CodeWrongSecret {
		t.Fatalf("wrong passphrase: %v", err)
	}
	if st := d.Status(); st.State != app.VaultLocked {
		t.Fatalf("a wrong passphrase changed the state: %+v", st)
	}
	// The passphrase is forgotten: the recovery key opens the folder and a
	// new passphrase seals it again, with a new recovery key.
	if err := d.Unlock(app.UnlockRequest{RecoveryKey: rk}); app.AsError(err).Field != "newPassphrase" {
		t.Fatalf("recovery without a new passphrase: %v", err)
	}
	if err := d.Unlock(app.UnlockRequest{RecoveryKey: rk, NewPassphrase: "short"}); app.AsError(err).Field != "newPassphrase" {
		t.Fatalf("recovery with a short passphrase: %v", err)
	}
	if err := d.Unlock(app.UnlockRequest{RecoveryKey: rk, NewPassphrase: "mật khẩu mới của xã"}); err != nil {
		t.Fatalf("recovery key: %v", err)
	}
	if _, err := core.Deps(); err != nil {
		t.Fatal(err)
	}
	st := d.Status()
	if st.RecoveryKey == "" || st.RecoveryKey == rk {
		t.Fatalf("after a recovery a new recovery key must be shown: %+v", st)
	}
	newRK := st.RecoveryKey
	d.Close()

	// The old passphrase and recovery key no longer work; the new ones do.
	d = NewDesktopOpener(DesktopOptions{Dir: dir, Core: &app.Core{}, KDF: testKDF})
	d.Start()
	if err := d.Unlock(app.UnlockRequest{Passphrase: "mật khẩu xã Đông Sơn"}); app.AsError(err).Code != app.CodeWrongSecret {
		t.Fatalf("old passphrase: %v", err)
	}
	if err := d.Unlock(app.UnlockRequest{RecoveryKey: rk, NewPassphrase: "yet another passphrase"}); app.AsError(err).Code != app.CodeWrongSecret {
		t.Fatalf("old recovery key: %v", err)
	}
	if err := d.Unlock(app.UnlockRequest{Passphrase: "mật khẩu mới của xã"}); err != nil {
		t.Fatalf("new passphrase: %v", err)
	}
	d.Close()
	d = NewDesktopOpener(DesktopOptions{Dir: dir, Core: &app.Core{}, KDF: testKDF})
	d.Start()
	if err := d.Unlock(app.UnlockRequest{RecoveryKey: newRK, NewPassphrase: "the third passphrase"}); err != nil {
		t.Fatalf("new recovery key: %v", err)
	}
	d.Close()
}

func TestDefaultDataDirFollowsXDG(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("XDG is for Unix desktops")
	}
	t.Setenv("XDG_DATA_HOME", "/srv/xdg")
	if d, _ := DefaultDataDir(); d != "/srv/xdg/hoso" {
		t.Fatalf("got %s", d)
	}
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", "/home/clerk")
	if d, _ := DefaultDataDir(); d != "/home/clerk/.local/share/hoso" {
		t.Fatalf("got %s", d)
	}
}

func TestDefaultKeyFileIsOutsideTheDataFolder(t *testing.T) {
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	kf, err := DefaultKeyFile("/srv/hoso")
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(kf) != filepath.Join(cfg, "hoso", "keys") {
		t.Fatalf("key file %s", kf)
	}
}
