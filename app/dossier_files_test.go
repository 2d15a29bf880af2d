package app

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"image"
	"image/color"
	"image/png"
	"slices"
	"testing"
	"time"

	"hoso/attach"
	"hoso/catalog"
	"hoso/dossier"
	"hoso/p2p/syncproto"
	"hoso/store"
)

// scanPNG is a tiny image whose pixels depend on n, so that two scans are
// two files.
func scanPNG(t *testing.T, n int) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 8, 8))
	img.Set(n%8, n/8%8, color.White)
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// put stores a scan through Files.Put as the clerk.
func (s *staffEnv) put(t *testing.T, name string, data []byte) attach.Ref {
	t.Helper()
	var r attach.Ref
	s.mustCall(t, s.clerk, "Files.Put", FilePutRequest{Name: name, Content: base64.StdEncoding.EncodeToString(data)}, &r)
	return r
}

// loginAt saves a user of office with role and logs in.
func (s *staffEnv) loginAt(t *testing.T, name, office string, role Role) string {
	t.Helper()
	s.mustCall(t, s.admin, "Users.Save", SaveUserRequest{Username: name, FullName: name, Office: office, Roles: []Role{role}, Password: "12345678"}, nil)
	var l LoginReply
	s.mustCall(t, "", "Auth.Login", LoginRequest{Username: name, Password: "12345678"}, &l)
	return l.Session
}

func scannedRequest(docs ...dossier.ReceivedDocument) ReceiveRequest {
	return ReceiveRequest{
		Procedure: "1.004837",
		Applicant: dossier.Applicant{FullName: "Nguyễn Thị Hồng", CitizenID: "038095001234", Address: "Thôn 1", Phone: "0912345678"},
		Channel:   dossier.ChannelInPerson, Sets: 1, Documents: docs,
	}
}

func accessReads(t *testing.T, s *staffEnv, method string) int {
	t.Helper()
	var log AccessLogReply
	s.mustCall(t, s.admin, "Records.AccessLog", AccessLogRequest{}, &log)
	n := 0
	for _, a := range log.Items {
		if a.Method == method {
			n++
		}
	}
	return n
}

