package store

import (
	"runtime"
	"sync"
)

// parallel runs fn over events on every core. Signing and verifying are
// most of the cost of a write, and each event is independent of the others.
func parallel(events []*Event, fn func(*Event) error) error {
	workers := min(runtime.GOMAXPROCS(0), len(events)/64+1)
	if workers <= 1 {
		for _, e := range events {
			if err := fn(e); err != nil {
				return err
			}
		}
		return nil
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	chunk := (len(events) + workers - 1) / workers
	for start := 0; start < len(events); start += chunk {
		part := events[start:min(start+chunk, len(events))]
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, e := range part {
				if err := fn(e); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
					return
				}
			}
		}()
	}
	wg.Wait()
	return first
}

// parallelChunks runs fn over chunks of events, one per core: for work
// that is cheaper by the batch, like checking signatures together.
func parallelChunks(events []*Event, fn func([]*Event) error) error {
	workers := min(runtime.GOMAXPROCS(0), len(events)/64+1)
	chunk := (len(events) + workers - 1) / workers
	if workers <= 1 || chunk == 0 {
		return fn(events)
	}
	errs := make([]error, 0, workers)
	var (
		wg sync.WaitGroup
		mu sync.Mutex
	)
	for start := 0; start < len(events); start += chunk {
		part := events[start:min(start+chunk, len(events))]
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := fn(part); err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(errs) > 0 {
		return errs[0]
	}
	return nil
}
