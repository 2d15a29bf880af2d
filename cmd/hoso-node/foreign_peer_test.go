package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/p2p/protocol/ping"
	ma "github.com/multiformats/go-multiaddr"

	"hoso/node"
)

// Issue 15 item 6: until it is enrolled a node listens on loopback only and
// answers no peer.

func TestUnenrolledServeRefusesListenBeyondLoopback(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "node")
	if out, code := runCLI(t, "init", "--data", dir); code != exitOK {
		t.Fatalf("init: %s", out)
	}
	for _, addr := range []string{"/ip4/0.0.0.0/tcp/4001", "/ip6/::/udp/4001/quic-v1", "/ip4/192.168.1.5/tcp/4001", "/dns4/localhost/tcp/4001", "not-a-multiaddr"} {
		var out, errOut bytes.Buffer
		code := run([]string{"serve", "--data", dir, "--console", "127.0.0.1:0", "--listen", "/ip4/127.0.0.1/tcp/0", "--listen", addr}, &out, &errOut)
		msg := errOut.String()
		if code != exitUsage || !strings.Contains(msg, "not enrolled") || !strings.Contains(msg, "loopback") || !strings.Contains(msg, "enrol accept") {
			t.Errorf("serve --listen %s: exit %d, stderr %q, stdout %q", addr, code, msg, out.String())
		}
	}
	if _, ok := node.ReadServing(dir); ok {
		t.Fatal("a refused serve left its record")
	}
}

// servedAddrs starts serve on a new, unenrolled node and returns its
// libp2p addresses as serve printed them.
func servedAddrs(t *testing.T, listen ...string) (tcp, quic ma.Multiaddr) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "node")
	if out, code := runCLI(t, "init", "--data", dir); code != exitOK {
		t.Fatalf("init: %s", out)
	}
	out, stop := startServe(t, serveOptions{dir: dir, console: "127.0.0.1:0", listen: listen})
	t.Cleanup(stop)
	for _, m := range regexp.MustCompile(`(?m)^listen: (\S+)$`).FindAllStringSubmatch(out, -1) {
		a, err := ma.NewMultiaddr(m[1])
		if err != nil {
			t.Fatalf("serve printed %q: %v", m[1], err)
		}
		if strings.Contains(m[1], "/quic-v1/") {
			quic = a
		} else {
			tcp = a
		}
	}
	if tcp == nil || quic == nil {
		t.Fatalf("serve printed no TCP and QUIC address:\n%s", out)
	}
	return tcp, quic
}

// foreignHost is a plain go-libp2p host with the library's defaults
// (identify, ping; no gater) and no listening address.
func foreignHost(t *testing.T) host.Host {
	t.Helper()
	h, err := libp2p.New(libp2p.NoListenAddrs)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	return h
}

// reach connects from h to addr, pings it and reports what answered.
func reach(t *testing.T, h host.Host, addr ma.Multiaddr) (connected, pinged bool, protocols []string) {
	t.Helper()
	ai, err := peer.AddrInfoFromP2pAddr(addr)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := h.Connect(ctx, *ai); err != nil {
		return false, false, nil
	}
	select {
	case res := <-ping.Ping(ctx, h, ai.ID):
		pinged = res.Error == nil
	case <-ctx.Done():
	}
	// Identify ran if the dialler learnt the peer's protocols.
	ps, _ := h.Peerstore().GetProtocols(ai.ID)
	for _, p := range ps {
		protocols = append(protocols, string(p))
	}
	return true, pinged, protocols
}

