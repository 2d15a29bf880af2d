package p2p

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
	relayclient "github.com/libp2p/go-libp2p/p2p/protocol/circuitv2/client"
	ma "github.com/multiformats/go-multiaddr"

	"hoso/p2p/pex"
	"hoso/p2p/syncproto"
	"hoso/store"
)

// PeersProtocolID is the peer exchange (package pex, which specifies its
// bytes): a device asks a hub which of the hub's peers it may sync with
// directly, so that two desks that know only their hub's address find
// each other.
const PeersProtocolID = pex.ID

// How long what the exchange taught lasts.
const (
	// peersTTL is how long learned addresses stay in the peerstore: longer
	// than the interval between asks, so they are refreshed before they
	// go.
	peersTTL = 15 * time.Minute
	// relayRenew is how long before a hub's relay slot expires this node
	// reserves it again.
	relayRenew = 10 * time.Minute
)

// verifiedPath returns the office path of a device whose chain is known
// here and verifies now.
func (s *Syncer) verifiedPath(id peer.ID) (string, bool) {
	k, err := keyOf(id)
	if err != nil {
		return "", false
	}
	var o store.Origin
	copy(o[:], k)
	ch, ok := s.chainOf(o)
	if !ok || !bytes.Equal(ch.Leaf().Subject, k) || ch.Verify(s.en.Root, s.now(), s.book.isRevoked) != nil {
		return "", false
	}
	return ch.Leaf().Path, true
}

// servePeers answers a device's request for peers: see PeersProtocolID.
func (s *Syncer) servePeers(str network.Stream) {
	asker := str.Conn().RemotePeer()
	_ = str.SetDeadline(time.Now().Add(s.timing.Peers))
	var req [1]byte
	if _, err := io.ReadFull(str, req[:]); err != nil || req[0] != pex.Version {
		s.logf("sync: refused a peer list request from %s: version %d, %v", asker, req[0], err)
		_ = str.Reset()
		return
	}
	reply := pex.Encode(s.peersFor(asker))
	s.budget.spend(asker, int64(len(req)+len(reply)))
	if _, err := str.Write(reply); err != nil {
		_ = str.Reset()
		return
	}
	_ = str.Close()
}

