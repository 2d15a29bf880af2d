package p2p

import (
	"testing"

	"hoso/internal/faultproxy"
)

// The p2p tests shape their links with internal/faultproxy, the proxy the
// sync benchmark counts its bytes with; these names keep the tests short.
type (
	faultOptions = faultproxy.Options
	faultStats   = faultproxy.Stats
)

// newFaultProxy listens on 127.0.0.1 and relays every connection to
// target through a shaped link: latency, bandwidth, periodic drops. The
// listener and the connections close at the end of the test.
func newFaultProxy(t testing.TB, target string, opts faultOptions) string {
	t.Helper()
	p, err := faultproxy.Start(target, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return p.Addr()
}
