package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"hoso/calendar"
	"hoso/iso"
	"hoso/store"
)

// Internal audits (ISO 9001:2015, 9.2; issue 16 item 5): an office's
// yearly programme, each audit's plan with auditors who do not audit their
// own work, the checklist by clause and by process with evidence pointing
// to dossiers, prints and records, the findings (a nonconformity raises one
// in the nonconformity log, iso.NCRaised) and the report, which prints
// with the print QR. The rules are package iso's (iso/audit.go).

// isoRuleError turns a rule of package iso into the error the UI
// translates: invalid input naming the field, and the rule when it has one.
func isoRuleError(err *iso.RuleError) error {
	if err == nil {
		return nil
	}
	e := FieldError(err.Field, "%s", err.Message)
	if err.Rule != "" {
		e.Params = map[string]string{"rule": err.Rule}
	}
	return e
}

// ProgrammeRequest names an office's programme of a year; an empty office
// is the caller's, year 0 is this year.
type ProgrammeRequest struct {
	Office string `json:"office"`
	Year   int    `json:"year"`
}

// ProgrammeReply is an office's audit programme of a year (empty entries
// when none is set), with the clauses an audit's scope is chosen from.
type ProgrammeReply struct {
	Office    string               `json:"office"`
	Year      int                  `json:"year"`
	Entries   []iso.ProgrammeEntry `json:"entries"`
	Version   int                  `json:"version"`
	Clauses   []iso.Clause         `json:"clauses"`
	Processes []string             `json:"processes"`
}

// Programme returns an office's yearly programme of internal audits.
func (i *Iso) Programme(ctx context.Context, req ProgrammeRequest) (ProgrammeReply, error) {
	d, err := i.core.Deps()
	if err != nil {
		return ProgrammeReply{}, err
	}
	office, err := isoReadOffice(d.Store, CallerFrom(ctx), req.Office)
	if err != nil {
		return ProgrammeReply{}, err
	}
	year := req.Year
	if year == 0 {
		year = i.now().In(calendar.Zone).Year()
	}
	var r programmeRecord
	if _, err := readState(d.Store, isoProgrammeProjID, iso.ProgrammeSubject(office, year), &r); err != nil {
		return ProgrammeReply{}, err
	}
	out := ProgrammeReply{Office: office, Year: year, Version: r.Version, Clauses: iso.Clauses}
	if r.Programme != nil {
		out.Entries = r.Programme.Entries
	}
	out.Processes, err = procedureCodes(d.Store)
	return out, err
}

