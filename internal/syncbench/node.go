package syncbench

// One node of the benchmark: hoso's sync wired by hand (a store with the
// trust projection only, an enrolment, a libp2p host, a Syncer), without
// the app's services, so that the figures are the sync's own.

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"time"

	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
	ma "github.com/multiformats/go-multiaddr"

	"hoso/p2p"
	"hoso/store"
	"hoso/trust"
)

// officeTree is the office tree of the benchmark: the dossiers of
// pouch/lib/docs.js belong to unit 38.380.15787.
type officeTree map[string]string

// Path is the office's path from the province down.
func (t officeTree) Path(office string) (string, bool) { p, ok := t[office]; return p, ok }

var benchOffices = officeTree{"38": "38", "380": "38/380", "15787": "38/380/15787"}

const (
	benchProvince = "38"
	benchDistrict = "380"
	benchCommune  = "15787"
	// enrolDays is how long the benchmark's enrolments last.
	enrolDays = 30
	// connectTimeout bounds the district's dial of the commune.
	connectTimeout = 30 * time.Second
)

// defaultListen is where a node's host listens: loopback TCP, where the
// orchestrator's proxy can reach it.
var defaultListen = []string{"/ip4/127.0.0.1/tcp/0"}

// node is one node of the benchmark, inside a node process.
type node struct {
	role string
	key  ed25519.PrivateKey
	id   p2p.Identity
	st   *store.Store
	// opts are the store's options, kept to open it again (reopen).
	opts   store.Options
	en     *p2p.Enrolment
	host   host.Host
	syncer *p2p.Syncer
	now    time.Time
	listen []string
	log    io.Writer
	// pullOnly removes the sync protocol's handler: the node pulls and
	// serves no one.
	pullOnly bool
	// phases counts the phases begun and stopProfile ends the CPU
	// profile of the current one (HOSO_BENCH_PROFILE).
	phases      int
	stopProfile func()
	// peaks counts the phase ends, naming their heap profiles.
	peaks int
}

// newNode opens the node's store with a fresh identity; a district is also
// enrolled by a throwaway province root and starts its host (a commune
// starts it once enrolled). On error nothing stays open.
func newNode(cfg PeerConfig, log io.Writer) (_ *node, err error) {
	if cfg.Role != RoleDistrict && cfg.Role != RoleCommune {
		return nil, fmt.Errorf("role %q: want %s or %s", cfg.Role, RoleDistrict, RoleCommune)
	}
	id, key, err := newIdentity()
	if err != nil {
		return nil, err
	}
	profile, err := store.ParseProfile(cfg.Profile)
	if err != nil {
		return nil, err
	}
	opts := store.Options{Dir: cfg.Dir, Signer: key, Projections: []store.Projection{p2p.TrustProjection{}}, Profile: profile}
	if cfg.Encrypt {
		opts.EncryptionKey = make([]byte, 32)
		if _, err := rand.Read(opts.EncryptionKey); err != nil {
			return nil, err
		}
	}
	if err := os.MkdirAll(cfg.Dir, 0o700); err != nil {
		return nil, err
	}
	st, err := store.Open(opts)
	if err != nil {
		return nil, err
	}
	n := &node{role: cfg.Role, key: key, id: id, st: st, opts: opts, now: time.Now(), pullOnly: cfg.PullOnly, listen: cfg.listen, log: log}
	if n.listen == nil {
		n.listen = defaultListen
	}
	defer func() {
		if err != nil {
			n.close()
		}
	}()
	if cfg.Role == RoleDistrict {
		if n.en, err = enrolByRoot(st, id.PeerID, n.now); err != nil {
			return nil, err
		}
		if err := n.startHost(); err != nil {
			return nil, err
		}
	}
	return n, nil
}

// enrolByRoot enrols the district whose store is st under a throwaway
// province root held in memory.
func enrolByRoot(st *store.Store, district peer.ID, now time.Time) (*p2p.Enrolment, error) {
	_, rkey, err := newIdentity()
	if err != nil {
		return nil, err
	}
	rst, err := store.Open(store.Options{InMemory: true, Signer: rkey, Projections: []store.Projection{p2p.TrustProjection{}}})
	if err != nil {
		return nil, err
	}
	defer rst.Close()
	ren, err := p2p.EnrolRoot(rst, rkey, benchProvince, now)
	if err != nil {
		return nil, err
	}
	text, _, err := p2p.Issue(rst, rkey, ren, district, benchDistrict, trust.RoleDistrict, enrolDays, nil, now)
	if err != nil {
		return nil, err
	}
	return p2p.Accept(st, text, now)
}

// newIdentity makes a fresh libp2p identity and its Ed25519 signing key.
func newIdentity() (p2p.Identity, ed25519.PrivateKey, error) {
	k, _, err := crypto.GenerateEd25519Key(nil)
	if err != nil {
		return p2p.Identity{}, nil, err
	}
	pid, err := peer.IDFromPrivateKey(k)
	if err != nil {
		return p2p.Identity{}, nil, err
	}
	id := p2p.Identity{Key: k, PeerID: pid}
	key, err := id.Ed25519()
	if err != nil {
		return p2p.Identity{}, nil, err
	}
	return id, key, nil
}

// startHost starts the node's libp2p host behind its gater, and its
// Syncer.
func (n *node) startHost() error {
	if n.host != nil {
		return errors.New("the host is already running")
	}
	h, err := p2p.NewHost(p2p.HostOptions{Identity: n.id, Listen: n.listen,
		Gater: p2p.NewGater(n.st, n.en, nil, nil), Hub: n.role == RoleDistrict})
	if err != nil {
		return err
	}
	n.host = h
	n.syncer = p2p.NewSyncer(p2p.SyncOptions{Host: h, Store: n.st, Enrolment: n.en, Tree: benchOffices})
	if n.pullOnly {
		h.RemoveStreamHandler(protocol.ID(p2p.ProtocolID))
	}
	return nil
}

