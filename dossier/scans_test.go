package dossier

import (
	"errors"
	"strings"
	"testing"
	"time"

	"hoso/attach"
)

// ref is a well-formed Ref whose address starts with c.
func ref(c byte, name string) attach.Ref {
	return attach.Ref{ID: strings.Repeat(string(c), 64), Name: name, Type: attach.TypePNG, Size: 1234}
}

// TestScans folds the files of digitization: the scans received with each
// paper, those attached later (KindScanned, the same file once), the
// electronic result with the result at the desk, and refuses what does
// not fit: a paper out of range, no files, a malformed Ref, the wrong role
// or office.
func TestScans(t *testing.T) {
	a, b, c := ref('a', "to-khai.png"), ref('b', "chung-sinh.png"), ref('c', "ket-qua.pdf")
	c.Type = attach.TypePDF
	later := at(2026, time.March, 9, 9, 0)
	cases := []struct {
		name   string
		status Status
		by     Actor
		body   Body
		want   string // the rule code refused, "" for accepted
		check  func(t *testing.T, d Dossier)
	}{
		{name: "scan paper 2 after reception", status: StatusReceived, by: clerk, body: &Scanned{Paper: 2, Files: []attach.Ref{b, a}},
			check: func(t *testing.T, d Dossier) {
				if got := d.Documents[1].Files; len(got) != 2 || got[0].ID != b.ID || got[1].ID != a.ID {
					t.Errorf("paper 2 files %v, want the received one, then a (b once)", got)
				}
				if len(d.Documents[0].Files) != 1 {
					t.Errorf("paper 1 changed: %v", d.Documents[0].Files)
				}
			}},
		{name: "scan after the return (bulk digitization)", status: StatusReturned, by: clerk, body: &Scanned{Paper: 1, Files: []attach.Ref{c}},
			check: func(t *testing.T, d Dossier) {
				if len(d.Documents[0].Files) != 2 || d.Status != StatusReturned {
					t.Errorf("files %v status %s", d.Documents[0].Files, d.Status)
				}
			}},
		{name: "paper 0", status: StatusReceived, by: clerk, body: &Scanned{Paper: 0, Files: []attach.Ref{a}}, want: CodeBadValue},
		{name: "paper 3 of 2", status: StatusAssigned, by: clerk, body: &Scanned{Paper: 3, Files: []attach.Ref{a}}, want: CodeBadValue},
		{name: "no files", status: StatusReceived, by: clerk, body: &Scanned{Paper: 1}, want: CodeBadValue},
		{name: "bad address", status: StatusReceived, by: clerk, body: &Scanned{Paper: 1, Files: []attach.Ref{{ID: "x", Name: "a.png", Type: attach.TypePNG, Size: 1}}}, want: CodeBadValue},
		{name: "bad kind", status: StatusReceived, by: clerk, body: &Scanned{Paper: 1, Files: []attach.Ref{{ID: a.ID, Name: "a.txt", Type: "text/plain", Size: 1}}}, want: CodeBadValue},
		{name: "officer scans", status: StatusAssigned, by: officer, body: &Scanned{Paper: 1, Files: []attach.Ref{a}}, want: CodeWrongRole},
		{name: "another office's clerk", status: StatusReceived, by: dClerk, body: &Scanned{Paper: 1, Files: []attach.Ref{a}}, want: CodeWrongOffice},
		{name: "result scanned after the return", status: StatusReturned, by: clerk, body: &Scanned{Result: true, Files: []attach.Ref{c}},
			check: func(t *testing.T, d Dossier) {
				if len(d.ResultFiles) != 1 || d.ResultFiles[0] != c || len(d.Documents[0].Files) != 1 {
					t.Errorf("result files %v, paper 1 %v", d.ResultFiles, d.Documents[0].Files)
				}
			}},
		{name: "result scanned before the desk", status: StatusSigned, by: clerk, body: &Scanned{Result: true, Files: []attach.Ref{c}}, want: CodeWrongState},
		{name: "result and a paper", status: StatusReturned, by: clerk, body: &Scanned{Result: true, Paper: 1, Files: []attach.Ref{c}}, want: CodeBadValue},
		{name: "result files at the desk", status: StatusSigned, by: clerk, body: &ResultAtDesk{Files: []attach.Ref{c, c}},
			check: func(t *testing.T, d Dossier) {
				if len(d.ResultFiles) != 1 || d.ResultFiles[0] != c || d.Status != StatusResultAtDesk {
					t.Errorf("result files %v status %s", d.ResultFiles, d.Status)
				}
				if got := d.Files(); len(got) != 3 || got[2].ID != c.ID {
					t.Errorf("Files() = %v", got)
				}
			}},
		{name: "result at desk without files", status: StatusRefused, by: clerk, body: &ResultAtDesk{},
			check: func(t *testing.T, d Dossier) {
				if d.ResultFiles != nil {
					t.Errorf("result files %v", d.ResultFiles)
				}
			}},
		{name: "result file malformed", status: StatusSigned, by: clerk, body: &ResultAtDesk{Files: []attach.Ref{{ID: c.ID, Type: attach.TypePDF, Size: 0, Name: "x.pdf"}}}, want: CodeBadValue},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// The standard dossier, each paper with its scan from reception
			// (TestReceivedFiles folds those).
			f := newFlow(t).to(tc.status)
			f.d.Documents[0].Files = []attach.Ref{a}
			f.d.Documents[1].Files = []attach.Ref{b}
			act, err := NewAction(tc.body)
			if err != nil {
				t.Fatal(err)
			}
			err = Check(f.d, act, tc.by, later, f.cal)
			var re *RuleError
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tc.want != "" && (!errors.As(err, &re) || re.Code != tc.want):
				t.Fatalf("got %v, want %s", err, tc.want)
			case tc.want != "":
				return
			}
			f.force(tc.by, tc.body, later)
			tc.check(t, f.d)
		})
	}
}

