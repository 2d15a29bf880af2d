package web

import (
	"crypto/subtle"
	"net/http"
	"strconv"
	"strings"

	"hoso/app"
)

// guard refuses any request whose Host is not this server's loopback name
// (which defeats DNS rebinding) or whose Origin is another site (which stops
// other web pages from calling the RPC), and sets headers that keep the
// console out of frames and keep the token out of Referer headers. It sends
// no CORS headers, so browsers refuse cross-origin reads as well.
func guard(port int, next http.Handler) http.Handler {
	p := strconv.Itoa(port)
	hosts := map[string]bool{"127.0.0.1:" + p: true, "localhost:" + p: true, "[::1]:" + p: true}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-store")
		h.Set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'")
		if !hosts[strings.ToLower(r.Host)] {
			writeError(w, http.StatusForbidden, app.Errorf(app.CodeForbiddenOrigin, "host %q is not this console", r.Host))
			return
		}
		if o := r.Header.Get("Origin"); o != "" {
			host, ok := strings.CutPrefix(strings.ToLower(o), "http://")
			if !ok || !hosts[host] {
				writeError(w, http.StatusForbidden, app.Errorf(app.CodeForbiddenOrigin, "origin %q may not call this console", o))
				return
			}
		}
		if r.Header.Get("Sec-Fetch-Site") == "cross-site" {
			writeError(w, http.StatusForbidden, app.Errorf(app.CodeForbiddenOrigin, "cross-site requests are refused"))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// validToken checks the bearer token in constant time.
func validToken(r *http.Request, token string) bool {
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && token != "" && subtle.ConstantTimeCompare([]byte(got), []byte(token)) == 1
}