// procedureCodes lists the catalog's procedure codes: the processes an
// audit's scope is chosen from.
func procedureCodes(st *store.Store) ([]string, error) {
	hits, err := st.Scan(procedureProjID, "code", store.ScanOptions{})
	if err != nil {
		return nil, Wrap(CodeInternal, err, "listing the procedures")
	}
	out := []string{}
	for _, h := range hits {
		if c := string(h.Key); !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out, nil
}

// SetProgrammeRequest is the caller's office's programme of a year, whole.
type SetProgrammeRequest struct {
	Year    int                  `json:"year"`
	Entries []iso.ProgrammeEntry `json:"entries"`
}

// SetProgramme records the caller's office's audit programme of a year,
// replacing the one before. An entry without an ID gets "A<n>".
func (i *Iso) SetProgramme(ctx context.Context, req SetProgrammeRequest) (ProgrammeReply, error) {
	d, err := i.core.Deps()
	if err != nil {
		return ProgrammeReply{}, err
	}
	cl := CallerFrom(ctx)
	office := callerOffice(d.Store, cl)
	p := iso.Programme{Office: office, Year: req.Year, Entries: slices.Clone(req.Entries)}
	for n := range p.Entries {
		e := &p.Entries[n]
		e.Title = strings.TrimSpace(e.Title)
		if e.ID == "" {
			e.ID = fmt.Sprintf("A%d", n+1)
		}
	}
	if err := isoRuleError(p.Validate()); err != nil {
		return ProgrammeReply{}, err
	}
	i.mu.Lock()
	_, err = d.Store.Append(store.Draft{Actor: cl.Actor(), Owner: office, Kind: iso.KindProgrammeSet, Subject: iso.ProgrammeSubject(office, p.Year), Body: mustJSON(p)})
	i.mu.Unlock()
	if err != nil {
		return ProgrammeReply{}, appendErr(err, "saving the audit programme")
	}
	return i.Programme(ctx, ProgrammeRequest{Office: office, Year: p.Year})
}

// PlanAuditRequest plans an audit of the caller's office, or changes the
// plan of one not reported yet (same ID). An empty ID is given one:
// "<year>-<n>".
type PlanAuditRequest struct {
	iso.AuditPlan
}

// AuditRequest names an audit; an empty office is the caller's.
type AuditRequest struct {
	Office string `json:"office"`
	ID     string `json:"id"`
}

// AuditReply is an audit with its checklist and the names of the users it
// mentions.
type AuditReply struct {
	Subject   string            `json:"subject"`
	Audit     iso.Audit         `json:"audit"`
	Checklist []iso.CheckItem   `json:"checklist"`
	Names     map[string]string `json:"names"`
	// Editable tells whether the caller may record checks and findings
	// (an auditor of it, before the report).
	Editable bool `json:"editable"`
}

// PlanAudit plans an audit of the caller's office. Each auditor must be an
// active user of the office or an office above it, and must not audit his
// own work (iso.CheckAuditor: a user who received or handled a dossier of
// an audited process in the audited period, or a leader auditing the
// leaders' clauses); a refusal names the rule (Params["rule"]).
func (i *Iso) PlanAudit(ctx context.Context, req PlanAuditRequest) (AuditReply, error) {
	d, err := i.core.Deps()
	if err != nil {
		return AuditReply{}, err
	}
	cl := CallerFrom(ctx)
	p := req.AuditPlan
	p.Office = callerOffice(d.Store, cl)
	p.Title = strings.TrimSpace(p.Title)
	if p.Lead == "" && len(p.Auditors) > 0 {
		p.Lead = p.Auditors[0]
	}
	i.mu.Lock()
	defer i.mu.Unlock()
	if p.ID == "" {
		audits, err := officeAudits(d.Store, p.Office)
		if err != nil {
			return AuditReply{}, err
		}
		year := p.From
		if len(year) >= 4 {
			year = year[:4]
		}
		p.ID = fmt.Sprintf("%s-%d", year, len(audits)+1)
		for n := len(audits) + 2; slices.ContainsFunc(audits, func(a iso.Audit) bool { return a.Plan.ID == p.ID }); n++ {
			p.ID = fmt.Sprintf("%s-%d", year, n)
		}
	}
	if err := isoRuleError(p.Validate()); err != nil {
		return AuditReply{}, err
	}
	if a, found, err := readAudit(d.Store, p.Office, p.ID); err != nil {
		return AuditReply{}, err
	} else if found && a.Reported() {
		return AuditReply{}, FieldError("id", "audit %s is reported: its plan can no longer change", p.ID)
	}
	if err := checkAuditors(d.Store, p); err != nil {
		return AuditReply{}, err
	}
	subject := iso.AuditSubject(p.Office, p.ID)
	if _, err := d.Store.Append(store.Draft{Actor: cl.Actor(), Owner: p.Office, Kind: iso.KindAuditPlanned, Subject: subject, Body: mustJSON(p)}); err != nil {
		return AuditReply{}, appendErr(err, "saving the audit plan")
	}
	return i.auditReply(d.Store, cl, p.Office, p.ID)
}

// checkAuditors checks each auditor of a plan: a known, active user of the
// office or above it, who does not audit his own work.
func checkAuditors(st *store.Store, p iso.AuditPlan) error {
	handled, err := handlings(st, p, p.Auditors)
	if err != nil {
		return err
	}
	for _, id := range p.Auditors {
		u, err := getUser(st, id)
		if err != nil || u.Disabled {
			return FieldError("auditors", "no active user %s", id)
		}
		if ok, err := officeSees(st, u.Office, p.Office); err != nil || !ok {
			return FieldError("auditors", "%s is not a user of office %s or an office above it", u.FullName, p.Office)
		}
		roles := make([]string, len(u.Roles))
		for n, r := range u.Roles {
			roles[n] = string(r)
		}
		if err := iso.CheckAuditor(p, iso.Auditor{User: id, Roles: roles, Handled: handled}); err != nil {
			err.Message = strings.Replace(err.Message, ": "+id+" ", ": "+u.FullName+" ", 1)
			return isoRuleError(err)
		}
	}
	return nil
}

// auditReply reads an audit for the caller.
func (i *Iso) auditReply(st *store.Store, cl Caller, office, id string) (AuditReply, error) {
	a, found, err := readAudit(st, office, id)
	if err != nil {
		return AuditReply{}, err
	}
	if !found {
		return AuditReply{}, &Error{Code: CodeNotFound, Field: "id", Message: "no audit " + id, Params: map[string]string{"id": id}}
	}
	out := AuditReply{Subject: iso.AuditSubject(office, id), Audit: a, Checklist: iso.Checklist(a.Plan.Clauses, a.Plan.Processes), Names: map[string]string{}}
	for _, u := range a.Plan.Auditors {
		out.Names[u] = userName(st, u)
	}
	out.Editable = !a.Reported() && office == callerOffice(st, cl) && (cl.Operator || slices.Contains(a.Plan.Auditors, cl.UserID))
	return out, nil
}

// Audit returns one audit of an office with its checklist.
func (i *Iso) Audit(ctx context.Context, req AuditRequest) (AuditReply, error) {
	d, err := i.core.Deps()
	if err != nil {
		return AuditReply{}, err
	}
	cl := CallerFrom(ctx)
	office, err := isoReadOffice(d.Store, cl, req.Office)
	if err != nil {
		return AuditReply{}, err
	}
	return i.auditReply(d.Store, cl, office, strings.TrimSpace(req.ID))
}

// AuditsRequest names an office's audits of a year; an empty office is the
// caller's, year 0 is every year.
type AuditsRequest struct {
	Office string `json:"office"`
	Year   int    `json:"year"`
}

// AuditInfo is one line of the list of audits.
type AuditInfo struct {
	ID       string           `json:"id"`
	Title    string           `json:"title"`
	From     string           `json:"from"`
	To       string           `json:"to"`
	Entry    string           `json:"entry,omitempty"`
	Auditors []string         `json:"auditors"`
	Checks   int              `json:"checks"`
	Findings int              `json:"findings"`
	Reported time.Time        `json:"reported,omitzero"`
	Summary  iso.AuditSummary `json:"summary"`
}

// AuditsReply lists an office's audits, the latest first.
type AuditsReply struct {
	Office string      `json:"office"`
	Audits []AuditInfo `json:"audits"`
}

// Audits lists an office's internal audits.
func (i *Iso) Audits(ctx context.Context, req AuditsRequest) (AuditsReply, error) {
	d, err := i.core.Deps()
	if err != nil {
		return AuditsReply{}, err
	}
	office, err := isoReadOffice(d.Store, CallerFrom(ctx), req.Office)
	if err != nil {
		return AuditsReply{}, err
	}
	audits, err := officeAudits(d.Store, office)
	if err != nil {
		return AuditsReply{}, err
	}
	out := AuditsReply{Office: office, Audits: []AuditInfo{}}
	for _, a := range audits {
		if req.Year != 0 && !strings.HasPrefix(a.Plan.From, fmt.Sprint(req.Year)) {
			continue
		}
		info := AuditInfo{ID: a.Plan.ID, Title: a.Plan.Title, From: a.Plan.From, To: a.Plan.To, Entry: a.Plan.Entry,
			Auditors: a.Plan.Auditors, Checks: len(a.Checks), Findings: len(a.Findings)}
		if a.Report != nil {
			info.Reported = a.Report.At
		}
		info.Summary.Add(a, time.Time{}, time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC))
		out.Audits = append(out.Audits, info)
	}
	slices.SortStableFunc(out.Audits, func(a, b AuditInfo) int { return strings.Compare(b.From+b.ID, a.From+a.ID) })
	return out, nil
}

