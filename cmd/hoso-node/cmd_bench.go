package main

// hoso-node bench sync --dossiers N measures the sync against the peer
// benchmark of ../shared/bench-peers (PouchDB replication): the same
// dossiers, two node processes on loopback, a counting TCP proxy between
// them, one JSON object on stdout.

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
	ma "github.com/multiformats/go-multiaddr"

	"hoso/p2p"
	"hoso/store"
	"hoso/trust"
)

// benchTree is the office tree of the benchmark: the dossiers of
// pouch/lib/docs.js belong to unit 38.380.15787.
type benchTree map[string]string

func (t benchTree) Path(office string) (string, bool) { p, ok := t[office]; return p, ok }

var benchOffices = benchTree{"38": "38", "380": "38/380", "15787": "38/380/15787"}

const (
	benchProvince = "38"
	benchDistrict = "380"
	benchCommune  = "15787"
	// benchBatch is the number of events one local write transaction holds
	// while loading.
	benchBatch = 1000
)

func runBench(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		return usageError(stderr, "usage: hoso-node bench sync --dossiers N [--dump PATH] [--keep]")
	}
	switch args[0] {
	case "sync":
		return runBenchSync(args[1:], stdout, stderr)
	case "peer": // hidden: one node of the benchmark, driven over stdin/stdout
		return runBenchPeer(args[1:], os.Stdin, stdout, stderr)
	}
	return usageError(stderr, "bench: unknown subcommand %q (want sync)", args[0])
}

// ---------------------------------------------------------------------------
// The orchestrator.

// benchResult is what bench sync prints.
type benchResult struct {
	System         string                `json:"system"`
	N              int                   `json:"n"`
	Events         int                   `json:"events"`
	DocJSONBytes   int64                 `json:"docJsonBytes"`
	LoadMs         float64               `json:"loadMs"`
	Connect        benchConnect          `json:"connect"`
	Full           benchFull             `json:"full"`
	Incremental100 benchPhase            `json:"incremental100"`
	Noop           benchNoop             `json:"noop"`
	Idle           benchIdle             `json:"idleAfter"`
	PeakRssMB      benchPeaks            `json:"peakRssMB"`
	PeakRssByPhase map[string]benchPeaks `json:"peakRssByPhaseMB"`
	RssSplit       map[string]benchSplit `json:"rssAtPhaseEndMB"`
	CPUms          map[string]benchPeaks `json:"cpuMsByPhase"`
	Verify         benchVerify           `json:"verify"`
	Bidirectional  bool                  `json:"bidirectional"`
	Encrypted      bool                  `json:"encryptedAtRest"`
	Machine        map[string]any        `json:"machine"`
	WallS          float64               `json:"wallS"`
	Notes          []string              `json:"notes"`
}

type benchConnect struct {
	Ms       float64 `json:"ms"`
	TCPBytes int64   `json:"tcpBytes"`
}

type benchFull struct {
	Ms             float64 `json:"ms"`
	DossiersPerSec float64 `json:"dossiersPerSec"`
	EventsPerSec   float64 `json:"eventsPerSec"`
	// BytesUp is commune → district (the records' direction, like
	// pouch's up), BytesDown district → commune: TCP payload through the
	// counting proxy, settled (see notes).
	BytesUp         int64      `json:"bytesUp"`
	BytesDown       int64      `json:"bytesDown"`
	BytesTotal      int64      `json:"bytesTotal"`
	BytesPerDossier float64    `json:"bytesPerDossier"`
	Protocol        benchProto `json:"protocol"`
	Pull            pullJSON   `json:"pull"`
}

type benchPhase struct {
	Ms           float64    `json:"ms"`
	Bytes        int64      `json:"bytes"`
	BytesUp      int64      `json:"bytesUp"`
	BytesDown    int64      `json:"bytesDown"`
	Protocol     benchProto `json:"protocol"`
	Pull         pullJSON   `json:"pull"`
	LocalWriteMs float64    `json:"localWriteMs,omitempty"`
}

type benchNoop struct {
	Repeats int     `json:"repeats"`
	Ms      float64 `json:"ms"` // median
	MinMs   float64 `json:"minMs"`
	MaxMs   float64 `json:"maxMs"`
	Bytes   int64   `json:"bytes"` // median, TCP through the proxy
	// BytesEach and ProtocolBytesEach list every repeat.
	BytesEach         []int64    `json:"bytesEach"`
	ProtocolBytesEach []int64    `json:"protocolBytesEach"`
	Protocol          benchProto `json:"protocol"` // median repeat's
	UpToDate          []bool     `json:"upToDate"`
}

type benchIdle struct {
	Seconds float64 `json:"seconds"`
	Bytes   int64   `json:"bytes"`
}

// benchProto are the protocol's own counts (PullStats): frames as written
// and read by the sync protocol, inside the libp2p stream.
type benchProto struct {
	BytesIn    int64 `json:"bytesIn"`
	BytesOut   int64 `json:"bytesOut"`
	BytesTotal int64 `json:"bytesTotal"`
}

