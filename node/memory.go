package node

import (
	"os"
	"runtime/debug"
)

// gcPercent is the heap growth, over what is live, at which the collector
// runs: Go's default is 100.
const gcPercent = 30

// TuneMemory makes the collector run when the heap has grown by 30% over
// what is live, unless the GOGC environment variable says otherwise. A node
// mostly holds Badger's short-lived buffers (tables being built, batches
// being read): with Go's default the heap grows to twice them before it is
// collected, which on a desk PC with little memory matters more than the
// few percent of CPU the collector costs (sync benchmark, 50k dossiers:
// peak ~250 → ~185 MB a side). Call it once, from main.
func TuneMemory() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
}
