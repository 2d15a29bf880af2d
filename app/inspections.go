package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"hoso/calendar"
	"hoso/inspect"
	"hoso/iso"
	"hoso/plan"
	"hoso/store"
)

// Inspections are visits of an inspector of an office above to an office
// below (issue 17 item 4): a checklist with evidence, findings each with a
// fix (an owner of the inspected office and a due date), the office's
// answers, and the inspector's closing or reopening. The rules are
// package inspect's. One subject holds both sides: the inspector's office
// writes with Audience = the inspected office, and the inspected office
// answers with Audience = the inspector's office (see inspect.Prefix), so
// the record reaches both and the offices above them, never a sibling.
type Inspections struct {
	core  *Core
	print *Print
	now   func() time.Time
	// mu makes each read-check-append one step on this desk; two desks'
	// concurrent edits meet as conflicts in the fold.
	mu sync.Mutex
}

// NewInspections returns the Inspections service.
func NewInspections(core *Core, print *Print, now func() time.Time) *Inspections {
	if now == nil {
		now = time.Now
	}
	return &Inspections{core: core, print: print, now: now}
}

// Projection of inspections and its indexes.
const (
	inspectionProjID = "inspection"
	// inspectionIndexOffice lists an office's inspections: "<office>\x00<id>".
	inspectionIndexOffice = "office"
	// inspectionIndexBy lists an inspector office's visits:
	// "<inspector office>\x00<office>\x00<id>".
	inspectionIndexBy = "by"
)

// inspectionProjection folds an inspection with package inspect's rules.
// The plan, checks, findings and decisions apply only when written by the
// inspector's office, the answers only when written by the inspected
// office: no office writes the other's part.
var inspectionProjection = jsonProjection[inspect.Inspection]{
	name:   inspectionProjID,
	prefix: inspect.Prefix,
	apply: func(in *inspect.Inspection, e *store.Event) {
		office := inspect.SubjectOffice(e.Subject)
		byInspector := in.Planned() && e.Owner == in.Plan.InspectorOffice
		switch e.Kind {
		case inspect.KindPlanned:
			var p inspect.VisitPlan
			if decodeBody(e, &p) && p.Validate() == nil && inspect.Subject(p.Office, p.ID) == e.Subject && e.Owner == p.InspectorOffice {
				in.ApplyPlan(p)
			}
		case inspect.KindChecked:
			var c inspect.ItemCheck
			if byInspector && decodeBody(e, &c) {
				in.ApplyCheck(c)
			}
		case inspect.KindFinding:
			var f inspect.FindingWrite
			if byInspector && decodeBody(e, &f) {
				in.ApplyFinding(f)
			}
		case inspect.KindClosed, inspect.KindReopened:
			var d inspect.Ruling
			if byInspector && decodeBody(e, &d) {
				if e.Kind == inspect.KindClosed {
					in.ApplyClose(d)
				} else {
					in.ApplyReopen(d)
				}
			}
		case inspect.KindAnswered:
			var a inspect.OfficeAnswer
			if in.Planned() && e.Owner == office && decodeBody(e, &a) {
				in.ApplyAnswer(a)
			}
		}
	},
	index: func(subject string, in *inspect.Inspection) []store.IndexEntry {
		if !in.Planned() {
			return nil
		}
		p := in.Plan
		return []store.IndexEntry{
			{Index: inspectionIndexOffice, Key: []byte(p.Office + "\x00" + p.ID)},
			{Index: inspectionIndexBy, Key: []byte(p.InspectorOffice + "\x00" + p.Office + "\x00" + p.ID)},
		}
	},
}

// readInspection reads an inspection; found is false when never planned.
func readInspection(st *store.Store, office, id string) (inspect.Inspection, bool, error) {
	var in inspect.Inspection
	ok, err := readState(st, inspectionProjID, inspect.Subject(office, id), &in)
	return in, ok && in.Planned(), err
}

// scanInspections reads the inspections an index lists under a prefix.
func scanInspections(st *store.Store, index, prefix string) ([]inspect.Inspection, error) {
	hits, err := st.Scan(inspectionProjID, index, store.ScanOptions{Prefix: []byte(prefix)})
	if err != nil {
		return nil, Wrap(CodeInternal, err, "listing the inspections")
	}
	var out []inspect.Inspection
	for _, h := range hits {
		var in inspect.Inspection
		if ok, err := readState(st, inspectionProjID, h.Subject, &in); err != nil {
			return nil, err
		} else if ok && in.Planned() {
			out = append(out, in)
		}
	}
	return out, nil
}

