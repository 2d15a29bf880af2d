package app

import (
	"strings"
	"testing"

	"hoso/dossier"
)

// bundleSync is a sync engine that exports a fixed bundle.
type bundleSync struct{ SyncEngine }

func (bundleSync) ExportBundle(peer string) ([]byte, BundleResult, error) {
	return []byte("bundle"), BundleResult{Events: 42, Bytes: 6}, nil
}
func (bundleSync) Status() (SyncStatus, error) {
	return SyncStatus{Peers: []SyncPeer{{Peer: "12D3KooWpeer", Office: "38"}}}, nil
}

// accessLog lists the whole log as session sees it.
func (s *staffEnv) accessLog(t *testing.T, session string) []AccessEntry {
	t.Helper()
	var r AccessLogReply
	s.mustCall(t, session, "Records.AccessLog", AccessLogRequest{PageSize: 200}, &r)
	if r.Total != len(r.Items) {
		t.Fatalf("total %d, %d items", r.Total, len(r.Items))
	}
	return r.Items
}

// login adds a user of the office with one role and logs in.
func (s *staffEnv) login(t *testing.T, name string, role Role) string {
	t.Helper()
	var info UserInfo
	s.mustCall(t, s.admin, "Users.Save", SaveUserRequest{Username: name, FullName: "Người " + name, Office: "38001", Roles: []Role{role}, Password: "12345678"}, &info)
	s.ids[name] = info.ID
	var l LoginReply
	s.mustCall(t, "", "Auth.Login", LoginRequest{Username: name, Password: "12345678"}, &l)
	return l.Session
}

func TestExportBundleIsAnAdministratorsLoggedAct(t *testing.T) {
	s := newStaff(t)
	s.s.Sync.engine = func() SyncEngine { return bundleSync{} }
	inspector := s.login(t, "thanhtra", RoleInspector)

	for name, session := range map[string]string{"clerk": s.clerk, "officer": s.officer, "leader": s.leader, "inspector": inspector} {
		if err := s.call(t, session, "Sync.ExportBundle", BundleExportRequest{All: true}, nil); err == nil || err.Code != CodeForbidden {
			t.Errorf("a %s's export: got %v, want forbidden", name, err)
		}
	}
	if got := s.accessLog(t, s.leader); len(got) != 0 {
		t.Fatalf("refused exports were logged: %+v", got)
	}

	var f BundleFile
	s.mustCall(t, s.admin, "Sync.ExportBundle", BundleExportRequest{All: true}, &f)
	s.mustCall(t, s.admin, "Sync.ExportBundle", BundleExportRequest{Peer: "12D3KooWpeer"}, &f)
	got := s.accessLog(t, inspector)
	if len(got) != 2 {
		t.Fatalf("log %+v, want the two exports", got)
	}
	// Newest first.
	peer, all := got[0], got[1]
	if all.Scope != "all" || peer.Scope != "since-last-sync" {
		t.Fatalf("not newest first: %+v", got)
	}
	for _, e := range got {
		if e.Action != AccessExport || e.Method != "Sync.ExportBundle" || e.Office != "38001" || e.Events != 42 || e.At.IsZero() || e.Actor == "" || e.ID == "" {
			t.Errorf("export entry %+v", e)
		}
	}
	if all.Scope != "all" || all.For != "" {
		t.Errorf("export of everything logged as %+v", all)
	}
	if peer.Scope != "since-last-sync" || peer.For != "12D3KooWpeer (38)" {
		t.Errorf("export for a peer logged as %+v", peer)
	}
	// The entry is a signed event of the admin, owned by the office: it
	// syncs up the tree like the office's other records.
	evs, err := s.st.Events(accessPrefix + "38001/" + all.ID)
	if err != nil || len(evs) != 1 || evs[0].Kind != kindAccessExported || evs[0].Owner != "38001" || evs[0].Actor != all.Actor {
		t.Fatalf("the export's event: %v %+v", err, evs)
	}
}

