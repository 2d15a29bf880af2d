package app

import (
	"encoding/base64"
	"strings"
	"testing"

	"hoso/iso"
	"hoso/store"
)

// isoProc is the default catalog's procedure the process tests use.
const isoProc = "1.004837"

// processRow finds a procedure's row in an office's list.
func processRow(t *testing.T, s *staffEnv, session, code string) ProcessRow {
	t.Helper()
	var l ProcessesReply
	s.mustCall(t, session, "Iso.Processes", ProcessesRequest{}, &l)
	for _, r := range l.Processes {
		if r.Procedure == code {
			return r
		}
	}
	t.Fatalf("no process row for %s in %+v", code, l.Processes)
	return ProcessRow{}
}

func TestIsoProcessLifecycle(t *testing.T) {
	s := newStaff(t)
	row := processRow(t, s, s.clerk, isoProc)
	if row.Code != "QT-"+isoProc || row.InForce != nil || row.Pending != nil || row.CatalogChanged {
		t.Fatalf("a procedure never drafted: %+v", row)
	}

	var p ProcessReply
	s.mustCall(t, s.clerk, "Iso.DraftProcess", DraftProcessRequest{Procedure: isoProc}, &p)
	if p.Pending != 1 || p.InForce != 0 || len(p.Revisions) != 1 || p.Revisions[0].Doc.Code != "QT-"+isoProc || len(p.Revisions[0].Doc.Steps) == 0 {
		t.Fatalf("after the first draft: %+v", p)
	}
	if !strings.Contains(p.Revisions[0].Doc.Purpose, "UBND xã Đông Sơn") {
		t.Errorf("the purpose does not name the office: %q", p.Revisions[0].Doc.Purpose)
	}
	if err := s.call(t, s.officer, "Iso.DraftProcess", DraftProcessRequest{Procedure: isoProc}, nil); err == nil || err.Code != CodeConflict {
		t.Fatalf("a second pending draft: %v, want conflict", err)
	}
	if err := s.call(t, s.clerk, "Iso.DraftProcess", DraftProcessRequest{Procedure: "9.999999"}, nil); err == nil || err.Code != CodeNotFound {
		t.Errorf("a draft of no procedure: %v", err)
	}
	if err := s.call(t, s.admin, "Iso.DraftProcess", DraftProcessRequest{Procedure: isoProc}, nil); err == nil || err.Code != CodeForbidden {
		t.Errorf("an administrator drafted: %v", err)
	}

	approve := ApproveProcessRequest{Procedure: isoProc, Revision: 1, Seen: 0, InForce: "2026-12-01"}
	if err := s.call(t, s.clerk, "Iso.ApproveProcess", approve, nil); err == nil || err.Code != CodeForbidden {
		t.Fatalf("a clerk approved: %v", err)
	}
	for _, bad := range []string{"01/12/2026", "2026-11-26", "2028-01-01"} {
		b := approve
		b.InForce = bad
		if err := s.call(t, s.leader, "Iso.ApproveProcess", b, nil); err == nil || err.Code != CodeInvalidInput || err.Field != "inForce" {
			t.Errorf("in force from %q: %v, want inForce refused", bad, err)
		}
	}
	stale := approve
	stale.Seen = 3
	if err := s.call(t, s.leader, "Iso.ApproveProcess", stale, nil); err == nil || err.Code != CodeConflict {
		t.Errorf("an approval against a revision never in force: %v", err)
	}
	s.mustCall(t, s.leader, "Iso.ApproveProcess", approve, &p)
	if p.InForce != 1 || p.Pending != 0 || p.Revisions[0].State != iso.StateApproved || p.Revisions[0].Issue != 1 || p.Revisions[0].ApproverName != "lanhdao" {
		t.Fatalf("after the approval: %+v", p.Revisions[0])
	}
	if err := s.call(t, s.leader, "Iso.ApproveProcess", approve, nil); err == nil || err.Code != CodeConflict {
		t.Errorf("the same approval twice: %v", err)
	}
	if err := s.call(t, s.clerk, "Iso.DraftProcess", DraftProcessRequest{Procedure: isoProc}, nil); err == nil || err.Code != CodeConflict || err.Field != "procedure" {
		t.Errorf("a draft of an unchanged catalog: %v", err)
	}

	// The catalog changes: the list proposes a new revision, the process
	// in force stays as approved.
	var cat ProcedureReply
	s.mustCall(t, s.clerk, "Catalog.Get", ProcedureRequest{Code: isoProc}, &cat)
	proc := cat.Procedure
	proc.Basis = "Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP"
	s.mustCall(t, s.admin, "Catalog.Save", SaveProcedureRequest{Procedure: proc}, &cat)
	row = processRow(t, s, s.leader, isoProc)
	if !row.CatalogChanged || row.InForce == nil || row.InForce.Revision != 1 || row.InForce.InForce != "2026-12-01" {
		t.Fatalf("after a catalog change: %+v", row)
	}
	s.mustCall(t, s.officer, "Iso.DraftProcess", DraftProcessRequest{Procedure: isoProc}, &p)
	if p.Pending != 2 || p.Revisions[0].Doc.Basis != proc.Basis || p.Revisions[1].Doc.Basis == proc.Basis {
		t.Fatalf("the new draft does not carry the change, or the old revision changed: %+v", p.Revisions)
	}
	// The draft is printed before the approval; its QR verifies, then
	// shows the approval added since.
	var draftPrint FormReply
	s.mustCall(t, s.officer, "Iso.PrintProcess", PrintProcessRequest{Procedure: isoProc, Revision: 2}, &draftPrint)
	var v VerifyReply
	s.mustCall(t, s.clerk, "Records.Verify", VerifyRequest{Text: draftPrint.Verify}, &v)
	if v.Status != VerifyMatch || v.Subject != iso.ProcessSubject("38001", isoProc) {
		t.Fatalf("a fresh print does not verify: %+v", v)
	}
	if err := s.call(t, s.leader, "Iso.ApproveProcess", ApproveProcessRequest{Procedure: isoProc, Revision: 2, Seen: 1, InForce: "2026-11-30"}, nil); err == nil || err.Field != "inForce" {
		t.Errorf("in force before the revision it supersedes: %v", err)
	}
	s.mustCall(t, s.leader, "Iso.ApproveProcess", ApproveProcessRequest{Procedure: isoProc, Revision: 2, Seen: 1, InForce: "2027-01-01"}, &p)
	if p.InForce != 2 || p.Revisions[1].State != iso.StateSuperseded || p.Revisions[1].SupersededBy != 2 || p.Revisions[0].Issue != 2 {
		t.Fatalf("revision 1 not superseded by issue 2: %+v", p.Revisions)
	}
	row = processRow(t, s, s.clerk, isoProc)
	if row.CatalogChanged || row.Superseded != 1 || row.InForce.Revision != 2 {
		t.Errorf("the list after revision 2: %+v", row)
	}
	s.mustCall(t, s.clerk, "Records.Verify", VerifyRequest{Text: draftPrint.Verify}, &v)
	if v.Status != VerifyChanged || len(v.Added) != 1 || v.Added[0].Kind != iso.KindProcessApproved {
		t.Errorf("the draft's print after the approval: %+v", v)
	}

	// The superseded revision prints marked, and counts its reprints.
	var old FormReply
	s.mustCall(t, s.clerk, "Iso.PrintProcess", PrintProcessRequest{Procedure: isoProc, Revision: 1}, &old)
	s.mustCall(t, s.clerk, "Iso.PrintProcess", PrintProcessRequest{Procedure: isoProc, Revision: 1}, &old)
	if b, err := base64.StdEncoding.DecodeString(old.Content); err != nil || !strings.HasPrefix(string(b), "%PDF") || old.Reprint != 1 {
		t.Errorf("the superseded revision's print: reprint %d, %v", old.Reprint, err)
	}
	if err := s.call(t, s.clerk, "Iso.PrintProcess", PrintProcessRequest{Procedure: isoProc, Revision: 7}, nil); err == nil || err.Code != CodeNotFound {
		t.Errorf("a print of no revision: %v", err)
	}
}

