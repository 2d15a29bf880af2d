package node

import (
	"context"
	"errors"
	"log"
	"sync"
	"time"

	"hoso/app"
	"hoso/p2p"
	"hoso/seal"
)

// DesktopOpener opens the desktop's data folder: at once when the OS key
// store holds the key, after the clerk gives the office passphrase
// otherwise. It implements app.Opener and installs the opened node in the
// Core. It claims the folder's lock (ClaimFolder) before anything else and
// holds it until Close, as serve and the CLI do, so that a desktop and a
// `hoso-node serve` on one folder never race for the database.
type DesktopOpener struct {
	dir      string
	core     *app.Core
	kdf      *seal.KDFParams
	lockWait time.Duration
	timer    *app.StartupTimer
	// starting makes Start run once: the desktop starts opening before its
	// window exists and asks again when the window starts.
	starting sync.Once

	mu       sync.Mutex
	lock     *FolderLock
	node     *Node
	state    string
	method   string
	recovery string
	err      *app.Error
	engine   *SyncEngine
	// stopSync ends the window's live sync (its host and loop).
	stopSync func()
}

// DesktopOptions configure NewDesktopOpener.
type DesktopOptions struct {
	// Dir is the data folder.
	Dir string
	// Core receives the opened node.
	Core *app.Core
	// KDF overrides the passphrase's argon2id cost (tests); nil means the
	// default.
	KDF *seal.KDFParams
	// LockWait bounds how long Start waits for another program (a
	// hoso-node call) to let the folder go; 0 means DesktopLockWait.
	LockWait time.Duration
	// Timer, in the start-up timing mode, is told how long each step of
	// the opening took.
	Timer *app.StartupTimer
}

// DesktopLockWait is how long the window waits at start for a hoso-node
// call that has the folder open to finish. A running serve is reported at
// once; a longer wait would only keep the clerk before a blank window.
const DesktopLockWait = 5 * time.Second

// NewDesktopOpener returns an opener; call Start to try opening at once.
func NewDesktopOpener(opts DesktopOptions) *DesktopOpener {
	wait := opts.LockWait
	if wait == 0 {
		wait = DesktopLockWait
	}
	return &DesktopOpener{dir: opts.Dir, core: opts.Core, kdf: opts.KDF, lockWait: wait, timer: opts.Timer}
}

// Start opens the folder if it can without asking: a new folder on a
// computer with an OS key store is sealed there (its recovery key waits to
// be shown); a folder sealed by the OS store, a key file or a variable opens
// directly. Otherwise the opener waits for Setup or Unlock. First it claims
// the folder: when a serve or another program has it, the window shows
// data_in_use and opens nothing. Start runs once; a second call waits
// until the first is done.
func (d *DesktopOpener) Start() { d.starting.Do(d.start) }

func (d *DesktopOpener) start() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if err := d.claim(d.lockWait); err != nil {
		d.fail(err)
		return
	}
	info, err := seal.Describe(d.dir)
	switch {
	case errors.Is(err, seal.ErrNoSeal) && seal.OSAvailable():
		in, err := Init(InitOptions{Dir: d.dir, Seal: seal.CreateOptions{Method: seal.MethodOS}})
		if err != nil {
			d.fail(err)
			return
		}
		d.recovery = in.Created.RecoveryKey
		d.opened(in.Node)
	case errors.Is(err, seal.ErrNoSeal):
		d.state, d.method = app.VaultSetup, ""
		d.core.Failed(app.Errorf(app.CodeLocked, "the data folder needs an office passphrase"))
	case err != nil:
		d.fail(sealError(err))
	case info.Method == seal.MethodPassphrase:
		d.state, d.method = app.VaultLocked, string(info.Method)
		d.core.Failed(app.Errorf(app.CodeLocked, "the data folder is locked by the office passphrase"))
	default:
		start := time.Now()
		var tm OpenTimings
		n, err := OpenTimed(seal.UnlockOptions{Dir: d.dir}, &tm)
		if err != nil {
			d.fail(err)
			return
		}
		d.timed(start, tm)
		d.opened(n)
	}
}

