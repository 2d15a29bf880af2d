package iso

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"hoso/catalog"
)

// The documented process (quy trình) of an administrative procedure, as an
// office keeps it under document control (TCVN ISO 9001:2015 clause
// 7.5.2–7.5.3): generated from the catalog's step table, drafted, approved
// by a leader with the day it is in force from, and superseded — never
// deleted — when a later revision is approved.
//
// A process is one subject per office and procedure,
// iso/process/<office>/<procedure code>. Its code is "QT-<procedure code>":
// the same procedure has the same process code in every office, so a
// district comparing its communes' processes compares like with like; the
// office is in the subject and on the printed header, never in the code.
const (
	// ProcessPrefix starts a process: iso/process/<office>/<procedure>.
	ProcessPrefix = "iso/process/"
	// ProcessCodePrefix starts a process code: "QT-1.001193".
	ProcessCodePrefix = "QT-"
)

// Kinds of event written under ProcessPrefix.
const (
	// KindProcessDrafted records a revision drafted from the catalog
	// (ProcessDrafted).
	KindProcessDrafted = "iso.process.drafted"
	// KindProcessApproved records a leader's approval of a drafted
	// revision (ProcessApproved).
	KindProcessApproved = "iso.process.approved"
)

// MaxInForceAhead is how far ahead of its approval a revision may be put
// in force: a year, so a typing slip of the year is caught.
const MaxInForceAhead = 366 * 24 * time.Hour

// ProcessSubject is the subject of an office's process of a procedure.
func ProcessSubject(office, procedure string) string {
	return ProcessPrefix + office + "/" + procedure
}

// ProcessCode is the code of the process of a procedure.
func ProcessCode(procedure string) string { return ProcessCodePrefix + procedure }

// RevisionState is where a revision of a process stands.
type RevisionState string

// The states of a revision: a draft is approved (in force from its date)
// and later superseded by the next revision approved.
const (
	StateDrafted    RevisionState = "drafted"
	StateApproved   RevisionState = "approved"
	StateSuperseded RevisionState = "superseded"
)

// ProcessPaper is one component of the dossier as the process lists it.
type ProcessPaper struct {
	Name     string               `json:"name"`
	Form     catalog.DocumentForm `json:"form"`
	Count    int                  `json:"count"`
	Required bool                 `json:"required"`
}

// ProcessStep is one row of the process's step table.
type ProcessStep struct {
	// No numbers the steps from 1.
	No   int          `json:"no"`
	Name string       `json:"name"`
	Role catalog.Role `json:"role"`
	// Hours is the working time allotted to the step.
	Hours float64 `json:"hours"`
	// Form is the form used or produced; it may be empty.
	Form string `json:"form,omitempty"`
}

// ProcessDoc is the content of one revision: everything the controlled
// copy prints, fixed when the revision is drafted so that a later change
// of the catalog never changes an approved process behind its approver.
type ProcessDoc struct {
	Code      string `json:"code"`
	Procedure string `json:"procedure"`
	Name      string `json:"name"`
	Sector    string `json:"sector"`
	Purpose   string `json:"purpose"`
	Scope     string `json:"scope"`
	// Basis is the legal basis as the catalog cites it; it may be empty.
	Basis  string         `json:"basis,omitempty"`
	Papers []ProcessPaper `json:"papers"`
	// TimeLimitWD and ExtendedTimeLimitWD are the catalog's limits in
	// working days; ExtendedReason says when the longer one applies.
	TimeLimitWD         int    `json:"timeLimitWD"`
	ExtendedTimeLimitWD *int   `json:"extendedTimeLimitWD,omitempty"`
	ExtendedReason      string `json:"extendedReason,omitempty"`
	// Fee describes the fee in words ("7.000 đ", "Miễn phí").
	Fee   string        `json:"fee"`
	Steps []ProcessStep `json:"steps"`
	// DefaultSteps is true when the catalog had no step table and the
	// process took catalog.DefaultSteps: the approver is told so.
	DefaultSteps bool `json:"defaultSteps,omitempty"`
	// Records are the records the process keeps, derived from the forms
	// its steps use and the papers the desk keeps.
	Records []string `json:"records"`
	// Source is SourceHash of the catalog procedure the revision was
	// generated from.
	Source string `json:"source"`
	// CatalogVersion is the catalog version it was generated from.
	CatalogVersion int `json:"catalogVersion"`
}

