package app

import (
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"strconv"
	"testing"
)

// declaredCodes reads errors.go and returns the value of every constant of
// type Code, in the order declared: the list a new code joins without
// anyone editing a test.
func declaredCodes(t *testing.T) []Code {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "errors.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []Code
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, spec := range g.Specs {
			v := spec.(*ast.ValueSpec)
			if id, ok := v.Type.(*ast.Ident); !ok || id.Name != "Code" {
				continue
			}
			for _, val := range v.Values {
				lit, ok := val.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					t.Fatalf("a Code constant is not a string literal: %#v", val)
				}
				s, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Fatal(err)
				}
				out = append(out, Code(s))
			}
		}
	}
	if len(out) < 20 {
		t.Fatalf("found only %d codes in errors.go: the parse proves nothing", len(out))
	}
	return out
}

// TestEveryCodeHasAStatus checks that the status table lists every declared
// code once, in the declared order, with a real error status.
func TestEveryCodeHasAStatus(t *testing.T) {
	declared := declaredCodes(t)
	listed := Codes()
	if len(listed) != len(declared) {
		t.Fatalf("errors.go declares %d codes, the status table lists %d", len(declared), len(listed))
	}
	seen := map[Code]bool{}
	for i, c := range declared {
		if listed[i] != c {
			t.Errorf("code %d: declared %q, the status table has %q (same order: the list is append-only)", i, c, listed[i])
		}
		if seen[c] {
			t.Errorf("code %q is declared twice", c)
		}
		seen[c] = true
		st := c.Status()
		if st < 400 || st > 599 || http.StatusText(st) == "" {
			t.Errorf("code %q has status %d, not an HTTP error status", c, st)
		}
	}
}

// TestRefusalsAreNot500 pins the statuses the issue names: a business
// refusal is the caller's to act on, never an internal error.
func TestRefusalsAreNot500(t *testing.T) {
	want := map[Code]int{
		CodeInternal:              http.StatusInternalServerError,
		CodeInvalidInput:          http.StatusBadRequest,
		CodeBadLogin:              http.StatusUnauthorized,
		CodeUnauthenticated:       http.StatusUnauthorized,
		CodeUnauthorized:          http.StatusUnauthorized,
		CodeWrongSecret:           http.StatusUnauthorized,
		CodeForbidden:             http.StatusForbidden,
		CodeAccountDisabled:       http.StatusForbidden,
		CodeNotFound:              http.StatusNotFound,
		CodeConflict:              http.StatusConflict,
		CodeRefused:               http.StatusConflict,
		CodeSetupDone:             http.StatusConflict,
		CodeVaultState:            http.StatusConflict,
		CodeLocked:                http.StatusLocked,
		CodeAccountLocked:         http.StatusLocked,
		CodeNotReady:              http.StatusServiceUnavailable,
		CodeImportRejected:        http.StatusUnprocessableEntity,
		CodeBundleRejected:        http.StatusUnprocessableEntity,
		Code("from_a_newer_node"): http.StatusInternalServerError,
	}
	for c, st := range want {
		if got := c.Status(); got != st {
			t.Errorf("%q answers %d, want %d", c, got, st)
		}
	}
	// Only a failure of this node is a 5xx.
	fiveHundreds := map[Code]bool{CodeInternal: true, CodeTampered: true, CodeNotReady: true, CodeDataUnavailable: true,
		CodeDataInUse: true, CodeNotInitialised: true, CodeUnreachable: true, CodeKeyUnavailable: true, CodeNoViewer: true}
	for _, c := range Codes() {
		if c.Status() >= 500 && !fiveHundreds[c] {
			t.Errorf("%q answers %d: a refusal the caller can act on is a 4xx", c, c.Status())
		}
	}
}
