package main

import (
	"encoding/base64"
	"flag"
	"io"
	"strconv"
	"strings"

	"hoso/app"
	"hoso/node"
)

// printDocs maps the print command's paper names to the documents the
// Print service knows; "book" is the tracking book, printed for a period
// instead of a dossier. Which form number each prints as depends on the
// form set the dossier was received under (Circular 01/2018 or 03/2025).
var printDocs = map[string]string{
	"receipt": "receipt", "supplement": "supplement", "refusal": "refusal", "refusal-notice": "refusal_notice",
	"apology": "apology", "stop": "stop", "control": "control", "book": "book", "feebook": "feebook",
	"iso-audit":   "iso-audit",
	"inspection":  "inspection",
	"iso-process": "iso-process",
	"iso-review":  "iso-review", "iso-year": "iso-year", "iso-records": "iso-records",
}

const printUsage = "usage: hoso-node print receipt|supplement|refusal|refusal-notice|apology|stop|control --data DIR --code CODE [--copies N] --out FILE.pdf\n" +
	"       hoso-node print supplement --data DIR --intake ID --out FILE.pdf   (Form 02 of an incomplete dossier)\n" +
	"       hoso-node print book --data DIR --from YYYY-MM-DD --to YYYY-MM-DD [--office CODE] [--book ID] --out FILE.pdf\n" +
	"       hoso-node print feebook --data DIR --from YYYY-MM-DD --to YYYY-MM-DD [--office CODE] [--desk N|all] --out FILE.pdf|FILE.xlsx\n" +
	"       hoso-node print inspection --data DIR --inspection ID [--office CODE] --out FILE.pdf   (inspection record)\n" +
	"       hoso-node print iso-audit --data DIR --audit ID [--office CODE] --out FILE.pdf   (internal audit report)\n" +
	"       hoso-node print iso-process --data DIR --procedure CODE [--revision N] [--office CODE] --out FILE.pdf   (the controlled copy of a process; default: the revision in force)\n" +
	"       hoso-node print iso-review --data DIR --review ID [--office CODE] --out FILE.pdf   (management review minutes)\n" +
	"       hoso-node print iso-year --data DIR --year YYYY [--office CODE] --out FILE.pdf   (yearly ISO report, Decision 101/2018)\n" +
	"       hoso-node print iso-records --data DIR [--office CODE] --out FILE.pdf   (the register of records, once recorded)"

