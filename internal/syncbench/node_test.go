package syncbench

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"hoso/store"
)

// reopen opens the node's database folder again and closes it: Badger
// holds a lock on an open folder, so this fails with store.ErrLocked while
// a node still holds its store.
func reopen(t *testing.T, dir string) error {
	t.Helper()
	st, err := store.Open(store.Options{Dir: dir})
	if err == nil {
		st.Close()
	}
	return err
}

// TestNewNodeClosesStoreOnError: a district whose host cannot start (an
// address that is no multiaddr) fails after its store is open; the store
// is closed, so the folder opens again. Before the move newBenchNode left
// it open on every error after store.Open.
func TestNewNodeClosesStoreOnError(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "district")
	n, err := newNode(PeerConfig{Role: RoleDistrict, Dir: dir, listen: []string{"not a multiaddr"}}, io.Discard)
	if err == nil {
		n.close()
		t.Fatal("a district with a bad listen address started")
	}
	if err := reopen(t, dir); err != nil {
		if errors.Is(err, store.ErrLocked) {
			t.Fatalf("the failed node left its store open: %v", err)
		}
		t.Fatal(err)
	}
}

// TestNewNodeRefusesUnknownRole: nothing is opened for a role the
// benchmark does not know.
func TestNewNodeRefusesUnknownRole(t *testing.T) {
	t.Parallel()
	if _, err := newNode(PeerConfig{Role: "province", Dir: t.TempDir()}, io.Discard); err == nil {
		t.Fatal("a province node started")
	}
}

// TestServePeerLines drives a commune node in process over the line
// protocol: the hello carries its peer ID, each request gets one reply in
// order (errors as ok false with their text), and the end of the input
// stops the node and closes its store.
func TestServePeerLines(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "commune")
	docs := filepath.Join(t.TempDir(), "docs.jsonl")
	writeFile(t, docs, sampleDocs)
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	served := make(chan error, 1)
	go func() {
		served <- ServePeer(PeerConfig{Role: RoleCommune, Dir: dir}, inR, outW, io.Discard)
		outW.Close()
	}()
	out := bufio.NewReader(outR)
	read := func() Reply {
		t.Helper()
		line, err := out.ReadBytes('\n')
		if err != nil {
			t.Fatalf("reading a reply: %v", err)
		}
		var r Reply
		if err := json.Unmarshal(line, &r); err != nil {
			t.Fatalf("a reply %q: %v", line, err)
		}
		return r
	}
	send := func(line string) Reply {
		t.Helper()
		if _, err := io.WriteString(inW, line+"\n"); err != nil {
			t.Fatal(err)
		}
		return read()
	}
	hello := read()
	if !hello.OK || !strings.HasPrefix(hello.PeerID, "12D3KooW") {
		t.Fatalf("hello: %+v", hello)
	}
	if r := send(`{"cmd":"load","docs":"` + docs + `"}`); !r.OK || r.Dossiers != 2 || r.Events != 3 {
		t.Fatalf("load: %+v", r)
	}
	if r := send(`{"cmd":"holds","peerId":"` + hello.PeerID + `"}`); !r.OK || r.Seq != 3 {
		t.Fatalf("holds: %+v", r)
	}
	if r := send(`{"cmd":"modify","docs":"` + docs + `","count":1,"n":2}`); !r.OK || r.Dossiers != 1 {
		t.Fatalf("modify: %+v", r)
	}
	if r := send(`{"cmd":"issue","peerId":"` + hello.PeerID + `"}`); r.OK || r.Error != errNotEnrolled.Error() {
		t.Fatalf("issue before enrolment: %+v", r)
	}
	if r := send(`{"cmd":"pull","peerId":"` + hello.PeerID + `"}`); r.OK || r.Error == "" {
		t.Fatalf("pull without a host: %+v", r)
	}
	if r := send(`{"cmd":"dance"}`); r.OK || !strings.Contains(r.Error, "unknown command") {
		t.Fatalf("unknown command: %+v", r)
	}
	if r := send(`not json`); r.OK || r.Error == "" {
		t.Fatalf("a line that is not JSON: %+v", r)
	}
	if r := send(`{"cmd":"peak","reset":true}`); !r.OK || r.CPUms <= 0 {
		t.Fatalf("peak: %+v", r)
	}
	inW.Close()
	if err := <-served; err != nil {
		t.Fatal(err)
	}
	if err := reopen(t, dir); err != nil {
		t.Fatalf("the node's store after the end of its input: %v", err)
	}
}

// TestRunChecksConfig: a run without dossiers or without a way to start
// its nodes fails before it starts anything.
func TestRunChecksConfig(t *testing.T) {
	t.Parallel()
	if _, err := Run(Config{Dossiers: 0, Peer: func(PeerConfig) *exec.Cmd { return nil }}); err == nil {
		t.Error("a run of no dossiers started")
	}
	if _, err := Run(Config{Dossiers: 10}); err == nil {
		t.Error("a run without Config.Peer started")
	}
}
