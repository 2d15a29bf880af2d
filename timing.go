package main

import (
	"context"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"hoso/app"
	"hoso/node"
)

// timingWatchdog fails a timing run whose interface never finishes
// (a folder without the clerk, a screen that never mounts).
const timingWatchdog = 60 * time.Second

// timing is the desktop's start-up timing mode (--startup-timing or
// HOSO_STARTUP_TIMING=1): the interface logs in as the given clerk, opens
// the intake screen and the dossier list's first page, and the app prints
// one JSON line of phases (app.StartupTimer) and quits.
type timing struct {
	timer *app.StartupTimer
	mu    sync.Mutex
	ctx   context.Context
}

// newTiming starts the timer at the process's start.
func newTiming(user, password string) *timing {
	tm := &timing{}
	tm.timer = app.NewStartupTimer(app.StartupOptions{
		ProcessStart: node.ProcessStart(), User: user, Password: password, Out: os.Stdout,
		OnDone: tm.done, CPU: node.ProcessCPU,
	})
	tm.timer.Mark("main")
	return tm
}

// start arms the watchdog once Wails has a context.
func (tm *timing) start(ctx context.Context) {
	tm.mu.Lock()
	tm.ctx = ctx
	tm.mu.Unlock()
	tm.timer.Mark("startup")
	time.AfterFunc(timingWatchdog, func() {
		fmt.Fprintln(os.Stderr, "hoso: startup timing: the interface did not finish within", timingWatchdog)
		os.Exit(1)
	})
}

// domReady is Wails's OnDomReady.
func (tm *timing) domReady(context.Context) { tm.timer.Mark("domReady") }

// done quits the window once the line is printed.
func (tm *timing) done() {
	tm.mu.Lock()
	ctx := tm.ctx
	tm.mu.Unlock()
	if ctx != nil {
		runtime.Quit(ctx)
	}
}
