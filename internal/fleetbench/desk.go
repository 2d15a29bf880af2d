package fleetbench

// One simulated desk, inside a worker process: a real libp2p host with
// its own key and certificate, an in-memory store with the trust
// projection only, and a Syncer; its day is written and synced by day.go.

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	ma "github.com/multiformats/go-multiaddr"

	"hoso/p2p"
	"hoso/store"
	"hoso/trust"
)

const (
	// enrolDays is how long the benchmark's certificates last: a year,
	// as hoso-node enrol issues them, so that none is due for renewal
	// (within 30 days of its end a hub renews it at every sync).
	enrolDays = 365
	// dossierKind is the kind of every event a desk writes, as in
	// internal/syncbench: one per step of a dossier.
	dossierKind = "dossier.step"
)

// deskListen is where a desk's host listens: loopback TCP only, so that
// thousands of hosts in a few processes stay within their descriptors.
var deskListen = []string{"/ip4/127.0.0.1/tcp/0"}

// desk is one simulated desk.
type desk struct {
	plan DeskPlan
	// pulled is how long the pull of the desk's last sync took, the rest
	// being the wait for the hub's pull back (syncOnce).
	pulled time.Duration
	id     p2p.Identity
	key    ed25519.PrivateKey
	st     *store.Store
	en     *p2p.Enrolment
	hub    peer.ID
	host   host.Host
	sy     *p2p.Syncer
	stop   context.CancelFunc
	done   chan struct{}

	// written counts the dossier events written; seq is the number of
	// dossiers begun (their subjects).
	written int
	seq     int
	// res is what the desk reports at the end.
	res DeskResult
}

// newDesk makes a desk's key and in-memory store.
func newDesk(p DeskPlan) (*desk, error) {
	k, _, err := crypto.GenerateEd25519Key(nil)
	if err != nil {
		return nil, err
	}
	pid, err := peer.IDFromPrivateKey(k)
	if err != nil {
		return nil, err
	}
	id := p2p.Identity{Key: k, PeerID: pid}
	key, err := id.Ed25519()
	if err != nil {
		return nil, err
	}
	st, err := store.Open(store.Options{InMemory: true, NoCompaction: true, Signer: key, Projections: []store.Projection{p2p.TrustProjection{}}})
	if err != nil {
		return nil, fmt.Errorf("desk %d: opening its store: %w", p.Index, err)
	}
	d := &desk{plan: p, id: id, key: key, st: st}
	d.res = DeskResult{Index: p.Index, Peer: pid.String(), Origin: st.Self().String(), Office: p.Office}
	return d, nil
}

// accept records the desk's enrolment text and finds its hub.
func (d *desk) accept(text string) error {
	en, err := p2p.Accept(d.st, text, time.Now())
	if err != nil {
		return fmt.Errorf("desk %d: accepting its enrolment: %w", d.plan.Index, err)
	}
	d.en = en
	for _, a := range en.Hubs {
		m, err := ma.NewMultiaddr(a)
		if err != nil {
			continue
		}
		if info, err := peer.AddrInfoFromP2pAddr(m); err == nil {
			d.hub = info.ID
			return nil
		}
	}
	return fmt.Errorf("desk %d: its enrolment names no hub", d.plan.Index)
}

// issue enrols another desk of this desk's commune (role desk), as a
// commune's first desk enrols the others.
func (d *desk) issue(other *desk) (string, error) {
	text, _, err := p2p.Issue(d.st, d.key, d.en, other.id.PeerID, d.plan.Office, trust.RoleDesk, enrolDays, d.en.Hubs, time.Now())
	if err != nil {
		return "", fmt.Errorf("desk %d enrolling desk %d: %w", d.plan.Index, other.plan.Index, err)
	}
	return text, nil
}

// syncer makes the desk's Syncer, on its host when it has one (a USB desk
// has none). Its own change tick is pushed far out: the day's schedule
// (day.go) decides when it syncs.
func (d *desk) syncer(tree p2p.Tree, tick time.Duration) *p2p.Syncer {
	return p2p.NewSyncer(p2p.SyncOptions{Host: d.host, Store: d.st, Enrolment: d.en, Tree: tree, Key: d.key,
		Timing: p2p.Timing{ChangesTick: tick}, Logf: d.logf})
}

