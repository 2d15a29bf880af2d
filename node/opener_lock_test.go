package node

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hoso/app"
	"hoso/seal"
)

// keyFileNode initialises a node sealed by a key file beside its folder,
// which the desktop opens without asking, and closes it.
func keyFileNode(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "desk")
	in, err := Init(InitOptions{Dir: dir, Seal: seal.CreateOptions{Method: seal.MethodKeyFile, KeyFile: dir + ".key", KDF: testKDF}})
	if err != nil {
		t.Fatal(err)
	}
	if err := in.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// wantCode fails unless err is an *app.Error with code.
func wantCode(t *testing.T, what string, err error, code app.Code) *app.Error {
	t.Helper()
	var e *app.Error
	if !errors.As(err, &e) || e.Code != code {
		t.Fatalf("%s: %v, want %s", what, err, code)
	}
	return e
}

// The desktop holds the folder's lock from Start to Close (issue 21): a
// serve, a CLI call or a second window on the same folder finds it held,
// and after Close it is free.
func TestDesktopHoldsTheFolderLock(t *testing.T) {
	t.Parallel()
	dir := keyFileNode(t)
	d := NewDesktopOpener(DesktopOptions{Dir: dir, Core: &app.Core{}, KDF: testKDF, LockWait: 200 * time.Millisecond})
	d.Start()
	if st := d.Status(); st.State != app.VaultReady {
		t.Fatalf("start: %+v", st)
	}
	// A serve answers data_in_use at once, naming the window (not after
	// its 30 s wait: a clerk keeps the window open all day); a CLI call
	// finds the lock held and the same record.
	began := time.Now()
	_, err := LockFolder(context.Background(), dir, HandoverWait)
	e := wantCode(t, "serve while the desktop is open", err, app.CodeDataInUse)
	if waited := time.Since(began); waited > 5*time.Second || !strings.Contains(e.Message, "desktop app") {
		t.Fatalf("serve beside the desktop: waited %s for %q", waited, e.Message)
	}
	wantCode(t, "the desktop's record", DesktopHolds(dir), app.CodeDataInUse)
	if _, free, err := TryLockFolder(dir); err != nil || free {
		t.Fatalf("a CLI call while the desktop is open: free=%v %v", free, err)
	}
	// A second window says data_in_use and opens nothing, rather than
	// failing on Badger's lock.
	core2 := &app.Core{}
	d2 := NewDesktopOpener(DesktopOptions{Dir: dir, Core: core2, KDF: testKDF, LockWait: 200 * time.Millisecond})
	d2.Start()
	st := d2.Status()
	if st.State != app.VaultFailed || st.Error == nil || st.Error.Code != app.CodeDataInUse {
		t.Fatalf("second window: %+v", st)
	}
	_, err = core2.Deps()
	wantCode(t, "the second window's services", err, app.CodeDataInUse)
	// Closing the window that never had the folder lets nothing go.
	if err := d2.Close(); err != nil {
		t.Fatal(err)
	}
	if _, free, _ := TryLockFolder(dir); free {
		t.Fatal("closing the second window freed the first one's lock")
	}

	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	if err := DesktopHolds(dir); err != nil {
		t.Fatalf("the record outlives the window: %v", err)
	}
	l, free, err := TryLockFolder(dir)
	if err != nil || !free {
		t.Fatalf("after Close: free=%v %v", free, err)
	}
	l.Unlock()
}

// A window killed without closing leaves its record behind; the next
// holder of the lock clears it, so nobody is told of a dead window.
func TestStaleDesktopRecordIsCleared(t *testing.T) {
	t.Parallel()
	dir := keyFileNode(t)
	if err := WriteDesktop(dir); err != nil {
		t.Fatal(err)
	}
	l, free, err := TryLockFolder(dir)
	if err != nil || !free {
		t.Fatalf("free=%v %v", free, err)
	}
	defer l.Unlock()
	if err := DesktopHolds(dir); err != nil {
		t.Fatalf("a dead window's record survived the lock: %v", err)
	}
}

