package main

// hoso-node bench fleet --desks N measures one provincial hub (the real
// serve) syncing with N simulated desks and prints one JSON object;
// internal/fleetbench does the work. bench fleet-worker (hidden) is one
// worker process of the benchmark, started by bench fleet and driven over
// its standard input and output.

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"

	"hoso/internal/fleetbench"
)

func runBenchFleet(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench fleet", flag.ContinueOnError)
	desks := fs.Int("desks", 0, "number of simulated desks (required)")
	minutes := fs.Float64("minutes", 10, "minutes the compressed working day lasts")
	offline := fs.Float64("offline-share", 0.1, "share of desks offline for the first half of the day, coming back with 3 days of backlog")
	workers := fs.Int("workers", 4, "worker processes holding the desks")
	dossiers := fs.Int("dossiers", 8, "dossiers per desk per day (4 events each)")
	intervals := fs.Int("intervals", 96, "sync intervals in the simulated day (96: 8 hours at 5 minutes); fewer make a shorter day with the same dossiers")
	seed := fs.Uint64("seed", 19, "seed of the plan and the schedule")
	hubCPU := fs.String("hub-cpuprofile", "", "write the hub's CPU profile (its whole run) to this file")
	hubMem := fs.String("hub-memprofile", "", "write the hub's heap profile at its stop to this file")
	keep := fs.Bool("keep", false, "keep the temporary folder (the hub's data and log)")
	if !parseFlags(fs, args, stderr) {
		return exitUsage
	}
	if *desks <= 0 {
		return usageError(stderr, "bench fleet needs --desks N (N > 0)")
	}
	var hubArgs []string
	if *hubCPU != "" {
		hubArgs = append(hubArgs, "--cpuprofile", absPath(*hubCPU))
	}
	if *hubMem != "" {
		hubArgs = append(hubArgs, "--memprofile", absPath(*hubMem))
	}
	res, err := fleetbench.Run(fleetbench.Config{HubArgs: hubArgs, Desks: *desks, Minutes: *minutes, OfflineShare: *offline, Workers: *workers,
		Dossiers: *dossiers, Intervals: *intervals, Seed: *seed, Keep: *keep, Command: selfCommand, Log: stderr})
	return printBenchResult(stdout, stderr, res, err)
}

// selfCommand runs this binary with args.
func selfCommand(args ...string) *exec.Cmd {
	exe, err := os.Executable()
	if err != nil {
		exe = os.Args[0]
	}
	return exec.Command(exe, args...)
}

func runBenchFleetWorker(stdin io.Reader, stdout, stderr io.Writer) int {
	// HOSO_FLEET_WORKER_CPUPROFILE names a folder for each worker's CPU
	// profile (worker-PID.pprof): what the simulated desks cost, beside
	// the hub's --hub-cpuprofile.
	if dir := os.Getenv("HOSO_FLEET_WORKER_CPUPROFILE"); dir != "" {
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("worker-%d.pprof", os.Getpid())))
		if err == nil && pprof.StartCPUProfile(f) == nil {
			defer func() {
				pprof.StopCPUProfile()
				f.Close()
			}()
		}
	}
	if err := fleetbench.ServeWorker(stdin, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "hoso-node bench fleet-worker: %v\n", err)
		return exitFailed
	}
	return exitOK
}

// absPath makes a path absolute, so that the hub writes where the
// command line meant whatever its working folder.
func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}
