package web

import (
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"hoso/app"
	"hoso/store"
)

// causeText is what the failing opener wraps: it must reach the log once
// and never a client.
const causeText = "open /home/clerk/.hoso/datakey.json: permission denied"

// failingOpener fails every vault action, with a cause kept for the log.
type failingOpener struct{}

func (failingOpener) Status() app.VaultStatus { return app.VaultStatus{State: app.VaultLocked} }
func (failingOpener) Setup(string) (string, error) {
	return "", app.Wrap(app.CodeVaultState, errors.New(causeText), "the folder is set up already")
}
func (failingOpener) Unlock(app.UnlockRequest) error {
	// A raw Go error: the dispatcher makes it internal.
	return fmt.Errorf("unsealing: %w", errors.New(causeText))
}
func (failingOpener) AcknowledgeRecovery() {}

// logBuffer collects the dispatcher's log lines.
type logBuffer struct {
	mu    sync.Mutex
	lines []string
}

func (l *logBuffer) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

// TestRefusalsAnswerTheirStatus checks that the console answers each
// business refusal with its code's status (they all answered 500), sends
// the code and never the cause, and that the dispatcher logs each cause
// exactly once.
func TestRefusalsAnswerTheirStatus(t *testing.T) {
	_, key, _ := ed25519.GenerateKey(nil)
	st, err := store.Open(store.Options{InMemory: true, Signer: key, Projections: app.Projections()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	core := &app.Core{}
	core.Ready(app.Deps{Store: st, PeerID: "12D3KooWtest", DataDir: "/data"})
	logs := &logBuffer{}
	services := app.NewServices(core, app.ServicesOptions{
		System: app.SystemOptions{Version: "t"}, Opener: failingOpener{}, Logf: logs.logf,
		// A cheap password hash: the test is about errors, not argon2.
		Auth: app.AuthOptions{Password: app.PasswordParams{Time: 1, MemoryKiB: 64, Threads: 1}},
	})
	h := New(Options{Services: services, Assets: fstest.MapFS{"index.html": {Data: []byte("<html></html>")}}, Token: testToken, Port: 8700})

	call := func(method, body string) (int, app.Reply, string) {
		t.Helper()
		req := httptest.NewRequest("POST", RPCPrefix+method, strings.NewReader(body))
		req.Host = "127.0.0.1:8700"
		req.Header.Set("Authorization", "Bearer "+testToken)
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		var eb ErrorBody
		_ = json.Unmarshal(rec.Body.Bytes(), &eb)
		return rec.Code, eb.Error, rec.Body.String()
	}

	setup := `{"office":{"code":"38001","name":"UBND xã Đông Sơn"},"admin":{"username":"admin","fullName":"Lê Văn Quản","password":"mật khẩu quản trị"}}`
	if status, _, body := call("Setup.Office", setup); status != http.StatusOK {
		t.Fatalf("setup: %d %s", status, body)
	}
	tests := []struct {
		name, method, body string
		status             int
		code               app.Code
	}{
		{"setup twice", "Setup.Office", setup, http.StatusConflict, app.CodeSetupDone},
		{"wrong password", "Auth.Login", `{"username":"admin","password":"sai mật khẩu"}`, http.StatusUnauthorized, app.CodeBadLogin},
		{"not logged in", "Users.List", `{}`, http.StatusUnauthorized, app.CodeUnauthenticated},
		{"vault state", "Vault.Setup", `{"passphrase":"một hai ba bốn năm"}`, http.StatusConflict, app.CodeVaultState},
		{"raw Go error", "Vault.Unlock", `{"passphrase":"một hai ba bốn năm"}`, http.StatusInternalServerError, app.CodeInternal},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, reply, body := call(tc.method, tc.body)
			if status != tc.status || reply.Code != tc.code {
				t.Fatalf("%s answered %d %s, want %d %s", tc.method, status, body, tc.status, tc.code)
			}
			if status != tc.code.Status() {
				t.Fatalf("%d is not the status errors.go gives %s (%d)", status, tc.code, tc.code.Status())
			}
			if strings.Contains(body, "permission denied") || strings.Contains(body, "unsealing") {
				t.Fatalf("the cause reached the client: %s", body)
			}
		})
	}
	// Two calls had a cause; each is logged once, with its method.
	got := logs.String()
	if n := strings.Count(got, causeText); n != 2 {
		t.Fatalf("the causes were logged %d times, want 2:\n%s", n, got)
	}
	for _, m := range []string{"Vault.Setup", "Vault.Unlock"} {
		if !strings.Contains(got, m) {
			t.Fatalf("the log does not name %s:\n%s", m, got)
		}
	}
}

// TestBridgeLogsCausesOnce checks the desktop's path: the bridge returns
// the error (the window's formatter sends only its Reply) and the cause is
// in the log once.
func TestBridgeLogsCausesOnce(t *testing.T) {
	logs := &logBuffer{}
	services := app.NewServices(&app.Core{}, app.ServicesOptions{Opener: failingOpener{}, Logf: logs.logf})
	_, err := app.NewBridge(services).Call("Vault.Unlock", "", json.RawMessage(`{"passphrase":"x"}`))
	e := app.AsError(err)
	if e == nil || e.Code != app.CodeInternal {
		t.Fatalf("bridge: %v", err)
	}
	if b, _ := json.Marshal(e.Reply()); strings.Contains(string(b), "permission denied") {
		t.Fatalf("the cause is in the reply: %s", b)
	}
	if n := strings.Count(logs.String(), causeText); n != 1 {
		t.Fatalf("the cause was logged %d times, want 1:\n%s", n, logs)
	}
}
