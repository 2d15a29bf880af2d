package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"hoso/node"
)

// startServe runs serve with o (its stdout set here) and returns what it
// printed up to its login line, and a function that stops it.
func startServe(t *testing.T, o serveOptions) (string, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	o.stdout = pw
	go func() {
		done <- serve(ctx, o)
		pw.Close()
	}()
	printed := make(chan string, 1)
	go func() {
		var acc strings.Builder
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			acc.WriteString(sc.Text() + "\n")
			if strings.HasPrefix(sc.Text(), "login: ") {
				printed <- acc.String()
				io.Copy(io.Discard, pr)
				return
			}
		}
		printed <- acc.String()
	}()
	stop := func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
	select {
	case out := <-printed:
		return out, stop
	case err := <-done:
		t.Fatalf("serve stopped: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("serve printed no login line")
	}
	return "", nil
}

var loginLine = regexp.MustCompile(`(?m)^login: (http://127\.0\.0\.1:\d+/login/[0-9a-f]{64}) `)

// TestServePrintsNoToken is issue 15 item 8: serve prints where the console
// token is kept and a login link that works once, never the token.
func TestServePrintsNoToken(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "node")
	if out, code := runCLI(t, "init", "--data", dir); code != exitOK {
		t.Fatalf("init: %s", out)
	}
	out, stop := startServe(t, serveOptions{dir: dir, console: "127.0.0.1:0"})
	defer stop()
	token, err := node.ReadToken(dir)
	if err != nil {
		t.Fatal(err)
	}
	operator, _ := node.ReadOperatorToken(dir)
	if strings.Contains(out, token) || strings.Contains(out, operator) || strings.Contains(out, "token=") {
		t.Fatalf("serve printed a token:\n%s", out)
	}
	if !strings.Contains(out, "token file: "+filepath.Join(dir, node.TokenFile)+"\n") {
		t.Fatalf("serve did not name the token file:\n%s", out)
	}
	m := loginLine.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no login link:\n%s", out)
	}
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	open := func(link string) *http.Response {
		t.Helper()
		resp, err := noRedirect.Get(link)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	if r := open(m[1]); r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/?token="+token {
		t.Fatalf("login link: %s → %q", r.Status, r.Header.Get("Location"))
	}
	if r := open(m[1]); r.StatusCode != http.StatusUnauthorized {
		t.Fatalf("login link used twice: %s", r.Status)
	}

	// `login` asks the running node for another one.
	lout, code := runCLI(t, "login", "--data", dir)
	link, _ := decode(t, lout)["url"].(string)
	if code != exitOK || !strings.Contains(link, "/login/") || link == m[1] {
		t.Fatalf("login: %d %s", code, lout)
	}
	if r := open(link); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("the new link: %s", r.Status)
	}
}

func TestLoginWithoutServe(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "node")
	if out, code := runCLI(t, "init", "--data", dir); code != exitOK {
		t.Fatalf("init: %s", out)
	}
	out, code := runCLI(t, "login", "--data", dir)
	if code != exitFailed || errorCode(t, out) != "node_unreachable" {
		t.Fatalf("login without serve: %d %s", code, out)
	}
}
