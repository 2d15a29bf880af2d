package node

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"hoso/app"
	"hoso/p2p"
	"hoso/store"
)

// Node is an open data folder.
type Node struct {
	// Dir is the absolute path of the data folder.
	Dir string
	// Identity is the node's key and peer ID.
	Identity p2p.Identity
	// Store is the open database.
	Store *store.Store
}

// InitOptions configure Init.
type InitOptions struct {
	// Dir is the data folder to create or complete.
	Dir string
	// Office, when its code is set, names the office this node works for.
	Office app.Office
}

// Init prepares a data folder: the folder itself (owner-only), the identity,
// the database and the console token. It is idempotent: an existing node
// keeps its identity, data and token; only a given office is recorded.
func Init(opts InitOptions) (*Node, error) {
	dir, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, app.Wrap(app.CodeInvalidInput, err, "the data folder path is not valid")
	}
	if err := ensureDir(dir); err != nil {
		return nil, app.Wrap(app.CodeDataUnavailable, err, "cannot create the data folder")
	}
	if _, err := p2p.LoadOrCreateIdentity(dir); err != nil {
		return nil, app.Wrap(app.CodeDataUnavailable, err, "cannot create the node identity")
	}
	if _, err := EnsureToken(dir); err != nil {
		return nil, app.Wrap(app.CodeDataUnavailable, err, "cannot create the console token")
	}
	n, err := Open(dir)
	if err != nil {
		return nil, err
	}
	if err := app.SetupOffice(n.Store, opts.Office); err != nil {
		n.Close()
		return nil, app.Wrap(app.CodeInternal, err, "cannot record the office")
	}
	return n, nil
}

// Open opens an initialised data folder. Its errors are *app.Error with the
// codes not_initialised, data_in_use or data_unavailable.
func Open(dir string) (*Node, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, app.Wrap(app.CodeInvalidInput, err, "the data folder path is not valid")
	}
	if !exists(filepath.Join(dir, p2p.IdentityFile)) {
		return nil, app.Errorf(app.CodeNotInitialised, "no node in %s: run hoso-node init --data %s", dir, dir)
	}
	id, err := p2p.LoadIdentity(dir)
	if err != nil {
		return nil, app.Wrap(app.CodeDataUnavailable, err, "cannot read the node identity")
	}
	st, err := store.Open(store.Options{Dir: filepath.Join(dir, DBDir)})
	if errors.Is(err, store.ErrLocked) {
		return nil, app.Wrap(app.CodeDataInUse, err, "another program (the desktop app or a running node) is using this data folder")
	}
	if err != nil {
		return nil, app.Wrap(app.CodeDataUnavailable, err, "cannot open the database")
	}
	return &Node{Dir: dir, Identity: id, Store: st}, nil
}

// Deps returns what the services need from this node.
func (n *Node) Deps() app.Deps {
	return app.Deps{Store: n.Store, PeerID: n.Identity.PeerID.String(), DataDir: n.Dir}
}

// Close closes the database.
func (n *Node) Close() error {
	return n.Store.Close()
}

// EnsureToken returns the node's console token, creating it on first use.
func EnsureToken(dir string) (string, error) {
	tok, err := ReadToken(dir)
	if err == nil || !errors.Is(err, os.ErrNotExist) {
		return tok, err
	}
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("generating console token: %w", err)
	}
	tok = hex.EncodeToString(b[:])
	if err := writePrivate(filepath.Join(dir, TokenFile), []byte(tok+"\n")); err != nil {
		return "", err
	}
	return tok, nil
}

// ReadToken reads the console token kept in dir.
func ReadToken(dir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, TokenFile))
	if err != nil {
		return "", fmt.Errorf("reading console token: %w", err)
	}
	tok := strings.TrimSpace(string(b))
	if len(tok) < 32 {
		return "", fmt.Errorf("console token in %s is too short", dir)
	}
	return tok, nil
}
