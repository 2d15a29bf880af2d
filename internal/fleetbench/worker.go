package fleetbench

// The worker process: a share of the fleet's desks, driven by the
// orchestrator one JSON object a line (see the package doc).

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

// maxLine bounds one line of the protocol (a day's sync durations).
const maxLine = 64 << 20

// parallel bounds the desks a worker starts or syncs at once outside the
// day's schedule.
const parallel = 32

// officeTree gives each office's path (p2p.Tree).
type officeTree map[string]string

// Path is the office's path from the province down.
func (t officeTree) Path(office string) (string, bool) { p, ok := t[office]; return p, ok }

// worker holds a worker process's desks.
type worker struct {
	plan  Plan
	tree  officeTree
	desks []*desk
}

// tick is the desks' own change tick: far beyond the day, so that only
// the schedule syncs.
func (w *worker) tick() time.Duration {
	return time.Duration(w.plan.IntervalMs) * time.Millisecond * time.Duration(w.plan.Intervals) * 4
}

// ServeWorker runs a worker process: it reads the Plan and the commands
// from in and answers each on out, until in ends.
func ServeWorker(in io.Reader, out io.Writer, log io.Writer) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	enc := json.NewEncoder(out)
	w := &worker{}
	defer w.close()
	answer := func(a Answer, err error) error {
		if err != nil {
			a = Answer{Error: err.Error()}
			fmt.Fprintf(log, "fleet worker: %v\n", err)
		} else {
			a.OK = true
		}
		return enc.Encode(a)
	}
	if !sc.Scan() {
		return errors.New("no plan")
	}
	if err := json.Unmarshal(sc.Bytes(), &w.plan); err != nil {
		return answer(Answer{}, fmt.Errorf("reading the plan: %w", err))
	}
	peers, err := w.prepare()
	if err := answer(Answer{Peers: peers}, err); err != nil || peers == nil {
		return err
	}
	for sc.Scan() {
		var c Command
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			return answer(Answer{}, fmt.Errorf("reading a command: %w", err))
		}
		t0 := time.Now()
		a, err := w.handle(c)
		a.Ms = ms(time.Since(t0))
		if err := answer(a, err); err != nil {
			return err
		}
	}
	return sc.Err()
}

// prepare makes every desk's key and store.
func (w *worker) prepare() (map[int]string, error) {
	w.tree = officeTree(w.plan.Paths)
	peers := map[int]string{}
	for _, p := range w.plan.Desks {
		d, err := newDesk(p)
		if err != nil {
			return nil, err
		}
		w.desks = append(w.desks, d)
		peers[p.Index] = d.id.PeerID.String()
		if os.Getenv("HOSO_FLEET_DEBUG") != "" {
			fmt.Fprintf(os.Stderr, "desk %d %s leader=%v office=%s\n", p.Index, d.id.PeerID, p.Leader, p.Office)
		}
	}
	return peers, nil
}

// handle runs one command.
func (w *worker) handle(c Command) (Answer, error) {
	switch c.Cmd {
	case "enrol":
		return Answer{}, w.enrol(c.Texts)
	case "noop":
		return Answer{}, w.each(func(ctx context.Context, d *desk) error {
			_, err := d.syncOnce(ctx, 0)
			return err
		})
	case "day":
		syncs, pulls := w.runDay(time.UnixMilli(c.StartUnixMs))
		return Answer{SyncMs: syncs, PullMs: pulls, Desks: w.results(), RssMB: peakRSS()}, nil
	case "bundles":
		files, err := w.bundles()
		return Answer{Bundles: files, Desks: w.results()}, err
	}
	return Answer{}, fmt.Errorf("unknown command %q", c.Cmd)
}

// enrol accepts the leaders' texts, lets each leader enrol its commune's
// other desks, then starts every desk that is online from the start and
// waits until each has synced with the hub once.
func (w *worker) enrol(texts map[int]string) error {
	leaders := map[string]*desk{}
	for _, d := range w.desks {
		if !d.plan.Leader {
			continue
		}
		text, ok := texts[d.plan.Index]
		if !ok {
			return fmt.Errorf("no enrolment for desk %d", d.plan.Index)
		}
		if err := d.accept(text); err != nil {
			return err
		}
		leaders[d.plan.Office] = d
	}
	for _, d := range w.desks {
		if d.plan.Leader {
			continue
		}
		l, ok := leaders[d.plan.Office]
		if !ok {
			return fmt.Errorf("desk %d: its commune %s has no leader in this worker", d.plan.Index, d.plan.Office)
		}
		text, err := l.issue(d)
		if err != nil {
			return err
		}
		if err := d.accept(text); err != nil {
			return err
		}
	}
	for _, d := range w.desks {
		if d.plan.USB {
			d.sy = d.syncer(w.tree, w.tick())
		}
	}
	// The leaders first: the hub learns the other desks' certificates
	// from them, and refuses those desks until then.
	for _, leaders := range []bool{true, false} {
		err := w.each(func(ctx context.Context, d *desk) error {
			if d.plan.Leader != leaders {
				return nil
			}
			if err := d.start(w.tree, w.tick()); err != nil {
				return err
			}
			return d.ready(ctx)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// each runs f for every desk online from the start, parallel at once.
func (w *worker) each(f func(ctx context.Context, d *desk) error) error {
	g, ctx := errgroup.WithContext(context.Background())
	g.SetLimit(parallel)
	for _, d := range w.desks {
		if d.plan.USB || d.plan.Offline {
			continue
		}
		g.Go(func() error { return f(ctx, d) })
	}
	return g.Wait()
}

// results are the desks' figures at the end of the day.
func (w *worker) results() []DeskResult {
	out := make([]DeskResult, 0, len(w.desks))
	var mu sync.Mutex
	for _, d := range w.desks {
		r := d.res
		r.Written = d.written
		r.Seq = d.st.Vector().Get(d.st.Self())
		r.Online = !d.plan.USB
		if d.host != nil {
			s := d.hubStatus()
			r.BytesIn, r.BytesOut = s.BytesIn, s.BytesOut
		}
		mu.Lock()
		out = append(out, r)
		mu.Unlock()
	}
	return out
}

// bundles writes each USB desk's day (and backlog) as a bundle file.
func (w *worker) bundles() ([]string, error) {
	var files []string
	for _, d := range w.desks {
		if !d.plan.USB {
			continue
		}
		if err := d.write(w.plan.Dossiers * eventsPerDossier * (1 + backlogDays)); err != nil {
			return nil, err
		}
		p := filepath.Join(w.plan.Dir, fmt.Sprintf("desk-%d.hsb", d.plan.Index))
		f, err := os.Create(p)
		if err != nil {
			return nil, err
		}
		err = d.writeBundle(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, err
		}
		files = append(files, p)
	}
	return files, nil
}

// close stops every desk, in parallel.
func (w *worker) close() {
	var wg sync.WaitGroup
	for _, d := range w.desks {
		wg.Add(1)
		go func() { defer wg.Done(); d.close() }()
	}
	wg.Wait()
}
