package main

import (
	"encoding/base64"
	"flag"
	"io"

	"hoso/app"
	"hoso/node"
)

// printForms maps the print command's form names to the forms' numbers;
// "book" is Form 06, printed for a period instead of a dossier.
var printForms = map[string]string{
	"receipt": "01", "supplement": "02", "refusal": "03", "apology": "04", "control": "05", "book": "06",
}

const printUsage = "usage: hoso-node print receipt|supplement|refusal|apology|control --data DIR --code CODE --out FILE.pdf\n" +
	"       hoso-node print book --data DIR --from YYYY-MM-DD --to YYYY-MM-DD [--office CODE] --out FILE.pdf"

func runPrint(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || printForms[args[0]] == "" {
		return usageError(stderr, printUsage)
	}
	form := printForms[args[0]]
	fs := flag.NewFlagSet("print", flag.ContinueOnError)
	dir := fs.String("data", "", "data folder (required)")
	keyFile := fs.String("key-file", "", "the data key file, if it moved since init")
	code := fs.String("code", "", "dossier code (every form but the book)")
	from := fs.String("from", "", "first day of the book's period, YYYY-MM-DD")
	to := fs.String("to", "", "last day of the book's period, YYYY-MM-DD")
	office := fs.String("office", "", "office whose book is printed (default: this node's)")
	out := fs.String("out", "", "PDF file to write (required)")
	if !parseFlags(fs, args[1:], stderr) {
		return exitUsage
	}
	if *dir == "" || *out == "" {
		return usageError(stderr, "print needs --data DIR and --out FILE.pdf\n"+printUsage)
	}
	method, req := "Print.Form", any(app.FormRequest{Form: form, Code: *code})
	if form == "06" {
		if *from == "" || *to == "" {
			return usageError(stderr, "print book needs --from and --to\n"+printUsage)
		}
		method, req = "Print.Book", app.BookRequest{Office: *office, From: *from, To: *to}
	} else if *code == "" {
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
		"file": *out, "bytes": n, "reprint": reply.Reprint, "verify": reply.Verify, "template": reply.Template,
	})
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
