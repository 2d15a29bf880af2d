package main

import (
	"encoding/json"
	"flag"
	"io"

	"hoso/app"
)

// status is what `hoso-node status` prints.
type status struct {
	app.Info
	// Serving tells whether a `hoso-node serve` runs on this folder.
	Serving bool `json:"serving"`
	// Console is the console's URL (without the token) while serving.
	Console string `json:"console,omitempty"`
	// Listen lists the libp2p addresses while serving.
	Listen []string `json:"listen,omitempty"`
}

func runStatus(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("status", flag.ContinueOnError)
	keyFile := fs.String("key-file", "", "the data key file, if it moved since init")
	dir := fs.String("data", "", "data folder (required)")
	if !parseFlags(fs, args, stderr) {
		return exitUsage
	}
	if *dir == "" {
		return usageError(stderr, "status needs --data DIR")
	}
	t, err := openTarget(*dir, *keyFile)
	if err != nil {
		return printError(stdout, err)
	}
	defer t.close()
	raw, err := t.call("System.Info", nil)
	if err != nil {
		return printError(stdout, err)
	}
	var st status
	if err := json.Unmarshal(raw, &st.Info); err != nil {
		return printError(stdout, app.Wrap(app.CodeInternal, err, "decoding the node's reply"))
	}
	if t.client != nil {
		st.Serving, st.Console, st.Listen = true, t.serving.URL, t.serving.Listen
	}
	return printJSON(stdout, st)
}
