package p2p

import (
	"context"
	"crypto/ed25519"
	"log"
	"math/rand/v2"
	"sort"
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
	"github.com/libp2p/go-libp2p/p2p/discovery/mdns"
	ma "github.com/multiformats/go-multiaddr"

	"hoso/store"
	"hoso/trust"
)

// SyncOptions configure a Syncer.
type SyncOptions struct {
	Host      host.Host
	Store     *store.Store
	Enrolment *Enrolment
	Tree      Tree
	// Key is the device's own key (the one its store signs with): it
	// opens the bundles sealed to the device. Without it no bundle
	// imports.
	Key ed25519.PrivateKey
	// Now is the clock certificates are checked against.
	Now func() time.Time
	// Logf logs refusals and failures; log.Printf when nil.
	Logf func(format string, args ...any)
	// MDNS finds the office's other desks on the LAN.
	MDNS bool
	// DailyBudget bounds the sync bytes, in and out, exchanged with each
	// peer per local calendar day (metered links); 0 means no limit. See
	// Syncer.OverBudget.
	DailyBudget int64
	// Hub answers /hoso/peers/1.0.0, telling the devices below it which
	// of its peers they may sync with directly; set it when the host runs
	// with HostOptions.Hub, whose relay the listed circuit addresses use.
	Hub bool
}

// Syncer keeps a node's records in step with its peers over
// /hoso/sync/1.0.0: it serves pulls, pulls from every connected peer when
// either side has something new, and keeps trying with backoff.
type Syncer struct {
	host   host.Host
	st     *store.Store
	en     *Enrolment
	tree   Tree
	book   *certBook
	key    ed25519.PrivateKey
	now    func() time.Time
	logf   func(string, ...any)
	status *statusBoard
	budget *budget

	// chains remembers the chains verified lately.
	chains chainCache

	// own is this node's chain, renewals adopted (renew.go); ownSeen is
	// the store's change count when it last looked for one.
	ownMu   sync.Mutex
	own     trust.Chain
	ownSeen uint64

	mu      sync.Mutex
	pulling map[peer.ID]bool
	again   map[peer.ID]bool
	wake    chan struct{}
	mdns    bool
	// reserved is until when this node holds a relay slot at each hub.
	reserved map[peer.ID]time.Time
}

// mdnsFound connects to a desk found on the LAN; the gater decides.
type mdnsFound struct{ s *Syncer }

// HandlePeerFound dials a peer mDNS found.
func (m mdnsFound) HandlePeerFound(info peer.AddrInfo) {
	if info.ID == m.s.host.ID() {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_ = m.s.host.Connect(ctx, info)
}

// NewSyncer registers the protocol on the host.
func NewSyncer(opts SyncOptions) *Syncer {
	s := &Syncer{
		host: opts.Host, st: opts.Store, en: opts.Enrolment, tree: opts.Tree, book: newCertBook(opts.Store, opts.Enrolment),
		key: opts.Key, now: opts.Now, logf: opts.Logf, mdns: opts.MDNS,
		pulling: map[peer.ID]bool{}, again: map[peer.ID]bool{}, wake: make(chan struct{}, 1), reserved: map[peer.ID]time.Time{},
	}
	if s.now == nil {
		s.now = time.Now
	}
	if opts.Enrolment != nil {
		s.own, s.ownSeen = opts.Enrolment.Chain, ^uint64(0)
	}
	if s.logf == nil {
		s.logf = log.Printf
	}
	s.budget = newBudget(s.st, opts.DailyBudget, s.now, s.logf)
	s.status = newStatusBoard(s.budget.spend, s.logf)
	if s.host != nil {
		s.host.SetStreamHandler(protocol.ID(ProtocolID), s.serve)
		if opts.Hub {
			s.host.SetStreamHandler(protocol.ID(PeersProtocolID), s.servePeers)
		}
	}
	return s
}

// selfID is this node's peer ID.
func (s *Syncer) selfID() peer.ID {
	self := s.st.Self()
	id, _ := PeerIDOf(self[:])
	return id
}

// Running reports whether the syncer has a host to sync over (bundles and
// enrolment work without one).
func (s *Syncer) Running() bool { return s.host != nil }

// kick starts a pull from a peer in the background; if one is running, it
// runs once more after it, so nothing written meanwhile waits. A peer
// whose daily budget is spent waits for tomorrow or a manual Now.
func (s *Syncer) kick(id peer.ID) {
	if s.OverBudget(id) {
		return
	}
	s.mu.Lock()
	if s.pulling[id] {
		s.again[id] = true
		s.mu.Unlock()
		return
	}
	s.pulling[id] = true
	s.mu.Unlock()
	go func() {
		for {
			_, _ = s.Pull(context.Background(), id)
			s.mu.Lock()
			if !s.again[id] || s.OverBudget(id) {
				delete(s.again, id)
				delete(s.pulling, id)
				s.mu.Unlock()
				return
			}
			delete(s.again, id)
			s.mu.Unlock()
		}
	}()
}

// notify tells the loop that something was written here.
func (s *Syncer) notify() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Now pulls from every connected peer and waits for the pulls, whatever
// the daily budget: a clerk who asks for a sync means it.
func (s *Syncer) Now(ctx context.Context) map[peer.ID]error {
	out := map[peer.ID]error{}
	if s.host == nil {
		return out
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, id := range s.peers() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.Pull(ctx, id)
			mu.Lock()
			out[id] = err
			mu.Unlock()
		}()
	}
	wg.Wait()
	return out
}

