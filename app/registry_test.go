package app

import (
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"testing"

	"hoso/store"
)

func newTestServices(t testing.TB) *Services {
	t.Helper()
	st, err := store.Open(store.Options{InMemory: true, Signer: testSigner(), Projections: Projections()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	core := &Core{}
	core.Ready(Deps{Store: st, PeerID: "12D3KooWtest", DataDir: "/data"})
	return NewServices(core, ServicesOptions{System: SystemOptions{Version: "1.2.3"}, Auth: testAuth})
}

func TestEveryBoundMethodIsCallable(t *testing.T) {
	s := newTestServices(t)
	got := map[string]bool{}
	for _, m := range s.Methods() {
		got[m] = true
	}
	for _, want := range []string{"System.Info", "System.SetLanguage", "Vault.Status", "Auth.Login", "Setup.Office", "Users.Save"} {
		if !got[want] {
			t.Errorf("method %s missing from %v", want, s.Methods())
		}
	}
}

func TestCallErrors(t *testing.T) {
	s := newTestServices(t)
	tests := []struct {
		name, method, params string
		code                 Code
		field                string
	}{
		{"unknown method", "System.Nope", `{}`, CodeUnknownMethod, ""},
		{"unknown service", "Nope.Info", `{}`, CodeUnknownMethod, ""},
		{"bad json", "System.SetLanguage", `{"language":`, CodeInvalidInput, ""},
		{"wrong type", "System.SetLanguage", `{"language":7}`, CodeInvalidInput, "language"},
		{"unknown field", "System.SetLanguage", `{"lang":"vi"}`, CodeInvalidInput, "lang"},
		{"trailing data", "System.SetLanguage", `{"language":"vi"} {}`, CodeInvalidInput, ""},
		{"bad value", "System.SetLanguage", `{"language":"fr"}`, CodeInvalidInput, "language"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.CallAs(t.Context(), "", true, tc.method, []byte(tc.params))
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("got %v, want *Error", err)
			}
			if e.Code != tc.code || e.Field != tc.field {
				t.Fatalf("got code %q field %q, want %q %q", e.Code, e.Field, tc.code, tc.field)
			}
		})
	}
}

func TestInfoReflectsSettings(t *testing.T) {
	s := newTestServices(t)
	if _, err := s.CallAs(t.Context(), "", true, "System.SetLanguage", []byte(`{"language":"en"}`)); err != nil {
		t.Fatal(err)
	}
	out, err := s.CallAs(t.Context(), "", true, "System.Info", nil)
	if err != nil {
		t.Fatal(err)
	}
	info := out.(Info)
	if info.Language != "en" || info.Version != "1.2.3" || info.PeerID != "12D3KooWtest" || info.DataDir != "/data" {
		t.Fatalf("unexpected info %+v", info)
	}
	b, _ := json.Marshal(info)
	var m map[string]any
	json.Unmarshal(b, &m)
	for _, k := range []string{"version", "office", "peerId", "dataDir", "language", "syncState"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON reply lacks %q: %s", k, b)
		}
	}
}

func TestCoreBeforeAndAfterOpen(t *testing.T) {
	core := &Core{}
	s := NewServices(core, ServicesOptions{})
	if _, err := s.CallAs(t.Context(), "", true, "System.Info", nil); AsError(err).Code != CodeNotReady {
		t.Fatalf("before open: got %v, want not_ready", err)
	}
	core.Failed(Errorf(CodeDataInUse, "busy"))
	if _, err := s.CallAs(t.Context(), "", true, "System.Info", nil); AsError(err).Code != CodeDataInUse {
		t.Fatalf("after failure: got %v, want data_in_use", err)
	}
}

func TestRawErrorsNeverReachClients(t *testing.T) {
	e := AsError(errors.New("open /secret/path: permission denied"))
	b, _ := json.Marshal(e)
	if e.Code != CodeInternal || string(b) != `{"code":"internal","message":"internal error"}` {
		t.Fatalf("got %s", b)
	}
}

// testAuth keeps password hashing cheap in tests.
var testAuth = AuthOptions{Password: PasswordParams{Time: 1, MemoryKiB: 64, Threads: 1}}

func testSigner() ed25519.PrivateKey {
	return ed25519.NewKeyFromSeed(make([]byte, 32))
}
