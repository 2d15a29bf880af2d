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
}

// Connection and resource limits. A desk PC keeps few connections; a hub
// serves a district's or a province's nodes.
const (
	deskLow, deskHigh = 16, 32
	hubLow, hubHigh   = 256, 512
)

// limits returns the resource manager's explicit limits.
func limits(hub bool) rcmgr.ConcreteLimitConfig {
	scale := rcmgr.DefaultLimits
	libp2pLimits := scale.AutoScale()
	if !hub {
		return libp2pLimits
	}
	// A hub gets the limits of a machine with 4 GB and 4096 descriptors
	// for libp2p, whatever it runs on: explicit, not guessed.
	return scale.Scale(4<<30, 4096)
}

// NewHost starts a libp2p host with the node's identity on TCP and QUIC,
// secured by Noise, with a connection manager, a resource manager with
// explicit limits and, for hubs, a circuit relay.
func NewHost(opts HostOptions) (host.Host, error) {
	listen := opts.Listen
	if len(listen) == 0 {
		listen = DefaultListen
	}
	low, high := deskLow, deskHigh
	if opts.Hub {
		low, high = hubLow, hubHigh
	}
	cm, err := basicconnmgr.NewConnManager(low, high, basicconnmgr.WithGracePeriod(time.Minute))
	if err != nil {
		return nil, fmt.Errorf("connection manager: %w", err)
	}
	rm, err := rcmgr.NewResourceManager(rcmgr.NewFixedLimiter(limits(opts.Hub)))
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
