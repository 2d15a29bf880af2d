package main

import (
	"encoding/base64"
	"encoding/json"
	"flag"
	"io"

	"hoso/app"
	"hoso/report"
)

const reportUsage = "usage: hoso-node report ii06a --data DIR --period 2026Q4|2026-11|2026 [--office CODE] [--window fifteenth|calendar] --format pdf|xlsx|csv|json [--out FILE]"

// runReport writes the periodic report II.06a of an office (and the
// offices below it) for a period: PDF, XLSX, CSV, or JSON with one object
// per row (the sector and the form's columns "3" to "13", the total last).
func runReport(args []string, stdout, stderr io.Writer) int {
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
	t, err := openTarget(*dir, *keyFile)
	if err != nil {
		return printError(stdout, err)
	}
	defer t.close()
	req := app.ReportRequest{Office: *office, Period: *period, Window: *window}
	if *format == "json" {
		params, _ := json.Marshal(req)
		raw, err := t.call("Reports.II06a", params)
		if err != nil {
			return printError(stdout, err)
		}
		var rep struct {
			Rows  []report.Row `json:"rows"`
			Total report.Row   `json:"total"`
		}
		if err := json.Unmarshal(raw, &rep); err != nil {
			return printError(stdout, app.Wrap(app.CodeInternal, err, "decoding the node's reply"))
		}
		rows, _ := json.MarshalIndent(append(rep.Rows, rep.Total), "", "  ")
		rows = append(rows, '\n')
		if *out == "" {
			_, err = stdout.Write(rows)
			if err != nil {
				return exitFailed
			}
			return exitOK
		}
		if err := writeFileAtomic(*out, rows); err != nil {
			return printError(stdout, app.Wrap(app.CodeInvalidInput, err, "cannot write "+*out))
		}
		return printJSON(stdout, map[string]any{"file": *out, "bytes": len(rows)})
	}
	params, _ := json.Marshal(app.ExportRequest{ReportRequest: req, Format: *format})
	raw, err := t.call("Reports.Export", params)
	if err != nil {
		return printError(stdout, err)
	}
	var f app.ReportFile
	if err := json.Unmarshal(raw, &f); err != nil {
		return printError(stdout, app.Wrap(app.CodeInternal, err, "decoding the node's reply"))
	}
	b, err := base64.StdEncoding.DecodeString(f.Content)
	if err != nil {
		return printError(stdout, app.Wrap(app.CodeInternal, err, "decoding the report"))
	}
	if err := writeFileAtomic(*out, b); err != nil {
		return printError(stdout, app.Wrap(app.CodeInvalidInput, err, "cannot write "+*out))
	}
	return printJSON(stdout, map[string]any{"file": *out, "bytes": len(b), "verify": f.Verify})
}
