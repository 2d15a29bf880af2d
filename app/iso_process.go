package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"hoso/calendar"
	"hoso/iso"
	"hoso/print"
	"hoso/store"
)

// isoProcessProjID names the fold of the documented processes.
const isoProcessProjID = "isoprocess"

// isoProcessIndex lists an office's processes: key "<office>/<procedure>".
const isoProcessIndex = "office"

// isoProcessProjection folds iso/process/<office>/<procedure> into an
// iso.Process. Only the office's own events apply: a process is the
// office's controlled document, and no other office drafts or approves it.
// It is versioned (ownedProjection) so a change of the fold refolds.
var isoProcessProjection = ownedProjection[iso.Process]{jsonProjection[iso.Process]{
	name:   isoProcessProjID,
	prefix: iso.ProcessPrefix,
	apply: func(s *iso.Process, e *store.Event) {
		if subjectOffice(e.Subject, iso.ProcessPrefix) != e.Owner {
			return
		}
		switch e.Kind {
		case iso.KindProcessDrafted:
			var d iso.ProcessDrafted
			if decodeBody(e, &d) {
				s.ApplyDrafted(d)
			}
		case iso.KindProcessApproved:
			var a iso.ProcessApproved
			if decodeBody(e, &a) {
				s.ApplyApproved(a)
			}
		}
	},
	index: func(subject string, s *iso.Process) []store.IndexEntry {
		return []store.IndexEntry{{Index: isoProcessIndex, Key: []byte(strings.TrimPrefix(subject, iso.ProcessPrefix))}}
	},
}}

// ProcessesRequest names the office whose processes are listed: empty is
// the caller's; another must be below it.
type ProcessesRequest struct {
	Office string `json:"office"`
}

// RevisionInfo is a revision as a list row shows it.
type RevisionInfo struct {
	Revision   int               `json:"revision"`
	Issue      int               `json:"issue"`
	State      iso.RevisionState `json:"state"`
	InForce    string            `json:"inForce,omitempty"`
	ApprovedBy string            `json:"approvedBy,omitempty"`
	DraftedAt  time.Time         `json:"draftedAt"`
}

// ProcessRow is one procedure of the office's catalog and its process.
type ProcessRow struct {
	// Code is the process code ("QT-1.001193"); Procedure the catalog's.
	Code      string `json:"code"`
	Procedure string `json:"procedure"`
	Name      string `json:"name"`
	Sector    string `json:"sector"`
	// InForce is the approved revision, nil when none is.
	InForce *RevisionInfo `json:"inForce"`
	// Pending is the draft awaiting approval, nil when none is.
	Pending *RevisionInfo `json:"pending"`
	// Superseded counts the revisions no longer in force.
	Superseded int `json:"superseded"`
	// CatalogChanged is true when the catalog's procedure differs from the
	// one the revision in force was generated from: the screen proposes a
	// new revision, the process is never changed silently.
	CatalogChanged bool `json:"catalogChanged"`
	// Conflicts counts the events two desks wrote concurrently that the
	// fold set aside (Iso.Process lists them).
	Conflicts int `json:"conflicts"`
}

// ProcessesReply is an office's processes, by sector then procedure code.
type ProcessesReply struct {
	Office    string       `json:"office"`
	Processes []ProcessRow `json:"processes"`
}

// ProcessRequest names one process: the office (empty: the caller's) and
// the procedure's code.
type ProcessRequest struct {
	Office    string `json:"office"`
	Procedure string `json:"procedure"`
}

// ProcessReply is one process with every revision, newest first.
type ProcessReply struct {
	Office    string         `json:"office"`
	Procedure string         `json:"procedure"`
	Code      string         `json:"code"`
	Name      string         `json:"name"`
	Revisions []iso.Revision `json:"revisions"`
	// InForce and Pending are the revision numbers in force and waiting
	// for approval, 0 for none; an approval carries InForce as it saw it.
	InForce        int      `json:"inForce"`
	Pending        int      `json:"pending"`
	CatalogChanged bool     `json:"catalogChanged"`
	Conflicts      []string `json:"conflicts"`
}

// DraftProcessRequest asks for a new revision of the caller's office's
// process of a procedure, generated from the catalog as it is now.
type DraftProcessRequest struct {
	Procedure string `json:"procedure"`
}

// ApproveProcessRequest approves a drafted revision from a day.
type ApproveProcessRequest struct {
	Procedure string `json:"procedure"`
	Revision  int    `json:"revision"`
	// Seen is the revision in force when the leader read the process
	// (ProcessReply.InForce): if another was approved since, the approval
	// is refused as a conflict.
	Seen int `json:"seen"`
	// InForce is the first day the revision governs, YYYY-MM-DD.
	InForce string `json:"inForce"`
}

