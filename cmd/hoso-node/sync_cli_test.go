package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hoso/app"
	"hoso/seal"
)

// TestMain lets a test start this binary as hoso-node: with HOSO_NODE_MAIN
// set, the test binary is the CLI. Otherwise it points XDG_CONFIG_HOME at
// one temporary folder for the whole run, before any test starts, so
// default key files never reach the user's own configuration and tests
// need no t.Setenv, which would forbid t.Parallel (key files there are
// named after their data folder's path: parallel tests do not collide).
//
// It also makes the argon2 costs of new password hashes and data-key wraps
// the smallest allowed (as the app, node and demo tests pass in their
// options): at the defaults they were two thirds of this package's CPU
// (users made by demo and init, logins, unlocks), and what these tests
// check does not depend on the cost. Children started as the CLI get the
// same, since they pass here first. Set before any test runs, never after.
func TestMain(m *testing.M) {
	app.DefaultPasswordParams = app.PasswordParams{Time: 1, MemoryKiB: 64, Threads: 1}
	seal.DefaultKDF = seal.KDFParams{Time: 1, MemoryKiB: 64, Threads: 1}
	if os.Getenv("HOSO_NODE_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	if x := os.Getenv("XDG_CONFIG_HOME"); x == "" || !strings.HasPrefix(x, os.TempDir()) {
		dir, err := os.MkdirTemp("", "hoso-node-test-config-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		os.Setenv("XDG_CONFIG_HOME", dir)
		code := m.Run()
		os.RemoveAll(dir)
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// cli runs the CLI as a separate process and returns its standard output.
func cli(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "HOSO_NODE_MAIN=1")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("hoso-node %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// serveProcess starts hoso-node serve as a separate process and waits for
// its serve.json.
func serveProcess(t *testing.T, dir string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "serve", "--data", dir, "--key-file", dir+".key", "--console", "127.0.0.1:0", "--listen", "/ip4/127.0.0.1/tcp/0")
	cmd.Env = append(os.Environ(), "HOSO_NODE_MAIN=1")
	log, err := os.Create(dir + ".log")
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
		}
	})
	for range 100 {
		if _, err := os.Stat(filepath.Join(dir, "serve.json")); err == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	b, _ := os.ReadFile(dir + ".log")
	t.Fatalf("serve did not start:\n%s", b)
}

func peerIDOf(t *testing.T, dir string) string {
	t.Helper()
	var s struct {
		PeerID string `json:"peerId"`
	}
	if err := json.Unmarshal([]byte(cli(t, "status", "--data", dir, "--key-file", dir+".key")), &s); err != nil || s.PeerID == "" {
		t.Fatalf("status of %s: %v", dir, err)
	}
	return s.PeerID
}

// TestThreeServesConverge enrols a province, a district and a commune with
// the CLI, runs three hoso-node serve processes and checks that a record
// written at the commune reaches the province through the district.
func TestThreeServesConverge(t *testing.T) {
	if testing.Short() {
		t.Skip("starts three nodes")
	}
	base := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	p, d, a := filepath.Join(base, "P"), filepath.Join(base, "D"), filepath.Join(base, "A")
	cli(t, "init", "--data", p, "--key-file", p+".key", "--root", "--office-code", "38", "--office-name", "UBND tỉnh Thanh Hóa")
	cli(t, "init", "--data", d, "--key-file", d+".key", "--office-code", "405", "--office-name", "UBND huyện Đông Sơn")
	cli(t, "init", "--data", a, "--key-file", a+".key", "--office-code", "38001", "--office-name", "UBND xã Đông Hòa")
	serveProcess(t, p)
	cli(t, "enrol", "issue", "--data", p, "--peer", peerIDOf(t, d), "--office", "405", "--role", "district", "--out", d+".txt")
	cli(t, "enrol", "accept", "--data", d, "--key-file", d+".key", d+".txt")
	serveProcess(t, d)
	cli(t, "enrol", "issue", "--data", d, "--peer", peerIDOf(t, a), "--office", "38001", "--role", "commune", "--out", a+".txt")
	cli(t, "enrol", "accept", "--data", a, "--key-file", a+".key", a+".txt")
	serveProcess(t, a)
	cli(t, "rpc", "--data", a, "Setup.Office", `{"office":{"code":"38001","name":"UBND xã Đông Hòa","parent":"405"},"admin":{"username":"admin","fullName":"Lê Văn An","password":"matkhau-demo"}}`)

	deadline := time.Now().Add(60 * time.Second)
	for {
		out := cli(t, "rpc", "--data", p, "Offices.List", "{}")
		if strings.Contains(out, `"38001"`) {
			break
		}
		if time.Now().After(deadline) {
			b, _ := os.ReadFile(d + ".log")
			t.Fatalf("the commune's record never reached the province:\n%s\ndistrict log:\n%s", out, b)
		}
		time.Sleep(300 * time.Millisecond)
	}
	// The district syncs with both its peers.
	var st struct {
		Peers []struct {
			Connected bool `json:"connected"`
		} `json:"peers"`
	}
	if err := json.Unmarshal([]byte(cli(t, "rpc", "--data", d, "Sync.Status", "{}")), &st); err != nil || len(st.Peers) < 2 {
		t.Errorf("the district's peers: %+v %v", st, err)
	}
}
