package syncbench

// The peak heap profile of a node process (bench memory --memprofile): the
// heap profile written when the process's resident memory is at its
// highest, with the Go runtime's own account of its memory beside it, so
// that what grows can be told apart: Go objects (by allocation site),
// memory the runtime holds but has not given back, and pages outside the
// Go heap (Badger's mapped tables and memtable files).

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"
)

const (
	// heapPeakEvery is how often the peak profiler reads the process's
	// memory.
	heapPeakEvery = 200 * time.Millisecond
	// heapPeakStep is the growth of resident memory over the last profile
	// that makes a new one worth writing (5%).
	heapPeakStep = 1.05
)

// HeapPeak is the account written beside a peak heap profile, in MB.
type HeapPeak struct {
	RssMB  float64 `json:"rssMB"`
	AnonMB float64 `json:"anonMB"`
	FileMB float64 `json:"fileMB"`
	// HeapAllocMB are the Go heap's live and not yet collected objects,
	// HeapInuseMB the spans holding them, HeapIdleMB and
	// HeapReleasedMB the spans the runtime keeps empty and those it gave
	// back to the system; SysMB is everything the runtime took from it.
	HeapAllocMB    float64 `json:"heapAllocMB"`
	HeapInuseMB    float64 `json:"heapInuseMB"`
	HeapIdleMB     float64 `json:"heapIdleMB"`
	HeapReleasedMB float64 `json:"heapReleasedMB"`
	SysMB          float64 `json:"sysMB"`
	At             string  `json:"at"`
}

// watchHeapPeak writes role-heappeak.pprof and role-heappeak.json into
// dir each time the process's resident memory passes the last profile's
// by heapPeakStep, until stop is closed: the last pair is the peak's.
func watchHeapPeak(dir, role string, stop <-chan struct{}) {
	t := time.NewTicker(heapPeakEvery)
	defer t.Stop()
	last := 0.0
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		m := procStatusMB()
		rss := m["VmRSS"]
		if rss < last*heapPeakStep {
			continue
		}
		last = rss
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		mb := func(b uint64) float64 { return round1(float64(b) / (1 << 20)) }
		hp := HeapPeak{RssMB: rss, AnonMB: m["RssAnon"], FileMB: m["RssFile"], HeapAllocMB: mb(ms.HeapAlloc), HeapInuseMB: mb(ms.HeapInuse),
			HeapIdleMB: mb(ms.HeapIdle), HeapReleasedMB: mb(ms.HeapReleased), SysMB: mb(ms.Sys), At: time.Now().UTC().Format(time.RFC3339)}
		if err := writeHeapPeak(dir, role, hp); err != nil {
			fmt.Fprintf(os.Stderr, "[%s] heap peak profile: %v\n", role, err)
			return
		}
	}
}

// writeHeapPeak writes the heap profile and hp, each through a temporary
// file, so that the pair on disk is always whole.
func writeHeapPeak(dir, role string, hp HeapPeak) error {
	base := filepath.Join(dir, role+"-heappeak")
	f, err := os.Create(base + ".pprof.tmp")
	if err != nil {
		return err
	}
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	b, _ := json.Marshal(hp)
	if err := os.WriteFile(base+".json.tmp", b, 0o600); err != nil {
		return err
	}
	if err := os.Rename(base+".pprof.tmp", base+".pprof"); err != nil {
		return err
	}
	return os.Rename(base+".json.tmp", base+".json")
}
