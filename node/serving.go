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
//   - lock held: a serve is starting, running or stopping, or another CLI
//     call has the folder; the caller waits for serve.json to answer or the
//     lock to come free, up to HandoverWait, and never opens the folder.

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
// and Open reports not_initialised.
func TryLockFolder(dir string) (l *FolderLock, free bool, err error) {
	dir, err = filepath.Abs(dir)
	if err != nil {
		return nil, false, app.Wrap(app.CodeInvalidInput, err, "the data folder path is not valid")
	}
	if !exists(filepath.Join(dir, p2p.IdentityFile)) {
		return nil, true, nil
	}
	f := flock.New(filepath.Join(dir, LockFile))
	ok, err := f.TryLock()
	if err != nil {
		return nil, false, app.Wrap(app.CodeDataUnavailable, err, "cannot lock the data folder")
	}
	if !ok {
		return nil, false, nil
	}
	if err := os.Remove(filepath.Join(dir, ServeFile)); err != nil && !errors.Is(err, os.ErrNotExist) {
		f.Unlock()
		return nil, false, app.Wrap(app.CodeDataUnavailable, err, "cannot remove the record of a stopped node")
	}
	return &FolderLock{f: f}, true, nil
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
		if !time.Now().Before(deadline) {
			return nil, app.Errorf(app.CodeDataInUse, "another hoso-node process has %s open and did not let it go within %s", dir, wait)
		}
		select {
		case <-ctx.Done():
			return nil, app.Wrap(app.CodeDataInUse, ctx.Err(), "stopped while waiting for another hoso-node process to let the data folder go")
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