// peersFor lists the connected peers a device may learn of: devices of its
// own office and of the offices above it, whose chains are known here and
// verify. A device is told nothing of other communes, nor is any device
// whose chain this hub does not know.
func (s *Syncer) peersFor(asker peer.ID) []peer.AddrInfo {
	path, ok := s.verifiedPath(asker)
	if !ok {
		return nil
	}
	sc := syncproto.PathScope(path)
	var ids []peer.ID
	for _, id := range s.host.Network().Peers() {
		if id == asker || id == s.host.ID() {
			continue
		}
		// Placed first by its recorded chain, unverified: only the few
		// peers the asker may learn of (its office, the hubs above) are
		// then verified. Verifying every connected peer for every ask
		// cost a hub N signature checks per desk, N² a round: at 500
		// desks most of its CPU (issue 19).
		if p := s.officeOf(id); p != "" && sc.Above(p) {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	var out []peer.AddrInfo
	for _, id := range ids {
		if p, ok := s.verifiedPath(id); !ok || !sc.Above(p) {
			continue
		}
		out = append(out, peer.AddrInfo{ID: id, Addrs: s.listedAddrs(id)})
		if len(out) == pex.MaxListed {
			break
		}
	}
	return out
}

// placeCache remembers OfficeOf per peer until the trust records change
// (their fold count is its epoch): a hub answering a peer list places
// every connected peer, and at 2,000 desks the peer lists took a tenth of
// the hub's CPU, 6% reading each peer's key from its ID and its chain
// from the book (issue 19).
type placeCache = epochMap[peer.ID, string]

// officeOf returns s.OfficeOf(id), from the cache while the trust records
// are unchanged.
func (s *Syncer) officeOf(id peer.ID) string {
	at := s.st.Folds(trustProjID)
	if p, ok := s.places.get(at, id); ok {
		return p
	}
	p := s.OfficeOf(id)
	if p != "" {
		// "" is not kept: a chain kept later (Keeper) may place it.
		s.places.put(at, id, p)
	}
	return p
}

// listedAddrs are a peer's addresses as the peerstore knows them (what it
// announced, its LAN or public addresses) and, last, a circuit through
// this hub's relay, for when no direct route exists.
func (s *Syncer) listedAddrs(id peer.ID) []ma.Multiaddr {
	var out []ma.Multiaddr
	for _, a := range s.host.Peerstore().Addrs(id) {
		if len(out) == pex.MaxAddrs-1 {
			break
		}
		if _, err := a.ValueForProtocol(ma.P_CIRCUIT); err == nil {
			continue
		}
		out = append(out, a)
	}
	if c, err := ma.NewMultiaddr("/p2p/" + s.host.ID().String() + "/p2p-circuit"); err == nil {
		out = append(out, c)
	}
	return out
}

// requestPeers asks a hub for the peers this node may sync with.
func (s *Syncer) requestPeers(ctx context.Context, hub peer.ID) ([]peer.AddrInfo, error) {
	ctx, cancel := context.WithTimeout(ctx, s.timing.Peers)
	defer cancel()
	str, err := s.host.NewStream(ctx, hub, protocol.ID(PeersProtocolID))
	if err != nil {
		return nil, fmt.Errorf("asking hub %s for peers: %w", hub, err)
	}
	defer str.Close()
	_ = str.SetDeadline(time.Now().Add(s.timing.Peers))
	if _, err := str.Write([]byte{pex.Version}); err != nil {
		_ = str.Reset()
		return nil, fmt.Errorf("asking hub %s for peers: %w", hub, err)
	}
	_ = str.CloseWrite()
	list, n, err := pex.Read(str)
	s.budget.spend(hub, int64(1+n))
	if err != nil {
		_ = str.Reset()
		return nil, fmt.Errorf("reading the peers of hub %s: %w", hub, err)
	}
	return list, nil
}

// askHub learns from a hub the peers this node may sync with directly,
// keeps their addresses for a while and dials those it is not connected
// to; the gaters of both sides still decide. It also keeps a relay slot
// at the hub, so that the circuit address the hub lists for this node
// works.
func (s *Syncer) askHub(ctx context.Context, hub peer.ID) {
	list, err := s.requestPeers(ctx, hub)
	if err != nil {
		s.logf("sync: %v", err)
		return
	}
	self := s.host.ID()
	for _, info := range list {
		if info.ID == self || info.ID == hub {
			continue
		}
		s.host.Peerstore().AddAddrs(info.ID, info.Addrs, peersTTL)
		if s.host.Network().Connectedness(info.ID) != network.Connected {
			// Owned by the run loop like every dial (run.go).
			id := info.ID
			s.spawn(func(ctx context.Context) { s.dialLearned(ctx, id, hub) })
		}
	}
	s.reserve(ctx, hub)
}

// dialLearned connects to a peer a hub listed; a failure is the peer's
// last error.
func (s *Syncer) dialLearned(ctx context.Context, id, hub peer.ID) {
	ctx, cancel := context.WithTimeout(ctx, s.timing.LearnedDial)
	defer cancel()
	if err := s.host.Connect(ctx, peer.AddrInfo{ID: id}); err != nil {
		s.status.failed(id, fmt.Errorf("dialing a peer hub %s listed: %w", hub, err))
	}
}

// reserve takes or renews a relay slot at a hub when it nears its end.
func (s *Syncer) reserve(ctx context.Context, hub peer.ID) {
	s.mu.Lock()
	due := time.Until(s.reserved[hub]) < relayRenew
	s.mu.Unlock()
	if !due {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, s.timing.Peers)
	defer cancel()
	r, err := relayclient.Reserve(ctx, s.host, peer.AddrInfo{ID: hub})
	if err != nil {
		s.logf("sync: reserving a relay slot at hub %s: %v", hub, err)
		return
	}
	s.mu.Lock()
	s.reserved[hub] = r.Expiration
	s.mu.Unlock()
}

// hubIDs are the peer IDs of the configured hubs.
func (s *Syncer) hubIDs() map[peer.ID]bool {
	out := map[peer.ID]bool{}
	for _, addr := range s.en.Hubs {
		a, err := ma.NewMultiaddr(addr)
		if err != nil {
			continue
		}
		if info, err := peer.AddrInfoFromP2pAddr(a); err == nil {
			out[info.ID] = true
		}
	}
	return out
}

// askHubsEvery asks every connected hub for peers now, then every few
// minutes, jittered; a hub that connects later is asked by Run's
// notifiee.
func (s *Syncer) askHubsEvery(ctx context.Context, hubs map[peer.ID]bool) {
	if len(hubs) == 0 {
		return
	}
	var wait time.Duration
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		for hub := range hubs {
			if s.host.Network().Connectedness(hub) == network.Connected {
				s.askHub(ctx, hub)
			}
		}
		wait = s.timing.PeersEvery*3/4 + rand.N(s.timing.PeersEvery/2)
	}
}
