package app

import (
	"strings"
	"testing"

	"hoso/dossier"
	"hoso/iso"
)

func TestIsoRegisterIsDataWithConflicts(t *testing.T) {
	s := newStaff(t)
	var r RegisterReply
	s.mustCall(t, s.clerk, "Iso.Register", RegisterRequest{}, &r)
	if r.Custom || r.Office != "38001" || len(r.Register.Classes) != len(iso.DefaultRegister().Classes) {
		t.Fatalf("default register: %+v", r)
	}
	reg := r.Register
	reg.Classes[1].RetentionYears = 3
	if err := s.call(t, s.clerk, "Iso.SetRegister", SetRegisterRequest{Register: reg}, nil); err == nil || err.Code != CodeForbidden {
		t.Fatalf("a clerk sets the register: %v", err)
	}
	bad := iso.Register{Classes: append([]iso.RecordClass(nil), reg.Classes...)}
	bad.Classes[2].RetentionYears = -4
	if err := s.call(t, s.leader, "Iso.SetRegister", SetRegisterRequest{Register: bad}, nil); err == nil || err.Field != "register.classes[2].retentionYears" {
		t.Fatalf("a negative retention: %v", err)
	}
	s.mustCall(t, s.leader, "Iso.SetRegister", SetRegisterRequest{Register: reg}, &r)
	if !r.Custom || r.Version != 1 || r.Register.Classes[1].RetentionYears != 3 || r.By != s.ids["lanhdao"] {
		t.Fatalf("after the leader's edit: %+v", r)
	}
	// A second edit from the version the first started from is refused:
	// it would silently undo the first.
	if err := s.call(t, s.leader, "Iso.SetRegister", SetRegisterRequest{Register: iso.DefaultRegister()}, nil); err == nil || err.Code != CodeConflict {
		t.Fatalf("an edit from a stale version: %v", err)
	}
	if evs, _ := s.st.Events(iso.RegisterSubject("38001")); len(evs) != 1 {
		t.Fatalf("%d register events after a refusal, want 1", len(evs))
	}

	// The recorded register prints with a QR that verifies until the next
	// version is recorded.
	var f FormReply
	s.mustCall(t, s.clerk, "Iso.PrintRegister", RegisterRequest{}, &f)
	if f.Filename != "danh-muc-ho-so-38001.pdf" || !strings.HasPrefix(f.Verify, "HSVF1|38001|iso/records/38001|1|") {
		t.Fatalf("print reply %q %q", f.Filename, f.Verify)
	}
	var v VerifyReply
	s.mustCall(t, s.clerk, "Records.Verify", VerifyRequest{Text: f.Verify}, &v)
	if v.Status != VerifyMatch {
		t.Fatalf("just printed: %+v", v)
	}
	s.mustCall(t, s.leader, "Iso.SetRegister", SetRegisterRequest{Register: reg, Base: r.Version}, &r)
	s.mustCall(t, s.clerk, "Records.Verify", VerifyRequest{Text: f.Verify}, &v)
	if v.Status != VerifyChanged || len(v.Added) != 1 {
		t.Fatalf("after a new version: %+v", v)
	}
}

func TestIsoRegisterPrintsOnlyOnceRecorded(t *testing.T) {
	s := newStaff(t)
	if err := s.call(t, s.leader, "Iso.PrintRegister", RegisterRequest{}, nil); err == nil || err.Params["rule"] != "register_not_recorded" {
		t.Fatalf("printing the default register: %v", err)
	}
}

