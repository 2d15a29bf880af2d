package main

import (
	"context"
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

const bundleUsage = `usage: hoso-node bundle export --data DIR (--since-peer PEERID | --all) [--files] --out FILE.hsb
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
	files := fs.Bool("files", false, "also carry the files the records name (scans, evidence) that the recipient may see")
	out := fs.String("out", "", "the bundle file to write")
	if !parseFlags(fs, args[1:], stderr) {
		return exitUsage
	}
	if *dir == "" {
		return usageError(stderr, "bundle needs --data DIR\n"+bundleUsage)
	}
	if args[0] == "export" && (*out == "" || (*since == "") == !*all) {
		return usageError(stderr, "bundle export needs --out and one of --since-peer or --all\n"+bundleUsage)
	}
	if args[0] == "import" && fs.NArg() != 1 {
		return usageError(stderr, "bundle import needs the bundle file\n"+bundleUsage)
	}
	// The file streams, to or from the node serving the folder
	// (/bundle/import, /bundle/export) or the folder opened here, in
	// bounded memory whatever its size.
	t, err := openTarget(*dir, *keyFile)
	if err != nil {
		return printError(stdout, err)
	}
	defer t.close()
	ctx := context.Background()
	if args[0] == "import" {
		f, err := os.Open(fs.Arg(0))
		if err != nil {
			return printError(stdout, app.Wrap(app.CodeInvalidInput, err, "cannot read "+fs.Arg(0)))
		}
		defer f.Close()
		if t.client != nil {
			info, err := f.Stat()
			if err != nil {
				return printError(stdout, app.Wrap(app.CodeInvalidInput, err, "cannot read "+fs.Arg(0)))
			}
			raw, err := t.client.ImportBundle(ctx, f, info.Size(), nil)
			if err != nil {
				return printError(stdout, err)
			}
			return printJSON(stdout, raw)
		}
		res, err := t.svcs.ImportBundleStream(t.svcs.WithSession(ctx, "", true), f, nil)
		if err != nil {
			return printError(stdout, err)
		}
		return printJSON(stdout, res)
	}
	w, err := os.OpenFile(*out, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return printError(stdout, app.Wrap(app.CodeInvalidInput, err, "cannot write "+*out))
	}
	req := app.BundleExportRequest{Peer: *since, All: *all, Files: *files}
	var f app.BundleFile
	if t.client != nil {
		f, err = t.client.ExportBundle(ctx, req, w)
	} else {
		var b *app.ExportedBundle
		if b, err = t.svcs.ExportBundleStream(t.svcs.WithSession(ctx, "", true), req); err == nil {
			f = b.BundleFile
			f.Bytes, err = io.Copy(w, b)
			b.Close()
		}
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(*out)
		return printError(stdout, err)
	}
	return printJSON(stdout, map[string]any{"file": *out, "events": f.Events, "bytes": f.Bytes})
}
