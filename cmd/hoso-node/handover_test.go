package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"hoso/node"
	"hoso/seal"
)

// The handover between serve and the CLI after a crash (issue 21 item 5):
// a serve killed with -9 leaves serve.json behind; the folder's lock, not
// that file, decides who opens the database. Each test here runs real
// processes (this test binary as hoso-node, see TestMain) and kills one
// with SIGKILL.

// serveCmd starts hoso-node serve on dir as a separate process without
// waiting for it; the process is stopped when the test ends. Its output
// is readable once it has been waited for.
func serveCmd(t *testing.T, dir string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "serve", "--data", dir, "--key-file", dir+".key", "--console", "127.0.0.1:0", "--listen", "/ip4/127.0.0.1/tcp/0")
	cmd.Env = append(os.Environ(), "HOSO_NODE_MAIN=1")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_, _ = cmd.Process.Wait()
	})
	return cmd, &out
}

// waitServing waits for serve.json to name pid.
func waitServing(t *testing.T, dir string, pid int) node.Serving {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if s, ok := node.ReadServing(dir); ok && s.PID == pid {
			return s
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("serve %d never recorded itself in %s", pid, dir)
	return node.Serving{}
}

// kill9 kills a serve the way a crash or a power cut does: no deferred
// cleanup runs, serve.json stays.
func kill9(t *testing.T, cmd *exec.Cmd, dir string) {
	t.Helper()
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_, _ = cmd.Process.Wait()
	if s, ok := node.ReadServing(dir); !ok || s.PID != cmd.Process.Pid {
		t.Fatalf("a serve killed with -9 should leave its record: %+v %v", s, ok)
	}
}

// cliProcess starts one CLI call as a separate process.
func cliProcess(t *testing.T, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "HOSO_NODE_MAIN=1")
	var out bytes.Buffer
	cmd.Stdout = &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, &out
}

// holdFolder does in this process what a process with the folder open
// does first: take the folder's lock, then open the database. It returns
// the function that lets the folder go, database first.
func holdFolder(t *testing.T, dir string) func() {
	t.Helper()
	lock, free, err := node.TryLockFolder(dir)
	if err != nil || !free {
		t.Fatalf("locking %s: free=%v %v", dir, free, err)
	}
	n, err := node.Open(seal.UnlockOptions{Dir: dir, KeyFile: dir + ".key"})
	if err != nil {
		lock.Unlock()
		t.Fatal(err)
	}
	var once sync.Once
	release := func() { once.Do(func() { n.Close(); lock.Unlock() }) }
	t.Cleanup(release)
	return release
}

// stillRunning reports whether cmd has not exited within d.
func stillRunning(cmd *exec.Cmd, d time.Duration) (bool, chan error) {
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		done <- err
		return false, done
	case <-time.After(d):
		return true, done
	}
}

// crashedServe initialises a node, serves it and kills the serve with -9.
func crashedServe(t *testing.T) (dir string, dead node.Serving) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "node")
	cli(t, "init", "--data", dir, "--key-file", dir+".key")
	a, _ := serveCmd(t, dir)
	dead = waitServing(t, dir, a.Process.Pid)
	kill9(t, a, dir)
	return dir, dead
}

// statusServing decodes `status`'s serving flag.
func statusServing(t *testing.T, out []byte) bool {
	t.Helper()
	var st struct {
		Serving *bool `json:"serving"`
	}
	if err := json.Unmarshal(out, &st); err != nil || st.Serving == nil {
		t.Fatalf("status: %v %s", err, out)
	}
	return *st.Serving
}

// A CLI call made while a serve is starting after a crash (the folder
// locked and its database open, the dead serve's record still there) waits
// for it instead of opening the folder; it used to read the stale record,
// find nobody there and race serve for the database (data_in_use).
func TestCLIWaitsForAServeStartingAfterAKill9(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs serve processes")
	}
	dir, dead := crashedServe(t)
	release := holdFolder(t, dir)
	// Taking the lock cleared the dead record; put it back, as if the
	// call looked in the instant between.
	if err := node.WriteServing(dir, dead); err != nil {
		t.Fatal(err)
	}
	cmd, out := cliProcess(t, "status", "--data", dir, "--key-file", dir+".key")
	running, done := stillRunning(cmd, 1500*time.Millisecond)
	if !running {
		t.Fatalf("the CLI call did not wait for the starting serve: %v\n%s", <-done, out)
	}
	release()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("status after the folder was let go: %v\n%s", err, out)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the CLI call never ended")
	}
	if statusServing(t, out.Bytes()) {
		t.Errorf("status says a node serves: %s", out)
	}
}

// A serve started while a CLI call has the folder open waits for it to
// finish; it used to stop at once with data_in_use.
func TestServeWaitsForACLICallAfterAKill9(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs serve processes")
	}
	dir, _ := crashedServe(t)
	release := holdFolder(t, dir)
	b, out := serveCmd(t, dir)
	running, done := stillRunning(b, 1500*time.Millisecond)
	if !running {
		t.Fatalf("serve did not wait for the CLI call: %v\n%s", <-done, out)
	}
	if s, ok := node.ReadServing(dir); ok {
		t.Fatalf("serve recorded itself before it had the folder: %+v", s)
	}
	release()
	s := waitServing(t, dir, b.Process.Pid)
	status := cli(t, "status", "--data", dir, "--key-file", dir+".key")
	if !statusServing(t, []byte(status)) {
		t.Errorf("status does not reach serve %+v: %s", s, status)
	}
}

// CLI calls made all through a serve's start after a kill -9 all answer,
// locally or through the new serve, and the serve starts.
func TestCLICallsDuringARestartAfterAKill9(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs serve processes")
	}
	dir, _ := crashedServe(t)
	b, _ := serveCmd(t, dir)
	for i := 0; ; i++ {
		call := exec.Command(os.Args[0], "status", "--data", dir, "--key-file", dir+".key")
		call.Env = append(os.Environ(), "HOSO_NODE_MAIN=1")
		out, err := call.Output()
		if err != nil {
			t.Fatalf("call %d during the restart: %v\n%s", i, err, out)
		}
		if s, ok := node.ReadServing(dir); ok && s.PID == b.Process.Pid && statusServing(t, out) {
			break
		}
		if i > 200 {
			t.Fatal("serve never came up")
		}
	}
}

// A CLI call on a folder the desktop window has open answers data_in_use
// at once, naming the window, instead of waiting HandoverWait for a serve
// that will never answer.
func TestCLIAnswersAtOnceWhileTheDesktopHasTheFolder(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "node")
	cli(t, "init", "--data", dir, "--key-file", dir+".key")
	holdFolder(t, dir)
	if err := node.WriteDesktop(dir); err != nil {
		t.Fatal(err)
	}
	began := time.Now()
	cmd, out := cliProcess(t, "status", "--data", dir, "--key-file", dir+".key")
	_ = cmd.Wait()
	if waited := time.Since(began); waited > 10*time.Second {
		t.Fatalf("the CLI waited %s beside the desktop", waited)
	}
	if !bytes.Contains(out.Bytes(), []byte("data_in_use")) || !bytes.Contains(out.Bytes(), []byte("desktop app")) {
		t.Fatalf("status beside the desktop: %s", out.Bytes())
	}
}
