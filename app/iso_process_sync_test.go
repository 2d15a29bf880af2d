package app_test

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"hoso/app"
	"hoso/demo"
	"hoso/iso"
	"hoso/p2p/syncproto"
	"hoso/store"
)

// storeTree places offices by the office records of a store, as the sync
// server does.
type storeTree struct{ st *store.Store }

func (t storeTree) Path(office string) (string, bool) { return app.OfficePath(t.st, office) }

// TestIsoProcessSyncScope: a commune's processes are its own records, not
// reference data. Every event of them is owned by the commune, so sync
// carries it up to the province (and a district, when there is one) and
// never to a sibling commune.
func TestIsoProcessSyncScope(t *testing.T) {
	clock := demo.NewClock(time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC))
	st, err := store.Open(store.Options{InMemory: true, Signer: ed25519.NewKeyFromSeed(make([]byte, 32)), Projections: registered(), Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	core := &app.Core{}
	core.Ready(app.Deps{Store: st, PeerID: "p", DataDir: t.TempDir()})
	svcs := app.NewServices(core, app.ServicesOptions{Now: clock.Now, Auth: app.AuthOptions{Password: app.PasswordParams{Time: 1, MemoryKiB: 64, Threads: 1}}})
	if _, err := demo.Run(demo.Options{Services: svcs, Clock: clock, Dossiers: 5, Seed: 3, Districts: true}); err != nil {
		t.Fatal(err)
	}
	home := demo.Home.Code
	homePath, ok := app.OfficePath(st, home)
	if !ok || strings.Count(homePath, "/") < 2 {
		t.Fatalf("the demo commune is not under a district: %q", homePath)
	}
	parent := homePath[:strings.LastIndex(homePath, "/")]
	province := homePath[:strings.Index(homePath, "/")]
	var sibling string
	for _, code := range []string{"38002", "38003"} {
		if p, ok := app.OfficePath(st, code); ok && p != homePath {
			sibling = p
			break
		}
	}
	if sibling == "" {
		t.Fatal("the demo has no sibling commune")
	}
	tree := storeTree{st}
	n := 0
	res, err := svcs.CallAs(context.Background(), "", true, "Iso.Processes", []byte(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	var list app.ProcessesReply
	raw, _ := json.Marshal(res)
	if err := json.Unmarshal(raw, &list); err != nil {
		t.Fatal(err)
	}
	for _, row := range list.Processes {
		evs, err := st.SubjectEvents(iso.ProcessSubject(home, row.Procedure))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range evs {
			n++
			if e.Owner != home || syncproto.IsReference(e.Subject) {
				t.Fatalf("%s %s: owner %q, reference %v", e.Subject, e.Kind, e.Owner, syncproto.IsReference(e.Subject))
			}
			for _, c := range []struct {
				path string
				want bool
			}{{parent, true}, {province, true}, {homePath, true}, {sibling, false}} {
				if got := syncproto.NewScope(c.path, tree).Visible(e, nil); got != c.want {
					t.Errorf("%s %s seen from %s: %v, want %v", e.Subject, e.Kind, c.path, got, c.want)
				}
			}
		}
	}
	if n < 9 {
		t.Fatalf("the demo wrote %d process events, not the 4 processes approved and a second draft: the test proves little", n)
	}
}
