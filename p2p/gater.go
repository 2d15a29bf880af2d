package p2p

import (
	"bytes"
	"log"
	"time"

	"github.com/libp2p/go-libp2p/core/control"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	ma "github.com/multiformats/go-multiaddr"

	"hoso/store"
	"hoso/trust"
)

// Gater admits only enrolled devices: a peer whose certificate chain is
// recorded here and verifies, or one of the issuers of this node's own
// chain (its hubs). Everyone else is refused once the connection is
// secured, before any stream opens.
type Gater struct {
	en   *Enrolment
	book *certBook
	now  func() time.Time
	logf func(string, ...any)
}

// NewGater returns the gater of a node.
func NewGater(st *store.Store, en *Enrolment, now func() time.Time, logf func(string, ...any)) *Gater {
	if now == nil {
		now = time.Now
	}
	if logf == nil {
		logf = log.Printf
	}
	return &Gater{en: en, book: newCertBook(st, en), now: now, logf: logf}
}

// Allowed reports whether a peer is enrolled, valid and not revoked.
func (g *Gater) Allowed(id peer.ID) bool {
	k, err := keyOf(id)
	if err != nil {
		return false
	}
	// The issuers of this node's chain as enrolled and as renewed since
	// (a renewal may come from another device of the parent office).
	for _, own := range []trust.Chain{g.en.Chain, g.renewed()} {
		for i, c := range own {
			if i > 0 && bytes.Equal(c.Subject, k) && own[i:].Verify(g.en.Root, g.now(), g.book.isRevoked) == nil {
				return true
			}
		}
	}
	ch, ok := g.book.chain(id)
	return ok && ch.Verify(g.en.Root, g.now(), g.book.isRevoked) == nil
}

// renewed returns this node's own chain as recorded since start-up, if a
// renewal (renew.go) recorded one for the same device, office and role.
func (g *Gater) renewed() trust.Chain {
	cur := g.en.Chain.Leaf()
	id, err := PeerIDOf(cur.Subject)
	if err != nil {
		return nil
	}
	rec, ok := g.book.chain(id)
	if !ok || !bytes.Equal(rec.Leaf().Subject, cur.Subject) || rec.Leaf().Path != cur.Path || rec.Leaf().Role != cur.Role {
		return nil
	}
	return rec
}

// InterceptPeerDial allows every dial; the check is on the secured
// connection.
func (g *Gater) InterceptPeerDial(peer.ID) bool { return true }

// InterceptAddrDial allows every address.
func (g *Gater) InterceptAddrDial(peer.ID, ma.Multiaddr) bool { return true }

// InterceptAccept allows every connection attempt until it is secured.
func (g *Gater) InterceptAccept(network.ConnMultiaddrs) bool { return true }

// InterceptSecured admits the connection only if the peer is enrolled.
func (g *Gater) InterceptSecured(dir network.Direction, id peer.ID, addrs network.ConnMultiaddrs) bool {
	if g.Allowed(id) {
		return true
	}
	g.logf("sync: refused %s from %s: not an enrolled device of this province", id, addrs.RemoteMultiaddr())
	return false
}

// InterceptUpgraded allows every secured, admitted connection.
func (g *Gater) InterceptUpgraded(network.Conn) (bool, control.DisconnectReason) { return true, 0 }

// ClosedGater refuses every connection, in and out: the gater of a node that
// is not enrolled yet, which has no peer to sync with and answers none. A
// dialler's TCP connection is closed when accepted, before the security
// handshake (so it learns not even the node's key), a QUIC one before any
// stream opens: no ping, no identify.
type ClosedGater struct{}

// InterceptPeerDial refuses every dial.
func (ClosedGater) InterceptPeerDial(peer.ID) bool { return false }

// InterceptAddrDial refuses every address.
func (ClosedGater) InterceptAddrDial(peer.ID, ma.Multiaddr) bool { return false }

// InterceptAccept refuses every incoming connection.
func (ClosedGater) InterceptAccept(network.ConnMultiaddrs) bool { return false }

// InterceptSecured refuses every secured connection.
func (ClosedGater) InterceptSecured(network.Direction, peer.ID, network.ConnMultiaddrs) bool {
	return false
}

// InterceptUpgraded refuses every upgraded connection.
func (ClosedGater) InterceptUpgraded(network.Conn) (bool, control.DisconnectReason) { return false, 0 }
