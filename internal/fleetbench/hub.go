package fleetbench

// The hub: the real hoso-node init and serve on a data folder, driven
// through its console RPC with the operator token, as hoso-node's own
// CLI calls it.

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"

	"hoso/app"
	"hoso/node"
	"hoso/web"
)

const (
	// hubStartWait bounds the hub's start until its console answers.
	hubStartWait = 60 * time.Second
	// hubStopWait is how long the hub may take to stop before it is
	// killed.
	hubStopWait = 30 * time.Second
	// rpcTimeout bounds one console call.
	rpcTimeout = 2 * time.Minute
)

// hub is the running hub process.
type hub struct {
	dir, keyFile string
	cmd          *exec.Cmd
	client       *web.Client
	listen       []string
	pid          int
	run          func(args ...string) *exec.Cmd
}

// startHub initialises the hub's folder as the province's root and
// starts hoso-node serve on it.
func startHub(base string, run func(args ...string) *exec.Cmd, extra []string) (*hub, error) {
	h := &hub{dir: filepath.Join(base, "hub"), keyFile: filepath.Join(base, "hub.key"), run: run}
	out, err := run("init", "--data", h.dir, "--key-file", h.keyFile, "--office-code", province,
		"--office-name", "UBND tỉnh Thanh Hóa", "--root").CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("hoso-node init of the hub: %v\n%s", err, out)
	}
	log, err := os.Create(filepath.Join(base, "hub.log"))
	if err != nil {
		return nil, err
	}
	args := []string{"serve", "--data", h.dir, "--key-file", h.keyFile, "--console", "127.0.0.1:0", "--listen", "/ip4/127.0.0.1/tcp/0"}
	h.cmd = run(append(args, extra...)...)
	h.cmd.Stdout, h.cmd.Stderr = log, log
	if err := h.cmd.Start(); err != nil {
		log.Close()
		return nil, fmt.Errorf("starting hoso-node serve: %w", err)
	}
	log.Close()
	h.pid = h.cmd.Process.Pid
	deadline := time.Now().Add(hubStartWait)
	for {
		if s, ok := node.ReadServing(h.dir); ok && s.PID == h.pid {
			tok, err := node.ReadOperatorToken(h.dir)
			if err == nil {
				h.client = &web.Client{Base: s.URL, Token: tok}
				h.listen = s.Listen
				if err := h.call("System.Info", nil, nil); err == nil {
					return h, nil
				}
			}
		}
		if time.Now().After(deadline) {
			h.stop()
			return nil, fmt.Errorf("the hub did not answer within %s (see %s)", hubStartWait, filepath.Join(base, "hub.log"))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// call calls one method of the hub's console.
func (h *hub) call(method string, params, out any) error {
	var b []byte
	if params != nil {
		var err error
		if b, err = json.Marshal(params); err != nil {
			return err
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), rpcTimeout)
	defer cancel()
	raw, err := h.client.Call(ctx, method, b)
	if err != nil {
		return fmt.Errorf("hub %s: %w", method, err)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			return fmt.Errorf("hub %s: decoding: %w", method, err)
		}
	}
	return nil
}

// addProvince records the province's office, the root of the tree.
func (h *hub) addProvince() error {
	return h.call("Offices.Save", app.OfficeRecord{Code: province, Name: "UBND tỉnh Thanh Hóa"}, nil)
}

// addCommune records a commune's office under the province.
func (h *hub) addCommune(code string) error {
	return h.call("Offices.Save", app.OfficeRecord{Code: code, Name: "UBND xã " + code, Parent: province}, nil)
}

// issue enrols a commune's first desk; its text names the hub's
// addresses.
func (h *hub) issue(peerID, office string) (string, error) {
	var r app.IssueReply
	err := h.call("Sync.Issue", app.IssueRequest{Peer: peerID, Office: office, Role: "commune", Days: enrolDays, Hubs: h.listen}, &r)
	return r.Text, err
}

// status is the hub's sync status: its vector and its peers.
func (h *hub) status() (app.SyncStatus, error) {
	var s app.SyncStatus
	err := h.call("Sync.Status", nil, &s)
	return s, err
}

// importBundle imports a bundle file with hoso-node bundle import, as a
// clerk at the hub would.
func (h *hub) importBundle(file string) error {
	out, err := h.run("bundle", "import", "--data", h.dir, "--key-file", h.keyFile, file).CombinedOutput()
	if err != nil {
		return fmt.Errorf("hoso-node bundle import %s: %v\n%s", file, err, out)
	}
	return nil
}

// cpuMs is the hub's CPU time so far.
func (h *hub) cpuMs() (float64, error) { return procCPUms(h.pid) }

// stop ends the hub with SIGTERM, killing it if it does not stop.
func (h *hub) stop() {
	if h.cmd == nil || h.cmd.Process == nil {
		return
	}
	_ = h.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = h.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(hubStopWait):
		_ = h.cmd.Process.Kill()
		<-done
	}
	h.cmd = nil
}
