package main

import (
	"flag"
	"io"

	"hoso/app"
)

// exitMismatch is verify's exit code when the records no longer match.
const exitMismatch = 3

func runVerify(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	dir := fs.String("data", "", "data folder whose records to check against (required)")
	keyFile := fs.String("key-file", "", "the data key file, if it moved since init")
	fs.Usage = func() {
		io.WriteString(stderr, "usage: hoso-node verify --data DIR 'QRTEXT'\n")
		fs.PrintDefaults()
	}
	if !parseFlags(fs, args, stderr) {
		return exitUsage
	}
	if *dir == "" || fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	var v app.VerifyReply
	if _, err := callOnce(*dir, *keyFile, "Records.Verify", app.VerifyRequest{Text: fs.Arg(0)}, &v); err != nil {
		return printError(stdout, err)
	}
	if code := printJSON(stdout, v); code != exitOK {
		return code
	}
	if v.Status != app.VerifyMatch {
		return exitMismatch
	}
	return exitOK
}
