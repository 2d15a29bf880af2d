package p2p

import (
	"context"
	"errors"
	"net"
	"sort"
	"sync"
	"syscall"

	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/p2p/net/swarm"
	ma "github.com/multiformats/go-multiaddr"

	"hoso/p2p/syncproto"
)

// Why Now could not sync with a peer (Attempt.Code): failure codes
// (failure.go) the interface translates; the raw error goes to the log.
const (
	// ReachNoAddress: no address is known for the peer.
	ReachNoAddress = string(FailNoAddress)
	// ReachRefused: the peer's machine answered but nothing listens.
	ReachRefused = string(FailDialRefused)
	// ReachTimeout: no answer within the dial's bound.
	ReachTimeout = string(FailTimeout)
	// ReachDialFailed: the dial failed another way.
	ReachDialFailed = string(FailDial)
	// ReachRefusedByPeer: connected, but the peer refused this node.
	ReachRefusedByPeer = string(FailRefusedByPeer)
)

// Attempt is what Now did with one peer: the pull's figures when it
// connected, else why not.
type Attempt struct {
	Peer peer.ID
	// Hub is set for a hub of the enrolment.
	Hub bool
	// Code is "" when the pull succeeded, else a failure code: one of the
	// Reach codes, or what broke a pull off.
	Code  string
	Stats PullStats
	// Err is the cause, for the log and tests; never shown to the clerk.
	Err error
}

// Now pulls from every peer it can reach and waits for the pulls, whatever
// the daily budget: a clerk who asks for a sync means it. It tries the
// connected peers, the enrolment's hubs and the peers seen before, dialling
// those not connected within the dial bound (NowDialTimeout), and says per
// peer what happened. With no peer reachable it answers within that bound.
func (s *Syncer) Now(ctx context.Context) []Attempt {
	out := []Attempt{}
	if s.host == nil {
		return out
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, c := range s.candidates() {
		wg.Add(1)
		started := s.spawnFor(ctx, func(ctx context.Context) {
			defer wg.Done()
			a := s.try(ctx, c)
			if a.Err != nil {
				s.logf("sync: sync now with %s: %s: %v", a.Peer, a.Code, a.Err)
			}
			mu.Lock()
			out = append(out, a)
			mu.Unlock()
		})
		if !started {
			wg.Done()
		}
	}
	wg.Wait()
	sort.Slice(out, func(i, j int) bool { return out[i].Peer < out[j].Peer })
	return out
}

// spawnFor runs f owned by the syncer (run.go) under a context that ends
// with ctx (the clerk's request) or with the syncer.
func (s *Syncer) spawnFor(ctx context.Context, f func(ctx context.Context)) bool {
	return s.spawn(func(owner context.Context) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		defer context.AfterFunc(owner, cancel)()
		f(ctx)
	})
}

// candidate is a peer Now tries, with the addresses it knows for it.
type candidate struct {
	info peer.AddrInfo
	hub  bool
}

// candidates are the peers Now tries: the connected ones, the enrolment's
// hubs and the peers the status board has seen, this node excepted.
func (s *Syncer) candidates() []candidate {
	self := s.host.ID()
	seen := map[peer.ID]int{}
	var out []candidate
	add := func(c candidate) {
		if c.info.ID == "" || c.info.ID == self {
			return
		}
		if i, ok := seen[c.info.ID]; ok {
			out[i].hub = out[i].hub || c.hub
			out[i].info.Addrs = append(out[i].info.Addrs, c.info.Addrs...)
			return
		}
		seen[c.info.ID] = len(out)
		out = append(out, c)
	}
	for _, id := range s.peers() {
		add(candidate{info: peer.AddrInfo{ID: id}})
	}
	if s.en != nil {
		for _, addr := range s.en.Hubs {
			a, err := ma.NewMultiaddr(addr)
			if err != nil {
				continue
			}
			if info, err := peer.AddrInfoFromP2pAddr(a); err == nil {
				add(candidate{info: *info, hub: true})
			}
		}
	}
	for _, p := range s.status.snapshot(s.host) {
		if id, err := peer.Decode(p.Peer); err == nil {
			add(candidate{info: peer.AddrInfo{ID: id}})
		}
	}
	return out
}

// try connects to a candidate if need be, within the dial bound, and
// pulls from it.
func (s *Syncer) try(ctx context.Context, c candidate) Attempt {
	a := Attempt{Peer: c.info.ID, Hub: c.hub}
	if s.host.Network().Connectedness(c.info.ID) != network.Connected {
		if len(c.info.Addrs) == 0 && len(s.host.Peerstore().Addrs(c.info.ID)) == 0 {
			a.Code, a.Err = ReachNoAddress, swarm.ErrNoAddresses
			s.status.failed(c.info.ID, a.Err)
			return a
		}
		// The clerk asked now: the backoff of the run loop's failed dials
		// does not hold this one back (a direct dial skips it).
		dctx, cancel := context.WithTimeout(network.WithForceDirectDial(ctx, "sync now"), s.timing.NowDial)
		err := s.host.Connect(dctx, c.info)
		cancel()
		if err != nil {
			a.Code, a.Err = dialCode(err), err
			s.status.failed(c.info.ID, err)
			return a
		}
	}
	a.Stats, a.Err = s.Pull(ctx, c.info.ID)
	if a.Err != nil {
		a.Code = pullCode(a.Err)
	}
	return a
}

// dialCode names why a dial failed.
func dialCode(err error) string {
	var ne net.Error
	switch {
	case errors.Is(err, swarm.ErrNoAddresses) || errors.Is(err, swarm.ErrNoGoodAddresses):
		return ReachNoAddress
	case errors.Is(err, syscall.ECONNREFUSED):
		return ReachRefused
	case errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout():
		return ReachTimeout
	}
	return ReachDialFailed
}

// pullCode names why a pull from a connected peer failed.
func pullCode(err error) string {
	var r *syncproto.Refusal
	if errors.As(err, &r) {
		return ReachRefusedByPeer
	}
	return string(failureOf(err, FailConnectionLost))
}