func TestReadingADossierNotHeldIsLogged(t *testing.T) {
	s := newStaff(t)
	inspector := s.login(t, "thanhtra", RoleInspector)
	code := s.receive(t, "Nguyễn Thị Hồng")

	// The clerk who received it and the leader of the office holding it
	// hold it.
	for _, session := range []string{s.clerk, s.leader} {
		s.mustCall(t, session, "Dossiers.Get", DossierRequest{Code: code}, nil)
		s.mustCall(t, session, "Dossiers.History", DossierRequest{Code: code}, nil)
	}
	s.mustCall(t, s.clerk, "Print.Form", FormRequest{Form: "receipt", Code: code}, nil)
	if got := s.accessLog(t, s.leader); len(got) != 0 {
		t.Fatalf("the holders' reads were logged: %+v", got)
	}

	// An inspector, and an officer not assigned, do not.
	s.mustCall(t, inspector, "Dossiers.Get", DossierRequest{Code: code}, nil)
	s.mustCall(t, inspector, "Dossiers.History", DossierRequest{Code: code}, nil)
	s.mustCall(t, inspector, "Print.Form", FormRequest{Form: "01", Code: code}, nil)
	s.mustCall(t, s.officer, "Dossiers.Get", DossierRequest{Code: code}, nil)
	got := s.accessLog(t, inspector)
	if len(got) != 4 {
		t.Fatalf("log %+v, want 4 reads", got)
	}
	want := []struct{ actor, method, form string }{
		{s.ids["chuyenvien"], "Dossiers.Get", ""},
		{s.ids["thanhtra"], "Print.Form", "receipt"},
		{s.ids["thanhtra"], "Dossiers.History", ""},
		{s.ids["thanhtra"], "Dossiers.Get", ""},
	}
	for i, w := range want {
		e := got[i]
		if e.Actor != w.actor || e.Method != w.method || e.Form != w.form || e.Action != AccessRead || e.Scope != code || e.For != "Nguyễn Thị Hồng" || e.Office != "38001" {
			t.Errorf("entry %d: %+v, want %+v", i, e, w)
		}
	}
	if got[1].Name != "Người thanhtra" || len(got[1].Roles) != 1 || got[1].Roles[0] != RoleInspector {
		t.Errorf("the inspector is logged as %q %v", got[1].Name, got[1].Roles)
	}

	// Once the officer takes it, the officer holds it.
	if err := s.act(t, s.clerk, code, dossier.KindHandedOver, dossier.HandedOver{}); err != nil {
		t.Fatalf("hand over: %v", err)
	}
	if err := s.act(t, s.officer, code, dossier.KindAssigned, dossier.Assigned{}); err != nil {
		t.Fatalf("assign: %v", err)
	}
	s.mustCall(t, s.officer, "Dossiers.Get", DossierRequest{Code: code}, nil)
	if n := len(s.accessLog(t, s.admin)); n != 4 {
		t.Errorf("the assigned officer's read was logged (%d entries)", n)
	}

	// The log is for leaders, inspectors and administrators; a period
	// filters it.
	for _, session := range []string{s.clerk, s.officer} {
		if err := s.call(t, session, "Records.AccessLog", AccessLogRequest{}, nil); err == nil || err.Code != CodeForbidden {
			t.Errorf("a clerk or officer read the log: %v", err)
		}
	}
	var r AccessLogReply
	s.mustCall(t, s.leader, "Records.AccessLog", AccessLogRequest{From: "2026-11-28", To: "2026-11-30"}, &r)
	if r.Total != 0 {
		t.Errorf("a later period lists %d entries", r.Total)
	}
	s.mustCall(t, s.leader, "Records.AccessLog", AccessLogRequest{From: "2026-11-27", To: "2026-11-27", PageSize: 3, Page: 2}, &r)
	if r.Total != 4 || len(r.Items) != 1 || r.More {
		t.Errorf("page 2 of 3: total %d, %d items, more %v", r.Total, len(r.Items), r.More)
	}
	if err := s.call(t, s.leader, "Records.AccessLog", AccessLogRequest{From: "2026-11-28", To: "2026-11-27"}, nil); err == nil || err.Field != "to" {
		t.Errorf("a period ending before it starts: %v", err)
	}
}

// TestReadingABookIsLoggedForWhoDoesNotKeepIt: the tracking book and the
// fee book name every citizen of a period; the office's clerks and leaders
// keep them, anyone else who reads one is in the access log.
func TestReadingABookIsLoggedForWhoDoesNotKeepIt(t *testing.T) {
	s := newStaff(t)
	inspector := s.login(t, "thanhtra", RoleInspector)
	s.receive(t, "Nguyễn Thị Hồng")
	s.receive(t, "Lê Văn Nam")
	book := BookRequest{From: "2026-11-01", To: "2026-11-30"}
	fees := FeeBookRequest{Desk: -1, From: "2026-11-01", To: "2026-11-30"}
	for _, session := range []string{s.clerk, s.leader} {
		s.mustCall(t, session, "Print.Book", book, nil)
		s.mustCall(t, session, "Fees.Book", fees, nil)
	}
	if got := s.accessLog(t, s.leader); len(got) != 0 {
		t.Fatalf("the keepers' reads were logged: %+v", got)
	}
	s.mustCall(t, inspector, "Print.Book", book, nil)
	s.mustCall(t, inspector, "Fees.Book", fees, nil)
	s.mustCall(t, inspector, "Fees.Export", fees, nil)
	s.mustCall(t, s.officer, "Print.FeeBook", fees, nil)
	got := s.accessLog(t, s.leader)
	want := []struct{ who, method, scope string }{
		{"chuyenvien", "Print.FeeBook", "feebook/"},
		{"thanhtra", "Fees.Export", "feebook/"},
		{"thanhtra", "Fees.Book", "feebook/"},
		{"thanhtra", "Print.Book", "book/38001/2026-11-01/2026-11-30"},
	}
	if len(got) != len(want) {
		t.Fatalf("log %+v, want %d entries", got, len(want))
	}
	for i, w := range want {
		e := got[i]
		if e.Actor != s.ids[w.who] || e.Method != w.method || !strings.HasPrefix(e.Scope, w.scope) || e.Action != AccessRead || e.Office != "38001" {
			t.Errorf("entry %d: %+v, want %+v", i, e, w)
		}
	}
	if got[3].Rows != 2 {
		t.Errorf("the tracking book read lists %d rows, want 2", got[3].Rows)
	}
}
