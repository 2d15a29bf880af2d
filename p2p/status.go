package p2p

import (
	"sort"
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
)

// PeerStatus is what the Đồng bộ screen shows of a peer.
type PeerStatus struct {
	Peer        string    `json:"peer"`
	Connected   bool      `json:"connected"`
	LastSuccess time.Time `json:"lastSuccess,omitzero"`
	// LastError is why the last sync with the peer failed, a code of the
	// Failure block (failure.go) that the screen translates; the Go error
	// itself goes to the log, never here. LastErrorAt is when.
	LastError   Failure   `json:"lastError,omitempty"`
	LastErrorAt time.Time `json:"lastErrorAt,omitzero"`
	// ReceivedEvents and SentEvents count the events this node took from
	// and gave to the peer since it started.
	ReceivedEvents int   `json:"receivedEvents"`
	SentEvents     int   `json:"sentEvents"`
	BytesIn        int64 `json:"bytesIn"`
	BytesOut       int64 `json:"bytesOut"`
	// Syncing is true while a pull from the peer runs.
	Syncing bool `json:"syncing"`
	// ClockSkewMs is how far the peer's clock is ahead of this node's
	// (negative: behind), as of the last pull, within a round trip.
	ClockSkewMs int64 `json:"clockSkewMs"`
	// BudgetUsed is the sync bytes exchanged with the peer today (local
	// calendar day, kept across restarts); BudgetLimit is the daily
	// budget, 0 when there is none.
	BudgetUsed  int64 `json:"budgetUsed"`
	BudgetLimit int64 `json:"budgetLimit,omitempty"`
}

// statusBoard keeps the peers' status.
type statusBoard struct {
	// spend is told every byte a pull or a serve moved, for the daily
	// budget; it is called without the board's lock since it writes to
	// the store.
	spend func(id peer.ID, n int64)
	// logf writes the errors behind the failure codes.
	logf func(string, ...any)

	mu    sync.Mutex
	peers map[peer.ID]*PeerStatus
	// pulls counts the pulls running from each peer (progress.go).
	pulls map[peer.ID]int
}

func newStatusBoard(spend func(peer.ID, int64), logf func(string, ...any)) *statusBoard {
	return &statusBoard{spend: spend, logf: logf, peers: map[peer.ID]*PeerStatus{}, pulls: map[peer.ID]int{}}
}

func (b *statusBoard) get(id peer.ID) *PeerStatus {
	p := b.peers[id]
	if p == nil {
		p = &PeerStatus{Peer: id.String()}
		b.peers[id] = p
	}
	return p
}

func (b *statusBoard) connected(id peer.ID, up bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.get(id).Connected = up
}

// failed records a failed dial of the peer.
func (b *statusBoard) failed(id peer.ID, err error) {
	code := failureOf(err, FailDial)
	b.logf("sync: connecting to %s failed (%s): %v", id, code, err)
	b.mu.Lock()
	defer b.mu.Unlock()
	p := b.get(id)
	p.LastError, p.LastErrorAt = code, time.Now()
}

// pulled records a pull from the peer: what it moved, and its failure.
func (b *statusBoard) pulled(id peer.ID, st PullStats, err error) {
	b.spend(id, st.BytesIn+st.BytesOut)
	code := failureOf(err, FailOther)
	if err != nil {
		b.logf("sync: pulling from %s failed (%s): %v", id, code, err)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	p := b.get(id)
	p.BytesIn += st.BytesIn
	p.BytesOut += st.BytesOut
	if err != nil {
		p.LastError, p.LastErrorAt = code, time.Now()
		return
	}
	p.LastSuccess = time.Now()
}

// served records a pull the peer made from this node; serve logs its
// error.
func (b *statusBoard) served(id peer.ID, out, in int64, err error) {
	b.spend(id, out+in)
	b.mu.Lock()
	defer b.mu.Unlock()
	p := b.get(id)
	p.BytesOut += out
	p.BytesIn += in
	if err != nil {
		p.LastError, p.LastErrorAt = failureOf(err, FailOther), time.Now()
	}
}

func (b *statusBoard) skew(id peer.ID, d time.Duration) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.get(id).ClockSkewMs = d.Milliseconds()
}

func (b *statusBoard) sentEvents(id peer.ID, n int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.get(id).SentEvents += n
}

func (b *statusBoard) receivedEvents(id peer.ID, n int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.get(id).ReceivedEvents += n
}

func (b *statusBoard) snapshot(h host.Host) []PeerStatus {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]PeerStatus, 0, len(b.peers))
	for id, p := range b.peers {
		c := *p
		c.Connected = h.Network().Connectedness(id) == network.Connected
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Peer < out[j].Peer })
	return out
}
