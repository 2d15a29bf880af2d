package main

import (
	"context"
	"encoding/base64"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"hoso/app"
)

var samplePDF = base64.StdEncoding.EncodeToString([]byte("%PDF-1.3\n% test\n%%EOF\n"))

func TestPDFName(t *testing.T) {
	for in, want := range map[string]string{
		"mau-01-tiep-nhan-38001-261127-0001.pdf": "mau-01-tiep-nhan-38001-261127-0001.pdf",
		"../../etc/passwd":                       "passwd.pdf",
		"Sổ theo dõi.pdf":                        "S-theo-d-i.pdf",
		"":                                       "ban-in.pdf",
		"...":                                    "ban-in.pdf",
	} {
		if got := pdfName(in); got != want {
			t.Errorf("pdfName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFilesOpenPDF(t *testing.T) {
	var opened string
	f := &Files{open: func(p string) error { opened = p; return nil }}
	defer f.shutdown()
	if err := f.OpenPDF("../mau-01.pdf", samplePDF); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(opened)
	if err != nil || string(b[:5]) != "%PDF-" || filepath.Base(opened) != "mau-01.pdf" {
		t.Fatalf("opened %q: %v", opened, err)
	}
	if fi, _ := os.Stat(opened); fi.Mode().Perm() != 0o600 {
		t.Errorf("the temporary copy is %v, want private", fi.Mode().Perm())
	}
	f.open = func(string) error { return errors.New("xdg-open: no method available") }
	var failed []string
	f.fail = func(method string, err error) *app.Error {
		failed = append(failed, method+": "+err.Error())
		return app.AsError(err)
	}
	var ae *app.Error
	if err := f.OpenPDF("a.pdf", samplePDF); !errors.As(err, &ae) || ae.Code != app.CodeNoViewer {
		t.Errorf("no viewer: %v", err)
	}
	// The cause goes to the services' log, once.
	if len(failed) != 1 || !strings.Contains(failed[0], "Files.OpenPDF") || !strings.Contains(failed[0], "xdg-open") {
		t.Errorf("failures handed to the log: %q", failed)
	}
	if err := f.OpenPDF("a.pdf", base64.StdEncoding.EncodeToString([]byte("<html>"))); !errors.As(err, &ae) || ae.Code != app.CodeInvalidInput {
		t.Errorf("not a PDF: %v", err)
	}
	dir := f.tmp
	f.shutdown()
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the temporary folder outlives the window: %v", err)
	}
}

func TestFilesSavePDF(t *testing.T) {
	dir := t.TempDir()
	var asked runtime.SaveDialogOptions
	answer := filepath.Join(dir, "so-theo-doi")
	f := &Files{dialog: func(_ context.Context, o runtime.SaveDialogOptions) (string, error) { asked = o; return answer, nil }}
	if _, err := f.SavePDF("a.pdf", samplePDF); err == nil {
		t.Error("saved before the window started")
	}
	f.startup(context.Background())
	path, err := f.SavePDF("mau-06.pdf", samplePDF)
	if err != nil || path != answer+".pdf" || asked.DefaultFilename != "mau-06.pdf" {
		t.Fatalf("saved to %q (%v), proposed %q", path, err, asked.DefaultFilename)
	}
	if b, err := os.ReadFile(path); err != nil || string(b[:5]) != "%PDF-" {
		t.Fatalf("saved file: %v", err)
	}
	answer = ""
	if path, err := f.SavePDF("mau-06.pdf", samplePDF); path != "" || err != nil {
		t.Errorf("a cancelled dialog: %q, %v", path, err)
	}
	answer = filepath.Join(dir, "missing", "x.pdf")
	var ae *app.Error
	if _, err := f.SavePDF("x.pdf", samplePDF); !errors.As(err, &ae) || ae.Code != app.CodeInvalidInput || ae.Field != "path" {
		t.Errorf("an unwritable place: %v", err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".hoso-*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestFilesSaveFile(t *testing.T) {
	dir := t.TempDir()
	answer := ""
	f := &Files{dialog: func(_ context.Context, o runtime.SaveDialogOptions) (string, error) {
		answer = filepath.Join(dir, o.DefaultFilename)
		return answer, nil
	}}
	f.startup(context.Background())
	xlsx := base64.StdEncoding.EncodeToString([]byte("PK\x03\x04rest of a zip"))
	csv := base64.StdEncoding.EncodeToString([]byte("\ufeffSTT,Lĩnh vực\r\n"))
	for name, content := range map[string]string{"bieu-II06a.xlsx": xlsx, "bieu-II06a.csv": csv, "mau-01.pdf": samplePDF} {
		path, err := f.SaveFile(name, content)
		if err != nil || filepath.Base(path) != name {
			t.Errorf("%s: saved to %q (%v)", name, path, err)
		}
	}
	var ae *app.Error
	for name, content := range map[string]string{"a.exe": samplePDF, "a.xlsx": samplePDF, "a.pdf": xlsx, "a.csv": base64.StdEncoding.EncodeToString([]byte{0xff, 0xfe})} {
		if _, err := f.SaveFile(name, content); !errors.As(err, &ae) || ae.Code != app.CodeInvalidInput {
			t.Errorf("%s: %v", name, err)
		}
	}
}
