package p2p

import (
	"sync"
	"time"
)

// A hub's load is bounded here (issue 19). A desk pulls from every peer
// as soon as its store changes: it has a few peers, and its own clerks
// wrote. A hub's store changes whenever any of its thousands of desks
// syncs, so the same rule made it pull from every desk every change tick
// (2 s): at 2,000 desks, a thousand pulls a second, mostly empty. A hub
// instead fans out at most once per Timing.HubFanout (its desks' sync
// interval: whatever reaches it reaches each desk within one interval,
// and each desk's own pulls and the pull back after it wrote run as
// before), and runs at most hubPulls pulls and hubServes served syncs at
// once; the others wait their turn in order of arrival, never refused.

const (
	// hubFanout is the default of Timing.HubFanout.
	hubFanout = 5 * time.Minute
	// hubPulls bounds the pulls a hub runs at once. A hub's pulls are
	// mostly pull backs of a few events each, bound by the round trips
	// to the desk (hello, marks and batches, end), not by the hub's CPU:
	// a desk 300 ms away holds a slot about a second, so 8 slots would
	// pull back at most about 8 desks a second, and 2,000 desks at a
	// 5-minute interval need up to 7. Memory stays bounded: a pull holds
	// at most Window batches of MaxBatchBytes (syncproto), about 2 MB,
	// so 32 hold under 64 MB. In the fleet bench at 500 desks the hub
	// used a fifth to two fifths of a core either way; the share of
	// syncs that timed out waiting varied more with the machine's load
	// than with this bound (issue 19 note).
	hubPulls = 32
	// hubServes bounds the syncs a hub serves at once.
	hubServes = 16
)

// fanout says when a hub may pull from all its peers again.
type fanout struct {
	every time.Duration
	mu    sync.Mutex
	last  time.Time
}

// due reports whether a fan-out may run at now, and if so counts it as
// run.
func (f *fanout) due(now time.Time) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.last.IsZero() && now.Sub(f.last) < f.every {
		return false
	}
	f.last = now
	return true
}

// slots bounds how many of something run at once; waiters are served in
// the order they came (a channel's waiting senders are queued FIFO). A
// nil slots bounds nothing.
type slots chan struct{}

// newSlots returns n slots, or nil (no bound) when n is 0.
func newSlots(n int) slots {
	if n <= 0 {
		return nil
	}
	return make(slots, n)
}

// acquire waits for a slot or for done; it reports whether it got one.
func (s slots) acquire(done <-chan struct{}) bool {
	if s == nil {
		return true
	}
	select {
	case s <- struct{}{}:
		return true
	case <-done:
		return false
	}
}

// release frees a slot acquired.
func (s slots) release() {
	if s != nil {
		<-s
	}
}
