package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"os"

	"hoso/app"
	"hoso/web"
)

func runRPC(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("rpc", flag.ContinueOnError)
	keyFile := fs.String("key-file", "", "the data key file, if it moved since init")
	dir := fs.String("data", "", "data folder: call the node serving it, or open it here")
	nodeURL := fs.String("node", "", "URL of a running node (http://127.0.0.1:PORT/); the operator token comes from HOSO_TOKEN")
	fs.Usage = func() {
		io.WriteString(stderr, "usage: hoso-node rpc [--data DIR | --node URL] METHOD [JSON]\n")
		fs.PrintDefaults()
	}
	if !parseFlags(fs, args, stderr) {
		return exitUsage
	}
	rest := fs.Args()
	if len(rest) < 1 || len(rest) > 2 {
		fs.Usage()
		return exitUsage
	}
	method, params := rest[0], []byte("{}")
	if len(rest) == 2 {
		params = []byte(rest[1])
		if !json.Valid(params) {
			return printError(stdout, app.Errorf(app.CodeInvalidInput, "the argument is not valid JSON"))
		}
	}
	var (
		raw json.RawMessage
		err error
	)
	switch {
	case (*dir == "") == (*nodeURL == ""):
		return usageError(stderr, "rpc needs exactly one of --data DIR or --node URL")
	case *nodeURL != "":
		base, tok, perr := web.ParseConsoleURL(*nodeURL)
		if perr != nil {
			return usageError(stderr, "%v", perr)
		}
		if tok == "" {
			tok = os.Getenv("HOSO_TOKEN")
		}
		c := &web.Client{Base: base, Token: tok}
		raw, err = c.Call(context.Background(), method, params)
	default:
		t, terr := openTarget(*dir, *keyFile)
		if terr != nil {
			return printError(stdout, terr)
		}
		defer t.close()
		raw, err = t.call(method, params)
	}
	if err != nil {
		if !isServiceError(err) {
			err = app.Wrap(app.CodeUnreachable, err, "the node could not be reached")
		}
		return printError(stdout, err)
	}
	var pretty bytes.Buffer
	if json.Indent(&pretty, raw, "", "  ") != nil {
		return printError(stdout, app.Errorf(app.CodeInternal, "the node sent a reply that is not JSON"))
	}
	pretty.WriteByte('\n')
	stdout.Write(pretty.Bytes())
	return exitOK
}
