package app

import (
	"slices"
	"strings"
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

func TestIsoYearReportPrintsAndVerifies(t *testing.T) {
	e, admin := districtEnv(t)
	var l LoginReply
	e.mustCall(t, admin, "Users.Save", SaveUserRequest{Username: "lanhdaohuyen", FullName: "Lê Văn Huyện", Office: "405", Roles: []Role{RoleLeader}, Password: "12345678"}, nil)
	e.mustCall(t, "", "Auth.Login", LoginRequest{Username: "lanhdaohuyen", Password: "12345678"}, &l)
	e.mustCall(t, admin, "Users.Save", SaveUserRequest{Username: "vanthuhuyen", FullName: "Vũ Văn Thư", Office: "405", Roles: []Role{RoleClerk}, Password: "12345678"}, nil)
	var clerk LoginReply
	e.mustCall(t, "", "Auth.Login", LoginRequest{Username: "vanthuhuyen", Password: "12345678"}, &clerk)
	if err := e.call(t, clerk.Session, "Iso.PrintYearReport", PrintYearReportRequest{Year: 2026}, nil); err == nil || err.Code != CodeForbidden {
		t.Fatalf("a clerk prints the yearly report: %v", err)
	}
	var f FormReply
	e.mustCall(t, l.Session, "Iso.PrintYearReport", PrintYearReportRequest{Year: 2026}, &f)
	if f.Mime != "application/pdf" || f.Filename != "bao-cao-iso-405-2026.pdf" || !strings.HasPrefix(f.Verify, "HSVF1|405|isoyear/405/2026|3|") {
		t.Fatalf("reply %q %q %q", f.Mime, f.Filename, f.Verify)
	}
	var v VerifyReply
	e.mustCall(t, l.Session, "Records.Verify", VerifyRequest{Text: f.Verify}, &v)
	if v.Status != VerifyMatch {
		t.Fatalf("just printed: %+v", v)
	}
	// A commune records its review: the printed figures no longer hold.
	e.mustCall(t, admin, "Users.Save", SaveUserRequest{Username: "lanhdaoxa", FullName: "Lê Xã", Office: "38002", Roles: []Role{RoleLeader}, Password: "12345678"}, nil)
	var cl LoginReply
	e.mustCall(t, "", "Auth.Login", LoginRequest{Username: "lanhdaoxa", Password: "12345678"}, &cl)
	e.mustCall(t, cl.Session, "Iso.RecordReview", RecordReviewRequest{Period: "2026", Date: "2026-11-20", Chair: "Chủ tịch", Attendees: []string{"Chủ tịch"}, Decisions: []string{"Duy trì"}}, nil)
	e.mustCall(t, l.Session, "Records.Verify", VerifyRequest{Text: f.Verify}, &v)
	if v.Status != VerifyDiffers || len(v.Details) != 1 {
		t.Fatalf("after a commune's review: %+v", v)
	}
	// A forged year or office is not a document of ours.
	bad := strings.Replace(f.Verify, "isoyear/405/2026", "isoyear/38001/2026", 1)
	if err := e.call(t, l.Session, "Records.Verify", VerifyRequest{Text: bad}, nil); err == nil || err.Field != "text" {
		t.Fatalf("a QR naming another office: %v", err)
	}
}