// benchSplit is the resident memory of both nodes at the end of a phase,
// anonymous (heap) and file-backed (Badger's memory-mapped files).
type benchSplit struct {
	DistrictAnon float64 `json:"districtAnon"`
	DistrictFile float64 `json:"districtFile"`
	CommuneAnon  float64 `json:"communeAnon"`
	CommuneFile  float64 `json:"communeFile"`
}

type benchPeaks struct {
	District float64 `json:"district"`
	Commune  float64 `json:"commune"`
}

type benchVerify struct {
	CommuneEvents  uint64 `json:"communeEvents"`
	DistrictHolds  uint64 `json:"districtHoldsOfCommune"`
	Match          bool   `json:"match"`
	Incremental100 int    `json:"incrementalAdded"`
}

// pullJSON is a PullStats for the output.
type pullJSON struct {
	UpToDate bool  `json:"upToDate"`
	Batches  int   `json:"batches"`
	Events   int   `json:"events"`
	Added    int   `json:"added"`
	BytesIn  int64 `json:"bytesIn"`
	BytesOut int64 `json:"bytesOut"`
}

func runBenchSync(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench sync", flag.ContinueOnError)
	n := fs.Int("dossiers", 0, "number of dossiers (required)")
	dump := fs.String("dump", "", "path of pouch/dump.js (default: ../shared/bench-peers/pouch/dump.js from the repository or the binary)")
	keep := fs.Bool("keep", false, "keep the temporary folder (documents and both databases)")
	modify := fs.Int("modify", 100, "dossiers changed for the incremental phase")
	repeats := fs.Int("noop-repeats", 5, "repeats of the no-op sync (the median is reported)")
	encrypt := fs.Bool("encrypt", true, "encrypt both databases at rest, as hoso-node does")
	bidi := fs.Bool("bidirectional", false, "let the district serve the sync protocol too, as hoso-node serve does (the commune then pulls back after every pull it serves)")
	if !parseFlags(fs, args, stderr) {
		return exitUsage
	}
	if *n <= 0 {
		return usageError(stderr, "bench sync needs --dossiers N (N > 0)")
	}
	if *repeats < 1 {
		*repeats = 1
	}
	res, err := benchSync(benchConfig{n: *n, dump: *dump, keep: *keep, modify: *modify, repeats: *repeats, encrypt: *encrypt, bidi: *bidi}, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "hoso-node bench: %v\n", err)
		return exitFailed
	}
	b, err := json.Marshal(res)
	if err != nil {
		fmt.Fprintf(stderr, "hoso-node bench: %v\n", err)
		return exitFailed
	}
	fmt.Fprintf(stdout, "%s\n", b)
	return exitOK
}

type benchConfig struct {
	n, modify, repeats  int
	dump                string
	keep, encrypt, bidi bool
}