// readProcess reads an office's process of a procedure; a process never
// drafted is empty.
func readProcess(st *store.Store, office, procedure string) (iso.Process, error) {
	var p iso.Process
	_, err := readState(st, isoProcessProjID, iso.ProcessSubject(office, procedure), &p)
	return p, err
}

// catalogAt returns the catalog version of a procedure in force at an
// office, and whether there is one.
func catalogAt(st *store.Store, office, code string) (ProcedureVersion, bool, error) {
	var r procedureRecord
	ok, err := readState(st, procedureProjID, procedurePrefix+code, &r)
	if err != nil || !ok {
		return ProcedureVersion{}, false, err
	}
	v, ok := r.inForce(catalogChain(st, office))
	return v, ok, nil
}

// revisionInfo is a revision's list-row summary.
func revisionInfo(r iso.Revision) *RevisionInfo {
	return &RevisionInfo{Revision: r.Revision, Issue: r.Issue, State: r.State, InForce: r.InForce, ApprovedBy: r.ApproverName, DraftedAt: r.DraftedAt}
}

// changed tells whether the catalog source differs from the revision in
// force (false when none is in force: there is nothing to revise).
func changed(p *iso.Process, v ProcedureVersion, inCatalog bool) bool {
	cur, ok := p.InForce()
	return ok && inCatalog && cur.Doc.Source != iso.SourceHash(v.Procedure)
}

// Processes lists an office's processes: every active procedure of its
// catalog and every procedure it has a process of, with the revision in
// force, the pending draft and whether the catalog changed since.
func (i *Iso) Processes(ctx context.Context, req ProcessesRequest) (ProcessesReply, error) {
	d, err := i.core.Deps()
	if err != nil {
		return ProcessesReply{}, err
	}
	office, err := isoReadOffice(d.Store, CallerFrom(ctx), req.Office)
	if err != nil {
		return ProcessesReply{}, err
	}
	rows := map[string]*ProcessRow{}
	recs, err := (&Catalog{core: i.core}).all(d.Store)
	if err != nil {
		return ProcessesReply{}, err
	}
	chain := catalogChain(d.Store, office)
	versions := map[string]ProcedureVersion{}
	for _, r := range recs {
		v, ok := r.inForce(chain)
		if !ok {
			continue
		}
		versions[v.Procedure.Code] = v
		if v.Procedure.Active {
			rows[v.Procedure.Code] = &ProcessRow{Code: iso.ProcessCode(v.Procedure.Code), Procedure: v.Procedure.Code, Name: v.Procedure.Name, Sector: v.Procedure.Sector}
		}
	}
	hits, err := d.Store.Scan(isoProcessProjID, isoProcessIndex, store.ScanOptions{Prefix: []byte(office + "/")})
	if err != nil {
		return ProcessesReply{}, Wrap(CodeInternal, err, "listing the processes")
	}
	for _, h := range hits {
		var p iso.Process
		if _, err := readState(d.Store, isoProcessProjID, h.Subject, &p); err != nil {
			return ProcessesReply{}, err
		}
		code := strings.TrimPrefix(h.Subject, iso.ProcessSubject(office, ""))
		row, ok := rows[code]
		if !ok {
			row = &ProcessRow{Code: iso.ProcessCode(code), Procedure: code}
			if n := len(p.Revisions); n > 0 {
				row.Name, row.Sector = p.Revisions[n-1].Doc.Name, p.Revisions[n-1].Doc.Sector
			}
			rows[code] = row
		}
		if r, ok := p.InForce(); ok {
			row.InForce = revisionInfo(r)
		}
		if r, ok := p.Pending(); ok {
			row.Pending = revisionInfo(r)
		}
		for _, r := range p.Revisions {
			if r.State == iso.StateSuperseded {
				row.Superseded++
			}
		}
		v, inCatalog := versions[code]
		row.CatalogChanged = changed(&p, v, inCatalog)
		row.Conflicts = len(p.Conflicts)
	}
	out := ProcessesReply{Office: office, Processes: make([]ProcessRow, 0, len(rows))}
	for _, r := range rows {
		out.Processes = append(out.Processes, *r)
	}
	sort.Slice(out.Processes, func(a, b int) bool {
		x, y := out.Processes[a], out.Processes[b]
		if x.Sector != y.Sector {
			return x.Sector < y.Sector
		}
		return x.Procedure < y.Procedure
	})
	return out, nil
}

