package p2p

import (
	"github.com/libp2p/go-libp2p/core/peer"

	"hoso/p2p/syncproto"
)

// A long pull reports as it goes, through the peer's status: Syncing while
// it runs, and after each committed batch the events taken
// (ReceivedEvents) and the bytes moved so far (BytesIn, BytesOut, and the
// daily budget's count). The Đồng bộ screen polls Sync.Status while
// "Đồng bộ ngay" runs and shows them.

// progress tells the status board what a pull moved since it last told.
type progress struct {
	s  *Syncer
	id peer.ID
	fw *syncproto.Writer
	fr *syncproto.Reader
	// in and out are the bytes already reported.
	in, out int64
}

// batch reports the bytes moved up to the batch just committed.
func (p *progress) batch() {
	in, out := p.fr.Received(), p.fw.Sent()
	p.s.status.progressed(p.id, in-p.in, out-p.out)
	p.in, p.out = in, out
}

// rest is the pull's stats less what was already reported, for the
// board's final count.
func (p *progress) rest(st PullStats) PullStats {
	st.BytesIn -= p.in
	st.BytesOut -= p.out
	return st
}

// progressed adds bytes a running pull moved.
func (b *statusBoard) progressed(id peer.ID, in, out int64) {
	b.spend(id, in+out)
	b.mu.Lock()
	defer b.mu.Unlock()
	p := b.get(id)
	p.BytesIn += in
	p.BytesOut += out
}

// syncing marks a pull from the peer started (on) or ended; the peer is
// Syncing while any runs.
func (b *statusBoard) syncing(id peer.ID, on bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if on {
		b.pulls[id]++
	} else if b.pulls[id]--; b.pulls[id] <= 0 {
		delete(b.pulls, id)
	}
	b.get(id).Syncing = b.pulls[id] > 0
}
