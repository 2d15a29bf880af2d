package app_test

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"hoso/app"
	"hoso/demo"
	"hoso/inspect"
	"hoso/p2p/syncproto"
	"hoso/store"
)

// TestInspectionsSyncScope: an inspection holds the province inspector's
// events (owned by the province, addressed to the commune) and the
// commune's answers (owned by the commune, addressed to the province).
// Sync carries every one of them to the commune, its district and the
// province, and none to a sibling commune.
func TestInspectionsSyncScope(t *testing.T) {
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
	homePath, _ := app.OfficePath(st, home)
	parent := homePath[:strings.LastIndex(homePath, "/")]
	province := homePath[:strings.Index(homePath, "/")]
	sibling, _ := app.OfficePath(st, "38002")
	if strings.Count(homePath, "/") < 2 || sibling == "" || sibling == homePath {
		t.Fatalf("the demo tree: %q, sibling %q", homePath, sibling)
	}
	res, err := svcs.CallAs(context.Background(), "", true, "Inspections.List", []byte(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	var list app.InspectionsReply
	raw, _ := json.Marshal(res)
	if err := json.Unmarshal(raw, &list); err != nil || len(list.Inspections) != 1 || list.Inspections[0].Overdue != 1 {
		t.Fatalf("the demo's inspections: %+v %v", list, err)
	}
	subject := inspect.Subject(home, list.Inspections[0].ID)
	evs, err := st.SubjectEvents(subject)
	if err != nil {
		t.Fatal(err)
	}
	// Each event is judged with the audience the subject had once it was
	// written, as a sync server then would: the inspector's first events
	// must reach the commune before it has answered anything.
	var audience []string
	owners := map[string]int{}
	tree := storeTree{st}
	for _, e := range evs {
		owners[e.Owner]++
		for _, o := range e.Offices() {
			if !slices.Contains(audience, o) {
				audience = append(audience, o)
			}
		}
		for _, c := range []struct {
			path string
			want bool
		}{{homePath, true}, {parent, true}, {province, true}, {sibling, false}} {
			if got := syncproto.NewScope(c.path, tree).Visible(e, audience); got != c.want {
				t.Errorf("%s %s (owner %s) seen from %s: %v, want %v", e.Subject, e.Kind, e.Owner, c.path, got, c.want)
			}
		}
	}
	if owners["38"] < 4 || owners[home] != 1 {
		t.Fatalf("owners of the inspection's events: %v", owners)
	}
}
