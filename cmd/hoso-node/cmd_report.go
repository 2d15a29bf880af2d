package main

import (
	"encoding/json"
	"flag"
	"io"

	"hoso/app"
	"hoso/report"
)

const reportUsage = "usage: hoso-node report ii06a --data DIR --period 2026Q4|2026-11|2026 [--office CODE] [--window fifteenth|calendar] --format pdf|xlsx|csv|json [--out FILE]\n" +
	"       " + quarterlyUsage

// runReport writes the periodic report II.06a of an office (and the
// offices below it) for a period: PDF, XLSX, CSV, or JSON with one object
// per row (the sector and the form's columns "3" to "13", the total last).
func runReport(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "quarterly" {
		return runReportQuarterly(args[1:], stdout, stderr)
	}
	if len(args) == 0 || args[0] != "ii06a" {
		return usageError(stderr, reportUsage)
	}
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	dir := fs.String("data", "", "data folder (required)")
	keyFile := fs.String("key-file", "", "the data key file, if it moved since init")
	office := fs.String("office", "", "office reported on, with every office below it (default: this node's)")
	period := fs.String("period", "", "quarter 2026Q4, month 2026-11 or year 2026 (required)")
	window := fs.String("window", "", "fifteenth (15th to 14th) or calendar (default: the office's rules)")
	format := fs.String("format", "json", "pdf, xlsx, csv or json")
	out := fs.String("out", "", "file to write (required but for json, which goes to standard output without it)")
	if !parseFlags(fs, args[1:], stderr) {
		return exitUsage
	}
	if *dir == "" || *period == "" {
		return usageError(stderr, "report needs --data DIR and --period\n"+reportUsage)
	}
	switch *format {
	case "json":
	case "pdf", "xlsx", "csv":
		if *out == "" {
			return usageError(stderr, "report --format "+*format+" needs --out FILE\n"+reportUsage)
		}
	default:
		return usageError(stderr, "the format must be pdf, xlsx, csv or json\n"+reportUsage)
	}
	req := app.ReportRequest{Office: *office, Period: *period, Window: *window}
	if *format == "json" {
		var rep struct {
			Rows  []report.Row `json:"rows"`
			Total report.Row   `json:"total"`
		}
		if _, err := callOnce(*dir, *keyFile, "Reports.II06a", req, &rep); err != nil {
			return printError(stdout, err)
		}
		rows, _ := json.MarshalIndent(append(rep.Rows, rep.Total), "", "  ")
		rows = append(rows, '\n')
		if *out == "" {
			if _, err := stdout.Write(rows); err != nil {
				return exitFailed
			}
			return exitOK
		}
		if err := writeFileAtomic(*out, rows); err != nil {
			return printError(stdout, app.Wrap(app.CodeInvalidInput, err, "cannot write "+*out))
		}
		return printJSON(stdout, map[string]any{"file": *out, "bytes": len(rows)})
	}
	var f app.ReportFile
	if _, err := callOnce(*dir, *keyFile, "Reports.Export", app.ExportRequest{ReportRequest: req, Format: *format}, &f); err != nil {
		return printError(stdout, err)
	}
	n, err := writeBase64(*out, f.Content)
	if err != nil {
		return printError(stdout, err)
	}
	return printJSON(stdout, map[string]any{"file": *out, "bytes": n, "verify": f.Verify})
}