// inspectRuleError turns a rule of package inspect into the error the UI
// translates.
func inspectRuleError(err *inspect.RuleError) error {
	if err == nil {
		return nil
	}
	e := FieldError(err.Field, "%s", err.Message)
	if err.Rule != "" {
		e.Params = map[string]string{"rule": err.Rule}
	}
	return e
}

// today is the day in Vietnam, YYYY-MM-DD, that overdue fixes are judged on.
func (s *Inspections) today() string { return s.now().In(calendar.Zone).Format(time.DateOnly) }

// InspectionRequest names an inspection: the inspected office and its ID.
type InspectionRequest struct {
	Office string `json:"office"`
	ID     string `json:"id"`
}

// InspectionReply is an inspection as the caller sees it, with what the
// caller may do.
type InspectionReply struct {
	Subject    string             `json:"subject"`
	Inspection inspect.Inspection `json:"inspection"`
	// Names gives the full names of the users it mentions.
	Names map[string]string `json:"names"`
	// Overdue lists the findings whose fix is overdue today.
	Overdue []string `json:"overdue"`
	// Unfounded lists the failed items that still need a finding.
	Unfounded []string `json:"unfounded"`
	// Inspect tells whether the caller records checks, findings and
	// decisions (an inspector of the inspecting office); Answer whether
	// the caller answers findings (a user of the inspected office).
	Inspect bool `json:"inspect"`
	Answer  bool `json:"answer"`
	// Owners are the inspected office's users a fix may be given to.
	Owners []UserInfo `json:"owners"`
}

func (s *Inspections) reply(st *store.Store, cl Caller, office, id string) (InspectionReply, error) {
	in, found, err := readInspection(st, office, id)
	if err != nil {
		return InspectionReply{}, err
	}
	if !found {
		return InspectionReply{}, &Error{Code: CodeNotFound, Field: "id", Message: "no inspection " + id, Params: map[string]string{"id": id}}
	}
	out := InspectionReply{Subject: inspect.Subject(office, id), Inspection: in, Names: map[string]string{}, Overdue: []string{}, Unfounded: in.Unfounded(), Owners: []UserInfo{}}
	if out.Unfounded == nil {
		out.Unfounded = []string{}
	}
	name := func(id string) {
		if id != "" && id != "operator" {
			if _, ok := out.Names[id]; !ok {
				out.Names[id] = userName(st, id)
			}
		}
	}
	name(in.Plan.Inspector)
	today := s.today()
	for _, f := range in.Findings {
		name(f.Fix.Owner)
		name(f.By)
		for _, a := range f.Answers {
			name(a.By)
		}
		if f.Overdue(today) {
			out.Overdue = append(out.Overdue, f.ID)
		}
	}
	mine := callerOffice(st, cl)
	out.Inspect = cl.Has(RoleInspector) && mine == in.Plan.InspectorOffice
	out.Answer = mine == in.Plan.Office
	if out.Inspect {
		out.Owners, err = inspectedUsers(st, office)
	}
	return out, err
}

// inspectedUsers lists an office's active users.
func inspectedUsers(st *store.Store, office string) ([]UserInfo, error) {
	hits, err := st.Scan(userProjection.name, "office", store.ScanOptions{Prefix: []byte(office + "\x00")})
	if err != nil {
		return nil, Wrap(CodeInternal, err, "listing the users")
	}
	out := []UserInfo{}
	for _, h := range hits {
		u, err := getUser(st, strings.TrimPrefix(h.Subject, userPrefix))
		if err == nil && !u.Disabled {
			out = append(out, UserInfo{ID: u.ID, Username: u.Username, FullName: u.FullName, Office: u.Office, Roles: u.Roles})
		}
	}
	return out, nil
}

// Get returns an inspection of the caller's office or of one below it.
func (s *Inspections) Get(ctx context.Context, req InspectionRequest) (InspectionReply, error) {
	d, err := s.core.Deps()
	if err != nil {
		return InspectionReply{}, err
	}
	cl := CallerFrom(ctx)
	office, err := isoReadOffice(d.Store, cl, req.Office)
	if err != nil {
		return InspectionReply{}, err
	}
	return s.reply(d.Store, cl, office, strings.TrimSpace(req.ID))
}

// InspectionsRequest names the office whose inspections are listed; empty
// lists the caller's office's, as inspected and as inspector.
type InspectionsRequest struct {
	Office string `json:"office"`
}

