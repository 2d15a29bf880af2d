package syncbench

// The memory benchmark (hoso-node bench memory): a node's peak resident
// memory as its history grows, in one store profile, while it writes,
// syncs, compacts and opens again.

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"hoso/store"
)

// The memory benchmark's waits.
const (
	// settleCompactions is how long Badger's tables must stay unchanged
	// for the compactions to count as finished, settleCompactionsLimit the
	// most a settle waits.
	settleCompactions      = 2 * time.Second
	settleCompactionsLimit = 5 * time.Minute
	// maxPulls bounds the pulls of the sync phase: one pull takes
	// everything unless it is cut short.
	maxPulls = 20
)

// MemoryConfig is a run of the memory benchmark.
type MemoryConfig struct {
	// Events is the history's size: the events the commune writes and
	// the district pulls (> 0).
	Events int
	// Profile is the store profile of both nodes (store.ParseProfile);
	// empty is the desk's.
	Profile string
	// BudgetMB is the peak resident memory allowed to each node; 0 takes
	// the profile's.
	BudgetMB float64
	// Encrypt encrypts both databases at rest, as hoso-node does.
	Encrypt bool
	// NoMemoryLimit leaves the nodes' Go memory limit unset.
	NoMemoryLimit bool
	// HeapProfileDir, when set, receives each node's heap profile at its
	// peak resident memory (role-heappeak.pprof, and .json the Go
	// runtime's account of its memory then).
	HeapProfileDir string
	// Keep keeps the temporary folder (both databases).
	Keep bool
	// Dir is where the temporary folder is made; empty is the system's.
	Dir string
	// Log receives the progress lines and the node processes' standard
	// error.
	Log io.Writer
	// Peer builds the command of a node process (as Config.Peer).
	Peer func(PeerConfig) *exec.Cmd
}

// MemoryResult is what a memory run measured, printed as one JSON object.
type MemoryResult struct {
	Events        int     `json:"events"`
	Profile       string  `json:"profile"`
	NoMemoryLimit bool    `json:"noMemoryLimit,omitempty"`
	BudgetMB      float64 `json:"budgetMB"`
	// PeakRssMB is each node's highest VmHWM over the phases; SampledPeakMB
	// the watchdog's highest VmRSS (100 ms samples); OverBudget the
	// samples above BudgetMB, which a run within budget has none of.
	PeakRssMB     Peaks `json:"peakRssMB"`
	SampledPeakMB Peaks `json:"sampledPeakRssMB"`
	// SampledPeakSplit splits the sampled peaks into anonymous pages (the
	// heap) and file-backed ones (Badger's mapped files).
	SampledPeakSplit Split            `json:"sampledPeakSplitMB"`
	OverBudget       int              `json:"overBudgetSamples"`
	WithinBudget     bool             `json:"withinBudget"`
	PeakRssByPhase   map[string]Peaks `json:"peakRssByPhaseMB"`
	CPUms            map[string]Peaks `json:"cpuMsByPhase"`
	Ms               map[string]Peaks `json:"msByPhase"`
	// WriteEventsPerSec is the commune's local write rate, SyncEventsPerSec
	// the district's pull rate (wall clock).
	WriteEventsPerSec float64 `json:"writeEventsPerSec"`
	SyncEventsPerSec  float64 `json:"syncEventsPerSec"`
	Pulls             int     `json:"pulls"`
	PullErrors        int     `json:"pullErrors,omitempty"`
	Match             bool    `json:"match"`
	// Tables are each node's tables after its compactions settled.
	Tables  map[string]any `json:"tables"`
	Load    [2]string      `json:"loadAvgStartEnd"`
	Machine map[string]any `json:"machine"`
	WallS   float64        `json:"wallS"`
	Notes   []string       `json:"notes"`
}

// memoryNotes explain a memory run's figures; they are part of its result.
var memoryNotes = []string{
	"Two hoso-node processes in one store profile, encrypted at rest: the commune writes the history (synthetic dossier steps, ~6 a dossier, ~300 bytes a body, 400 a transaction), the district pulls all of it over libp2p on 127.0.0.1, both wait for Badger's compactions to settle (tables unchanged for 2 s), then both close and open their stores again (memory returned to the system first).",
	"peakRssMB: VmHWM per phase (reset through /proc/self/clear_refs), highest phase; sampledPeakRssMB: the orchestrator's watchdog reading VmRSS every 100 ms, split at its peak into anonymous pages (Go heap) and file-backed ones (Badger's mapped tables and memtable files, paged out by store/pageout). Both count the program's own pages (~25 MB).",
	"Each node sets its Go memory limit from the profile (node.LimitMemory, 60% of the budget) unless noMemoryLimit; cpuMsByPhase is user+system CPU time, the figure to compare on a loaded machine; loadAvgStartEnd is /proc/loadavg.",
}

