package fleetbench

import (
	"math/rand/v2"
	"testing"
	"time"
)

// TestBackoff: a refused desk's retries are few in a minute of refusals
// (the old fixed 200 ms made 300), every wait within its step and none
// beyond retryMax.
func TestBackoff(t *testing.T) {
	b := newBackoff(rand.New(rand.NewPCG(1, 2)))
	var total time.Duration
	tries := 0
	step := retryFirst
	for total < time.Minute {
		d := b.wait()
		if d < step/2 || d > step {
			t.Fatalf("try %d: wait %s outside %s..%s", tries, d, step/2, step)
		}
		step = min(2*step, retryMax)
		total += d
		tries++
	}
	if tries > 20 {
		t.Errorf("%d retries in a minute of refusals, want ≤ 20", tries)
	}
}
