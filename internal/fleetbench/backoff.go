package fleetbench

// The desks' retries of a hub that refused them: jittered, exponential,
// capped. A desk the hub refuses (not admitted yet, or over a limit)
// retried every 200 ms, with libp2p's own dial backoff cleared; 180
// refused desks then dialled the hub some 900 times a second, and each
// dial cost the hub a handshake.

import (
	"math/rand/v2"
	"time"
)

const (
	// retryFirst is the first wait after a failed sync; retryMax caps
	// the doubling.
	retryFirst = 200 * time.Millisecond
	retryMax   = 10 * time.Second
)

// backoff hands out the waits between a desk's retries.
type backoff struct {
	next time.Duration
	r    *rand.Rand
}

// newBackoff returns a backoff whose jitter is drawn from r.
func newBackoff(r *rand.Rand) *backoff {
	return &backoff{next: retryFirst, r: r}
}

// wait returns the wait before the next retry, between half and the whole
// of the current step, and doubles the step up to retryMax: desks refused
// together do not come back together.
func (b *backoff) wait() time.Duration {
	d := b.next/2 + time.Duration(b.r.Int64N(int64(b.next/2)+1))
	b.next = min(2*b.next, retryMax)
	return d
}
