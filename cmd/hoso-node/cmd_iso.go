package main

import (
	"flag"
	"io"

	"hoso/app"
)

const isoUsage = "usage: hoso-node iso summary --data DIR [--office CODE] [--year YYYY]"

// runIso answers questions about an office's quality system (ISO 9001);
// "summary" prints the state of its quality system in a year as JSON:
// {"office", "year", "processes": {"inForce", "draft", "superseded"},
// "objectives": [{"name", "target", "value", "status"}],
// "nonconformities": {"open", "closed", "auto", "manual"},
// "actions": {"open", "overdue", "closed", "effective"}, "lastAudit",
// "lastReview"}, for scripts and inspectors' laptops.
func runIso(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "summary" {
		return usageError(stderr, isoUsage)
	}
	fs := flag.NewFlagSet("iso", flag.ContinueOnError)
	dir := fs.String("data", "", "data folder (required)")
	keyFile := fs.String("key-file", "", "the data key file, if it moved since init")
	office := fs.String("office", "", "office summed up (default: this node's)")
	year := fs.Int("year", 0, "calendar year (default: this year)")
	if !parseFlags(fs, args[1:], stderr) {
		return exitUsage
	}
	if *dir == "" {
		return usageError(stderr, "iso summary needs --data DIR\n"+isoUsage)
	}
	if *year != 0 && (*year < 1000 || *year > 9999) {
		return usageError(stderr, "--year must be a year YYYY\n"+isoUsage)
	}
	var sum app.IsoSummary
	if _, err := callOnce(*dir, *keyFile, "Iso.Summary", app.SummaryRequest{Office: *office, Year: *year}, &sum); err != nil {
		return printError(stdout, err)
	}
	return printJSON(stdout, sum)
}
