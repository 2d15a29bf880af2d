package fleetbench

// The orchestrator's side of a worker process.

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"time"
)

// workerStopWait is how long a worker may take to stop its desks at the
// end of its input before it is killed.
const workerStopWait = 60 * time.Second

// workerProc is one running worker process.
type workerProc struct {
	cmd   *exec.Cmd
	in    io.WriteCloser
	out   *bufio.Scanner
	plan  Plan
	peers map[int]string
}

// startWorker starts a worker and gives it its plan; it answers the
// desks' peer IDs.
func startWorker(cmd *exec.Cmd, plan Plan, log io.Writer) (*workerProc, error) {
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = log
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting a worker: %w", err)
	}
	w := &workerProc{cmd: cmd, in: in, out: bufio.NewScanner(out), plan: plan}
	w.out.Buffer(make([]byte, 64<<10), maxLine)
	if err := json.NewEncoder(in).Encode(plan); err != nil {
		w.stop()
		return nil, err
	}
	a, err := w.read()
	if err != nil {
		w.stop()
		return nil, err
	}
	w.peers = a.Peers
	return w, nil
}

// send writes a command.
func (w *workerProc) send(c Command) error { return json.NewEncoder(w.in).Encode(c) }

// read reads an answer; a failed answer is an error.
func (w *workerProc) read() (Answer, error) {
	if !w.out.Scan() {
		if err := w.out.Err(); err != nil {
			return Answer{}, err
		}
		return Answer{}, errors.New("a worker ended without answering")
	}
	var a Answer
	if err := json.Unmarshal(w.out.Bytes(), &a); err != nil {
		return Answer{}, fmt.Errorf("reading a worker's answer: %w", err)
	}
	if !a.OK {
		return a, fmt.Errorf("worker: %s", a.Error)
	}
	return a, nil
}

// stop closes the worker's input and waits for it to end.
func (w *workerProc) stop() {
	_ = w.in.Close()
	done := make(chan struct{})
	go func() { _ = w.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(workerStopWait):
		_ = w.cmd.Process.Kill()
		<-done
	}
}

// all sends a command to every worker and reads their answers, in
// parallel.
func all(ws []*workerProc, c Command) ([]Answer, error) {
	out := make([]Answer, len(ws))
	errs := make([]error, len(ws))
	done := make(chan int, len(ws))
	for i, w := range ws {
		go func() {
			if errs[i] = w.send(c); errs[i] == nil {
				out[i], errs[i] = w.read()
			}
			done <- i
		}()
	}
	for range ws {
		<-done
	}
	return out, errors.Join(errs...)
}