// Process returns one process with all its revisions, newest first.
func (i *Iso) Process(ctx context.Context, req ProcessRequest) (ProcessReply, error) {
	d, err := i.core.Deps()
	if err != nil {
		return ProcessReply{}, err
	}
	office, err := isoReadOffice(d.Store, CallerFrom(ctx), req.Office)
	if err != nil {
		return ProcessReply{}, err
	}
	return processReply(d.Store, office, strings.TrimSpace(req.Procedure))
}

// processReply reads one process of an office; a procedure neither in the
// office's catalog nor with a process is not found.
func processReply(st *store.Store, office, code string) (ProcessReply, error) {
	v, inCatalog, err := catalogAt(st, office, code)
	if err != nil {
		return ProcessReply{}, err
	}
	p, err := readProcess(st, office, code)
	if err != nil {
		return ProcessReply{}, err
	}
	if !inCatalog && len(p.Revisions) == 0 {
		return ProcessReply{}, &Error{Code: CodeNotFound, Field: "procedure", Message: "no procedure " + code, Params: map[string]string{"code": code}}
	}
	out := ProcessReply{Office: office, Procedure: code, Code: iso.ProcessCode(code), Name: v.Procedure.Name, Revisions: []iso.Revision{}, Conflicts: []string{}}
	for j := len(p.Revisions) - 1; j >= 0; j-- {
		out.Revisions = append(out.Revisions, p.Revisions[j])
	}
	if out.Name == "" && len(out.Revisions) > 0 {
		out.Name = out.Revisions[0].Doc.Name
	}
	if r, ok := p.InForce(); ok {
		out.InForce = r.Revision
	}
	if r, ok := p.Pending(); ok {
		out.Pending = r.Revision
	}
	out.CatalogChanged = changed(&p, v, inCatalog)
	out.Conflicts = append(out.Conflicts, p.Conflicts...)
	return out, nil
}

// processError gives a refusal of the process rules its code: what another
// desk or an earlier draft did is a conflict, a bad date is the field's.
func processError(err error) error {
	switch {
	case errors.Is(err, iso.ErrPendingDraft), errors.Is(err, iso.ErrNotPending), errors.Is(err, iso.ErrStale):
		return &Error{Code: CodeConflict, Field: "revision", Message: err.Error(), Err: err}
	case errors.Is(err, iso.ErrUnchanged):
		return &Error{Code: CodeConflict, Field: "procedure", Message: err.Error(), Err: err}
	case errors.Is(err, iso.ErrInForceDate):
		return FieldError("inForce", "%s", err.Error())
	}
	return Wrap(CodeInternal, err, "checking the process")
}

// DraftProcess drafts the next revision of the caller's office's process
// of a procedure from the catalog in force there. It is refused while
// another draft waits for approval, and when the catalog has not changed
// since the revision in force.
func (i *Iso) DraftProcess(ctx context.Context, req DraftProcessRequest) (ProcessReply, error) {
	d, err := i.core.Deps()
	if err != nil {
		return ProcessReply{}, err
	}
	cl := CallerFrom(ctx)
	office := callerOffice(d.Store, cl)
	code := strings.TrimSpace(req.Procedure)
	i.mu.Lock()
	defer i.mu.Unlock()
	v, ok, err := catalogAt(d.Store, office, code)
	if err != nil {
		return ProcessReply{}, err
	}
	if !ok {
		return ProcessReply{}, &Error{Code: CodeNotFound, Field: "procedure", Message: "no procedure " + code + " in the catalog here", Params: map[string]string{"code": code}}
	}
	p, err := readProcess(d.Store, office, code)
	if err != nil {
		return ProcessReply{}, err
	}
	if err := iso.CheckDraft(&p, iso.SourceHash(v.Procedure)); err != nil {
		return ProcessReply{}, processError(err)
	}
	name := office
	if o, err := getOffice(d.Store, office); err == nil {
		name = o.Name
	}
	body := iso.ProcessDrafted{Revision: p.NextRevision(), Doc: iso.GenerateProcess(name, v.Procedure, v.Version), DraftedBy: cl.Actor(), DraftedAt: i.now().UTC()}
	draft := store.Draft{Actor: cl.Actor(), Owner: office, Kind: iso.KindProcessDrafted, Subject: iso.ProcessSubject(office, code), Body: mustJSON(body)}
	if _, err := d.Store.Append(draft); err != nil {
		return ProcessReply{}, appendErr(err, "drafting the process")
	}
	return processReply(d.Store, office, code)
}