// findDump locates pouch/dump.js: the flag, else ../shared/bench-peers
// next to the repository (searched upwards from the working folder) or
// next to the binary.
func findDump(flagPath string) (string, error) {
	if flagPath != "" {
		if _, err := os.Stat(flagPath); err != nil {
			return "", fmt.Errorf("--dump %s: %w", flagPath, err)
		}
		return flagPath, nil
	}
	var starts []string
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	if exe, err := os.Executable(); err == nil {
		starts = append(starts, filepath.Dir(exe))
	}
	rel := filepath.Join("..", "shared", "bench-peers", "pouch", "dump.js")
	for _, s := range starts {
		for d := s; ; d = filepath.Dir(d) {
			p := filepath.Join(d, rel)
			if _, err := os.Stat(p); err == nil {
				return filepath.Clean(p), nil
			}
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	return "", fmt.Errorf("pouch/dump.js not found (give --dump PATH); looked for %s next to the repository and the binary", rel)
}

func benchSync(cfg benchConfig, stderr io.Writer) (*benchResult, error) {
	start := time.Now()
	logf := func(format string, a ...any) {
		fmt.Fprintf(stderr, "[hoso N=%d] "+format+"\n", append([]any{cfg.n}, a...)...)
	}
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return nil, errors.New("node (Node.js >= 20) is not on PATH: it is needed to run pouch/dump.js")
	}
	dump, err := findDump(cfg.dump)
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "hoso-bench-")
	if err != nil {
		return nil, err
	}
	if cfg.keep {
		logf("keeping %s", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}

	// The documents.
	docs := filepath.Join(tmp, "dossiers.jsonl")
	f, err := os.Create(docs)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(nodeBin, dump, strconv.Itoa(cfg.n))
	var errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = f, &errb
	if err := cmd.Run(); err != nil {
		f.Close()
		return nil, fmt.Errorf("node %s %d: %v: %s", dump, cfg.n, err, strings.TrimSpace(errb.String()))
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	st, _ := os.Stat(docs)
	logf("dumped %d dossiers (%d bytes) with %s", cfg.n, st.Size(), dump)

	// The two nodes.
	district, err := startBenchPeer("district", filepath.Join(tmp, "district"), cfg.encrypt, !cfg.bidi, stderr)
	if err != nil {
		return nil, err
	}
	defer district.stop()
	commune, err := startBenchPeer("commune", filepath.Join(tmp, "commune"), cfg.encrypt, false, stderr)
	if err != nil {
		return nil, err
	}
	defer commune.stop()

	// Enrolment: the district (under a throwaway province root) enrols the
	// commune; the commune then starts its host behind its gater.
	var r peerReply
	if r, err = district.call(peerReq{Cmd: "issue", PeerID: commune.hello.PeerID}); err != nil {
		return nil, err
	}
	cr, err := commune.call(peerReq{Cmd: "enrol", Text: r.Text})
	if err != nil {
		return nil, err
	}
	target := ""
	for _, a := range cr.Addrs {
		if strings.HasPrefix(a, "/ip4/127.0.0.1/tcp/") {
			target = "127.0.0.1:" + strings.TrimPrefix(a, "/ip4/127.0.0.1/tcp/")
		}
	}
	if target == "" {
		return nil, fmt.Errorf("the commune listens on no loopback TCP address: %v", cr.Addrs)
	}
	proxy, err := startCountingProxy(target)
	if err != nil {
		return nil, err
	}
	defer proxy.close()

	res := &benchResult{System: "hoso", N: cfg.n, DocJSONBytes: st.Size() - int64(cfg.n), Encrypted: cfg.encrypt, Bidirectional: cfg.bidi,
		PeakRssByPhase: map[string]benchPeaks{}, RssSplit: map[string]benchSplit{}, CPUms: map[string]benchPeaks{}}
	phaseStart := func() error {
		for _, p := range []*benchPeer{district, commune} {
			if _, err := p.call(peerReq{Cmd: "peak", Reset: true}); err != nil {
				return err
			}
		}
		return nil
	}
	phaseEnd := func(name string, cpu0 benchPeaks) error {
		d, err := district.call(peerReq{Cmd: "peak"})
		if err != nil {
			return err
		}
		c, err := commune.call(peerReq{Cmd: "peak"})
		if err != nil {
			return err
		}
		res.PeakRssByPhase[name] = benchPeaks{District: d.HwmMB, Commune: c.HwmMB}
		res.RssSplit[name] = benchSplit{DistrictAnon: d.AnonMB, DistrictFile: d.FileMB, CommuneAnon: c.AnonMB, CommuneFile: c.FileMB}
		res.CPUms[name] = benchPeaks{District: d.CPUms - cpu0.District, Commune: c.CPUms - cpu0.Commune}
		return nil
	}
	cpuNow := func() benchPeaks {
		d, _ := district.call(peerReq{Cmd: "peak"})
		c, _ := commune.call(peerReq{Cmd: "peak"})
		return benchPeaks{District: d.CPUms, Commune: c.CPUms}
	}

	// 0. The commune loads the dossiers.
	if err := phaseStart(); err != nil {
		return nil, err
	}
	cpu0 := cpuNow()
	lr, err := commune.call(peerReq{Cmd: "load", Docs: docs})
	if err != nil {
		return nil, err
	}
	if err := phaseEnd("load", cpu0); err != nil {
		return nil, err
	}
	res.Events, res.LoadMs = lr.Events, round1(lr.Ms)
	logf("load: %d dossiers, %d events in %.0f ms", lr.Dossiers, lr.Events, lr.Ms)

	// The district connects to the commune through the proxy.
	p0 := proxy.snapshot()
	t0 := time.Now()
	if _, err := district.call(peerReq{Cmd: "connect", PeerID: commune.hello.PeerID, Addr: "/ip4/127.0.0.1/tcp/" + strconv.Itoa(proxy.port())}); err != nil {
		return nil, err
	}
	connMs := ms(time.Since(t0))
	time.Sleep(300 * time.Millisecond) // identify and the like
	p1 := proxy.snapshot()
	res.Connect = benchConnect{Ms: round1(connMs), TCPBytes: p1.total() - p0.total()}

	// measure runs a pull of the commune by the district and counts the
	// proxy's bytes until the traffic settles (the commune pulls back after
	// serving, which belongs to the sync).
	measure := func() (peerReply, proxyCount, error) {
		before := proxy.snapshot()
		pr, err := district.call(peerReq{Cmd: "pull", PeerID: commune.hello.PeerID})
		if err != nil {
			return pr, proxyCount{}, err
		}
		after := proxy.settle(150*time.Millisecond, 3*time.Second)
		return pr, after.sub(before), nil
	}

	// 1. Full sync.
	if err := phaseStart(); err != nil {
		return nil, err
	}
	cpu0 = cpuNow()
	fr, fc, err := measure()
	if err != nil {
		return nil, err
	}
	if err := phaseEnd("full", cpu0); err != nil {
		return nil, err
	}
	res.Full = benchFull{Ms: round1(fr.Ms), DossiersPerSec: round1(float64(cfg.n) / fr.Ms * 1000), EventsPerSec: round1(float64(fr.Stats.Events) / fr.Ms * 1000),
		BytesUp: fc.up, BytesDown: fc.down, BytesTotal: fc.total(), BytesPerDossier: round1(float64(fc.total()) / float64(cfg.n)),
		Protocol: protoOf(fr.Stats), Pull: *fr.Stats}
	logf("full: %.0f ms, %.0f dossiers/s, %d bytes (%d up / %d down), %d events in %d batches",
		fr.Ms, res.Full.DossiersPerSec, fc.total(), fc.up, fc.down, fr.Stats.Events, fr.Stats.Batches)
	vd, err := district.call(peerReq{Cmd: "holds", PeerID: commune.hello.PeerID})
	if err != nil {
		return nil, err
	}
	vc, err := commune.call(peerReq{Cmd: "holds", PeerID: commune.hello.PeerID})
	if err != nil {
		return nil, err
	}
	res.Verify = benchVerify{CommuneEvents: vc.Seq, DistrictHolds: vd.Seq, Match: vc.Seq == vd.Seq && vc.Seq == uint64(lr.Events)}

	// 2. The commune changes dossiers; the district pulls.
	mr, err := commune.call(peerReq{Cmd: "modify", Docs: docs, Count: cfg.modify, N: cfg.n})
	if err != nil {
		return nil, err
	}
	if err := phaseStart(); err != nil {
		return nil, err
	}
	cpu0 = cpuNow()
	ir, ic, err := measure()
	if err != nil {
		return nil, err
	}
	if err := phaseEnd("incremental", cpu0); err != nil {
		return nil, err
	}
	res.Incremental100 = benchPhase{Ms: round1(ir.Ms), Bytes: ic.total(), BytesUp: ic.up, BytesDown: ic.down, Protocol: protoOf(ir.Stats), Pull: *ir.Stats, LocalWriteMs: round1(mr.Ms)}
	res.Verify.Incremental100 = ir.Stats.Added
	logf("incremental (%d dossiers): %.1f ms, %d bytes, added %d", mr.Dossiers, ir.Ms, ic.total(), ir.Stats.Added)

	// 3. No-op syncs.
	if err := phaseStart(); err != nil {
		return nil, err
	}
	cpu0 = cpuNow()
	type noop struct {
		ms    float64
		bytes int64
		r     peerReply
	}
	var noops []noop
	for range cfg.repeats {
		nr, nc, err := measure()
		if err != nil {
			return nil, err
		}
		noops = append(noops, noop{nr.Ms, nc.total(), nr})
		res.Noop.BytesEach = append(res.Noop.BytesEach, nc.total())
		res.Noop.ProtocolBytesEach = append(res.Noop.ProtocolBytesEach, nr.Stats.BytesIn+nr.Stats.BytesOut)
		res.Noop.UpToDate = append(res.Noop.UpToDate, nr.Stats.UpToDate)
	}
	if err := phaseEnd("noop", cpu0); err != nil {
		return nil, err
	}
	sort.Slice(noops, func(i, j int) bool { return noops[i].ms < noops[j].ms })
	med := noops[len(noops)/2]
	byteList := append([]int64(nil), res.Noop.BytesEach...)
	sort.Slice(byteList, func(i, j int) bool { return byteList[i] < byteList[j] })
	res.Noop.Repeats, res.Noop.Ms, res.Noop.MinMs, res.Noop.MaxMs = cfg.repeats, round2(med.ms), round2(noops[0].ms), round2(noops[len(noops)-1].ms)
	res.Noop.Bytes, res.Noop.Protocol = byteList[len(byteList)/2], protoOf(med.r.Stats)
	logf("no-op: median %.2f ms, %d bytes (each %v)", med.ms, res.Noop.Bytes, res.Noop.BytesEach)

	// 4. Idle: nothing is asked; what crosses the wire anyway.
	i0 := proxy.snapshot()
	time.Sleep(2 * time.Second)
	res.Idle = benchIdle{Seconds: 2, Bytes: proxy.snapshot().sub(i0).total()}

	// Peaks over the whole run (VmHWM since the last reset is per phase;
	// the overall peak is the highest of the phases, as pouch's).
	for _, p := range res.PeakRssByPhase {
		res.PeakRssMB.District = max(res.PeakRssMB.District, p.District)
		res.PeakRssMB.Commune = max(res.PeakRssMB.Commune, p.Commune)
	}
	res.Machine = map[string]any{"cpus": runtime.NumCPU(), "go": runtime.Version(), "goos": runtime.GOOS, "goarch": runtime.GOARCH}
	res.WallS = round1(time.Since(start).Seconds())
	res.Notes = []string{
		"Two hoso-node processes on 127.0.0.1: the district pulls from the commune (/hoso/sync/1.0.0 over libp2p TCP, Noise, yamux), as PouchDB's commune pushes to its district.",
		"bytes*/bytesUp/bytesDown: TCP payload through a counting proxy in this orchestrator (libp2p framing, Noise, yamux and sync frames; no TCP/IP headers), like pouch's proxy; up = commune → district, down = district → commune. Each phase counts until the connection is quiet for 150 ms, so it includes the commune's pull-back after it served.",
		"protocol.*: the sync protocol's own frame bytes (PullStats BytesIn+BytesOut of the district's pull), inside the encrypted stream, without the pull-back.",
		"connect: the libp2p connection (TCP, Noise, yamux, identify) is set up once before the full sync and is not counted in it; PouchDB opens a TCP connection per request.",
		"Each history step of a dossier is one event (kind dossier.step, owner 15787, subject dossier/<_id>); the first event's body also carries the dossier's other fields. peakRssMB: VmHWM per phase (reset through /proc/self/clear_refs), highest phase; it counts the resident pages of Badger's memory-mapped files, which each node pages out as they grow (store/pageout, MADV_PAGEOUT), and the program's own pages (~25 MB); rssAtPhaseEndMB splits anonymous and file-backed pages.",
		"Every event keeps its own Ed25519 signature, stored by both sides; the commune, sending its own events, also seals each batch with one signature over them (store.BatchSig), so the district checks one signature per batch. A district forwarding them on (to a province) sends them unsealed, and the province checks each event's signature.",
	}
	return res, nil
}

func protoOf(s *pullJSON) benchProto {
	return benchProto{BytesIn: s.BytesIn, BytesOut: s.BytesOut, BytesTotal: s.BytesIn + s.BytesOut}
}

func ms(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }
func round1(x float64) float64   { return float64(int64(x*10+0.5)) / 10 }
func round2(x float64) float64   { return float64(int64(x*100+0.5)) / 100 }

// ---------------------------------------------------------------------------
// The counting proxy: district → proxy → commune.

type proxyCount struct{ up, down int64 }

func (c proxyCount) total() int64                { return c.up + c.down }
func (c proxyCount) sub(o proxyCount) proxyCount { return proxyCount{c.up - o.up, c.down - o.down} }

type countingProxy struct {
	ln       net.Listener
	up, down atomic.Int64 // up: from the commune (the target); down: from the district
	mu       sync.Mutex
	conns    []net.Conn
}

func startCountingProxy(target string) (*countingProxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &countingProxy{ln: ln}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			u, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, u)
			p.mu.Unlock()
			go p.pipe(u, c, &p.down)
			go p.pipe(c, u, &p.up)
		}
	}()
	return p, nil
}