// TestIsoProcessConcurrentDesks: what two desks write without seeing each
// other (here appended past the service's checks, as a sync would) is set
// aside in the fold and listed, never applied over the first; an event
// another office writes under this office's process is ignored.
func TestIsoProcessConcurrentDesks(t *testing.T) {
	s := newStaff(t)
	var p ProcessReply
	s.mustCall(t, s.clerk, "Iso.DraftProcess", DraftProcessRequest{Procedure: isoProc}, &p)
	subject := iso.ProcessSubject("38001", isoProc)
	for _, a := range []iso.ProcessApproved{
		{Revision: 1, InForce: "2026-12-01", ApprovedBy: "desk-1", ApproverName: "Lãnh đạo A"},
		{Revision: 1, InForce: "2026-12-15", ApprovedBy: "desk-2", ApproverName: "Lãnh đạo B"},
	} {
		if _, err := s.st.Append(store.Draft{Actor: a.ApprovedBy, Owner: "38001", Kind: iso.KindProcessApproved, Subject: subject, Body: mustJSON(a)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.st.Append(store.Draft{Actor: "x", Owner: "38002", Kind: iso.KindProcessDrafted, Subject: subject, Body: mustJSON(iso.ProcessDrafted{Revision: 2})}); err != nil {
		t.Fatal(err)
	}
	s.mustCall(t, s.clerk, "Iso.Process", ProcessRequest{Procedure: isoProc}, &p)
	if p.InForce != 1 || p.Revisions[0].InForce != "2026-12-01" || len(p.Revisions) != 1 {
		t.Fatalf("the second approval or another office's draft applied: %+v", p.Revisions)
	}
	if len(p.Conflicts) != 1 || !strings.Contains(p.Conflicts[0], "desk-2") {
		t.Fatalf("the set-aside approval is not listed: %q", p.Conflicts)
	}
	if row := processRow(t, s, s.leader, isoProc); row.Conflicts != 1 {
		t.Errorf("the list does not count the conflict: %+v", row)
	}
	// No office but one's own and those below may be read.
	if err := s.call(t, s.clerk, "Iso.Processes", ProcessesRequest{Office: "99999"}, nil); err == nil || err.Code != CodeNotFound {
		t.Errorf("reading an unknown office: %v", err)
	}
}