// logf logs the desk's sync failures when HOSO_FLEET_DEBUG is set.
func (d *desk) logf(format string, args ...any) {
	if os.Getenv("HOSO_FLEET_DEBUG") != "" {
		fmt.Fprintf(os.Stderr, "desk %d: %s\n", d.plan.Index, fmt.Sprintf(format, args...))
	}
}

// start starts the desk's host and Syncer.Run, which dials the hub.
func (d *desk) start(tree p2p.Tree, tick time.Duration) error {
	g := hubOnly{Gater: p2p.NewGater(d.st, d.en, nil, d.logf), hub: d.hub}
	h, err := p2p.NewHost(p2p.HostOptions{Identity: d.id, Listen: deskListen, Gater: g})
	if err != nil {
		return fmt.Errorf("desk %d: %w", d.plan.Index, err)
	}
	d.host = h
	d.sy = d.syncer(tree, tick)
	ctx, cancel := context.WithCancel(context.Background())
	d.stop, d.done = cancel, make(chan struct{})
	go func() { defer close(d.done); d.sy.Run(ctx) }()
	return nil
}

// hubOnly is a desk's gater in the benchmark: the desk's own, admitting
// its hub only. Desks of a commune would also sync with each other
// directly (the hub lists them); here every event must reach the hub from
// the desk that wrote it, so that a desk knows when its sync is complete
// (the hub has pulled what it wrote) and the hub's load is all of it.
type hubOnly struct {
	*p2p.Gater
	hub peer.ID
}

// InterceptPeerDial dials the hub only.
func (g hubOnly) InterceptPeerDial(id peer.ID) bool { return id == g.hub }

// InterceptSecured admits the hub only, if the desk's gater does.
func (g hubOnly) InterceptSecured(dir network.Direction, id peer.ID, addrs network.ConnMultiaddrs) bool {
	return id == g.hub && g.Gater.InterceptSecured(dir, id, addrs)
}

// close stops the Syncer, then the host, then the store.
func (d *desk) close() {
	if d.stop != nil {
		d.stop()
		<-d.done
	}
	if d.sy != nil {
		d.sy.Close()
	}
	if d.host != nil {
		d.host.Close()
	}
	d.st.Close()
}

// write writes n dossier events: each begins a dossier or steps the
// latest, as the desk's clerks would over the interval.
func (d *desk) write(n int) error {
	if n == 0 {
		return nil
	}
	drafts := make([]store.Draft, 0, n)
	for i := 0; i < n; i++ {
		if (d.written+i)%eventsPerDossier == 0 {
			d.seq++
		}
		subject := fmt.Sprintf("dossier/%s-%d-%04d", d.plan.Office, d.plan.Index, d.seq)
		body, err := json.Marshal(struct {
			Step      int    `json:"step"`
			Actor     string `json:"actor"`
			Status    string `json:"status"`
			UpdatedAt string `json:"updatedAt"`
		}{(d.written + i) % eventsPerDossier, "Nguyễn Đức Thắng", stepStatus[(d.written+i)%eventsPerDossier], time.Now().UTC().Format(time.RFC3339)})
		if err != nil {
			return err
		}
		drafts = append(drafts, store.Draft{Owner: d.plan.Office, Kind: dossierKind, Subject: subject, Body: body})
	}
	if _, err := d.st.AppendBatch(drafts); err != nil {
		return fmt.Errorf("desk %d: writing: %w", d.plan.Index, err)
	}
	d.written += n
	return nil
}

// stepStatus is the status each step of a dossier leaves it in.
var stepStatus = [eventsPerDossier]string{"DA_TIEP_NHAN", "DANG_XU_LY", "CHO_TRA_KET_QUA", "DA_TRA_KET_QUA"}

// hubStatus is the desk's status board's line for its hub.
func (d *desk) hubStatus() p2p.PeerStatus {
	for _, p := range d.sy.Status() {
		if p.Peer == d.hub.String() {
			return p
		}
	}
	return p2p.PeerStatus{}
}

// writeBundle writes a sync bundle of everything the desk holds for its
// hub, as a USB desk's clerk would carry it.
func (d *desk) writeBundle(w io.Writer) error {
	var b bytes.Buffer
	if _, err := d.sy.ExportBundle(&b, d.hub, false); err != nil {
		return fmt.Errorf("desk %d: writing its bundle: %w", d.plan.Index, err)
	}
	_, err := w.Write(b.Bytes())
	return err
}
