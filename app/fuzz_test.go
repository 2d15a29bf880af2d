package app

import (
	"errors"
	"testing"
)

// FuzzCall feeds arbitrary method names and JSON arguments to the RPC
// dispatcher: it must never panic, and every failure must be an *Error with
// a code, because that is all a client may see.
func FuzzCall(f *testing.F) {
	for _, seed := range []struct{ method, params string }{
		{"System.Info", "{}"},
		{"System.SetLanguage", `{"language":"vi"}`},
		{"System.SetLanguage", `{"language":null}`},
		{"System.SetLanguage", `[1,2]`},
		{"System.SetLanguage", `{"language":"en","x":1}`},
		{"System.", ""},
		{"", "\x00"},
		{"System.SetLanguage", `{"language":"\u202e"}`},
		{"System.SetLanguage", "{\"language\":\"\xff\"}"},
		{"System.SetLanguage", `{"lang\u0000uage":"vi"}`},
	} {
		f.Add(seed.method, []byte(seed.params))
	}
	s := newTestServices(f)
	f.Fuzz(func(t *testing.T, method string, params []byte) {
		_, err := s.CallAs(t.Context(), "", true, method, params)
		if err == nil {
			return
		}
		var e *Error
		if !errors.As(err, &e) || e.Code == "" {
			t.Fatalf("Call(%q, %q) returned %T %v, want *Error with a code", method, params, err, err)
		}
	})
}
