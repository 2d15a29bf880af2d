package main

import (
	"encoding/json"
	"flag"
	"io"

	"hoso/app"
	"hoso/report"
)

const reportIndexUsage = "hoso-node report index --data DIR --period 2026Q4|2026-11|2026 [--office CODE] [--window fifteenth|calendar] --format json|pdf|xlsx [--out FILE]"

// indexJSON is the index as the command writes it: the indicators with
// their ids as in the index, figures and points.
type indexJSON struct {
	Office     string          `json:"office"`
	Period     string          `json:"period"`
	Indicators []indexLineJSON `json:"indicators"`
}

// indexLineJSON is one indicator; value and score are null where there
// is no number (note says why: "national", "no_data").
type indexLineJSON struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Value       *float64 `json:"value"`
	Numerator   int      `json:"numerator"`
	Denominator int      `json:"denominator"`
	Score       *float64 `json:"score"`
	Max         float64  `json:"max"`
	Note        string   `json:"note,omitempty"`
}

// runReportIndex writes the Decision 766 index of an office (and the
// offices below it) for a period: JSON, PDF or XLSX.
func runReportIndex(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("report index", flag.ContinueOnError)
	dir := fs.String("data", "", "data folder (required)")
	keyFile := fs.String("key-file", "", "the data key file, if it moved since init")
	office := fs.String("office", "", "office reported on, with every office below it (default: this node's)")
	period := fs.String("period", "", "quarter 2026Q4, month 2026-11 or year 2026 (required)")
	window := fs.String("window", "", "fifteenth (15th to 14th) or calendar (default: the office's rules)")
	format := fs.String("format", "json", "json, pdf or xlsx")
	out := fs.String("out", "", "file to write (required but for json, which goes to standard output without it)")
	if !parseFlags(fs, args, stderr) {
		return exitUsage
	}
	if *dir == "" || *period == "" {
		return usageError(stderr, "report index needs --data DIR and --period\n"+"usage: "+reportIndexUsage)
	}
	switch *format {
	case "json":
	case "pdf", "xlsx":
		if *out == "" {
			return usageError(stderr, "report index --format "+*format+" needs --out FILE\n"+"usage: "+reportIndexUsage)
		}
	default:
		return usageError(stderr, "the format must be json, pdf or xlsx\n"+"usage: "+reportIndexUsage)
	}
	req := app.ReportRequest{Office: *office, Period: *period, Window: *window}
	if *format != "json" {
		var f app.ReportFile
		if _, err := callOnce(*dir, *keyFile, "Reports.IndexExport", app.IndexExportRequest{ReportRequest: req, Format: *format}, &f); err != nil {
			return printError(stdout, err)
		}
		n, err := writeBase64(*out, f.Content)
		if err != nil {
			return printError(stdout, err)
		}
		return printJSON(stdout, map[string]any{"file": *out, "bytes": n, "verify": f.Verify})
	}
	var rep struct {
		Office     string                  `json:"office"`
		Period     report.Period           `json:"period"`
		Indicators []report.IndexIndicator `json:"indicators"`
	}
	if _, err := callOnce(*dir, *keyFile, "Reports.Index", req, &rep); err != nil {
		return printError(stdout, err)
	}
	doc := indexJSON{Office: rep.Office, Period: rep.Period.Label, Indicators: []indexLineJSON{}}
	for _, x := range rep.Indicators {
		line := indexLineJSON{ID: x.ID, Title: x.Title, Numerator: x.Numerator, Denominator: x.Denominator, Max: x.Max, Note: x.Note}
		if x.Known {
			v, s := x.Value, x.Score
			line.Value = &v
			if x.Max > 0 {
				line.Score = &s
			}
		}
		doc.Indicators = append(doc.Indicators, line)
	}
	b, _ := json.MarshalIndent(doc, "", "  ")
	b = append(b, '\n')
	if *out == "" {
		if _, err := stdout.Write(b); err != nil {
			return exitFailed
		}
		return exitOK
	}
	if err := writeFileAtomic(*out, b); err != nil {
		return printError(stdout, app.Wrap(app.CodeInvalidInput, err, "cannot write "+*out))
	}
	return printJSON(stdout, map[string]any{"file": *out, "bytes": len(b)})
}