// editableAudit reads an audit of the caller's office that the caller may
// change: planned, not reported, and the caller one of its auditors (or
// the operator).
func editableAudit(st *store.Store, cl Caller, id string) (iso.Audit, error) {
	office := callerOffice(st, cl)
	a, found, err := readAudit(st, office, strings.TrimSpace(id))
	switch {
	case err != nil:
		return a, err
	case !found:
		return a, &Error{Code: CodeNotFound, Field: "audit", Message: "no audit " + id, Params: map[string]string{"id": id}}
	case a.Reported():
		return a, FieldError("audit", "audit %s is reported: it can no longer change", id)
	case !cl.Operator && !slices.Contains(a.Plan.Auditors, cl.UserID):
		return a, Errorf(CodeForbidden, "only the auditors of %s record its checks, findings and report", id)
	}
	return a, nil
}

// checkEvidence refuses a dossier the office cannot see.
func checkEvidence(st *store.Store, office string, ev []iso.AuditEvidence) error {
	for n, e := range ev {
		if e.Kind != iso.EvidenceDossier {
			continue
		}
		if _, err := visibleDossier(st, office, strings.TrimSpace(e.Ref), fmt.Sprintf("evidence[%d].ref", n)); err != nil {
			return err
		}
	}
	return nil
}

