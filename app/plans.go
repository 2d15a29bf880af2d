package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"hoso/attach"
	"hoso/plan"
	"hoso/store"
)

// Plans is the supervision of plans down the office tree (issue 17): an
// office publishes a plan whose tasks reach the offices below it by sync,
// each office records its progress (plan_progress.go), an assigned office
// breaks a task into its own action plan, and the issuer sees the matrix
// of offices × tasks and reminds the late. Its rules are package plan's.
type Plans struct {
	core *Core
	now  func() time.Time
	// print renders the matrix as a PDF (plans_export.go).
	print *Print
	// mu makes each read-check-append one step on this desk.
	mu sync.Mutex
}

// NewPlans returns the Plans service.
func NewPlans(core *Core, now func() time.Time) *Plans {
	if now == nil {
		now = time.Now
	}
	return &Plans{core: core, now: now}
}

const (
	planProjID     = "plan.plan"
	planIndexID    = "id"
	planProgressID = "plan.progress"
	planRemindID   = "plan.remind"
	planIndexOff   = "office"
)

// planRecord is a plan as folded: the plan, and the offices each task was
// assigned to when it was published (resolved on the issuer's tree, so
// that an office receiving it needs no tree of its own to know its tasks).
type planRecord struct {
	Plan     *plan.Plan          `json:"plan"`
	Assigned map[string][]string `json:"assigned"`
	By       string              `json:"by"`
	At       time.Time           `json:"at"`
}

// planPublished is the body of plan.KindPublished.
type planPublished struct {
	Plan     plan.Plan           `json:"plan"`
	Assigned map[string][]string `json:"assigned"`
}

var planProjection = ownedProjection[planRecord]{jsonProjection[planRecord]{
	name:   planProjID,
	prefix: plan.Prefix,
	apply: func(s *planRecord, e *store.Event) {
		var b planPublished
		// A plan is published once: a later publication under its subject
		// (a replay, a forged copy) changes nothing; corrections are a
		// new plan.
		if s.Plan != nil || e.Kind != plan.KindPublished || subjectOffice(e.Subject, plan.Prefix) != e.Owner || !decodeBody(e, &b) || b.Plan.Office != e.Owner || b.Plan.Validate() != nil {
			return
		}
		p := b.Plan
		s.Plan, s.Assigned, s.By, s.At = &p, b.Assigned, e.Actor, e.HLC.Time()
	},
	// "id": the plan's id, to find it from its id alone.
	index: func(subject string, s *planRecord) []store.IndexEntry {
		if s.Plan == nil {
			return nil
		}
		return []store.IndexEntry{{Index: planIndexID, Key: []byte(s.Plan.ID)}}
	},
}}

// progressRecord is an office's progress records on one task, in order.
type progressRecord struct {
	Entries []plan.Progress `json:"entries"`
}

// progressProjection folds progress records; version 3 added the index of
// the files of evidence.
type progressProjection struct {
	ownedProjection[progressRecord]
}

// Version is the fold's version (see store.Versioned): 4 since records
// written offline beside another desk's are marked (plan.Progress.Conflict).
func (progressProjection) Version() uint32 { return 4 }

var planProgressProjection = progressProjection{ownedProjection[progressRecord]{jsonProjection[progressRecord]{
	name:   planProgressID,
	prefix: plan.ProgressPrefix,
	apply: func(s *progressRecord, e *store.Event) {
		var p plan.Progress
		if e.Kind != plan.KindProgress || subjectOffice(e.Subject, plan.ProgressPrefix) != e.Owner || !decodeBody(e, &p) || p.Office != e.Owner || p.Validate() != nil {
			return
		}
		p.At, p.By = e.HLC.Time(), e.Actor
		// Written by a desk that had not seen every record before it:
		// two desks of the office recorded offline at once.
		p.Conflict = p.Seen != nil && *p.Seen < len(s.Entries)
		s.Entries = append(s.Entries, p)
	},
	// "file": the files of evidence (files_index.go).
	index: func(subject string, s *progressRecord) []store.IndexEntry {
		var refs []attach.Ref
		for _, p := range s.Entries {
			for _, ev := range p.Evidence {
				if ev.File != nil {
					refs = append(refs, *ev.File)
				}
			}
		}
		return fileEntries(refs)
	},
}}}