// A window started while a serve has the folder says so at once, naming
// the serve, instead of waiting or failing on Badger's lock; once the
// serve is gone, unlocking again opens the folder.
func TestDesktopStartsWhileAServeRuns(t *testing.T) {
	t.Parallel()
	dir := keyFileNode(t)
	// The serve, as cmd_serve does it: the lock, the database, the record.
	lock, err := LockFolder(context.Background(), dir, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	served, err := Open(seal.UnlockOptions{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteServing(dir, Serving{URL: "http://127.0.0.1:8700/", PID: 4242}); err != nil {
		t.Fatal(err)
	}

	core := &app.Core{}
	d := NewDesktopOpener(DesktopOptions{Dir: dir, Core: core, KDF: testKDF, LockWait: time.Minute})
	start := time.Now()
	d.Start()
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("the window waited %v for a running serve", took)
	}
	st := d.Status()
	if st.State != app.VaultFailed || st.Error == nil || st.Error.Code != app.CodeDataInUse || !strings.Contains(st.Error.Message, "hoso-node serve") {
		t.Fatalf("start while serving: %+v %+v", st, st.Error)
	}
	err = d.Unlock(app.UnlockRequest{})
	wantCode(t, "unlock while serving", err, app.CodeDataInUse)

	// The serve stops, in its order: the database, the record, the lock.
	served.Close()
	ClearServing(dir)
	lock.Unlock()
	if err := d.Unlock(app.UnlockRequest{}); err != nil {
		t.Fatalf("unlock after the serve stopped: %v", err)
	}
	if st := d.Status(); st.State != app.VaultReady {
		t.Fatalf("after the serve stopped: %+v", st)
	}
	if _, err := core.Deps(); err != nil {
		t.Fatal(err)
	}
	if _, free, _ := TryLockFolder(dir); free {
		t.Fatal("the window opened the folder without its lock")
	}
	d.Close()
}

// A new folder is claimed before it holds a node: while the window waits
// for the office passphrase (or has just sealed it with the OS key
// store), a serve or a CLI call finds the folder held.
func TestDesktopClaimsANewFolder(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "new desk")
	d := NewDesktopOpener(DesktopOptions{Dir: dir, Core: &app.Core{}, KDF: testKDF, LockWait: 200 * time.Millisecond})
	d.Start()
	if st := d.Status(); st.State != app.VaultSetup && st.State != app.VaultReady {
		t.Fatalf("new folder: %+v", st)
	}
	if _, free, err := TryLockFolder(dir); err != nil || free {
		t.Fatalf("a new folder the window holds: free=%v %v", free, err)
	}
	d.Close()
	l, free, err := TryLockFolder(dir)
	if err != nil || !free {
		t.Fatalf("after Close: free=%v %v", free, err)
	}
	l.Unlock()
}

// The desktop starts opening its folder before the window exists and asks
// again when the window starts (issue 19 §4): the folder is opened once,
// and both callers find it ready. A second opening would find Badger's
// lock held by the first and leave the window failed.
func TestDesktopStartOpensOnceWhenCalledTwice(t *testing.T) {
	t.Parallel()
	dir := keyFileNode(t)
	core := &app.Core{}
	d := NewDesktopOpener(DesktopOptions{Dir: dir, Core: core, KDF: testKDF, LockWait: 200 * time.Millisecond})
	done := make(chan struct{})
	go func() { d.Start(); close(done) }()
	d.Start()
	<-done
	if st := d.Status(); st.State != app.VaultReady || st.Error != nil {
		t.Fatalf("after two starts: %+v", st)
	}
	if _, err := core.Deps(); err != nil {
		t.Fatalf("services after two starts: %v", err)
	}
	if d.SyncEngine() == nil {
		t.Fatal("no sync engine after the start")
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	if _, free, err := TryLockFolder(dir); err != nil || !free {
		t.Fatalf("after close: free=%v %v", free, err)
	}
}
