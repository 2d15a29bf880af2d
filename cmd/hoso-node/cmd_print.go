package main

import (
	"encoding/base64"
	"encoding/json"
	"flag"
	"io"
	"os"

	"hoso/app"
)

// printForms maps the print command's form names to the forms' numbers.
var printForms = map[string]string{"receipt": "01", "supplement": "02", "refusal": "03", "apology": "04"}

func runPrint(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || printForms[args[0]] == "" {
		return usageError(stderr, "usage: hoso-node print receipt|supplement|refusal|apology --data DIR --code CODE --out FILE.pdf")
	}
	form := printForms[args[0]]
	fs := flag.NewFlagSet("print", flag.ContinueOnError)
	dir := fs.String("data", "", "data folder (required)")
	keyFile := fs.String("key-file", "", "the data key file, if it moved since init")
	code := fs.String("code", "", "dossier code (required)")
	out := fs.String("out", "", "PDF file to write (required)")
	if !parseFlags(fs, args[1:], stderr) {
		return exitUsage
	}
	if *dir == "" || *code == "" || *out == "" {
		return usageError(stderr, "print needs --data DIR, --code CODE and --out FILE.pdf")
	}
	t, err := openTarget(*dir, *keyFile)
	if err != nil {
		return printError(stdout, err)
	}
	defer t.close()
	params, _ := json.Marshal(app.FormRequest{Form: form, Code: *code})
	raw, err := t.call("Print.Form", params)
	if err != nil {
		return printError(stdout, err)
	}
	var reply app.FormReply
	if err := json.Unmarshal(raw, &reply); err != nil {
		return printError(stdout, app.Wrap(app.CodeInternal, err, "decoding the node's reply"))
	}
	pdf, err := base64.StdEncoding.DecodeString(reply.Content)
	if err != nil {
		return printError(stdout, app.Wrap(app.CodeInternal, err, "decoding the PDF"))
	}
	if err := os.WriteFile(*out, pdf, 0o644); err != nil {
		return printError(stdout, app.Wrap(app.CodeInvalidInput, err, "cannot write "+*out))
	}
	return printJSON(stdout, map[string]any{"file": *out, "bytes": len(pdf), "reprint": reply.Reprint, "verify": reply.Verify})
}
