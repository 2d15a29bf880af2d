package demo

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"hoso/app"
)

func TestDemoYear(t *testing.T) {
	clock := NewClock(time.Date(2025, 11, 27, 0, 0, 0, 0, time.UTC))
	svcs, _ := newServices(t, clock)
	rep, err := Run(Options{Services: svcs, Clock: clock, Dossiers: 200, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("report %+v", rep)
	if rep.Dossiers < 190 || rep.Paths["supplement"] == 0 || rep.Paths["refused"] == 0 || rep.Paths["lien_thong"] == 0 || rep.Paths["rescheduled"] == 0 {
		t.Fatalf("report %+v", rep)
	}
	// The shipped catalog lists papers: some intakes lack one and are not
	// received; some dossiers take their procedure's extended limit.
	if rep.Paths["incomplete_at_desk"] == 0 || rep.Paths["extended"] == 0 {
		t.Fatalf("no incomplete intake or no extended limit: %+v", rep.Paths)
	}
	// Most dossiers went all the way; some are late; ratings were given.
	search := func(req app.SearchRequest) app.SearchReply {
		b, _ := json.Marshal(req)
		out, err := svcs.CallAs(context.Background(), "", true, "Dossiers.Search", b)
		if err != nil {
			t.Fatal(err)
		}
		return out.(app.SearchReply)
	}
	returned := search(app.SearchRequest{Status: "returned", PageSize: 200})
	if len(returned.Items) < rep.Dossiers/2 {
		t.Fatalf("only %d of %d dossiers returned", len(returned.Items), rep.Dossiers)
	}
	// Events carry their simulated times: receptions spread over the year.
	first, last := returned.Items[0].ReceivedAt, returned.Items[0].ReceivedAt
	for _, it := range returned.Items {
		if it.ReceivedAt.Before(first) {
			first = it.ReceivedAt
		}
		if it.ReceivedAt.After(last) {
			last = it.ReceivedAt
		}
	}
	if last.Sub(first) < 200*24*time.Hour {
		t.Fatalf("receptions span %v", last.Sub(first))
	}
	if _, err := Run(Options{Services: svcs, Clock: clock}); app.AsError(err).Code != app.CodeSetupDone {
		t.Fatalf("a second demo run: %v", err)
	}
}
