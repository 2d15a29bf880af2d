package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
)

const testOperator = "fedcba9876543210fedcba9876543210fedcba9876543210"

// fakeClock is a clock tests move by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func TestLoginLinkIsSingleUse(t *testing.T) {
	clock := &fakeClock{t: time.Date(2026, 12, 7, 3, 0, 0, 0, time.UTC)}
	links := NewLoginLinks(clock.now)
	h := New(Options{Assets: fstest.MapFS{"index.html": {Data: []byte("x")}}, Token: testToken, OperatorToken: testOperator, Port: 8700, Logins: links})
	get := func(path string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("GET", path, nil)
		r.Host = "127.0.0.1:8700"
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}

	code, exp := links.Issue()
	if want := clock.now().Add(LoginLinkTTL); !exp.Equal(want) || len(code) != 2*loginCodeBytes {
		t.Fatalf("Issue = %q, %v", code, exp)
	}
	w := get(LoginPath + code)
	if w.Code != http.StatusSeeOther {
		t.Fatalf("first use: %d %s", w.Code, w.Body)
	}
	loc, err := url.Parse(w.Header().Get("Location"))
	if err != nil || loc.Path != "/" || loc.Query().Get("token") != testToken {
		t.Fatalf("first use goes to %q, want / with the console token", w.Header().Get("Location"))
	}
	if w := get(LoginPath + code); w.Code != http.StatusUnauthorized || strings.Contains(w.Body.String(), testToken) {
		t.Fatalf("second use: %d %s", w.Code, w.Body)
	}

	// Expired: a code unused for LoginLinkTTL no longer admits anyone.
	late, _ := links.Issue()
	clock.add(LoginLinkTTL)
	if w := get(LoginPath + late); w.Code != http.StatusUnauthorized {
		t.Fatalf("expired link: %d %s", w.Code, w.Body)
	}
	// Just within its time it does.
	inTime, _ := links.Issue()
	clock.add(LoginLinkTTL - time.Second)
	if w := get(LoginPath + inTime); w.Code != http.StatusSeeOther {
		t.Fatalf("link within its time: %d %s", w.Code, w.Body)
	}
	for _, p := range []string{LoginPath + "nope", LoginPath + testToken, LoginPath} {
		if w := get(p); w.Code == http.StatusSeeOther {
			t.Fatalf("%s admitted", p)
		}
	}
	// Codes outstanding stay bounded.
	for i := 0; i < 3*maxLoginLinks; i++ {
		links.Issue()
	}
	if n := len(links.codes); n > maxLoginLinks {
		t.Fatalf("%d codes outstanding, bound %d", n, maxLoginLinks)
	}
}

func TestLoginLinkForTheOperatorOnly(t *testing.T) {
	links := NewLoginLinks(nil)
	h := New(Options{Assets: fstest.MapFS{}, Token: testToken, OperatorToken: testOperator, Port: 8700, Logins: links})
	post := func(auth string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("POST", LoginLinkPath, nil)
		r.Host = "127.0.0.1:8700"
		if auth != "" {
			r.Header.Set("Authorization", "Bearer "+auth)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}
	for _, auth := range []string{"", testToken, "nope"} {
		if w := post(auth); w.Code != http.StatusUnauthorized {
			t.Fatalf("token %q: %d %s", auth, w.Code, w.Body)
		}
	}
	w := post(testOperator)
	var l LoginLink
	if w.Code != http.StatusOK || json.Unmarshal(w.Body.Bytes(), &l) != nil {
		t.Fatalf("operator: %d %s", w.Code, w.Body)
	}
	code, ok := strings.CutPrefix(l.URL, "http://127.0.0.1:8700"+LoginPath)
	if !ok || !links.Redeem(code) || links.Redeem(code) {
		t.Fatalf("link %q is not a single-use login link", l.URL)
	}
}