// TestDossierScans receives a dossier with its scans (a file never stored
// refuses the whole reception), reuses one for the same citizen's next
// dossier, carries the electronic result with the result at the desk, and
// attaches scans later (dossier.scanned).
func TestDossierScans(t *testing.T) {
	s := newStaff(t)
	s.now = time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)
	a, b := s.put(t, "to-khai.png", scanPNG(t, 1)), s.put(t, "giay-chung-sinh.png", scanPNG(t, 2))
	if again := s.put(t, "to-khai.png", scanPNG(t, 1)); again != a || a.ID == b.ID {
		t.Fatalf("the same scan twice: %+v %+v", again, a)
	}
	ghost := attach.Ref{ID: store.BlobOf([]byte("never put")).String(), Name: "x.png", Type: attach.TypePNG, Size: 9}
	doc := func(files ...attach.Ref) dossier.ReceivedDocument {
		return dossier.ReceivedDocument{Name: "Tờ khai đăng ký giám hộ", Form: catalog.FormOriginal, Count: 1, Files: files}
	}
	err := s.call(t, s.clerk, "Dossiers.Receive", scannedRequest(doc(a, ghost)), nil)
	if err == nil || err.Params["rule"] != "file_missing" || err.Params["scope"] != "file" || err.Field != "documents[0].files[1]" {
		t.Fatalf("a scan never stored: %v", err)
	}
	var r ReceiveReply
	s.mustCall(t, s.clerk, "Dossiers.Receive", scannedRequest(doc(a, b)), &r)
	if !r.Received || len(r.Dossier.Documents[0].Files) != 2 {
		t.Fatalf("received %+v", r)
	}
	if r.Code[len(r.Code)-4:] != "0001" {
		t.Fatalf("the refused reception took a number: %s", r.Code)
	}

	// The same citizen's next dossier: the scans are offered per paper,
	// newest first, and one is taken instead of scanning again.
	var reuse ReusableReply
	s.mustCall(t, s.clerk, "Dossiers.Reusable", ReusableRequest{IDNumber: "038 095 001 234", Procedure: "1.004837"}, &reuse)
	if len(reuse.Papers) != 1 || reuse.Papers[0].Name != "Tờ khai đăng ký giám hộ" || len(reuse.Papers[0].Files) != 2 || reuse.Papers[0].Files[0].Dossier != r.Code {
		t.Fatalf("reusable %+v", reuse)
	}
	if n := accessReads(t, s, "Dossiers.Reusable"); n != 1 {
		t.Fatalf("the reuse read logged %d times, want once (one dossier listed)", n)
	}
	s.mustCall(t, s.clerk, "Dossiers.Reusable", ReusableRequest{IDNumber: "038095009999"}, &reuse)
	if len(reuse.Papers) != 0 || accessReads(t, s, "Dossiers.Reusable") != 1 {
		t.Fatalf("another citizen's papers: %+v", reuse)
	}
	// The catalog says how long a kind of paper stays valid: past it the
	// paper is scanned again, not offered.
	{
		var p ProcedureReply
		s.mustCall(t, s.admin, "Catalog.Get", ProcedureRequest{Code: "1.004837"}, &p)
		proc := p.Procedure
		proc.Documents = []catalog.Document{{Name: "Tờ khai đăng ký giám hộ", Form: catalog.FormOriginal, Count: 1, Required: true, ValidMonths: 1}}
		bad := proc
		bad.Documents = slices.Clone(proc.Documents)
		bad.Documents[0].ValidMonths = -1
		if err := s.call(t, s.admin, "Catalog.Save", SaveProcedureRequest{Procedure: bad}, nil); err == nil || err.Code != CodeInvalidInput {
			t.Fatalf("a negative validity: %v", err)
		}
		s.mustCall(t, s.admin, "Catalog.Save", SaveProcedureRequest{Procedure: proc}, nil)
		var within, past ReusableReply
		s.mustCall(t, s.clerk, "Dossiers.Reusable", ReusableRequest{IDNumber: "038095001234", Procedure: "1.004837"}, &within)
		saved := s.now
		s.now = s.now.AddDate(0, 1, 1)
		s.mustCall(t, s.clerk, "Dossiers.Reusable", ReusableRequest{IDNumber: "038095001234", Procedure: "1.004837"}, &past)
		s.now = saved
		if len(within.Papers) != 1 || len(past.Papers) != 0 {
			t.Fatalf("a paper valid one month: offered %+v within it, %+v past it", within.Papers, past.Papers)
		}
		proc.Documents = p.Procedure.Documents
		s.mustCall(t, s.admin, "Catalog.Save", SaveProcedureRequest{Procedure: proc}, nil)
	}
	reused := doc()
	reused.Reused = &dossier.Reuse{Dossier: r.Code, File: b}
	var r2 ReceiveReply
	s.mustCall(t, s.clerk, "Dossiers.Receive", scannedRequest(reused), &r2)
	if got := r2.Dossier.Files(); len(got) != 1 || got[0].ID != b.ID {
		t.Fatalf("the reused paper: %+v", r2.Dossier.Documents)
	}
	other := scannedRequest(reused)
	other.Applicant.CitizenID = "038095009999"
	if err := s.call(t, s.clerk, "Dossiers.Receive", other, nil); err == nil || err.Params["rule"] != "reuse_unknown" || err.Field != "documents[0].reused" {
		t.Fatalf("another citizen's paper reused: %v", err)
	}

	// The electronic result comes with the result at the desk.
	result := s.put(t, "quyet-dinh.png", scanPNG(t, 3))
	for _, st := range []struct {
		session string
		kind    dossier.Kind
		body    any
	}{
		{s.clerk, dossier.KindHandedOver, dossier.HandedOver{}},
		{s.officer, dossier.KindAssigned, dossier.Assigned{}},
		{s.officer, dossier.KindAppraised, dossier.Appraised{Opinion: dossier.OpinionApprove}},
		{s.officer, dossier.KindSubmitted, dossier.Submitted{}},
		{s.leader, dossier.KindSigned, dossier.Signed{Number: "12/QĐ-UBND"}},
	} {
		if err := s.act(t, st.session, r.Code, st.kind, st.body); err != nil {
			t.Fatalf("%s: %v", st.kind, err)
		}
	}
	if err := s.act(t, s.clerk, r.Code, dossier.KindResultAtDesk, dossier.ResultAtDesk{Files: []attach.Ref{ghost}}); err == nil || err.Params["rule"] != "file_missing" {
		t.Fatalf("a result file never stored: %v", err)
	}
	if err := s.act(t, s.clerk, r.Code, dossier.KindResultAtDesk, dossier.ResultAtDesk{Files: []attach.Ref{result}}); err != nil {
		t.Fatal(err)
	}
	// Scans attached later, to paper 1 of 1.
	if err := s.act(t, s.clerk, r.Code, dossier.KindScanned, dossier.Scanned{Paper: 2, Files: []attach.Ref{result}}); err == nil || err.Params["rule"] != dossier.CodeBadValue || err.Field != "paper" {
		t.Fatalf("paper 2 of 1: %v", err)
	}
	late := s.put(t, "trang-2.png", scanPNG(t, 4))
	if err := s.act(t, s.clerk, r.Code, dossier.KindScanned, dossier.Scanned{Paper: 1, Files: []attach.Ref{late, a}}); err != nil {
		t.Fatal(err)
	}
	var got DossierReply
	s.mustCall(t, s.clerk, "Dossiers.Get", DossierRequest{Code: r.Code}, &got)
	if len(got.Dossier.ResultFiles) != 1 || got.Dossier.ResultFiles[0] != result || len(got.Dossier.Documents[0].Files) != 3 {
		t.Fatalf("result files %v, paper files %v", got.Dossier.ResultFiles, got.Dossier.Documents[0].Files)
	}
}