// Reminder is the issuer's reminder to an office about a task.
type Reminder struct {
	ID     string    `json:"id"`
	Plan   string    `json:"plan"`
	Task   string    `json:"task"`
	Office string    `json:"office"`
	From   string    `json:"from"`
	Note   string    `json:"note"`
	At     time.Time `json:"at"`
	By     string    `json:"by"`
}

var planRemindProjection = ownedProjection[Reminder]{jsonProjection[Reminder]{
	name:   planRemindID,
	prefix: plan.RemindPrefix,
	apply: func(s *Reminder, e *store.Event) {
		var r Reminder
		if s.ID != "" || e.Kind != plan.KindReminded || subjectOffice(e.Subject, plan.RemindPrefix) != e.Owner || !decodeBody(e, &r) || r.From != e.Owner || r.Office == "" {
			return
		}
		r.At, r.By = e.HLC.Time(), e.Actor
		*s = r
	},
	// "office": the reminded office, to show its reminders.
	index: func(subject string, s *Reminder) []store.IndexEntry {
		if s.ID == "" {
			return nil
		}
		return []store.IndexEntry{{Index: planIndexOff, Key: append(officeKey(s.Office), s.At.UTC().Format(time.RFC3339Nano)...)}}
	},
}}

// planErr turns a rule the plan breaks into the *Error the caller sees.
func planErr(prefix string, re *plan.RuleError) *Error {
	code := CodeInvalidInput
	if re.Rule == "not_below" || re.Rule == "not_assigned" || re.Rule == "not_issuer" {
		code = CodeForbidden
	}
	return &Error{Code: code, Field: prefix + re.Field, Message: re.Message, Params: map[string]string{"rule": re.Rule}}
}

// readPlan returns a plan by id, CodeNotFound when this node holds none.
func readPlan(st *store.Store, id string) (planRecord, error) {
	var rec planRecord
	hits, err := st.Scan(planProjID, planIndexID, store.ScanOptions{Prefix: []byte(id)})
	if err != nil {
		return rec, Wrap(CodeInternal, err, "finding plan "+id)
	}
	for _, h := range hits {
		if string(h.Key) != id {
			continue
		}
		if _, err := readState(st, planProjID, h.Subject, &rec); err != nil {
			return rec, err
		}
		if rec.Plan != nil {
			return rec, widen(st, &rec)
		}
	}
	return rec, &Error{Code: CodeNotFound, Field: "plan", Message: "no plan " + id + " on this node", Params: map[string]string{"plan": id}}
}

// allPlans returns every plan this node holds, in id order.
func allPlans(st *store.Store) ([]planRecord, error) {
	hits, err := st.Scan(planProjID, planIndexID, store.ScanOptions{})
	if err != nil {
		return nil, Wrap(CodeInternal, err, "listing plans")
	}
	var out []planRecord
	for _, h := range hits {
		var rec planRecord
		if ok, err := readState(st, planProjID, h.Subject, &rec); err != nil {
			return nil, err
		} else if ok && rec.Plan != nil {
			if err := widen(st, &rec); err != nil {
				return nil, err
			}
			out = append(out, rec)
		}
	}
	return out, nil
}

