package main

import (
	"context"
	"flag"
	"io"
	"time"

	"hoso/app"
	"hoso/node"
	"hoso/web"
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
	s, ok := node.ReadServing(*dir)
	if !ok {
		return printError(stdout, app.Errorf(app.CodeUnreachable, "no node serves %s: start hoso-node serve --data %s", *dir, *dir))
	}
	tok, err := node.ReadOperatorToken(*dir)
	if err != nil {
		return printError(stdout, app.Wrap(app.CodeDataUnavailable, err, "cannot read the operator token"))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	l, err := (&web.Client{Base: s.URL, Token: tok}).LoginLink(ctx)
	if err != nil {
		if !isServiceError(err) {
			err = app.Wrap(app.CodeUnreachable, err, "the node could not be reached")
		}
		return printError(stdout, err)
	}
	return printJSON(stdout, loginReply{URL: l.URL, Expires: l.Expires})
}