// trimEvidence trims the references.
func trimEvidence(ev []iso.AuditEvidence) []iso.AuditEvidence {
	out := make([]iso.AuditEvidence, len(ev))
	for n, e := range ev {
		out[n] = iso.AuditEvidence{Kind: e.Kind, Ref: strings.TrimSpace(e.Ref), Note: strings.TrimSpace(e.Note)}
	}
	return out
}

// RecordCheckRequest is the result of one checklist item of an audit of
// the caller's office, with its evidence.
type RecordCheckRequest struct {
	Audit    string              `json:"audit"`
	Item     string              `json:"item"`
	Result   iso.CheckResult     `json:"result"`
	Note     string              `json:"note"`
	Evidence []iso.AuditEvidence `json:"evidence"`
}

// RecordCheck records the result of a checklist item; the last one of an
// item stands. A dossier cited as evidence must be one the office sees.
func (i *Iso) RecordCheck(ctx context.Context, req RecordCheckRequest) (AuditReply, error) {
	d, err := i.core.Deps()
	if err != nil {
		return AuditReply{}, err
	}
	cl := CallerFrom(ctx)
	i.mu.Lock()
	defer i.mu.Unlock()
	a, err := editableAudit(d.Store, cl, req.Audit)
	if err != nil {
		return AuditReply{}, err
	}
	c := iso.Check{Item: strings.TrimSpace(req.Item), Result: req.Result, Note: strings.TrimSpace(req.Note), Evidence: trimEvidence(req.Evidence), By: cl.Actor(), At: i.now().UTC()}
	if prev, ok := a.Checks[c.Item]; ok {
		c.Replaces = prev.Key()
	}
	if err := isoRuleError(c.Validate(a.Plan)); err != nil {
		return AuditReply{}, err
	}
	if err := checkEvidence(d.Store, a.Plan.Office, c.Evidence); err != nil {
		return AuditReply{}, err
	}
	if _, err := d.Store.Append(store.Draft{Actor: cl.Actor(), Owner: a.Plan.Office, Kind: iso.KindAuditChecked, Subject: iso.AuditSubject(a.Plan.Office, a.Plan.ID), Body: mustJSON(c)}); err != nil {
		return AuditReply{}, appendErr(err, "saving the check")
	}
	return i.auditReply(d.Store, cl, a.Plan.Office, a.Plan.ID)
}

// AddFindingRequest is a finding of an audit of the caller's office. An
// empty ID is given the next "F<n>"; the same ID again replaces the
// finding (a retry, a correction) and never raises a second
// nonconformity.
type AddFindingRequest struct {
	Audit       string              `json:"audit"`
	ID          string              `json:"id"`
	Kind        iso.FindingKind     `json:"kind"`
	Clause      string              `json:"clause"`
	Process     string              `json:"process"`
	Title       string              `json:"title"`
	Description string              `json:"description"`
	Evidence    []iso.AuditEvidence `json:"evidence"`
}