// memBench is a memory run once its nodes are up and connected.
type memBench struct {
	cfg               MemoryConfig
	logf              func(format string, a ...any)
	district, commune *peerProcess
	res               *MemoryResult
}

// RunMemory runs the memory benchmark.
func RunMemory(cfg MemoryConfig) (*MemoryResult, error) {
	if cfg.Events <= 0 {
		return nil, errors.New("the memory benchmark needs at least one event")
	}
	if cfg.Peer == nil {
		return nil, errors.New("MemoryConfig.Peer is required")
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	budget, err := profileBudget(cfg.Profile)
	if err != nil {
		return nil, err
	}
	if cfg.BudgetMB == 0 {
		cfg.BudgetMB = budget
	}
	start := time.Now()
	logf := func(format string, a ...any) {
		fmt.Fprintf(cfg.Log, "[memory %s N=%d] "+format+"\n", append([]any{cfg.Profile, cfg.Events}, a...)...)
	}
	tmp, err := os.MkdirTemp(cfg.Dir, "hoso-membench-")
	if err != nil {
		return nil, err
	}
	if cfg.Keep {
		logf("keeping %s", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	res := &MemoryResult{Events: cfg.Events, Profile: cfg.Profile, NoMemoryLimit: cfg.NoMemoryLimit, BudgetMB: cfg.BudgetMB, PeakRssByPhase: map[string]Peaks{},
		CPUms: map[string]Peaks{}, Ms: map[string]Peaks{}, Tables: map[string]any{}}
	res.Load[0] = loadAvg()

	start1 := func(pc PeerConfig) (*peerProcess, error) { return startPeer(pc.Role, cfg.Peer(pc), cfg.Log) }
	district, err := start1(PeerConfig{Role: RoleDistrict, Dir: filepath.Join(tmp, RoleDistrict), Encrypt: cfg.Encrypt, PullOnly: true, Profile: cfg.Profile, NoMemoryLimit: cfg.NoMemoryLimit, HeapProfileDir: cfg.HeapProfileDir})
	if err != nil {
		return nil, err
	}
	defer district.stop()
	commune, err := start1(PeerConfig{Role: RoleCommune, Dir: filepath.Join(tmp, RoleCommune), Encrypt: cfg.Encrypt, Profile: cfg.Profile, NoMemoryLimit: cfg.NoMemoryLimit, HeapProfileDir: cfg.HeapProfileDir})
	if err != nil {
		return nil, err
	}
	defer commune.stop()
	dw, cw := watch(district.cmd.Process.Pid, cfg.BudgetMB), watch(commune.cmd.Process.Pid, cfg.BudgetMB)
	defer dw.result()
	defer cw.result()

	port, err := enrol(district, commune)
	if err != nil {
		return nil, err
	}
	if _, err := district.call(Request{Cmd: "connect", PeerID: commune.hello.PeerID, Addr: "/ip4/127.0.0.1/tcp/" + port}); err != nil {
		return nil, err
	}
	b := &memBench{cfg: cfg, logf: logf, district: district, commune: commune, res: res}
	for _, step := range []func() error{b.write, b.sync, b.settle, b.reopen} {
		if err := step(); err != nil {
			return nil, err
		}
	}
	for _, p := range res.PeakRssByPhase {
		res.PeakRssMB.District = max(res.PeakRssMB.District, p.District)
		res.PeakRssMB.Commune = max(res.PeakRssMB.Commune, p.Commune)
	}
	var dOver, cOver int
	var ds, cs [2]float64
	res.SampledPeakMB.District, ds, dOver = dw.result()
	res.SampledPeakMB.Commune, cs, cOver = cw.result()
	res.SampledPeakSplit = Split{DistrictAnon: ds[0], DistrictFile: ds[1], CommuneAnon: cs[0], CommuneFile: cs[1]}
	res.OverBudget = dOver + cOver
	res.WithinBudget = res.OverBudget == 0 && max(res.PeakRssMB.District, res.PeakRssMB.Commune) <= cfg.BudgetMB
	res.Load[1] = loadAvg()
	res.Machine = map[string]any{"cpus": runtime.NumCPU(), "go": runtime.Version(), "goos": runtime.GOOS, "goarch": runtime.GOARCH}
	res.WallS = round1(time.Since(start).Seconds())
	res.Notes = memoryNotes
	return res, nil
}

// phase runs body as the phase name, with each node's peak memory reset
// before it and read, with its CPU time, after it; body returns each
// node's time in the phase.
func (b *memBench) phase(name string, body func() (Peaks, error)) error {
	cpu0 := Peaks{}
	for i, p := range []*peerProcess{b.district, b.commune} {
		r, err := p.call(Request{Cmd: "peak", Reset: true})
		if err != nil {
			return err
		}
		*pick(&cpu0, i) = r.CPUms
	}
	t, err := body()
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	var hwm, cpu Peaks
	for i, p := range []*peerProcess{b.district, b.commune} {
		r, err := p.call(Request{Cmd: "peak"})
		if err != nil {
			return err
		}
		*pick(&hwm, i) = r.HwmMB
		*pick(&cpu, i) = round1(r.CPUms - *pick(&cpu0, i))
	}
	b.res.PeakRssByPhase[name], b.res.CPUms[name], b.res.Ms[name] = hwm, cpu, Peaks{round1(t.District), round1(t.Commune)}
	b.logf("%s: peak district %.0f MB, commune %.0f MB; cpu %.0f / %.0f ms", name, hwm.District, hwm.Commune, cpu.District, cpu.Commune)
	return nil
}

// pick is the district's figure of p for i 0, the commune's for 1.
func pick(p *Peaks, i int) *float64 {
	if i == 0 {
		return &p.District
	}
	return &p.Commune
}

// write has the commune write the history.
func (b *memBench) write() error {
	return b.phase("write", func() (Peaks, error) {
		r, err := b.commune.call(Request{Cmd: "gen", N: b.cfg.Events, Count: 1})
		if err != nil {
			return Peaks{}, err
		}
		b.res.WriteEventsPerSec = round1(float64(r.Events) / r.Ms * 1000)
		return Peaks{Commune: r.Ms}, nil
	})
}

// sync has the district pull the whole history, and checks it holds it.
func (b *memBench) sync() error {
	return b.phase("sync", func() (Peaks, error) {
		t0 := time.Now()
		for b.res.Pulls < maxPulls {
			if _, err := b.district.call(Request{Cmd: "pull", PeerID: b.commune.hello.PeerID}); err != nil {
				// A pull cut short (by its ten-minute limit, on a
				// loaded machine) kept what it received: the next
				// resumes from there, as the sync loop's would.
				b.logf("pull %d: %v", b.res.Pulls+1, err)
				b.res.PullErrors++
			}
			b.res.Pulls++
			h, err := b.district.call(Request{Cmd: "holds", PeerID: b.commune.hello.PeerID})
			if err != nil {
				return Peaks{}, err
			}
			if h.Seq == uint64(b.cfg.Events) {
				b.res.Match = true
				break
			}
		}
		d := ms(time.Since(t0))
		b.res.SyncEventsPerSec = round1(float64(b.cfg.Events) / d * 1000)
		if !b.res.Match {
			return Peaks{}, fmt.Errorf("the district does not hold the commune's %d events after %d pulls", b.cfg.Events, b.res.Pulls)
		}
		return Peaks{District: d}, nil
	})
}

// settle waits for both nodes' compactions to finish.
func (b *memBench) settle() error {
	return b.both("settle")
}

// reopen has both nodes open their stores again.
func (b *memBench) reopen() error {
	return b.both("reopen")
}

// both sends cmd to both nodes at once, as a phase, and keeps their
// tables.
func (b *memBench) both(cmd string) error {
	return b.phase(cmd, func() (Peaks, error) {
		type answer struct {
			r   Reply
			err error
		}
		dc := make(chan answer, 1)
		go func() { r, err := b.district.call(Request{Cmd: cmd}); dc <- answer{r, err} }()
		c, err := b.commune.call(Request{Cmd: cmd})
		d := <-dc
		if err := errors.Join(d.err, err); err != nil {
			return Peaks{}, err
		}
		b.res.Tables[cmd] = map[string]any{"district": d.r.LSM, "commune": c.LSM}
		return Peaks{District: d.r.Ms, Commune: c.Ms}, nil
	})
}

// profileBudget is the budget in MB of the profile named name.
func profileBudget(name string) (float64, error) {
	p, err := store.ParseProfile(name)
	if err != nil {
		return 0, err
	}
	return float64(p.BudgetMB()), nil
}

// loadAvg is the machine's load average (1, 5, 15 minutes), as uptime
// prints it.
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
