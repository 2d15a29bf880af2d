package main

import (
	"flag"
	"fmt"
	"io"
	"time"

	"hoso/app"
	"hoso/buildinfo"
	"hoso/demo"
	"hoso/node"
	"hoso/seal"
)

func runDemo(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	dir := fs.String("data", "", "data folder, initialised and without an office yet (required)")
	keyFile := fs.String("key-file", "", "the data key file, if it moved since init")
	dossiers := fs.Int("dossiers", 0, "dossiers to create over the past year")
	seed := fs.Uint64("seed", 1, "seed of the random choices, for reproducible data")
	districts := fs.Bool("districts", false, "keep a district between the province and the communes (the tree before July 2025)")
	if !parseFlags(fs, args, stderr) {
		return exitUsage
	}
	if *dir == "" {
		return usageError(stderr, "demo needs --data DIR")
	}
	if *dossiers < 0 || *dossiers > 1_000_000 {
		return usageError(stderr, "--dossiers must be 0 to 1000000")
	}
	// The year is replayed in order on a simulated clock that starts a
	// year ago, so every event carries its simulated time.
	clock := demo.NewClock(time.Now().Add(-365 * 24 * time.Hour))
	t, err := handover(*dir, func() (*node.Node, error) {
		return node.OpenClock(seal.UnlockOptions{Dir: *dir, KeyFile: *keyFile}, clock.Now)
	})
	if err != nil {
		return printError(stdout, err)
	}
	defer t.close()
	if t.client != nil {
		return printError(stdout, app.Errorf(app.CodeDataInUse, "a node serves %s (%s): stop it before filling it with demo data", *dir, t.serving.URL))
	}
	n := t.local
	core := &app.Core{}
	core.Ready(n.Deps())
	svcs := app.NewServices(core, app.ServicesOptions{
		System: app.SystemOptions{Version: buildinfo.Version},
		Opener: app.OpenVault{Method: string(n.KeyMethod)},
		Now:    clock.Now,
	})
	start := time.Now()
	rep, err := demo.Run(demo.Options{Services: svcs, Clock: clock, Dossiers: *dossiers, Seed: *seed, Districts: *districts,
		Progress: func(done, total int) {
			fmt.Fprintf(stderr, "\rdemo: %d/%d dossiers", done, total)
		}})
	if *dossiers >= 100 {
		fmt.Fprintln(stderr)
	}
	if err != nil {
		return printError(stdout, err)
	}
	return printJSON(stdout, struct {
		demo.Report
		Seconds float64 `json:"seconds"`
	}{rep, time.Since(start).Seconds()})
}