// pipe copies src to dst, counting into n.
func (p *countingProxy) pipe(dst, src net.Conn, n *atomic.Int64) {
	buf := make([]byte, 64<<10)
	for {
		k, err := src.Read(buf)
		if k > 0 {
			n.Add(int64(k))
			if _, werr := dst.Write(buf[:k]); werr != nil {
				break
			}
		}
		if err != nil {
			break
		}
	}
	dst.Close()
	src.Close()
}

func (p *countingProxy) port() int { return p.ln.Addr().(*net.TCPAddr).Port }

func (p *countingProxy) snapshot() proxyCount { return proxyCount{p.up.Load(), p.down.Load()} }

// settle waits until no byte crossed for quiet (at most limit) and
// returns the counts then.
func (p *countingProxy) settle(quiet, limit time.Duration) proxyCount {
	deadline := time.Now().Add(limit)
	last := p.snapshot()
	lastChange := time.Now()
	for time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
		c := p.snapshot()
		if c != last {
			last, lastChange = c, time.Now()
			continue
		}
		if time.Since(lastChange) >= quiet {
			break
		}
	}
	return last
}

func (p *countingProxy) close() {
	p.ln.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
}

// ---------------------------------------------------------------------------
// The child processes and their line protocol.

type peerReq struct {
	Cmd    string `json:"cmd"`
	PeerID string `json:"peerId,omitempty"`
	Addr   string `json:"addr,omitempty"`
	Text   string `json:"text,omitempty"`
	Docs   string `json:"docs,omitempty"`
	Count  int    `json:"count,omitempty"`
	N      int    `json:"n,omitempty"`
	Reset  bool   `json:"reset,omitempty"`
}

