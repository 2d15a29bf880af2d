package p2p

import (
	"sync/atomic"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/protocol"
)

// A hub's pull back that waits for a slot serves every kick that came
// while it waited: a desk that synced three times while the hub was busy
// is pulled from once, not twice (issue 19: the queue it waited in grew
// with every resync). The test looks at what the pull has taken when it
// reaches the desk, not at how many pulls reach it: a pull may be
// followed by a pull back the protocol asks for, whose timing depends on
// the machine's load (it made a count of serves flaky in make check).
func TestQueuedPullBackRunsOnce(t *testing.T) {
	pv := newProvince(t)
	resync(pv.d, SyncOptions{Hub: true, Key: pv.d.key})
	pv.d.sync.pulls = newSlots(1)
	link(t, pv.d, pv.a)
	var served, pendingAtFirst atomic.Int32
	a := pv.a.sync
	a.host.SetStreamHandler(protocol.ID(ProtocolID), func(str network.Stream) {
		if served.Add(1) == 1 {
			// Did the pull now starting leave the kicks that came while it
			// waited asking for one more?
			pv.d.sync.mu.Lock()
			if pv.d.sync.again[pv.a.id] {
				pendingAtFirst.Store(1)
			}
			pv.d.sync.mu.Unlock()
		}
		a.owned(a.queued(a.serve))(str)
	})
	write(t, pv.a, "dossier/A1", "dossier.step", "38001")
	// Another pull holds the hub's only slot.
	if !pv.d.sync.pulls.acquire(nil) {
		t.Fatal("no slot")
	}
	for range 3 {
		pv.d.sync.kick(pv.a.id)
		time.Sleep(20 * time.Millisecond)
	}
	pv.d.sync.pulls.release()
	deadline := time.Now().Add(10 * time.Second)
	for {
		pv.d.sync.mu.Lock()
		busy := pv.d.sync.pulling[pv.a.id]
		pv.d.sync.mu.Unlock()
		if !busy {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the pull back never ended")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if count(t, pv.d, "dossier/A1") != 1 {
		t.Error("the pull back did not take the desk's event")
	}
	if served.Load() == 0 {
		t.Fatal("the hub never pulled")
	}
	if pendingAtFirst.Load() != 0 {
		t.Error("the pull that waited for its slot left the kicks that came meanwhile asking for another pull")
	}
}
