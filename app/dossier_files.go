package app

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"hoso/attach"
	"hoso/calendar"
	"hoso/dossier"
	"hoso/store"
)

// The files of dossiers (issue 20, digitization): the scans of each paper
// received (Dossiers.Receive's documents[i].files, hoso-node attach's
// dossier.scanned), a paper reused from a dossier digitized before
// (documents[i].reused, offered by Dossiers.Reusable) and the electronic
// result carried by the result at the desk (dossier.ResultAtDesk.Files).
// A dossier names files only this node holds when it writes the event, so
// that nothing is half-received; sync then carries them after the
// records (the dossier projection is a file carrier, files_index.go).

// storedFile refuses a Ref this node does not hold with that size: a
// file Files.Put never stored here (rule file_missing, scope file).
func storedFile(st *store.Store, field string, r attach.Ref) error {
	id, err := store.ParseBlobID(r.ID)
	size, serr := st.BlobSize(id)
	if err != nil || serr != nil || size != r.Size {
		return &Error{Code: CodeInvalidInput, Field: field, Message: "the file " + r.Name + " was not stored on this desk: attach it again",
			Params: map[string]string{"rule": "file_missing", "scope": "file", "name": r.Name}}
	}
	return nil
}

// storedFiles is storedFile for each of refs, field[i].
func storedFiles(st *store.Store, field string, refs []attach.Ref) error {
	for i, r := range refs {
		if err := storedFile(st, field+"["+strconv.Itoa(i)+"]", r); err != nil {
			return err
		}
	}
	return nil
}

// receivedFiles checks the files of the papers a reception names: each
// scan stored here, and each reused file one a dossier of this office
// names for the same applicant, stored here too.
func receivedFiles(st *store.Store, office string, applicant dossier.Applicant, docs []dossier.ReceivedDocument) error {
	for i, doc := range docs {
		at := "documents[" + strconv.Itoa(i) + "]"
		if err := storedFiles(st, at+".files", doc.Files); err != nil {
			return err
		}
		u := doc.Reused
		if u == nil {
			continue
		}
		field := at + ".reused"
		src, err := getDossier(st, strings.TrimSpace(u.Dossier))
		if err != nil || src.Office != office || applicantKey(src.Applicant) != applicantKey(applicant) || applicantKey(applicant) == "" ||
			!slices.ContainsFunc(src.Files(), func(r attach.Ref) bool { return r.ID == u.File.ID && r.Size == u.File.Size }) {
			return &Error{Code: CodeInvalidInput, Field: field, Message: "the file reused is not one of this applicant's digitized papers here",
				Params: map[string]string{"rule": "reuse_unknown", "scope": "file", "name": u.File.Name}}
		}
		if err := storedFile(st, field+".file", u.File); err != nil {
			return err
		}
	}
	return nil
}

// applicantKey is what makes two dossiers the same applicant's: the
// personal identification number of a person, the identifier of an
// organisation; "" when the applicant gave none (nothing is reused then).
func applicantKey(a dossier.Applicant) string {
	if a.IsOrganisation() {
		if a.OrgID == "" {
			return ""
		}
		return "org:" + a.OrgID
	}
	if a.CitizenID == "" {
		return ""
	}
	return "person:" + a.CitizenID
}

// actFiles checks the files an action names are stored here: the scans of
// a dossier.scanned, the electronic result of the result at the desk.
func actFiles(st *store.Store, b dossier.Body) error {
	switch b := b.(type) {
	case *dossier.Scanned:
		return storedFiles(st, "files", b.Files)
	case *dossier.ResultAtDesk:
		return storedFiles(st, "files", b.Files)
	}
	return nil
}

// ReusableRequest asks for the digitized papers of an applicant at the
// caller's office: a person by personal identification number (IDNumber)
// or an organisation by its identifier (OrgCode). Procedure, when given,
// keeps only the papers its checklist names (all, when it has none).
type ReusableRequest struct {
	IDNumber  string `json:"idNumber"`
	OrgCode   string `json:"orgCode"`
	Procedure string `json:"procedure"`
}

// ReusableFile is one file digitized before: the dossier that carries it,
// when that dossier was received and the file.
type ReusableFile struct {
	Dossier    string     `json:"dossier"`
	ReceivedAt time.Time  `json:"receivedAt"`
	File       attach.Ref `json:"file"`
}

// ReusablePaper is a kind of paper (a document's name) and its files
// digitized before, newest first.
type ReusablePaper struct {
	Name  string         `json:"name"`
	Files []ReusableFile `json:"files"`
}

// ReusableReply lists the applicant's digitized papers by kind.
type ReusableReply struct {
	Papers []ReusablePaper `json:"papers"`
}

// reusableLimit bounds the files offered for one kind of paper.
const reusableLimit = 10

