package node

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/gofrs/flock"

	"hoso/app"
	"hoso/p2p"
)

// How serve and the CLI hand a data folder over. One lock decides who has
// the folder, never the presence of serve.json: `hoso-node serve` takes
// LockFile before it opens the database and holds it for its whole life;
// a CLI call that opens the folder itself holds it while it does. The
// kernel drops the lock with its process, so a serve killed with -9 leaves
// a stale serve.json but a free lock:
//
//   - lock free: nobody serves; the caller takes the lock (which clears a
//     stale serve.json) and opens the folder;
//   - lock held: a serve is starting, running or stopping, another CLI
//     call, an init or the desktop has the folder; the caller waits for
//     serve.json to answer or the lock to come free, up to HandoverWait,
//     and never opens the folder.
//
// `hoso-node init` and the desktop window claim the folder (ClaimFolder)
// before they create or open anything in it, so the lock exists even while
// a new node is being made: two inits, or an init and a serve, never both
// write, and a desktop never races a serve for the database.

// HandoverWait bounds how long one side of the handover waits for the
// other: a serve still unlocking its data key, a CLI call still printing.
const HandoverWait = 30 * time.Second

// lockPoll is how often a waiting side tries the lock again.
const lockPoll = 100 * time.Millisecond

// FolderLock is a held LockFile. A nil *FolderLock (a folder with no node,
// which has nothing to guard) is valid and unlocks to nothing.
type FolderLock struct {
	f *flock.Flock
}

// TryLockFolder takes the lock of the node in dir when no other process
// holds it; free is false while one does. The holder knows no node serves
// dir, so a serve.json found there is a dead serve's and is removed. A
// folder without a node has nothing to guard: free is true with a nil lock,
// and Open reports not_initialised. A folder whose node is being made (an
// init or a desktop holds its lock before the identity exists) counts as a
// node's.
func TryLockFolder(dir string) (l *FolderLock, free bool, err error) {
	dir, err = filepath.Abs(dir)
	if err != nil {
		return nil, false, app.Wrap(app.CodeInvalidInput, err, "the data folder path is not valid")
	}
	if !exists(filepath.Join(dir, p2p.IdentityFile)) && !exists(filepath.Join(dir, LockFile)) {
		return nil, true, nil
	}
	return tryLock(dir)
}

// tryLock takes the lock file of dir, creating it, and clears a dead
// serve's record.
func tryLock(dir string) (*FolderLock, bool, error) {
	f := flock.New(filepath.Join(dir, LockFile))
	ok, err := f.TryLock()
	if err != nil {
		return nil, false, app.Wrap(app.CodeDataUnavailable, err, "cannot lock the data folder")
	}
	if !ok {
		return nil, false, nil
	}
	// The holder is dead: the records it left say nothing any more.
	for _, name := range []string{ServeFile, DesktopFile} {
		if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
			f.Unlock()
			return nil, false, app.Wrap(app.CodeDataUnavailable, err, "cannot remove the record of a stopped node")
		}
	}
	return &FolderLock{f: f}, true, nil
}

// ClaimFolder takes the lock of the data folder dir for a process that
// creates or opens the node there itself: `hoso-node init` and the desktop
// window. dir is created (owner-only) when missing and locked whether or
// not it holds a node yet. While another process holds the lock it waits
// up to wait (or until ctx ends) for it to let go, then answers
// data_in_use; when that process is a running serve (serve.json is
// there), waiting would not help, and it answers data_in_use at once,
// naming the serve.
func ClaimFolder(ctx context.Context, dir string, wait time.Duration) (*FolderLock, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, app.Wrap(app.CodeInvalidInput, err, "the data folder path is not valid")
	}
	if err := ensureDir(abs); err != nil {
		return nil, app.Wrap(app.CodeDataUnavailable, err, "cannot create the data folder")
	}
	deadline := time.Now().Add(wait)
	for {
		l, free, err := tryLock(abs)
		if err != nil || free {
			return l, err
		}
		if s, ok := ReadServing(abs); ok {
			return nil, app.Errorf(app.CodeDataInUse, "hoso-node serve (process %d, console %s) has %s open: stop it first, or work through its console", s.PID, s.URL, abs)
		}
		if err := DesktopHolds(abs); err != nil {
			return nil, err
		}
		if !time.Now().Before(deadline) {
			return nil, app.Errorf(app.CodeDataInUse, "another program (the desktop app, hoso-node) has %s open and did not let it go within %s: close it, then try again", abs, wait)
		}
		select {
		case <-ctx.Done():
			return nil, app.Wrap(app.CodeDataInUse, ctx.Err(), "stopped while waiting for another program to let the data folder go")
		case <-time.After(lockPoll):
		}
	}
}

