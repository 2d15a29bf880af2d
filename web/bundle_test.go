package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"hoso/app"
	"hoso/store"
)

// The bundle endpoints admit what the RPC admits (token, origin, host, the
// methods' access rules) and refuse before receiving a file. The import
// itself is tested on a serving node (node's
// TestServingNodeImportsABigBundleInBoundedMemory).
func TestBundleEndpointsRefuseAsTheRPCDoes(t *testing.T) {
	st, err := store.Open(store.Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	core := &app.Core{}
	core.Ready(app.Deps{Store: st, PeerID: "12D3KooWtest", DataDir: "/data"})
	const operator = "operator-0123456789abcdef0123456789abcdef0123456789"
	h := New(Options{Services: app.NewServices(core, app.ServicesOptions{}), Assets: fstest.MapFS{}, Token: testToken, OperatorToken: operator, Port: 8700})
	tests := []struct {
		name, method, path, origin, auth, session, ctype string
		status                                           int
		code                                             app.Code
	}{
		{"import without token", "POST", BundleImportPath, "", "", "", "application/octet-stream", 401, app.CodeUnauthorized},
		{"import without session", "POST", BundleImportPath, "", testToken, "", "application/octet-stream", 401, app.CodeUnauthenticated},
		{"import with a stale session", "POST", BundleImportPath, "", testToken, "nope", "application/octet-stream", 401, app.CodeUnauthenticated},
		{"import from another origin", "POST", BundleImportPath, "http://evil.example", operator, "", "application/octet-stream", 403, app.CodeForbiddenOrigin},
		{"import on a node without sync", "POST", BundleImportPath, "", operator, "", "application/octet-stream", 503, app.CodeNotReady},
		{"export without token", "GET", BundleExportPath + "?all=1", "", "", "", "", 401, app.CodeUnauthorized},
		{"export without session", "GET", BundleExportPath + "?all=1", "", testToken, "", "", 401, app.CodeUnauthenticated},
		{"export on a node without sync", "GET", BundleExportPath + "?all=1", "", operator, "", "", 503, app.CodeNotReady},
		{"import by GET", "GET", BundleImportPath, "", operator, "", "", 404, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, tc.path, strings.NewReader("HSBUNDLE"))
			req.Host = "127.0.0.1:8700"
			if tc.origin != "" {
				req.Header.Set("Origin", tc.origin)
			}
			if tc.auth != "" {
				req.Header.Set("Authorization", "Bearer "+tc.auth)
			}
			if tc.session != "" {
				req.Header.Set(SessionHeader, tc.session)
			}
			if tc.ctype != "" {
				req.Header.Set("Content-Type", tc.ctype)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tc.status, rec.Body)
			}
			if tc.code != "" {
				var eb ErrorBody
				if err := json.Unmarshal(rec.Body.Bytes(), &eb); err != nil || eb.Error.Code != tc.code {
					t.Fatalf("body %s, want code %s", rec.Body, tc.code)
				}
			}
		})
	}
	// A body that is not a file.
	req := httptest.NewRequest("POST", BundleImportPath, strings.NewReader(`{"content":""}`))
	req.Host = "127.0.0.1:8700"
	req.Header.Set("Authorization", "Bearer "+operator)
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusUnsupportedMediaType && rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("a JSON body: status %d", rec.Code)
	}
}
