package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/pkg/browser"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"hoso/app"
	"hoso/node"
)

// Files saves and opens the PDFs the window prints. The web view cannot
// show a PDF (WebKitGTK has no viewer) nor save a download, so the
// interface hands the bytes to Go: "save as" asks where with the system's
// dialog, "open" writes a private temporary copy and opens it in the
// system's PDF viewer, from which the clerk prints.
type Files struct {
	mu  sync.Mutex
	ctx context.Context
	// tmp is this session's folder of opened copies, made on first use and
	// removed when the window closes.
	tmp string

	// dialog and open are the system's save dialog and file opener;
	// tests replace them.
	dialog func(ctx context.Context, opts runtime.SaveDialogOptions) (string, error)
	open   func(path string) error
	// fail is the services' Fail: Files is bound to the window beside the
	// bridge, outside the dispatcher, so it hands its failures there to
	// have their causes logged like a service call's. Nil logs nothing.
	fail func(method string, err error) *app.Error
}

// failed passes a method's failure, if any, to fail.
func (f *Files) failed(method string, err *error) {
	if *err != nil && f.fail != nil {
		*err = f.fail(method, *err)
	}
}

// newFiles returns Files using the system's dialog and opener.
func newFiles() *Files {
	return &Files{dialog: runtime.SaveFileDialog, open: browser.OpenFile}
}

// startup keeps the window's context, which the dialog needs.
func (f *Files) startup(ctx context.Context) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.ctx = ctx
}

// shutdown removes the opened copies.
func (f *Files) shutdown() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.tmp != "" {
		os.RemoveAll(f.tmp)
		f.tmp = ""
	}
}

// savedKinds are the files the window saves: by extension, the dialog's
// filter and how the content must begin ("" for any UTF-8 text).
var savedKinds = map[string]struct{ filter, magic string }{
	".pdf":  {"PDF (*.pdf)", "%PDF-"},
	".xlsx": {"Excel (*.xlsx)", "PK\x03\x04"},
	".csv":  {"CSV (*.csv)", ""},
	".json": {"JSON (*.json)", ""},
	".hsb":  {"Tệp đồng bộ (*.hsb)", "HSBUNDLE1\n"},
}

// unsafeName matches what a file name may not hold on any desk's system.
var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// pdfName makes a safe PDF file name from the one the interface proposes.
func pdfName(name string) string { return safeName(name, ".pdf") }

// safeName makes a safe file name with extension ext from the one the
// interface proposes.
func safeName(name, ext string) string {
	name = strings.Trim(unsafeName.ReplaceAllString(filepath.Base(name), "-"), ".-")
	name = strings.TrimSuffix(name, ext)
	if name == "" {
		name = "ban-in"
	}
	if len(name) > 100 {
		name = name[:100]
	}
	return name + ext
}

// decodePDF decodes the base64 content of a printed document.
func decodePDF(content string) ([]byte, error) {
	b, err := base64.StdEncoding.DecodeString(content)
	if err != nil || !strings.HasPrefix(string(b), "%PDF-") {
		return nil, &app.Error{Code: app.CodeInvalidInput, Field: "content", Message: "the document to save is not a PDF"}
	}
	return b, nil
}

// SavePDF asks where to save a printed document, proposing filename, and
// writes it there; it returns the path, or "" when the clerk cancels.
func (f *Files) SavePDF(filename, content string) (_ string, err error) {
	defer f.failed("Files.SavePDF", &err)
	pdf, err := decodePDF(content)
	if err != nil {
		return "", err
	}
	return f.save(pdfName(filename), ".pdf", pdf)
}

// SaveFile saves an exported file — a PDF, an Excel workbook, a CSV or
// JSON file, by filename's extension — where the clerk chooses; it returns
// the path, or "" when the clerk cancels.
func (f *Files) SaveFile(filename, content string) (_ string, err error) {
	defer f.failed("Files.SaveFile", &err)
	ext := strings.ToLower(filepath.Ext(filename))
	kind, ok := savedKinds[ext]
	if !ok {
		return "", &app.Error{Code: app.CodeInvalidInput, Field: "filename", Message: "only PDF, Excel, CSV and JSON files can be saved"}
	}
	b, err := base64.StdEncoding.DecodeString(content)
	if err != nil || !strings.HasPrefix(string(b), kind.magic) || (kind.magic == "" && !utf8.Valid(b)) {
		return "", &app.Error{Code: app.CodeInvalidInput, Field: "content", Message: "the file to save is not what its name says"}
	}
	return f.save(safeName(filename, ext), ext, b)
}

// save asks where to save b, proposing name, and writes it there.
func (f *Files) save(name, ext string, b []byte) (string, error) {
	f.mu.Lock()
	ctx := f.ctx
	f.mu.Unlock()
	if ctx == nil {
		return "", &app.Error{Code: app.CodeNotReady, Message: "the window is not ready"}
	}
	path, err := f.dialog(ctx, runtime.SaveDialogOptions{
		Title: "Lưu tệp", DefaultFilename: name,
		Filters: []runtime.FileFilter{{DisplayName: savedKinds[ext].filter, Pattern: "*" + ext}},
	})
	if err != nil {
		return "", app.Wrap(app.CodeInternal, err, "showing the save dialog")
	}
	if path == "" {
		return "", nil
	}
	if !strings.EqualFold(filepath.Ext(path), ext) {
		path += ext
	}
	if err := writeAtomic(path, b, 0o644); err != nil {
		return "", &app.Error{Code: app.CodeInvalidInput, Field: "path", Message: "cannot write " + path, Params: map[string]string{"path": path}, Err: err}
	}
	return path, nil
}

// OpenPDF opens a printed document in the system's PDF viewer, from a
// private copy in this session's temporary folder.
func (f *Files) OpenPDF(filename, content string) (err error) {
	defer f.failed("Files.OpenPDF", &err)
	pdf, err := decodePDF(content)
	if err != nil {
		return err
	}
	f.mu.Lock()
	if f.tmp == "" {
		dir, err := os.MkdirTemp("", "hoso-ban-in-")
		if err != nil {
			f.mu.Unlock()
			return app.Wrap(app.CodeInternal, err, "making a temporary folder")
		}
		f.tmp = dir
	}
	path := filepath.Join(f.tmp, pdfName(filename))
	f.mu.Unlock()
	if err := writeAtomic(path, pdf, 0o600); err != nil {
		return app.Wrap(app.CodeInternal, err, "writing the temporary copy")
	}
	if err := f.open(path); err != nil {
		return &app.Error{Code: app.CodeNoViewer, Message: fmt.Sprintf("no PDF viewer could open %s", path), Params: map[string]string{"path": path}, Err: err}
	}
	return nil
}

// writeAtomic writes b to path without ever leaving half a document.
func writeAtomic(path string, b []byte, mode os.FileMode) error {
	return node.WriteFileAtomic(path, b, mode)
}