// TestDossierFilesAccess: a dossier's scans open through its record for
// the receiving office and a liên thông office it was transferred to,
// never for a sibling; an open by a user who does not hold the dossier is
// logged. After the transfer, sync's scope gives the liên thông office's
// node the dossier and its file index wants the scans; a sibling's node
// gets neither.
func TestDossierFilesAccess(t *testing.T) {
	s := newStaff(t)
	s.now = time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)
	for _, o := range []OfficeRecord{{Code: "38", Name: "UBND tỉnh"}, {Code: "38001", Name: "UBND xã Đông Sơn", Parent: "38"},
		{Code: "38002", Name: "UBND xã Đông Yên", Parent: "38"}, {Code: "38100", Name: "Sở Tư pháp", Parent: "38"}} {
		s.mustCall(t, s.admin, "Offices.Save", o, nil)
	}
	lienThong := s.loginAt(t, "canbosotuphap", "38100", RoleOfficer)
	sibling := s.loginAt(t, "canboxakhac", "38002", RoleOfficer)
	scan := s.put(t, "to-khai.png", scanPNG(t, 7))
	var r ReceiveReply
	s.mustCall(t, s.clerk, "Dossiers.Receive", scannedRequest(dossier.ReceivedDocument{Name: "Tờ khai đăng ký giám hộ", Form: catalog.FormOriginal, Count: 1, Files: []attach.Ref{scan}}), &r)
	subject := dossierPrefix + r.Code
	get := FileRequest{Subject: subject, ID: scan.ID}
	if err := s.call(t, lienThong, "Files.Get", get, nil); err == nil || err.Code != CodeNotFound {
		t.Fatalf("an office not yet involved opens the scan: %v", err)
	}
	for _, st := range []struct {
		kind dossier.Kind
		body any
	}{
		{dossier.KindHandedOver, dossier.HandedOver{}}, {dossier.KindAssigned, dossier.Assigned{}},
		{dossier.KindTransferred, dossier.Transferred{Office: "38100", Task: "Xác minh", TimeWD: 2}},
	} {
		session := s.officer
		if st.kind == dossier.KindHandedOver {
			session = s.clerk
		}
		if err := s.act(t, session, r.Code, st.kind, st.body); err != nil {
			t.Fatalf("%s: %v", st.kind, err)
		}
	}
	before := accessReads(t, s, "Files.Get")
	var got FileReply
	s.mustCall(t, s.clerk, "Files.Get", get, &got)
	if !got.Synced || got.Ref != scan || accessReads(t, s, "Files.Get") != before {
		t.Fatalf("the receiving clerk opens %+v (logged %d)", got.Ref, accessReads(t, s, "Files.Get")-before)
	}
	s.mustCall(t, lienThong, "Files.Get", get, &got)
	if !got.Synced || accessReads(t, s, "Files.Get") != before+1 {
		t.Fatalf("the liên thông office opens %+v, logged %d", got.Ref, accessReads(t, s, "Files.Get")-before)
	}
	if err := s.call(t, sibling, "Files.Get", get, nil); err == nil || err.Code != CodeNotFound {
		t.Fatalf("a sibling opens the scan: %v", err)
	}

	// Sync: each node takes what its office's scope makes visible.
	evs, err := s.st.After(s.st.Self(), 0, 100000)
	if err != nil {
		t.Fatal(err)
	}
	tree := scanTree{s.st}
	for _, c := range []struct {
		office string
		wants  bool
	}{{"38100", true}, {"38002", false}} {
		path, ok := OfficePath(s.st, c.office)
		if !ok {
			t.Fatalf("no path for %s", c.office)
		}
		scope := syncproto.NewScope(path, tree)
		var visible []*store.Event
		for _, e := range evs {
			audience, err := s.st.Audience(e.Subject)
			if err != nil {
				t.Fatal(err)
			}
			if scope.Visible(e, audience) {
				visible = append(visible, e)
			}
		}
		_, key, _ := ed25519.GenerateKey(nil)
		node, err := store.Open(store.Options{InMemory: true, Signer: key, Projections: Projections()})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { node.Close() })
		if _, err := node.Ingest(visible); err != nil {
			t.Fatal(err)
		}
		wants, err := NewFileIndex(node).Wanted(10)
		if err != nil {
			t.Fatal(err)
		}
		id, _ := store.ParseBlobID(scan.ID)
		if got := len(wants) == 1 && wants[0].ID == id && wants[0].Size == scan.Size; got != c.wants {
			t.Errorf("%s's node wants %+v, want the scan: %v", c.office, wants, c.wants)
		}
		if _, err := node.BlobSize(id); !errors.Is(err, store.ErrNoBlob) {
			t.Errorf("%s's node holds the scan before the files protocol: %v", c.office, err)
		}
		if subjects, _ := NewFileIndex(node).Subjects(id); (len(subjects) == 1) != c.wants {
			t.Errorf("%s's node: records naming the scan %v", c.office, subjects)
		}
	}
}

// scanTree is the office tree a sync scope reads.
type scanTree struct{ st *store.Store }

func (t scanTree) Path(office string) (string, bool) { return OfficePath(t.st, office) }
