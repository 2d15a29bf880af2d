package main

// hoso-node bench sync --dossiers N measures the sync against the peer
// benchmark of ../shared/bench-peers (PouchDB replication) and prints one
// JSON object; internal/syncbench does the work. bench peer (hidden) is one
// node of the benchmark, started by bench sync and driven over its
// standard input and output.

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"

	"hoso/internal/syncbench"
)

func runBench(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		return usageError(stderr, "usage: hoso-node bench sync --dossiers N [--dump PATH] [--keep]\n       hoso-node bench fleet --desks N [--minutes M] [--offline-share F] [--workers W]")
	}
	switch args[0] {
	case "sync":
		return runBenchSync(args[1:], stdout, stderr)
	case "peer": // hidden: one node of the benchmark, driven over stdin/stdout
		return runBenchPeer(args[1:], os.Stdin, stdout, stderr)
	case "fleet":
		return runBenchFleet(args[1:], stdout, stderr)
	case "fleet-worker": // hidden: a worker of bench fleet, driven over stdin/stdout
		return runBenchFleetWorker(os.Stdin, stdout, stderr)
	}
	return usageError(stderr, "bench: unknown subcommand %q (want sync or fleet)", args[0])
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
	if err != nil {
		fmt.Fprintf(stderr, "hoso-node bench: %v\n", err)
		return exitFailed
	}
	b, err := json.Marshal(res)
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
		"--encrypt="+strconv.FormatBool(pc.Encrypt), "--pull-only="+strconv.FormatBool(pc.PullOnly))
}

func runBenchPeer(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench peer", flag.ContinueOnError)
	role := fs.String("role", "", "district or commune")
	dir := fs.String("dir", "", "database folder")
	encrypt := fs.Bool("encrypt", true, "encrypt the database")
	pullOnly := fs.Bool("pull-only", false, "do not serve the sync protocol")
	if !parseFlags(fs, args, stderr) {
		return exitUsage
	}
	if (*role != syncbench.RoleDistrict && *role != syncbench.RoleCommune) || *dir == "" {
		return usageError(stderr, "bench peer needs --role district|commune and --dir DIR")
	}
	if err := syncbench.ServePeer(syncbench.PeerConfig{Role: *role, Dir: *dir, Encrypt: *encrypt, PullOnly: *pullOnly}, stdin, stdout, stderr); err != nil {
		return exitFailed
	}
	return exitOK
}
