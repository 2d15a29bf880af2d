package p2p

import (
	"github.com/libp2p/go-libp2p/core/peer"
)

// A long pull reports as it goes, through the peer's status: Syncing while
// it runs, and after each committed batch the events taken
// (ReceivedEvents) and the bytes moved so far (BytesIn, BytesOut, and the
// daily budget's count). The Đồng bộ screen polls Sync.Status while
// "Đồng bộ ngay" runs and shows them. The session tells its observer
// (session.go), which tells the board.

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
