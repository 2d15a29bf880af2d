package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// `hoso-node init` takes the folder's lock (node.ClaimFolder) before it
// writes anything: two inits at once, or an init while a serve runs, never
// both write the folder. Each test runs real processes (this test binary
// as hoso-node, see TestMain).

// initProcess runs one init as a separate process and returns its reply
// and exit code.
func initProcess(t *testing.T, args ...string) (map[string]any, int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"init"}, args...)...)
	cmd.Env = append(os.Environ(), "HOSO_NODE_MAIN=1")
	out, err := cmd.Output()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatalf("init's reply is not JSON: %q", out)
	}
	return m, code
}

// Inits started at once on one new folder take turns: the first makes the
// node and shows its recovery key, the others find it made and keep it. It
// used to let them all seal a data key: one's key file or datakey.json
// lost, the others failed with vault_state.
func TestInitsAtOnceTakeTurns(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs init processes")
	}
	dir := filepath.Join(t.TempDir(), "node")
	const n = 4
	replies := make([]map[string]any, n)
	codes := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			replies[i], codes[i] = initProcess(t, "--data", dir, "--key-file", dir+".key")
		})
	}
	wg.Wait()
	recovery := 0
	for i := range n {
		if codes[i] != exitOK {
			t.Fatalf("init %d: exit %d %v", i, codes[i], replies[i])
		}
		if replies[i]["peerId"] != replies[0]["peerId"] {
			t.Errorf("init %d made another node: %v, %v", i, replies[i]["peerId"], replies[0]["peerId"])
		}
		if replies[i]["recoveryKey"] != nil {
			recovery++
		}
	}
	if recovery != 1 {
		t.Errorf("%d inits showed a recovery key, want 1", recovery)
	}
	status := cli(t, "status", "--data", dir)
	if !strings.Contains(status, replies[0]["peerId"].(string)) {
		t.Errorf("status of the node: %s", status)
	}
}

// An init on a folder a serve has open is refused at once with
// data_in_use, naming the serve, and the serve goes on.
func TestInitWhileAServeRuns(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs serve processes")
	}
	dir := filepath.Join(t.TempDir(), "node")
	cli(t, "init", "--data", dir, "--key-file", dir+".key")
	s, _ := serveCmd(t, dir)
	waitServing(t, dir, s.Process.Pid)
	start := time.Now()
	reply, code := initProcess(t, "--data", dir, "--key-file", dir+".key", "--office-code", "38001", "--office-name", "UBND xã Đông Hòa")
	e, _ := reply["error"].(map[string]any)
	if code != exitFailed || e["code"] != "data_in_use" || !strings.Contains(e["message"].(string), "hoso-node serve") {
		t.Fatalf("init while serving: exit %d %v", code, reply)
	}
	if took := time.Since(start); took > 15*time.Second {
		t.Errorf("init waited %v for a running serve", took)
	}
	if !statusServing(t, []byte(cli(t, "status", "--data", dir))) {
		t.Error("the serve stopped answering after the refused init")
	}
}

// An init started while a CLI call has the folder open waits for it, then
// goes on.
func TestInitWaitsForACLICall(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs init processes")
	}
	dir := filepath.Join(t.TempDir(), "node")
	cli(t, "init", "--data", dir, "--key-file", dir+".key")
	release := holdFolder(t, dir)
	cmd, out := cliProcess(t, "init", "--data", dir, "--key-file", dir+".key", "--office-code", "38001", "--office-name", "UBND xã Đông Hòa")
	running, done := stillRunning(cmd, 1500*time.Millisecond)
	if !running {
		t.Fatalf("init did not wait for the CLI call: %v\n%s", <-done, out)
	}
	release()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("init after the folder was let go: %v\n%s", err, out)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("init never ended")
	}
	if !strings.Contains(cli(t, "status", "--data", dir), "UBND xã Đông Hòa") {
		t.Error("init did not record the office")
	}
}
