package p2p

import (
	"bytes"
	"context"
	"encoding/binary"
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

	"hoso/store"
)

// PeersProtocolID is the peer exchange: a device asks a hub which of the
// hub's peers it may sync with directly (the other desks of its office and
// the hubs above it), so that two desks that know only their hub's
// address find each other. The major version changes on a breaking
// change.
//
// The request is one byte, the version. The reply is one frame: the
// version, the length of the rest (uint16), the number of peers, and per
// peer its ID and addresses, each length-prefixed. Anything else resets
// the stream.
const PeersProtocolID = "/hoso/peers/1.0.0"

// Peer exchange limits: the reply is read whole, so every part is bounded.
const (
	peersVersion byte = 1
	// maxPeersReply bounds the reply frame, header included.
	maxPeersReply = 64 << 10
	// maxPeersListed bounds the peers one reply lists.
	maxPeersListed = 64
	// maxPeerAddrs bounds the addresses of one peer.
	maxPeerAddrs = 8
	// maxPeerIDLen bounds a peer ID (an Ed25519 one is 38 bytes).
	maxPeerIDLen = 64
	// maxPeerAddrLen bounds one multiaddr.
	maxPeerAddrLen = 512
	// peersHeader is the version and the length.
	peersHeader = 3
	// peersTTL is how long learned addresses stay in the peerstore: longer
	// than the interval between asks, so they are refreshed before they
	// go.
	peersTTL = 15 * time.Minute
	// relayRenew is how long before a hub's relay slot expires this node
	// reserves it again.
	relayRenew = 10 * time.Minute
)

// encodePeers writes the reply frame. It lists at most maxPeersListed
// peers with at most maxPeerAddrs addresses each, and stops before a peer
// would take the frame past maxPeersReply.
func encodePeers(list []peer.AddrInfo) []byte {
	body := []byte{0}
	n := 0
	for _, info := range list {
		if n == maxPeersListed {
			break
		}
		id := []byte(info.ID)
		if len(id) == 0 || len(id) > maxPeerIDLen {
			continue
		}
		entry := append([]byte{byte(len(id))}, id...)
		var addrs [][]byte
		for _, a := range info.Addrs {
			if b := a.Bytes(); len(b) > 0 && len(b) <= maxPeerAddrLen && len(addrs) < maxPeerAddrs {
				addrs = append(addrs, b)
			}
		}
		entry = append(entry, byte(len(addrs)))
		for _, b := range addrs {
			entry = binary.BigEndian.AppendUint16(entry, uint16(len(b)))
			entry = append(entry, b...)
		}
		if peersHeader+len(body)+len(entry) > maxPeersReply {
			break
		}
		body = append(body, entry...)
		n++
	}
	body[0] = byte(n)
	out := make([]byte, 0, peersHeader+len(body))
	out = append(out, peersVersion)
	out = binary.BigEndian.AppendUint16(out, uint16(len(body)))
	return append(out, body...)
}

