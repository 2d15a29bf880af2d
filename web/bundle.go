package web

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"hoso/app"
)

// Bundle files stream through their own endpoints, not the RPC (whose
// bodies MaxRequestBytes bounds): a serving node imports and exports
// bundles of any size up to app.MaxBundleBytes in bounded memory. They
// admit the same token, origin and host as the RPC, and the same users
// (SessionHeader) as Sync.ImportBundle and Sync.ExportBundle.
//
// POST /bundle/import takes the file as the body
// (Content-Type: application/octet-stream). The body is written to a
// temporary file (app.Services.BundleTempDir: the bundle is sealed, so the
// file reveals nothing), then
// imported whole or refused: decrypted and verified to its last byte first,
// then read again and stored batch by batch. The reply is
// application/x-ndjson, one JSON object a line: {"progress":
// app.BundleProgress} at most every progressEvery while the file is
// verified and imported, then one last line, {"result": app.BundleResult}
// or {"error": app.Reply}. A request refused before the import starts
// (token, session, size, type) is an ordinary JSON error with its status.
//
// GET /bundle/export?peer=ID (what the peer lacks since its last sync) or
// ?all=1 (everything) replies with the bundle file, named in
// Content-Disposition, its event count in EventsHeader; the export is in
// the access log before the first byte is sent.
const (
	BundleImportPath = "/bundle/import"
	BundleExportPath = "/bundle/export"
	// BundleTimeout bounds one bundle's upload and import, or its export.
	BundleTimeout = 30 * time.Minute
	// EventsHeader carries an exported bundle's event count.
	EventsHeader = "X-Hoso-Events"
	// progressEvery spaces an import's progress lines.
	progressEvery = 500 * time.Millisecond
)

// ImportLine is one line of a /bundle/import reply: exactly one field set.
type ImportLine struct {
	Progress *app.BundleProgress `json:"progress,omitempty"`
	Result   *app.BundleResult   `json:"result,omitempty"`
	Error    *app.Reply          `json:"error,omitempty"`
}

// bundleHandler serves both bundle endpoints.
type bundleHandler struct {
	services *app.Services
	token    string
	operator string
}

// caller admits the request's token and resolves its session, or writes
// the refusal.
func (h *bundleHandler) caller(w http.ResponseWriter, r *http.Request, method string) (context.Context, bool) {
	operator := validToken(r, h.operator)
	if !operator && !validToken(r, h.token) {
		writeError(w, http.StatusUnauthorized, app.Errorf(app.CodeUnauthorized, "missing or wrong token"))
		return nil, false
	}
	ctx := h.services.WithSession(r.Context(), r.Header.Get(SessionHeader), operator)
	if err := h.services.MayStreamBundle(ctx, method); err != nil {
		e := h.services.Fail(method, err)
		writeError(w, e.Code.Status(), e)
		return nil, false
	}
	return ctx, true
}

func (h *bundleHandler) importBundle(w http.ResponseWriter, r *http.Request) {
	ctx, ok := h.caller(w, r, "Sync.ImportBundle")
	if !ok {
		return
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/octet-stream") {
		writeError(w, http.StatusUnsupportedMediaType, app.Errorf(app.CodeInvalidInput, "the body must be the bundle file (application/octet-stream)"))
		return
	}
	if r.ContentLength > app.MaxBundleBytes {
		writeError(w, http.StatusRequestEntityTooLarge, app.Errorf(app.CodeInvalidInput, "the file is larger than %d bytes", app.MaxBundleBytes))
		return
	}
	ctx, cancel := context.WithTimeout(ctx, BundleTimeout)
	defer cancel()
	rc := http.NewResponseController(w)
	rc.SetReadDeadline(time.Now().Add(BundleTimeout))
	rc.SetWriteDeadline(time.Now().Add(BundleTimeout))

	f, err := os.CreateTemp(h.services.BundleTempDir(), "hoso-import-*.hsb")
	if err != nil {
		writeError(w, http.StatusInternalServerError, h.services.Fail("Sync.ImportBundle", app.Wrap(app.CodeInternal, err, "making a temporary file")))
		return
	}
	defer os.Remove(f.Name())
	defer f.Close()
	if _, err := io.Copy(f, http.MaxBytesReader(w, r.Body, app.MaxBundleBytes)); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeError(w, http.StatusRequestEntityTooLarge, app.Errorf(app.CodeInvalidInput, "the file is larger than %d bytes", app.MaxBundleBytes))
			return
		}
		writeError(w, http.StatusBadRequest, app.Errorf(app.CodeInvalidInput, "receiving the file failed"))
		return
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		writeError(w, http.StatusInternalServerError, h.services.Fail("Sync.ImportBundle", app.Wrap(app.CodeInternal, err, "reading the file")))
		return
	}

	w.Header().Set("Content-Type", "application/x-ndjson; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	enc := json.NewEncoder(w)
	line := func(l ImportLine) {
		enc.Encode(l)
		rc.Flush()
	}
	var last time.Time
	res, err := h.services.ImportBundleStream(ctx, f, func(p app.BundleProgress) {
		if now := time.Now(); now.Sub(last) >= progressEvery {
			last = now
			line(ImportLine{Progress: &p})
		}
	})
	if err != nil {
		reply := h.services.Fail("Sync.ImportBundle", err).Reply()
		line(ImportLine{Error: &reply})
		return
	}
	line(ImportLine{Result: &res})
}

func (h *bundleHandler) exportBundle(w http.ResponseWriter, r *http.Request) {
	ctx, ok := h.caller(w, r, "Sync.ExportBundle")
	if !ok {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, BundleTimeout)
	defer cancel()
	q := r.URL.Query()
	b, err := h.services.ExportBundleStream(ctx, app.BundleExportRequest{Peer: q.Get("peer"), All: q.Get("all") == "1" || q.Get("all") == "true", Files: q.Get("files") == "1" || q.Get("files") == "true"})
	if err != nil {
		e := h.services.Fail("Sync.ExportBundle", err)
		writeError(w, e.Code.Status(), e)
		return
	}
	defer b.Close()
	http.NewResponseController(w).SetWriteDeadline(time.Now().Add(BundleTimeout))
	hd := w.Header()
	hd.Set("Content-Type", "application/octet-stream")
	hd.Set("Content-Disposition", `attachment; filename="`+b.Filename+`"`)
	hd.Set("Content-Length", strconv.FormatInt(b.Size, 10))
	hd.Set(EventsHeader, strconv.Itoa(b.Events))
	if _, err := io.Copy(w, b); err != nil {
		log.Printf("bundle export: %v", err)
	}
}
