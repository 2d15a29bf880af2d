package p2p

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/peer"
)

// IdentityFile is the name of the key file inside the data folder.
const IdentityFile = "identity.key"

// Identity is the node's Ed25519 key pair and the libp2p peer ID derived
// from it. The same key signs the node's events.
type Identity struct {
	Key    crypto.PrivKey
	PeerID peer.ID
}

// Ed25519 returns the private key in the standard library's form, for
// signing events.
func (id Identity) Ed25519() (ed25519.PrivateKey, error) {
	raw, err := id.Key.Raw()
	if err != nil {
		return nil, fmt.Errorf("reading identity key: %w", err)
	}
	if len(raw) != ed25519.PrivateKeySize {
		return nil, fmt.Errorf("identity key has %d bytes, want %d", len(raw), ed25519.PrivateKeySize)
	}
	return ed25519.PrivateKey(raw), nil
}

// LoadIdentity reads the identity kept in dir; fs.ErrNotExist means the
// folder has none yet.
func LoadIdentity(dir string) (Identity, error) {
	path := filepath.Join(dir, IdentityFile)
	b, err := os.ReadFile(path)
	if err != nil {
		return Identity{}, fmt.Errorf("reading %s: %w", path, err)
	}
	key, err := crypto.UnmarshalPrivateKey(b)
	if err != nil {
		return Identity{}, fmt.Errorf("decoding %s: %w", path, err)
	}
	if key.Type() != crypto.Ed25519 {
		return Identity{}, fmt.Errorf("%s holds a %v key, want Ed25519", path, key.Type())
	}
	return identityOf(key)
}

// LoadOrCreateIdentity returns the identity kept in dir, creating it on
// first start with owner-only permissions.
func LoadOrCreateIdentity(dir string) (Identity, error) {
	id, err := LoadIdentity(dir)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return id, err
	}
	key, _, err := crypto.GenerateEd25519Key(nil)
	if err != nil {
		return Identity{}, fmt.Errorf("generating identity: %w", err)
	}
	b, err := crypto.MarshalPrivateKey(key)
	if err != nil {
		return Identity{}, fmt.Errorf("encoding identity: %w", err)
	}
	path := filepath.Join(dir, IdentityFile)
	// O_EXCL: two processes starting at once must not each write a key.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return LoadIdentity(dir)
	}
	if err != nil {
		return Identity{}, fmt.Errorf("creating %s: %w", path, err)
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		os.Remove(path)
		return Identity{}, fmt.Errorf("writing %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return Identity{}, fmt.Errorf("writing %s: %w", path, err)
	}
	return identityOf(key)
}

func identityOf(key crypto.PrivKey) (Identity, error) {
	pid, err := peer.IDFromPrivateKey(key)
	if err != nil {
		return Identity{}, fmt.Errorf("deriving peer ID: %w", err)
	}
	return Identity{Key: key, PeerID: pid}, nil
}
