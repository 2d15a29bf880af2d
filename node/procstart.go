package node

import (
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
