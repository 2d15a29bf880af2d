package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"hoso/app"
	"hoso/node"
	"hoso/seal"
)

func runBackup(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	dir := fs.String("data", "", "data folder (required)")
	keyFile := fs.String("key-file", "", "the data key file, if it moved since init")
	out := fs.String("out", "", "backup file to write (required)")
	if !parseFlags(fs, args, stderr) {
		return exitUsage
	}
	if *dir == "" || *out == "" {
		return usageError(stderr, "backup needs --data DIR and --out FILE")
	}
	t, err := openTarget(*dir, *keyFile)
	if err != nil {
		return printError(stdout, err)
	}
	defer t.close()
	// Write beside the destination and rename, so a failed backup never
	// leaves a file that looks complete.
	f, err := os.CreateTemp(filepath.Dir(*out), "."+filepath.Base(*out)+".*")
	if err != nil {
		return printError(stdout, app.Wrap(app.CodeInvalidInput, err, "cannot write "+*out))
	}
	defer os.Remove(f.Name())
	if t.client != nil {
		err = t.client.Backup(context.Background(), f)
	} else {
		err = t.local.Backup(f)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return printError(stdout, app.Wrap(app.CodeInternal, err, "the backup failed"))
	}
	if err := os.Rename(f.Name(), *out); err != nil {
		return printError(stdout, app.Wrap(app.CodeInvalidInput, err, "cannot write "+*out))
	}
	st, _ := os.Stat(*out)
	return printJSON(stdout, map[string]any{"backup": *out, "bytes": st.Size()})
}

func runRestore(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	dir := fs.String("data", "", "new, empty data folder (required)")
	from := fs.String("from", "", "backup file (required)")
	keyFile := fs.String("key-file", "", "the original node's data key file; the restored node keeps using it")
	recovery := fs.String("recovery-key", "", "the office recovery key, when the key file is lost")
	as := fs.String("as", "", "what the restore is for (required): replacement (this machine replaces the backup's, which never runs again: same identity) or copy (a new device with its own identity, to be enrolled)")
	force := fs.Bool("force", false, "restore a replacement although the backup shows its device syncing in the last 24 hours")
	if !parseFlags(fs, args, stderr) {
		return exitUsage
	}
	if *dir == "" || *from == "" {
		return usageError(stderr, "restore needs --data DIR and --from FILE")
	}
	if node.RestoreAs(*as) != node.RestoreReplacement && node.RestoreAs(*as) != node.RestoreCopy {
		return usageError(stderr, "restore needs --as replacement (this machine replaces the backup's broken one and keeps its identity; the old one must never run again) "+
			"or --as copy (a new device with the backup's data and its own identity, to be enrolled)")
	}
	if *force && node.RestoreAs(*as) != node.RestoreReplacement {
		return usageError(stderr, "--force applies to --as replacement only")
	}
	if (*keyFile == "") == (*recovery == "") {
		return usageError(stderr, "restore needs --key-file PATH or --recovery-key KEY")
	}
	f, err := os.Open(*from)
	if err != nil {
		return printError(stdout, app.Wrap(app.CodeInvalidInput, err, "cannot read "+*from))
	}
	defer f.Close()
	// The restored folder's key is sealed again for this machine: in the
	// given key file, or a new default one; a new recovery key follows.
	reseal := &seal.CreateOptions{Method: seal.MethodKeyFile, KeyFile: *keyFile}
	if reseal.KeyFile == "" {
		kf, err := node.DefaultKeyFile(*dir)
		if err != nil {
			return printError(stdout, app.Wrap(app.CodeDataUnavailable, err, "cannot prepare the key folder"))
		}
		reseal.KeyFile = kf
	}
	r, err := node.Restore(node.RestoreOptions{
		Dir: *dir, From: f,
		Unlock: seal.UnlockOptions{KeyFile: *keyFile, RecoveryKey: *recovery},
		Reseal: reseal,
		As:     node.RestoreAs(*as), Force: *force,
	})
	if err != nil {
		return printError(stdout, err)
	}
	defer r.Close()
	fmt.Fprintln(stderr, "hoso-node: restored. Write down the new recovery key: the old one no longer opens this folder.")
	reply := map[string]any{
		"dataDir": r.Dir, "peerId": r.Identity.PeerID.String(), "keyFile": reseal.KeyFile,
		"recoveryKey": r.Created.RecoveryKey, "origins": len(r.Store.Vector()),
		"as": r.As, "original": r.Original,
	}
	if !r.LastSeen.IsZero() {
		reply["originalLastSeen"] = r.LastSeen.UTC()
	}
	if r.As == node.RestoreCopy {
		reply["enrolled"] = false
		fmt.Fprintln(stderr, "hoso-node: this copy is a new device "+r.Identity.PeerID.String()+", not enrolled: enrol it (hoso-node enrol accept) and give it a desk index of its own (System.SetDesk) before it receives dossiers, or its dossier codes collide with the original's.")
	} else {
		fmt.Fprintln(stderr, "hoso-node: this machine now is device "+r.Original+": never start the old one again.")
	}
	return printJSON(stdout, reply)
}
