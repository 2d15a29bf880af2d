package node

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"hoso/app"
	"hoso/p2p"
	"hoso/seal"
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
	// KeyMethod is how the data key is sealed.
	KeyMethod seal.Method

	// dataKey encrypts the database; backups are encrypted under a key
	// derived from it, so the recovery key also opens them.
	dataKey []byte
	// storeOpts opened Store, kept to open it again in another profile
	// (UseProfile).
	storeOpts store.Options
}

// InitOptions configure Init.
type InitOptions struct {
	// Dir is the data folder to create or complete.
	Dir string
	// Office, when its code is set, names the office this node works for.
	Office app.Office
	// Seal says how to seal a new data key (Dir is filled in). For an
	// existing folder it is ignored and Unlock is used.
	Seal seal.CreateOptions
	// Unlock opens an existing folder's data key.
	Unlock seal.UnlockOptions
}

// Initialised is what Init reports: the open node and, for a new folder,
// what must be shown once.
type Initialised struct {
	*Node
	// Created is set when this call sealed a new data key: the recovery
	// key (and, for the env method, the variable's value) to show once.
	Created *seal.Created
}

// Init prepares a data folder: the folder itself (owner-only), the identity,
// the sealed data key, the encrypted database and the console token. It is
// idempotent: an existing node keeps its identity, key, data and token; only
// a given office is recorded. The caller holds the folder's lock
// (ClaimFolder), so that no other process writes the folder meanwhile.
func Init(opts InitOptions) (*Initialised, error) {
	dir, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, app.Wrap(app.CodeInvalidInput, err, "the data folder path is not valid")
	}
	if err := ensureDir(dir); err != nil {
		return nil, app.Wrap(app.CodeDataUnavailable, err, "cannot create the data folder")
	}
	var created *seal.Created
	if _, err := seal.Describe(dir); errors.Is(err, seal.ErrNoSeal) {
		if exists(filepath.Join(dir, DBDir)) {
			return nil, app.Errorf(app.CodeDataUnavailable, "%s holds a database without a sealed data key (an unencrypted folder from an early version): move it away and initialise again", dir)
		}
		so := opts.Seal
		so.Dir = dir
		c, err := seal.Create(so)
		if err != nil {
			return nil, createError(err, so)
		}
		created = &c
	} else if err != nil {
		return nil, sealError(err)
	}
	if _, err := p2p.LoadOrCreateIdentity(dir); err != nil {
		return nil, app.Wrap(app.CodeDataUnavailable, err, "cannot create the node identity")
	}
	if _, err := EnsureToken(dir); err != nil {
		return nil, app.Wrap(app.CodeDataUnavailable, err, "cannot create the console token")
	}
	var n *Node
	if created != nil {
		n, err = openWithKey(dir, created.Key, opts.Seal.Method, nil, nil)
	} else {
		u := opts.Unlock
		u.Dir = dir
		n, err = Open(u)
	}
	if err != nil {
		return nil, err
	}
	if err := app.SetupOffice(n.Store, opts.Office); err != nil {
		n.Close()
		return nil, app.Wrap(app.CodeInternal, err, "cannot record the office")
	}
	return &Initialised{Node: n, Created: created}, nil
}

// Open unlocks and opens an initialised data folder. Its errors are
// *app.Error with the codes not_initialised, locked, wrong_secret,
// key_unavailable, data_in_use or data_unavailable.
func Open(u seal.UnlockOptions) (*Node, error) {
	return OpenClock(u, nil)
}

// OpenClock is Open with the store's clock given: the demo generator
// replays a past year in order, stamping each event with its simulated time.
func OpenClock(u seal.UnlockOptions, now func() time.Time) (*Node, error) {
	return open(u, now, nil)
}

// OpenTimings says where opening a data folder spent its time.
type OpenTimings struct {
	// Unseal is reading the sealed data key and unsealing it.
	Unseal time.Duration
	// Store is the database's own steps.
	Store store.OpenTimings
}

// OpenTimed is Open that also reports where the time went (the desktop's
// start-up timing mode).
func OpenTimed(u seal.UnlockOptions, t *OpenTimings) (*Node, error) {
	return open(u, nil, t)
}

