package app

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"sync"
	"time"
)

// StartupPhases lists the phases a complete start-up timing line holds, in
// the order they happen: the Go program entered (main), the window created
// (startup), the data key unsealed, the database open, the projections
// checked, the first call of the interface answered, the page's first
// script, the login screen painted, the intake screen mounted and
// interactive (after the automatic login), and the dossier list's first
// page answered. The desktop smoke test checks that every one is there.
var StartupPhases = []string{"main", "startup", "unsealed", "storeOpen", "projectionsReady", "firstRpc", "script", "loginScreen", "intake", "listFirstPage"}

// startupCallsKept bounds the calls a timing line lists: the start makes a
// few dozen.
const startupCallsKept = 64

// StartupTimer measures the desktop's start, phase by phase, for its
// start-up timing mode (issue 19 §4): the Go side marks the phases it
// sees, the interface reports its own through the bound Startup object,
// and Done prints one JSON line. Times are milliseconds since the process
// started, on the wall clock both sides share.
type StartupTimer struct {
	origin   time.Time
	user     string
	password string
	out      io.Writer
	onDone   func()
	cpu      func() (self, children time.Duration)

	mu     sync.Mutex
	phases map[string]float64
	spans  map[string]float64
	calls  []StartupCall
	first  string
	done   bool
}

// StartupCall is one call the interface made during the start, as the
// bridge served it.
type StartupCall struct {
	Method string  `json:"method"`
	AtMs   float64 `json:"atMs"`
	Ms     float64 `json:"ms"`
}

// StartupOptions configure NewStartupTimer.
type StartupOptions struct {
	// ProcessStart is when the process started (node.ProcessStart); the
	// zero time means now.
	ProcessStart time.Time
	// User and Password log the interface in automatically, so that the
	// timing reaches the intake screen (a clerk of the folder).
	User, Password string
	// Out receives the JSON line.
	Out io.Writer
	// OnDone is called after the line is printed (the desktop quits).
	OnDone func()
	// CPU, when set, returns the CPU time used by the process and by its
	// children (the web view's processes) so far; Done reports it.
	CPU func() (self, children time.Duration)
}

// NewStartupTimer starts a timer.
func NewStartupTimer(opts StartupOptions) *StartupTimer {
	origin := opts.ProcessStart
	if origin.IsZero() {
		origin = time.Now()
	}
	return &StartupTimer{origin: origin, user: opts.User, password: opts.Password, out: opts.Out, onDone: opts.OnDone, cpu: opts.CPU,
		phases: map[string]float64{}, spans: map[string]float64{}}
}

// since returns the milliseconds from the process start to t.
func (t *StartupTimer) since(at time.Time) float64 { return ms(at.Sub(t.origin)) }

func ms(d time.Duration) float64 { return math.Round(float64(d.Microseconds())/10) / 100 }

// Mark records that a phase was reached now; a phase keeps its first time.
func (t *StartupTimer) Mark(phase string) { t.markAt(phase, t.since(time.Now())) }

// MarkAt records that a phase was reached at a given time.
func (t *StartupTimer) MarkAt(phase string, at time.Time) { t.markAt(phase, t.since(at)) }

func (t *StartupTimer) markAt(phase string, at float64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, ok := t.phases[phase]; !ok {
		t.phases[phase] = at
	}
}

// Span records how long a step took.
func (t *StartupTimer) Span(name string, d time.Duration) { t.spanMs(name, ms(d)) }

func (t *StartupTimer) spanMs(name string, v float64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.spans[name] = v
}

// served records a call the bridge answered, which took d and ended now.
func (t *StartupTimer) served(method string, d time.Duration) {
	now := time.Now()
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.first == "" {
		t.first = method
		t.phases["firstRpc"] = t.since(now)
	}
	if len(t.calls) < startupCallsKept {
		t.calls = append(t.calls, StartupCall{Method: method, AtMs: t.since(now.Add(-d)), Ms: ms(d)})
	}
}

// startupLine is the JSON line Done prints.
type startupLine struct {
	Timing struct {
		Phases   map[string]float64 `json:"phasesMs"`
		Spans    map[string]float64 `json:"spansMs"`
		FirstRPC string             `json:"firstRpc"`
		Missing  []string           `json:"missing,omitempty"`
		Calls    []StartupCall      `json:"calls"`
		// CPU is the CPU time used until Done, by the Go process and by
		// the web view's processes: unlike the phases, it does not grow
		// with the machine's load.
		CPU *startupCPU `json:"cpuMs,omitempty"`
	} `json:"startupTiming"`
}

// startupCPU is the CPU time of the start.
type startupCPU struct {
	Go      float64 `json:"go"`
	WebView float64 `json:"webView"`
}

// line builds the JSON line.
func (t *StartupTimer) line() []byte {
	var cpu *startupCPU
	if t.cpu != nil {
		self, children := t.cpu()
		cpu = &startupCPU{Go: ms(self), WebView: ms(children)}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	var l startupLine
	l.Timing.Phases, l.Timing.Spans, l.Timing.FirstRPC, l.Timing.Calls, l.Timing.CPU = t.phases, t.spans, t.first, t.calls, cpu
	for _, p := range StartupPhases {
		if _, ok := t.phases[p]; !ok {
			l.Timing.Missing = append(l.Timing.Missing, p)
		}
	}
	sort.Strings(l.Timing.Missing)
	b, _ := json.Marshal(l)
	return b
}

// finish prints the line once and calls OnDone.
func (t *StartupTimer) finish() {
	t.mu.Lock()
	if t.done {
		t.mu.Unlock()
		return
	}
	t.done = true
	t.mu.Unlock()
	if t.out != nil {
		fmt.Fprintf(t.out, "%s\n", t.line())
	}
	if t.onDone != nil {
		t.onDone()
	}
}

// Startup is the timer's side the interface reaches: the desktop binds it
// to the window in the timing mode only (window.go.app.Startup), so a
// normal start has nothing more to do.
type Startup struct {
	t *StartupTimer
}

// NewStartup returns the bound side of a timer.
func NewStartup(t *StartupTimer) *Startup { return &Startup{t: t} }

// StartupPlan tells the interface to time its start and who to log in as.
type StartupPlan struct {
	Timing   bool   `json:"timing"`
	User     string `json:"user"`
	Password string `json:"password"`
}

// Plan says how the interface takes part in the timing.
func (s *Startup) Plan() StartupPlan {
	return StartupPlan{Timing: true, User: s.t.user, Password: s.t.password}
}

// Mark records a phase the interface reached at epochMs (milliseconds
// since 1970 on the wall clock, as Date.now or performance.timeOrigin plus
// performance.now give it).
func (s *Startup) Mark(phase string, epochMs float64) {
	at := time.UnixMicro(int64(epochMs * 1000))
	s.t.markAt(phase, t2(s.t.since(at)))
}

// t2 keeps two decimals.
func t2(v float64) float64 { return math.Round(v*100) / 100 }

// Span records a duration the interface measured, in milliseconds.
func (s *Startup) Span(name string, ms float64) { s.t.spanMs(name, t2(ms)) }

// Done prints the timing line; the desktop then quits.
func (s *Startup) Done() { go s.t.finish() }
