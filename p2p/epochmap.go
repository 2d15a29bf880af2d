package p2p

import "sync"

// maxCached bounds the entries of an epochMap: past it, it starts over.
const maxCached = 1 << 14

// epochMap is a map whose entries hold for one epoch of a counter that only
// grows (the trust records' fold count, the number of revocations): it
// starts over when the epoch moves on, or when it holds maxCached entries.
// A value computed while the epoch moved on is not kept. It is safe for
// concurrent use.
type epochMap[K comparable, V any] struct {
	mu    sync.Mutex
	epoch uint64
	m     map[K]V
}

// get returns k's value of the epoch.
func (c *epochMap[K, V]) get(epoch uint64, k K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || c.epoch != epoch {
		c.epoch, c.m = epoch, map[K]V{}
	}
	v, ok := c.m[k]
	return v, ok
}

// put keeps k's value, computed in epoch, unless the epoch moved on since.
func (c *epochMap[K, V]) put(epoch uint64, k K, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || c.epoch != epoch {
		return
	}
	if len(c.m) >= maxCached {
		c.m = map[K]V{}
	}
	c.m[k] = v
}
