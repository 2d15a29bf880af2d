package main

import (
	"context"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// Smoke-mode timings: the window stays up a moment after the interface
// reached Go, so a test can take a screenshot; a watchdog fails the run if
// the interface never calls.
const (
	smokeLinger   = 3 * time.Second
	smokeWatchdog = 25 * time.Second
)

// smoke proves, for the desktop test, that the window rendered the interface
// and that the interface reached Go through a binding.
type smoke struct {
	once      sync.Once
	mu        sync.Mutex
	ctx       context.Context
	reachedGo bool
}

func newSmoke() *smoke { return &smoke{} }

// start arms the watchdog once Wails has a context.
func (s *smoke) start(ctx context.Context) {
	s.mu.Lock()
	s.ctx = ctx
	s.mu.Unlock()
	time.AfterFunc(smokeWatchdog, func() {
		if !s.ok() {
			fmt.Fprintln(os.Stderr, "hoso: smoke: no binding call within", smokeWatchdog)
			os.Exit(1)
		}
	})
}

// reached is called by Vault.Status, the first call the interface makes;
// the first call schedules the exit.
func (s *smoke) reached() {
	s.once.Do(func() {
		s.mu.Lock()
		s.reachedGo = true
		ctx := s.ctx
		s.mu.Unlock()
		fmt.Println("smoke: the interface called Vault.Status")
		time.AfterFunc(smokeLinger, func() { runtime.Quit(ctx) })
	})
}

func (s *smoke) ok() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.reachedGo
}