// peers are the connected peers that speak the protocol.
func (s *Syncer) peers() []peer.ID {
	var out []peer.ID
	for _, id := range s.host.Network().Peers() {
		if protos, err := s.host.Peerstore().SupportsProtocols(id, protocol.ID(ProtocolID)); err == nil && len(protos) > 0 {
			out = append(out, id)
		} else if err == nil {
			// Identify may not have run yet: try anyway.
			out = append(out, id)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// Run keeps the node in step until ctx ends: it dials the hubs with
// jittered exponential backoff, pulls from a peer as soon as it connects,
// and from every peer when this node writes something new (a peer then
// pulls back what it lacks). It asks its hubs for the other desks of its
// office and the hubs above it on connecting and every few minutes, and
// dials them, so that desks sync directly.
func (s *Syncer) Run(ctx context.Context) {
	hubs := s.hubIDs()
	s.host.Network().Notify(&network.NotifyBundle{ConnectedF: func(_ network.Network, c network.Conn) {
		s.status.connected(c.RemotePeer(), true)
		s.kick(c.RemotePeer())
		if hubs[c.RemotePeer()] {
			go s.askHub(ctx, c.RemotePeer())
		}
	}, DisconnectedF: func(_ network.Network, c network.Conn) {
		s.status.connected(c.RemotePeer(), false)
	}})
	go s.dialHubs(ctx)
	go s.askHubsEvery(ctx, hubs)
	if s.mdns {
		svc := mdns.NewMdnsService(s.host, "hoso-sync", mdnsFound{s})
		if err := svc.Start(); err != nil {
			s.logf("sync: mDNS: %v", err)
		} else {
			defer svc.Close()
		}
	}
	last := s.st.Changes()
	tick := time.NewTicker(2 * time.Second)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		case <-s.wake:
		}
		if n := s.st.Changes(); n != last {
			last = n
			for _, id := range s.peers() {
				s.kick(id)
			}
		}
	}
}

// dialHubs keeps a connection to each configured hub.
func (s *Syncer) dialHubs(ctx context.Context) {
	backoff := map[string]time.Duration{}
	next := map[string]time.Time{}
	for {
		for _, addr := range s.en.Hubs {
			info, err := peer.AddrInfoFromP2pAddr(ma.StringCast(addr))
			if err != nil || s.host.Network().Connectedness(info.ID) == network.Connected || time.Now().Before(next[addr]) {
				continue
			}
			dctx, cancel := context.WithTimeout(ctx, 20*time.Second)
			err = s.host.Connect(dctx, *info)
			cancel()
			if err == nil {
				// A hub's connection is never trimmed by the connection
				// manager.
				s.host.ConnManager().Protect(info.ID, "hoso-hub")
				backoff[addr] = 0
				continue
			}
			s.status.failed(info.ID, err)
			b := min(max(2*backoff[addr], time.Second), 5*time.Minute)
			backoff[addr] = b
			next[addr] = time.Now().Add(b/2 + rand.N(b/2+1))
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Second):
		}
	}
}

// Status is the state of every peer this node synced with.
func (s *Syncer) Status() []PeerStatus {
	if s.host == nil {
		return []PeerStatus{}
	}
	out := s.status.snapshot(s.host)
	for i := range out {
		if id, err := peer.Decode(out[i].Peer); err == nil {
			out[i].BudgetUsed = s.budget.used(id)
		}
		out[i].BudgetLimit = s.budget.getLimit()
	}
	return out
}

// OfficeOf returns the office path of a device from its recorded
// certificate, "" when none is recorded here.
func (s *Syncer) OfficeOf(id peer.ID) string {
	k, err := keyOf(id)
	if err != nil {
		return ""
	}
	var o store.Origin
	copy(o[:], k)
	if ch, ok := s.chainOf(o); ok {
		return ch.Leaf().Path
	}
	return ""
}
