package fleetbench

import (
	"math"
	"os"
	"sort"
	"strings"
)

// Result is what hoso-node bench fleet prints: the fields first,
// then the run's own.
type Result struct {
	Desks        int        `json:"desks"`
	Events       int        `json:"events"`
	EventsAtHub  int        `json:"eventsAtHub"`
	Duplicates   int        `json:"duplicates"`
	StarvedDesks int        `json:"starvedDesks"`
	Hub          HubFigures `json:"hub"`
	DeskSync     SyncTimes  `json:"deskSync"`
	// BytesPerDeskDay is the sync bytes, both ways, between a desk and
	// the hub over the day (an offline desk's backlog included).
	BytesPerDeskDay int64 `json:"bytesPerDeskDay"`

	// Workers, Minutes and IntervalMs describe the run; OfflineDesks
	// and USBDesks how many desks came back late or sent a bundle.
	Workers      int     `json:"workers"`
	Minutes      float64 `json:"minutes"`
	IntervalMs   int64   `json:"intervalMs"`
	Intervals    int     `json:"intervals"`
	OfflineDesks int     `json:"offlineDesks"`
	USBDesks     int     `json:"usbDesks"`
	// DeskPull is the part of deskSync the desk's pull from the hub took
	// (waiting for a serve slot included); the rest of a sync waited for
	// the hub to pull back what the desk wrote.
	DeskPull SyncTimes `json:"deskPull"`
	// Syncs counts the desk syncs of the day, FailedSyncs those that did
	// not complete (refused, timed out, not pulled back in time).
	Syncs       int `json:"syncs"`
	FailedSyncs int `json:"failedSyncs"`
	// SkippedIntervals counts the intervals desks could not sync in
	// because their previous sync overran (the hub could not keep up).
	SkippedIntervals int `json:"skippedIntervals"`
	// ComebackMs is how long the offline desks took, from coming online,
	// until the hub had their backlog: the median and the slowest.
	ComebackMs SyncTimes `json:"comebackMs"`
	// ConvergenceSec is the time after the day until the hub held every
	// desk's events (bundles imported).
	ConvergenceSec float64 `json:"convergenceSec"`
	// ReadySec is how long enrolling and first syncing every desk took.
	ReadySec float64 `json:"readySec"`
	// WorkerPeakRssMB is the largest worker's peak memory.
	WorkerPeakRssMB float64 `json:"workerPeakRssMB"`
	// Load is the machine's load average (1, 5, 15 minutes) at the end.
	Load string `json:"load"`
	// Errors samples the desks' last errors.
	Errors []string `json:"errors,omitempty"`
}

// HubFigures are the hub process's figures (see the package doc).
type HubFigures struct {
	CPUCoreShare        float64 `json:"cpuCoreShare"`
	CompressedCoreShare float64 `json:"compressedCoreShare"`
	PeakRssMB           float64 `json:"peakRssMB"`
	Connections         int     `json:"connections"`
	NoopCPUMs           float64 `json:"noopCpuMs"`
	EventCPUUs          float64 `json:"eventCpuUs"`
	// DayCPUMs is the hub's CPU time over the compressed day.
	DayCPUMs float64 `json:"dayCpuMs"`
}

// SyncTimes are a median and a 99th percentile, in milliseconds.
type SyncTimes struct {
	P50 float64 `json:"p50ms"`
	P99 float64 `json:"p99ms"`
	Max float64 `json:"maxMs,omitempty"`
}

// percentiles summarises durations.
func percentiles(v []float64) SyncTimes {
	if len(v) == 0 {
		return SyncTimes{}
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	at := func(p float64) float64 { return s[min(len(s)-1, int(math.Ceil(p*float64(len(s))))-1)] }
	return SyncTimes{P50: at(0.50), P99: at(0.99), Max: s[len(s)-1]}
}

// loadAvg is the machine's load average.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}

// round2 rounds to the hundredth.
func round2(x float64) float64 { return math.Round(x*100) / 100 }

// round4 rounds to four decimals (shares of a core).
func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }
