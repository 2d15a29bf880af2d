package p2p

import (
	"sync"
	"time"

	"hoso/trust"
)

// chainTTL bounds how long a verified chain is trusted without checking it
// again: certificates expire by the day, so a minute is exact enough.
const chainTTL = time.Minute

// chainCache remembers the chains verified lately, so a pull of hundreds of
// batches, each carrying its origins' chains, checks each chain's
// signatures once. A new revocation empties it: revocations are only ever
// added, so their number tells.
type chainCache struct {
	mu      sync.Mutex
	revoked int
	ok      map[string]time.Time
}

// verify checks ch (whose encoding is raw) unless it verified within
// chainTTL with no revocation recorded since.
func (s *Syncer) verifyChain(ch trust.Chain, raw []byte) error {
	c := &s.chains
	now := s.now()
	revoked := s.book.revocations()
	key := string(raw)
	c.mu.Lock()
	if c.revoked != revoked || c.ok == nil {
		c.revoked, c.ok = revoked, map[string]time.Time{}
	}
	at, hit := c.ok[key]
	c.mu.Unlock()
	if hit && now.Sub(at) < chainTTL && !now.Before(at) {
		return nil
	}
	if err := ch.Verify(s.en.Root, now, s.book.isRevoked); err != nil {
		return err
	}
	c.mu.Lock()
	if c.revoked == revoked {
		c.ok[key] = now
	}
	c.mu.Unlock()
	return nil
}
