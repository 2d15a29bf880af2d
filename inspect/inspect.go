// Package inspect holds the rules of inspections (issue 17 item 4): an
// inspector of an office above visits an office below, records a
// checklist with evidence, and follows each finding to its closure: the
// inspected office answers with its fix, and only an inspector closes or
// reopens it. The package has no store and no clock: app writes the
// events and folds them with these rules.
package inspect

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Prefix starts every inspection's subject: inspection/<inspected office>/<id>.
// One subject holds both sides' events: the inspector's office writes the
// plan, checks, findings and decisions (Owner = the inspector's office,
// Audience = the inspected office), and the inspected office writes its
// answers (Owner = the inspected office, Audience = the inspector's
// office). The store keeps the offices a subject is addressed to, so sync
// carries the whole record to both offices and the offices above them,
// and never to a sibling.
const Prefix = "inspection/"

// Kinds of event written under Prefix.
const (
	// KindPlanned plans a visit or changes its plan (Plan).
	KindPlanned = "inspection.planned"
	// KindChecked records one checklist item's result (Check).
	KindChecked = "inspection.checked"
	// KindFinding records a finding with its fix (FindingWrite).
	KindFinding = "inspection.finding"
	// KindAnswered is the inspected office's answer to a finding (Answer).
	KindAnswered = "inspection.answered"
	// KindClosed closes a finding (Decision).
	KindClosed = "inspection.closed"
	// KindReopened reopens a closed finding (Decision).
	KindReopened = "inspection.reopened"
)

// Kinds lists every kind of event written under Prefix.
func Kinds() []string {
	return []string{KindPlanned, KindChecked, KindFinding, KindAnswered, KindClosed, KindReopened}
}

// Subject is the subject of an inspection of an office.
func Subject(office, id string) string { return Prefix + office + "/" + id }

// SubjectOffice returns the inspected office of a subject.
func SubjectOffice(subject string) string {
	office, _, _ := strings.Cut(strings.TrimPrefix(subject, Prefix), "/")
	return office
}

// Rule names, carried to the UI so a refusal is explained in words.
const (
	// RuleFailNeedsFinding: a failed checklist item needs a finding.
	RuleFailNeedsFinding = "fail_needs_finding"
	// RuleFixNeedsOwner: a finding's fix needs an owner of the inspected office.
	RuleFixNeedsOwner = "fix_needs_owner"
	// RuleFixNeedsDue: a finding's fix needs a due date.
	RuleFixNeedsDue = "fix_needs_due"
	// RuleInspectorOnly: only an inspector closes or reopens a finding.
	RuleInspectorOnly = "inspector_only"
	// RuleOfficeAnswers: only the inspected office answers a finding.
	RuleOfficeAnswers = "office_answers"
	// RuleState: the finding is not in a state that allows the step.
	RuleState = "finding_state"
)

// RuleError is a rule a record breaks: the field at fault, the rule's
// name when a person must understand it, and a message.
type RuleError struct {
	Field   string
	Rule    string
	Message string
}

// Error returns the message.
func (e *RuleError) Error() string { return e.Message }

func fieldErr(field, format string, args ...any) *RuleError {
	return &RuleError{Field: field, Message: fmt.Sprintf(format, args...)}
}

func ruleErr(field, rule, format string, args ...any) *RuleError {
	return &RuleError{Field: field, Rule: rule, Message: fmt.Sprintf(format, args...)}
}

var idPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$`)

// ValidID reports whether s may name an inspection, an item or a finding:
// it is part of a subject.
func ValidID(s string) bool { return idPattern.MatchString(s) }

// ValidDay reports whether s is a day YYYY-MM-DD.
func ValidDay(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// VisitScopeKind is what a scope item points to.
type VisitScopeKind string

// The kinds of scope: free text, a plan task ("plan:<plan>:<task>"), and
// the inspected office's ISO records: a process (its procedure code), a
// nonconformity and an internal audit (their IDs).
const (
	ScopeText    VisitScopeKind = "text"
	ScopeTask    VisitScopeKind = "task"
	ScopeProcess VisitScopeKind = "process"
	ScopeNC      VisitScopeKind = "nc"
	ScopeAudit   VisitScopeKind = "audit"
)

// VisitScope is one thing the visit looks at.
type VisitScope struct {
	Kind VisitScopeKind `json:"kind"`
	Ref  string         `json:"ref,omitempty"`
	Text string         `json:"text"`
}

// Validate checks a scope item's kind and reference.
func (s VisitScope) Validate(field string) *RuleError {
	switch s.Kind {
	case ScopeText:
		if strings.TrimSpace(s.Text) == "" {
			return fieldErr(field+".text", "a scope item needs a text")
		}
	case ScopeTask:
		parts := strings.Split(s.Ref, ":")
		if len(parts) != 3 || parts[0] != "plan" || parts[1] == "" || parts[2] == "" {
			return fieldErr(field+".ref", "a plan task is named plan:<plan>:<task>")
		}
	case ScopeProcess, ScopeNC, ScopeAudit:
		if strings.TrimSpace(s.Ref) == "" || strings.ContainsAny(s.Ref, "/|") {
			return fieldErr(field+".ref", "%q does not name an ISO record", s.Ref)
		}
	default:
		return fieldErr(field+".kind", "a scope item is text, a plan task, a process, a nonconformity or an audit")
	}
	return nil
}

// ChecklistItem is one question of the checklist.
type ChecklistItem struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// VisitPlan is an inspection's plan: who visits which office when, what it
// looks at, and the checklist.
type VisitPlan struct {
	ID              string          `json:"id"`
	Office          string          `json:"office"`
	Inspector       string          `json:"inspector"`
	InspectorOffice string          `json:"inspectorOffice"`
	Date            string          `json:"date"`
	Title           string          `json:"title"`
	Scope           []VisitScope    `json:"scope"`
	Checklist       []ChecklistItem `json:"checklist"`
}

// Validate checks a plan's own fields; that the inspector's office is
// above the inspected one is for the caller, who has the office tree.
func (p VisitPlan) Validate() *RuleError {
	switch {
	case !ValidID(p.ID):
		return fieldErr("id", "the inspection needs an ID of letters and digits")
	case p.Office == "" || p.InspectorOffice == "" || p.Office == p.InspectorOffice:
		return fieldErr("office", "an inspection is of an office below the inspector's")
	case p.Inspector == "":
		return fieldErr("inspector", "the inspection needs an inspector")
	case !ValidDay(p.Date):
		return fieldErr("date", "the date must be a day YYYY-MM-DD")
	case strings.TrimSpace(p.Title) == "":
		return fieldErr("title", "the inspection needs a title")
	case len(p.Scope) == 0:
		return fieldErr("scope", "the inspection looks at nothing: name its scope")
	case len(p.Checklist) == 0:
		return fieldErr("checklist", "the inspection needs a checklist")
	}
	for i, s := range p.Scope {
		if err := s.Validate(fmt.Sprintf("scope[%d]", i)); err != nil {
			return err
		}
	}
	seen := map[string]bool{}
	for i, it := range p.Checklist {
		f := fmt.Sprintf("checklist[%d]", i)
		switch {
		case !ValidID(it.ID):
			return fieldErr(f+".id", "a checklist item needs an ID of letters and digits")
		case seen[it.ID]:
			return fieldErr(f+".id", "the item %s is listed twice", it.ID)
		case strings.TrimSpace(it.Text) == "":
			return fieldErr(f+".text", "a checklist item needs a text")
		}
		seen[it.ID] = true
	}
	return nil
}

// ChecklistOf makes a checklist from a scope: one item per scope item,
// "C1", "C2"…, asking whether it is done as it should be.
func ChecklistOf(scope []VisitScope) []ChecklistItem {
	out := make([]ChecklistItem, len(scope))
	for i, s := range scope {
		text := strings.TrimSpace(s.Text)
		if text == "" {
			text = s.Ref
		}
		out[i] = ChecklistItem{ID: fmt.Sprintf("C%d", i+1), Text: text}
	}
	return out
}

// EvidenceRefKind is what a piece of evidence points to.
type EvidenceRefKind string

// The kinds of evidence: a dossier's code, a printed paper's QR text, a
// record's subject.
const (
	EvidenceDossier EvidenceRefKind = "dossier"
	EvidencePrint   EvidenceRefKind = "print"
	EvidenceRecord  EvidenceRefKind = "record"
)

// EvidenceRef is one piece of evidence.
type EvidenceRef struct {
	Kind EvidenceRefKind `json:"kind"`
	Ref  string          `json:"ref"`
}

// Validate checks the evidence's kind and reference; that a dossier is
// one the inspected office holds is for the caller, who has the store.
func (e EvidenceRef) Validate(field string) *RuleError {
	ref := strings.TrimSpace(e.Ref)
	switch {
	case e.Kind != EvidenceDossier && e.Kind != EvidencePrint && e.Kind != EvidenceRecord:
		return fieldErr(field+".kind", "evidence is a dossier, a print or a record")
	case ref == "" || len(ref) > 400:
		return fieldErr(field+".ref", "the evidence needs a reference")
	case e.Kind == EvidencePrint && !strings.HasPrefix(ref, "HSVF1|"):
		return fieldErr(field+".ref", "a print is named by the text of its QR code (HSVF1|…)")
	case e.Kind == EvidenceRecord && !strings.Contains(ref, "/"):
		return fieldErr(field+".ref", "a record is named by its subject, e.g. iso/nc/38001/…")
	}
	return nil
}

func validateEvidence(ev []EvidenceRef) *RuleError {
	for i, e := range ev {
		if err := e.Validate(fmt.Sprintf("evidence[%d]", i)); err != nil {
			return err
		}
	}
	return nil
}

// ItemResult is the outcome of a checklist item.
type ItemResult string

// The results of a checklist item.
const (
	Pass ItemResult = "pass"
	Fail ItemResult = "fail"
	NA   ItemResult = "na"
)

// ItemCheck is one checklist item's result, as written.
type ItemCheck struct {
	Item     string        `json:"item"`
	Result   ItemResult    `json:"result"`
	Note     string        `json:"note,omitempty"`
	Evidence []EvidenceRef `json:"evidence"`
	By       string        `json:"by,omitempty"`
	At       time.Time     `json:"at"`
	// Replaces is the Key of the check the writer saw, "" when none: a
	// check replacing another than the one in force came from another
	// desk at the same time, a conflict.
	Replaces string `json:"replaces,omitempty"`
}

func recordKey(by string, at time.Time) string { return by + "@" + at.UTC().Format(time.RFC3339Nano) }

// Key names the check as written.
func (c ItemCheck) Key() string { return recordKey(c.By, c.At) }

// Validate checks a check against the plan.
func (c ItemCheck) Validate(p VisitPlan) *RuleError {
	if !slices.ContainsFunc(p.Checklist, func(it ChecklistItem) bool { return it.ID == c.Item }) {
		return fieldErr("item", "%q is not an item of this inspection's checklist", c.Item)
	}
	if c.Result != Pass && c.Result != Fail && c.Result != NA {
		return fieldErr("result", "the result is pass, fail or na")
	}
	return validateEvidence(c.Evidence)
}

// Remedy is what the inspected office must do: who, by when.
type Remedy struct {
	Owner string `json:"owner"`
	Due   string `json:"due"`
}

// FindingWrite is a finding as the inspector writes it (new, or changed).
type FindingWrite struct {
	ID       string    `json:"id"`
	Item     string    `json:"item"`
	Text     string    `json:"text"`
	Fix      Remedy    `json:"fix"`
	By       string    `json:"by,omitempty"`
	At       time.Time `json:"at"`
	Replaces string    `json:"replaces,omitempty"`
}

// Key names the finding as written.
func (f FindingWrite) Key() string { return recordKey(f.By, f.At) }

// Validate checks a finding against the plan: an item of the checklist, a
// text, and a fix with an owner and a due date.
func (f FindingWrite) Validate(p VisitPlan) *RuleError {
	switch {
	case !ValidID(f.ID):
		return fieldErr("id", "the finding needs an ID of letters and digits")
	case f.Item != "" && !slices.ContainsFunc(p.Checklist, func(it ChecklistItem) bool { return it.ID == f.Item }):
		return fieldErr("item", "%q is not an item of this inspection's checklist", f.Item)
	case strings.TrimSpace(f.Text) == "":
		return fieldErr("text", "the finding needs a text")
	case strings.TrimSpace(f.Fix.Owner) == "":
		return ruleErr("fix.owner", RuleFixNeedsOwner, "the fix needs an owner: a user of the inspected office")
	case !ValidDay(f.Fix.Due):
		return ruleErr("fix.due", RuleFixNeedsDue, "the fix needs a due date YYYY-MM-DD")
	}
	return nil
}

// OfficeAnswer is the inspected office's answer to a finding.
type OfficeAnswer struct {
	Finding  string        `json:"finding"`
	Text     string        `json:"text"`
	Evidence []EvidenceRef `json:"evidence"`
	By       string        `json:"by,omitempty"`
	At       time.Time     `json:"at"`
}

// Validate checks an answer's text and evidence.
func (a OfficeAnswer) Validate() *RuleError {
	if strings.TrimSpace(a.Text) == "" {
		return fieldErr("text", "the answer needs a text")
	}
	return validateEvidence(a.Evidence)
}

// Ruling closes or reopens a finding.
type Ruling struct {
	Finding string    `json:"finding"`
	Note    string    `json:"note,omitempty"`
	By      string    `json:"by,omitempty"`
	At      time.Time `json:"at"`
}

// FindingState is where a finding stands.
type FindingState string

// The states of a finding.
const (
	Open     FindingState = "open"
	Answered FindingState = "answered"
	Closed   FindingState = "closed"
	Reopened FindingState = "reopened"
)

// FindingRecord is a finding as folded: the last write, the answers and the
// state.
type FindingRecord struct {
	FindingWrite
	Answers   []OfficeAnswer `json:"answers"`
	State     FindingState   `json:"state"`
	Decisions []Ruling       `json:"decisions"`
}

// CanAnswer reports whether the office may answer the finding now.
func (f FindingRecord) CanAnswer() *RuleError {
	if f.State == Closed {
		return ruleErr("finding", RuleState, "finding %s is closed: it takes no answer until an inspector reopens it", f.ID)
	}
	return nil
}

// CanClose reports whether an inspector may close the finding now.
func (f FindingRecord) CanClose() *RuleError {
	if f.State == Closed {
		return ruleErr("finding", RuleState, "finding %s is already closed", f.ID)
	}
	return nil
}

// CanReopen reports whether an inspector may reopen the finding now.
func (f FindingRecord) CanReopen() *RuleError {
	if f.State != Closed {
		return ruleErr("finding", RuleState, "finding %s is not closed", f.ID)
	}
	return nil
}

// Overdue reports whether the fix's due day is before today (YYYY-MM-DD)
// and the finding is not closed.
func (f FindingRecord) Overdue(today string) bool {
	return f.State != Closed && ValidDay(f.Fix.Due) && f.Fix.Due < today
}

// EditConflict is a check or finding that replaced one its writer had not
// seen: Kept stands, Lost was overwritten.
type EditConflict struct {
	Item    string `json:"item"`
	Finding bool   `json:"finding,omitempty"`
	Kept    string `json:"kept"`
	Lost    string `json:"lost"`
}

// Inspection is an inspection as folded from its events.
type Inspection struct {
	Plan      VisitPlan            `json:"plan"`
	Checks    map[string]ItemCheck `json:"checks"`
	Findings  []FindingRecord      `json:"findings"`
	Conflicts []EditConflict       `json:"conflicts"`
	Version   int                  `json:"version"`
}

// Planned reports whether the inspection has a plan.
func (in *Inspection) Planned() bool { return in.Plan.ID != "" }

// FindingByID returns the index of a finding, -1 when there is none.
func (in *Inspection) FindingByID(id string) int {
	return slices.IndexFunc(in.Findings, func(f FindingRecord) bool { return f.ID == id })
}

// HasFindingFor reports whether an item has a finding.
func (in *Inspection) HasFindingFor(item string) bool {
	return slices.ContainsFunc(in.Findings, func(f FindingRecord) bool { return f.Item == item })
}

// Unfounded lists the failed items without a finding: each needs one.
func (in *Inspection) Unfounded() []string {
	var out []string
	for _, it := range in.Plan.Checklist {
		if c, ok := in.Checks[it.ID]; ok && c.Result == Fail && !in.HasFindingFor(it.ID) {
			out = append(out, it.ID)
		}
	}
	return out
}

// Overdue counts the findings whose fix is overdue on today.
func (in *Inspection) Overdue(today string) int {
	n := 0
	for _, f := range in.Findings {
		if f.Overdue(today) {
			n++
		}
	}
	return n
}

func (in *Inspection) settle(item string, finding bool, prev, replaces, key string) {
	in.Conflicts = slices.DeleteFunc(in.Conflicts, func(c EditConflict) bool { return c.Item == item && c.Finding == finding })
	if prev != "" && replaces != prev {
		in.Conflicts = append(in.Conflicts, EditConflict{Item: item, Finding: finding, Kept: key, Lost: prev})
	}
}

// ApplyPlan applies a plan: the first, or a change by the same office.
func (in *Inspection) ApplyPlan(p VisitPlan) {
	if in.Planned() && (p.Office != in.Plan.Office || p.InspectorOffice != in.Plan.InspectorOffice || p.ID != in.Plan.ID) {
		return
	}
	in.Plan = p
	in.Version++
}

// ApplyCheck applies a check; the last one of an item stands, and one
// that replaced a check its writer had not seen is listed in Conflicts.
func (in *Inspection) ApplyCheck(c ItemCheck) {
	if !in.Planned() || c.Validate(in.Plan) != nil {
		return
	}
	if in.Checks == nil {
		in.Checks = map[string]ItemCheck{}
	}
	prev := ""
	if old, ok := in.Checks[c.Item]; ok {
		prev = old.Key()
	}
	in.settle(c.Item, false, prev, c.Replaces, c.Key())
	in.Checks[c.Item] = c
	in.Version++
}

// ApplyFinding adds a finding (open) or changes one, keeping its answers
// and state.
func (in *Inspection) ApplyFinding(f FindingWrite) {
	if !in.Planned() || f.Validate(in.Plan) != nil {
		return
	}
	if i := in.FindingByID(f.ID); i >= 0 {
		in.settle(f.ID, true, in.Findings[i].Key(), f.Replaces, f.Key())
		in.Findings[i].FindingWrite = f
	} else {
		in.Findings = append(in.Findings, FindingRecord{FindingWrite: f, State: Open, Answers: []OfficeAnswer{}, Decisions: []Ruling{}})
	}
	in.Version++
}

// ApplyAnswer adds the office's answer; a closed finding takes none.
func (in *Inspection) ApplyAnswer(a OfficeAnswer) {
	i := in.FindingByID(a.Finding)
	if i < 0 || a.Validate() != nil || in.Findings[i].CanAnswer() != nil {
		return
	}
	in.Findings[i].Answers = append(in.Findings[i].Answers, a)
	in.Findings[i].State = Answered
	in.Version++
}

// ApplyClose closes a finding.
func (in *Inspection) ApplyClose(d Ruling) {
	i := in.FindingByID(d.Finding)
	if i < 0 || in.Findings[i].CanClose() != nil {
		return
	}
	in.Findings[i].State = Closed
	in.Findings[i].Decisions = append(in.Findings[i].Decisions, d)
	in.Version++
}

// ApplyReopen reopens a closed finding.
func (in *Inspection) ApplyReopen(d Ruling) {
	i := in.FindingByID(d.Finding)
	if i < 0 || in.Findings[i].CanReopen() != nil {
		return
	}
	in.Findings[i].State = Reopened
	in.Findings[i].Decisions = append(in.Findings[i].Decisions, d)
	in.Version++
}
