package main

import (
	"context"
	"flag"
	"io"
	"time"

	"hoso/app"
)

// loginReply is what `hoso-node login` prints.
type loginReply struct {
	URL     string    `json:"url"`
	Expires time.Time `json:"expires"`
}

// runLogin asks the node serving a data folder for a new one-time login link
// to its console: serve prints one at start; this gives another when that
// one was used or expired.
func runLogin(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("login", flag.ContinueOnError)
	dir := fs.String("data", "", "data folder of the running node (required)")
	if !parseFlags(fs, args, stderr) {
		return exitUsage
	}
	if *dir == "" {
		return usageError(stderr, "login needs --data DIR")
	}
	// A serve still starting is waited for; serve.json left by a killed
	// one is not trusted (handover decides by the folder's lock).
	t, err := handover(*dir, nil)
	if err != nil {
		return printError(stdout, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	l, err := t.client.LoginLink(ctx)
	if err != nil {
		if !isServiceError(err) {
			err = app.Wrap(app.CodeUnreachable, err, "the node could not be reached")
		}
		return printError(stdout, err)
	}
	return printJSON(stdout, loginReply{URL: l.URL, Expires: l.Expires})
}