// timed tells the start-up timer, if any, where the opening spent its time.
func (d *DesktopOpener) timed(start time.Time, tm OpenTimings) {
	t := d.timer
	if t == nil {
		return
	}
	t.Span("unseal", tm.Unseal)
	t.Span("badgerOpen", tm.Store.Badger)
	t.Span("migrate", tm.Store.Migrate)
	t.Span("load", tm.Store.Load)
	t.Span("projections", tm.Store.Projections)
	at := start.Add(tm.Unseal)
	t.MarkAt("unsealed", at)
	// The store's steps end together with Open: count back from now.
	end := time.Now()
	t.MarkAt("storeOpen", end.Add(-tm.Store.Projections))
	t.MarkAt("projectionsReady", end)
}

// claim takes the folder's lock unless the opener holds it already.
func (d *DesktopOpener) claim(wait time.Duration) error {
	if d.lock != nil {
		return nil
	}
	lock, err := ClaimFolder(context.Background(), d.dir, wait)
	if err != nil {
		return err
	}
	// Said on disk, so a CLI call on the folder answers at once.
	if err := WriteDesktop(d.dir); err != nil {
		lock.Unlock()
		return app.Wrap(app.CodeDataUnavailable, err, "cannot record that the desktop app has the data folder open")
	}
	d.lock = lock
	return nil
}

func (d *DesktopOpener) fail(err error) {
	e := app.AsError(err)
	log.Printf("opening %s: %v", d.dir, e)
	d.state, d.err = app.VaultFailed, e
	d.core.Failed(e)
}

func (d *DesktopOpener) opened(n *Node) {
	d.node, d.state, d.method, d.err = n, app.VaultReady, string(n.KeyMethod), nil
	// The services first: a login need not wait for the sync host (a
	// call for the sync engine waits for d.mu, so it sees the engine).
	d.core.Ready(n.Deps())
	d.startSync(n)
	if d.timer != nil {
		d.timer.Mark("opened")
	}
}

// Status reports the folder's state.
func (d *DesktopOpener) Status() app.VaultStatus {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.state == "" {
		return app.VaultStatus{State: app.VaultFailed, Error: &app.Reply{Code: app.CodeNotReady, Message: "still opening"}}
	}
	st := app.VaultStatus{State: d.state, Method: d.method, OSKeyStore: seal.OSAvailable(), RecoveryKey: d.recovery}
	if d.err != nil {
		r := d.err.Reply()
		st.Error = &r
	}
	return st
}

// Setup seals a new folder with the office passphrase and opens it.
func (d *DesktopOpener) Setup(passphrase string) (string, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.state != app.VaultSetup {
		return "", app.Errorf(app.CodeVaultState, "the data folder is already set up")
	}
	if err := seal.CheckPassphrase(passphrase); err != nil {
		return "", sealError(err)
	}
	if err := d.claim(0); err != nil {
		return "", err
	}
	in, err := Init(InitOptions{Dir: d.dir, Seal: seal.CreateOptions{Method: seal.MethodPassphrase, Passphrase: passphrase, KDF: d.kdf}})
	if err != nil {
		return "", err
	}
	d.recovery = in.Created.RecoveryKey
	d.opened(in.Node)
	return d.recovery, nil
}