// decodePeers reads a reply frame, refusing anything out of bounds or
// malformed: a wrong version, a length that does not match, too many
// peers or addresses, a bad peer ID or multiaddr, a peer listed twice, an
// address naming another peer, or trailing bytes.
func decodePeers(b []byte) ([]peer.AddrInfo, error) {
	bad := func(what string) ([]peer.AddrInfo, error) {
		return nil, fmt.Errorf("%w: peer list: %s", ErrProtocol, what)
	}
	if len(b) < peersHeader+1 || len(b) > maxPeersReply {
		return bad(fmt.Sprintf("frame of %d bytes", len(b)))
	}
	if b[0] != peersVersion {
		return bad(fmt.Sprintf("version %d", b[0]))
	}
	if int(binary.BigEndian.Uint16(b[1:3])) != len(b)-peersHeader {
		return bad("length does not match the frame")
	}
	r := bytes.NewReader(b[peersHeader:])
	count, _ := r.ReadByte()
	if count > maxPeersListed {
		return bad(fmt.Sprintf("%d peers", count))
	}
	out := make([]peer.AddrInfo, 0, count)
	seen := map[peer.ID]bool{}
	for range count {
		n, err := r.ReadByte()
		if err != nil || n == 0 || n > maxPeerIDLen || int(n) > r.Len() {
			return bad("peer ID length")
		}
		raw := make([]byte, n)
		_, _ = r.Read(raw)
		id, err := peer.IDFromBytes(raw)
		if err != nil || seen[id] {
			return bad("peer ID")
		}
		seen[id] = true
		na, err := r.ReadByte()
		if err != nil || na > maxPeerAddrs {
			return bad("address count")
		}
		info := peer.AddrInfo{ID: id}
		for range na {
			if r.Len() < 2 {
				return bad("address length")
			}
			var l [2]byte
			_, _ = r.Read(l[:])
			al := int(binary.BigEndian.Uint16(l[:]))
			if al == 0 || al > maxPeerAddrLen || al > r.Len() {
				return bad("address length")
			}
			ab := make([]byte, al)
			_, _ = r.Read(ab)
			a, err := ma.NewMultiaddrBytes(ab)
			if err != nil {
				return bad("address")
			}
			// An address may end with the peer's own ID, never another's.
			if _, last := ma.SplitLast(a); last != nil && last.Protocol().Code == ma.P_P2P {
				if last.Value() != id.String() {
					return bad("address of another peer")
				}
				a, _ = ma.SplitLast(a)
				if len(a) == 0 {
					continue
				}
			}
			info.Addrs = append(info.Addrs, a)
		}
		out = append(out, info)
	}
	if r.Len() != 0 {
		return bad("trailing bytes")
	}
	return out, nil
}

// readPeers reads one reply frame, never more than maxPeersReply bytes,
// and returns the peers and the frame's size.
func readPeers(r io.Reader) ([]peer.AddrInfo, int, error) {
	frame := make([]byte, peersHeader, maxPeersReply)
	if _, err := io.ReadFull(r, frame); err != nil {
		return nil, 0, err
	}
	if frame[0] != peersVersion {
		return nil, len(frame), fmt.Errorf("%w: peer list: version %d", ErrProtocol, frame[0])
	}
	n := int(binary.BigEndian.Uint16(frame[1:3]))
	if peersHeader+n > maxPeersReply {
		return nil, len(frame), fmt.Errorf("%w: peer list of %d bytes", ErrProtocol, n)
	}
	frame = frame[:peersHeader+n]
	if _, err := io.ReadFull(r, frame[peersHeader:]); err != nil {
		return nil, len(frame), err
	}
	list, err := decodePeers(frame)
	return list, len(frame), err
}

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
	if _, err := io.ReadFull(str, req[:]); err != nil || req[0] != peersVersion {
		s.logf("sync: refused a peer list request from %s: version %d, %v", asker, req[0], err)
		_ = str.Reset()
		return
	}
	reply := encodePeers(s.peersFor(asker))
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
	sc := scope{path: path}
	ids := s.host.Network().Peers()
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	var out []peer.AddrInfo
	for _, id := range ids {
		if id == asker || id == s.host.ID() {
			continue
		}
		if p, ok := s.verifiedPath(id); !ok || !sc.above(p) {
			continue
		}
		out = append(out, peer.AddrInfo{ID: id, Addrs: s.listedAddrs(id)})
		if len(out) == maxPeersListed {
			break
		}
	}
	return out
}

// listedAddrs are a peer's addresses as the peerstore knows them (what it
// announced, its LAN or public addresses) and, last, a circuit through
// this hub's relay, for when no direct route exists.
func (s *Syncer) listedAddrs(id peer.ID) []ma.Multiaddr {
	var out []ma.Multiaddr
	for _, a := range s.host.Peerstore().Addrs(id) {
		if len(out) == maxPeerAddrs-1 {
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
	if _, err := str.Write([]byte{peersVersion}); err != nil {
		_ = str.Reset()
		return nil, fmt.Errorf("asking hub %s for peers: %w", hub, err)
	}
	_ = str.CloseWrite()
	list, n, err := readPeers(str)
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
