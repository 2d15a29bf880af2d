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
	"hoso/dossier"
	"hoso/iso"
	"hoso/p2p/syncproto"
	"hoso/report"
	"hoso/store"
)

// TestIsoDemoYearLateDossiers runs the demo year and checks, over every
// dossier it made, that each dossier resolved late has exactly one
// late_dossier nonconformity and no other dossier has one, however many
// times the log is read; and that the demo left one effective action and
// one overdue.
func TestIsoDemoYearLateDossiers(t *testing.T) {
	if testing.Short() {
		t.Skip("a demo year")
	}
	clock := demo.NewClock(time.Date(2025, 11, 27, 0, 0, 0, 0, time.UTC))
	st, err := store.Open(store.Options{Dir: t.TempDir(), Signer: ed25519.NewKeyFromSeed(make([]byte, 32)), Projections: app.Projections(), Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	core := &app.Core{}
	core.Ready(app.Deps{Store: st, PeerID: "p", DataDir: t.TempDir()})
	svcs := app.NewServices(core, app.ServicesOptions{Now: clock.Now, Auth: app.AuthOptions{Password: app.PasswordParams{Time: 1, MemoryKiB: 64, Threads: 1}}})
	if _, err := demo.Run(demo.Options{Services: svcs, Clock: clock, Dossiers: 120, Seed: 11}); err != nil {
		t.Fatal(err)
	}
	call := func(method string, req, out any) {
		t.Helper()
		b, _ := json.Marshal(req)
		res, err := svcs.CallAs(context.Background(), "", true, method, b)
		if err != nil {
			t.Fatalf("%s: %v", method, err)
		}
		raw, _ := json.Marshal(res)
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatal(err)
		}
	}

	late := map[string]bool{}
	hits, err := st.Scan("dossier", "fact", store.ScanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hits {
		b, err := st.State("dossier", h.Subject)
		if err != nil {
			t.Fatal(err)
		}
		var d dossier.Dossier
		if err := json.Unmarshal(b, &d); err != nil {
			t.Fatal(err)
		}
		if f, ok := report.FromDossier(d); ok && f.Resolved > 0 && f.Timing == dossier.TimingLate {
			late[d.Code] = true
		}
	}
	if len(late) == 0 {
		t.Fatal("the demo year has no late dossier: the property proves nothing")
	}
	for round := range 2 {
		var r app.NCListReply
		call("Iso.Nonconformities", app.NCListRequest{Source: iso.SourceLateDossier}, &r)
		if round == 1 && r.Raised != 0 {
			t.Fatalf("reading the log again raised %d", r.Raised)
		}
		per := map[string]int{}
		for _, n := range r.Items {
			per[n.Dossier]++
			if !late[n.Dossier] {
				t.Errorf("%s has a late_dossier NC but is not late", n.Dossier)
			}
		}
		for code := range late {
			if per[code] != 1 {
				t.Errorf("late dossier %s has %d late_dossier NCs", code, per[code])
			}
		}
	}

	var acts app.ActionsReply
	call("Iso.Actions", app.ActionsRequest{}, &acts)
	effective, overdue := 0, 0
	for _, a := range acts.Items {
		if a.Check != nil && a.Check.Effective {
			effective++
		}
		if a.Overdue {
			overdue++
		}
	}
	if effective != 1 || overdue != 1 || acts.Overdue != 1 {
		t.Fatalf("demo actions: %d effective, %d overdue of %d", effective, overdue, len(acts.Items))
	}
	if !strings.HasPrefix(acts.Office, demo.Home.Code) {
		t.Fatalf("office %s", acts.Office)
	}

	// Sync: every quality event is owned by its office, so it goes up the
	// tree to the district and province and never to a sibling commune;
	// none is reference data, which would flow down to every office.
	var all app.NCListReply
	call("Iso.Nonconformities", app.NCListRequest{}, &all)
	subjects := []string{}
	for _, n := range all.Items {
		subjects = append(subjects, iso.NCSubject(acts.Office, n.ID))
	}
	for _, a := range acts.Items {
		subjects = append(subjects, iso.ActionSubject(acts.Office, a.ID))
	}
	// The two-tier demo tree: the province 38 over its communes.
	paths := treePaths{}
	for _, o := range demo.Offices(false) {
		if o.Parent == "" {
			paths[o.Code] = o.Code
		}
	}
	for range 3 {
		for _, o := range demo.Offices(false) {
			if p, ok := paths[o.Parent]; ok {
				paths[o.Code] = p + "/" + o.Code
			}
		}
	}
	paths["38"] = "38"
	above := syncproto.NewScope(paths["38"], paths)
	sibling := syncproto.NewScope(paths["38002"], paths)
	kinds := map[string]bool{}
	for _, s := range subjects {
		evs, err := st.Events(s)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range evs {
			kinds[e.Kind] = true
			if e.Owner != acts.Office || syncproto.IsReference(e.Subject) {
				t.Fatalf("%s %s owned by %q", e.Kind, e.Subject, e.Owner)
			}
			if !above.Visible(e, nil) || sibling.Visible(e, nil) {
				t.Fatalf("%s %s: visible to the province %t, to commune 38002 %t", e.Kind, e.Subject, above.Visible(e, nil), sibling.Visible(e, nil))
			}
		}
	}
	if len(kinds) != len(iso.NCKinds())+len(iso.ActionKinds()) {
		t.Fatalf("the demo wrote kinds %v", kinds)
	}
}

// treePaths places offices by their path from the province.
type treePaths map[string]string

func (p treePaths) Path(office string) (string, bool) {
	v, ok := p[office]
	return v, ok
}
