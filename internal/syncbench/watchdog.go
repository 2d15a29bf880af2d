package syncbench

// The memory benchmark's watchdog: it reads a node process's resident
// memory from outside, every 100 ms, so that a peak is seen even when the
// node cannot answer (busy compacting, or killed by the kernel).

import (
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// watchEvery is the watchdog's sampling period.
const watchEvery = 100 * time.Millisecond

// watchdog samples the VmRSS of one process until stopped.
type watchdog struct {
	pid    int
	budget float64 // MB; 0 counts nothing as over
	stop   chan struct{}
	done   chan struct{}

	mu      sync.Mutex
	peak    float64
	split   [2]float64 // anonymous and file-backed MB at the peak
	samples int
	over    int
}

// watch starts a watchdog of process pid with a budget in MB.
func watch(pid int, budgetMB float64) *watchdog {
	w := &watchdog{pid: pid, budget: budgetMB, stop: make(chan struct{}), done: make(chan struct{})}
	go w.run()
	return w
}

func (w *watchdog) run() {
	defer close(w.done)
	t := time.NewTicker(watchEvery)
	defer t.Stop()
	for {
		w.sample()
		select {
		case <-w.stop:
			return
		case <-t.C:
		}
	}
}

// sample reads VmRSS once.
func (w *watchdog) sample() {
	m, ok := rssMB(w.pid)
	if !ok {
		return
	}
	mb := m["VmRSS"]
	w.mu.Lock()
	defer w.mu.Unlock()
	w.samples++
	if mb > w.peak {
		w.peak, w.split = mb, [2]float64{round1(m["RssAnon"]), round1(m["RssFile"] + m["RssShmem"])}
	}
	if w.budget > 0 && mb > w.budget {
		w.over++
	}
}

// result stops the watchdog and returns its peak in MB, split into
// anonymous and file-backed pages, and its samples above the budget.
func (w *watchdog) result() (peakMB float64, split [2]float64, over int) {
	select {
	case <-w.stop:
	default:
		close(w.stop)
	}
	<-w.done
	w.mu.Lock()
	defer w.mu.Unlock()
	return round1(w.peak), w.split, w.over
}

// rssMB reads the memory lines of process pid's status from /proc
// (Linux), in MB.
func rssMB(pid int) (map[string]float64, bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return nil, false
	}
	out := map[string]float64{}
	for _, l := range strings.Split(string(b), "\n") {
		name, rest, ok := strings.Cut(l, ":")
		if !ok || !strings.HasPrefix(name, "VmRSS") && !strings.HasPrefix(name, "Rss") {
			continue
		}
		if f := strings.Fields(rest); len(f) > 0 {
			kb, _ := strconv.ParseFloat(f[0], 64)
			out[name] = kb / 1024
		}
	}
	_, ok := out["VmRSS"]
	return out, ok
}