func TestIsoDisposalIsADecisionNeverADeletion(t *testing.T) {
	s := newStaffAt(t, vn(2023, 3, 1, 8).UTC())
	var r RegisterReply
	s.mustCall(t, s.leader, "Iso.Register", RegisterRequest{}, &r)
	reg := r.Register
	// The guardianship dossiers kept one year, for the test.
	reg.Classes = append(reg.Classes, iso.RecordClass{ID: "giam-ho", Name: "Hồ sơ đăng ký giám hộ", Procedures: []string{"1.004837"}, Kept: iso.StoredOnPaper, RetentionYears: 1})
	s.mustCall(t, s.leader, "Iso.SetRegister", SetRegisterRequest{Register: reg}, &r)

	old := s.receiveAt(t, "Nguyễn Văn Cũ", dossier.ChannelInPerson, vn(2023, 3, 2, 9))
	s.finish(t, old, "")
	recent := s.receiveAt(t, "Trần Thị Mới", dossier.ChannelInPerson, vn(2024, 6, 3, 9))
	s.finish(t, recent, "")
	open := s.receiveAt(t, "Lê Văn Đang", dossier.ChannelInPerson, vn(2024, 6, 4, 9))

	s.now = vn(2025, 2, 3, 9).UTC()
	var due DisposalDueReply
	s.mustCall(t, s.leader, "Iso.DisposalDue", DisposalDueRequest{}, &due)
	if due.AsOf != "2025-02-03" || len(due.Classes) != 1 || due.Classes[0].Class.ID != "giam-ho" || len(due.Classes[0].Records) != 1 || due.Classes[0].Records[0].Code != old {
		t.Fatalf("due on 2025-02-03: %+v", due)
	}
	if got := due.Classes[0].Records[0].DueFrom; got != "2025-01-01" {
		t.Fatalf("due from %s, want 2025-01-01 (closed in 2023, kept one year)", got)
	}
	// The dossier closed in 2024 is due in 2026; the open one never.
	var later DisposalDueReply
	s.mustCall(t, s.leader, "Iso.DisposalDue", DisposalDueRequest{AsOf: "2026-01-01"}, &later)
	if len(later.Classes) != 1 || len(later.Classes[0].Records) != 2 {
		t.Fatalf("due on 2026-01-01: %+v", later)
	}

	req := ApproveDisposalRequest{Class: "giam-ho", Codes: []string{old}, Reason: "Hết thời hạn lưu trữ"}
	if err := s.call(t, s.clerk, "Iso.ApproveDisposal", req, nil); err == nil || err.Code != CodeForbidden {
		t.Fatalf("a clerk approves a disposal: %v", err)
	}
	for _, tc := range []struct {
		name  string
		req   ApproveDisposalRequest
		field string
	}{
		{"not yet due", ApproveDisposalRequest{Class: "giam-ho", Codes: []string{old, recent}}, "codes"},
		{"still open", ApproveDisposalRequest{Class: "giam-ho", Codes: []string{open}}, "codes"},
		{"listed twice", ApproveDisposalRequest{Class: "giam-ho", Codes: []string{old, old}}, "codes"},
		{"nothing", ApproveDisposalRequest{Class: "giam-ho"}, "codes"},
		{"another line", ApproveDisposalRequest{Class: "ho-tich", Codes: []string{old}}, "class"},
		{"a future day", ApproveDisposalRequest{Class: "giam-ho", Codes: []string{old, recent}, AsOf: "2026-01-01"}, "asOf"},
	} {
		if err := s.call(t, s.leader, "Iso.ApproveDisposal", tc.req, nil); err == nil || err.Field != tc.field {
			t.Errorf("%s: %v, want a refusal of %s", tc.name, err, tc.field)
		}
	}
	if evs, _ := s.st.Events(iso.DisposalPrefix + "38001/"); len(evs) != 0 {
		t.Fatal("a refused decision was recorded")
	}
	var decided DisposalsReply
	s.mustCall(t, s.leader, "Iso.ApproveDisposal", req, &decided)
	if len(decided.Decisions) != 1 || decided.Decisions[0].Codes[0] != old || decided.Decisions[0].Retention != 1 || decided.Decisions[0].ApprovedBy != s.ids["lanhdao"] {
		t.Fatalf("decision: %+v", decided)
	}
	s.mustCall(t, s.leader, "Iso.DisposalDue", DisposalDueRequest{}, &due)
	if len(due.Classes) != 0 {
		t.Fatalf("a decided dossier is still listed: %+v", due)
	}
	if err := s.call(t, s.leader, "Iso.ApproveDisposal", req, nil); err == nil || err.Field != "class" {
		t.Fatalf("deciding twice: %v", err)
	}
	// Nothing is deleted: the dossier and its history read as before.
	var d DossierReply
	s.mustCall(t, s.leader, "Dossiers.Get", DossierRequest{Code: old}, &d)
	if d.Dossier.Applicant.FullName != "Nguyễn Văn Cũ" {
		t.Fatalf("the disposed dossier reads %+v", d.Dossier.Applicant)
	}
	var list DisposalsReply
	s.mustCall(t, s.clerk, "Iso.Disposals", RegisterRequest{}, &list)
	if len(list.Decisions) != 1 {
		t.Fatalf("decisions listed: %+v", list)
	}
}
