package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"hoso/app"
	"hoso/node"
	"hoso/seal"
)

// initReply is what `hoso-node init` prints.
type initReply struct {
	DataDir   string `json:"dataDir"`
	PeerID    string `json:"peerId"`
	KeyMethod string `json:"keyMethod"`
	KeyFile   string `json:"keyFile,omitempty"`
	EnvVar    string `json:"envVar,omitempty"`
	// Shown once, when the data key is created.
	RecoveryKey string `json:"recoveryKey,omitempty"`
	EnvValue    string `json:"envValue,omitempty"`
}

func runInit(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("init", flag.ContinueOnError)
	dir := fs.String("data", "", "data folder (required)")
	code := fs.String("office-code", "", "code of the office this node works for")
	name := fs.String("office-name", "", "name of the office this node works for")
	keyFile := fs.String("key-file", "", "where to keep the data key, outside the data folder; its folder is made if missing (default: in ~/.config/hoso/keys)")
	keyEnv := fs.String("key-env", "", "keep the data key in this environment variable instead of a file (e.g. HOSO_DATA_KEY)")
	root := fs.Bool("root", false, "make this node the province's root: it enrols the districts (needs --office-code, the province's code)")
	if !parseFlags(fs, args, stderr) {
		return exitUsage
	}
	if *dir == "" {
		return usageError(stderr, "init needs --data DIR")
	}
	if *code != "" && *name == "" {
		return usageError(stderr, "--office-code needs --office-name")
	}
	if *root && *code == "" {
		return usageError(stderr, "--root needs --office-code and --office-name (the province)")
	}
	if *keyFile != "" && *keyEnv != "" {
		return usageError(stderr, "give --key-file or --key-env, not both")
	}
	so := seal.CreateOptions{Method: seal.MethodKeyFile, KeyFile: *keyFile}
	if *keyEnv != "" {
		so = seal.CreateOptions{Method: seal.MethodEnv, EnvVar: *keyEnv}
	} else if so.KeyFile == "" {
		kf, err := node.DefaultKeyFile(*dir)
		if err != nil {
			return printError(stdout, app.Wrap(app.CodeDataUnavailable, err, "cannot prepare the key folder"))
		}
		so.KeyFile = kf
	}
	// The folder's lock, held until the database is closed: two inits, or
	// an init and a serve, never write the folder at once. A serve running
	// there is named at once; another call or init is waited for.
	lock, err := node.ClaimFolder(context.Background(), *dir, node.HandoverWait)
	if err != nil {
		return printError(stdout, err)
	}
	defer lock.Unlock()
	in, err := node.Init(node.InitOptions{
		Dir: *dir, Office: app.Office{Code: *code, Name: *name}, Seal: so,
		Unlock: seal.UnlockOptions{KeyFile: *keyFile},
	})
	if err != nil {
		return printError(stdout, err)
	}
	defer in.Close()
	if *root {
		if err := in.EnrolRoot(*code); err != nil {
			return printError(stdout, err)
		}
	}
	info, err := seal.Describe(in.Dir)
	if err != nil {
		return printError(stdout, err)
	}
	r := initReply{DataDir: in.Dir, PeerID: in.Identity.PeerID.String(), KeyMethod: string(info.Method), KeyFile: info.KeyFile, EnvVar: info.EnvVar}
	if in.Created != nil {
		r.RecoveryKey, r.EnvValue = in.Created.RecoveryKey, in.Created.EnvValue
		fmt.Fprintln(stderr, "hoso-node: write down the recovery key now and keep it safe: it is shown only once and opens the data if the key is lost.")
		if r.EnvValue != "" {
			fmt.Fprintf(stderr, "hoso-node: set %s to envValue in the node's environment before serve.\n", info.EnvVar)
		}
	}
	return printJSON(stdout, r)
}