// TestUnenrolledNodeAnswersNoGoPeer dials a freshly initialised node from a
// second go-libp2p host, over TCP and QUIC: no ping, no identify. The
// same dialler reaches a host without a gater, so the test proves the
// refusal, not a broken dialler.
func TestUnenrolledNodeAnswersNoGoPeer(t *testing.T) {
	t.Parallel()
	tcp, quic := servedAddrs(t)
	foreign := foreignHost(t)

	open, err := libp2p.New(libp2p.ListenAddrStrings("/ip4/127.0.0.1/tcp/0"))
	if err != nil {
		t.Fatal(err)
	}
	defer open.Close()
	openAddr := open.Addrs()[0].Encapsulate(ma.StringCast("/p2p/" + open.ID().String()))
	if connected, pinged, _ := reach(t, foreign, openAddr); !connected || !pinged {
		t.Fatalf("control: the dialler cannot reach an open host (connected %v, pinged %v)", connected, pinged)
	}

	// TCP is closed when accepted, before the security handshake.
	if connected, pinged, protocols := reach(t, foreign, tcp); connected || pinged || len(protocols) > 0 {
		t.Errorf("%s answered an unknown peer: connected %v, pinged %v, protocols %v", tcp, connected, pinged, protocols)
	}
	// QUIC's handshake completes on the dialler's side before the node
	// gates it, so Connect may succeed for a moment; but no stream is
	// answered (no ping, no identify) and the node closes the connection.
	_, pinged, protocols := reach(t, foreign, quic)
	if pinged || len(protocols) > 0 {
		t.Errorf("%s answered an unknown peer: pinged %v, protocols %v", quic, pinged, protocols)
	}
	ai, _ := peer.AddrInfoFromP2pAddr(quic)
	for deadline := time.Now().Add(5 * time.Second); foreign.Network().Connectedness(ai.ID) == network.Connected; {
		if time.Now().After(deadline) {
			t.Fatalf("%s kept the connection of an unknown peer", quic)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// jsPeerResult is what testdata/foreign-peer/dial.mjs prints.
type jsPeerResult struct {
	Connected  bool     `json:"connected"`
	Error      string   `json:"error"`
	PingMs     *float64 `json:"pingMs"`
	PingError  string   `json:"pingError"`
	Identified bool     `json:"identified"`
	Protocols  []string `json:"protocols"`
	Agent      string   `json:"agent"`
}

// jsPeer installs the js-libp2p peer (pinned in
// testdata/foreign-peer/package-lock.json) and returns a function that
// dials an address with it. The installed copy is kept in the user's cache
// folder under the hash of the kit's files, so only the first run (or a
// changed lock file) pays for npm ci (~40 s); see foreignPeerKit. It skips
// when Node or the npm registry is missing, except under CI (CI=true),
// where it fails.
func jsPeer(t *testing.T) func(ma.Multiaddr) jsPeerResult {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: the js-libp2p peer runs in the full test-go stage")
	}
	unavailable := func(format string, args ...any) {
		t.Helper()
		if os.Getenv("CI") == "true" {
			t.Fatalf(format, args...)
		}
		t.Skipf(format, args...)
	}
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		unavailable("node is not installed: the js-libp2p peer cannot run")
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		unavailable("npm is not installed: the js-libp2p peer cannot be installed")
	}
	kit, cached := foreignPeerKit(t)
	if !cached {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		install := exec.CommandContext(ctx, npm, "ci", "--no-audit", "--no-fund", "--loglevel=error")
		install.Dir = kit.tmp
		if out, err := install.CombinedOutput(); err != nil {
			unavailable("npm ci of the js-libp2p peer failed (no registry?): %v\n%s", err, out)
		}
		kit.publish(t)
	}
	return func(addr ma.Multiaddr) jsPeerResult {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, nodeBin, "dial.mjs", addr.String(), "5000")
		cmd.Dir = kit.dir
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("js peer: %v\n%s", err, stderr.String())
		}
		var r jsPeerResult
		if err := json.Unmarshal(out, &r); err != nil {
			t.Fatalf("js peer printed %q: %v", out, err)
		}
		return r
	}
}

// TestForeignJSPeerGetsNoAnswer is the issue's own test: a third-party
// libp2p implementation (js-libp2p over TCP, Noise, yamux) dialling a
// freshly initialised, serving node gets no answer — no connection, no
// ping, no identify — while the same peer pings and identifies a go-libp2p
// host that admits it.
func TestForeignJSPeerGetsNoAnswer(t *testing.T) {
	t.Parallel()
	dial := jsPeer(t)

	open, err := libp2p.New(libp2p.ListenAddrStrings("/ip4/127.0.0.1/tcp/0"))
	if err != nil {
		t.Fatal(err)
	}
	defer open.Close()
	ctl := dial(open.Addrs()[0].Encapsulate(ma.StringCast("/p2p/" + open.ID().String())))
	if !ctl.Connected || ctl.PingMs == nil || !ctl.Identified {
		t.Fatalf("control: the js peer cannot talk to an open go-libp2p host: %+v", ctl)
	}

	tcp, _ := servedAddrs(t)
	r := dial(tcp)
	if r.Connected || r.PingMs != nil || r.Identified || len(r.Protocols) > 0 {
		t.Fatalf("the unenrolled node answered the js peer: %+v", r)
	}
	t.Logf("js peer refused: %s", r.Error)
}

// peerKit is where the js-libp2p peer is installed: dir is the copy used
// to dial; when the cache is cold, tmp is a private folder npm ci fills
// before publish renames it to final, the cached copy.
type peerKit struct{ dir, tmp, final string }

// foreignPeerKit returns the kit for testdata/foreign-peer, named after the
// SHA-256 of its files under the user's cache folder (a temporary folder
// when there is none), and whether it is already installed there.
func foreignPeerKit(t *testing.T) (peerKit, bool) {
	t.Helper()
	files := []string{"package.json", "package-lock.json", "dial.mjs"}
	h := sha256.New()
	data := map[string][]byte{}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join("testdata", "foreign-peer", f))
		if err != nil {
			t.Fatal(err)
		}
		data[f] = b
		fmt.Fprintf(h, "%s %d\n", f, len(b))
		h.Write(b)
	}
	base, err := os.UserCacheDir()
	if err != nil {
		base = t.TempDir()
	}
	root := filepath.Join(base, "hoso-tests")
	dir := filepath.Join(root, "foreign-peer-"+hex.EncodeToString(h.Sum(nil))[:16])
	if _, err := os.Stat(filepath.Join(dir, "node_modules")); err == nil {
		return peerKit{dir: dir, final: dir}, true
	}
	if err := os.MkdirAll(root, 0o700); err != nil {
		t.Fatal(err)
	}
	tmp, err := os.MkdirTemp(root, "installing-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(tmp) })
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(tmp, f), data[f], 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return peerKit{dir: tmp, tmp: tmp, final: dir}, false
}

// publish moves a freshly installed kit into the cache; when another test
// run got there first, its copy is used and this one is dropped.
func (k *peerKit) publish(t *testing.T) {
	t.Helper()
	if err := os.Rename(k.tmp, k.final); err == nil {
		k.dir = k.final
		return
	}
	if _, err := os.Stat(filepath.Join(k.final, "node_modules")); err == nil {
		k.dir = k.final
	}
}
