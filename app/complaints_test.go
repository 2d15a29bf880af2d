package app

import (
	"encoding/base64"
	"slices"
	"testing"

	"hoso/attach"
	"hoso/complaint"
	"hoso/dossier"
	"hoso/iso"
	"hoso/store"
)

// receiveComplaint receives a complaint at the desk of session's office.
func (s *staffEnv) receiveComplaint(t *testing.T, session string, req ReceiveComplaintRequest) ComplaintReply {
	t.Helper()
	if req.From.Name == "" {
		req.From = complaint.Person{Name: "Nguyễn Văn Dân", Contact: "0912000111"}
	}
	if req.Text == "" {
		req.Text = "Hồ sơ trả kết quả chậm, không được báo trước"
	}
	var r ComplaintReply
	s.mustCall(t, session, "Complaints.Receive", req, &r)
	return r
}

func TestComplaintsReceiveAnswerRate(t *testing.T) {
	s := newStaff(t)
	code := s.receiveAt(t, "Lê Thị Hoa", dossier.ChannelInPerson, vn(2026, 11, 23, 8))
	s.now = vn(2026, 11, 23, 9).UTC() // Monday
	r := s.receiveComplaint(t, s.clerk, ReceiveComplaintRequest{Dossier: code})
	c := r.Complaint
	if c.State != complaint.StateReceived || c.Dossier != code || c.Office != "38001" || c.Channel != complaint.ChannelDesk ||
		c.Due.Answer.Format("2006-01-02") != "2026-12-14" || c.Due.Refuse.Format("2006-01-02") != "2026-11-25" || !r.Act {
		t.Fatalf("received: %+v", r)
	}
	// A dossier the office cannot see is not found; an answer before the
	// classification is refused by its rule.
	if err := s.call(t, s.clerk, "Complaints.Receive", ReceiveComplaintRequest{Dossier: "38002-261123-0001", From: complaint.Person{Name: "A"}, Text: "x"}, nil); err == nil || err.Code != CodeNotFound || err.Field != "dossier" {
		t.Fatalf("unseen dossier: %v", err)
	}
	if err := s.call(t, s.officer, "Complaints.Answer", AnswerComplaintRequest{ID: c.ID, Text: "Trả lời"}, nil); err == nil || err.Params["rule"] != complaint.RuleNeedsCategory {
		t.Fatalf("answer before classifying: %v", err)
	}
	if err := s.call(t, s.clerk, "Complaints.Classify", ClassifyComplaintRequest{ID: c.ID, Category: "weather"}, nil); err == nil || err.Field != "category" {
		t.Fatalf("bad category: %v", err)
	}
	s.mustCall(t, s.clerk, "Complaints.Classify", ClassifyComplaintRequest{ID: c.ID, Category: complaint.CategoryProcedure}, nil)
	s.now = vn(2026, 12, 10, 10).UTC()
	s.mustCall(t, s.officer, "Complaints.Answer", AnswerComplaintRequest{ID: c.ID, Text: "Đã xin lỗi và trả kết quả"}, &r)
	if r.Complaint.State != complaint.StateAnswered || !r.OnTime || len(r.Late) != 0 || r.Complaint.Due.Publish.Format("2006-01-02") != "2026-12-14" {
		t.Fatalf("answered: %+v", r)
	}
	s.mustCall(t, s.clerk, "Complaints.Publish", PublishComplaintRequest{ID: c.ID}, nil)
	s.mustCall(t, s.clerk, "Complaints.Rate", RateComplaintRequest{ID: c.ID, Satisfied: true}, &r)
	if r.Complaint.Rating == nil || !r.Complaint.Rating.Satisfied || r.Complaint.State != complaint.StatePublished {
		t.Fatalf("rated: %+v", r.Complaint)
	}
	if err := s.call(t, s.clerk, "Complaints.Rate", RateComplaintRequest{ID: c.ID}, nil); err == nil || err.Params["rule"] != complaint.RuleRated {
		t.Fatalf("second rating: %v", err)
	}
	var l ComplaintsReply
	s.mustCall(t, s.clerk, "Complaints.List", ComplaintsRequest{}, &l)
	if len(l.Complaints) != 1 || !l.Complaints[0].OnTime || !l.Complaints[0].Satisfied || l.Complaints[0].From != "Nguyễn Văn Dân" || l.Raised != 0 {
		t.Fatalf("list: %+v", l)
	}
	// Reading it: the clerk and the officer hold it; an inspector does
	// not, and is logged.
	inspector := s.login(t, "thanhtra", RoleInspector)
	s.mustCall(t, s.inspectorList(t, inspector), "Complaints.Get", ComplaintRequest{ID: c.ID}, nil)
	s.mustCall(t, s.officer, "Complaints.Get", ComplaintRequest{ID: c.ID}, nil)
	n := 0
	for _, a := range s.accessLog(t, s.leader) {
		if a.Method == "Complaints.Get" {
			n++
			if a.Actor != s.ids["thanhtra"] || a.For != "Nguyễn Văn Dân" || a.Scope != complaint.Subject("38001", c.ID) {
				t.Fatalf("entry %+v", a)
			}
		}
	}
	if n != 1 {
		t.Fatalf("%d reads logged", n)
	}
	// The inspector's list names nobody.
	s.mustCall(t, inspector, "Complaints.List", ComplaintsRequest{}, &l)
	if l.Complaints[0].From != "" {
		t.Fatalf("inspector's list names %q", l.Complaints[0].From)
	}
}

