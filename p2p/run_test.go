package p2p

import (
	"context"
	"fmt"
	"net"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"
	ma "github.com/multiformats/go-multiaddr"
)

// attemptWith is Now's attempt with a peer, zero if it tried none.
func attemptWith(tried []Attempt, id peer.ID) Attempt {
	for _, a := range tried {
		if a.Peer == id {
			return a
		}
	}
	return Attempt{}
}

// syncerGoroutines lists the goroutines running a method of s (the other
// nodes' syncers run on), the first line of each such frame.
func syncerGoroutines(s *Syncer) []string {
	buf := make([]byte, 1<<22)
	buf = buf[:runtime.Stack(buf, true)]
	mark := fmt.Sprintf("(%p", s)
	var out []string
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, "testing.tRunner") {
			continue
		}
		for _, line := range strings.Split(g, "\n") {
			if strings.HasPrefix(line, "hoso/p2p.(*Syncer).") && strings.Contains(line, mark) {
				out = append(out, line)
				break
			}
		}
	}
	return out
}

// TestSyncerCloseMidPull: the district runs its loop and pulls commune A's
// history (four batches) over a slow link; progress shows while the pull
// runs (Syncing, events and bytes so far); Close in the middle of it
// returns only once every goroutine the syncer started has ended, so the
// host and then the store close with nothing left to touch them. Run it
// with -race.
func TestSyncerCloseMidPull(t *testing.T) {
	// Waits on a slow link, with its own nodes (syncerGoroutines looks
	// at this syncer's goroutines only).
	t.Parallel()
	pv := newProvince(t)
	a, d := pv.a, pv.d
	writeDossiers(t, a, "A", "38001", 1200) // 3,600 events: 4 batches
	proxy := newFaultProxy(t, "127.0.0.1:"+tcpPort(t, a), faultOptions{Latency: 20 * time.Millisecond, Bandwidth: 16000})
	_, pport, _ := net.SplitHostPort(proxy)
	via := ma.StringCast("/ip4/127.0.0.1/tcp/" + pport)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ran := make(chan struct{})
	go func() { d.sync.Run(ctx); close(ran) }()
	// The connection kicks a pull, owned by the loop.
	if err := d.sync.host.Connect(ctx, peer.AddrInfo{ID: a.id, Addrs: []ma.Multiaddr{via}}); err != nil {
		t.Fatal(err)
	}
	var mid PeerStatus
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		mid = statusOf(d, a.id)
		if mid.ReceivedEvents > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no batch committed within 30 s: %+v", mid)
		}
	}
	if !mid.Syncing || mid.BytesIn == 0 || mid.ReceivedEvents >= 3600 {
		t.Fatalf("mid-pull the status shows no progress: syncing %v, %d events, %d bytes in", mid.Syncing, mid.ReceivedEvents, mid.BytesIn)
	}
	t.Logf("mid-pull: %d events, %d bytes in", mid.ReceivedEvents, mid.BytesIn)

	start := time.Now()
	d.sync.Close()
	t.Logf("Close took %v", time.Since(start))
	if left := syncerGoroutines(d.sync); len(left) > 0 {
		t.Fatalf("after Close, goroutines of the syncer still run: %v", left)
	}
	select {
	case <-ran:
	default:
		t.Fatal("Run has not returned after Close")
	}
	// Now the host, then the store; nothing may use either afterwards.
	d.close()
	time.Sleep(300 * time.Millisecond)
	if left := syncerGoroutines(d.sync); len(left) > 0 {
		t.Fatalf("after the store closed, goroutines of the syncer run: %v", left)
	}
	for _, bad := range []string{"DB Closed", "closed"} {
		if d.logs.has(bad) {
			t.Errorf("the syncer used a closed store or host: log has %q: %v", bad, d.logs.lines)
		}
	}
	// A closed syncer starts nothing: a kick is dropped.
	d.sync.kick(a.id)
	if left := syncerGoroutines(d.sync); len(left) > 0 {
		t.Fatalf("a kick after Close started %v", left)
	}
}

// TestNowNoPeerReachable: with its hubs down (one refuses the connection,
// one has no address, one never answers), "Đồng bộ ngay" answers within the
// dial bound with a code for each, not after the run loop's long timeouts.
func TestNowNoPeerReachable(t *testing.T) {
	pv := newProvince(t)
	a := pv.a
	a.sync.timing.NowDial = 300 * time.Millisecond

	refusing := newTestPeerID(t)
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedPort := closed.Addr().(*net.TCPAddr).Port
	closed.Close()
	silent := newTestPeerID(t)
	// A listener that accepts and never speaks: the handshake times out.
	mute, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer mute.Close()
	go func() {
		for {
			c, err := mute.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	nowhere := newTestPeerID(t)
	a.en.Hubs = []string{
		"/ip4/127.0.0.1/tcp/" + strconv.Itoa(closedPort) + "/p2p/" + refusing.String(),
		"/ip4/127.0.0.1/tcp/" + strconv.Itoa(mute.Addr().(*net.TCPAddr).Port) + "/p2p/" + silent.String(),
		"/p2p/" + nowhere.String(),
	}

	start := time.Now()
	tried := a.sync.Now(context.Background())
	took := time.Since(start)
	if took > time.Second {
		t.Errorf("Now took %v with no peer reachable; want under a second", took)
	}
	want := map[peer.ID]string{refusing: ReachRefused, silent: ReachTimeout, nowhere: ReachNoAddress}
	for id, code := range want {
		got := attemptWith(tried, id)
		if got.Code != code || !got.Hub {
			t.Errorf("%s: code %q hub %v (%v), want %q", id, got.Code, got.Hub, got.Err, code)
		}
	}
	if len(tried) != len(want) {
		t.Errorf("tried %d peers, want %d: %+v", len(tried), len(want), tried)
	}
	t.Logf("Now answered in %v: %+v", took, tried)
}

func newTestPeerID(t *testing.T) peer.ID {
	t.Helper()
	_, lk := newKey(t)
	id, err := peer.IDFromPrivateKey(lk)
	if err != nil {
		t.Fatal(err)
	}
	return id
}