// LockFolder is TryLockFolder waiting up to wait (or until ctx ends) for
// the process that holds the lock to let it go: serve uses it to start
// after a CLI call that has the folder open. When the wait ends it
// answers data_in_use.
func LockFolder(ctx context.Context, dir string, wait time.Duration) (*FolderLock, error) {
	deadline := time.Now().Add(wait)
	for {
		l, free, err := TryLockFolder(dir)
		if err != nil || free {
			return l, err
		}
		if err := DesktopHolds(dir); err != nil {
			return nil, err
		}
		if !time.Now().Before(deadline) {
			return nil, app.Errorf(app.CodeDataInUse, "another program (a hoso-node call or init, or the desktop app) has %s open and did not let it go within %s", dir, wait)
		}
		select {
		case <-ctx.Done():
			return nil, app.Wrap(app.CodeDataInUse, ctx.Err(), "stopped while waiting for another program to let the data folder go")
		case <-time.After(lockPoll):
		}
	}
}

// Unlock lets the folder go. Call it after the database is closed.
func (l *FolderLock) Unlock() {
	if l != nil {
		l.f.Unlock()
	}
}

// Serving describes a running `hoso-node serve`, as written to ServeFile.
type Serving struct {
	// URL is the console's base URL, without the token.
	URL string `json:"url"`
	// PID is the serving process.
	PID int `json:"pid"`
	// Listen lists the libp2p addresses the node listens on.
	Listen []string `json:"listen"`
}

// WriteServing records that a node serves this folder. The writer holds
// the folder's lock (LockFolder).
func WriteServing(dir string, s Serving) error {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding %s: %w", ServeFile, err)
	}
	return writePrivate(filepath.Join(dir, ServeFile), b)
}

// ClearServing removes the record written by WriteServing.
func ClearServing(dir string) {
	os.Remove(filepath.Join(dir, ServeFile))
}

// ReadServing reads the record of a node serving dir. The record can be
// stale (a serve killed with -9 leaves it behind) or a dead serve's while
// the next one starts: callers trust it only while the folder's lock is
// held by another process (TryLockFolder), and confirm by calling it.
func ReadServing(dir string) (Serving, bool) {
	b, err := os.ReadFile(filepath.Join(dir, ServeFile))
	if err != nil {
		return Serving{}, false
	}
	var s Serving
	if json.Unmarshal(b, &s) != nil || s.URL == "" {
		return Serving{}, false
	}
	return s, true
}

// desktopRecord is DesktopFile's content.
type desktopRecord struct {
	PID int `json:"pid"`
}

// WriteDesktop records that the desktop window (this process) holds the
// folder's lock; the caller holds it.
func WriteDesktop(dir string) error {
	b, err := json.Marshal(desktopRecord{PID: os.Getpid()})
	if err != nil {
		return fmt.Errorf("encoding %s: %w", DesktopFile, err)
	}
	return writePrivate(filepath.Join(dir, DesktopFile), b)
}

// ClearDesktop removes the record written by WriteDesktop; the caller
// still holds the lock.
func ClearDesktop(dir string) {
	os.Remove(filepath.Join(dir, DesktopFile))
}

// DesktopHolds answers data_in_use, naming the window, when the desktop
// app holds dir: a caller that found the lock held does not wait for a
// window a clerk may keep open all day. It answers nil otherwise. Like
// serve.json the record can be stale, so it is trusted only while the lock
// is held by another process.
func DesktopHolds(dir string) error {
	b, err := os.ReadFile(filepath.Join(dir, DesktopFile))
	if err != nil {
		return nil
	}
	var r desktopRecord
	if json.Unmarshal(b, &r) != nil || r.PID == 0 {
		return nil
	}
	return app.Errorf(app.CodeDataInUse, "the desktop app (process %d) has %s open: close its window first, or work in it", r.PID, dir)
}