// inspectorList checks that the inspector may list but not act, and
// returns the session.
func (s *staffEnv) inspectorList(t *testing.T, session string) string {
	t.Helper()
	if err := s.call(t, session, "Complaints.Receive", ReceiveComplaintRequest{From: complaint.Person{Name: "A"}, Text: "x"}, nil); err == nil || err.Code != CodeForbidden {
		t.Fatalf("inspector receiving: %v", err)
	}
	return session
}

func TestComplaintsLateRaisesOneNC(t *testing.T) {
	a := newStaffAt(t, vn(2026, 11, 1, 8).UTC())
	b := newStaffAt(t, vn(2026, 11, 1, 8).UTC())
	a.now = vn(2026, 11, 23, 9).UTC()
	c := a.receiveComplaint(t, a.clerk, ReceiveComplaintRequest{Category: complaint.CategoryConduct}).Complaint
	refused := a.receiveComplaint(t, a.clerk, ReceiveComplaintRequest{}).Complaint
	a.mustCall(t, a.clerk, "Complaints.Refuse", RefuseComplaintRequest{ID: refused.ID, Reason: "Không thuộc thẩm quyền"}, nil)
	evs, err := a.st.Events(complaint.Subject("38001", c.ID))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.st.Ingest(evs); err != nil {
		t.Fatal(err)
	}
	// In time: nothing raised.
	var l ComplaintsReply
	a.now = vn(2026, 12, 14, 16).UTC()
	a.mustCall(t, a.leader, "Complaints.List", ComplaintsRequest{}, &l)
	if l.Raised != 0 {
		t.Fatalf("raised %d in time", l.Raised)
	}
	// Past the due day, unanswered: late, one NC on each desk.
	a.now, b.now = vn(2026, 12, 15, 9).UTC(), vn(2026, 12, 15, 10).UTC()
	a.mustCall(t, a.leader, "Complaints.List", ComplaintsRequest{Late: true}, &l)
	if l.Raised != 1 || len(l.Complaints) != 1 || l.Complaints[0].ID != c.ID || !l.Complaints[0].Overdue {
		t.Fatalf("late list: %+v", l)
	}
	a.mustCall(t, a.leader, "Complaints.List", ComplaintsRequest{}, &l)
	if l.Raised != 0 || len(l.Complaints) != 2 {
		t.Fatalf("second scan raised %d", l.Raised)
	}
	if r := a.ncs(t, a.leader, NCListRequest{}); r.Raised != 0 || len(r.Items) != 1 {
		t.Fatalf("the NC log scanned again: %+v", r)
	}
	if r := b.ncs(t, b.leader, NCListRequest{}); r.Raised != 1 {
		t.Fatalf("second desk raised %d", r.Raised)
	}
	id := iso.AutoNCID(complaint.LateCause(c.ID))
	for _, pair := range [][2]*staffEnv{{a, b}, {b, a}} {
		evs, err := pair[0].st.Events(iso.NCSubject("38001", id))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := pair[1].st.Ingest(evs); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range []*staffEnv{a, b} {
		r := e.ncs(t, e.leader, NCListRequest{Source: iso.SourceComplaint})
		if len(r.Items) != 1 || r.Items[0].ID != id || r.Items[0].Raises != 2 || r.Items[0].Cause != "complaint:"+c.ID+":late" || r.Raised != 0 {
			t.Fatalf("after sync: %+v", r)
		}
		var g ComplaintReply
		e.mustCall(t, e.clerk, "Complaints.Get", ComplaintRequest{ID: c.ID}, &g)
		if g.NC != id || !slices.Contains(g.Late, complaint.ActAnswer) {
			t.Fatalf("complaint: NC %q late %v", g.NC, g.Late)
		}
	}
	// The dashboard counts it.
	var dash DashboardReply
	a.mustCall(t, a.leader, "Reports.Dashboard", ReportRequest{Period: "2026Q4"}, &dash)
	if dash.ComplaintsOverdue != 1 {
		t.Fatalf("dashboard: %d", dash.ComplaintsOverdue)
	}
	by, onTime, late, satisfied, total, err := complaintCounts(a.st, []string{"38001"}, dash.Period, a.now)
	if err != nil || total != 2 || late != 1 || onTime != 0 || satisfied != 0 || by["conduct"] != 1 || by["unclassified"] != 1 {
		t.Fatalf("counts %v %d %d %d %d %v", by, onTime, late, satisfied, total, err)
	}
}

func TestComplaintsForwardedByProvince(t *testing.T) {
	e, admin := districtEnv(t)
	var info UserInfo
	e.mustCall(t, admin, "Users.Save", SaveUserRequest{Username: "tiepdan", FullName: "Cán bộ tiếp dân", Office: "405", Roles: []Role{RoleClerk}, Password: "12345678"}, &info)
	var lr LoginReply
	e.mustCall(t, "", "Auth.Login", LoginRequest{Username: "tiepdan", Password: "12345678"}, &lr)
	// The district's clock has passed its setup (27 November): events are
	// never dated before it.
	e.now = vn(2026, 11, 30, 9).UTC()
	var r ComplaintReply
	e.mustCall(t, lr.Session, "Complaints.Receive", ReceiveComplaintRequest{Office: "38001", Channel: complaint.ChannelPhone, From: complaint.Person{Name: "Trần B"}, Text: "Xã thu phí sai"}, &r)
	if r.Complaint.Office != "38001" || r.Complaint.ReceivedBy != "405" || r.Complaint.Channel != complaint.ChannelProvince || r.Act {
		t.Fatalf("forwarded: %+v", r)
	}
	evs, err := e.st.Events(r.Subject)
	if err != nil || len(evs) != 1 || evs[0].Owner != "405" || !slices.Equal(evs[0].Audience, []string{"38001"}) {
		t.Fatalf("event: %+v %v", evs, err)
	}
	// Never up nor sideways.
	if err := e.call(t, lr.Session, "Complaints.Receive", ReceiveComplaintRequest{Office: "38", From: complaint.Person{Name: "A"}, Text: "x"}, nil); err == nil || err.Code != CodeForbidden {
		t.Fatalf("forward up: %v", err)
	}
	// The forwarding office does not answer in the commune's name.
	if err := e.call(t, lr.Session, "Complaints.Classify", ClassifyComplaintRequest{ID: r.Complaint.ID, Category: complaint.CategoryRules}, nil); err == nil || err.Code != CodeNotFound {
		t.Fatalf("district classifying: %v", err)
	}
	// The district reads it in the commune's list.
	var l ComplaintsReply
	e.mustCall(t, lr.Session, "Complaints.List", ComplaintsRequest{Office: "38001"}, &l)
	if len(l.Complaints) != 1 {
		t.Fatalf("district's view: %+v", l)
	}
	// The commune's desk, once synced, acts on it.
	s := newStaffAt(t, vn(2026, 11, 1, 8).UTC())
	if _, err := s.st.Ingest(evs); err != nil {
		t.Fatal(err)
	}
	s.now = vn(2026, 12, 1, 9).UTC()
	s.mustCall(t, s.clerk, "Complaints.AskMore", AskMoreComplaintRequest{ID: r.Complaint.ID, What: "Biên lai thu phí"}, &r)
	if r.Complaint.State != complaint.StateMoreRequested || !r.Act {
		t.Fatalf("commune: %+v", r)
	}
	// A reception written by one office in another's name is not folded.
	forged := r.Complaint.Received
	forged.ID = "PA-forged"
	if _, err := s.st.Append(store.Draft{Actor: "x", Owner: "38002", Kind: complaint.KindReceived, Subject: complaint.Subject("38001", forged.ID), Body: mustJSON(forged)}); err != nil {
		t.Fatal(err)
	}
	if _, found, _ := readComplaint(s.st, "38001", forged.ID); found {
		t.Fatal("a sibling's forged reception was folded")
	}
}

// TestComplaintsAnswerFiles: an answer carries the files stored on this
// desk, which open through the complaint and are indexed for the files
// sync; a file never stored is refused by its rule.
func TestComplaintsAnswerFiles(t *testing.T) {
	s := newStaff(t)
	c := s.receiveComplaint(t, s.clerk, ReceiveComplaintRequest{Category: complaint.CategoryRules}).Complaint
	var ref attach.Ref
	s.mustCall(t, s.officer, "Files.Put", FilePutRequest{Name: "Trả lời.pdf", Content: base64.StdEncoding.EncodeToString(evidencePDF(t, "Tra loi"))}, &ref)
	ghost := attach.Ref{ID: store.BlobOf([]byte("never put")).String(), Name: "x.pdf", Type: attach.TypePDF, Size: 9}
	if err := s.call(t, s.officer, "Complaints.Answer", AnswerComplaintRequest{ID: c.ID, Text: "Trả lời", Files: []attach.Ref{ghost}}, nil); err == nil || err.Params["rule"] != "file_missing" {
		t.Fatalf("a file never stored: %v", err)
	}
	var r ComplaintReply
	s.mustCall(t, s.officer, "Complaints.Answer", AnswerComplaintRequest{ID: c.ID, Text: "Trả lời", Files: []attach.Ref{ref}}, &r)
	if len(r.Complaint.Answer.Files) != 1 || r.Names[s.ids["chuyenvien"]] != "chuyenvien" {
		t.Fatalf("answer: %+v names %v", r.Complaint.Answer, r.Names)
	}
	var f FileReply
	s.mustCall(t, s.clerk, "Files.Get", FileRequest{Subject: r.Subject, ID: ref.ID}, &f)
	if !f.Synced || f.Ref != ref {
		t.Fatalf("file: %+v", f.Ref)
	}
	id, _ := store.ParseBlobID(ref.ID)
	subjects, err := NewFileIndex(s.st).Subjects(id)
	if err != nil || !slices.Contains(subjects, r.Subject) {
		t.Fatalf("file index: %v %v", subjects, err)
	}
}
