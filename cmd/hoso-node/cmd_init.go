package main

import (
	"flag"
	"io"

	"hoso/app"
	"hoso/node"
)

func runInit(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("init", flag.ContinueOnError)
	dir := fs.String("data", "", "data folder (required)")
	code := fs.String("office-code", "", "code of the office this node works for")
	name := fs.String("office-name", "", "name of the office this node works for")
	if !parseFlags(fs, args, stderr) {
		return exitUsage
	}
	if *dir == "" {
		return usageError(stderr, "init needs --data DIR")
	}
	if *code != "" && *name == "" {
		return usageError(stderr, "--office-code needs --office-name")
	}
	n, err := node.Init(node.InitOptions{Dir: *dir, Office: app.Office{Code: *code, Name: *name}})
	if err != nil {
		return printError(stdout, err)
	}
	defer n.Close()
	return printJSON(stdout, map[string]string{"dataDir": n.Dir, "peerId": n.Identity.PeerID.String()})
}
