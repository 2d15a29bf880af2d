package app

import (
	"strings"
	"testing"
	"time"

	"hoso/dossier"
	"hoso/iso"
)

// ncsOf lists the caller's office's nonconformities (running the scan).
func (s *staffEnv) ncs(t *testing.T, session string, req NCListRequest) NCListReply {
	t.Helper()
	var r NCListReply
	s.mustCall(t, session, "Iso.Nonconformities", req, &r)
	return r
}

// causes counts the nonconformities by cause.
func causes(items []NCItem) map[string]int {
	out := map[string]int{}
	for _, n := range items {
		out[n.Cause]++
	}
	return out
}

func TestIsoNCLateStepRaisedOnce(t *testing.T) {
	s := newStaffAt(t, vn(2026, 9, 1, 8).UTC())
	code := s.receiveAt(t, "Nguyễn Văn An", dossier.ChannelInPerson, vn(2026, 10, 1, 9))
	if got := s.ncs(t, s.leader, NCListRequest{}); len(got.Items) != 0 || got.Raised != 0 {
		t.Fatalf("a fresh dossier raised %+v", got.Items)
	}
	// A month later the reception step is still open, long past its due
	// day: one late step.
	s.now = vn(2026, 11, 2, 9).UTC()
	first := s.ncs(t, s.clerk, NCListRequest{})
	step1 := iso.CauseKey(iso.SourceLateStep, code, 1)
	if c := causes(first.Items); c[step1] != 1 || first.Raised != len(first.Items) {
		t.Fatalf("first scan: raised %d, causes %v", first.Raised, c)
	}
	n := first.Items[0]
	if n.Source != iso.SourceLateStep || n.Dossier != code || n.Process != "1.004837" || n.Clause != iso.ClauseServiceProvision || n.State != iso.StateRaised || !n.Open || n.Office != "38001" {
		t.Fatalf("the NC %+v", n)
	}
	// The step ends, late: a second late event of the same step raises
	// nothing more, nor does scanning again.
	if err := s.act(t, s.clerk, code, dossier.KindHandedOver, dossier.HandedOver{}); err != nil {
		t.Fatal(err)
	}
	s.now = s.now.Add(time.Hour)
	again := s.ncs(t, s.leader, NCListRequest{})
	if c := causes(again.Items); c[step1] != 1 {
		t.Fatalf("second scan: causes %v", c)
	}
	if again.Raised != 0 {
		t.Fatalf("second scan raised %d", again.Raised)
	}
	// Filters: open, source, period.
	if r := s.ncs(t, s.leader, NCListRequest{State: "closed"}); len(r.Items) != 0 {
		t.Fatalf("closed: %+v", r.Items)
	}
	if r := s.ncs(t, s.leader, NCListRequest{Source: iso.SourceApology}); len(r.Items) != 0 {
		t.Fatalf("apology: %+v", r.Items)
	}
	if r := s.ncs(t, s.leader, NCListRequest{Period: "2026-10"}); len(r.Items) != 0 {
		t.Fatalf("October: %+v", r.Items)
	}
	if r := s.ncs(t, s.leader, NCListRequest{Period: "2026-11"}); len(r.Items) != 1 {
		t.Fatalf("November: %+v", r.Items)
	}
	if err := s.call(t, s.leader, "Iso.Nonconformities", NCListRequest{Period: "soon"}, nil); err == nil || err.Field != "period" {
		t.Fatalf("bad period: %v", err)
	}
}

func TestIsoNCLateDossier(t *testing.T) {
	s := newStaffAt(t, vn(2026, 9, 1, 8).UTC())
	code := s.receiveAt(t, "Trần Thị Bình", dossier.ChannelInPerson, vn(2026, 10, 1, 9))
	s.now = vn(2026, 10, 30, 9).UTC()
	// Judged once while in progress (its reception step late), then again
	// once finished: the change of its state makes the rules read it anew.
	if c := causes(s.ncs(t, s.leader, NCListRequest{}).Items); c[iso.CauseKey(iso.SourceLateStep, code, 1)] != 1 || len(c) != 1 {
		t.Fatalf("in progress: %v", c)
	}
	s.finish(t, code, dossier.RatingUnsatisfied)
	c := causes(s.ncs(t, s.leader, NCListRequest{}).Items)
	for _, want := range []string{iso.CauseKey(iso.SourceLateDossier, code, 0), iso.CauseKey(iso.SourceNotSatisfied, code, 0)} {
		if c[want] != 1 {
			t.Fatalf("%s: causes %v", want, c)
		}
	}
}

