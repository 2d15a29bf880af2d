package p2p

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"regexp"
	"strconv"
	"testing"

	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/p2p/net/swarm"

	"hoso/p2p/syncproto"
	"hoso/store"
	"hoso/trust"
)

// TestFailuresListed checks that Failures lists every Failure constant of
// failure.go, in the declared order, each once and shaped as a locale key.
// The frontend's test checks each has a text in both locales.
func TestFailuresListed(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "failure.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var declared []Failure
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, spec := range g.Specs {
			v := spec.(*ast.ValueSpec)
			if id, ok := v.Type.(*ast.Ident); !ok || id.Name != "Failure" {
				continue
			}
			s, err := strconv.Unquote(v.Values[0].(*ast.BasicLit).Value)
			if err != nil {
				t.Fatal(err)
			}
			declared = append(declared, Failure(s))
		}
	}
	listed := Failures()
	if len(declared) < 10 || len(listed) != len(declared) {
		t.Fatalf("failure.go declares %d codes, Failures lists %d", len(declared), len(listed))
	}
	shape := regexp.MustCompile(`^[a-z][a-z_]*$`)
	seen := map[Failure]bool{}
	for i, c := range declared {
		if listed[i] != c || seen[c] || !shape.MatchString(string(c)) {
			t.Errorf("code %d: declared %q, listed %q (each once, in order, lower_snake)", i, c, listed[i])
		}
		seen[c] = true
	}
}

// TestFailureOf classifies the errors a sync meets.
func TestFailureOf(t *testing.T) {
	wrap := func(err error) error { return fmt.Errorf("opening a sync stream to 12D3KooW…: %w", err) }
	tests := []struct {
		err  error
		dflt Failure
		want Failure
	}{
		{nil, FailOther, ""},
		{errors.New("disk full"), FailOther, FailOther},
		{errors.New("something"), FailDial, FailDial},
		{wrap(swarm.ErrNoAddresses), FailOther, FailNoAddress},
		{wrap(swarm.ErrDialBackoff), FailOther, FailDial},
		{wrap(&swarm.DialError{Peer: "x", Cause: errors.New("connection refused")}), FailOther, FailDial},
		{wrap(context.DeadlineExceeded), FailOther, FailTimeout},
		{wrap(os.ErrDeadlineExceeded), FailOther, FailTimeout},
		{wrap(network.ErrReset), FailOther, FailConnectionLost},
		{wrap(ErrProtocol), FailOther, FailProtocol},
		{wrap(store.ErrBadSignature), FailOther, FailTampered},
		{wrap(trust.ErrRevoked), FailOther, FailRevoked},
		{wrap(trust.ErrExpired), FailOther, FailExpired},
		{wrap(trust.ErrUntrusted), FailOther, FailUntrusted},
		{wrap(ErrNotEnrolled), FailOther, FailNotEnrolled},
		{&syncproto.Refusal{What: "the peer refused this node", Fail: syncproto.Fail{Code: syncproto.CodeBudget}}, FailOther, FailBudget},
		{&syncproto.Refusal{What: "the peer refused this node", Fail: syncproto.Fail{Code: syncproto.CodeUntrusted}}, FailOther, FailRefusedByPeer},
		{&syncproto.Refusal{What: "the peer stopped", Fail: syncproto.Fail{Code: syncproto.CodeProtocol}}, FailOther, FailProtocol},
		{&syncproto.Refusal{What: "the peer stopped", Fail: syncproto.Fail{Code: "from a newer peer"}}, FailOther, FailRefusedByPeer},
	}
	for _, tc := range tests {
		if got := failureOf(tc.err, tc.dflt); got != tc.want {
			t.Errorf("failureOf(%v) = %q, want %q", tc.err, got, tc.want)
		}
	}
}

// TestFailingPeerStatusHasACode checks that a failing peer's status on the
// Đồng bộ screen carries a code of the block and no error text, and that
// the text is in the log.
func TestFailingPeerStatusHasACode(t *testing.T) {
	pv := newProvince(t)
	codes := map[Failure]bool{}
	for _, c := range Failures() {
		codes[c] = true
	}
	check := func(n, of *node, want Failure) {
		t.Helper()
		st := statusOf(n, of.id)
		if st.LastError != want || !codes[st.LastError] || st.LastErrorAt.IsZero() {
			t.Fatalf("%s's status of %s: %q at %v, want %q", n.name, of.name, st.LastError, st.LastErrorAt, want)
		}
	}

	// A peer never seen on the network: no address to dial.
	if _, err := pv.a.sync.Pull(context.Background(), pv.b.id); err == nil {
		t.Fatal("a pull from a peer without an address succeeded")
	}
	check(pv.a, pv.b, FailNoAddress)
	if !pv.a.logs.has("pulling from " + pv.b.id.String() + " failed (no_address)") {
		t.Errorf("the error is not logged: %v", pv.a.logs.lines)
	}

	// A peer whose budget with this node is spent refuses it.
	resync(pv.d, SyncOptions{DailyBudget: 1000})
	pv.d.sync.budget.spend(pv.a.id, 5000)
	link(t, pv.a, pv.d)
	if _, err := pv.a.sync.Pull(context.Background(), pv.d.id); err == nil {
		t.Fatal("a peer over its budget served a pull")
	}
	check(pv.a, pv.d, FailBudget)
	if !pv.a.logs.has("daily sync budget") {
		t.Errorf("the peer's message is not logged: %v", pv.a.logs.lines)
	}
}
