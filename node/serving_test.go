package node

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"hoso/app"
	"hoso/p2p"
)

// nodeFolder makes a folder that TryLockFolder takes for a node's.
func nodeFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, p2p.IdentityFile), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestFolderLockIsExclusiveAndClearsADeadServesRecord(t *testing.T) {
	dir := nodeFolder(t)
	if err := WriteServing(dir, Serving{URL: "http://127.0.0.1:1/", PID: 1}); err != nil {
		t.Fatal(err)
	}
	l, free, err := TryLockFolder(dir)
	if err != nil || !free || l == nil {
		t.Fatalf("first lock: %v %v %v", l, free, err)
	}
	if _, ok := ReadServing(dir); ok {
		t.Error("the lock's holder kept a dead serve's record")
	}
	// Another holder (a separate open of the file, as another process
	// has) is refused while the first holds it.
	if _, free, err := TryLockFolder(dir); err != nil || free {
		t.Fatalf("second lock while held: free=%v %v", free, err)
	}
	// A record written by the holder stays while it holds the lock.
	if err := WriteServing(dir, Serving{URL: "http://127.0.0.1:2/", PID: 2}); err != nil {
		t.Fatal(err)
	}
	if _, free, _ := TryLockFolder(dir); free {
		t.Fatal("lock taken twice")
	}
	if s, ok := ReadServing(dir); !ok || s.PID != 2 {
		t.Errorf("the holder's record: %+v %v", s, ok)
	}
	l.Unlock()
	l2, free, err := TryLockFolder(dir)
	if err != nil || !free {
		t.Fatalf("lock after unlock: %v %v", free, err)
	}
	l2.Unlock()
}

func TestFolderLockOfAFolderWithoutANode(t *testing.T) {
	for _, dir := range []string{t.TempDir(), filepath.Join(t.TempDir(), "missing")} {
		l, free, err := TryLockFolder(dir)
		if err != nil || !free || l != nil {
			t.Errorf("%s: %v %v %v", dir, l, free, err)
		}
		l.Unlock() // a nil lock unlocks to nothing
		if _, err := os.Stat(filepath.Join(dir, LockFile)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s: a lock file in a folder without a node: %v", dir, err)
		}
	}
}

func TestLockFolderWaitsForTheHolder(t *testing.T) {
	dir := nodeFolder(t)
	held, _, err := TryLockFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	// Bounded: data_in_use once the wait is over.
	start := time.Now()
	_, err = LockFolder(context.Background(), dir, 300*time.Millisecond)
	var e *app.Error
	if !errors.As(err, &e) || e.Code != app.CodeDataInUse {
		t.Fatalf("wait over: %v", err)
	}
	if d := time.Since(start); d < 300*time.Millisecond || d > 3*time.Second {
		t.Errorf("waited %v for 300ms", d)
	}
	// Stopped: data_in_use at once.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := LockFolder(ctx, dir, time.Minute); !errors.As(err, &e) || e.Code != app.CodeDataInUse {
		t.Fatalf("cancelled: %v", err)
	}
	// Released during the wait: taken.
	go func() {
		time.Sleep(300 * time.Millisecond)
		held.Unlock()
	}()
	l, err := LockFolder(context.Background(), dir, 10*time.Second)
	if err != nil || l == nil {
		t.Fatalf("after release: %v", err)
	}
	l.Unlock()
}

// ClaimFolder (init, the desktop) makes and locks a folder with no node
// yet, so the lock exists while the node is being made; a second claim is
// refused with data_in_use once its wait is over, or at once when a serve
// is recorded there.
func TestClaimFolderLocksAFolderWithoutANode(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "new", "node")
	l, err := ClaimFolder(context.Background(), dir, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if _, free, err := TryLockFolder(dir); err != nil || free {
		t.Fatalf("a CLI call during init: free=%v %v", free, err)
	}
	_, err = ClaimFolder(context.Background(), dir, 200*time.Millisecond)
	var e *app.Error
	if !errors.As(err, &e) || e.Code != app.CodeDataInUse {
		t.Fatalf("second claim: %v", err)
	}
	if err := WriteServing(dir, Serving{URL: "http://127.0.0.1:1/", PID: 7}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = ClaimFolder(context.Background(), dir, time.Minute)
	if !errors.As(err, &e) || e.Code != app.CodeDataInUse || time.Since(start) > 10*time.Second {
		t.Fatalf("claim while a serve is recorded: %v after %v", err, time.Since(start))
	}
	l.Unlock()
	l, err = ClaimFolder(context.Background(), dir, time.Second)
	if err != nil {
		t.Fatalf("claim after unlock: %v", err)
	}
	if _, ok := ReadServing(dir); ok {
		t.Error("the claim kept a dead serve's record")
	}
	l.Unlock()
}
