package app

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/jung-kurt/gofpdf"

	"hoso/attach"
	"hoso/plan"
	"hoso/store"
)

func evidencePDF(t *testing.T, text string) []byte {
	t.Helper()
	p := gofpdf.New("P", "mm", "A4", "")
	p.AddPage()
	p.SetFont("Helvetica", "", 12)
	p.Cell(40, 10, text)
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestFilesAsEvidence attaches a file to progress on a plan's task: it is
// checked and stored once, opens for the office and the offices above,
// never for a sibling, and shows as not synced yet where the record came
// without it.
func TestFilesAsEvidence(t *testing.T) {
	p := newPlansEnv(t)
	p.mustCall(t, p.district, "Plans.Publish", PublishRequest{Plan: districtPlan()}, nil)
	pdf := evidencePDF(t, "Quy che phoi hop")
	put := FilePutRequest{Name: "Quy chế phối hợp.pdf", Content: base64.StdEncoding.EncodeToString(pdf)}

	for _, c := range []struct {
		name string
		req  FilePutRequest
		rule string
	}{
		{"a text file", FilePutRequest{Name: "a.pdf", Content: base64.StdEncoding.EncodeToString([]byte("only words"))}, "bad_type"},
		{"not base64", FilePutRequest{Name: "a.pdf", Content: "%%%"}, "bad_encoding"},
		{"too large", FilePutRequest{Name: "a.pdf", Content: strings.Repeat("A", MaxFileBytes/3*4+8)}, "too_large"},
		{"a PDF named .png", FilePutRequest{Name: "a.png", Content: put.Content}, "type_mismatch"},
	} {
		if err := p.call(t, p.c1, "Files.Put", c.req, nil); err == nil || err.Code != CodeInvalidInput || err.Params["rule"] != c.rule {
			t.Fatalf("%s: %v, want rule %s", c.name, err, c.rule)
		}
	}
	var ref, again attach.Ref
	p.mustCall(t, p.c1, "Files.Put", put, &ref)
	p.mustCall(t, p.c1, "Files.Put", put, &again)
	if ref.ID != store.BlobOf(pdf).String() || ref.Type != attach.TypePDF || ref.Size != int64(len(pdf)) || again != ref {
		t.Fatalf("stored as %+v, again %+v", ref, again)
	}

	ghost := attach.Ref{ID: store.BlobOf([]byte("never put")).String(), Name: "x.pdf", Type: attach.TypePDF, Size: 9}
	if err := p.call(t, p.c1, "Plans.Progress", ProgressRequest{Plan: "405-kh1", Task: "T2", Status: plan.Done, Evidence: []plan.Evidence{{File: &ghost}}}, nil); err == nil || err.Params["rule"] != "file_missing" || err.Field != "evidence[0].file" {
		t.Fatalf("a file never stored: %v", err)
	}
	p.mustCall(t, p.c1, "Plans.Progress", ProgressRequest{Plan: "405-kh1", Task: "T2", Status: plan.Done, Evidence: []plan.Evidence{{File: &ref}}}, nil)

	subject := plan.ProgressSubject("38001", "405-kh1", "T2")
	for _, who := range []struct {
		name, session string
	}{{"the office", p.c1}, {"the district above", p.district}} {
		var got FileReply
		p.mustCall(t, who.session, "Files.Get", FileRequest{Subject: subject, ID: ref.ID}, &got)
		content, _ := base64.StdEncoding.DecodeString(got.Content)
		if !got.Synced || got.Ref != ref || !bytes.Equal(content, pdf) {
			t.Fatalf("%s opens %+v (%d bytes)", who.name, got.Ref, len(content))
		}
	}
	if err := p.call(t, p.c2, "Files.Get", FileRequest{Subject: subject, ID: ref.ID}, nil); err == nil || err.Code != CodeNotFound {
		t.Fatalf("a sibling commune opens the file: %v", err)
	}
	if err := p.call(t, p.c1, "Files.Get", FileRequest{Subject: plan.ProgressSubject("38001", "405-kh1", "T1"), ID: ref.ID}, nil); err == nil || err.Code != CodeNotFound {
		t.Fatalf("a file through a record that does not name it: %v", err)
	}

	// A record that arrived before its file (as sync delivers them): the
	// file is named, not synced yet.
	late := attach.Ref{ID: store.BlobOf([]byte("on its way")).String(), Name: "bien-ban.pdf", Type: attach.TypePDF, Size: 10}
	body := mustJSON(plan.Progress{Plan: "405-kh1", Task: "T1", Office: "38001", Status: plan.InProgress, Evidence: []plan.Evidence{{File: &late}}})
	if _, err := p.st.Append(store.Draft{Owner: "38001", Kind: plan.KindProgress, Subject: plan.ProgressSubject("38001", "405-kh1", "T1"), Body: body}); err != nil {
		t.Fatal(err)
	}
	var pending FileReply
	p.mustCall(t, p.district, "Files.Get", FileRequest{Subject: plan.ProgressSubject("38001", "405-kh1", "T1"), ID: late.ID}, &pending)
	if pending.Synced || pending.Content != "" || pending.Ref != late {
		t.Fatalf("a file not synced yet: %+v", pending)
	}
}

// TestFileIndexListsWhatIsMissing proves the files protocol's index: a file
// of evidence the node holds is not wanted, one whose record came alone
// is, with its size, and both are found from their address.
func TestFileIndexListsWhatIsMissing(t *testing.T) {
	p := newPlansEnv(t)
	p.mustCall(t, p.district, "Plans.Publish", PublishRequest{Plan: districtPlan()}, nil)
	var ref attach.Ref
	p.mustCall(t, p.c1, "Files.Put", FilePutRequest{Name: "a.pdf", Content: base64.StdEncoding.EncodeToString(evidencePDF(t, "a"))}, &ref)
	p.mustCall(t, p.c1, "Plans.Progress", ProgressRequest{Plan: "405-kh1", Task: "T2", Status: plan.Done, Evidence: []plan.Evidence{{File: &ref}}}, nil)
	late := attach.Ref{ID: store.BlobOf([]byte("on its way")).String(), Name: "b.pdf", Type: attach.TypePDF, Size: 10}
	body := mustJSON(plan.Progress{Plan: "405-kh1", Task: "T1", Office: "38001", Status: plan.InProgress, Evidence: []plan.Evidence{{File: &late}}})
	if _, err := p.st.Append(store.Draft{Owner: "38001", Kind: plan.KindProgress, Subject: plan.ProgressSubject("38001", "405-kh1", "T1"), Body: body}); err != nil {
		t.Fatal(err)
	}
	x := NewFileIndex(p.st)
	wants, err := x.Wanted(10)
	if err != nil || len(wants) != 1 || wants[0].ID.String() != late.ID || wants[0].Size != 10 {
		t.Fatalf("wanted %+v %v, want only the file not here", wants, err)
	}
	for _, r := range []attach.Ref{ref, late} {
		id, _ := store.ParseBlobID(r.ID)
		if subjects, err := x.Subjects(id); err != nil || len(subjects) != 1 || !strings.HasPrefix(subjects[0], "planprogress/38001/405-kh1/") {
			t.Fatalf("records naming %s: %v %v", r.Name, subjects, err)
		}
	}
}