// widen adds to a plan's assignments the offices this node's tree now
// places under a task given to a kind of office ("every commune"): an
// office created or recorded here after the plan was published is of that
// kind too, and is supervised and may report like the others.
func widen(st *store.Store, r *planRecord) error {
	kinds := false
	for _, t := range r.Plan.Tasks {
		kinds = kinds || t.Assignee.Kind != ""
	}
	if !kinds {
		return nil
	}
	offices, _, err := treeOffices(st, r.Plan.Office)
	if err != nil {
		return err
	}
	if r.Assigned == nil {
		r.Assigned = map[string][]string{}
	}
	for _, t := range r.Plan.Tasks {
		if t.Assignee.Kind == "" {
			continue
		}
		to, _ := t.AppliesTo(r.Plan.Office, offices)
		for _, o := range to {
			if !slices.Contains(r.Assigned[t.ID], o) {
				r.Assigned[t.ID] = append(r.Assigned[t.ID], o)
			}
		}
	}
	return nil
}

// treeOffices places every office for the rules: its level and whether
// it is below issuer.
func treeOffices(st *store.Store, issuer string) ([]plan.Office, map[string]OfficeRecord, error) {
	byCode, children, err := officeTree(st)
	if err != nil {
		return nil, nil, err
	}
	below, depth := subtree(byCode, children, issuer)
	in := map[string]bool{}
	for _, o := range below {
		in[o.Code] = o.Code != issuer
	}
	var out []plan.Office
	for _, o := range below {
		out = append(out, plan.Office{Code: o.Code, Level: string(levelOf(o, depth[o.Code])), Below: in[o.Code]})
	}
	for code, o := range byCode {
		if _, ok := in[code]; !ok {
			out = append(out, plan.Office{Code: code, Level: string(levelOf(o, depth[code]))})
		}
	}
	return out, byCode, nil
}

// assigns reports whether a plan gives office a task.
func (r planRecord) assigns(office string) bool {
	for _, offices := range r.Assigned {
		if slices.Contains(offices, office) {
			return true
		}
	}
	return false
}

// PublishRequest is a plan to publish. Office is the issuer: empty is the
// caller's office; another office only for the operator at the node's
// console (the demo, a migration of a paper plan).
type PublishRequest struct {
	Office string    `json:"office"`
	Plan   plan.Plan `json:"plan"`
}

// PlanReply is one plan with the offices its tasks apply to and what the
// caller's office sees of it.
type PlanReply struct {
	Plan     plan.Plan           `json:"plan"`
	Assigned map[string][]string `json:"assigned"`
	By       string              `json:"by"`
	At       time.Time           `json:"at"`
	// Mine are the tasks assigned to the caller's office.
	Mine []string `json:"mine"`
	// Progress is the caller's office's latest progress on its tasks.
	Progress map[string]plan.Progress `json:"progress"`
	// ActionPlans are the plans breaking down this one's tasks.
	ActionPlans []plan.Plan `json:"actionPlans"`
	// Reminders are those sent to the caller's office about this plan.
	Reminders []Reminder `json:"reminders"`
}

// newID returns a fresh random id.
func newID() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// Publish records a plan of an office (a leader's): its tasks checked,
// each assigned only to offices below the issuer (refused with rule
// "not_below" otherwise) or to a named unit the issuer tracks. The plan is
// addressed to every office it assigns a task to, so sync carries it down
// to them.
func (x *Plans) Publish(ctx context.Context, req PublishRequest) (PlanReply, error) {
	return x.publish(ctx, req.Office, req.Plan)
}