type peerReply struct {
	OK       bool      `json:"ok"`
	Error    string    `json:"error,omitempty"`
	PeerID   string    `json:"peerId,omitempty"`
	Addrs    []string  `json:"addrs,omitempty"`
	Text     string    `json:"text,omitempty"`
	Ms       float64   `json:"ms,omitempty"`
	Events   int       `json:"events,omitempty"`
	Dossiers int       `json:"dossiers,omitempty"`
	Seq      uint64    `json:"seq,omitempty"`
	Stats    *pullJSON `json:"stats,omitempty"`
	HwmMB    float64   `json:"hwmMB,omitempty"`
	RssMB    float64   `json:"rssMB,omitempty"`
	AnonMB   float64   `json:"anonMB,omitempty"`
	FileMB   float64   `json:"fileMB,omitempty"`
	CPUms    float64   `json:"cpuMs,omitempty"`
}

type benchPeer struct {
	role  string
	cmd   *exec.Cmd
	in    io.WriteCloser
	out   *bufio.Reader
	hello peerReply
}

func startBenchPeer(role, dir string, encrypt, pullOnly bool, stderr io.Writer) (*benchPeer, error) {
	exe, err := os.Executable()
	if err != nil {
		exe = os.Args[0]
	}
	cmd := exec.Command(exe, "bench", "peer", "--role", role, "--dir", dir, "--encrypt="+strconv.FormatBool(encrypt), "--pull-only="+strconv.FormatBool(pullOnly))
	cmd.Stderr = stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting the %s node: %w", role, err)
	}
	p := &benchPeer{role: role, cmd: cmd, in: in, out: bufio.NewReaderSize(out, 1<<16)}
	if p.hello, err = p.read(); err != nil {
		p.stop()
		return nil, err
	}
	return p, nil
}