// close ends the profile, then the host, then the store.
func (n *node) close() {
	if n.stopProfile != nil {
		n.stopProfile()
	}
	if n.host != nil {
		n.host.Close()
	}
	n.st.Close()
}

// reopen stops the host and opens the store again, as a node started on
// an existing history does; the node serves no one afterwards.
func (n *node) reopen() error {
	if n.host != nil {
		n.host.Close()
		n.host, n.syncer = nil, nil
	}
	if err := n.st.Close(); err != nil {
		return err
	}
	// A node started on this history would not hold the memory of the
	// phases before: give it back, and start the peak from there.
	debug.FreeOSMemory()
	resetPeak()
	st, err := store.Open(n.opts)
	if err != nil {
		return fmt.Errorf("opening the store again: %w", err)
	}
	n.st = st
	return nil
}

// handle answers one request of the line protocol.
func (n *node) handle(req Request) (Reply, error) {
	switch req.Cmd {
	case "issue":
		if n.en == nil {
			return Reply{}, errNotEnrolled
		}
		id, err := peer.Decode(req.PeerID)
		if err != nil {
			return Reply{}, err
		}
		text, _, err := p2p.Issue(n.st, n.key, n.en, id, benchCommune, trust.RoleCommune, enrolDays, nil, n.now)
		return Reply{Text: text}, err
	case "enrol":
		en, err := p2p.Accept(n.st, req.Text, n.now)
		if err != nil {
			return Reply{}, err
		}
		n.en = en
		if err := n.startHost(); err != nil {
			return Reply{}, err
		}
		var addrs []string
		for _, a := range n.host.Addrs() {
			addrs = append(addrs, a.String())
		}
		return Reply{Addrs: addrs}, nil
	case "connect":
		if n.host == nil {
			return Reply{}, errNotEnrolled
		}
		id, err := peer.Decode(req.PeerID)
		if err != nil {
			return Reply{}, err
		}
		a, err := ma.NewMultiaddr(req.Addr)
		if err != nil {
			return Reply{}, err
		}
		ctx, cancel := context.WithTimeout(context.Background(), connectTimeout)
		defer cancel()
		return Reply{}, n.host.Connect(ctx, peer.AddrInfo{ID: id, Addrs: []ma.Multiaddr{a}})
	case "pull":
		if n.syncer == nil {
			return Reply{}, errNotEnrolled
		}
		id, err := peer.Decode(req.PeerID)
		if err != nil {
			return Reply{}, err
		}
		t0 := time.Now()
		s, err := n.syncer.Pull(context.Background(), id)
		d := time.Since(t0)
		if err != nil {
			return Reply{}, err
		}
		return Reply{Ms: ms(d), Stats: &PullStats{UpToDate: s.UpToDate, Batches: s.Batches, Events: s.Events, Added: s.Added, BytesIn: s.BytesIn, BytesOut: s.BytesOut}}, nil
	case "load":
		t0 := time.Now()
		dossiers, events, err := loadDocs(n.st, benchCommune, req.Docs)
		return Reply{Ms: ms(time.Since(t0)), Dossiers: dossiers, Events: events}, err
	case "gen":
		t0 := time.Now()
		dossiers, events, err := genEvents(n.st, benchCommune, req.N, uint64(req.Count))
		return Reply{Ms: ms(time.Since(t0)), Dossiers: dossiers, Events: events}, err
	case "settle":
		t0 := time.Now()
		l := n.st.Settle(settleCompactions, settleCompactionsLimit)
		return Reply{Ms: ms(time.Since(t0)), LSM: &l}, nil
	case "reopen":
		t0 := time.Now()
		if err := n.reopen(); err != nil {
			return Reply{}, err
		}
		l := n.st.LSM()
		return Reply{Ms: ms(time.Since(t0)), LSM: &l}, nil
	case "modify":
		t0 := time.Now()
		k, err := modifyDocs(n.st, benchCommune, req.Docs, req.N, req.Count)
		return Reply{Ms: ms(time.Since(t0)), Dossiers: k, Events: k}, err
	case "holds":
		id, err := peer.Decode(req.PeerID)
		if err != nil {
			return Reply{}, err
		}
		pk, err := id.ExtractPublicKey()
		if err != nil {
			return Reply{}, err
		}
		raw, err := pk.Raw()
		if err != nil {
			return Reply{}, err
		}
		var o store.Origin
		copy(o[:], raw)
		return Reply{Seq: n.st.Vector().Get(o)}, nil
	case "peak":
		if req.Reset {
			// A phase's profile runs until the next phase begins.
			if n.stopProfile != nil {
				n.stopProfile()
			}
			n.phases++
			n.stopProfile = startProfile(fmt.Sprintf("%s-cpu%d", n.role, n.phases))
		} else if os.Getenv(profileEnv) != "" {
			n.peaks++
			writeHeapProfile(n.role, n.peaks, n.log)
		}
		m := procStatusMB()
		r := Reply{HwmMB: m["VmHWM"], RssMB: m["VmRSS"], AnonMB: m["RssAnon"], FileMB: m["RssFile"], CPUms: procCPUms()}
		if req.Reset {
			resetPeak()
		}
		return r, nil
	}
	return Reply{}, fmt.Errorf("unknown command %q", req.Cmd)
}