// TestIsoNCTwoDesks: two desks scan the same late dossier before they
// sync; after syncing each way, each holds one NC of the cause, folded
// from both raises. Their reviews, made at once and disagreeing, show a
// conflict on both desks, and an action is refused until it is settled.
func TestIsoNCTwoDesks(t *testing.T) {
	a := newStaffAt(t, vn(2026, 9, 1, 8).UTC())
	b := newStaffAt(t, vn(2026, 9, 1, 8).UTC())
	code := a.receiveAt(t, "Lê Văn Cường", dossier.ChannelInPerson, vn(2026, 10, 1, 9))
	evs, err := a.st.Events(dossierPrefix + code)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.st.Ingest(evs); err != nil {
		t.Fatal(err)
	}
	a.now, b.now = vn(2026, 11, 2, 9).UTC(), vn(2026, 11, 2, 10).UTC()
	ra, rb := a.ncs(t, a.leader, NCListRequest{}), b.ncs(t, b.leader, NCListRequest{})
	if ra.Raised != 1 || rb.Raised != 1 {
		t.Fatalf("raised %d and %d", ra.Raised, rb.Raised)
	}
	id := ra.Items[0].ID
	sync := func() {
		t.Helper()
		for _, pair := range [][2]*staffEnv{{a, b}, {b, a}} {
			evs, err := pair[0].st.Events(iso.NCSubject("38001", id))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := pair[1].st.Ingest(evs); err != nil {
				t.Fatal(err)
			}
		}
	}
	sync()
	for _, e := range []*staffEnv{a, b} {
		r := e.ncs(t, e.leader, NCListRequest{})
		if len(r.Items) != 1 || r.Items[0].Raises != 2 || r.Raised != 0 {
			t.Fatalf("after sync: raised %d, %+v", r.Raised, r.Items)
		}
	}
	// Both review before syncing, differently.
	a.mustCall(t, a.leader, "Iso.ReviewNonconformity", ReviewNCRequest{ID: id, Verdict: iso.VerdictAccepted, Severity: iso.SeverityMinor}, nil)
	b.mustCall(t, b.leader, "Iso.ReviewNonconformity", ReviewNCRequest{ID: id, Verdict: iso.VerdictAccepted, Severity: iso.SeverityMajor}, nil)
	sync()
	for _, e := range []*staffEnv{a, b} {
		var r NCReply
		e.mustCall(t, e.leader, "Iso.Nonconformity", NCRequest{ID: id}, &r)
		if len(r.Conflict) != 2 || r.Reviews != 2 {
			t.Fatalf("no visible conflict: %+v", r.NC)
		}
		err := e.call(t, e.officer, "Iso.OpenAction", OpenActionRequest{NC: id, Analysis: "a", Category: "method", Action: "b", Owner: e.ids["chuyenvien"], Due: "2026-12-31"}, nil)
		if err == nil || err.Code != CodeRefused || err.Params["rule"] != "nc_review_conflict" {
			t.Fatalf("action during a conflict: %v", err)
		}
	}
	// A review made after both settles it.
	a.mustCall(t, a.leader, "Iso.ReviewNonconformity", ReviewNCRequest{ID: id, Verdict: iso.VerdictAccepted, Severity: iso.SeverityMajor}, nil)
	var r NCReply
	a.mustCall(t, a.leader, "Iso.Nonconformity", NCRequest{ID: id}, &r)
	if len(r.Conflict) != 0 || r.Review.Severity != iso.SeverityMajor {
		t.Fatalf("settled: %+v", r.NC)
	}
}