// TestReceivedFilesValidated: a reception whose papers name a malformed
// scan or reuse is refused.
func TestReceivedFilesValidated(t *testing.T) {
	for name, doc := range map[string]ReceivedDocument{
		"bad scan":    {Files: []attach.Ref{{ID: "nothex", Name: "a.png", Type: attach.TypePNG, Size: 10}}},
		"bad reuse":   {Reused: &Reuse{Dossier: "not-a-code", File: ref('a', "a.png")}},
		"reused file": {Reused: &Reuse{Dossier: "38001-260302-0001", File: attach.Ref{ID: ref('a', "").ID, Type: attach.TypePNG, Size: 3}}},
	} {
		f := newFlow(t)
		r := f.received(day0, 0, 1)
		doc.Name, doc.Form, doc.Count = r.Documents[0].Name, r.Documents[0].Form, 1
		r.Documents[0] = doc
		act, _ := NewAction(r)
		var re *RuleError
		if err := Check(Dossier{}, act, clerk, day0, f.cal); !errors.As(err, &re) || re.Code != CodeBadValue {
			t.Errorf("%s: %v, want bad_value", name, err)
		}
	}
}

// TestReceivedFiles: the scans and the reuse a reception names are folded
// into the dossier's papers.
func TestReceivedFiles(t *testing.T) {
	f := newFlow(t)
	r := f.received(day0, 0, 1)
	r.Documents[0].Files = []attach.Ref{ref('a', "a.png")}
	r.Documents[1].Reused = &Reuse{Dossier: "38001-260201-0003", File: ref('b', "b.png")}
	f.do(clerk, r, day0)
	if got := f.d.Documents; len(got[0].Files) != 1 || got[1].Reused == nil || got[1].Reused.File.ID != ref('b', "").ID {
		t.Fatalf("documents %+v", got)
	}
	if got := f.d.Files(); len(got) != 2 {
		t.Errorf("Files() = %v, want the scan and the reused file", got)
	}
}