// InspectionInfo is one line of the list.
type InspectionInfo struct {
	ID              string `json:"id"`
	Office          string `json:"office"`
	InspectorOffice string `json:"inspectorOffice"`
	Inspector       string `json:"inspector"`
	Date            string `json:"date"`
	Title           string `json:"title"`
	Findings        int    `json:"findings"`
	Open            int    `json:"open"`
	Overdue         int    `json:"overdue"`
}

// InspectionsReply lists inspections, the latest first.
type InspectionsReply struct {
	Office      string           `json:"office"`
	Inspections []InspectionInfo `json:"inspections"`
	// CanPlan tells whether the caller plans visits (an inspector).
	CanPlan bool `json:"canPlan"`
}

// List lists the inspections of an office (the caller's or one below it);
// for the caller's own office, also the visits it made as inspector.
func (s *Inspections) List(ctx context.Context, req InspectionsRequest) (InspectionsReply, error) {
	d, err := s.core.Deps()
	if err != nil {
		return InspectionsReply{}, err
	}
	cl := CallerFrom(ctx)
	office, err := isoReadOffice(d.Store, cl, req.Office)
	if err != nil {
		return InspectionsReply{}, err
	}
	all, err := scanInspections(d.Store, inspectionIndexOffice, office+"\x00")
	if err != nil {
		return InspectionsReply{}, err
	}
	if office == callerOffice(d.Store, cl) {
		by, err := scanInspections(d.Store, inspectionIndexBy, office+"\x00")
		if err != nil {
			return InspectionsReply{}, err
		}
		all = append(all, by...)
	}
	today := s.today()
	out := InspectionsReply{Office: office, Inspections: []InspectionInfo{}, CanPlan: cl.Has(RoleInspector)}
	for _, in := range all {
		info := InspectionInfo{ID: in.Plan.ID, Office: in.Plan.Office, InspectorOffice: in.Plan.InspectorOffice, Inspector: userName(d.Store, in.Plan.Inspector),
			Date: in.Plan.Date, Title: in.Plan.Title, Findings: len(in.Findings), Overdue: in.Overdue(today)}
		for _, f := range in.Findings {
			if f.State != inspect.Closed {
				info.Open++
			}
		}
		out.Inspections = append(out.Inspections, info)
	}
	slices.SortStableFunc(out.Inspections, func(a, b InspectionInfo) int { return strings.Compare(b.Date+b.ID, a.Date+a.ID) })
	return out, nil
}

// PlanInspectionRequest plans a visit of the caller's office (an inspector's) to an
// office below. The scope is free text, plan tasks ("plan:<plan>:<task>")
// and the office's ISO records by their codes; the checklist, when not
// given, has one item per scope item.
type PlanInspectionRequest struct {
	ID        string                  `json:"id"`
	Office    string                  `json:"office"`
	Date      string                  `json:"date"`
	Title     string                  `json:"title"`
	Text      []string                `json:"text"`
	Tasks     []string                `json:"tasks"`
	Processes []string                `json:"processes"`
	NCs       []string                `json:"ncs"`
	Audits    []string                `json:"audits"`
	Checklist []inspect.ChecklistItem `json:"checklist"`
}

