package demo

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"hoso/app"
	"hoso/complaint"
	"hoso/iso"
)

// TestDemoComplaints: the demo's complaints cover every category, one
// answered on time and rated, one refused, one late whose nonconformity
// is in the log once.
func TestDemoComplaints(t *testing.T) {
	clock := NewClock(time.Date(2026, 11, 27, 2, 0, 0, 0, time.UTC))
	svcs, _ := newServices(t, clock)
	if _, err := Run(Options{Services: svcs, Clock: clock}); err != nil {
		t.Fatal(err)
	}
	call := func(method string, req, out any) {
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
	var l app.ComplaintsReply
	call("Complaints.List", app.ComplaintsRequest{}, &l)
	cats := map[complaint.Category]int{}
	states := map[complaint.State]int{}
	onTimeRated, late := 0, 0
	for _, c := range l.Complaints {
		cats[c.Category]++
		states[c.State]++
		if c.OnTime && c.Satisfied {
			onTimeRated++
		}
		if len(c.Late) > 0 {
			late++
		}
	}
	if len(l.Complaints) != 5 || len(cats) != 3 || states[complaint.StateRefused] != 1 || onTimeRated != 1 || late != 1 {
		t.Fatalf("demo complaints: %+v", l.Complaints)
	}
	var ncs app.NCListReply
	call("Iso.Nonconformities", app.NCListRequest{Source: iso.SourceComplaint}, &ncs)
	if len(ncs.Items) != 1 || ncs.Raised != 0 {
		t.Fatalf("the late complaint's nonconformity: %+v", ncs)
	}
}
