package main

import (
	"encoding/base64"
	"flag"
	"io"

	"hoso/app"
)

const quarterlyUsage = "hoso-node report quarterly --data DIR --quarter 2026Q4 [--office CODE] [--version N] --format pdf|xlsx|json [--out FILE]"

// runReportQuarterly writes an office's quarterly report on the reform
// plan: a signed version (the latest by default) or, when none is signed,
// the draft marked as such; JSON goes to standard output without --out.
func runReportQuarterly(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("report quarterly", flag.ContinueOnError)
	dir := fs.String("data", "", "data folder (required)")
	keyFile := fs.String("key-file", "", "the data key file, if it moved since init")
	office := fs.String("office", "", "office reported on (default: this node's)")
	quarter := fs.String("quarter", "", "quarter 2026Q4 (required)")
	version := fs.Int("version", 0, "signed version (default: the latest; the draft when none is signed)")
	format := fs.String("format", "json", "pdf, xlsx or json")
	out := fs.String("out", "", "file to write (required but for json, which goes to standard output without it)")
	if !parseFlags(fs, args, stderr) {
		return exitUsage
	}
	if *dir == "" || *quarter == "" {
		return usageError(stderr, "report quarterly needs --data DIR and --quarter\nusage: "+quarterlyUsage)
	}
	switch *format {
	case "json":
	case "pdf", "xlsx":
		if *out == "" {
			return usageError(stderr, "report quarterly --format "+*format+" needs --out FILE\nusage: "+quarterlyUsage)
		}
	default:
		return usageError(stderr, "the format must be pdf, xlsx or json\nusage: "+quarterlyUsage)
	}
	var f app.ReportFile
	req := app.QuarterExportRequest{Office: *office, Quarter: *quarter, Version: *version, Format: *format}
	if _, err := callOnce(*dir, *keyFile, "Quarterly.Export", req, &f); err != nil {
		return printError(stdout, err)
	}
	if *format == "json" && *out == "" {
		b, err := base64.StdEncoding.DecodeString(f.Content)
		if err != nil {
			return printError(stdout, app.Wrap(app.CodeInternal, err, "decoding the report"))
		}
		if _, err := stdout.Write(append(b, '\n')); err != nil {
			return exitFailed
		}
		return exitOK
	}
	n, err := writeBase64(*out, f.Content)
	if err != nil {
		return printError(stdout, err)
	}
	return printJSON(stdout, map[string]any{"file": *out, "bytes": n, "verify": f.Verify})
}