func (p *benchPeer) read() (peerReply, error) {
	line, err := p.out.ReadBytes('\n')
	if err != nil {
		return peerReply{}, fmt.Errorf("the %s node stopped: %w", p.role, err)
	}
	var r peerReply
	if err := json.Unmarshal(line, &r); err != nil {
		return r, fmt.Errorf("the %s node said %q: %w", p.role, line, err)
	}
	if !r.OK {
		return r, fmt.Errorf("the %s node: %s", p.role, r.Error)
	}
	return r, nil
}

func (p *benchPeer) call(req peerReq) (peerReply, error) {
	b, _ := json.Marshal(req)
	if _, err := p.in.Write(append(b, '\n')); err != nil {
		return peerReply{}, fmt.Errorf("the %s node: %w", p.role, err)
	}
	r, err := p.read()
	if err != nil {
		return r, fmt.Errorf("%s: %w", req.Cmd, err)
	}
	return r, nil
}

func (p *benchPeer) stop() {
	_ = p.in.Close() // the child quits at the end of its input
	done := make(chan struct{})
	go func() { _ = p.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = p.cmd.Process.Kill()
		<-done
	}
}

// ---------------------------------------------------------------------------
// One node of the benchmark (hidden subcommand bench peer).

type benchNode struct {
	role   string
	key    ed25519.PrivateKey
	id     p2p.Identity
	st     *store.Store
	en     *p2p.Enrolment
	host   host.Host
	syncer *p2p.Syncer
	now    time.Time
	// pullOnly removes the sync protocol's handler: the node pulls and
	// serves no one.
	pullOnly bool
	// phases counts the phases begun and stopProfile ends the CPU
	// profile of the current one (HOSO_BENCH_PROFILE).
	phases      int
	stopProfile func()
	// peaks counts the phase ends, naming their heap profiles.
	peaks int
}

func runBenchPeer(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench peer", flag.ContinueOnError)
	role := fs.String("role", "", "district or commune")
	dir := fs.String("dir", "", "database folder")
	encrypt := fs.Bool("encrypt", true, "encrypt the database")
	pullOnly := fs.Bool("pull-only", false, "do not serve the sync protocol")
	if !parseFlags(fs, args, stderr) {
		return exitUsage
	}
	if (*role != "district" && *role != "commune") || *dir == "" {
		return usageError(stderr, "bench peer needs --role district|commune and --dir DIR")
	}
	w := bufio.NewWriter(stdout)
	reply := func(r peerReply, err error) {
		if err != nil {
			r = peerReply{Error: err.Error()}
		} else {
			r.OK = true
		}
		b, _ := json.Marshal(r)
		w.Write(append(b, '\n'))
		w.Flush()
	}
	n, err := newBenchNode(*role, *dir, *encrypt, *pullOnly)
	if err != nil {
		reply(peerReply{}, err)
		return exitFailed
	}
	defer n.close()
	reply(peerReply{PeerID: n.id.PeerID.String()}, nil)
	sc := bufio.NewScanner(stdin)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var req peerReq
		if err := json.Unmarshal(sc.Bytes(), &req); err != nil {
			reply(peerReply{}, err)
			continue
		}
		reply(n.handle(req))
	}
	return exitOK
}

