package main

import (
	"encoding/base64"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"hoso/app"
	"hoso/attach"
	"hoso/dossier"
)

const attachUsage = "usage: hoso-node attach --data DIR --code CODE (--paper N | --result) FILE…"

// attachReply is what "attach" prints: the dossier, the paper (1-based;
// 0 with result for the electronic result), its name and every file it
// now carries.
type attachReply struct {
	Code   string       `json:"code"`
	Paper  int          `json:"paper"`
	Result bool         `json:"result,omitempty"`
	Name   string       `json:"name"`
	Files  []attach.Ref `json:"files"`
}

// runAttach attaches scans to paper N of a received dossier, from scripts
// and bulk imports (a scanner's output folder, old dossiers digitized):
// each FILE goes through Files.Put (the attach rules: a PDF, JPEG or PNG
// read from its bytes, within the size limit, whole), then one
// dossier.scanned event names them all — an act on the dossier by the
// node's office, its receiving desk. A file refused stops the command
// before anything is recorded; a paper out of range is refused by the
// dossier rules (bad_value, field paper). With --result the files are the
// electronic result of a dossier whose result reached the desk.
func runAttach(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("attach", flag.ContinueOnError)
	dir := fs.String("data", "", "data folder (required)")
	keyFile := fs.String("key-file", "", "the data key file, if it moved since init")
	code := fs.String("code", "", "the dossier's code (required)")
	paper := fs.Int("paper", 0, "the paper's number on the receipt, from 1")
	result := fs.Bool("result", false, "the files are the electronic result, not a paper's")
	if !parseFlags(fs, args, stderr) {
		return exitUsage
	}
	if *dir == "" || *code == "" || (*paper < 1) != *result || fs.NArg() == 0 {
		return usageError(stderr, "attach needs --data, --code, either --paper N ≥ 1 or --result, and at least one FILE\n"+attachUsage)
	}
	t, err := openTarget(*dir, *keyFile)
	if err != nil {
		return printError(stdout, err)
	}
	defer t.close()
	call := func(method string, params, out any) error {
		b, err := json.Marshal(params)
		if err != nil {
			return app.Wrap(app.CodeInternal, err, "encoding the request")
		}
		raw, err := t.call(method, b)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(raw, out); err != nil {
			return app.Wrap(app.CodeInternal, err, "decoding the node's reply")
		}
		return nil
	}
	var refs []attach.Ref
	for i, name := range fs.Args() {
		data, err := os.ReadFile(name)
		if err != nil {
			return printError(stdout, &app.Error{Code: app.CodeInvalidInput, Field: "files[" + strconv.Itoa(i) + "]", Message: err.Error()})
		}
		var ref attach.Ref
		if err := call("Files.Put", app.FilePutRequest{Name: filepath.Base(name), Content: base64.StdEncoding.EncodeToString(data)}, &ref); err != nil {
			e := app.AsError(err)
			e.Message = name + ": " + e.Message
			return printError(stdout, e)
		}
		refs = append(refs, ref)
	}
	body, _ := json.Marshal(dossier.Scanned{Paper: *paper, Result: *result, Files: refs})
	var got app.DossierReply
	if err := call("Dossiers.Act", app.ActRequest{Code: *code, Action: string(dossier.KindScanned), Body: body}, &got); err != nil {
		return printError(stdout, err)
	}
	if *result {
		return printJSON(stdout, attachReply{Code: got.Dossier.Code, Result: true, Files: got.Dossier.ResultFiles})
	}
	doc := got.Dossier.Documents[*paper-1]
	return printJSON(stdout, attachReply{Code: got.Dossier.Code, Paper: *paper, Name: doc.Name, Files: doc.Files})
}
