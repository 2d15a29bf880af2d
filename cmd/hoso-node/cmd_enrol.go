package main

import (
	"encoding/base64"
	"encoding/json"
	"flag"
	"io"
	"os"
	"strings"

	"hoso/app"
)

const enrolUsage = `usage: hoso-node enrol issue  --data DIR --peer PEERID --office CODE --role district|commune|desk [--days 365] [--hub ADDR]... [--out FILE]
       hoso-node enrol accept --data DIR FILE|-
       hoso-node enrol revoke --data DIR --peer PEERID
       hoso-node enrol show   --data DIR`

// runEnrol binds devices to offices: the parent issues an enrolment text
// for a child's peer ID, the child accepts it; a device can be revoked.
func runEnrol(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		return usageError(stderr, enrolUsage)
	}
	sub := args[0]
	fs := flag.NewFlagSet("enrol "+sub, flag.ContinueOnError)
	dir := fs.String("data", "", "data folder (required)")
	keyFile := fs.String("key-file", "", "the data key file, if it moved since init")
	peerID := fs.String("peer", "", "the device's peer ID (its hoso-node status shows it)")
	office := fs.String("office", "", "the code of the office the device works for")
	role := fs.String("role", "", "district, commune or desk")
	days := fs.Int("days", 365, "how many days the certificate is valid")
	out := fs.String("out", "", "file for the enrolment text (default: standard output)")
	var hubs listFlag
	fs.Var(&hubs, "hub", "an address the device should dial, /ip4/…/tcp/…/p2p/… (repeatable; default: this node's when it serves)")
	if !parseFlags(fs, args[1:], stderr) {
		return exitUsage
	}
	if *dir == "" {
		return usageError(stderr, "enrol needs --data DIR\n"+enrolUsage)
	}
	var method string
	var params any
	switch sub {
	case "issue":
		if *peerID == "" || *office == "" || *role == "" {
			return usageError(stderr, "enrol issue needs --peer, --office and --role\n"+enrolUsage)
		}
		method, params = "Sync.Issue", app.IssueRequest{Peer: *peerID, Office: *office, Role: *role, Days: *days, Hubs: hubs}
	case "accept":
		if fs.NArg() != 1 {
			return usageError(stderr, "enrol accept needs the enrolment file (or - for standard input)\n"+enrolUsage)
		}
		var text []byte
		var err error
		if fs.Arg(0) == "-" {
			text, err = io.ReadAll(io.LimitReader(os.Stdin, 1<<20))
		} else {
			text, err = os.ReadFile(fs.Arg(0))
		}
		if err != nil {
			return printError(stdout, app.Wrap(app.CodeInvalidInput, err, "cannot read "+fs.Arg(0)))
		}
		method, params = "Sync.Accept", app.AcceptRequest{Text: strings.TrimSpace(string(text))}
	case "revoke":
		if *peerID == "" {
			return usageError(stderr, "enrol revoke needs --peer\n"+enrolUsage)
		}
		method, params = "Sync.Revoke", app.RevokeRequest{Peer: *peerID}
	case "show":
		method, params = "Sync.Status", struct{}{}
	default:
		return usageError(stderr, enrolUsage)
	}
	raw, err := callOnce(*dir, *keyFile, method, params, nil)
	if err != nil {
		return printError(stdout, err)
	}
	if sub == "issue" && *out != "" {
		var r app.IssueReply
		if err := json.Unmarshal(raw, &r); err != nil {
			return printError(stdout, app.Wrap(app.CodeInternal, err, "decoding the node's reply"))
		}
		if err := writeFileAtomic(*out, []byte(r.Text+"\n")); err != nil {
			return printError(stdout, app.Wrap(app.CodeInvalidInput, err, "cannot write "+*out))
		}
		return printJSON(stdout, map[string]any{"file": *out, "expires": r.Expires})
	}
	return printJSON(stdout, json.RawMessage(raw))
}

const bundleUsage = `usage: hoso-node bundle export --data DIR (--since-peer PEERID | --all) --out FILE.hsb
       hoso-node bundle import --data DIR FILE.hsb`

// runBundle writes and reads sync bundles: signed batches in a file for a
// USB stick or an e-mail.
func runBundle(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || (args[0] != "export" && args[0] != "import") {
		return usageError(stderr, bundleUsage)
	}
	fs := flag.NewFlagSet("bundle "+args[0], flag.ContinueOnError)
	dir := fs.String("data", "", "data folder (required)")
	keyFile := fs.String("key-file", "", "the data key file, if it moved since init")
	since := fs.String("since-peer", "", "only what this peer lacks since its last sync")
	all := fs.Bool("all", false, "everything this node holds")
	out := fs.String("out", "", "the bundle file to write")
	if !parseFlags(fs, args[1:], stderr) {
		return exitUsage
	}
	if *dir == "" {
		return usageError(stderr, "bundle needs --data DIR\n"+bundleUsage)
	}
	var method string
	var params any
	if args[0] == "export" {
		if *out == "" || (*since == "") == !*all {
			return usageError(stderr, "bundle export needs --out and one of --since-peer or --all\n"+bundleUsage)
		}
		method, params = "Sync.ExportBundle", app.BundleExportRequest{Peer: *since, All: *all}
	} else {
		if fs.NArg() != 1 {
			return usageError(stderr, "bundle import needs the bundle file\n"+bundleUsage)
		}
		b, err := os.ReadFile(fs.Arg(0))
		if err != nil {
			return printError(stdout, app.Wrap(app.CodeInvalidInput, err, "cannot read "+fs.Arg(0)))
		}
		method, params = "Sync.ImportBundle", app.BundleImportRequest{Content: base64.StdEncoding.EncodeToString(b)}
	}
	raw, err := callOnce(*dir, *keyFile, method, params, nil)
	if err != nil {
		return printError(stdout, err)
	}
	if args[0] == "import" {
		return printJSON(stdout, json.RawMessage(raw))
	}
	var f app.BundleFile
	if err := json.Unmarshal(raw, &f); err != nil {
		return printError(stdout, app.Wrap(app.CodeInternal, err, "decoding the node's reply"))
	}
	n, err := writeBase64(*out, f.Content)
	if err != nil {
		return printError(stdout, err)
	}
	return printJSON(stdout, map[string]any{"file": *out, "events": f.Events, "bytes": n})
}