func newBenchNode(role, dir string, encrypt, pullOnly bool) (*benchNode, error) {
	lk, _, err := crypto.GenerateEd25519Key(nil)
	if err != nil {
		return nil, err
	}
	id, err := identityFromKey(lk)
	if err != nil {
		return nil, err
	}
	key, err := id.Ed25519()
	if err != nil {
		return nil, err
	}
	opts := store.Options{Dir: dir, Signer: key, Projections: []store.Projection{p2p.TrustProjection{}}}
	if encrypt {
		opts.EncryptionKey = make([]byte, 32)
		if _, err := rand.Read(opts.EncryptionKey); err != nil {
			return nil, err
		}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	st, err := store.Open(opts)
	if err != nil {
		return nil, err
	}
	n := &benchNode{role: role, key: key, id: id, st: st, now: time.Now(), pullOnly: pullOnly}
	if role == "district" {
		// A throwaway province root (in memory) enrols the district.
		rk, _, err := crypto.GenerateEd25519Key(nil)
		if err != nil {
			return nil, err
		}
		rid, err := identityFromKey(rk)
		if err != nil {
			return nil, err
		}
		rkey, _ := rid.Ed25519()
		rst, err := store.Open(store.Options{InMemory: true, Signer: rkey, Projections: []store.Projection{p2p.TrustProjection{}}})
		if err != nil {
			return nil, err
		}
		defer rst.Close()
		ren, err := p2p.EnrolRoot(rst, rkey, benchProvince, n.now)
		if err != nil {
			return nil, err
		}
		text, _, err := p2p.Issue(rst, rkey, ren, id.PeerID, benchDistrict, trust.RoleDistrict, 30, nil, n.now)
		if err != nil {
			return nil, err
		}
		if n.en, err = p2p.Accept(st, text, n.now); err != nil {
			return nil, err
		}
		if err := n.startHost(); err != nil {
			return nil, err
		}
	}
	return n, nil
}

func identityFromKey(k crypto.PrivKey) (p2p.Identity, error) {
	pid, err := peer.IDFromPrivateKey(k)
	if err != nil {
		return p2p.Identity{}, err
	}
	return p2p.Identity{Key: k, PeerID: pid}, nil
}

func (n *benchNode) startHost() error {
	h, err := p2p.NewHost(p2p.HostOptions{Identity: n.id, Listen: []string{"/ip4/127.0.0.1/tcp/0"},
		Gater: p2p.NewGater(n.st, n.en, nil, nil), Hub: n.role == "district"})
	if err != nil {
		return err
	}
	n.host = h
	n.syncer = p2p.NewSyncer(p2p.SyncOptions{Host: h, Store: n.st, Enrolment: n.en, Tree: benchOffices})
	if n.pullOnly {
		h.RemoveStreamHandler(protocol.ID(p2p.ProtocolID))
	}
	return nil
}

func (n *benchNode) close() {
	if n.stopProfile != nil {
		n.stopProfile()
	}
	if n.host != nil {
		n.host.Close()
	}
	n.st.Close()
}

func (n *benchNode) handle(req peerReq) (peerReply, error) {
	switch req.Cmd {
	case "issue":
		if n.en == nil {
			return peerReply{}, errors.New("not enrolled")
		}
		id, err := peer.Decode(req.PeerID)
		if err != nil {
			return peerReply{}, err
		}
		text, _, err := p2p.Issue(n.st, n.key, n.en, id, benchCommune, trust.RoleCommune, 30, nil, n.now)
		return peerReply{Text: text}, err
	case "enrol":
		en, err := p2p.Accept(n.st, req.Text, n.now)
		if err != nil {
			return peerReply{}, err
		}
		n.en = en
		if err := n.startHost(); err != nil {
			return peerReply{}, err
		}
		var addrs []string
		for _, a := range n.host.Addrs() {
			addrs = append(addrs, a.String())
		}
		return peerReply{Addrs: addrs}, nil
	case "connect":
		id, err := peer.Decode(req.PeerID)
		if err != nil {
			return peerReply{}, err
		}
		a, err := ma.NewMultiaddr(req.Addr)
		if err != nil {
			return peerReply{}, err
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		return peerReply{}, n.host.Connect(ctx, peer.AddrInfo{ID: id, Addrs: []ma.Multiaddr{a}})
	case "pull":
		id, err := peer.Decode(req.PeerID)
		if err != nil {
			return peerReply{}, err
		}
		t0 := time.Now()
		s, err := n.syncer.Pull(context.Background(), id)
		d := time.Since(t0)
		if err != nil {
			return peerReply{}, err
		}
		return peerReply{Ms: ms(d), Stats: &pullJSON{UpToDate: s.UpToDate, Batches: s.Batches, Events: s.Events, Added: s.Added, BytesIn: s.BytesIn, BytesOut: s.BytesOut}}, nil
	case "load":
		t0 := time.Now()
		dossiers, events, err := n.load(req.Docs)
		return peerReply{Ms: ms(time.Since(t0)), Dossiers: dossiers, Events: events}, err
	case "modify":
		t0 := time.Now()
		k, err := n.modify(req.Docs, req.N, req.Count)
		return peerReply{Ms: ms(time.Since(t0)), Dossiers: k, Events: k}, err
	case "holds":
		id, err := peer.Decode(req.PeerID)
		if err != nil {
			return peerReply{}, err
		}
		pk, err := id.ExtractPublicKey()
		if err != nil {
			return peerReply{}, err
		}
		raw, err := pk.Raw()
		if err != nil {
			return peerReply{}, err
		}
		var o store.Origin
		copy(o[:], raw)
		return peerReply{Seq: n.st.Vector().Get(o)}, nil
	case "peak":
		if req.Reset {
			// A phase's profile runs until the next phase begins.
			if n.stopProfile != nil {
				n.stopProfile()
			}
			n.phases++
			n.stopProfile = startBenchProfile(fmt.Sprintf("%s-cpu%d", n.role, n.phases))
		}
		if dir := os.Getenv("HOSO_BENCH_PROFILE"); dir != "" && !req.Reset {
			n.peaks++
			if f, err := os.Create(filepath.Join(dir, fmt.Sprintf("%s-heap%d.pprof", n.role, n.peaks))); err == nil {
				_ = pprof.Lookup("heap").WriteTo(f, 0)
				f.Close()
			}
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			fmt.Fprintf(os.Stderr, "[%s] heap inuse %d MB, heap sys %d MB, sys %d MB, stacks %d MB, other %d MB\n", n.role, ms.HeapInuse>>20, ms.HeapSys>>20, ms.Sys>>20, ms.StackSys>>20, ms.OtherSys>>20)
		}
		m := procStatusMB()
		r := peerReply{HwmMB: m["VmHWM"], RssMB: m["VmRSS"], AnonMB: m["RssAnon"], FileMB: m["RssFile"], CPUms: procCPUms()}
		if req.Reset {
			runtime.GC()
			// Resets VmHWM to the current RSS (Linux).
			_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
		}
		return r, nil
	}
	return peerReply{}, fmt.Errorf("unknown command %q", req.Cmd)
}

// dossierEvents turns one dossier document into its events' bodies: one
// per history step, the first also carrying the dossier's other fields
// (in the document's order, without _id, which is in the subject).
func dossierEvents(line []byte) (id string, bodies [][]byte, lastAt string, err error) {
	dec := json.NewDecoder(bytes.NewReader(line))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return "", nil, "", fmt.Errorf("a dossier is not a JSON object: %.60s", line)
	}
	var other bytes.Buffer
	var history []json.RawMessage
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return "", nil, "", err
		}
		k, _ := t.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return "", nil, "", err
		}
		switch k {
		case "_id":
			if err := json.Unmarshal(v, &id); err != nil {
				return "", nil, "", err
			}
		case "history":
			if err := json.Unmarshal(v, &history); err != nil {
				return "", nil, "", err
			}
		default:
			kb, _ := json.Marshal(k)
			other.WriteByte(',')
			other.Write(kb)
			other.WriteByte(':')
			other.Write(v)
		}
	}
	if id == "" || len(history) == 0 {
		return "", nil, "", fmt.Errorf("a dossier without _id or history: %.60s", line)
	}
	for i, step := range history {
		s := bytes.TrimSpace(step)
		if i == 0 && other.Len() > 0 && len(s) >= 2 && s[len(s)-1] == '}' {
			b := make([]byte, 0, len(s)+other.Len())
			b = append(b, s[:len(s)-1]...)
			if len(s) == 2 { // {} : drop the leading comma
				b = append(b, other.Bytes()[1:]...)
			} else {
				b = append(b, other.Bytes()...)
			}
			s = append(b, '}')
		}
		bodies = append(bodies, s)
	}
	var last struct {
		At string `json:"at"`
	}
	_ = json.Unmarshal(history[len(history)-1], &last)
	return id, bodies, last.At, nil
}

