package syncbench

// The orchestrator: the documents, the two node processes, the counting
// proxy, the phases, the Result.

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"hoso/internal/faultproxy"
)

// The orchestrator's waits.
const (
	// identifyWait follows the connection, so that identify and the like
	// are counted in its bytes.
	identifyWait = 300 * time.Millisecond
	// settleQuiet is how long the link must be quiet for a pull's bytes
	// to be final, settleLimit the most a pull's count waits.
	settleQuiet = 150 * time.Millisecond
	settleLimit = 3 * time.Second
	// idleFor is the idle phase's length.
	idleFor = 2 * time.Second
)

// Config is a run of the benchmark.
type Config struct {
	// Dossiers is the number of dossiers (> 0).
	Dossiers int
	// Modify is the number of dossiers changed for the incremental phase.
	Modify int
	// Repeats is the number of no-op pulls (at least one is made).
	Repeats int
	// Dump is the path of pouch/dump.js; empty looks for it (FindDump).
	Dump string
	// Keep keeps the temporary folder (documents and both databases).
	Keep bool
	// Encrypt encrypts both databases at rest.
	Encrypt bool
	// Bidirectional lets the district serve the sync protocol too, as
	// hoso-node serve does (the commune then pulls back after every pull
	// it serves).
	Bidirectional bool
	// Log receives the progress lines and the node processes' standard
	// error.
	Log io.Writer
	// Peer builds the command of a node process: one that calls ServePeer
	// with the given configuration and its standard input and output.
	Peer func(PeerConfig) *exec.Cmd
}

// notes explain the figures; they are part of the Result.
var notes = []string{
	"Two hoso-node processes on 127.0.0.1: the district pulls from the commune (/hoso/sync/1.0.0 over libp2p TCP, Noise, yamux), as PouchDB's commune pushes to its district.",
	"bytes*/bytesUp/bytesDown: TCP payload through a counting proxy in this orchestrator (libp2p framing, Noise, yamux and sync frames; no TCP/IP headers), like pouch's proxy; up = commune → district, down = district → commune. Each phase counts until the connection is quiet for 150 ms, so it includes the commune's pull-back after it served.",
	"protocol.*: the sync protocol's own frame bytes (PullStats BytesIn+BytesOut of the district's pull), inside the encrypted stream, without the pull-back.",
	"connect: the libp2p connection (TCP, Noise, yamux, identify) is set up once before the full sync and is not counted in it; PouchDB opens a TCP connection per request.",
	"Each history step of a dossier is one event (kind dossier.step, owner 15787, subject dossier/<_id>); the first event's body also carries the dossier's other fields. peakRssMB: VmHWM per phase (reset through /proc/self/clear_refs), highest phase; it counts the resident pages of Badger's memory-mapped files, which each node pages out as they grow (store/pageout, MADV_PAGEOUT), and the program's own pages (~25 MB); rssAtPhaseEndMB splits anonymous and file-backed pages.",
	"Every event keeps its own Ed25519 signature, stored by both sides; the commune, sending its own events, also seals each batch with one signature over them (store.BatchSig), so the district checks one signature per batch. A district forwarding them on (to a province) sends them unsealed, and the province checks each event's signature.",
}

// linkCount is a reading of the proxy in the benchmark's directions: up is
// commune → district (the records' direction), down district → commune.
// The district dials the commune through the proxy, so up is what the
// proxy delivers back to its dialer.
type linkCount struct{ up, down int64 }

func countOf(c faultproxy.Count) linkCount    { return linkCount{up: c.Down, down: c.Up} }
func (c linkCount) total() int64              { return c.up + c.down }
func (c linkCount) sub(o linkCount) linkCount { return linkCount{c.up - o.up, c.down - o.down} }
func snapshot(p *faultproxy.Proxy) linkCount  { return countOf(p.Count()) }
func settled(p *faultproxy.Proxy) linkCount   { return countOf(p.Settle(settleQuiet, settleLimit)) }