// SourceHash is a hash of the catalog facts a process is generated from:
// two procedures with the same hash give the same process. Whether the
// desk may still receive it (Active) and how sure the facts are
// (Confidence) are left out: neither changes the process.
func SourceHash(p catalog.Procedure) string {
	p.Active, p.Confidence = false, ""
	b, err := json.Marshal(p)
	if err != nil {
		// A catalog.Procedure is plain data; it always encodes.
		panic(err)
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:16])
}

// GenerateProcess writes the content of a revision of the process of p at
// the office named officeName, from the catalog version catalogVersion.
func GenerateProcess(officeName string, p catalog.Procedure, catalogVersion int) ProcessDoc {
	office := strings.TrimSpace(officeName)
	if office == "" {
		office = "cơ quan"
	}
	doc := ProcessDoc{
		Code: ProcessCode(p.Code), Procedure: p.Code, Name: p.Name, Sector: p.Sector,
		Purpose:     fmt.Sprintf("Quy định trình tự, trách nhiệm và thời gian giải quyết thủ tục hành chính “%s” tại %s, bảo đảm giải quyết đúng quy định, đúng hạn và công khai, minh bạch.", p.Name, office),
		Scope:       fmt.Sprintf("Áp dụng đối với tổ chức, cá nhân có yêu cầu giải quyết thủ tục “%s” (lĩnh vực %s) và cán bộ, công chức của %s tham gia tiếp nhận, giải quyết và trả kết quả.", p.Name, p.Sector, office),
		Basis:       strings.TrimSpace(p.Basis),
		TimeLimitWD: p.TimeLimitWD, ExtendedTimeLimitWD: p.ExtendedTimeLimitWD, ExtendedReason: p.ExtendedReason,
		Fee:    FeeText(p.FeeRule()),
		Source: SourceHash(p), CatalogVersion: catalogVersion,
		Papers: []ProcessPaper{}, Steps: []ProcessStep{}, Records: []string{},
	}
	for _, d := range p.Documents {
		doc.Papers = append(doc.Papers, ProcessPaper{Name: d.Name, Form: d.Form, Count: d.Count, Required: d.Required})
	}
	steps := p.Steps
	if len(steps) == 0 {
		steps, doc.DefaultSteps = catalog.DefaultSteps(p), true
	}
	for i, s := range steps {
		doc.Steps = append(doc.Steps, ProcessStep{No: i + 1, Name: s.Name, Role: s.Role, Hours: s.Hours, Form: s.Form})
	}
	doc.Records = ProcessRecords(doc)
	return doc
}

// ProcessRecords derives the records a process keeps: one per form its
// steps use (the first step that uses it names it), the papers the desk
// keeps (not those only shown), and the result's office copy.
func ProcessRecords(doc ProcessDoc) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, s := range doc.Steps {
		f := strings.TrimSpace(s.Form)
		if f == "" || seen[f] {
			continue
		}
		seen[f] = true
		out = append(out, f+" ("+s.Name+")")
	}
	var kept []string
	for _, p := range doc.Papers {
		if p.Form != catalog.FormShow {
			kept = append(kept, p.Name)
		}
	}
	if len(kept) > 0 {
		out = append(out, "Hồ sơ đã nộp: "+strings.Join(kept, "; "))
	}
	out = append(out, "Bản lưu kết quả giải quyết thủ tục hành chính")
	return out
}

// FeeText describes a fee rule in words, for the printed process.
func FeeText(r catalog.FeeRule) string {
	var s string
	switch r.Kind {
	case catalog.FeeFree:
		s = "Miễn phí"
	case catalog.FeeFixed:
		s = catalog.VND(r.VND)
		if r.Per != "" {
			s += "/" + r.Per
		}
	case catalog.FeePerPage:
		s = catalog.VND(r.VNDPerPage) + "/trang"
	default:
		s = "Theo nghị quyết của Hội đồng nhân dân tỉnh"
	}
	if b := strings.TrimSpace(r.Basis); b != "" {
		s += " (" + b + ")"
	}
	return s
}

// ProcessDrafted is the payload of KindProcessDrafted.
type ProcessDrafted struct {
	// Revision numbers the drafts of the process from 1; a draft takes the
	// number after the last revision its desk knew.
	Revision  int        `json:"revision"`
	Doc       ProcessDoc `json:"doc"`
	DraftedBy string     `json:"draftedBy"`
	DraftedAt time.Time  `json:"draftedAt"`
}

