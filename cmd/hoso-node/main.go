// Command hoso-node is the headless node for district and provincial servers
// and for scripts: the same services as the desktop app, a web console on the
// loopback interface, and libp2p sync. It never imports Wails.
//
// Exit codes: 0 success; 1 the operation failed (a JSON error with a stable
// code is printed on stdout); 2 the command line was wrong; 3 verify found
// that the records no longer match the printed document.
package main

import (
	"fmt"
	"io"
	"log"
	"os"

	"hoso/node"
)

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"init", "prepare a data folder: identity, database, console token", runInit},
		{"serve", "run the node: libp2p host and the web console on 127.0.0.1", runServe},
		{"status", "print the node's status as JSON", runStatus},
		{"login", "print a new one-time login link to the running node's console", runLogin},
		{"rpc", "call a service method, as the interface does, and print its JSON reply", runRPC},
		{"print", "print a form as PDF: Forms 01–05 of a dossier, Form 06 the tracking book", runPrint},
		{"report", "report ii06a (the periodic report II.06a: pdf, xlsx, csv or json) report quarterly (an office's quarterly report, signed or its draft: pdf, xlsx or json) and report index (the Decision 766 index: json, pdf or xlsx)", runReport},
		{"plan", "supervised plans: plan list, plan status --plan ID [--quarter 2026Q4] as JSON (or --format pdf|xlsx --out FILE)", runPlan},
		{"iso", "the quality system (ISO 9001) of an office: iso summary --office CODE --year YYYY as JSON", runIso},
		{"attach", "attach scans to a received dossier's paper: attach --code CODE --paper N FILE…", runAttach},
		{"verify", "check a printed document's QR text against this node's records", runVerify},
		{"enrol", "enrol devices: issue an enrolment text for a child, accept one, revoke, show", runEnrol},
		{"bundle", "write or read a sync bundle file (USB, e-mail)", runBundle},
		{"demo", "fill a new node with demo data: Thanh Hóa offices, users for every role", runDemo},
		{"backup", "write a full encrypted backup of the node to a file", runBackup},
		{"restore", "rebuild a node from a backup into a new data folder", runRestore},
		{"bench", "measure sync against the peer benchmark: bench sync --dossiers N; a node's peak memory by history: bench memory --events N --profile desk|hub", runBench},
	}
}

func main() {
	log.SetFlags(log.LstdFlags)
	log.SetPrefix("hoso-node: ")
	node.TuneMemory()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches to a subcommand; it is main without the process, for tests.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stderr)
		return exitUsage
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "hoso-node: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: hoso-node COMMAND [flags]")
	fmt.Fprintln(w)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run hoso-node COMMAND -h for its flags.")
}
