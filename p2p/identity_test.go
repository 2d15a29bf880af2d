package p2p

import (
	"crypto/ed25519"
	"os"
	"path/filepath"
	"testing"
)

func TestIdentityIsCreatedOnceWithOwnerOnlyPermissions(t *testing.T) {
	dir := t.TempDir()
	first, err := LoadOrCreateIdentity(dir)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(filepath.Join(dir, IdentityFile))
	if err != nil {
		t.Fatal(err)
	}
	if perm := st.Mode().Perm(); perm != 0o600 {
		t.Fatalf("identity file mode %o, want 600", perm)
	}
	again, err := LoadOrCreateIdentity(dir)
	if err != nil {
		t.Fatal(err)
	}
	if again.PeerID != first.PeerID {
		t.Fatalf("peer ID changed across loads: %s then %s", first.PeerID, again.PeerID)
	}
	priv, err := first.Ed25519()
	if err != nil {
		t.Fatal(err)
	}
	sig := ed25519.Sign(priv, []byte("x"))
	pub, _ := first.Key.GetPublic().Raw()
	if !ed25519.Verify(pub, []byte("x"), sig) {
		t.Fatal("the stdlib key does not match the libp2p public key")
	}
}

func TestCorruptIdentityIsAnError(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, IdentityFile), []byte("garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadOrCreateIdentity(dir); err == nil {
		t.Fatal("a corrupt identity file was accepted")
	}
}

func TestHostUsesTheIdentity(t *testing.T) {
	id, err := LoadOrCreateIdentity(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	h, err := NewHost(HostOptions{Identity: id})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	if h.ID() != id.PeerID {
		t.Fatalf("host ID %s, want %s", h.ID(), id.PeerID)
	}
	if len(h.Addrs()) == 0 {
		t.Fatal("host listens nowhere")
	}
}