func runPrint(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || printDocs[args[0]] == "" {
		return usageError(stderr, printUsage)
	}
	doc := printDocs[args[0]]
	fs := flag.NewFlagSet("print", flag.ContinueOnError)
	dir := fs.String("data", "", "data folder (required)")
	keyFile := fs.String("key-file", "", "the data key file, if it moved since init")
	code := fs.String("code", "", "dossier code (every paper but the book)")
	intake := fs.String("intake", "", "an incomplete intake's ID (supplement only: Form 02 without a code)")
	copies := fs.Int("copies", 1, "copies of the paper in the file, 1 to 5")
	from := fs.String("from", "", "first day of the book's period, YYYY-MM-DD")
	to := fs.String("to", "", "last day of the book's period, YYYY-MM-DD")
	office := fs.String("office", "", "office whose book is printed (default: this node's)")
	book := fs.String("book", "", "which of the office's tracking books (its ID; default: the general book)")
	desk := fs.String("desk", "all", "the fee book's desk, 0 to 9, or all")
	inspection := fs.String("inspection", "", "an inspection's ID (inspection)")
	audit := fs.String("audit", "", "the internal audit's ID (iso-audit only)")
	procedure := fs.String("procedure", "", "the procedure whose documented process is printed (iso-process)")
	revision := fs.Int("revision", 0, "the process revision (iso-process; default: the one in force)")
	review := fs.String("review", "", "a management review's ID (iso-review)")
	year := fs.Int("year", 0, "the year of the yearly ISO report (iso-year; default: this year)")
	out := fs.String("out", "", "PDF file to write (required; the fee book writes XLSX to a .xlsx file)")
	if !parseFlags(fs, args[1:], stderr) {
		return exitUsage
	}
	if *dir == "" || *out == "" {
		return usageError(stderr, "print needs --data DIR and --out FILE.pdf\n"+printUsage)
	}
	if *copies < 1 || *copies > 5 {
		return usageError(stderr, "--copies must be 1 to 5")
	}
	method, req := "Print.Form", any(app.FormRequest{Form: doc, Code: *code, Intake: *intake, Copies: *copies})
	switch {
	case doc == "book":
		if *from == "" || *to == "" {
			return usageError(stderr, "print book needs --from and --to\n"+printUsage)
		}
		method, req = "Print.Book", app.BookRequest{Office: *office, From: *from, To: *to, Book: *book}
	case doc == "feebook":
		if *from == "" || *to == "" {
			return usageError(stderr, "print feebook needs --from and --to\n"+printUsage)
		}
		n := -1
		if *desk != "all" {
			var err error
			if n, err = strconv.Atoi(*desk); err != nil || n < 0 || n > 9 {
				return usageError(stderr, "--desk must be 0 to 9 or all")
			}
		}
		method, req = "Print.FeeBook", app.FeeBookRequest{Office: *office, Desk: n, From: *from, To: *to}
		if strings.HasSuffix(strings.ToLower(*out), ".xlsx") {
			return exportFeeBook(*dir, *keyFile, *out, req.(app.FeeBookRequest), stdout)
		}
	case doc == "inspection":
		if *inspection == "" {
			return usageError(stderr, "print inspection needs --inspection ID\n"+printUsage)
		}
		method, req = "Inspections.Print", app.InspectionRequest{Office: *office, ID: *inspection}
	case doc == "iso-audit":
		if *audit == "" {
			return usageError(stderr, "print iso-audit needs --audit ID\n"+printUsage)
		}
		method, req = "Iso.PrintAudit", app.AuditRequest{Office: *office, ID: *audit}
	case doc == "iso-process":
		if *procedure == "" {
			return usageError(stderr, "print iso-process needs --procedure CODE\n"+printUsage)
		}
		method, req = "Iso.PrintProcess", app.PrintProcessRequest{Office: *office, Procedure: *procedure, Revision: *revision}
	case doc == "iso-review":
		if *review == "" {
			return usageError(stderr, "print iso-review needs --review ID\n"+printUsage)
		}
		method, req = "Iso.PrintReview", app.PrintReviewRequest{Office: *office, ID: *review}
	case doc == "iso-records":
		method, req = "Iso.PrintRegister", app.RegisterRequest{Office: *office}
	case doc == "iso-year":
		method, req = "Iso.PrintYearReport", app.PrintYearReportRequest{Office: *office, Year: *year}
	case *intake != "" && doc != "supplement":
		return usageError(stderr, "--intake prints only the supplement request (Form 02)\n"+printUsage)
	case *code == "" && *intake == "":
		return usageError(stderr, "print "+args[0]+" needs --code CODE\n"+printUsage)
	}
	var reply app.FormReply
	if _, err := callOnce(*dir, *keyFile, method, req, &reply); err != nil {
		return printError(stdout, err)
	}
	n, err := writeBase64(*out, reply.Content)
	if err != nil {
		return printError(stdout, err)
	}
	return printJSON(stdout, map[string]any{
		"file": *out, "bytes": n, "reprint": reply.Reprint, "verify": reply.Verify, "template": reply.Template, "set": reply.Set, "form": reply.Form,
	})
}

// exportFeeBook writes the fee book as XLSX (Fees.Export).
func exportFeeBook(dir, keyFile, out string, req app.FeeBookRequest, stdout io.Writer) int {
	var reply app.ReportFile
	if _, err := callOnce(dir, keyFile, "Fees.Export", req, &reply); err != nil {
		return printError(stdout, err)
	}
	n, err := writeBase64(out, reply.Content)
	if err != nil {
		return printError(stdout, err)
	}
	return printJSON(stdout, map[string]any{"file": out, "bytes": n, "verify": reply.Verify})
}

// writeBase64 decodes a file the node sent and writes it atomically to
// path; it returns the number of bytes written.
func writeBase64(path, content string) (int, error) {
	b, err := base64.StdEncoding.DecodeString(content)
	if err != nil {
		return 0, app.Wrap(app.CodeInternal, err, "decoding the node's file")
	}
	if err := writeFileAtomic(path, b); err != nil {
		return 0, app.Wrap(app.CodeInvalidInput, err, "cannot write "+path)
	}
	return len(b), nil
}

// writeFileAtomic writes a file the user asked for, readable by others as
// a document is, without ever leaving half of it.
func writeFileAtomic(path string, b []byte) error { return node.WriteFileAtomic(path, b, 0o644) }