// Plan plans a visit. The inspected office must be below the caller's;
// each process, nonconformity and audit named must be one of the office's
// records held here.
func (s *Inspections) Plan(ctx context.Context, req PlanInspectionRequest) (InspectionReply, error) {
	d, err := s.core.Deps()
	if err != nil {
		return InspectionReply{}, err
	}
	cl := CallerFrom(ctx)
	own := callerOffice(d.Store, cl)
	office := strings.TrimSpace(req.Office)
	if office == "" || office == own {
		return InspectionReply{}, FieldError("office", "an inspection visits an office below %s", own)
	}
	if ok, err := officeSees(d.Store, own, office); err != nil || !ok {
		return InspectionReply{}, &Error{Code: CodeForbidden, Field: "office", Message: "office " + office + " is not below " + own, Params: map[string]string{"office": office}}
	}
	scope, err := inspectionScope(d.Store, office, req)
	if err != nil {
		return InspectionReply{}, err
	}
	p := inspect.VisitPlan{ID: strings.TrimSpace(req.ID), Office: office, Inspector: cl.Actor(), InspectorOffice: own, Date: strings.TrimSpace(req.Date),
		Title: strings.TrimSpace(req.Title), Scope: scope, Checklist: req.Checklist}
	if len(p.Checklist) == 0 {
		p.Checklist = inspect.ChecklistOf(scope)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if p.ID == "" {
		day := strings.ReplaceAll(p.Date, "-", "")
		for n := 1; ; n++ {
			p.ID = fmt.Sprintf("%s-%s-%d", own, day, n)
			if _, found, err := readInspection(d.Store, office, p.ID); err != nil {
				return InspectionReply{}, err
			} else if !found {
				break
			}
		}
	} else if in, found, err := readInspection(d.Store, office, p.ID); err != nil {
		return InspectionReply{}, err
	} else if found && in.Plan.InspectorOffice != own {
		return InspectionReply{}, FieldError("id", "inspection %s is another office's", p.ID)
	}
	if err := inspectRuleError(p.Validate()); err != nil {
		return InspectionReply{}, err
	}
	if _, err := d.Store.Append(store.Draft{Actor: cl.Actor(), Owner: own, Audience: []string{office}, Kind: inspect.KindPlanned, Subject: inspect.Subject(office, p.ID), Body: mustJSON(p)}); err != nil {
		return InspectionReply{}, appendErr(err, "saving the inspection plan")
	}
	return s.reply(d.Store, cl, office, p.ID)
}

// inspectionScope builds a plan's scope, checking each ISO record named against
// the office's records held here (the ISO projections).
func inspectionScope(st *store.Store, office string, req PlanInspectionRequest) ([]inspect.VisitScope, error) {
	var out []inspect.VisitScope
	for _, t := range req.Text {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, inspect.VisitScope{Kind: inspect.ScopeText, Text: t})
		}
	}
	for n, t := range req.Tasks {
		item, err := taskScope(st, strings.TrimSpace(t), fmt.Sprintf("tasks[%d]", n))
		if err != nil {
			return nil, err
		}
		out = append(out, item)
	}
	for n, code := range req.Processes {
		p, err := readProcess(st, office, strings.TrimSpace(code))
		if err != nil {
			return nil, err
		}
		if len(p.Revisions) == 0 {
			return nil, FieldError(fmt.Sprintf("processes[%d]", n), "office %s has no process %s", office, code)
		}
		out = append(out, inspect.VisitScope{Kind: inspect.ScopeProcess, Ref: code, Text: "Quy trình " + code + ": " + p.Revisions[len(p.Revisions)-1].Doc.Name})
	}
	if len(req.NCs) > 0 {
		ncs, err := officeNCs(st, office)
		if err != nil {
			return nil, err
		}
		for n, id := range req.NCs {
			i := slices.IndexFunc(ncs, func(x iso.NC) bool { return x.ID == id })
			if i < 0 {
				return nil, FieldError(fmt.Sprintf("ncs[%d]", n), "office %s has no nonconformity %s", office, id)
			}
			out = append(out, inspect.VisitScope{Kind: inspect.ScopeNC, Ref: id, Text: "Điểm không phù hợp " + id + ": " + ncs[i].Title})
		}
	}
	for n, id := range req.Audits {
		a, found, err := readAudit(st, office, strings.TrimSpace(id))
		if err != nil {
			return nil, err
		}
		if !found {
			return nil, FieldError(fmt.Sprintf("audits[%d]", n), "office %s has no internal audit %s", office, id)
		}
		out = append(out, inspect.VisitScope{Kind: inspect.ScopeAudit, Ref: id, Text: "Đánh giá nội bộ " + id + ": " + a.Plan.Title})
	}
	return out, nil
}

// taskScope reads a plan task named "plan:<plan>:<task>" from the plans
// this node holds (plans.go), so a visit looks only at a task that exists.
func taskScope(st *store.Store, ref, field string) (inspect.VisitScope, error) {
	item := inspect.VisitScope{Kind: inspect.ScopeTask, Ref: ref}
	if err := item.Validate(field); err != nil {
		return item, inspectRuleError(err)
	}
	parts := strings.Split(ref, ":")
	rec, err := readPlan(st, parts[1])
	if err != nil {
		return item, FieldError(field, "no plan %s on this node", parts[1])
	}
	i := slices.IndexFunc(rec.Plan.Tasks, func(t plan.Task) bool { return t.ID == parts[2] })
	if i < 0 {
		return item, FieldError(field, "plan %s has no task %s", parts[1], parts[2])
	}
	item.Text = "Nhiệm vụ " + parts[2] + ": " + rec.Plan.Tasks[i].Title
	return item, nil
}
