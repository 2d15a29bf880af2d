package fleetbench

// Run: the hub, the workers, the phases and the figures (see the
// package doc).

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"time"

	"hoso/app"
)

const (
	// settleWait is how long the hub has after the day to hold every
	// desk's events before the run gives up waiting.
	settleWait = 2 * time.Minute
	// quiet is the pause before the no-op round, so that the syncs of
	// the enrolments are over.
	quiet = 3 * time.Second
	// errorSample bounds the desks' errors the result lists.
	errorSample = 5
)

// Config configures Run.
type Config struct {
	// Desks is N, the simulated desks.
	Desks int
	// Minutes is how long the compressed working day lasts.
	Minutes float64
	// OfflineShare is the share of desks offline for the first half of
	// the day, with days of backlog.
	OfflineShare float64
	// Workers is how many worker processes hold the desks.
	Workers int
	// Dossiers is each desk's dossiers per day.
	Dossiers int
	// Intervals is the sync intervals the simulated day holds: 0 means
	// dayIntervals (a working day at 5 minutes); fewer make a shorter
	// day with the same dossiers, for the quick test.
	Intervals int
	// Seed makes the plan and the schedule repeatable.
	Seed uint64
	// Keep keeps the temporary folder (the hub's data and log).
	Keep bool
	// HubArgs are extra arguments of the hub's serve (such as
	// --cpuprofile FILE, written when the hub stops cleanly at the end).
	HubArgs []string
	// Command runs this hoso-node binary with args: init, serve, bundle
	// import and bench fleet-worker.
	Command func(args ...string) *exec.Cmd
	// Log receives progress and the workers' errors.
	Log io.Writer
}

