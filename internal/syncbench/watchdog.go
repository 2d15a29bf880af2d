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
	mb, ok := rssMB(w.pid)
	if !ok {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.samples++
	w.peak = max(w.peak, mb)
	if w.budget > 0 && mb > w.budget {
		w.over++
	}
}

// result stops the watchdog and returns its peak in MB, its samples and
// those above the budget.
func (w *watchdog) result() (peakMB float64, samples, over int) {
	select {
	case <-w.stop:
	default:
		close(w.stop)
	}
	<-w.done
	w.mu.Lock()
	defer w.mu.Unlock()
	return round1(w.peak), w.samples, w.over
}

// rssMB reads VmRSS of process pid from /proc (Linux).
func rssMB(pid int) (float64, bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, false
	}
	for _, l := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			f := strings.Fields(rest)
			if len(f) == 0 {
				return 0, false
			}
			kb, err := strconv.ParseFloat(f[0], 64)
			return kb / 1024, err == nil
		}
	}
	return 0, false
}
