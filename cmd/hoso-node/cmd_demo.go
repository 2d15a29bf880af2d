package main

import (
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"time"

	"hoso/app"
	"hoso/buildinfo"
	"hoso/demo"
	"hoso/node"
	"hoso/seal"
	"hoso/store"
)

// demoHold is how many of the demo's actions commit together: a
// reception reads the dossier codes given so far and commits what is held
// first, so a batch is rarely bigger than the actions between two
// receptions; but a province's Monday morning replays a weekend's actions
// at 07:30, and ~100 dossier events overflow a transaction (15% of a 4 MB
// memtable), which the store then commits one by one.
const demoHold = 48

// demoGCPercent is the collector's GOGC during a demo run with a memory
// limit (--profile hub).
const demoGCPercent = 200

func runDemo(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	dir := fs.String("data", "", "data folder, initialised and without an office yet (required)")
	keyFile := fs.String("key-file", "", "the data key file, if it moved since init")
	dossiers := fs.Int("dossiers", 0, "dossiers to create over the past year")
	seed := fs.Uint64("seed", 1, "seed of the random choices, for reproducible data")
	districts := fs.Bool("districts", false, "keep a district between the province and the communes (the tree before July 2025)")
	communes := fs.Int("communes", 0, fmt.Sprintf("communes of the province receiving the dossiers, made up past the demo tree's three (0 or 1: the home commune alone; at most %d)", demo.MaxCommunes))
	desks := fs.Int("desks-per-commune", 1, fmt.Sprintf("desks each commune receives at (1 to %d)", demo.MaxDesksPerCommune))
	profile := fs.String("profile", "desk", "the store profile to fill the data with: desk, or hub for a province's (larger caches; the Go memory limit of its budget)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run to this file")
	heapProfile := fs.String("memprofile", "", "write a heap profile half way through the dossiers to this file")
	cpuUntil := fs.Int("cpuprofile-until", 0, "end the CPU profile once this many dossiers are done (a multiple of 100; 0: at the end), so that a long run's profile can be read before it ends")
	if !parseFlags(fs, args, stderr) {
		return exitUsage
	}
	if *dir == "" {
		return usageError(stderr, "demo needs --data DIR")
	}
	if *dossiers < 0 || *dossiers > 1_000_000 {
		return usageError(stderr, "--dossiers must be 0 to 1000000")
	}
	if *communes < 0 || *communes > demo.MaxCommunes {
		return usageError(stderr, fmt.Sprintf("--communes must be 0 to %d", demo.MaxCommunes))
	}
	if *desks < 1 || *desks > demo.MaxDesksPerCommune {
		return usageError(stderr, fmt.Sprintf("--desks-per-commune must be 1 to %d", demo.MaxDesksPerCommune))
	}
	storeProfile, err := store.ParseProfile(*profile)
	if err != nil {
		return usageError(stderr, "--profile: "+err.Error())
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
	// A province's year is read back as it is written (each action reads
	// its dossier): a hub's caches keep the states read from the tables.
	// A desk's run is left as it was, with no Go memory limit.
	if storeProfile != store.ProfileDesk {
		if err := n.UseProfile(storeProfile); err != nil {
			return printError(stdout, err)
		}
		// Under the profile's memory limit, the collector need not run
		// at every doubling of a small live heap: the year's actions
		// allocate much (JSON states) and keep little.
		defer debug.SetGCPercent(debug.SetGCPercent(demoGCPercent))
	}
	core := &app.Core{}
	core.Ready(n.Deps())
	svcs := app.NewServices(core, app.ServicesOptions{
		System: app.SystemOptions{Version: buildinfo.Version},
		Opener: app.OpenVault{Method: string(n.KeyMethod)},
		Now:    clock.Now,
		Auth:   app.AuthOptions{Password: demo.PasswordParams},
	})
	prof, err := startProfiles(*cpuProfile, *heapProfile)
	if err != nil {
		return printError(stdout, err)
	}
	start := time.Now()
	rep, err := demo.Run(demo.Options{Services: svcs, Clock: clock, Dossiers: *dossiers, Seed: *seed, Districts: *districts,
		Communes: *communes, DesksPerCommune: *desks,
		Hold: func() func() error { return n.Deps().Store.Hold(demoHold) },
		Progress: func(done, total int) {
			fmt.Fprintf(stderr, "\rdemo: %d/%d dossiers", done, total)
			if done == *cpuUntil {
				if err := prof.stop(); err != nil {
					fmt.Fprintln(stderr, "demo:", err)
				}
			}
			if done == total/2/100*100 {
				// Half way, the year's work is in full swing: what is live
				// then is what the run holds, not what it ends with.
				if err := prof.heapNow(); err != nil {
					fmt.Fprintln(stderr, "demo:", err)
				}
			}
		}})
	if perr := prof.stop(); perr != nil {
		fmt.Fprintln(stderr, "demo:", perr)
	}
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
