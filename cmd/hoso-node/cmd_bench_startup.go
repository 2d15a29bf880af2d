package main

// hoso-node bench startup-fill grows a demo folder towards a million events
// by copying its dossiers (internal/startupbench), for the desktop's
// start-up measurements (issue 19 §4).

import (
	"flag"
	"fmt"
	"io"
	"time"

	"hoso/internal/startupbench"
	"hoso/node"
	"hoso/seal"
)

func runBenchStartupFill(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench startup-fill", flag.ContinueOnError)
	dir := fs.String("data", "", "data folder filled by hoso-node demo (required)")
	keyFile := fs.String("key-file", "", "the data key file, if it moved since init")
	rounds := fs.Int("rounds", 0, "copies of every dossier to append, 1 to 99 (required)")
	if !parseFlags(fs, args, stderr) {
		return exitUsage
	}
	if *dir == "" || *rounds < 1 || *rounds > 99 {
		return usageError(stderr, "bench startup-fill needs --data DIR and --rounds 1..99")
	}
	n, err := node.Open(seal.UnlockOptions{Dir: *dir, KeyFile: *keyFile})
	if err != nil {
		return printError(stdout, err)
	}
	defer n.Close()
	start := time.Now()
	rep, err := startupbench.Fill(n.Store, startupbench.FillOptions{Rounds: *rounds, Progress: func(done int) {
		if done%20000 < 200 {
			fmt.Fprintf(stderr, "\rbench startup-fill: %d events", done)
		}
	}})
	fmt.Fprintln(stderr)
	if err != nil {
		fmt.Fprintf(stderr, "hoso-node bench: %v\n", err)
		return exitFailed
	}
	return printJSON(stdout, struct {
		startupbench.FillReport
		Seconds float64 `json:"seconds"`
	}{rep, time.Since(start).Seconds()})
}

// runBenchEvict drops files from the page cache, for a cold start-up
// measurement on a copy of a data folder.
func runBenchEvict(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench evict", flag.ContinueOnError)
	if !parseFlags(fs, args, stderr) {
		return exitUsage
	}
	if fs.NArg() == 0 {
		return usageError(stderr, "bench evict needs one or more files or folders")
	}
	n, err := startupbench.Evict(fs.Args()...)
	if err != nil {
		fmt.Fprintf(stderr, "hoso-node bench: %v\n", err)
		return exitFailed
	}
	return printJSON(stdout, struct {
		Bytes int64 `json:"evictedBytes"`
	}{n})
}
