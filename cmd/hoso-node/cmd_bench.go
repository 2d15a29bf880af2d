package main

// hoso-node bench sync --dossiers N measures the sync against the peer
// benchmark of ../shared/bench-peers (PouchDB replication) and prints one
// JSON object; internal/syncbench does the work. bench peer (hidden) is one
// node of the benchmark, started by bench sync and driven over its
// standard input and output. bench queries (cmd_bench_queries.go) times the
// first queries of a big folder.

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"

	"hoso/internal/syncbench"
	"hoso/node"
	"hoso/store"
)

func runBench(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		return usageError(stderr, "usage: hoso-node bench sync --dossiers N [--dump PATH] [--keep]\n"+
			"       hoso-node bench fleet --desks N [--minutes M] [--offline-share F] [--workers W]\n"+
			"       hoso-node bench memory --events N [--profile desk|hub]\n"+
			"       hoso-node bench queries --data DIR\n"+
			"       hoso-node bench startup-fill --data DIR --rounds N | bench evict PATH…")
	}
	switch args[0] {
	case "sync":
		return runBenchSync(args[1:], stdout, stderr)
	case "memory":
		return runBenchMemory(args[1:], stdout, stderr)
	case "queries":
		return runBenchQueries(args[1:], stdout, stderr)
	case "startup-fill":
		return runBenchStartupFill(args[1:], stdout, stderr)
	case "evict":
		return runBenchEvict(args[1:], stdout, stderr)
	case "peer": // hidden: one node of the benchmark, driven over stdin/stdout
		return runBenchPeer(args[1:], os.Stdin, stdout, stderr)
	case "fleet":
		return runBenchFleet(args[1:], stdout, stderr)
	case "fleet-worker": // hidden: a worker of bench fleet, driven over stdin/stdout
		return runBenchFleetWorker(os.Stdin, stdout, stderr)
	}
	return usageError(stderr, "bench: unknown subcommand %q (want sync, fleet, memory, queries, startup-fill or evict)", args[0])
}

func runBenchSync(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench sync", flag.ContinueOnError)
	n := fs.Int("dossiers", 0, "number of dossiers (required)")
	dump := fs.String("dump", "", "path of pouch/dump.js (default: ../shared/bench-peers/pouch/dump.js from the repository or the binary)")
	keep := fs.Bool("keep", false, "keep the temporary folder (documents and both databases)")
	modify := fs.Int("modify", 100, "dossiers changed for the incremental phase")
	repeats := fs.Int("noop-repeats", 5, "repeats of the no-op sync (the median is reported)")
	encrypt := fs.Bool("encrypt", true, "encrypt both databases at rest, as hoso-node does")
	bidi := fs.Bool("bidirectional", false, "let the district serve the sync protocol too, as hoso-node serve does (the commune then pulls back after every pull it serves)")
	if !parseFlags(fs, args, stderr) {
		return exitUsage
	}
	if *n <= 0 {
		return usageError(stderr, "bench sync needs --dossiers N (N > 0)")
	}
	res, err := syncbench.Run(syncbench.Config{Dossiers: *n, Dump: *dump, Keep: *keep, Modify: *modify, Repeats: *repeats,
		Encrypt: *encrypt, Bidirectional: *bidi, Log: stderr, Peer: benchPeerCommand})
	return printBenchResult(stdout, stderr, res, err)
}

// runBenchMemory is hoso-node bench memory --events N --profile desk|hub:
// a node's peak memory as its history grows (syncbench.RunMemory).
func runBenchMemory(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench memory", flag.ContinueOnError)
	n := fs.Int("events", 0, "events of history (required)")
	profile := fs.String("profile", "desk", "store profile of both nodes: desk or hub")
	budget := fs.Float64("budget", 0, "peak RSS allowed per node, in MB (default: the profile's)")
	keep := fs.Bool("keep", false, "keep the temporary folder (both databases)")
	dir := fs.String("dir", "", "folder for the temporary folder (default: the system's)")
	encrypt := fs.Bool("encrypt", true, "encrypt both databases at rest, as hoso-node does")
	noLimit := fs.Bool("no-memory-limit", false, "leave the nodes' Go memory limit unset (it is set from the profile otherwise)")
	memProfile := fs.String("memprofile", "", "folder for each node's heap profile at its peak resident memory (role-heappeak.pprof and .json)")
	if !parseFlags(fs, args, stderr) {
		return exitUsage
	}
	if *n <= 0 {
		return usageError(stderr, "bench memory needs --events N (N > 0)")
	}
	res, err := syncbench.RunMemory(syncbench.MemoryConfig{Events: *n, Profile: *profile, BudgetMB: *budget, Keep: *keep, Dir: *dir,
		Encrypt: *encrypt, NoMemoryLimit: *noLimit, HeapProfileDir: *memProfile, Log: stderr, Peer: benchPeerCommand})
	return printBenchResult(stdout, stderr, res, err)
}

// printBenchResult prints a benchmark's result as one JSON line, or its
// error on stderr.
func printBenchResult(stdout, stderr io.Writer, res any, err error) int {
	var b []byte
	if err == nil {
		b, err = json.Marshal(res)
	}
	if err != nil {
		fmt.Fprintf(stderr, "hoso-node bench: %v\n", err)
		return exitFailed
	}
	fmt.Fprintf(stdout, "%s\n", b)
	return exitOK
}

// benchPeerCommand runs this binary as one node of the benchmark: bench
// peer with the flags runBenchPeer reads.
func benchPeerCommand(pc syncbench.PeerConfig) *exec.Cmd {
	exe, err := os.Executable()
	if err != nil {
		exe = os.Args[0]
	}
	return exec.Command(exe, "bench", "peer", "--role", pc.Role, "--dir", pc.Dir,
		"--encrypt="+strconv.FormatBool(pc.Encrypt), "--pull-only="+strconv.FormatBool(pc.PullOnly), "--profile="+pc.Profile, "--no-memory-limit="+strconv.FormatBool(pc.NoMemoryLimit), "--memprofile="+pc.HeapProfileDir)
}

func runBenchPeer(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench peer", flag.ContinueOnError)
	role := fs.String("role", "", "district or commune")
	dir := fs.String("dir", "", "database folder")
	encrypt := fs.Bool("encrypt", true, "encrypt the database")
	pullOnly := fs.Bool("pull-only", false, "do not serve the sync protocol")
	profile := fs.String("profile", "", "store profile: desk or hub")
	noLimit := fs.Bool("no-memory-limit", false, "do not set the Go memory limit from the profile")
	memProfile := fs.String("memprofile", "", "folder for the heap profile at the node's peak resident memory")
	if !parseFlags(fs, args, stderr) {
		return exitUsage
	}
	if (*role != syncbench.RoleDistrict && *role != syncbench.RoleCommune) || *dir == "" {
		return usageError(stderr, "bench peer needs --role district|commune and --dir DIR")
	}
	p, err := store.ParseProfile(*profile)
	if err != nil {
		return usageError(stderr, "bench peer: %v", err)
	}
	if !*noLimit {
		node.LimitMemory(p)
	}
	if err := syncbench.ServePeer(syncbench.PeerConfig{Role: *role, Dir: *dir, Encrypt: *encrypt, PullOnly: *pullOnly, Profile: *profile, HeapProfileDir: *memProfile}, stdin, stdout, stderr); err != nil {
		return exitFailed
	}
	return exitOK
}
