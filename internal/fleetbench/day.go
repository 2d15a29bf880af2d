package fleetbench

// A worker's desks through the day: each syncs once per interval, at its
// own phase, after writing the events due then (see the package doc).

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/p2p/net/swarm"
)

const (
	// pullTimeout bounds one desk's pull from the hub.
	pullTimeout = 60 * time.Second
	// pullBackWait bounds the wait for the hub to pull back what a desk
	// wrote; past it the sync counts as failed.
	pullBackWait = 30 * time.Second
	// pollEvery is how often a desk looks whether the hub pulled back.
	pollEvery = 10 * time.Millisecond
	// stepGap is the intervals between a dossier's steps.
	stepGap = 3
	// readyWait bounds a desk's first connection and sync with the hub;
	// 2,000 desks enrolling at once wait minutes for the hub.
	readyWait = 10 * time.Minute
)

// errPullBack is a sync whose events the hub did not pull back in time.
var errPullBack = errors.New("the hub did not pull back the desk's events in time")

// schedule spreads a desk's dossiers over the day: the events due in
// each interval.
func schedule(dossiers, intervals int, r *rand.Rand) []int {
	due := make([]int, intervals)
	gap := max(0, min(stepGap, (intervals-1)/(eventsPerDossier-1)))
	last := intervals - (eventsPerDossier-1)*gap
	for i := 0; i < dossiers; i++ {
		s := r.IntN(last)
		for j := 0; j < eventsPerDossier; j++ {
			due[s+j*gap]++
		}
	}
	return due
}

// syncOnce is one desk sync: a pull from the hub then, when the desk
// wrote since its last sync, the wait until the hub pulled that back.
// sent is the events the hub had pulled from the desk when it last
// finished a sync.
func (d *desk) syncOnce(ctx context.Context, fresh int) (time.Duration, error) {
	t0 := time.Now()
	pctx, cancel := context.WithTimeout(ctx, pullTimeout)
	_, err := d.sy.Pull(pctx, d.hub)
	cancel()
	d.pulled = time.Since(t0)
	if err != nil {
		return time.Since(t0), fmt.Errorf("pulling from the hub: %w", err)
	}
	if fresh == 0 {
		return time.Since(t0), nil
	}
	target := d.res.sentBase + fresh
	for time.Since(t0) < pullBackWait {
		if d.hubStatus().SentEvents >= target {
			d.res.sentBase = target
			return time.Since(t0), nil
		}
		select {
		case <-ctx.Done():
			return time.Since(t0), ctx.Err()
		case <-time.After(pollEvery):
		}
	}
	d.logf("pull-back timeout: sent %d, want %d", d.hubStatus().SentEvents, target)
	return time.Since(t0), errPullBack
}

// ready waits until a started desk has connected to its hub and synced
// once, the hub having pulled back what the desk wrote (a leader's
// enrolments of its commune's desks, which the hub must know before it
// admits them). A refused dial is retried with the desk's own backoff
// (backoff.go) instead of libp2p's, which would hold it 5 s and more.
func (d *desk) ready(ctx context.Context) error {
	deadline := time.Now().Add(readyWait)
	b := newBackoff(rand.New(rand.NewPCG(uint64(d.plan.Index), 1)))
	own := int(d.st.Vector().Get(d.st.Self()))
	for {
		_, err := d.syncOnce(ctx, own)
		if err == nil {
			return nil
		}
		d.logf("not ready: %v", err)
		if time.Now().After(deadline) || ctx.Err() != nil {
			return fmt.Errorf("desk %d never synced with the hub: %w", d.plan.Index, err)
		}
		if sw, ok := d.host.Network().(*swarm.Swarm); ok {
			sw.Backoff().Clear(d.hub)
		}
		select {
		case <-ctx.Done():
		case <-time.After(b.wait()):
		}
	}
}

// dayRun plays one desk's day from start; it records every sync's
// duration through rec.
func (w *worker) dayRun(ctx context.Context, d *desk, start time.Time, rec func(took, pulled time.Duration)) {
	r := rand.New(rand.NewPCG(w.plan.Seed, uint64(d.plan.Index)))
	intervals := w.plan.Intervals
	due := schedule(w.plan.Dossiers, intervals, r)
	interval := time.Duration(w.plan.IntervalMs) * time.Millisecond
	phase := time.Duration(r.Int64N(int64(interval)))
	first := 0
	pending := 0
	if d.plan.Offline {
		// Offline for the first half: what it wrote meanwhile, and its
		// backlog of earlier days, go when it comes back.
		first = intervals / 2
		for i := 0; i < first; i++ {
			pending += due[i]
		}
		pending += backlogDays * w.plan.Dossiers * eventsPerDossier
	}
	for i := first; i < intervals; i++ {
		at := start.Add(time.Duration(i)*interval + phase)
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Until(at)):
		}
		if d.plan.Offline && i == first {
			back := time.Now()
			if err := d.start(w.tree, w.tick()); err != nil {
				d.res.LastError = err.Error()
				return
			}
			if err := d.write(pending + due[i]); err != nil {
				d.res.LastError = err.Error()
				return
			}
			// The base is what the hub took before it went offline:
			// nothing (this host never synced).
			took, err := d.syncOnce(ctx, pending+due[i])
			b := newBackoff(rand.New(rand.NewPCG(uint64(d.plan.Index), 2)))
			for err != nil && time.Since(back) < readyWait && ctx.Err() == nil {
				time.Sleep(b.wait())
				took, err = d.syncOnce(ctx, pending+due[i])
			}
			d.res.Syncs++
			if err != nil {
				d.res.Failed++
				d.res.LastError = err.Error()
				continue
			}
			d.res.ComebackMs = ms(time.Since(back))
			rec(took, d.pulled)
			continue
		}
		// A desk whose last sync overran the intervals since syncs
		// once for all of them, as a timer that fires late does.
		fresh := due[i]
		for now := int((time.Since(start) - phase) / interval); i < min(now, intervals-1); {
			i++
			fresh += due[i]
			d.res.Skipped++
		}
		if err := d.write(fresh); err != nil {
			d.res.LastError = err.Error()
			return
		}
		took, err := d.syncOnce(ctx, fresh+d.res.unsent)
		d.res.Syncs++
		if err != nil {
			d.res.Failed++
			d.res.LastError = err.Error()
			// What the hub did not take waits for the next sync.
			d.res.unsent += fresh
			continue
		}
		d.res.unsent = 0
		rec(took, d.pulled)
	}
}

// runDay plays every online desk's day and returns every sync's
// duration and the part of it its pull took, in milliseconds.
func (w *worker) runDay(start time.Time) (syncs, pulls []float64) {
	var mu sync.Mutex
	rec := func(took, pulled time.Duration) {
		mu.Lock()
		syncs, pulls = append(syncs, ms(took)), append(pulls, ms(pulled))
		mu.Unlock()
	}
	var wg sync.WaitGroup
	for _, d := range w.desks {
		if d.plan.USB {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.dayRun(context.Background(), d, start, rec)
		}()
	}
	wg.Wait()
	return syncs, pulls
}

// ms is a duration in milliseconds, to the hundredth.
func ms(d time.Duration) float64 { return float64(d.Microseconds()/10) / 100 }
