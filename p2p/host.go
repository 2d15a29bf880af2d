package p2p

import (
	"fmt"
	"time"

	"github.com/libp2p/go-libp2p"
	"github.com/libp2p/go-libp2p/core/connmgr"
	"github.com/libp2p/go-libp2p/core/host"
	rcmgr "github.com/libp2p/go-libp2p/p2p/host/resource-manager"
	basicconnmgr "github.com/libp2p/go-libp2p/p2p/net/connmgr"
	"github.com/libp2p/go-libp2p/p2p/protocol/circuitv2/relay"
	"github.com/libp2p/go-libp2p/p2p/security/noise"
	ma "github.com/multiformats/go-multiaddr"
	manet "github.com/multiformats/go-multiaddr/net"
)

// DefaultListen is where a node listens when no address is given: this
// machine only. A hub is given its public addresses with --listen.
var DefaultListen = []string{"/ip4/127.0.0.1/tcp/0", "/ip4/127.0.0.1/udp/0/quic-v1"}

// CheckLoopback returns an error naming the first of listen that is not on
// this machine's loopback interface (127.0.0.0/8 or ::1), or that is not a
// multiaddr: where a node that is not enrolled may listen.
func CheckLoopback(listen []string) error {
	for _, a := range listen {
		m, err := ma.NewMultiaddr(a)
		if err != nil {
			return fmt.Errorf("%q is not a multiaddr: %w", a, err)
		}
		if !manet.IsIPLoopback(m) {
			return fmt.Errorf("%s is not on the loopback interface", a)
		}
	}
	return nil
}

// HostOptions configure NewHost.
type HostOptions struct {
	// Identity is the node's key.
	Identity Identity
	// Listen lists multiaddrs to listen on; empty means DefaultListen.
	Listen []string
	// Gater admits connections; nil admits everyone (tests). A node that
	// is not enrolled gets ClosedGater and listens on loopback only.
	Gater connmgr.ConnectionGater
	// Hub makes the node a district or provincial hub: more connections
	// and a circuit relay, so that two communes can meet through it.
	Hub bool
	// Peers is how many nodes a hub holds connections to at once: its
	// connection manager trims nothing below it and its resource
	// manager admits that many inbound connections. Zero means
	// DefaultHubPeers; desks ignore it.
	Peers int
	// GracePeriod is how long a new connection is safe from the
	// connection manager's trim; zero means a minute (tests shorten it).
	GracePeriod time.Duration
}

// DefaultHubPeers is how many nodes a hub holds by default: a province's
// desks (some 2,000 in 600 communes) with room for its districts.
const DefaultHubPeers = 4096

// Connection limits of a desk PC, which keeps few connections.
const deskLow, deskHigh = 16, 32

// watermarks returns the connection manager's low and high water marks. A
// hub's are above its peers: with 500 desks and marks of 256/512 it would
// trim desks that are syncing, which then reconnect, and so on.
func watermarks(hub bool, peers int) (low, high int) {
	if !hub {
		return deskLow, deskHigh
	}
	low = peers + peers/8 + 16
	return low, low + low/4
}

// limits returns the resource manager's explicit limits.
func limits(hub bool, peers int) rcmgr.ConcreteLimitConfig {
	scale := rcmgr.DefaultLimits
	if !hub {
		return scale.AutoScale()
	}
	// A hub gets the limits of a machine with 4 GB and 4096 descriptors
	// for libp2p, whatever it runs on: explicit, not guessed. Those
	// admit only 320 inbound connections system-wide (and 96 in the
	// handshake), so a province's hub refused its 321st desk during the
	// security handshake with a connection reset: the connection,
	// descriptor and stream limits are raised to hold peers.
	base := scale.Scale(4<<30, 4096)
	_, high := watermarks(true, peers)
	conns := high + 64
	atLeast := func(v rcmgr.LimitVal, n int) rcmgr.LimitVal {
		return rcmgr.LimitVal(max(int(v), n))
	}
	p := base.ToPartialLimitConfig()
	p.System.Conns = atLeast(p.System.Conns, conns)
	p.System.ConnsInbound = atLeast(p.System.ConnsInbound, conns)
	p.System.FD = atLeast(p.System.FD, conns+256)
	p.System.Streams = atLeast(p.System.Streams, 8*peers)
	p.System.StreamsInbound = atLeast(p.System.StreamsInbound, 4*peers)
	p.System.StreamsOutbound = atLeast(p.System.StreamsOutbound, 4*peers)
	// Desks enrolling together are all in the handshake at once.
	p.Transient.Conns = atLeast(p.Transient.Conns, conns/4)
	p.Transient.ConnsInbound = atLeast(p.Transient.ConnsInbound, conns/4)
	p.Transient.FD = atLeast(p.Transient.FD, conns/4)
	p.ServiceDefault.StreamsInbound = atLeast(p.ServiceDefault.StreamsInbound, 2*peers)
	p.ProtocolDefault.StreamsInbound = atLeast(p.ProtocolDefault.StreamsInbound, 2*peers)
	return p.Build(base)
}

// NewHost starts a libp2p host with the node's identity on TCP and QUIC,
// secured by Noise, with a connection manager, a resource manager with
// explicit limits and, for hubs, a circuit relay.
func NewHost(opts HostOptions) (host.Host, error) {
	listen := opts.Listen
	if len(listen) == 0 {
		listen = DefaultListen
	}
	peers := opts.Peers
	if peers <= 0 {
		peers = DefaultHubPeers
	}
	grace := opts.GracePeriod
	if grace <= 0 {
		grace = time.Minute
	}
	low, high := watermarks(opts.Hub, peers)
	cm, err := basicconnmgr.NewConnManager(low, high, basicconnmgr.WithGracePeriod(grace))
	if err != nil {
		return nil, fmt.Errorf("connection manager: %w", err)
	}
	rm, err := rcmgr.NewResourceManager(rcmgr.NewFixedLimiter(limits(opts.Hub, peers)))
	if err != nil {
		return nil, fmt.Errorf("resource manager: %w", err)
	}
	o := []libp2p.Option{
		libp2p.Identity(opts.Identity.Key),
		libp2p.ListenAddrStrings(listen...),
		libp2p.DefaultTransports,
		libp2p.DefaultMuxers,
		libp2p.Security(noise.ID, noise.New),
		libp2p.ConnectionManager(cm),
		libp2p.ResourceManager(rm),
	}
	if opts.Gater != nil {
		o = append(o, libp2p.ConnectionGater(opts.Gater))
	}
	if opts.Hub {
		res := relay.DefaultResources()
		res.MaxReservations, res.MaxCircuits, res.BufferSize = 1024, 64, 16<<10
		res.Limit = &relay.RelayLimit{Duration: 30 * time.Minute, Data: 64 << 20}
		// A hub is reachable by configuration (its address is in every
		// enrolment below it); without this the relay service waits for
		// AutoNAT to find it public, which on a LAN or a VPN it never does.
		o = append(o, libp2p.EnableRelayService(relay.WithResources(res)), libp2p.ForceReachabilityPublic())
	} else {
		o = append(o, libp2p.EnableRelay())
	}
	h, err := libp2p.New(o...)
	if err != nil {
		return nil, fmt.Errorf("starting libp2p host on %v: %w", listen, err)
	}
	return h, nil
}
