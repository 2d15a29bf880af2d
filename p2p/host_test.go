package p2p

import (
	"context"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p"
	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/p2p/security/noise"
	"github.com/libp2p/go-libp2p/p2p/transport/tcp"
)

// TestHubLimitsHoldItsPeers: a hub's resource manager admits as many
// inbound connections (and descriptors) as its connection manager keeps,
// and keeps at least its peers. The 4 GB scale alone admitted 320, and the
// 321st desk of a 500-desk fleet was reset in the handshake.
func TestHubLimitsHoldItsPeers(t *testing.T) {
	for _, peers := range []int{500, 2000, DefaultHubPeers} {
		low, high := watermarks(true, peers)
		if low < peers || high < low {
			t.Errorf("%d peers: watermarks %d/%d trim below the peers", peers, low, high)
		}
		l := limits(true, peers).ToPartialLimitConfig()
		for name, v := range map[string]int{"system conns": int(l.System.Conns), "system inbound conns": int(l.System.ConnsInbound), "system descriptors": int(l.System.FD)} {
			if v < high {
				t.Errorf("%d peers: %s %d, below the high water mark %d", peers, name, v, high)
			}
		}
		if in := int(l.Transient.ConnsInbound); in < peers/4 {
			t.Errorf("%d peers: %d inbound connections in the handshake, want ≥ %d", peers, in, peers/4)
		}
	}
	// A desk keeps the small, machine-scaled limits.
	if low, high := watermarks(false, 5000); low != deskLow || high != deskHigh {
		t.Errorf("desk watermarks %d/%d", low, high)
	}
}

// TestHubKeepsItsPeersAfterTrim: once the grace period is over, a trim
// leaves a hub every connection up to its peers, while a desk with as many
// connections is trimmed to its low water mark (which shows the trim ran).
func TestHubKeepsItsPeersAfterTrim(t *testing.T) {
	const n = 40
	newNode := func(hub bool) host.Host {
		k, _, err := crypto.GenerateEd25519Key(nil)
		if err != nil {
			t.Fatal(err)
		}
		id, err := identityOf(k)
		if err != nil {
			t.Fatal(err)
		}
		h, err := NewHost(HostOptions{Identity: id, Hub: hub, Peers: n, GracePeriod: 20 * time.Millisecond,
			Listen: []string{"/ip4/127.0.0.1/tcp/0"}})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { h.Close() })
		return h
	}
	hub, desk := newNode(true), newNode(false)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for i := 0; i < n; i++ {
		c, err := libp2p.New(libp2p.NoListenAddrs, libp2p.Transport(tcp.NewTCPTransport),
			libp2p.Security(noise.ID, noise.New), libp2p.DisableRelay())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		for _, to := range []host.Host{hub, desk} {
			if err := c.Connect(ctx, peer.AddrInfo{ID: to.ID(), Addrs: to.Addrs()}); err != nil {
				t.Fatalf("client %d: %v", i, err)
			}
		}
	}
	time.Sleep(100 * time.Millisecond) // past the grace period
	for _, h := range []host.Host{hub, desk} {
		h.ConnManager().TrimOpenConns(ctx)
	}
	if got := len(hub.Network().Peers()); got != n {
		t.Errorf("the hub kept %d of its %d peers after a trim", got, n)
	}
	// The desk's connections close asynchronously after the trim.
	deadline := time.Now().Add(5 * time.Second)
	for len(desk.Network().Peers()) > deskLow && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if got := len(desk.Network().Peers()); got > deskLow {
		t.Errorf("the desk kept %d connections after a trim, want ≤ %d", got, deskLow)
	}
}
