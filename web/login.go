package web

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"hoso/app"
)

// The one-time login links. `serve` no longer prints the console token (a
// service log would keep it): it prints the path of the file that holds it
// and a link /login/CODE that admits one browser once, within LoginLinkTTL.
// Opening it spends the code and sends the browser on to /?token=…, which
// the frontend keeps in the tab's sessionStorage and drops from the address
// bar, as it did with the URL serve used to print.
const (
	// LoginPath is the prefix of a one-time login link.
	LoginPath = "/login/"
	// LoginLinkTTL is how long an unused link stays valid.
	LoginLinkTTL = 10 * time.Minute
	// maxLoginLinks bounds the codes outstanding; issuing one more forgets
	// the one that expires first.
	maxLoginLinks = 16
	// loginCodeBytes is the code's entropy.
	loginCodeBytes = 32
)

// LoginLinks issues and redeems one-time login codes. The zero value is not
// usable: call NewLoginLinks.
type LoginLinks struct {
	now   func() time.Time
	mu    sync.Mutex
	codes map[string]time.Time // code → expiry
}

// NewLoginLinks returns an empty set of codes on the given clock (nil means
// time.Now).
func NewLoginLinks(now func() time.Time) *LoginLinks {
	if now == nil {
		now = time.Now
	}
	return &LoginLinks{now: now, codes: map[string]time.Time{}}
}

// Issue returns a new code and when it expires.
func (l *LoginLinks) Issue() (code string, expires time.Time) {
	var b [loginCodeBytes]byte
	rand.Read(b[:]) // never fails (crypto/rand documents it)
	code = hex.EncodeToString(b[:])
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.sweep(now)
	if len(l.codes) >= maxLoginLinks {
		var first string
		for c, exp := range l.codes {
			if first == "" || exp.Before(l.codes[first]) {
				first = c
			}
		}
		delete(l.codes, first)
	}
	expires = now.Add(LoginLinkTTL)
	l.codes[code] = expires
	return code, expires
}

// Redeem spends code: true once, within its time, false ever after.
func (l *LoginLinks) Redeem(code string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	exp, ok := l.codes[code]
	if !ok {
		return false
	}
	delete(l.codes, code)
	return l.now().Before(exp)
}

// sweep forgets expired codes; l.mu is held.
func (l *LoginLinks) sweep(now time.Time) {
	for c, exp := range l.codes {
		if !now.Before(exp) {
			delete(l.codes, c)
		}
	}
}

// loginHandler redeems GET /login/{code}.
type loginHandler struct {
	links *LoginLinks
	token string
}

func (h *loginHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h.links == nil || !h.links.Redeem(r.PathValue("code")) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusUnauthorized)
		w.Write([]byte("Liên kết đăng nhập này đã được dùng hoặc đã hết hạn. Chạy: hoso-node login --data THƯ_MỤC\n" +
			"This login link was used or has expired. For a new one run: hoso-node login --data DIR\n"))
		return
	}
	http.Redirect(w, r, "/?token="+url.QueryEscape(h.token), http.StatusSeeOther)
}

// LoginLinkPath is where the node's operator (the CLI, with the operator
// token) asks a running node for a new login link.
const LoginLinkPath = "/login-link"

// LoginLink is the reply of POST LoginLinkPath.
type LoginLink struct {
	// URL opens the console once, until Expires.
	URL     string    `json:"url"`
	Expires time.Time `json:"expires"`
}

// loginLinkHandler issues a link to the operator.
type loginLinkHandler struct {
	links    *LoginLinks
	operator string
	port     int
}

func (h *loginLinkHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !validToken(r, h.operator) {
		writeError(w, http.StatusUnauthorized, app.Errorf(app.CodeUnauthorized, "missing or wrong token"))
		return
	}
	if h.links == nil {
		writeError(w, http.StatusNotFound, app.Errorf(app.CodeUnknownMethod, "this node issues no login links"))
		return
	}
	code, exp := h.links.Issue()
	writeJSON(w, http.StatusOK, LoginLink{URL: LinkURL("http://127.0.0.1:"+strconv.Itoa(h.port)+"/", code), Expires: exp.UTC()})
}

// LinkURL is the login link of code on the console at base.
func LinkURL(base, code string) string {
	return strings.TrimSuffix(base, "/") + LoginPath + code
}
