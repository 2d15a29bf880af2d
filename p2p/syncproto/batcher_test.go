package syncproto

import (
	"testing"
	"time"
)

func TestBatchSizeFollowsTheLink(t *testing.T) {
	tests := []struct {
		name  string
		acked int
		after time.Duration
		want  int
	}{
		{"nothing acknowledged yet", 0, time.Second, BatchBytes},
		{"a slow link keeps the small batch", 30 << 10, time.Second, BatchBytes},
		{"a link at 300 KB/s gets 300 KB batches", 300 << 10, time.Second, 300 << 10},
		{"half a second for 150 KB is 300 KB/s", 150 << 10, 500 * time.Millisecond, 300 << 10},
		{"loopback is capped", 50 << 20, time.Second, MaxBatchBytes},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := &Batcher{}
			if got := out.batchLimit(); got != BatchBytes {
				t.Fatalf("before any acknowledgement: %d, want %d", got, BatchBytes)
			}
			out.started = time.Now().Add(-tc.after)
			out.acknowledged(tc.acked)
			got := out.batchLimit()
			// The clock moved a little between started and the measure.
			if got > tc.want || got < tc.want*97/100 {
				t.Errorf("limit %d, want %d", got, tc.want)
			}
		})
	}
}