// ProcessApproved is the payload of KindProcessApproved.
type ProcessApproved struct {
	// Revision is the draft approved.
	Revision int `json:"revision"`
	// Seen is the revision in force the approver saw (0: none): an
	// approval that meets another revision in force is a conflict, not a
	// silent replacement.
	Seen int `json:"seen"`
	// InForce is the first day the revision governs, YYYY-MM-DD.
	InForce      string    `json:"inForce"`
	ApprovedBy   string    `json:"approvedBy"`
	ApproverName string    `json:"approverName,omitempty"`
	ApprovedAt   time.Time `json:"approvedAt"`
}

// Revision is one revision of a process as folded.
type Revision struct {
	Revision int           `json:"revision"`
	State    RevisionState `json:"state"`
	// Issue is the issue number (lần ban hành) given when approved: the
	// first approved revision is issue 1; 0 while drafted.
	Issue        int        `json:"issue"`
	Doc          ProcessDoc `json:"doc"`
	DraftedBy    string     `json:"draftedBy"`
	DraftedAt    time.Time  `json:"draftedAt"`
	InForce      string     `json:"inForce,omitempty"`
	ApprovedBy   string     `json:"approvedBy,omitempty"`
	ApproverName string     `json:"approverName,omitempty"`
	ApprovedAt   time.Time  `json:"approvedAt,omitzero"`
	// SupersededBy is the revision that replaced this one, from its
	// in-force day.
	SupersededBy int    `json:"supersededBy,omitempty"`
	SupersededOn string `json:"supersededOn,omitempty"`
}

// Process is the folded state of one office's process of a procedure:
// every revision, oldest first, and the events set aside as conflicts.
type Process struct {
	Revisions []Revision `json:"revisions"`
	// Conflicts describe, in words, events two desks wrote concurrently
	// that the fold could not apply (a second draft of one revision, an
	// approval of a revision no longer pending or against another in
	// force). They stay visible; nothing is overwritten silently.
	Conflicts []string `json:"conflicts"`
}

// InForce returns the approved revision, if any.
func (p *Process) InForce() (Revision, bool) {
	for i := len(p.Revisions) - 1; i >= 0; i-- {
		if p.Revisions[i].State == StateApproved {
			return p.Revisions[i], true
		}
	}
	return Revision{}, false
}

// Pending returns the draft awaiting approval, if any.
func (p *Process) Pending() (Revision, bool) {
	for i := len(p.Revisions) - 1; i >= 0; i-- {
		if p.Revisions[i].State == StateDrafted {
			return p.Revisions[i], true
		}
	}
	return Revision{}, false
}

// Revision returns revision n.
func (p *Process) Revision(n int) (Revision, bool) {
	for _, r := range p.Revisions {
		if r.Revision == n {
			return r, true
		}
	}
	return Revision{}, false
}

// NextRevision is the number a new draft takes.
func (p *Process) NextRevision() int {
	n := 0
	for _, r := range p.Revisions {
		n = max(n, r.Revision)
	}
	return n + 1
}

// The rules' refusals. The app turns ErrPendingDraft, ErrNotPending and
// ErrStale into conflicts, the others into invalid input.
var (
	// ErrPendingDraft: a process has one pending draft at a time.
	ErrPendingDraft = errors.New("a draft revision is already waiting for approval")
	// ErrUnchanged: the catalog has not changed since the revision in
	// force, so a new one would say the same.
	ErrUnchanged = errors.New("the catalog has not changed since the revision in force")
	// ErrNotPending: the revision is not a draft waiting for approval.
	ErrNotPending = errors.New("the revision is not a draft waiting for approval")
	// ErrStale: another revision was put in force since the approver
	// looked.
	ErrStale = errors.New("another revision was put in force since this one was read")
	// ErrInForceDate: the in-force day is not a date, or out of range.
	ErrInForceDate = errors.New("the in-force date is not valid")
)

// CheckDraft tells whether a draft generated from the catalog source may
// be added to p.
func CheckDraft(p *Process, source string) error {
	if _, ok := p.Pending(); ok {
		return ErrPendingDraft
	}
	if cur, ok := p.InForce(); ok && cur.Doc.Source == source {
		return ErrUnchanged
	}
	return nil
}

