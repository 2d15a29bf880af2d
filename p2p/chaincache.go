package p2p

import (
	"time"

	"hoso/trust"
)

// chainTTL bounds how long a verified chain is trusted without checking it
// again: certificates expire by the day, so a minute is exact enough.
const chainTTL = time.Minute

// chainCache remembers the chains verified lately (by their encoding), so
// a pull of hundreds of batches, each carrying its origins' chains, checks
// each chain's signatures once. A new revocation empties it: revocations
// are only ever added, so their number is its epoch.
type chainCache = epochMap[string, time.Time]

// verify checks ch (whose encoding is raw) unless it verified within
// chainTTL with no revocation recorded since.
func (s *Syncer) verifyChain(ch trust.Chain, raw []byte) error {
	now := s.now()
	revoked := uint64(s.book.revocations())
	at, hit := s.chains.get(revoked, string(raw))
	if hit && now.Sub(at) < chainTTL && !now.Before(at) {
		return nil
	}
	if err := ch.Verify(s.en.Root, now, s.book.isRevoked); err != nil {
		return err
	}
	s.chains.put(revoked, string(raw), now)
	return nil
}