// Unlock opens the folder with the passphrase or the recovery key. A
// recovery means the usual way failed (a forgotten passphrase, a rebuilt
// Windows profile), so the key is then sealed again: in the OS key store
// when there is one, else under the new passphrase the clerk chose; the new
// recovery key waits to be shown.
func (d *DesktopOpener) Unlock(req app.UnlockRequest) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	switch d.state {
	case app.VaultReady:
		return nil
	case app.VaultSetup:
		return app.Errorf(app.CodeVaultState, "the data folder is not set up yet")
	}
	var reseal *seal.CreateOptions
	if req.RecoveryKey != "" {
		switch {
		case seal.OSAvailable():
			reseal = &seal.CreateOptions{Method: seal.MethodOS}
		case req.NewPassphrase == "":
			return app.FieldError("newPassphrase", "choose a new office passphrase to seal the data again")
		default:
			if err := seal.CheckPassphrase(req.NewPassphrase); err != nil {
				return &app.Error{Code: app.CodeInvalidInput, Field: "newPassphrase", Message: "the new passphrase needs at least 10 characters", Err: err}
			}
			reseal = &seal.CreateOptions{Method: seal.MethodPassphrase, Passphrase: req.NewPassphrase, KDF: d.kdf}
		}
	}
	// A start that found the folder in use holds no lock: the clerk tries
	// again once the other program is gone.
	if err := d.claim(0); err != nil {
		return app.AsError(err)
	}
	n, err := Open(seal.UnlockOptions{Dir: d.dir, Passphrase: req.Passphrase, RecoveryKey: req.RecoveryKey})
	if err != nil {
		e := app.AsError(err)
		if e.Code == app.CodeWrongSecret || e.Code == app.CodeInvalidInput || e.Code == app.CodeLocked {
			return e // stay as we are; the clerk tries again
		}
		d.fail(e)
		return e
	}
	if reseal != nil {
		c, err := seal.Rewrap(d.dir, n.dataKey, *reseal)
		if err != nil {
			// The data is open; only the new seal failed. Keep working and
			// say so: the next start will need the recovery key again.
			log.Printf("sealing the data key again after a recovery: %v", err)
		} else {
			n.KeyMethod = reseal.Method
			d.recovery = c.RecoveryKey
		}
	}
	d.opened(n)
	return nil
}

// AcknowledgeRecovery forgets the recovery key.
func (d *DesktopOpener) AcknowledgeRecovery() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.recovery = ""
}

// desktopListen is where an enrolled desk listens: every interface, so
// that the office's other desks find it on the LAN; the gater admits only
// enrolled devices.
var desktopListen = []string{"/ip4/0.0.0.0/tcp/0", "/ip4/0.0.0.0/udp/0/quic-v1"}

// startSync gives the window its sync engine: with a libp2p host and the
// background loop once the folder's device is enrolled, else for
// enrolment and bundles only; accepting an enrolment starts live sync.
func (d *DesktopOpener) startSync(n *Node) {
	if d.stopSync != nil {
		d.stopSync()
		d.stopSync = nil
	} else if d.engine != nil {
		d.engine.Close()
	}
	gater, _ := n.Gater()
	if gater == nil {
		d.engine = NewSyncEngine(n, nil)
		d.engine.onEnrolled = func() {
			d.mu.Lock()
			defer d.mu.Unlock()
			if d.node == n {
				d.startSync(n)
			}
		}
		return
	}
	h, err := p2p.NewHost(p2p.HostOptions{Identity: n.Identity, Listen: desktopListen, Gater: gater})
	if err != nil {
		log.Printf("sync: cannot start the host, sync by bundles only: %v", err)
		d.engine = NewSyncEngine(n, nil)
		return
	}
	eng := NewSyncEngine(n, h)
	eng.MDNS = true
	d.engine = eng
	ctx, cancel := context.WithCancel(context.Background())
	go eng.Run(ctx)
	// In order: the loop and all it started end, then the host closes;
	// the store closes after (Close).
	d.stopSync = func() { cancel(); eng.Close(); h.Close() }
}

// SyncEngine returns the open folder's sync engine, nil before it opens.
func (d *DesktopOpener) SyncEngine() app.SyncEngine {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.engine == nil || d.node == nil {
		return nil
	}
	return d.engine
}

// Close closes the node if it was opened, then lets the folder go.
func (d *DesktopOpener) Close() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	// The lock goes last, after the database is closed.
	defer func() {
		if d.lock != nil {
			ClearDesktop(d.dir)
		}
		d.lock.Unlock()
		d.lock = nil
	}()
	if d.node == nil {
		return nil
	}
	if d.stopSync != nil {
		d.stopSync()
		d.stopSync = nil
	}
	if d.engine != nil {
		// A window without a host still closes its engine: nothing of it
		// may touch the store once closed.
		d.engine.Close()
	}
	err := d.node.Close()
	d.node, d.engine = nil, nil
	return err
}
