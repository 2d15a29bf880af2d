package dossier

import (
	"regexp"
	"slices"

	"hoso/attach"
)

// Digitization (Decrees 45/2020 and 107/2021): the scans of each paper
// received, a paper reused from one digitized before, the electronic
// result. The dossier names files by attach.Ref; the bytes are the app's
// blobs, which the app checks exist before it writes the event.

// MaxFilesPerPaper bounds the scans of one paper (or of the result): a
// paper of many pages is scanned as one PDF, so more is a mistake.
const MaxFilesPerPaper = 20

// Scanned is the body of KindScanned: scans attached to a paper already
// received, by its position in Documents (1-based, as the receipt
// numbers the papers), or with Result (and Paper 0) to the electronic
// result once it reached the desk — an agency's PDF that came after the
// paper, or old results digitized in bulk.
type Scanned struct {
	Header
	Paper  int          `json:"paper,omitempty"`
	Result bool         `json:"result,omitempty"`
	Files  []attach.Ref `json:"files"`
}

// scannable refuses a Scanned that names no paper of d, or the result
// before it reached the desk.
func (d *Dossier) scannable(b *Scanned) *RuleError {
	if b.Result {
		if b.Paper != 0 {
			return badValue("paper", "the result's files name no paper")
		}
		if d.Status != StatusResultAtDesk && d.Status != StatusReturned {
			return ruleErr(CodeWrongState, "the result of %s has not reached the desk", d.Code).
				with("kind", string(KindScanned)).with("status", string(d.Status))
		}
		return nil
	}
	if b.Paper < 1 || b.Paper > len(d.Documents) {
		return badValue("paper", "the dossier has %d papers; there is no paper %d", len(d.Documents), b.Paper).with("papers", itoa(len(d.Documents)))
	}
	return nil
}

// Kind returns KindScanned.
func (*Scanned) Kind() Kind { return KindScanned }

var fileIDRE = regexp.MustCompile(`^[0-9a-f]{64}$`)

// addFiles appends to have the refs it does not hold yet: the same file
// (the same address) attached twice is one.
func addFiles(have, refs []attach.Ref) []attach.Ref {
	for _, r := range refs {
		if !slices.ContainsFunc(have, func(h attach.Ref) bool { return h.ID == r.ID }) {
			have = append(have, r)
		}
	}
	return have
}

// fileRefs checks the Refs a body names: a well-formed address, a kind
// attach knows, a size and a name, at most MaxFilesPerPaper.
func fileRefs(name string, refs []attach.Ref, nonEmpty bool) *RuleError {
	if (nonEmpty && len(refs) == 0) || len(refs) > MaxFilesPerPaper {
		return badValue(name, "between %d and %d files", map[bool]int{true: 1}[nonEmpty], MaxFilesPerPaper)
	}
	for i, r := range refs {
		if re := fileRef(name+"["+itoa(i)+"]", r); re != nil {
			return re
		}
	}
	return nil
}

func fileRef(at string, r attach.Ref) *RuleError {
	switch {
	case !fileIDRE.MatchString(r.ID):
		return badValue(at+".id", "%q is not a file address", r.ID)
	case r.Type != attach.TypePDF && r.Type != attach.TypeJPEG && r.Type != attach.TypePNG:
		return badValue(at+".type", "%q is not a kind of file kept", r.Type)
	case r.Size <= 0 || r.Size > attach.DefaultMaxSize:
		return badValue(at+".size", "%d is not a file size", r.Size)
	}
	return required(at+".name", r.Name)
}

// documentFiles checks the scans and the reuse of one received paper.
func documentFiles(at string, doc ReceivedDocument) *RuleError {
	if re := fileRefs(at+".files", doc.Files, false); re != nil {
		return re
	}
	if u := doc.Reused; u != nil {
		if _, err := ParseCode(u.Dossier); err != nil {
			return badValue(at+".reused.dossier", "%v", err)
		}
		return fileRef(at+".reused.file", u.File)
	}
	return nil
}

// Files returns every file the dossier names: each paper's scans and
// reused file, the supplements' papers and the electronic result, once
// each, in that order. It is what a node must hold to open the dossier
// whole, and what the sync of files carries.
func (d Dossier) Files() []attach.Ref {
	var out []attach.Ref
	docs := func(list []ReceivedDocument) {
		for _, doc := range list {
			out = addFiles(out, doc.Files)
			if doc.Reused != nil {
				out = addFiles(out, []attach.Ref{doc.Reused.File})
			}
		}
	}
	docs(d.Documents)
	for _, s := range d.Supplements {
		docs(s.Documents)
	}
	return addFiles(out, d.ResultFiles)
}
