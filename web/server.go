// Package web serves the node's console: the same frontend the desktop
// window shows, and an HTTP RPC with the same method names and shapes as the
// desktop bindings. It listens on the loopback interface only and admits a
// call only with the node's secret token, from its own origin and host name.
package web

import (
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"log"
	"net/http"
	"strings"

	"hoso/app"
)

// MaxRequestBytes bounds an RPC request body: the largest is a file a
// record carries (app.MaxFileBytes), written in base64 (4 bytes for 3)
// inside JSON.
const MaxRequestBytes = app.MaxFileBytes/3*4 + 1<<20

// RPCPrefix is the path under which "<Service>.<Method>" is called.
const RPCPrefix = "/rpc/"

// SessionHeader carries a logged-in user's session token.
const SessionHeader = "X-Hoso-Session"

// Options configure New. All fields are required.
type Options struct {
	// Services answer the RPC calls.
	Services *app.Services
	// Assets is the built frontend (index.html at its root).
	Assets fs.FS
	// Token admits a browser (the console URL carries it); its users then
	// log in, and their session travels in SessionHeader.
	Token string
	// OperatorToken admits the node's operator (the CLI), who acts with
	// every right.
	OperatorToken string
	// Port is the loopback port the server listens on; host and origin
	// checks accept only this port.
	Port int
	// Backup writes a full encrypted backup of the node (POST /backup).
	Backup func(io.Writer) error
	// Logins holds the one-time login links (GET /login/CODE) that admit a
	// browser with Token; nil admits none.
	Logins *LoginLinks
}

// BackupPath is where a running node streams its backup.
const BackupPath = "/backup"

// New returns the console's HTTP handler.
func New(opts Options) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("POST "+RPCPrefix+"{method}", &rpcHandler{services: opts.Services, token: opts.Token, operator: opts.OperatorToken})
	bundles := &bundleHandler{services: opts.Services, token: opts.Token, operator: opts.OperatorToken}
	mux.HandleFunc("POST "+BundleImportPath, bundles.importBundle)
	mux.HandleFunc("GET "+BundleExportPath, bundles.exportBundle)
	mux.Handle("POST "+BackupPath, &backupHandler{backup: opts.Backup, token: opts.OperatorToken})
	mux.Handle("GET "+LoginPath+"{code}", &loginHandler{links: opts.Logins, token: opts.Token})
	mux.Handle("POST "+LoginLinkPath, &loginLinkHandler{links: opts.Logins, operator: opts.OperatorToken, port: opts.Port})
	mux.Handle("GET /", http.FileServerFS(opts.Assets))
	return guard(opts.Port, mux)
}

// rpcHandler dispatches one call.
type rpcHandler struct {
	services *app.Services
	token    string
	operator string
}

func (h *rpcHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	operator := validToken(r, h.operator)
	if !operator && !validToken(r, h.token) {
		writeError(w, http.StatusUnauthorized, app.Errorf(app.CodeUnauthorized, "missing or wrong token"))
		return
	}
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		writeError(w, http.StatusUnsupportedMediaType, app.Errorf(app.CodeInvalidInput, "the body must be application/json"))
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxRequestBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeError(w, http.StatusRequestEntityTooLarge, app.Errorf(app.CodeInvalidInput, "the request is larger than %d bytes", MaxRequestBytes))
			return
		}
		writeError(w, http.StatusBadRequest, app.Errorf(app.CodeInvalidInput, "reading the request failed"))
		return
	}
	out, err := h.services.CallAs(r.Context(), r.Header.Get(SessionHeader), operator, r.PathValue("method"), body)
	if err != nil {
		// The dispatcher logged the cause; the client gets the code's
		// status and the reply without it.
		e := app.AsError(err)
		writeError(w, e.Code.Status(), e)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// backupHandler streams a backup of the running node: the CLI's backup
// command uses it when the node holds the data folder.
type backupHandler struct {
	backup func(io.Writer) error
	token  string
}

func (h *backupHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !validToken(r, h.token) {
		writeError(w, http.StatusUnauthorized, app.Errorf(app.CodeUnauthorized, "missing or wrong token"))
		return
	}
	if h.backup == nil {
		writeError(w, http.StatusNotFound, app.Errorf(app.CodeUnknownMethod, "this node does not make backups"))
		return
	}
	w.Header().Set("Content-Type", "application/x-tar")
	if err := h.backup(w); err != nil {
		// The status line is gone; a truncated stream fails the client's
		// tar reader, and the log says why.
		log.Printf("backup: %v", err)
	}
}

// ErrorBody is the JSON body of a failed call.
type ErrorBody struct {
	Error app.Reply `json:"error"`
}

func writeError(w http.ResponseWriter, status int, e *app.Error) {
	writeJSON(w, status, ErrorBody{Error: e.Reply()})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		log.Printf("encoding reply: %v", err)
		status = http.StatusInternalServerError
		b, _ = json.Marshal(ErrorBody{Error: app.Reply{Code: app.CodeInternal, Message: "internal error"}})
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}