// Reusable lists, per kind of paper, the files of earlier dossiers of the
// same citizen or organisation at this office that are still valid,
// newest first, for the desk to take one instead of scanning again
// (Decree 107/2021: a paper digitized once is not asked for again).
// How long each kind of paper stays valid is the catalog's data
// (catalog.Document.ValidMonths, from the dossier that brought it; none
// without a procedure named or a limit set). Reading another
// dossier's files for another purpose is an access to personal data:
// each dossier listed is logged as a read (access_log.go), whoever the
// clerk — holding that dossier was for its own processing, not this one.
func (s *Dossiers) Reusable(ctx context.Context, req ReusableRequest) (ReusableReply, error) {
	d, err := s.core.Deps()
	if err != nil {
		return ReusableReply{}, err
	}
	want := dossier.Applicant{Kind: dossier.ApplicantPerson, CitizenID: compactNumber(req.IDNumber)}
	key := want.CitizenID
	if org := strings.TrimSpace(req.OrgCode); org != "" {
		want = dossier.Applicant{Kind: dossier.ApplicantOrganisation, OrgID: org}
		key = org
	}
	if key == "" {
		return ReusableReply{}, FieldError("idNumber", "a personal identification number or an organisation's identifier is required")
	}
	var names map[string]bool
	// valid is how many months each kind of paper stays valid for reuse
	// (catalog.Document.ValidMonths), by folded name.
	valid := map[string]int{}
	if code := strings.TrimSpace(req.Procedure); code != "" {
		proc, err := getProcedure(d.Store, code, 0)
		if err != nil {
			return ReusableReply{}, &Error{Code: CodeInvalidInput, Field: "procedure", Message: "no procedure " + code, Err: err}
		}
		// A procedure without a checklist keeps every paper.
		if len(proc.Procedure.Documents) > 0 {
			names = map[string]bool{}
		}
		for _, doc := range proc.Procedure.Documents {
			names[fold(doc.Name)] = true
			valid[fold(doc.Name)] = doc.ValidMonths
		}
	}
	office := callerOffice(d.Store, CallerFrom(ctx))
	hits, err := d.Store.Scan(dossierProjID, dossier.IndexCitizen, store.ScanOptions{Prefix: append([]byte(key), 0), Limit: citizenScanLimit})
	if err != nil {
		return ReusableReply{}, Wrap(CodeInternal, err, "looking up the applicant")
	}
	var found []dossier.Dossier
	for _, h := range hits {
		var ds dossier.Dossier
		if ok, err := readState(d.Store, dossierProjID, h.Subject, &ds); err != nil {
			return ReusableReply{}, err
		} else if ok && ds.Status != "" && ds.Office == office && applicantKey(ds.Applicant) == applicantKey(want) {
			found = append(found, ds)
		}
	}
	slices.SortFunc(found, func(a, b dossier.Dossier) int {
		if newer(a, b) {
			return -1
		}
		return 1
	})
	out := ReusableReply{Papers: []ReusablePaper{}}
	byName := map[string]int{}
	seen := map[string]bool{}
	for _, ds := range found {
		listed := false
		for _, doc := range ds.Documents {
			k := fold(doc.Name)
			if names != nil && !names[k] {
				continue
			}
			// A paper past its validity is scanned again, not offered.
			if m := valid[k]; m > 0 && !ds.ReceivedAt.AddDate(0, m, 0).After(s.now()) {
				continue
			}
			refs := slices.Clone(doc.Files)
			if doc.Reused != nil {
				refs = append(refs, doc.Reused.File)
			}
			for _, r := range refs {
				if seen[k+"\x00"+r.ID] {
					continue
				}
				seen[k+"\x00"+r.ID] = true
				i, ok := byName[k]
				if !ok {
					i = len(out.Papers)
					byName[k] = i
					out.Papers = append(out.Papers, ReusablePaper{Name: doc.Name, Files: []ReusableFile{}})
				}
				if p := &out.Papers[i]; len(p.Files) < reusableLimit {
					p.Files = append(p.Files, ReusableFile{Dossier: ds.Code, ReceivedAt: ds.ReceivedAt.In(calendar.Zone), File: r})
					listed = true
				}
			}
		}
		if c := CallerFrom(ctx); listed && c.LoggedIn() {
			if err := recordAccess(d.Store, c, s.now(), AccessEntry{Action: AccessRead, Method: "Dossiers.Reusable", Scope: ds.Code, For: ds.Applicant.FullName}); err != nil {
				return ReusableReply{}, err
			}
		}
	}
	return out, nil
}

// logFileRead records the opening of a dossier's file by a caller who does
// not hold the dossier, like a read of the dossier (access_log.go).
func logFileRead(ctx context.Context, st *store.Store, subject string) error {
	code, ok := strings.CutPrefix(subject, dossierPrefix)
	if !ok {
		return nil
	}
	ds, err := getDossier(st, code)
	if err != nil {
		return nil
	}
	return logDossierRead(ctx, st, time.Now(), ds, nil, "Files.Get", "")
}
