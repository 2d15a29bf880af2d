package web

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"hoso/app"
	"hoso/store"
)

const testToken = "0123456789abcdef0123456789abcdef0123456789abcdef"

func newTestHandler(t *testing.T) http.Handler {
	t.Helper()
	st, err := store.Open(store.Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	core := &app.Core{}
	core.Ready(app.Deps{Store: st, PeerID: "12D3KooWtest", DataDir: "/data"})
	assets := fstest.MapFS{"index.html": {Data: []byte("<html>shell</html>")}}
	return New(Options{Services: app.NewServices(core, app.ServicesOptions{System: app.SystemOptions{Version: "t"}}), Assets: assets, Token: testToken, Port: 8700})
}

func TestGuard(t *testing.T) {
	h := newTestHandler(t)
	tests := []struct {
		name    string
		method  string
		path    string
		host    string
		origin  string
		auth    string
		body    string
		status  int
		errCode app.Code
	}{
		{"call ok", "POST", "/rpc/System.Info", "127.0.0.1:8700", "", "Bearer " + testToken, "{}", 200, ""},
		{"same origin ok", "POST", "/rpc/System.Info", "127.0.0.1:8700", "http://127.0.0.1:8700", "Bearer " + testToken, "{}", 200, ""},
		{"localhost ok", "POST", "/rpc/System.Info", "localhost:8700", "http://localhost:8700", "Bearer " + testToken, "{}", 200, ""},
		{"no token", "POST", "/rpc/System.Info", "127.0.0.1:8700", "", "", "{}", 401, app.CodeUnauthorized},
		{"wrong token", "POST", "/rpc/System.Info", "127.0.0.1:8700", "", "Bearer nope", "{}", 401, app.CodeUnauthorized},
		{"other origin", "POST", "/rpc/System.Info", "127.0.0.1:8700", "http://evil.example", "Bearer " + testToken, "{}", 403, app.CodeForbiddenOrigin},
		{"other port origin", "POST", "/rpc/System.Info", "127.0.0.1:8700", "http://127.0.0.1:9999", "Bearer " + testToken, "{}", 403, app.CodeForbiddenOrigin},
		{"null origin", "POST", "/rpc/System.Info", "127.0.0.1:8700", "null", "Bearer " + testToken, "{}", 403, app.CodeForbiddenOrigin},
		{"rebinding host", "POST", "/rpc/System.Info", "evil.example:8700", "", "Bearer " + testToken, "{}", 403, app.CodeForbiddenOrigin},
		{"rebinding host for page", "GET", "/", "evil.example", "", "", "", 403, app.CodeForbiddenOrigin},
		{"page without token", "GET", "/", "127.0.0.1:8700", "", "", "", 200, ""},
		{"get rpc refused", "GET", "/rpc/System.Info", "127.0.0.1:8700", "", "Bearer " + testToken, "", 404, ""},
		{"unknown method", "POST", "/rpc/System.Nope", "127.0.0.1:8700", "", "Bearer " + testToken, "{}", 404, app.CodeUnknownMethod},
		{"invalid input", "POST", "/rpc/System.SetLanguage", "127.0.0.1:8700", "", "Bearer " + testToken, `{"language":"fr"}`, 400, app.CodeInvalidInput},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, tc.path, strings.NewReader(tc.body))
			req.Host = tc.host
			if tc.origin != "" {
				req.Header.Set("Origin", tc.origin)
			}
			if tc.auth != "" {
				req.Header.Set("Authorization", tc.auth)
			}
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d; body %s", rec.Code, tc.status, rec.Body)
			}
			if rec.Header().Get("Access-Control-Allow-Origin") != "" {
				t.Fatal("the console must send no CORS headers")
			}
			if tc.errCode != "" {
				var eb ErrorBody
				if err := json.Unmarshal(rec.Body.Bytes(), &eb); err != nil || eb.Error.Code != tc.errCode {
					t.Fatalf("error body %s, want code %s", rec.Body, tc.errCode)
				}
			}
		})
	}
}

func TestClientAgainstServer(t *testing.T) {
	h := newTestHandler(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Host = "127.0.0.1:8700" // the handler was built for port 8700
		h.ServeHTTP(w, r)
	}))
	defer srv.Close()
	base, tok, err := ParseConsoleURL(srv.URL + "/?token=" + testToken)
	if err != nil || tok != testToken {
		t.Fatalf("parse: %q %q %v", base, tok, err)
	}
	c := &Client{Base: base, Token: tok}
	raw, err := c.Call(t.Context(), "System.Info", nil)
	if err != nil {
		t.Fatal(err)
	}
	var info app.Info
	if err := json.Unmarshal(raw, &info); err != nil || info.PeerID != "12D3KooWtest" {
		t.Fatalf("info %s, %v", raw, err)
	}
	_, err = c.Call(t.Context(), "System.SetLanguage", []byte(`{"language":"fr"}`))
	if e := app.AsError(err); e.Code != app.CodeInvalidInput || e.Field != "language" {
		t.Fatalf("got %v, want invalid_input on language", err)
	}
	bad := &Client{Base: base, Token: "wrong"}
	if _, err := bad.Call(t.Context(), "System.Info", nil); app.AsError(err).Code != app.CodeUnauthorized {
		t.Fatalf("wrong token: got %v", err)
	}
}

func TestOversizedBodyIsRefused(t *testing.T) {
	h := newTestHandler(t)
	req := httptest.NewRequest("POST", "/rpc/System.SetLanguage", io.LimitReader(zeros{}, MaxRequestBytes+10))
	req.Host = "127.0.0.1:8700"
	req.Header.Set("Authorization", "Bearer "+testToken)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d, want 413", rec.Code)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}