// open unlocks and opens a data folder; t, when set, receives the timings.
func open(u seal.UnlockOptions, now func() time.Time, t *OpenTimings) (*Node, error) {
	if t == nil {
		t = &OpenTimings{}
	}
	dir, err := filepath.Abs(u.Dir)
	if err != nil {
		return nil, app.Wrap(app.CodeInvalidInput, err, "the data folder path is not valid")
	}
	if !exists(filepath.Join(dir, p2p.IdentityFile)) {
		return nil, app.Errorf(app.CodeNotInitialised, "no node in %s: run hoso-node init --data %s", dir, dir)
	}
	info, err := seal.Describe(dir)
	if err != nil {
		return nil, sealError(err)
	}
	u.Dir = dir
	start := time.Now()
	key, err := seal.Unlock(u)
	t.Unseal = time.Since(start)
	if err != nil {
		return nil, sealError(err)
	}
	return openWithKey(dir, key, info.Method, now, &t.Store)
}

// lockedRetry is how long openWithKey retries a database whose lock is
// held before it answers data_in_use.
const lockedRetry = time.Second

// openWithKey opens the database of dir with its data key.
func openWithKey(dir string, key []byte, method seal.Method, now func() time.Time, tm *store.OpenTimings) (*Node, error) {
	id, err := p2p.LoadOrCreateIdentity(dir)
	if err != nil {
		return nil, app.Wrap(app.CodeDataUnavailable, err, "cannot read the node identity")
	}
	signer, err := id.Ed25519()
	if err != nil {
		return nil, app.Wrap(app.CodeDataUnavailable, err, "cannot read the node identity")
	}
	opts := store.Options{Dir: filepath.Join(dir, DBDir), EncryptionKey: key, Signer: signer, Projections: append(app.Projections(), p2p.TrustProjection{}), Now: now, Timings: tm}
	st, err := store.Open(opts)
	// The database's own lock can be held a moment longer than the
	// process that last used it: a child process started meanwhile (a
	// serve, a worker) shares the lock's open file until it execs, which
	// on a loaded machine takes some milliseconds. Every caller already
	// holds the folder's lock or is the only opener, so a short wait
	// tells that apart from a real holder (seen once on CI as data_in_use
	// between two CLI calls on one folder).
	for deadline := time.Now().Add(lockedRetry); errors.Is(err, store.ErrLocked) && time.Now().Before(deadline); {
		time.Sleep(lockedRetry / 20)
		st, err = store.Open(opts)
	}
	switch {
	case errors.Is(err, store.ErrLocked):
		return nil, app.Wrap(app.CodeDataInUse, err, "another program (the desktop app or a running node) is using this data folder")
	case errors.Is(err, store.ErrWrongKey):
		return nil, app.Wrap(app.CodeDataUnavailable, err, "the data key does not open this database")
	case err != nil:
		return nil, app.Wrap(app.CodeDataUnavailable, err, "cannot open the database")
	}
	// The database's lock is held: no other process uses the folder, so
	// the temporary files left there (a bundle being imported when the
	// machine lost power) are nobody's. They are sealed, but a stick's
	// worth of citizens' records should not stay on disk for nothing.
	if err := os.RemoveAll(filepath.Join(dir, app.TempFolder)); err != nil {
		st.Close()
		return nil, app.Wrap(app.CodeDataUnavailable, err, "cannot clear the data folder's temporary files")
	}
	return &Node{Dir: dir, Identity: id, Store: st, KeyMethod: method, dataKey: key, storeOpts: opts}, nil
}

// createError is sealError for Init's seal.Create on a folder without a
// data key: a key file already at the chosen path (often the default one,
// left by an earlier node initialised at the same path) is named, with the
// ways on; datakey.json itself cannot be there, Describe found none.
func createError(err error, so seal.CreateOptions) *app.Error {
	if errors.Is(err, seal.ErrExists) && so.Method == seal.MethodKeyFile {
		return app.Wrap(app.CodeVaultState, err, fmt.Sprintf("the key file %s already exists (left by an earlier node initialised at this path, or another node's key); nothing was created. "+
			"If it is the key of a data folder that is gone and none of that folder's backups will be restored, delete it and run init again; "+
			"otherwise keep it and give init another path with --key-file", so.KeyFile))
	}
	return sealError(err)
}