// CheckApprove tells whether a approves a revision of p, today being the
// approver's day (in the office's zone). The in-force day may not be before
// today, nor before the in-force day of the revision it supersedes, nor
// more than MaxInForceAhead after today.
func CheckApprove(p *Process, a ProcessApproved, today time.Time) error {
	r, ok := p.Revision(a.Revision)
	if !ok || r.State != StateDrafted {
		return ErrNotPending
	}
	cur, ok := p.InForce()
	if (ok && cur.Revision != a.Seen) || (!ok && a.Seen != 0) {
		return ErrStale
	}
	day, err := time.ParseInLocation(time.DateOnly, a.InForce, today.Location())
	if err != nil {
		return fmt.Errorf("%w: %q is not a date YYYY-MM-DD", ErrInForceDate, a.InForce)
	}
	start := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, today.Location())
	if day.Before(start) {
		return fmt.Errorf("%w: %s is before today", ErrInForceDate, a.InForce)
	}
	if day.After(start.Add(MaxInForceAhead)) {
		return fmt.Errorf("%w: %s is more than a year ahead", ErrInForceDate, a.InForce)
	}
	if ok && a.InForce < cur.InForce {
		return fmt.Errorf("%w: %s is before revision %d is in force (%s)", ErrInForceDate, a.InForce, cur.Revision, cur.InForce)
	}
	return nil
}

// ApplyDrafted folds a draft into p. A draft whose number is taken (two
// desks drafted concurrently) or that meets another pending draft is set
// aside as a conflict, so the first one recorded stays.
func (p *Process) ApplyDrafted(d ProcessDrafted) {
	if _, taken := p.Revision(d.Revision); taken || d.Revision < 1 {
		p.Conflicts = append(p.Conflicts, fmt.Sprintf("revision %d drafted by %s at %s was set aside: the number is taken", d.Revision, d.DraftedBy, d.DraftedAt.UTC().Format(time.RFC3339)))
		return
	}
	if pend, ok := p.Pending(); ok {
		p.Conflicts = append(p.Conflicts, fmt.Sprintf("revision %d drafted by %s at %s was set aside: revision %d was already waiting for approval", d.Revision, d.DraftedBy, d.DraftedAt.UTC().Format(time.RFC3339), pend.Revision))
		return
	}
	p.Revisions = append(p.Revisions, Revision{Revision: d.Revision, State: StateDrafted, Doc: d.Doc, DraftedBy: d.DraftedBy, DraftedAt: d.DraftedAt})
}

// ApplyApproved folds an approval into p: the revision is in force from
// its day and the one in force before is superseded. An approval of a
// revision no longer pending, or made against another revision in force
// than the one now in force, is set aside as a conflict.
func (p *Process) ApplyApproved(a ProcessApproved) {
	idx := -1
	for i, r := range p.Revisions {
		if r.Revision == a.Revision {
			idx = i
		}
	}
	cur, hasCur := p.InForce()
	switch {
	case idx < 0 || p.Revisions[idx].State != StateDrafted:
		p.Conflicts = append(p.Conflicts, fmt.Sprintf("the approval of revision %d by %s at %s was set aside: it was not waiting for approval", a.Revision, a.ApprovedBy, a.ApprovedAt.UTC().Format(time.RFC3339)))
		return
	case (hasCur && cur.Revision != a.Seen) || (!hasCur && a.Seen != 0):
		p.Conflicts = append(p.Conflicts, fmt.Sprintf("the approval of revision %d by %s at %s was set aside: it was made against revision %d, not the one in force", a.Revision, a.ApprovedBy, a.ApprovedAt.UTC().Format(time.RFC3339), a.Seen))
		return
	}
	issue := 1
	for i := range p.Revisions {
		r := &p.Revisions[i]
		if r.Issue > 0 {
			issue = max(issue, r.Issue+1)
		}
		if r.State == StateApproved {
			r.State, r.SupersededBy, r.SupersededOn = StateSuperseded, a.Revision, a.InForce
		}
	}
	r := &p.Revisions[idx]
	r.State, r.Issue, r.InForce = StateApproved, issue, a.InForce
	r.ApprovedBy, r.ApproverName, r.ApprovedAt = a.ApprovedBy, a.ApproverName, a.ApprovedAt
}