func scanDocs(path string, fn func(i int, line []byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	i := 0
	for sc.Scan() {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		if err := fn(i, sc.Bytes()); err != nil {
			return fmt.Errorf("%s line %d: %w", path, i+1, err)
		}
		i++
	}
	return sc.Err()
}

// load writes every dossier of the file as events, benchBatch per
// transaction.
func (n *benchNode) load(path string) (int, int, error) {
	var drafts []store.Draft
	dossiers, events := 0, 0
	flush := func() error {
		if len(drafts) == 0 {
			return nil
		}
		if _, err := n.st.AppendBatch(drafts); err != nil {
			return err
		}
		events += len(drafts)
		drafts = drafts[:0]
		return nil
	}
	err := scanDocs(path, func(_ int, line []byte) error {
		id, bodies, _, err := dossierEvents(line)
		if err != nil {
			return err
		}
		dossiers++
		for _, b := range bodies {
			drafts = append(drafts, store.Draft{Owner: benchCommune, Kind: "dossier.step", Subject: "dossier/" + id, Body: b})
		}
		if len(drafts) >= benchBatch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	return dossiers, events, err
}

// modify appends one step to count dossiers spread evenly over the file,
// as pouch's modifyDoc does (a new step YEU_CAU_BO_SUNG an hour after the
// last, status CHO_BO_SUNG), in one transaction.
func (n *benchNode) modify(path string, total, count int) (int, error) {
	if count <= 0 {
		return 0, nil
	}
	step := max(1, total/count)
	var drafts []store.Draft
	err := scanDocs(path, func(i int, line []byte) error {
		if i%step != 0 || i/step >= count {
			return nil
		}
		id, _, lastAt, err := dossierEvents(line)
		if err != nil {
			return err
		}
		at := lastAt
		if t, err := time.Parse(time.RFC3339, lastAt); err == nil {
			at = t.Add(time.Hour).UTC().Format("2006-01-02T15:04:05Z")
		}
		body, _ := json.Marshal(struct {
			Actor     string `json:"actor"`
			At        string `json:"at"`
			Action    string `json:"action"`
			Status    string `json:"status"`
			UpdatedAt string `json:"updatedAt"`
		}{"Nguyễn Đức Thắng", at, "YEU_CAU_BO_SUNG", "CHO_BO_SUNG", at})
		drafts = append(drafts, store.Draft{Owner: benchCommune, Kind: "dossier.step", Subject: "dossier/" + id, Body: body})
		return nil
	})
	if err != nil {
		return 0, err
	}
	if _, err := n.st.AppendBatch(drafts); err != nil {
		return 0, err
	}
	return len(drafts), nil
}

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

// startBenchProfile writes a CPU profile of one phase into the folder named
// by HOSO_BENCH_PROFILE, when set, for finding where a sync spends its time.
func startBenchProfile(name string) (stop func()) {
	dir := os.Getenv("HOSO_BENCH_PROFILE")
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
