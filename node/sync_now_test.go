package node

import (
	"context"
	"net"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"hoso/app"
	"hoso/p2p"
	"hoso/seal"
)

// TestSyncNowAnswersAtOnceWhenNoPeerIsReachable: an enrolled desk whose
// hub is down (its port refuses) answers "Đồng bộ ngay" in well under a
// second, naming the hub and why (dial_refused), not after the run loop's
// 20 s dial; then Close stops sync before the host and the store close.
func TestSyncNowAnswersAtOnceWhenNoPeerIsReachable(t *testing.T) {
	base := t.TempDir()
	mk := func(name string) *Node {
		n, err := Init(InitOptions{Dir: filepath.Join(base, name), Seal: seal.CreateOptions{Method: seal.MethodKeyFile, KeyFile: filepath.Join(base, name+".key"), KDF: testKDF}})
		if err != nil {
			t.Fatal(err)
		}
		return n.Node
	}
	root, desk := mk("root"), mk("desk")
	defer root.Close()
	if err := root.EnrolRoot("38"); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close() // the hub's node is not running
	hub := "/ip4/127.0.0.1/tcp/" + strconv.Itoa(port) + "/p2p/" + root.Identity.PeerID.String()
	issued, err := NewSyncEngine(root, nil).Issue(app.IssueRequest{Peer: desk.Identity.PeerID.String(), Office: "38", Role: "desk", Days: 30, Hubs: []string{hub}})
	if err != nil {
		t.Fatal(err)
	}
	if err := NewSyncEngine(desk, nil).Accept(issued.Text); err != nil {
		t.Fatal(err)
	}
	gater, _ := desk.Gater()
	h, err := p2p.NewHost(p2p.HostOptions{Identity: desk.Identity, Gater: gater})
	if err != nil {
		t.Fatal(err)
	}
	eng := NewSyncEngine(desk, h)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go eng.Run(ctx)

	start := time.Now()
	st, err := eng.Now(context.Background())
	took := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	if took > time.Second {
		t.Errorf("Now took %v with the only hub down; want well under a second", took)
	}
	if len(st.Tried) != 1 || st.Tried[0].Peer != root.Identity.PeerID.String() || !st.Tried[0].Hub || st.Tried[0].Code != p2p.ReachRefused {
		t.Errorf("Now tried %+v; want the hub, dial_refused", st.Tried)
	}
	t.Logf("Now answered in %v: %+v", took, st.Tried)

	// The order every owner follows: sync, then the host, then the store.
	eng.Close()
	if _, err := eng.Now(context.Background()); app.AsError(err).Code != app.CodeNotReady {
		t.Errorf("Now after Close: %v, want not_ready", err)
	}
	h.Close()
	if err := desk.Close(); err != nil {
		t.Fatal(err)
	}
}
