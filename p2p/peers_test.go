package p2p

import (
	"context"
	"crypto/ed25519"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p"
	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/peer"
	ma "github.com/multiformats/go-multiaddr"

	"hoso/p2p/pex"
	"hoso/trust"
)

// hubAddr is a node's first address with its peer ID, as an enrolment
// lists a hub.
func hubAddr(n *node) string {
	return n.sync.host.Addrs()[0].String() + "/p2p/" + n.id.String()
}

// listed reports whether a peer list names a node.
func listed(list []peer.AddrInfo, n *node) bool {
	for _, info := range list {
		if info.ID == n.id {
			return true
		}
	}
	return false
}

// newDesk enrols a second device of commune A, recorded by it.
func newDesk(t testing.TB, pv *province) *node {
	t.Helper()
	k, lk := newKey(t)
	ch, err := trust.Issue(pv.a.key, pv.a.en.Chain, k.Public().(ed25519.PublicKey), "38/405/38001", trust.RoleDesk, testNow, 30)
	if err != nil {
		t.Fatal(err)
	}
	if err := RecordCertificate(pv.a.st, "admin", "38001", ch); err != nil {
		t.Fatal(err)
	}
	return startNode(t, "desk B", k, lk, &Enrolment{Root: pv.p.en.Root, Chain: ch})
}

