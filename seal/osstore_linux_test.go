//go:build linux

package seal

import (
	"testing"
	"time"
)

// TestOSAvailableWithoutBus: with no session bus (as in CI or a service
// account) OSAvailable answers false, quickly, and starts no bus.
func TestOSAvailableWithoutBus(t *testing.T) {
	for name, addr := range map[string]string{
		"no address":         "",
		"nobody listening":   "unix:path=" + t.TempDir() + "/bus",
		"unparsable address": "nonsense",
	} {
		t.Run(name, func(t *testing.T) {
			t.Setenv("DBUS_SESSION_BUS_ADDRESS", addr)
			t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
			start := time.Now()
			if OSAvailable() {
				t.Fatal("OSAvailable() = true without a session bus")
			}
			if d := time.Since(start); d > probeTimeout+time.Second {
				t.Fatalf("OSAvailable took %v", d)
			}
		})
	}
}
