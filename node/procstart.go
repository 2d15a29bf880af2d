package node

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// clockTicks is Linux's USER_HZ, the unit of /proc's start times: 100 on
// every architecture Go supports.
const clockTicks = 100

// ProcessStart returns when this process started, read from /proc on
// Linux (to the 10 ms of its clock ticks), so a start-up timing includes
// what happens before main: loading the shared libraries (GTK, WebKit) and
// the Go packages' init. Elsewhere, or when /proc cannot be read, it
// returns the zero time and the timer counts from its own creation.
func ProcessStart() time.Time {
	now := time.Now()
	stat, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return time.Time{}
	}
	up, err := os.ReadFile("/proc/uptime")
	if err != nil {
		return time.Time{}
	}
	// The command name (field 2) may hold spaces: count from after its ")".
	i := strings.LastIndexByte(string(stat), ')')
	if i < 0 {
		return time.Time{}
	}
	fields := strings.Fields(string(stat)[i+1:])
	// Field 22 (starttime) is the 20th after the name.
	if len(fields) < 20 {
		return time.Time{}
	}
	ticks, err := strconv.ParseUint(fields[19], 10, 64)
	if err != nil {
		return time.Time{}
	}
	upFields := strings.Fields(string(up))
	if len(upFields) == 0 {
		return time.Time{}
	}
	uptime, err := strconv.ParseFloat(upFields[0], 64)
	if err != nil {
		return time.Time{}
	}
	age := time.Duration((uptime - float64(ticks)/clockTicks) * float64(time.Second))
	if age < 0 || age > time.Hour {
		return time.Time{}
	}
	return now.Add(-age)
}

// ProcessCPU returns the CPU time (user and system) this process and its
// direct children have used so far, read from /proc on Linux: the desktop's
// children are WebKit's web and network processes, which lay out, paint and
// run the interface. Wall-clock phases on a busy machine mostly measure the
// wait for a core; these do not. Elsewhere both are zero.
func ProcessCPU() (self, children time.Duration) {
	pid := os.Getpid()
	self = statCPU(fmt.Sprintf("/proc/%d/stat", pid), -1)
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return self, 0
	}
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		children += statCPU("/proc/"+e.Name()+"/stat", pid)
	}
	return self, children
}

// statCPU returns utime+stime of a /proc/PID/stat file, or 0 when it
// cannot be read or, with parent ≥ 0, the process is not that parent's.
func statCPU(path string, parent int) time.Duration {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	i := strings.LastIndexByte(string(b), ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(string(b)[i+1:])
	// After the name: state, ppid (index 1), …, utime (11), stime (12).
	if len(f) < 13 {
		return 0
	}
	if parent >= 0 {
		if ppid, err := strconv.Atoi(f[1]); err != nil || ppid != parent {
			return 0
		}
	}
	u, _ := strconv.ParseUint(f[11], 10, 64)
	s, _ := strconv.ParseUint(f[12], 10, 64)
	return time.Duration(u+s) * time.Second / clockTicks
}
