package iso

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Subject prefixes of internal audits.
const (
	// AuditPrefix starts an audit: iso/audit/<office>/<id>.
	AuditPrefix = "iso/audit/"
	// ProgrammePrefix starts an office's yearly audit programme:
	// iso/programme/<office>/<year>.
	ProgrammePrefix = "iso/programme/"
)

// Kinds of event written under AuditPrefix and ProgrammePrefix.
const (
	// KindProgrammeSet records an office's programme of a year (Programme),
	// replacing the one before.
	KindProgrammeSet = "iso.programme.set"
	// KindAuditPlanned plans an audit or changes its plan (AuditPlan).
	KindAuditPlanned = "iso.audit.planned"
	// KindAuditChecked records the result of one checklist item (Check).
	KindAuditChecked = "iso.audit.checked"
	// KindAuditFinding records a finding (Finding).
	KindAuditFinding = "iso.audit.finding"
	// KindAuditReported closes the audit with its conclusion (AuditReport).
	KindAuditReported = "iso.audit.reported"
)

// AuditSubject is the subject of an audit.
func AuditSubject(office, id string) string { return AuditPrefix + office + "/" + id }

// ProgrammeSubject is the subject of an office's programme of a year.
func ProgrammeSubject(office string, year int) string {
	return fmt.Sprintf("%s%s/%d", ProgrammePrefix, office, year)
}

// ProgrammeEntry is one audit the programme plans for the year.
type ProgrammeEntry struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Month is the month the audit is planned for, 1–12.
	Month     int      `json:"month"`
	Clauses   []string `json:"clauses"`
	Processes []string `json:"processes"`
}

// Programme is an office's yearly programme of internal audits (ISO
// 9001:2015, 9.2.2 a).
type Programme struct {
	Office  string           `json:"office"`
	Year    int              `json:"year"`
	Entries []ProgrammeEntry `json:"entries"`
}

// RuleError is a rule a record breaks: the field at fault and, for the
// rules a person must understand (an auditor's own work), the rule's name.
type RuleError struct {
	Field   string
	Rule    string
	Message string
}

// Error returns the message, in words a reader of the refusal understands.
func (e *RuleError) Error() string { return e.Message }

func auditFieldErr(field, format string, args ...any) *RuleError {
	return &RuleError{Field: field, Message: fmt.Sprintf(format, args...)}
}

var auditIDPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$`)

// ValidID reports whether s may name an audit, a programme entry or a
// finding: letters, digits, "-" and "_", at most 40, as it is part of a
// subject.
func ValidID(s string) bool { return auditIDPattern.MatchString(s) }

// checkScope checks an audit's scope: known clauses, named processes, and
// something to audit.
func checkScope(field string, clauses, processes []string) *RuleError {
	if len(clauses) == 0 && len(processes) == 0 {
		return auditFieldErr(field, "the scope names no clause and no process")
	}
	for _, c := range clauses {
		if _, ok := clauseOf(c); !ok {
			return auditFieldErr(field, "%q is not a clause 4–10 of ISO 9001:2015", c)
		}
	}
	for _, p := range processes {
		if strings.TrimSpace(p) == "" || strings.ContainsAny(p, "/|") {
			return auditFieldErr(field, "%q is not a process code", p)
		}
	}
	if dup := firstDup(clauses); dup != "" {
		return auditFieldErr(field, "clause %s is named twice", dup)
	}
	if dup := firstDup(processes); dup != "" {
		return auditFieldErr(field, "process %s is named twice", dup)
	}
	return nil
}

func firstDup(xs []string) string {
	seen := map[string]bool{}
	for _, x := range xs {
		if seen[x] {
			return x
		}
		seen[x] = true
	}
	return ""
}

// Validate checks a programme: a year, and entries with an ID each, a
// title, a month and a scope.
func (p Programme) Validate() *RuleError {
	if p.Year < 2000 || p.Year > 2100 {
		return auditFieldErr("year", "the year must be between 2000 and 2100")
	}
	ids := map[string]bool{}
	for i, e := range p.Entries {
		f := fmt.Sprintf("entries[%d]", i)
		switch {
		case !ValidID(e.ID):
			return auditFieldErr(f+".id", "an audit of the programme needs an ID of letters and digits")
		case ids[e.ID]:
			return auditFieldErr(f+".id", "the ID %s is used twice", e.ID)
		case strings.TrimSpace(e.Title) == "":
			return auditFieldErr(f+".title", "the audit needs a title")
		case e.Month < 1 || e.Month > 12:
			return auditFieldErr(f+".month", "the month must be 1–12")
		}
		ids[e.ID] = true
		if err := checkScope(f+".scope", e.Clauses, e.Processes); err != nil {
			return err
		}
	}
	return nil
}

// AuditPlan is an audit's plan (9.2.2 b): its scope, who audits, when, and
// the period of work audited.
type AuditPlan struct {
	ID     string `json:"id"`
	Office string `json:"office"`
	Title  string `json:"title"`
	// Entry is the programme entry the audit carries out, "" for one
	// outside the programme.
	Entry     string   `json:"entry,omitempty"`
	Clauses   []string `json:"clauses"`
	Processes []string `json:"processes"`
	// Auditors are user IDs; Lead is one of them.
	Auditors []string `json:"auditors"`
	Lead     string   `json:"lead"`
	// From and To are the audit's days, YYYY-MM-DD, both included.
	From string `json:"from"`
	To   string `json:"to"`
	// PeriodFrom and PeriodTo bound the work audited, YYYY-MM-DD.
	PeriodFrom string `json:"periodFrom"`
	PeriodTo   string `json:"periodTo"`
}

// auditDate parses a YYYY-MM-DD day.
func auditDate(s string) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	return t, err == nil
}

// Validate checks a plan's own fields; CheckAuditor checks each auditor
// against the work audited.
func (p AuditPlan) Validate() *RuleError {
	if !ValidID(p.ID) {
		return auditFieldErr("id", "the audit needs an ID of letters and digits")
	}
	if strings.TrimSpace(p.Title) == "" {
		return auditFieldErr("title", "the audit needs a title")
	}
	if err := checkScope("scope", p.Clauses, p.Processes); err != nil {
		return err
	}
	if len(p.Auditors) == 0 {
		return auditFieldErr("auditors", "the audit needs at least one auditor")
	}
	if dup := firstDup(p.Auditors); dup != "" {
		return auditFieldErr("auditors", "auditor %s is named twice", dup)
	}
	if !slices.Contains(p.Auditors, p.Lead) {
		return auditFieldErr("lead", "the lead auditor must be one of the auditors")
	}
	from, ok1 := auditDate(p.From)
	to, ok2 := auditDate(p.To)
	switch {
	case !ok1:
		return auditFieldErr("from", "the first day must be a date YYYY-MM-DD")
	case !ok2:
		return auditFieldErr("to", "the last day must be a date YYYY-MM-DD")
	case to.Before(from):
		return auditFieldErr("to", "the last day is before the first")
	}
	pf, ok1 := auditDate(p.PeriodFrom)
	pt, ok2 := auditDate(p.PeriodTo)
	switch {
	case !ok1:
		return auditFieldErr("periodFrom", "the audited period's first day must be a date YYYY-MM-DD")
	case !ok2:
		return auditFieldErr("periodTo", "the audited period's last day must be a date YYYY-MM-DD")
	case pt.Before(pf):
		return auditFieldErr("periodTo", "the audited period ends before it starts")
	case pf.After(to):
		return auditFieldErr("periodFrom", "the audited period starts after the audit")
	}
	return nil
}

// Period returns the audited period as [from, to+1 day) in loc.
func (p AuditPlan) Period(loc *time.Location) (time.Time, time.Time) {
	f, _ := auditDate(p.PeriodFrom)
	t, _ := auditDate(p.PeriodTo)
	return time.Date(f.Year(), f.Month(), f.Day(), 0, 0, 0, 0, loc), time.Date(t.Year(), t.Month(), t.Day()+1, 0, 0, 0, 0, loc)
}

// Handling is one act of work on a dossier: the user who received or
// handled a dossier of a process (a procedure's code).
type Handling struct {
	User    string `json:"user"`
	Process string `json:"process"`
	Dossier string `json:"dossier"`
}

// Auditor is what the own-work rule knows of a proposed auditor: the
// roles the user holds and the dossiers the user handled in the audited
// period.
type Auditor struct {
	User    string
	Roles   []string
	Handled []Handling
}

// RuleOwnWork names the rule that an auditor does not audit his own work
// (ISO 9001:2015, 9.2.2 c: auditors are chosen for objectivity and
// impartiality).
const RuleOwnWork = "auditor_own_work"

// leaderClauses are the clauses whose work is the leaders' own: the
// leadership (5) and the management review (9.3).
var leaderClauses = []string{"5", "9"}

// CheckAuditor applies the own-work rule to one auditor of a plan, with
// the facts the office holds: a user who received or handled a dossier of
// an audited process in the audited period performs that process and may
// not audit it; a leader may not audit the clauses that are the leaders'
// own work (5, leadership; 9, where the management review is). The error
// names the rule, the auditor and the work.
func CheckAuditor(p AuditPlan, a Auditor) *RuleError {
	for _, h := range a.Handled {
		if h.User == a.User && slices.Contains(p.Processes, h.Process) {
			return &RuleError{Field: "auditors", Rule: RuleOwnWork, Message: fmt.Sprintf(
				"an auditor does not audit his own work: %s handled dossier %s of process %s in the audited period", a.User, h.Dossier, h.Process)}
		}
	}
	if slices.Contains(a.Roles, "leader") {
		for _, c := range p.Clauses {
			if slices.Contains(leaderClauses, c) {
				return &RuleError{Field: "auditors", Rule: RuleOwnWork, Message: fmt.Sprintf(
					"an auditor does not audit his own work: %s is a leader and clause %s is the leaders' work", a.User, c)}
			}
		}
	}
	return nil
}

// AuditEvidenceKind is what a piece of evidence points to.
type AuditEvidenceKind string

// The kinds of evidence: a dossier (its code), a printed document (the
// text of its print QR) and a record (a subject of the log).
const (
	EvidenceDossier AuditEvidenceKind = "dossier"
	EvidencePrint   AuditEvidenceKind = "print"
	EvidenceRecord  AuditEvidenceKind = "record"
)

// AuditEvidence is one piece of evidence of a check or a finding.
type AuditEvidence struct {
	Kind AuditEvidenceKind `json:"kind"`
	Ref  string            `json:"ref"`
	Note string            `json:"note,omitempty"`
}

// Validate checks the evidence's kind and reference; that a dossier is
// one the office sees is for the caller, who has the store.
func (e AuditEvidence) Validate(field string) *RuleError {
	ref := strings.TrimSpace(e.Ref)
	switch {
	case e.Kind != EvidenceDossier && e.Kind != EvidencePrint && e.Kind != EvidenceRecord:
		return auditFieldErr(field+".kind", "evidence is a dossier, a print or a record")
	case ref == "" || len(ref) > 400:
		return auditFieldErr(field+".ref", "the evidence needs a reference")
	case e.Kind == EvidencePrint && !strings.HasPrefix(ref, "HSVF1|"):
		return auditFieldErr(field+".ref", "a print is named by the text of its QR code (HSVF1|…)")
	case e.Kind == EvidenceRecord && !strings.Contains(ref, "/"):
		return auditFieldErr(field+".ref", "a record is named by its subject, e.g. iso/nc/38001/…")
	}
	return nil
}

// CheckResult is the outcome of one checklist item.
type CheckResult string

// The results of a check.
const (
	ResultConform    CheckResult = "conform"
	ResultNonconform CheckResult = "nonconform"
	ResultNotChecked CheckResult = "not_applicable"
)

// Check is the result of one checklist item with its evidence.
type Check struct {
	Item     string          `json:"item"`
	Result   CheckResult     `json:"result"`
	Note     string          `json:"note,omitempty"`
	Evidence []AuditEvidence `json:"evidence"`
	By       string          `json:"by,omitempty"`
	At       time.Time       `json:"at"`
	// Replaces is the Key of the check of the item the writer saw, ""
	// when it saw none: a check that replaces another than the one in
	// force was written on another desk at the same time, a conflict.
	Replaces string `json:"replaces,omitempty"`
}

// recordKey names a check or finding as written: who, and when.
func recordKey(by string, at time.Time) string { return by + "@" + at.UTC().Format(time.RFC3339Nano) }

// Key names the check as written, for Replaces.
func (c Check) Key() string { return recordKey(c.By, c.At) }

// Validate checks a check against the plan's checklist.
func (c Check) Validate(p AuditPlan) *RuleError {
	if !slices.ContainsFunc(Checklist(p.Clauses, p.Processes), func(it CheckItem) bool { return it.ID == c.Item }) {
		return auditFieldErr("item", "%q is not an item of this audit's checklist", c.Item)
	}
	switch c.Result {
	case ResultConform, ResultNonconform, ResultNotChecked:
	default:
		return auditFieldErr("result", "the result is conform, nonconform or not_applicable")
	}
	for i, e := range c.Evidence {
		if err := e.Validate(fmt.Sprintf("evidence[%d]", i)); err != nil {
			return err
		}
	}
	return nil
}

// FindingKind is the grade of a finding.
type FindingKind string

// The grades of a finding: a nonconformity (raises one in the log), an
// observation, an opportunity for improvement.
const (
	FindingNonconformity FindingKind = "nonconformity"
	FindingObservation   FindingKind = "observation"
	FindingImprovement   FindingKind = "improvement"
)

// Finding is one finding of an audit.
type Finding struct {
	ID          string          `json:"id"`
	Kind        FindingKind     `json:"kind"`
	Clause      string          `json:"clause"`
	Process     string          `json:"process,omitempty"`
	Title       string          `json:"title"`
	Description string          `json:"description,omitempty"`
	Evidence    []AuditEvidence `json:"evidence"`
	By          string          `json:"by,omitempty"`
	At          time.Time       `json:"at"`
	// NC is the ID of the nonconformity the finding raised, for a
	// nonconformity.
	NC string `json:"nc,omitempty"`
	// Replaces is the Key of the finding of this ID the writer saw, ""
	// for a new one (see Check.Replaces).
	Replaces string `json:"replaces,omitempty"`
}

// Key names the finding as written, for Replaces.
func (f Finding) Key() string { return recordKey(f.By, f.At) }

// Validate checks a finding against the plan.
func (f Finding) Validate(p AuditPlan) *RuleError {
	switch {
	case !ValidID(f.ID):
		return auditFieldErr("id", "the finding needs an ID of letters and digits")
	case f.Kind != FindingNonconformity && f.Kind != FindingObservation && f.Kind != FindingImprovement:
		return auditFieldErr("kind", "a finding is a nonconformity, an observation or an improvement")
	case !ValidClause(f.Clause):
		return auditFieldErr("clause", "%q is not a clause of ISO 9001:2015", f.Clause)
	case f.Process != "" && !slices.Contains(p.Processes, f.Process):
		return auditFieldErr("process", "process %s is not in this audit's scope", f.Process)
	case strings.TrimSpace(f.Title) == "":
		return auditFieldErr("title", "the finding needs a title")
	}
	for i, e := range f.Evidence {
		if err := e.Validate(fmt.Sprintf("evidence[%d]", i)); err != nil {
			return err
		}
	}
	return nil
}

// FindingCause is the Cause of the nonconformity a finding raises.
func FindingCause(audit, finding string) string { return "audit:" + audit + ":" + finding }

// FindingNCID is the ID of the nonconformity a finding raises: derived
// from the audit and the finding, so adding the finding again writes the
// same subject.
func FindingNCID(audit, finding string) string { return "audit-" + audit + "-" + finding }

// FindingNC is the nonconformity a finding of kind nonconformity raises.
func FindingNC(p AuditPlan, f Finding) NCRaised {
	return NCRaised{
		ID: FindingNCID(p.ID, f.ID), Office: p.Office, Source: SourceAudit, Cause: FindingCause(p.ID, f.ID),
		Rule: "internal audit finding", Process: f.Process, Clause: f.Clause, Title: f.Title,
		Description: f.Description, RaisedBy: f.By, RaisedAt: f.At, Audit: p.ID, Finding: f.ID,
	}
}

// AuditReport is an audit's conclusion (9.2.2 d).
type AuditReport struct {
	Conclusion string    `json:"conclusion"`
	By         string    `json:"by,omitempty"`
	At         time.Time `json:"at"`
}

// Audit is an audit as folded from its events.
type Audit struct {
	Plan     AuditPlan        `json:"plan"`
	Checks   map[string]Check `json:"checks"`
	Findings []Finding        `json:"findings"`
	Report   *AuditReport     `json:"report,omitempty"`
	// Conflicts are the checks and findings two desks wrote at the same
	// time over one item or finding ID: the later in the log stands, and
	// the conflict stays visible until someone records the item again.
	Conflicts []AuditConflict `json:"conflicts"`
	// Version counts the events applied.
	Version int `json:"version"`
}

// AuditConflict is a check or finding that replaced one its writer had
// not seen: Kept stands, Lost was overwritten (both are Keys: who, when).
type AuditConflict struct {
	// Item is the checklist item's ID, or the finding's.
	Item    string `json:"item"`
	Finding bool   `json:"finding,omitempty"`
	Kept    string `json:"kept"`
	Lost    string `json:"lost"`
}

// settle records or clears the conflict over an item: a write that saw
// the one in force resolves it; one that did not is a conflict.
func (a *Audit) settle(item string, finding bool, prev, replaces, key string) {
	a.Conflicts = slices.DeleteFunc(a.Conflicts, func(c AuditConflict) bool { return c.Item == item && c.Finding == finding })
	if prev != "" && replaces != prev {
		a.Conflicts = append(a.Conflicts, AuditConflict{Item: item, Finding: finding, Kept: key, Lost: prev})
	}
}

// Reported reports whether the audit is closed.
func (a *Audit) Reported() bool { return a.Report != nil }

// ApplyPlan applies a plan: the first, or a change before the report.
func (a *Audit) ApplyPlan(p AuditPlan) {
	if a.Reported() {
		return
	}
	a.Plan = p
	a.Version++
}

// ApplyCheck applies a check; the last check of an item stands, and one
// that replaced a check its writer had not seen is listed in Conflicts.
// Checks after the report are not applied: the report is what was
// concluded.
func (a *Audit) ApplyCheck(c Check) {
	if a.Reported() || a.Plan.ID == "" {
		return
	}
	if a.Checks == nil {
		a.Checks = map[string]Check{}
	}
	prev := ""
	if old, ok := a.Checks[c.Item]; ok {
		prev = old.Key()
	}
	a.settle(c.Item, false, prev, c.Replaces, c.Key())
	a.Checks[c.Item] = c
	a.Version++
}

// ApplyFinding adds a finding, or replaces the one of the same ID.
func (a *Audit) ApplyFinding(f Finding) {
	if a.Reported() || a.Plan.ID == "" {
		return
	}
	if i := slices.IndexFunc(a.Findings, func(x Finding) bool { return x.ID == f.ID }); i >= 0 {
		a.settle(f.ID, true, a.Findings[i].Key(), f.Replaces, f.Key())
		a.Findings[i] = f
	} else {
		a.Findings = append(a.Findings, f)
	}
	a.Version++
}

// ApplyReport closes the audit; a second report is not applied.
func (a *Audit) ApplyReport(r AuditReport) {
	if a.Reported() || a.Plan.ID == "" {
		return
	}
	a.Report = &r
	a.Version++
}

// Add counts an audit in the summary when it was reported in [from, to).
func (s *AuditSummary) Add(a Audit, from, to time.Time) {
	if a.Report == nil || a.Report.At.Before(from) || !a.Report.At.Before(to) {
		return
	}
	s.Audits++
	s.Findings += len(a.Findings)
	for _, f := range a.Findings {
		if f.Kind == FindingNonconformity {
			s.Nonconformities++
		}
	}
	if s.Last == nil || a.Report.At.After(*s.Last) {
		at := a.Report.At
		s.Last = &at
	}
}