// sealError gives a seal error its stable code and a message a person can
// act on.
func sealError(err error) *app.Error {
	switch {
	case errors.Is(err, seal.ErrNoSeal):
		return app.Wrap(app.CodeNotInitialised, err, "the data folder has no sealed data key")
	case errors.Is(err, seal.ErrNeedSecret):
		return app.Wrap(app.CodeLocked, err, "the data folder is locked by the office passphrase")
	case errors.Is(err, seal.ErrWrongSecret):
		return app.Wrap(app.CodeWrongSecret, err, "wrong passphrase or recovery key")
	case errors.Is(err, seal.ErrWeakPassphrase):
		return &app.Error{Code: app.CodeInvalidInput, Field: "passphrase", Message: "the passphrase needs at least 10 characters", Err: err}
	case errors.Is(err, seal.ErrKeyUnavailable):
		// These messages name the file or variable and how to fix it.
		return app.Wrap(app.CodeKeyUnavailable, err, detail(err, seal.ErrKeyUnavailable))
	case errors.Is(err, seal.ErrInsecureKeyFile):
		return app.Wrap(app.CodeKeyUnavailable, err, detail(err, seal.ErrInsecureKeyFile))
	case errors.Is(err, seal.ErrExists):
		return app.Wrap(app.CodeVaultState, err, "the data folder already has a data key")
	case errors.Is(err, seal.ErrCorrupt):
		return app.Wrap(app.CodeTampered, err, "datakey.json in the data folder is damaged or was altered: restore it from a backup, or unlock with the recovery key after restoring it")
	case errors.Is(err, seal.ErrUnsupported):
		return app.Wrap(app.CodeDataUnavailable, err, "the data folder was set up by a newer version of Hồ Sơ Một Cửa: update this program")
	case errors.Is(err, seal.ErrInvalidOptions):
		return app.Wrap(app.CodeInvalidInput, err, detail(err, seal.ErrInvalidOptions))
	default:
		return app.Wrap(app.CodeDataUnavailable, err, "the sealed data key cannot be read")
	}
}

// detail returns an error's message without the sentinel's own text, which
// the code already says.
func detail(err, sentinel error) string {
	return strings.TrimSuffix(err.Error(), ": "+sentinel.Error())
}

// Deps returns what the services need from this node.
func (n *Node) Deps() app.Deps {
	return app.Deps{Store: n.Store, PeerID: n.Identity.PeerID.String(), DataDir: n.Dir}
}

// Close closes the database.
func (n *Node) Close() error {
	return n.Store.Close()
}

// EnsureToken returns the node's console token, creating it (and the
// operator token) on first use.
func EnsureToken(dir string) (string, error) {
	if _, err := ensureSecret(dir, OperatorTokenFile); err != nil {
		return "", err
	}
	return ensureSecret(dir, TokenFile)
}

// ReadToken reads the console token kept in dir.
func ReadToken(dir string) (string, error) { return readSecret(dir, TokenFile) }

// ReadOperatorToken reads the operator token kept in dir.
func ReadOperatorToken(dir string) (string, error) { return readSecret(dir, OperatorTokenFile) }

func ensureSecret(dir, name string) (string, error) {
	tok, err := readSecret(dir, name)
	if err == nil || !errors.Is(err, os.ErrNotExist) {
		return tok, err
	}
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("generating %s: %w", name, err)
	}
	tok = hex.EncodeToString(b[:])
	if err := writePrivate(filepath.Join(dir, name), []byte(tok+"\n")); err != nil {
		return "", err
	}
	return tok, nil
}

func readSecret(dir, name string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		return "", fmt.Errorf("reading %s: %w", name, err)
	}
	tok := strings.TrimSpace(string(b))
	if len(tok) < 32 {
		return "", fmt.Errorf("%s in %s is too short", name, dir)
	}
	return tok, nil
}
