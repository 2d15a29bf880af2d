package p2p

import (
	"fmt"

	"github.com/libp2p/go-libp2p"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/p2p/security/noise"
)

// DefaultListen is where a node listens when no address is given. Until
// enrolment and the connection gater exist, a node accepts connections only
// from this machine.
var DefaultListen = []string{"/ip4/127.0.0.1/tcp/0", "/ip4/127.0.0.1/udp/0/quic-v1"}

// HostOptions configure NewHost.
type HostOptions struct {
	// Identity is the node's key.
	Identity Identity
	// Listen lists multiaddrs to listen on; empty means DefaultListen.
	Listen []string
}

// NewHost starts a libp2p host with the node's identity on TCP and QUIC,
// secured by Noise.
func NewHost(opts HostOptions) (host.Host, error) {
	listen := opts.Listen
	if len(listen) == 0 {
		listen = DefaultListen
	}
	h, err := libp2p.New(
		libp2p.Identity(opts.Identity.Key),
		libp2p.ListenAddrStrings(listen...),
		libp2p.DefaultTransports,
		libp2p.DefaultMuxers,
		libp2p.Security(noise.ID, noise.New),
	)
	if err != nil {
		return nil, fmt.Errorf("starting libp2p host on %v: %w", listen, err)
	}
	return h, nil
}
