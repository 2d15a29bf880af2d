package store

import (
	"sync"
	"time"
)

// HLC is a hybrid logical clock reading: milliseconds since the Unix epoch
// in the high 48 bits, a logical counter in the low 16. It orders events
// causally across devices whose wall clocks disagree, and stays close to
// wall time.
type HLC uint64

const hlcLogicalBits = 16

// Time returns the physical part.
func (h HLC) Time() time.Time {
	return time.UnixMilli(int64(h >> hlcLogicalBits)).UTC()
}

// Logical returns the logical counter.
func (h HLC) Logical() uint16 { return uint16(h) }

// maxClockSkew bounds how far ahead of our wall clock a peer's clock may
// pull ours. A commune PC set to next year must not drag every node's clock
// with it; its events are still accepted.
const maxClockSkew = time.Hour

// clock issues HLC readings for local events.
type clock struct {
	mu   sync.Mutex
	last HLC
	now  func() time.Time
}

func physical(t time.Time) HLC {
	return HLC(uint64(t.UnixMilli()) << hlcLogicalBits)
}

// next returns a reading greater than every reading issued or observed.
func (c *clock) next() HLC {
	c.mu.Lock()
	defer c.mu.Unlock()
	pt := physical(c.now())
	if pt > c.last {
		c.last = pt
	} else {
		c.last++
	}
	return c.last
}

// observe moves the clock past a reading seen on an ingested event, unless
// that reading is implausibly far in the future.
func (c *clock) observe(h HLC) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if h > c.last && h <= physical(c.now().Add(maxClockSkew)) {
		c.last = h
	}
}
