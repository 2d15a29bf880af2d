package syncbench

// The line protocol between the orchestrator and its two node processes
// (see the package doc): the parent's side (peerProcess) and the child's
// (ServePeer).

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"time"

	"hoso/store"
)

const (
	// maxLine bounds one request or reply line.
	maxLine = 1 << 20
	// stopWait is how long a node may take to quit at the end of its
	// input before it is killed.
	stopWait = 10 * time.Second
)

// The two roles of a node process.
const (
	RoleDistrict = "district"
	RoleCommune  = "commune"
)

// PeerConfig is what a node process is started with.
type PeerConfig struct {
	// Role is RoleDistrict or RoleCommune.
	Role string
	// Dir is the database folder, created if missing.
	Dir string
	// Encrypt encrypts the database at rest with a fresh key, as
	// hoso-node does.
	Encrypt bool
	// PullOnly removes the sync protocol's handler: the node pulls and
	// serves no one.
	PullOnly bool
	// Profile is the store profile (store.ParseProfile); empty is the
	// desk's.
	Profile string
	// NoMemoryLimit leaves the Go memory limit alone (the node's command
	// sets it from Profile otherwise, node.LimitMemory).
	NoMemoryLimit bool
	// HeapProfileDir, when set, receives the node's heap profile at its
	// peak resident memory (watchHeapPeak).
	HeapProfileDir string

	// listen overrides the host's listen addresses, in tests.
	listen []string
}

// Request is one line from the orchestrator to a node.
type Request struct {
	Cmd    string `json:"cmd"`
	PeerID string `json:"peerId,omitempty"`
	Addr   string `json:"addr,omitempty"`
	Text   string `json:"text,omitempty"`
	Docs   string `json:"docs,omitempty"`
	Count  int    `json:"count,omitempty"`
	N      int    `json:"n,omitempty"`
	Reset  bool   `json:"reset,omitempty"`
}

// Reply is one line from a node to the orchestrator: OK, or the Error's
// text, and the figures the request asked for.
type Reply struct {
	OK       bool       `json:"ok"`
	Error    string     `json:"error,omitempty"`
	PeerID   string     `json:"peerId,omitempty"`
	Addrs    []string   `json:"addrs,omitempty"`
	Text     string     `json:"text,omitempty"`
	Ms       float64    `json:"ms,omitempty"`
	Events   int        `json:"events,omitempty"`
	Dossiers int        `json:"dossiers,omitempty"`
	Seq      uint64     `json:"seq,omitempty"`
	Stats    *PullStats `json:"stats,omitempty"`
	HwmMB    float64    `json:"hwmMB,omitempty"`
	RssMB    float64    `json:"rssMB,omitempty"`
	AnonMB   float64    `json:"anonMB,omitempty"`
	FileMB   float64    `json:"fileMB,omitempty"`
	CPUms    float64    `json:"cpuMs,omitempty"`
	LSM      *store.LSM `json:"lsm,omitempty"`
}

// ServePeer runs one node of the benchmark: it writes the hello (or the
// error that stopped the node from starting, which it also returns), then
// answers each request of in on out until in ends. log receives the
// profile summaries.
func ServePeer(cfg PeerConfig, in io.Reader, out, log io.Writer) error {
	w := bufio.NewWriter(out)
	reply := func(r Reply, err error) {
		if err != nil {
			r = Reply{Error: err.Error()}
		} else {
			r.OK = true
		}
		b, _ := json.Marshal(r)
		_, _ = w.Write(append(b, '\n'))
		_ = w.Flush()
	}
	n, err := newNode(cfg, log)
	if err != nil {
		reply(Reply{}, err)
		return err
	}
	defer n.close()
	if cfg.HeapProfileDir != "" {
		stop := make(chan struct{})
		defer close(stop)
		go watchHeapPeak(cfg.HeapProfileDir, cfg.Role, stop)
	}
	reply(Reply{PeerID: n.id.PeerID.String()}, nil)
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, maxLine), maxLine)
	for sc.Scan() {
		var req Request
		if err := json.Unmarshal(sc.Bytes(), &req); err != nil {
			reply(Reply{}, err)
			continue
		}
		reply(n.handle(req))
	}
	return nil
}

// peerProcess is the orchestrator's handle on one node process.
type peerProcess struct {
	role  string
	cmd   *exec.Cmd
	in    io.WriteCloser
	out   *bufio.Reader
	hello Reply
}

// startPeer starts the node process cmd (which calls ServePeer) and reads
// its hello. Its standard error goes to log.
func startPeer(role string, cmd *exec.Cmd, log io.Writer) (*peerProcess, error) {
	cmd.Stderr = log
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
	p := &peerProcess{role: role, cmd: cmd, in: in, out: bufio.NewReaderSize(out, 1<<16)}
	if p.hello, err = p.read(); err != nil {
		p.stop()
		return nil, err
	}
	return p, nil
}

func (p *peerProcess) read() (Reply, error) {
	line, err := p.out.ReadBytes('\n')
	if err != nil {
		return Reply{}, fmt.Errorf("the %s node stopped: %w", p.role, err)
	}
	var r Reply
	if err := json.Unmarshal(line, &r); err != nil {
		return r, fmt.Errorf("the %s node said %q: %w", p.role, line, err)
	}
	if !r.OK {
		return r, fmt.Errorf("the %s node: %s", p.role, r.Error)
	}
	return r, nil
}

// call sends one request and reads its reply.
func (p *peerProcess) call(req Request) (Reply, error) {
	b, _ := json.Marshal(req)
	if _, err := p.in.Write(append(b, '\n')); err != nil {
		return Reply{}, fmt.Errorf("the %s node: %w", p.role, err)
	}
	r, err := p.read()
	if err != nil {
		return r, fmt.Errorf("%s: %w", req.Cmd, err)
	}
	return r, nil
}

// stop ends the node's input, which makes it quit, and waits for it
// (killing it after stopWait).
func (p *peerProcess) stop() {
	_ = p.in.Close()
	done := make(chan struct{})
	go func() { _ = p.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(stopWait):
		_ = p.cmd.Process.Kill()
		<-done
	}
}

// errNotEnrolled answers an issue request before the node is enrolled.
var errNotEnrolled = errors.New("not enrolled")
