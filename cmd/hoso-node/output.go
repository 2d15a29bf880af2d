package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"hoso/app"
)

// Exit codes, stable for scripts.
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
)

// printJSON writes v as indented JSON and a newline.
func printJSON(w io.Writer, v any) int {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return printError(w, err)
	}
	fmt.Fprintf(w, "%s\n", b)
	return exitOK
}

// printError writes {"error": {...}} with the error's stable code and
// returns exitFailed.
func printError(w io.Writer, err error) int {
	e := app.AsError(err)
	b, _ := json.MarshalIndent(struct {
		Error app.Reply `json:"error"`
	}{e.Reply()}, "", "  ")
	fmt.Fprintf(w, "%s\n", b)
	return exitFailed
}

// parseFlags parses a subcommand's flags; it returns false (after printing
// the problem) when they are wrong or help was asked for.
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) bool {
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		return false
	}
	return true
}

// usageError prints a command-line problem and returns exitUsage.
func usageError(stderr io.Writer, format string, args ...any) int {
	fmt.Fprintf(stderr, "hoso-node: "+format+"\n", args...)
	return exitUsage
}
