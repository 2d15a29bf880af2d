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
	"golang.org/x/sync/errgroup"

	"hoso/p2p/fileproto"
	"hoso/p2p/syncproto"
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
	// Timing sets the timeouts and ticks (run.go); zero fields keep
	// their defaults.
	Timing Timing
	// Files names the files the records carry (files.go); nil serves and
	// fetches none.
	Files FileIndex
}

// Syncer keeps a node's records in step with its peers over
// /hoso/sync/1.0.0: it serves pulls, pulls from every connected peer when
// either side has something new, and keeps trying with backoff.
type Syncer struct {
	host host.Host
	st   *store.Store
	en   *Enrolment
	tree Tree
	book *certBook
	// plain tells the server's side of a pull which events a remote's
	// scope cannot see without reading them (syncproto.PlainIndex).
	plain *syncproto.PlainIndex
	// places caches OfficeOf for the peer lists a hub answers (peers.go).
	places placeCache
	// renewMu keeps two meetings with one child from renewing it twice
	// (renew.go).
	renewMu sync.Mutex
	// marks caches the marks peers vouched for (syncproto.Marks).
	marks  *syncproto.Marks
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

	// life is the syncer's lifetime: Close ends it and waits for all
	// that runs under it (run.go).
	life    context.Context
	endLife context.CancelFunc
	// timing holds every timeout and tick, defaults filled in (run.go).
	timing Timing

	mu sync.Mutex
	// group owns the goroutines of a running Run (nil otherwise) and
	// groupCtx is its context; work counts what runs outside it: Run
	// itself, served streams, Now's pulls, pulls kicked while Run is not
	// running. closed is set by Close, after which nothing starts.
	group    *errgroup.Group
	groupCtx context.Context
	work     sync.WaitGroup
	closed   bool
	streams  map[network.Stream]struct{}
	pulling  map[peer.ID]bool
	again    map[peer.ID]bool
	wake     chan struct{}
	mdns     bool
	// reserved is until when this node holds a relay slot at each hub.
	reserved map[peer.ID]time.Time
	// files names the files records carry; nones remembers the files
	// peers would not give (files.go).
	files FileIndex
	nones noneSeen

	// hub is SyncOptions.Hub; fan, pulls and serves bound a hub's load
	// (fanout.go): nil slots for a desk.
	hub    bool
	fan    fanout
	pulls  slots
	serves slots
}

// mdnsFound connects to a desk found on the LAN; the gater decides.
type mdnsFound struct {
	s   *Syncer
	ctx context.Context
}

// HandlePeerFound dials a peer mDNS found, under the run context.
func (m mdnsFound) HandlePeerFound(info peer.AddrInfo) {
	if info.ID == m.s.host.ID() {
		return
	}
	ctx, cancel := context.WithTimeout(m.ctx, m.s.timing.MDNSDial)
	defer cancel()
	_ = m.s.host.Connect(ctx, info)
}