func TestIsoRaiseByHand(t *testing.T) {
	s := newStaffAt(t, vn(2026, 9, 1, 8).UTC())
	code := s.receiveAt(t, "Phạm Thị Dung", dossier.ChannelInPerson, vn(2026, 10, 1, 9))
	var r NCReply
	s.mustCall(t, s.clerk, "Iso.RaiseNonconformity", RaiseNCRequest{Source: iso.SourceComplaint, Title: "Công dân phản ánh thái độ", Dossier: code}, &r)
	if r.Source != iso.SourceComplaint || r.Dossier != code || r.Process != "1.004837" || r.RaisedBy != s.ids["vanthu"] || r.State != iso.StateRaised || r.Cause != "" {
		t.Fatalf("raised %+v", r.NC)
	}
	for _, tc := range []struct {
		req   RaiseNCRequest
		code  Code
		field string
	}{
		{RaiseNCRequest{Source: iso.SourceLateDossier, Title: "x"}, CodeInvalidInput, "source"},
		{RaiseNCRequest{Source: "rumour", Title: "x"}, CodeInvalidInput, "source"},
		{RaiseNCRequest{Source: iso.SourceManual, Title: " "}, CodeInvalidInput, "title"},
		{RaiseNCRequest{Source: iso.SourceManual, Title: "x", Dossier: "38001-000000-9999"}, CodeNotFound, "dossier"},
	} {
		err := s.call(t, s.clerk, "Iso.RaiseNonconformity", tc.req, nil)
		if err == nil || err.Code != tc.code || err.Field != tc.field {
			t.Fatalf("%+v: %v", tc.req, err)
		}
	}
	if err := s.call(t, "", "Iso.RaiseNonconformity", RaiseNCRequest{Source: iso.SourceManual, Title: "x"}, nil); err == nil || err.Code != CodeUnauthenticated {
		t.Fatalf("nobody: %v", err)
	}
	if err := s.call(t, s.clerk, "Iso.ReviewNonconformity", ReviewNCRequest{ID: r.ID, Verdict: iso.VerdictRejected, Reason: "x"}, nil); err == nil || err.Code != CodeForbidden {
		t.Fatalf("a clerk reviews: %v", err)
	}
	if err := s.call(t, s.leader, "Iso.ReviewNonconformity", ReviewNCRequest{ID: r.ID, Verdict: iso.VerdictRejected}, nil); err == nil || err.Field != "reason" {
		t.Fatalf("no reason: %v", err)
	}
	s.mustCall(t, s.leader, "Iso.ReviewNonconformity", ReviewNCRequest{ID: r.ID, Verdict: iso.VerdictRejected, Reason: "Phản ánh không đúng sự thật"}, &r)
	if r.State != iso.StateRejected || r.Open {
		t.Fatalf("rejected: %+v", r.NCItem)
	}
	if l := s.ncs(t, s.leader, NCListRequest{State: "closed"}); len(l.Items) != 1 {
		t.Fatalf("closed list %+v", l.Items)
	}
}

// TestIsoRaiseOtherOfficeDossier: a dossier of a sibling office is
// refused as if it did not exist.
func TestIsoRaiseOtherOfficeDossier(t *testing.T) {
	a := newStaffAt(t, vn(2026, 9, 1, 8).UTC())
	b := newStaffAt(t, vn(2026, 9, 1, 8).UTC())
	code := b.receiveAt(t, "Đỗ Văn Em", dossier.ChannelInPerson, vn(2026, 10, 1, 9))
	evs, err := b.st.Events(dossierPrefix + code)
	if err != nil {
		t.Fatal(err)
	}
	// Rewrite nothing: give a's node a sibling office and a user there.
	a.mustCall(t, a.admin, "Offices.Save", OfficeRecord{Code: "38002", Name: "Xã Bên", Parent: ""}, nil)
	var info UserInfo
	a.mustCall(t, a.admin, "Users.Save", SaveUserRequest{Username: "vanthu2", FullName: "vanthu2", Office: "38002", Roles: []Role{RoleClerk}, Password: "12345678"}, &info)
	var l LoginReply
	a.mustCall(t, "", "Auth.Login", LoginRequest{Username: "vanthu2", Password: "12345678"}, &l)
	if _, err := a.st.Ingest(evs); err != nil {
		t.Fatal(err)
	}
	if err := a.call(t, l.Session, "Iso.RaiseNonconformity", RaiseNCRequest{Source: iso.SourceManual, Title: "x", Dossier: code}, nil); err == nil || err.Code != CodeNotFound {
		t.Fatalf("a sibling's dossier: %v", err)
	}
	if err := a.call(t, a.clerk, "Iso.RaiseNonconformity", RaiseNCRequest{Source: iso.SourceManual, Title: "x", Dossier: code}, nil); err != nil {
		t.Fatalf("its own office's dossier: %v", err)
	}
	if err := a.call(t, l.Session, "Iso.Nonconformities", NCListRequest{Office: "38001"}, nil); err == nil || err.Code != CodeForbidden {
		t.Fatalf("a sibling's log: %v", err)
	}
	if !strings.HasPrefix(code, "38001-") {
		t.Fatalf("code %s", code)
	}
}
