package node

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"hoso/app"
	"hoso/seal"
)

// An enrolment text refused is refused with a rule the interface words in
// its own language (issue 22 item 9): a damaged text, a text issued to
// another device. Go's message stays for scripts.
func TestAcceptNamesWhyAnEnrolmentIsRefused(t *testing.T) {
	base := t.TempDir()
	mk := func(name string) *Node {
		n, err := Init(InitOptions{Dir: filepath.Join(base, name), Seal: seal.CreateOptions{Method: seal.MethodKeyFile, KeyFile: filepath.Join(base, name+".key"), KDF: testKDF}})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { n.Close() })
		return n.Node
	}
	root, desk, other := mk("root"), mk("desk"), mk("other")
	if err := root.EnrolRoot("38"); err != nil {
		t.Fatal(err)
	}
	issued, err := NewSyncEngine(root, nil).Issue(app.IssueRequest{Peer: desk.Identity.PeerID.String(), Office: "38", Role: "desk", Days: 30})
	if err != nil {
		t.Fatal(err)
	}
	rule := func(e *SyncEngine, text string) string {
		t.Helper()
		err := e.Accept(text)
		var ae *app.Error
		if !errors.As(err, &ae) || ae.Code != app.CodeInvalidInput || ae.Field != "text" {
			t.Fatalf("accept %.20q: %v, want invalid_input on text", text, err)
		}
		return ae.Params["rule"]
	}
	if got := rule(NewSyncEngine(desk, nil), "HSENROL1.@@@"); got != "malformed" {
		t.Errorf("a damaged text: rule %q, want malformed", got)
	}
	if got := rule(NewSyncEngine(desk, nil), "xin chào"); got != "malformed" {
		t.Errorf("not an enrolment text: rule %q, want malformed", got)
	}
	cut := issued.Text[:len(issued.Text)-10]
	if got := rule(NewSyncEngine(desk, nil), cut); got != "malformed" {
		t.Errorf("a cut text: rule %q, want malformed", got)
	}
	if got := rule(NewSyncEngine(other, nil), issued.Text); got != "other_device" {
		t.Errorf("another device's text: rule %q, want other_device", got)
	}
	if !strings.HasPrefix(issued.Text, "HSENROL1") {
		t.Fatalf("issued text %.20q", issued.Text)
	}
	if err := NewSyncEngine(desk, nil).Accept(issued.Text); err != nil {
		t.Fatalf("the right device refused its text: %v", err)
	}
}
