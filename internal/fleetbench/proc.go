package fleetbench

// A process's figures from /proc (Linux): CPU time and peak resident
// memory, of the hub by its PID and of a worker by itself.

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

// procCPUms reads a process's user+system CPU time in milliseconds.
func procCPUms(pid int) (float64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, fmt.Errorf("reading the CPU time of process %d: %w", pid, err)
	}
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	if len(f) < 13 {
		return 0, fmt.Errorf("process %d: a short /proc stat", pid)
	}
	u, _ := strconv.ParseFloat(f[11], 64)
	k, _ := strconv.ParseFloat(f[12], 64)
	return (u + k) * 10, nil // USER_HZ is 100
}

// procStatusMB reads one memory figure of /proc/PID/status (VmHWM,
// VmRSS) in MB; pid 0 is this process.
func procStatusMB(pid int, field string) float64 {
	path := "/proc/self/status"
	if pid != 0 {
		path = fmt.Sprintf("/proc/%d/status", pid)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		f := strings.Fields(l)
		if len(f) >= 2 && f[0] == field+":" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return round1(kb / 1024)
		}
	}
	return 0
}

// peakRSS is this process's peak resident memory in MB.
func peakRSS() float64 { return procStatusMB(0, "VmHWM") }

// round1 rounds to a tenth.
func round1(x float64) float64 { return float64(int64(x*10+0.5)) / 10 }