// Run runs the fleet and returns its figures.
func Run(cfg Config) (res Result, err error) {
	if cfg.Desks < 1 || cfg.Minutes <= 0 || cfg.Workers < 1 || cfg.Dossiers < 0 || cfg.OfflineShare < 0 || cfg.OfflineShare > 1 || cfg.Command == nil {
		return res, errors.New("fleet: want desks ≥ 1, minutes > 0, workers ≥ 1, dossiers ≥ 0, offline share within 0..1 and a command")
	}
	logw := cfg.Log
	if logw == nil {
		logw = io.Discard
	}
	logf := func(format string, args ...any) {
		fmt.Fprintf(logw, "[fleet %s] %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, args...))
	}
	base, err := os.MkdirTemp("", "hoso-fleet-")
	if err != nil {
		return res, err
	}
	if cfg.Keep {
		logf("keeping %s", base)
	} else {
		defer os.RemoveAll(base)
	}
	h, err := startHub(base, cfg.Command, cfg.HubArgs)
	if err != nil {
		return res, err
	}
	defer h.stop()
	logf("hub %d serving at %v", h.pid, h.listen)

	plans, communes := planDesks(cfg)
	if err := h.addProvince(); err != nil {
		return res, err
	}
	for _, c := range communes {
		if err := h.addCommune(c); err != nil {
			return res, err
		}
	}
	if cfg.Intervals <= 0 {
		cfg.Intervals = dayIntervals
	}
	interval := time.Duration(cfg.Minutes * float64(time.Minute) / float64(cfg.Intervals))
	paths := map[string]string{province: province}
	for _, c := range communes {
		paths[c] = province + "/" + c
	}
	workers := min(cfg.Workers, len(communes))
	var ws []*workerProc
	defer func() {
		for _, w := range ws {
			w.stop()
		}
	}()
	for i := 0; i < workers; i++ {
		p := Plan{Paths: paths, IntervalMs: interval.Milliseconds(), Dossiers: cfg.Dossiers, Intervals: cfg.Intervals, Seed: cfg.Seed, Dir: base}
		for _, d := range plans {
			if communeIndex(d.Office, communes)%workers == i {
				p.Desks = append(p.Desks, d)
			}
		}
		w, err := startWorker(cfg.Command("bench", "fleet-worker"), p, logw)
		if err != nil {
			return res, err
		}
		ws = append(ws, w)
	}
	logf("%d desks in %d communes, %d workers, interval %s", len(plans), len(communes), workers, interval)

	t0 := time.Now()
	for _, w := range ws {
		texts := map[int]string{}
		for _, d := range w.plan.Desks {
			if d.Leader {
				if texts[d.Index], err = h.issue(w.peers[d.Index], d.Office); err != nil {
					return res, err
				}
			}
		}
		if err := w.send(Command{Cmd: "enrol", Texts: texts}); err != nil {
			return res, err
		}
	}
	for _, w := range ws {
		if _, err := w.read(); err != nil {
			return res, err
		}
	}
	res.ReadySec = round2(time.Since(t0).Seconds())
	logf("every desk enrolled and synced in %.1f s", res.ReadySec)

	time.Sleep(quiet)
	online := 0
	for _, d := range plans {
		if !d.USB && !d.Offline {
			online++
		}
	}
	c0, err := h.cpuMs()
	if err != nil {
		return res, err
	}
	if _, err := all(ws, Command{Cmd: "noop"}); err != nil {
		return res, err
	}
	c1, err := h.cpuMs()
	if err != nil {
		return res, err
	}
	res.Hub.NoopCPUMs = round2((c1 - c0) / float64(online))
	logf("no-op round: %.2f ms of hub CPU per sync", res.Hub.NoopCPUMs)

	before, err := h.status()
	if err != nil {
		return res, err
	}
	start := time.Now().Add(time.Second)
	c2, _ := h.cpuMs()
	answers, err := all(ws, Command{Cmd: "day", StartUnixMs: start.UnixMilli()})
	if err != nil {
		return res, err
	}
	c3, _ := h.cpuMs()
	dayWall := time.Since(start)
	st, err := h.status()
	if err != nil {
		return res, err
	}
	for _, p := range st.Peers {
		if p.Connected {
			res.Hub.Connections++
		}
	}
	logf("day over in %s", dayWall.Round(time.Millisecond))

	bundles, err := all(ws, Command{Cmd: "bundles"})
	if err != nil {
		return res, err
	}
	t1 := time.Now()
	for _, a := range bundles {
		for _, f := range a.Bundles {
			if err := h.importBundle(f); err != nil {
				return res, err
			}
		}
	}
	var desks []DeskResult
	var syncMs, pullMs []float64
	for i, a := range answers {
		syncMs, pullMs = append(syncMs, a.SyncMs...), append(pullMs, a.PullMs...)
		res.WorkerPeakRssMB = max(res.WorkerPeakRssMB, a.RssMB)
		// The bundles' answer has the USB desks' writes too.
		desks = append(desks, bundles[i].Desks...)
	}
	for {
		if st, err = h.status(); err != nil {
			return res, err
		}
		if missing(desks, st.Vector) == 0 || time.Since(t1) > settleWait {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	res.ConvergenceSec = round2(time.Since(t1).Seconds())
	res.Hub.PeakRssMB = procStatusMB(h.pid, "VmHWM")
	figures(&res, cfg, desks, syncMs, before, st)
	res.DeskPull = percentiles(pullMs)
	dayCPU := c3 - c2
	res.Hub.DayCPUMs = round2(dayCPU)
	res.Hub.CompressedCoreShare = round4(dayCPU / float64(dayWall.Milliseconds()))
	received := 0
	for _, p := range st.Peers {
		received += p.ReceivedEvents
	}
	for _, p := range before.Peers {
		received -= p.ReceivedEvents
	}
	if received > 0 {
		res.Hub.EventCPUUs = round2(max(0, dayCPU-float64(res.Syncs)*res.Hub.NoopCPUMs) * 1000 / float64(received))
	}
	// A real day: N no-op syncs and one interval's events every 5
	// minutes.
	perInterval := float64(cfg.Desks) * res.Hub.NoopCPUMs
	perInterval += float64(cfg.Desks*cfg.Dossiers*eventsPerDossier) / dayIntervals * res.Hub.EventCPUUs / 1000
	res.Hub.CPUCoreShare = round4(perInterval / float64(realInterval.Milliseconds()))
	res.Workers, res.Minutes, res.IntervalMs, res.Intervals = workers, cfg.Minutes, interval.Milliseconds(), cfg.Intervals
	res.Load = loadAvg()
	return res, nil
}

// missing counts the desks whose events the hub does not all hold.
func missing(desks []DeskResult, vector map[string]uint64) int {
	n := 0
	for _, d := range desks {
		if vector[d.Origin] < d.Seq {
			n++
		}
	}
	return n
}

// figures fills the event counts, the desks' figures and the sync times.
func figures(res *Result, cfg Config, desks []DeskResult, syncMs []float64, before, end app.SyncStatus) {
	res.Desks = len(desks)
	var comeback []float64
	var bytes int64
	online := 0
	held := 0
	for _, d := range desks {
		res.Events += d.Written
		lacks := int(d.Seq - min(d.Seq, end.Vector[d.Origin]))
		res.EventsAtHub += max(0, d.Written-lacks)
		res.Syncs += d.Syncs
		res.FailedSyncs += d.Failed
		res.SkippedIntervals += d.Skipped
		if d.Online {
			online++
			bytes += d.BytesIn + d.BytesOut
			held += int(end.Vector[d.Origin] - min(end.Vector[d.Origin], before.Vector[d.Origin]))
			if lacks > 0 || (d.Syncs > 0 && d.Syncs == d.Failed) {
				res.StarvedDesks++
			}
		} else {
			res.USBDesks++
		}
		if d.ComebackMs > 0 {
			res.OfflineDesks++
			comeback = append(comeback, d.ComebackMs)
		}
		if d.LastError != "" && len(res.Errors) < errorSample {
			res.Errors = append(res.Errors, fmt.Sprintf("desk %d: %s", d.Index, d.LastError))
		}
	}
	received := 0
	for _, p := range end.Peers {
		received += p.ReceivedEvents
	}
	for _, p := range before.Peers {
		received -= p.ReceivedEvents
	}
	res.Duplicates = max(0, received-held)
	res.DeskSync = percentiles(syncMs)
	res.ComebackMs = percentiles(comeback)
	if online > 0 {
		res.BytesPerDeskDay = bytes / int64(online)
	}
}

// planDesks lays out the desks: desksPerCommune to a commune, the first
// its leader; a share offline, a few on USB.
func planDesks(cfg Config) ([]DeskPlan, []string) {
	r := rand.New(rand.NewPCG(cfg.Seed, 19))
	var plans []DeskPlan
	var communes []string
	usb := int(float64(cfg.Desks) * usbShare)
	if usb == 0 && cfg.Desks >= 20 {
		usb = 1
	}
	nCommunes := (cfg.Desks + desksPerCommune - 1) / desksPerCommune
	for i := 0; i < cfg.Desks; i++ {
		c := fmt.Sprintf("%d", 38001+i/desksPerCommune)
		if i%desksPerCommune == 0 {
			communes = append(communes, c)
		}
		d := DeskPlan{Index: i, Office: c, Leader: i%desksPerCommune == 0}
		// The second desk of each of the last communes goes by USB.
		if i%desksPerCommune == 1 && i/desksPerCommune >= nCommunes-usb {
			d.USB = true
		} else if !d.Leader && r.Float64() < cfg.OfflineShare*desksPerCommune/(desksPerCommune-1) {
			// A commune's first desk stays online: the hub learns the
			// others' certificates from it.
			d.Offline = true
		}
		plans = append(plans, d)
	}
	return plans, communes
}

// communeIndex is a commune's place in the list.
func communeIndex(c string, communes []string) int {
	for i, x := range communes {
		if x == c {
			return i
		}
	}
	return 0
}