func (x *Plans) publish(ctx context.Context, office string, p plan.Plan) (PlanReply, error) {
	d, err := x.core.Deps()
	if err != nil {
		return PlanReply{}, err
	}
	cl := CallerFrom(ctx)
	mine := callerOffice(d.Store, cl)
	office = strings.TrimSpace(office)
	if office == "" {
		office = mine
	} else if office != mine && !cl.Operator {
		return PlanReply{}, &Error{Code: CodeForbidden, Field: "office", Message: "a plan is published by the caller's own office", Params: map[string]string{"rule": "not_issuer"}}
	}
	if _, err := getOffice(d.Store, office); err != nil {
		return PlanReply{}, err
	}
	p.Office = office
	if p.ID == "" {
		p.ID = office + "-" + newID()
	}
	if re := p.Validate(); re != nil {
		return PlanReply{}, planErr("plan.", re)
	}
	offices, _, err := treeOffices(d.Store, office)
	if err != nil {
		return PlanReply{}, err
	}
	assigned := map[string][]string{}
	var audience []string
	for i, t := range p.Tasks {
		to, re := t.AppliesTo(office, offices)
		if re != nil {
			re.Field = "tasks[" + strconv.Itoa(i) + "]." + re.Field
			return PlanReply{}, planErr("plan.", re)
		}
		assigned[t.ID] = to
		for _, o := range to {
			if o != office && !slices.Contains(audience, o) {
				audience = append(audience, o)
			}
		}
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if _, err := readPlan(d.Store, p.ID); err == nil {
		return PlanReply{}, &Error{Code: CodeConflict, Field: "plan.id", Message: "plan " + p.ID + " exists already", Params: map[string]string{"rule": "exists"}}
	}
	// One event addresses at most store.MaxAudience offices: a plan for
	// every commune of a province is addressed in several.
	slices.Sort(audience)
	var chunks [][]string
	for len(audience) > store.MaxAudience {
		chunks = append(chunks, audience[:store.MaxAudience])
		audience = audience[store.MaxAudience:]
	}
	chunks = append(chunks, audience)
	subject := plan.Subject(office, p.ID)
	drafts := []store.Draft{{Actor: cl.Actor(), Owner: office, Kind: plan.KindPublished, Subject: subject, Audience: chunks[0],
		Body: mustJSON(planPublished{Plan: p, Assigned: assigned})}}
	for _, c := range chunks[1:] {
		drafts = append(drafts, store.Draft{Actor: cl.Actor(), Owner: office, Kind: plan.KindAddressed, Subject: subject, Audience: c, Body: []byte("{}")})
	}
	if _, err := d.Store.AppendBatch(drafts); err != nil {
		return PlanReply{}, appendErr(err, "publishing the plan")
	}
	return x.reply(d.Store, mine, p.ID)
}

// BreakDownRequest is an assigned office's action plan for a task of a
// plan above: its tasks link to that parent task.
type BreakDownRequest struct {
	Parent plan.TaskRef `json:"parent"`
	Plan   plan.Plan    `json:"plan"`
}

// BreakDown publishes the caller's office's action plan for a parent task
// assigned to it ("cụ thể hóa thành kế hoạch hành động"); a task assigned
// to another office is refused with rule "not_assigned".
func (x *Plans) BreakDown(ctx context.Context, req BreakDownRequest) (PlanReply, error) {
	d, err := x.core.Deps()
	if err != nil {
		return PlanReply{}, err
	}
	mine := callerOffice(d.Store, CallerFrom(ctx))
	parent, err := readPlan(d.Store, req.Parent.Plan)
	if err != nil {
		return PlanReply{}, err
	}
	if !slices.Contains(parent.Assigned[req.Parent.Task], mine) {
		return PlanReply{}, &Error{Code: CodeForbidden, Field: "parent.task", Message: "task " + req.Parent.Task + " is not assigned to " + mine, Params: map[string]string{"rule": "not_assigned"}}
	}
	ref := req.Parent
	req.Plan.Parent = &ref
	return x.publish(ctx, "", req.Plan)
}

// PlanListRequest filters nothing yet: the list is the caller's office's.
type PlanListRequest struct{}

// PlanList is the plans that concern the caller's office.
type PlanList struct {
	Office string      `json:"office"`
	Plans  []PlanReply `json:"plans"`
}

// List returns the plans this node holds that concern the caller's office:
// its own, and those assigning it a task (by code or by its kind), each
// with the office's progress and the reminders sent to it. The operator
// lists every plan.
func (x *Plans) List(ctx context.Context, _ PlanListRequest) (PlanList, error) {
	d, err := x.core.Deps()
	if err != nil {
		return PlanList{}, err
	}
	cl := CallerFrom(ctx)
	mine := callerOffice(d.Store, cl)
	plans, err := allPlans(d.Store)
	if err != nil {
		return PlanList{}, err
	}
	out := PlanList{Office: mine, Plans: []PlanReply{}}
	for _, r := range plans {
		// The operator at the node's console lists every plan it holds.
		if !cl.Operator && r.Plan.Office != mine && !r.assigns(mine) {
			continue
		}
		rep, err := x.reply(d.Store, mine, r.Plan.ID)
		if err != nil {
			return PlanList{}, err
		}
		out.Plans = append(out.Plans, rep)
	}
	return out, nil
}

// PlanRequest names a plan.
type PlanRequest struct {
	Plan string `json:"plan"`
}

// Get returns one plan as the caller's office sees it. A plan that does
// not concern the office nor an office below it is refused.
func (x *Plans) Get(ctx context.Context, req PlanRequest) (PlanReply, error) {
	d, err := x.core.Deps()
	if err != nil {
		return PlanReply{}, err
	}
	cl := CallerFrom(ctx)
	mine := callerOffice(d.Store, cl)
	r, err := readPlan(d.Store, req.Plan)
	if err != nil {
		return PlanReply{}, err
	}
	if !cl.Operator && r.Plan.Office != mine && !r.assigns(mine) {
		if _, err := isoReadOffice(d.Store, cl, r.Plan.Office); err != nil {
			return PlanReply{}, &Error{Code: CodeForbidden, Field: "plan", Message: "plan " + req.Plan + " does not concern " + mine, Params: map[string]string{"rule": "not_concerned"}}
		}
	}
	return x.reply(d.Store, mine, req.Plan)
}

// reply assembles a plan as office sees it.
func (x *Plans) reply(st *store.Store, office, id string) (PlanReply, error) {
	r, err := readPlan(st, id)
	if err != nil {
		return PlanReply{}, err
	}
	out := PlanReply{Plan: *r.Plan, Assigned: r.Assigned, By: r.By, At: r.At, Mine: []string{}, Progress: map[string]plan.Progress{}, ActionPlans: []plan.Plan{}}
	for _, t := range r.Plan.Tasks {
		if !slices.Contains(r.Assigned[t.ID], office) {
			continue
		}
		out.Mine = append(out.Mine, t.ID)
		entries, err := readProgress(st, office, id, t.ID)
		if err != nil {
			return PlanReply{}, err
		}
		if len(entries) > 0 {
			out.Progress[t.ID] = entries[len(entries)-1]
		}
	}
	all, err := allPlans(st)
	if err != nil {
		return PlanReply{}, err
	}
	for _, a := range all {
		if a.Plan.Parent != nil && a.Plan.Parent.Plan == id {
			out.ActionPlans = append(out.ActionPlans, *a.Plan)
		}
	}
	rems, err := remindersOf(st, office)
	if err != nil {
		return PlanReply{}, err
	}
	out.Reminders = []Reminder{}
	for _, m := range rems {
		if m.Plan == id {
			out.Reminders = append(out.Reminders, m)
		}
	}
	return out, nil
}

// remindersOf returns the reminders sent to an office, oldest first.
func remindersOf(st *store.Store, office string) ([]Reminder, error) {
	hits, err := st.Scan(planRemindID, planIndexOff, store.ScanOptions{Prefix: officeKey(office)})
	if err != nil {
		return nil, Wrap(CodeInternal, err, "listing reminders")
	}
	var out []Reminder
	for _, h := range hits {
		var r Reminder
		if ok, err := readState(st, planRemindID, h.Subject, &r); err != nil {
			return nil, err
		} else if ok && r.ID != "" {
			out = append(out, r)
		}
	}
	return out, nil
}