// Run runs the benchmark.
func Run(cfg Config) (*Result, error) {
	if cfg.Dossiers <= 0 {
		return nil, errors.New("the benchmark needs at least one dossier")
	}
	if cfg.Peer == nil {
		return nil, errors.New("Config.Peer is required")
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	cfg.Repeats = max(cfg.Repeats, 1)
	start := time.Now()
	logf := func(format string, a ...any) {
		fmt.Fprintf(cfg.Log, "[hoso N=%d] "+format+"\n", append([]any{cfg.Dossiers}, a...)...)
	}
	nodeBin, err := nodeJS()
	if err != nil {
		return nil, err
	}
	dump, err := FindDump(cfg.Dump)
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "hoso-bench-")
	if err != nil {
		return nil, err
	}
	if cfg.Keep {
		logf("keeping %s", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}

	// The documents.
	docs := filepath.Join(tmp, "dossiers.jsonl")
	size, err := writeDocs(nodeBin, dump, cfg.Dossiers, docs)
	if err != nil {
		return nil, err
	}
	logf("dumped %d dossiers (%d bytes) with %s", cfg.Dossiers, size, dump)

	// The two nodes.
	start1 := func(pc PeerConfig) (*peerProcess, error) { return startPeer(pc.Role, cfg.Peer(pc), cfg.Log) }
	district, err := start1(PeerConfig{Role: RoleDistrict, Dir: filepath.Join(tmp, RoleDistrict), Encrypt: cfg.Encrypt, PullOnly: !cfg.Bidirectional})
	if err != nil {
		return nil, err
	}
	defer district.stop()
	commune, err := start1(PeerConfig{Role: RoleCommune, Dir: filepath.Join(tmp, RoleCommune), Encrypt: cfg.Encrypt})
	if err != nil {
		return nil, err
	}
	defer commune.stop()

	port, err := enrol(district, commune)
	if err != nil {
		return nil, err
	}
	target := "127.0.0.1:" + port
	proxy, err := faultproxy.Start(target, faultproxy.Options{})
	if err != nil {
		return nil, err
	}
	defer proxy.Close()

	res := &Result{System: "hoso", N: cfg.Dossiers, DocJSONBytes: size - int64(cfg.Dossiers), Encrypted: cfg.Encrypt, Bidirectional: cfg.Bidirectional,
		PeakRssByPhase: map[string]Peaks{}, RssSplit: map[string]Split{}, CPUms: map[string]Peaks{}}
	b := &bench{cfg: cfg, logf: logf, docs: docs, district: district, commune: commune, proxy: proxy, res: res}
	for _, step := range []func() error{b.load, b.connect, b.full, b.incremental, b.noop, b.idle} {
		if err := step(); err != nil {
			return nil, err
		}
	}

	// Peaks over the whole run (VmHWM since the last reset is per phase;
	// the overall peak is the highest of the phases, as pouch's).
	for _, p := range res.PeakRssByPhase {
		res.PeakRssMB.District = max(res.PeakRssMB.District, p.District)
		res.PeakRssMB.Commune = max(res.PeakRssMB.Commune, p.Commune)
	}
	res.Machine = map[string]any{"cpus": runtime.NumCPU(), "go": runtime.Version(), "goos": runtime.GOOS, "goarch": runtime.GOARCH}
	res.WallS = round1(time.Since(start).Seconds())
	res.Notes = notes
	return res, nil
}

// bench is a run once its nodes are up and enrolled and the proxy stands
// between them; its steps fill res in order.
type bench struct {
	cfg               Config
	logf              func(format string, a ...any)
	docs              string
	district, commune *peerProcess
	proxy             *faultproxy.Proxy
	res               *Result
	loaded            int // the events the commune wrote
}

// phase runs body as the phase name: each node's peak memory is reset
// before it, and its peak, resident split and CPU time read after it.
func (b *bench) phase(name string, body func() error) error {
	for _, p := range []*peerProcess{b.district, b.commune} {
		if _, err := p.call(Request{Cmd: "peak", Reset: true}); err != nil {
			return err
		}
	}
	// A node that fails to answer here fails at the phase's end.
	d, _ := b.district.call(Request{Cmd: "peak"})
	c, _ := b.commune.call(Request{Cmd: "peak"})
	cpu0 := Peaks{District: d.CPUms, Commune: c.CPUms}
	if err := body(); err != nil {
		return err
	}
	d, err := b.district.call(Request{Cmd: "peak"})
	if err != nil {
		return err
	}
	c, err = b.commune.call(Request{Cmd: "peak"})
	if err != nil {
		return err
	}
	b.res.PeakRssByPhase[name] = Peaks{District: d.HwmMB, Commune: c.HwmMB}
	b.res.RssSplit[name] = Split{DistrictAnon: d.AnonMB, DistrictFile: d.FileMB, CommuneAnon: c.AnonMB, CommuneFile: c.FileMB}
	b.res.CPUms[name] = Peaks{District: d.CPUms - cpu0.District, Commune: c.CPUms - cpu0.Commune}
	return nil
}

// measure runs a pull of the commune by the district and counts the
// proxy's bytes until the traffic settles (the commune pulls back after
// serving, which belongs to the sync).
func (b *bench) measure() (Reply, linkCount, error) {
	before := snapshot(b.proxy)
	pr, err := b.district.call(Request{Cmd: "pull", PeerID: b.commune.hello.PeerID})
	if err != nil {
		return pr, linkCount{}, err
	}
	return pr, settled(b.proxy).sub(before), nil
}

// load is phase 0: the commune writes the dossiers.
func (b *bench) load() error {
	return b.phase("load", func() error {
		lr, err := b.commune.call(Request{Cmd: "load", Docs: b.docs})
		if err != nil {
			return err
		}
		b.loaded = lr.Events
		b.res.Events, b.res.LoadMs = lr.Events, round1(lr.Ms)
		b.logf("load: %d dossiers, %d events in %.0f ms", lr.Dossiers, lr.Events, lr.Ms)
		return nil
	})
}

// connect has the district connect to the commune through the proxy.
func (b *bench) connect() error {
	p0 := snapshot(b.proxy)
	t0 := time.Now()
	if _, err := b.district.call(Request{Cmd: "connect", PeerID: b.commune.hello.PeerID, Addr: "/ip4/127.0.0.1/tcp/" + strconv.Itoa(b.proxy.Port())}); err != nil {
		return err
	}
	connMs := ms(time.Since(t0))
	time.Sleep(identifyWait)
	b.res.Connect = Connect{Ms: round1(connMs), TCPBytes: snapshot(b.proxy).total() - p0.total()}
	return nil
}

// full is phase 1, the full sync, and the check that the district holds
// every event the commune wrote.
func (b *bench) full() error {
	var fr Reply
	var fc linkCount
	err := b.phase("full", func() (err error) {
		fr, fc, err = b.measure()
		return err
	})
	if err != nil {
		return err
	}
	n := float64(b.cfg.Dossiers)
	b.res.Full = Full{Ms: round1(fr.Ms), DossiersPerSec: round1(n / fr.Ms * 1000), EventsPerSec: round1(float64(fr.Stats.Events) / fr.Ms * 1000),
		BytesUp: fc.up, BytesDown: fc.down, BytesTotal: fc.total(), BytesPerDossier: round1(float64(fc.total()) / n),
		Protocol: fr.Stats.proto(), Pull: *fr.Stats}
	b.logf("full: %.0f ms, %.0f dossiers/s, %d bytes (%d up / %d down), %d events in %d batches",
		fr.Ms, b.res.Full.DossiersPerSec, fc.total(), fc.up, fc.down, fr.Stats.Events, fr.Stats.Batches)
	vd, err := b.district.call(Request{Cmd: "holds", PeerID: b.commune.hello.PeerID})
	if err != nil {
		return err
	}
	vc, err := b.commune.call(Request{Cmd: "holds", PeerID: b.commune.hello.PeerID})
	if err != nil {
		return err
	}
	b.res.Verify = Verify{CommuneEvents: vc.Seq, DistrictHolds: vd.Seq, Match: vc.Seq == vd.Seq && vc.Seq == uint64(b.loaded)}
	return nil
}

// incremental is phase 2: the commune changes dossiers; the district
// pulls.
func (b *bench) incremental() error {
	mr, err := b.commune.call(Request{Cmd: "modify", Docs: b.docs, Count: b.cfg.Modify, N: b.cfg.Dossiers})
	if err != nil {
		return err
	}
	var ir Reply
	var ic linkCount
	err = b.phase("incremental", func() (err error) {
		ir, ic, err = b.measure()
		return err
	})
	if err != nil {
		return err
	}
	b.res.Incremental100 = Phase{Ms: round1(ir.Ms), Bytes: ic.total(), BytesUp: ic.up, BytesDown: ic.down, Protocol: ir.Stats.proto(), Pull: *ir.Stats, LocalWriteMs: round1(mr.Ms)}
	b.res.Verify.Incremental100 = ir.Stats.Added
	b.logf("incremental (%d dossiers): %.1f ms, %d bytes, added %d", mr.Dossiers, ir.Ms, ic.total(), ir.Stats.Added)
	return nil
}

// noop is phase 3: pulls with nothing new; the median is kept.
func (b *bench) noop() error {
	type pull struct {
		ms float64
		r  Reply
	}
	var pulls []pull
	res := &b.res.Noop
	err := b.phase("noop", func() error {
		for range b.cfg.Repeats {
			nr, nc, err := b.measure()
			if err != nil {
				return err
			}
			pulls = append(pulls, pull{nr.Ms, nr})
			res.BytesEach = append(res.BytesEach, nc.total())
			res.ProtocolBytesEach = append(res.ProtocolBytesEach, nr.Stats.BytesIn+nr.Stats.BytesOut)
			res.UpToDate = append(res.UpToDate, nr.Stats.UpToDate)
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.Slice(pulls, func(i, j int) bool { return pulls[i].ms < pulls[j].ms })
	med := pulls[len(pulls)/2]
	byteList := append([]int64(nil), res.BytesEach...)
	sort.Slice(byteList, func(i, j int) bool { return byteList[i] < byteList[j] })
	res.Repeats, res.Ms, res.MinMs, res.MaxMs = b.cfg.Repeats, round2(med.ms), round2(pulls[0].ms), round2(pulls[len(pulls)-1].ms)
	res.Bytes, res.Protocol = byteList[len(byteList)/2], med.r.Stats.proto()
	b.logf("no-op: median %.2f ms, %d bytes (each %v)", med.ms, res.Bytes, res.BytesEach)
	return nil
}

// idle is phase 4: nothing is asked; what crosses the wire anyway.
func (b *bench) idle() error {
	i0 := snapshot(b.proxy)
	time.Sleep(idleFor)
	b.res.Idle = Idle{Seconds: idleFor.Seconds(), Bytes: snapshot(b.proxy).sub(i0).total()}
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }
func round1(x float64) float64   { return float64(int64(x*10+0.5)) / 10 }
func round2(x float64) float64   { return float64(int64(x*100+0.5)) / 100 }

// enrol has the district (under a throwaway province root) enrol the
// commune, which then starts its host behind its gater, and returns the
// port the commune listens on over loopback TCP.
func enrol(district, commune *peerProcess) (port string, err error) {
	r, err := district.call(Request{Cmd: "issue", PeerID: commune.hello.PeerID})
	if err != nil {
		return "", err
	}
	cr, err := commune.call(Request{Cmd: "enrol", Text: r.Text})
	if err != nil {
		return "", err
	}
	for _, a := range cr.Addrs {
		if p, ok := strings.CutPrefix(a, "/ip4/127.0.0.1/tcp/"); ok {
			port = p
		}
	}
	if port == "" {
		return "", fmt.Errorf("the commune listens on no loopback TCP address: %v", cr.Addrs)
	}
	return port, nil
}