func TestPeersLearnedFromHub(t *testing.T) {
	pv := newProvince(t)
	// Desk B: a second device of commune A, whose own device is desk A.
	deskB := newDesk(t, pv)

	// The district is a hub; it learns desk B's certificate from the
	// commune, then stops serving sync, so that whatever reaches desk B
	// afterwards came from desk A directly.
	resync(pv.d, SyncOptions{Hub: true})
	link(t, pv.a, pv.d)
	pull(t, pv.d, pv.a)
	pv.a.sync.host.Network().ClosePeer(pv.d.id)
	pv.d.sync.host.RemoveStreamHandler(ProtocolID)

	// The desks and commune B know only the hub's address.
	for _, n := range []*node{pv.a, deskB, pv.b} {
		n.en.Hubs = []string{hubAddr(pv.d)}
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	link(t, pv.b, pv.d)
	go pv.a.sync.Run(ctx)
	go deskB.sync.Run(ctx)
	write(t, pv.a, "dossier/A1", "dossier.step", "38001")

	deadline := time.Now().Add(8 * time.Second)
	for count(t, deskB, "dossier/A1") != 1 {
		if time.Now().After(deadline) {
			t.Fatalf("desk A's record did not reach desk B; A's log: %v; B's log: %v", pv.a.logs.lines, deskB.logs.lines)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if count(t, pv.d, "dossier/A1") != 0 {
		t.Fatal("the hub holds the record: the test does not prove a direct link")
	}
	direct := false
	for _, c := range deskB.sync.host.Network().ConnsToPeer(pv.a.id) {
		if _, err := c.RemoteMultiaddr().ValueForProtocol(ma.P_CIRCUIT); err != nil {
			direct = true
		}
	}
	if !direct {
		t.Error("desk B has no direct connection to desk A")
	}

	// Desk A is told of desk B (with a circuit through the hub) and not of
	// commune B; commune B is told of neither desk.
	list, err := pv.a.sync.requestPeers(ctx, pv.d.id)
	if err != nil {
		t.Fatal(err)
	}
	if !listed(list, deskB) || listed(list, pv.b) || listed(list, pv.a) || listed(list, pv.d) {
		t.Errorf("desk A was told of %v", list)
	}
	for _, info := range list {
		circuit := ma.StringCast("/p2p/" + pv.d.id.String() + "/p2p-circuit")
		found := false
		for _, a := range info.Addrs {
			found = found || a.Equal(circuit)
		}
		if !found || len(info.Addrs) > pex.MaxAddrs {
			t.Errorf("%s is listed with %v, want at most %d addresses with a circuit through the hub", info.ID, info.Addrs, pex.MaxAddrs)
		}
	}
	list, err = pv.b.sync.requestPeers(ctx, pv.d.id)
	if err != nil {
		t.Fatal(err)
	}
	if listed(list, pv.a) || listed(list, deskB) {
		t.Errorf("commune B was told of commune A's desks: %v", list)
	}
}

// TestPeersRefusesMalformedRequest sends the hub a request of another
// version: it resets the stream rather than answer.
func TestPeersRefusesMalformedRequest(t *testing.T) {
	pv := newProvince(t)
	resync(pv.d, SyncOptions{Hub: true})
	link(t, pv.a, pv.d)
	str, err := pv.a.sync.host.NewStream(context.Background(), pv.d.id, PeersProtocolID)
	if err != nil {
		t.Fatal(err)
	}
	defer str.Close()
	_ = str.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := str.Write([]byte{pex.Version + 1}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := pex.Read(str); err == nil {
		t.Fatal("the hub answered a request of an unknown version")
	}
	if !pv.d.logs.eventually("refused a peer list request") {
		t.Errorf("the refusal is not logged: %v", pv.d.logs.lines)
	}
	// A node that is not a hub does not speak the protocol.
	if _, err := pv.d.sync.requestPeers(context.Background(), pv.a.id); err == nil {
		t.Error("a commune answered the peer exchange")
	}
}

// rehostAsHub restarts a node's host as a hub's with a circuit relay, and
// gives it a hub's syncer. The relay runs only once the host believes it
// is publicly reachable, which AutoNAT never concludes on loopback: the
// test forces it.
func rehostAsHub(t testing.TB, n *node) {
	t.Helper()
	n.sync.host.Close()
	lk, err := crypto.UnmarshalEd25519PrivateKey(n.key)
	if err != nil {
		t.Fatal(err)
	}
	h, err := libp2p.New(libp2p.Identity(lk), libp2p.ListenAddrStrings("/ip4/127.0.0.1/tcp/0"),
		libp2p.ConnectionGater(NewGater(n.st, n.en, nil, n.logs.logf)),
		libp2p.EnableRelayService(), libp2p.ForceReachabilityPublic())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	n.sync = NewSyncer(SyncOptions{Host: h, Store: n.st, Enrolment: n.en, Tree: offices, Logf: n.logs.logf, Hub: true})
}

// TestPeersCircuitThroughHub shows the circuit address a hub lists works:
// asking the hub takes a relay slot there, and a desk that knows no direct
// address of the other reaches it through the hub.
func TestPeersCircuitThroughHub(t *testing.T) {
	pv := newProvince(t)
	deskB := newDesk(t, pv)
	rehostAsHub(t, pv.d)
	link(t, pv.a, pv.d)
	pull(t, pv.d, pv.a) // the hub learns desk B's certificate
	pv.a.en.Hubs = []string{hubAddr(pv.d)}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go pv.a.sync.Run(ctx)
	deadline := time.Now().Add(8 * time.Second)
	for {
		pv.a.sync.mu.Lock()
		until := pv.a.sync.reserved[pv.d.id]
		pv.a.sync.mu.Unlock()
		if until.After(time.Now()) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no relay slot at the hub: %v", pv.a.logs.lines)
		}
		time.Sleep(50 * time.Millisecond)
	}
	link(t, deskB, pv.d)
	circuit := ma.StringCast("/p2p/" + pv.d.id.String() + "/p2p-circuit")
	if err := deskB.sync.host.Connect(ctx, peer.AddrInfo{ID: pv.a.id, Addrs: []ma.Multiaddr{circuit}}); err != nil {
		t.Fatal(err)
	}
	for _, c := range deskB.sync.host.Network().ConnsToPeer(pv.a.id) {
		if _, err := c.RemoteMultiaddr().ValueForProtocol(ma.P_CIRCUIT); err != nil {
			t.Errorf("connected to desk A directly at %s", c.RemoteMultiaddr())
		}
	}
	// And they sync over the relayed (limited) connection.
	write(t, pv.a, "dossier/RELAYED", "dossier.step", "38001")
	pull(t, deskB, pv.a)
	if count(t, deskB, "dossier/RELAYED") != 1 {
		t.Error("desk B did not receive desk A's record through the hub's relay")
	}
}

// A hub's peer lists place each connected peer from a cache (placeCache)
// that is forgotten when the trust records change: a device certified
// anew for another office is placed there at once.
func TestPeerPlacesFollowTheTrustRecords(t *testing.T) {
	pv := newProvince(t)
	s := pv.d.sync
	if err := RecordCertificate(pv.d.st, "admin", "405", pv.b.en.Chain); err != nil {
		t.Fatal(err)
	}
	if got := s.officeOf(pv.b.id); got != "38/405/38002" {
		t.Fatalf("commune B's device is placed at %q, want 38/405/38002", got)
	}
	ch, err := trust.Issue(pv.d.key, pv.d.en.Chain, pv.b.key.Public().(ed25519.PublicKey), "38/405/38001", trust.RoleCommune, testNow.Add(time.Hour), 30)
	if err != nil {
		t.Fatal(err)
	}
	if err := RecordCertificate(pv.d.st, "admin", "405", ch); err != nil {
		t.Fatal(err)
	}
	if got := s.officeOf(pv.b.id); got != "38/405/38001" {
		t.Errorf("after its new certificate commune B's device is placed at %q, want 38/405/38001", got)
	}
}
