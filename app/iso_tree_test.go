package app

import (
	"slices"
	"testing"
)

func TestIsoTreeShowsTheOfficesBelowReadOnly(t *testing.T) {
	e, admin := districtEnv(t)
	// A leader at the district and one at each commune.
	sessions := map[string]string{}
	for _, u := range []struct{ name, office string }{{"lanhdaohuyen", "405"}, {"lanhdaoxa1", "38001"}, {"lanhdaoxa2", "38002"}} {
		e.mustCall(t, admin, "Users.Save", SaveUserRequest{Username: u.name, FullName: u.name, Office: u.office, Roles: []Role{RoleLeader}, Password: "12345678"}, nil)
		var l LoginReply
		e.mustCall(t, "", "Auth.Login", LoginRequest{Username: u.name, Password: "12345678"}, &l)
		sessions[u.office] = l.Session
	}
	// Commune 38001 holds its management review (as its desks would have
	// synced it up); 38002 has done nothing yet.
	e.mustCall(t, sessions["38001"], "Iso.RecordReview", RecordReviewRequest{Period: "2026", Date: "2026-11-20", Chair: "Chủ tịch UBND xã", Attendees: []string{"Chủ tịch", "Công chức một cửa"},
		Decisions: []string{"Duy trì hệ thống quản lý chất lượng"}}, nil)

	var tree TreeReply
	e.mustCall(t, sessions["405"], "Iso.Tree", TreeRequest{Year: 2026}, &tree)
	codes := []string{}
	for _, o := range tree.Offices {
		codes = append(codes, o.Code)
	}
	if !slices.Equal(codes, []string{"405", "38001", "38002"}) || tree.Offices[1].Depth != 1 || tree.Offices[0].Depth != 0 {
		t.Fatalf("the district's view: %v %+v", codes, tree.Offices)
	}
	byCode := map[string]TreeOffice{}
	for _, o := range tree.Offices {
		byCode[o.Code] = o
	}
	if got := byCode["38001"]; got.Summary.LastReview == nil || *got.Summary.LastReview != "2026-11-20" || slices.Contains(got.Attention, AttentionNoReview) {
		t.Fatalf("38001 held its review: %+v", got)
	}
	if got := byCode["38002"].Attention; !slices.Contains(got, AttentionNoReview) || !slices.Contains(got, AttentionNoAudit) || !slices.Contains(got, AttentionNoProcess) {
		t.Fatalf("38002 has nothing and is flagged %v", got)
	}
	if tree.Totals.Offices != 3 || tree.Totals.Attention != 3 {
		t.Fatalf("totals %+v", tree.Totals)
	}
	// Read-only and downwards only: a commune sees itself, neither its
	// district nor its sibling.
	e.mustCall(t, sessions["38001"], "Iso.Tree", TreeRequest{Year: 2026}, &tree)
	if len(tree.Offices) != 1 || tree.Offices[0].Code != "38001" {
		t.Fatalf("the commune's view: %+v", tree.Offices)
	}
	for _, office := range []string{"405", "38002"} {
		if err := e.call(t, sessions["38001"], "Iso.Tree", TreeRequest{Office: office, Year: 2026}, nil); err == nil || err.Code != CodeForbidden {
			t.Fatalf("a commune reading %s: %v", office, err)
		}
	}
	// The register of records reads the same way.
	if err := e.call(t, sessions["38001"], "Iso.Register", RegisterRequest{Office: "38002"}, nil); err == nil || err.Code != CodeForbidden {
		t.Fatalf("a commune reading its sibling's register: %v", err)
	}
	e.mustCall(t, sessions["405"], "Iso.Register", RegisterRequest{Office: "38002"}, nil)
	if err := e.call(t, sessions["405"], "Iso.Tree", TreeRequest{Office: "99999"}, nil); err == nil || err.Code != CodeNotFound {
		t.Fatalf("an unknown office: %v", err)
	}
}
