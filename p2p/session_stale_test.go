package p2p

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/quic-go/quic-go"
)

// A pull that fails on a connection the peer already forgot (a QUIC
// stateless reset, wrapped by the protocol's read) is told apart from
// other failures, which are not retried.
func TestStaleConnIsAStatelessReset(t *testing.T) {
	for _, tc := range []struct {
		err   error
		stale bool
	}{
		{fmt.Errorf("reading the hello: %w", &quic.StatelessResetError{}), true},
		{&quic.StatelessResetError{}, true},
		{fmt.Errorf("reading the hello: %w", context.DeadlineExceeded), false},
		{errors.New("received a stateless reset"), false},
		{nil, false},
	} {
		if got := staleConn(tc.err); got != tc.stale {
			t.Errorf("staleConn(%v) = %v, want %v", tc.err, got, tc.stale)
		}
	}
}