// ApproveProcess puts a drafted revision of the caller's office's process
// in force from a day, superseding the revision in force before. Seen must
// be the revision in force the leader read: if another desk approved one
// since, the approval is refused as a conflict (and, should two desks
// approve offline, the fold keeps the first and lists the second).
func (i *Iso) ApproveProcess(ctx context.Context, req ApproveProcessRequest) (ProcessReply, error) {
	d, err := i.core.Deps()
	if err != nil {
		return ProcessReply{}, err
	}
	cl := CallerFrom(ctx)
	office := callerOffice(d.Store, cl)
	code := strings.TrimSpace(req.Procedure)
	i.mu.Lock()
	defer i.mu.Unlock()
	p, err := readProcess(d.Store, office, code)
	if err != nil {
		return ProcessReply{}, err
	}
	if len(p.Revisions) == 0 {
		return ProcessReply{}, &Error{Code: CodeNotFound, Field: "procedure", Message: "no process of " + code, Params: map[string]string{"code": code}}
	}
	now := i.now()
	body := iso.ProcessApproved{
		Revision: req.Revision, Seen: req.Seen, InForce: strings.TrimSpace(req.InForce),
		ApprovedBy: cl.Actor(), ApproverName: cl.FullName, ApprovedAt: now.UTC(),
	}
	if body.ApproverName == "" {
		body.ApproverName = cl.Actor()
	}
	if err := iso.CheckApprove(&p, body, now.In(calendar.Zone)); err != nil {
		return ProcessReply{}, processError(err)
	}
	draft := store.Draft{Actor: cl.Actor(), Owner: office, Kind: iso.KindProcessApproved, Subject: iso.ProcessSubject(office, code), Body: mustJSON(body)}
	if _, err := d.Store.Append(draft); err != nil {
		return ProcessReply{}, appendErr(err, "approving the process")
	}
	return processReply(d.Store, office, code)
}

// PrintProcessRequest asks for the controlled copy of a revision of a
// process: the office (empty: the caller's), the procedure and the
// revision (0: the one in force, else the pending draft).
type PrintProcessRequest struct {
	Office    string `json:"office"`
	Procedure string `json:"procedure"`
	Revision  int    `json:"revision"`
}

// processDay parses a revision's YYYY-MM-DD day; zero when empty.
func processDay(s string) time.Time {
	t, _ := time.ParseInLocation(time.DateOnly, s, calendar.Zone)
	return t
}

// PrintProcess renders the controlled copy of a process revision, A4
// portrait, with the print QR Records.Verify checks against the process's
// events: a later revision approved since shows as "changed". A superseded
// revision prints marked "HẾT HIỆU LỰC", a draft as a draft.
func (i *Iso) PrintProcess(ctx context.Context, req PrintProcessRequest) (FormReply, error) {
	d, err := i.core.Deps()
	if err != nil {
		return FormReply{}, err
	}
	cl := CallerFrom(ctx)
	office, err := isoReadOffice(d.Store, cl, req.Office)
	if err != nil {
		return FormReply{}, err
	}
	code := strings.TrimSpace(req.Procedure)
	p, err := readProcess(d.Store, office, code)
	if err != nil {
		return FormReply{}, err
	}
	rev, ok := p.Revision(req.Revision)
	if req.Revision == 0 {
		if rev, ok = p.InForce(); !ok {
			rev, ok = p.Pending()
		}
	}
	if !ok {
		return FormReply{}, &Error{Code: CodeNotFound, Field: "revision", Message: "no such revision of the process of " + code, Params: map[string]string{"code": code}}
	}
	subject := iso.ProcessSubject(office, code)
	verify, err := subjectVerify(d.Store, office, subject)
	if err != nil {
		return FormReply{}, err
	}
	return i.printLogged(d.Store, cl, store.LocalPrintLog("iso-process/"+subject+"/"+strconv.Itoa(rev.Revision)), verify,
		fmt.Sprintf("quy-trinh-%s-%s-sd%02d.pdf", office, iso.ProcessCode(code), rev.Revision),
		func(r *print.Renderer, w io.Writer, reprint int) error {
			return r.IsoProcess(w, print.IsoProcess{
				Office: printOffice(d.Store, office, i.now()), Revision: rev,
				InForce: processDay(rev.InForce), SupersededOn: processDay(rev.SupersededOn), ApprovedAt: rev.ApprovedAt,
				PrintedAt: i.now(), Reprint: reprint, Verify: verify,
			})
		})
}