// AddFinding records a finding. A nonconformity raises one in the
// nonconformity log (iso.NCRaised, source audit, cause
// "audit:<audit>:<finding>") in the same write, once.
func (i *Iso) AddFinding(ctx context.Context, req AddFindingRequest) (AuditReply, error) {
	d, err := i.core.Deps()
	if err != nil {
		return AuditReply{}, err
	}
	cl := CallerFrom(ctx)
	i.mu.Lock()
	defer i.mu.Unlock()
	a, err := editableAudit(d.Store, cl, req.Audit)
	if err != nil {
		return AuditReply{}, err
	}
	f := iso.Finding{ID: strings.TrimSpace(req.ID), Kind: req.Kind, Clause: strings.TrimSpace(req.Clause), Process: strings.TrimSpace(req.Process),
		Title: strings.TrimSpace(req.Title), Description: strings.TrimSpace(req.Description), Evidence: trimEvidence(req.Evidence), By: cl.Actor(), At: i.now().UTC()}
	if f.ID == "" {
		f.ID = fmt.Sprintf("F%d", len(a.Findings)+1)
		for n := len(a.Findings) + 2; slices.ContainsFunc(a.Findings, func(x iso.Finding) bool { return x.ID == f.ID }); n++ {
			f.ID = fmt.Sprintf("F%d", n)
		}
	}
	if n := slices.IndexFunc(a.Findings, func(x iso.Finding) bool { return x.ID == f.ID }); n >= 0 {
		f.Replaces = a.Findings[n].Key()
	}
	if f.Kind == iso.FindingNonconformity {
		f.NC = iso.FindingNCID(a.Plan.ID, f.ID)
	}
	if err := isoRuleError(f.Validate(a.Plan)); err != nil {
		return AuditReply{}, err
	}
	if err := checkEvidence(d.Store, a.Plan.Office, f.Evidence); err != nil {
		return AuditReply{}, err
	}
	drafts := []store.Draft{{Actor: cl.Actor(), Owner: a.Plan.Office, Kind: iso.KindAuditFinding, Subject: iso.AuditSubject(a.Plan.Office, a.Plan.ID), Body: mustJSON(f)}}
	if f.Kind == iso.FindingNonconformity {
		nc := iso.FindingNC(a.Plan, f)
		for _, ev := range f.Evidence {
			if ev.Kind == iso.EvidenceDossier && nc.Dossier == "" {
				nc.Dossier = ev.Ref
			}
		}
		subject := iso.NCSubject(a.Plan.Office, nc.ID)
		evs, err := d.Store.Events(subject)
		if err != nil {
			return AuditReply{}, Wrap(CodeInternal, err, "reading "+subject)
		}
		if len(evs) == 0 {
			drafts = append(drafts, store.Draft{Actor: cl.Actor(), Owner: a.Plan.Office, Kind: iso.KindNCRaised, Subject: subject, Body: mustJSON(nc)})
		}
	}
	if _, err := d.Store.AppendBatch(drafts); err != nil {
		return AuditReply{}, appendErr(err, "saving the finding")
	}
	return i.auditReply(d.Store, cl, a.Plan.Office, a.Plan.ID)
}

// ReportAuditRequest closes an audit of the caller's office with its
// conclusion.
type ReportAuditRequest struct {
	Audit      string `json:"audit"`
	Conclusion string `json:"conclusion"`
}

// ReportAudit closes an audit with its conclusion: its checks and findings
// can no longer change, and it counts in the office's audit summary.
func (i *Iso) ReportAudit(ctx context.Context, req ReportAuditRequest) (AuditReply, error) {
	d, err := i.core.Deps()
	if err != nil {
		return AuditReply{}, err
	}
	cl := CallerFrom(ctx)
	i.mu.Lock()
	defer i.mu.Unlock()
	a, err := editableAudit(d.Store, cl, req.Audit)
	if err != nil {
		return AuditReply{}, err
	}
	r := iso.AuditReport{Conclusion: strings.TrimSpace(req.Conclusion), By: cl.Actor(), At: i.now().UTC()}
	if r.Conclusion == "" {
		return AuditReply{}, FieldError("conclusion", "the report needs a conclusion")
	}
	if _, err := d.Store.Append(store.Draft{Actor: cl.Actor(), Owner: a.Plan.Office, Kind: iso.KindAuditReported, Subject: iso.AuditSubject(a.Plan.Office, a.Plan.ID), Body: mustJSON(r)}); err != nil {
		return AuditReply{}, appendErr(err, "saving the audit report")
	}
	return i.auditReply(d.Store, cl, a.Plan.Office, a.Plan.ID)
}
