package demo

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"hoso/app"
	"hoso/dossier"
)

// TestDemoProvince: a province of several communes with several desks each
// spreads the dossiers over every commune (its own staff receiving and
// working them) and every desk, with no step dropped; the node is left
// as desk 0.
func TestDemoProvince(t *testing.T) {
	clock := NewClock(time.Date(2025, 11, 27, 0, 0, 0, 0, time.UTC))
	svcs, _ := newServices(t, clock)
	const communes, desks = 5, 3
	rep, err := Run(Options{Services: svcs, Clock: clock, Dossiers: 150, Seed: 3, Communes: communes, DesksPerCommune: desks})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Communes != communes || rep.Desks != desks || rep.Offices != 2+communes || rep.Skipped != 0 {
		t.Fatalf("report %+v", rep)
	}
	call := func(method string, req, out any) {
		t.Helper()
		b, _ := json.Marshal(req)
		res, err := svcs.CallAs(context.Background(), "", true, method, b)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := json.Marshal(res)
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatal(err)
		}
	}
	names := map[string]string{}
	for _, o := range provinceCommunes(communes) {
		names[o.Code] = shortName(o)
	}
	agencies, deskSeen, receivers := map[string]int{}, map[int]bool{}, map[string]bool{}
	for page := 1; ; page++ {
		var list app.SearchReply
		call("Dossiers.Search", app.SearchRequest{Page: page, PageSize: 200}, &list)
		for _, it := range list.Items {
			c, err := dossier.ParseCode(it.Code)
			if err != nil {
				t.Fatal(err)
			}
			agencies[c.Agency]++
			deskSeen[c.Desk()] = true
			var got app.DossierReply
			call("Dossiers.Get", app.DossierRequest{Code: it.Code}, &got)
			if got.Dossier.Office != c.Agency {
				t.Errorf("%s is held by %s", it.Code, got.Dossier.Office)
			}
			receivers[got.Dossier.ReceivedBy()] = true
			if !strings.HasSuffix(got.Dossier.Applicant.Address, ", xã "+names[c.Agency]) {
				t.Errorf("%s: applicant of %q", it.Code, got.Dossier.Applicant.Address)
			}
		}
		if !list.More {
			break
		}
	}
	if len(agencies) != communes || len(deskSeen) != desks || len(receivers) < communes {
		t.Fatalf("dossiers by commune %v, desks %v, %d receiving clerks", agencies, deskSeen, len(receivers))
	}
	var sys app.Info
	call("System.Info", struct{}{}, &sys)
	if sys.Desk != 0 {
		t.Errorf("the node is left as desk %d", sys.Desk)
	}
}
