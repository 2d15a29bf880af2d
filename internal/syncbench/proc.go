package syncbench

// A node's own figures, read from /proc (Linux): its memory at a phase's
// end, its CPU time, and the optional profiles of HOSO_BENCH_PROFILE.

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
)

// profileEnv names the environment variable that asks the nodes for
// profiles: a folder receiving role-cpuN.pprof per phase and
// role-heapN.pprof per phase end.
const profileEnv = "HOSO_BENCH_PROFILE"

// procStatusMB reads the memory figures of /proc/self/status, in MB.
func procStatusMB() map[string]float64 {
	out := map[string]float64{}
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return out
	}
	for _, l := range strings.Split(string(b), "\n") {
		f := strings.Fields(l)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseFloat(f[1], 64)
		if f[len(f)-1] == "kB" {
			out[strings.TrimSuffix(f[0], ":")] = round2(kb / 1024)
		}
	}
	return out
}

// procCPUms reads this process's user+system CPU time.
func procCPUms() float64 {
	b, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0
	}
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	if len(f) < 13 {
		return 0
	}
	u, _ := strconv.ParseFloat(f[11], 64)
	k, _ := strconv.ParseFloat(f[12], 64)
	return (u + k) * 10 // USER_HZ 100
}

// resetPeak starts a phase's memory figures: a collection, then VmHWM
// reset to the current RSS (Linux).
func resetPeak() {
	runtime.GC()
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// startProfile writes a CPU profile of one phase into the folder named
// by HOSO_BENCH_PROFILE, when set, for finding where a sync spends its time.
func startProfile(name string) (stop func()) {
	dir := os.Getenv(profileEnv)
	if dir == "" {
		return func() {}
	}
	f, err := os.Create(filepath.Join(dir, name+".pprof"))
	if err != nil {
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return func() {}
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}

// writeHeapProfile writes the role's nth heap profile into the folder
// named by HOSO_BENCH_PROFILE, when set, and a summary of the Go memory to
// log.
func writeHeapProfile(role string, n int, log io.Writer) {
	dir := os.Getenv(profileEnv)
	if dir == "" {
		return
	}
	if f, err := os.Create(filepath.Join(dir, fmt.Sprintf("%s-heap%d.pprof", role, n))); err == nil {
		_ = pprof.Lookup("heap").WriteTo(f, 0)
		f.Close()
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Fprintf(log, "[%s] heap inuse %d MB, heap sys %d MB, sys %d MB, stacks %d MB, other %d MB\n", role, ms.HeapInuse>>20, ms.HeapSys>>20, ms.Sys>>20, ms.StackSys>>20, ms.OtherSys>>20)
}