// NewSyncer registers the protocol on the host.
func NewSyncer(opts SyncOptions) *Syncer {
	s := &Syncer{
		host: opts.Host, st: opts.Store, en: opts.Enrolment, tree: opts.Tree, book: newCertBook(opts.Store, opts.Enrolment),
		key: opts.Key, now: opts.Now, logf: opts.Logf, mdns: opts.MDNS,
		pulling: map[peer.ID]bool{}, again: map[peer.ID]bool{}, wake: make(chan struct{}, 1), reserved: map[peer.ID]time.Time{},
		streams: map[network.Stream]struct{}{}, timing: opts.Timing.withDefaults(), files: opts.Files,
		hub: opts.Hub,
	}
	if s.st != nil {
		s.plain = syncproto.NewPlainIndex(s.st)
		s.marks = syncproto.NewMarks(s.st)
	}
	s.fan.every = s.timing.HubFanout
	if s.hub {
		s.pulls, s.serves = newSlots(hubPulls), newSlots(hubServes)
	}
	s.life, s.endLife = context.WithCancel(context.Background())
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
		s.host.SetStreamHandler(protocol.ID(ProtocolID), s.owned(s.queued(s.serve)))
		if s.files != nil {
			s.host.SetStreamHandler(protocol.ID(fileproto.ID), s.owned(s.serveFiles))
		}
		if opts.Hub {
			s.host.SetStreamHandler(protocol.ID(PeersProtocolID), s.owned(s.servePeers))
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

// kick starts a pull from a peer in the background, owned by the run loop
// (or by the syncer when Run is not running); if one is running, it runs
// once more after it, so nothing written meanwhile waits. A peer whose
// daily budget is spent waits for tomorrow or a manual Now.
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
	started := s.spawn(func(ctx context.Context) {
		for {
			// A hub's pulls take turns (fanout.go).
			if !s.pulls.acquire(ctx.Done()) {
				s.mu.Lock()
				delete(s.again, id)
				delete(s.pulling, id)
				s.mu.Unlock()
				return
			}
			// The pull starting now takes whatever the kicks that came
			// while it waited for its slot asked for: only a kick from
			// now on needs one more. (A hub's pull back waits its turn
			// behind others; a desk that synced again meanwhile made
			// it pull twice, doubling the queue it waited in.)
			s.mu.Lock()
			delete(s.again, id)
			s.mu.Unlock()
			if _, err := s.Pull(ctx, id); err != nil && ctx.Err() == nil {
				s.logf("sync: pulling from %s: %v", id, err)
			}
			s.pulls.release()
			s.mu.Lock()
			if !s.again[id] || ctx.Err() != nil || s.OverBudget(id) {
				delete(s.again, id)
				delete(s.pulling, id)
				s.mu.Unlock()
				return
			}
			delete(s.again, id)
			s.mu.Unlock()
		}
	})
	if !started {
		s.mu.Lock()
		delete(s.pulling, id)
		s.mu.Unlock()
	}
}

// notify tells the loop that something was written here.
func (s *Syncer) notify() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
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

// Run keeps the node in step until ctx ends or Close: it dials the hubs
// with jittered exponential backoff, pulls from a peer as soon as it
// connects, and from every peer when this node writes something new (a
// peer then pulls back what it lacks). It asks its hubs for the other desks
// of its office and the hubs above it on connecting and every few minutes,
// and dials them, so that desks sync directly. Every goroutine it starts
// (dials, hub asks, pulls) belongs to one errgroup under the run context,
// and Run returns only once all have ended.
func (s *Syncer) Run(ctx context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	defer context.AfterFunc(s.life, cancel)()
	g, gctx := errgroup.WithContext(ctx)
	s.mu.Lock()
	if s.closed || s.group != nil {
		s.mu.Unlock()
		return
	}
	s.group, s.groupCtx = g, gctx
	s.work.Add(1)
	s.mu.Unlock()
	defer s.work.Done()

	hubs := s.hubIDs()
	nb := &network.NotifyBundle{ConnectedF: func(_ network.Network, c network.Conn) {
		s.status.connected(c.RemotePeer(), true)
		s.kick(c.RemotePeer())
		if hubs[c.RemotePeer()] {
			s.spawn(func(ctx context.Context) { s.askHub(ctx, c.RemotePeer()) })
		}
	}, DisconnectedF: func(_ network.Network, c network.Conn) {
		s.status.connected(c.RemotePeer(), false)
	}}
	s.host.Network().Notify(nb)
	g.Go(func() error { s.dialHubs(gctx); return nil })
	g.Go(func() error { s.askHubsEvery(gctx, hubs); return nil })
	if s.mdns {
		svc := mdns.NewMdnsService(s.host, "hoso-sync", mdnsFound{s, gctx})
		if err := svc.Start(); err != nil {
			s.logf("sync: mDNS: %v", err)
		} else {
			defer svc.Close()
		}
	}
	s.loop(gctx)

	// Stop in order: no more connection callbacks, no more goroutines
	// joining the group, then wait for those in it.
	s.host.Network().StopNotify(nb)
	s.mu.Lock()
	s.group, s.groupCtx = nil, nil
	s.mu.Unlock()
	_ = g.Wait()
}

// loop kicks a pull from every peer when the store changed, until ctx
// ends.
func (s *Syncer) loop(ctx context.Context) {
	last := s.st.Changes()
	lastUp := last
	tick := time.NewTicker(s.timing.ChangesTick)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		case <-s.wake:
		}
		if n := s.st.Changes(); n != last {
			// A hub fans out at most once per HubFanout; a change
			// meanwhile waits for the next (fanout.go). Its own hubs,
			// the level above (a district's province), are told at
			// once: they are few, and what a district received must go
			// on up without waiting an interval at every level.
			if s.hub && !s.fan.due(time.Now()) {
				if n != lastUp {
					lastUp = n
					for _, id := range s.upstream() {
						s.kick(id)
					}
				}
				continue
			}
			last, lastUp = n, n
			for _, id := range s.peers() {
				s.kick(id)
			}
		}
	}
}

// upstream lists the configured hubs this node is connected to.
func (s *Syncer) upstream() []peer.ID {
	var out []peer.ID
	for _, addr := range s.en.Hubs {
		info, err := peer.AddrInfoFromP2pAddr(ma.StringCast(addr))
		if err == nil && s.host.Network().Connectedness(info.ID) == network.Connected {
			out = append(out, info.ID)
		}
	}
	return out
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
			dctx, cancel := context.WithTimeout(ctx, s.timing.HubDial)
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
			b := min(max(2*backoff[addr], time.Second), s.timing.HubRetryMax)
			backoff[addr] = b
			next[addr] = time.Now().Add(b/2 + rand.N(b/2+1))
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(s.timing.HubCheckEvery):
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
