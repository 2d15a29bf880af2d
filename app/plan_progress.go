package app

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"hoso/calendar"
	"hoso/plan"
	"hoso/store"
)

// readProgress returns an office's progress records on a task, in order.
func readProgress(st *store.Store, office, planID, task string) ([]plan.Progress, error) {
	var rec progressRecord
	if _, err := readState(st, planProgressID, plan.ProgressSubject(office, planID, task), &rec); err != nil {
		return nil, err
	}
	return rec.Entries, nil
}

// ProgressRequest records the caller's office's progress on a task.
type ProgressRequest struct {
	Plan     string          `json:"plan"`
	Task     string          `json:"task"`
	Status   string          `json:"status"`
	Note     string          `json:"note"`
	Evidence []plan.Evidence `json:"evidence"`
}

// Progress records the caller's office's progress on a task assigned to
// it; another office's task is refused with rule "not_assigned", so no
// office marks another's task done.
func (x *Plans) Progress(ctx context.Context, req ProgressRequest) (plan.Progress, error) {
	d, err := x.core.Deps()
	if err != nil {
		return plan.Progress{}, err
	}
	cl := CallerFrom(ctx)
	mine := callerOffice(d.Store, cl)
	r, err := readPlan(d.Store, req.Plan)
	if err != nil {
		return plan.Progress{}, err
	}
	if !slices.Contains(r.Assigned[req.Task], mine) {
		return plan.Progress{}, &Error{Code: CodeForbidden, Field: "task", Message: "task " + req.Task + " is not assigned to " + mine, Params: map[string]string{"rule": "not_assigned"}}
	}
	p := plan.Progress{Plan: req.Plan, Task: req.Task, Office: mine, Status: req.Status, Note: strings.TrimSpace(req.Note), Evidence: req.Evidence}
	if p.Evidence == nil {
		p.Evidence = []plan.Evidence{}
	}
	if re := p.Validate(); re != nil {
		return plan.Progress{}, planErr("", re)
	}
	// A link is to a record this system keeps: a subject of a known
	// family (an ISO process, a dossier, an action plan), not a web page.
	for i, ev := range p.Evidence {
		if _, ok := SpaceOf(strings.TrimSpace(ev.Link)); ev.Link != "" && !ok {
			return plan.Progress{}, &Error{Code: CodeInvalidInput, Field: "evidence[" + strconv.Itoa(i) + "].link", Message: "a link names a record of this system, such as iso/process/38001/…",
				Params: map[string]string{"rule": "bad_link"}}
		}
	}
	// A file is one Files.Put stored on this node: the record names only
	// what exists, with its true size and kind.
	for i, ev := range p.Evidence {
		if ev.File == nil {
			continue
		}
		id, err := store.ParseBlobID(ev.File.ID)
		size, serr := d.Store.BlobSize(id)
		if err != nil || serr != nil || size != ev.File.Size {
			return plan.Progress{}, &Error{Code: CodeInvalidInput, Field: "evidence[" + strconv.Itoa(i) + "].file", Message: "the file " + ev.File.Name + " was not stored on this desk: attach it again",
				Params: map[string]string{"rule": "file_missing", "scope": "file"}}
		}
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	held, err := readProgress(d.Store, mine, req.Plan, req.Task)
	if err != nil {
		return plan.Progress{}, err
	}
	seen := len(held)
	p.Seen = &seen
	e, err := d.Store.Append(store.Draft{Actor: cl.Actor(), Owner: mine, Kind: plan.KindProgress, Subject: plan.ProgressSubject(mine, req.Plan, req.Task), Body: mustJSON(p)})
	if err != nil {
		return plan.Progress{}, appendErr(err, "recording progress")
	}
	p.At, p.By = e.HLC.Time(), e.Actor
	return p, nil
}

// MatrixRequest asks for the supervisor's matrix of a plan in a quarter
// ("2026Q4"; empty is the current one), optionally for one task or one
// office.
type MatrixRequest struct {
	Plan    string `json:"plan"`
	Quarter string `json:"quarter"`
	Task    string `json:"task"`
	Office  string `json:"office"`
}

// MatrixTask is a column of the matrix.
type MatrixTask struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Deadline string `json:"deadline"`
}

// MatrixOffice is a row of the matrix: the status of each task the office
// has in the quarter (a task it has not is absent).
type MatrixOffice struct {
	Code  string            `json:"code"`
	Name  string            `json:"name"`
	Tasks map[string]string `json:"tasks"`
}

// MatrixReply is the supervisor's matrix of offices × tasks.
type MatrixReply struct {
	Plan    string         `json:"plan"`
	Title   string         `json:"title"`
	Quarter string         `json:"quarter"`
	Tasks   []MatrixTask   `json:"tasks"`
	Offices []MatrixOffice `json:"offices"`
}

// DeadlineText writes a deadline as the matrix and the CLI show it: a
// date, "quarterly from 2012Q4", or "" for none.
func DeadlineText(d plan.Deadline) string {
	switch {
	case d.Date != "":
		return d.Date
	case d.QuarterlyFrom != "":
		return "quarterly from " + d.QuarterlyFrom
	}
	return ""
}

// Matrix returns the status of every office's tasks of a plan in a
// quarter (plan.Cell): for the issuing office, an office above it, or the
// operator; another office is refused with rule "not_issuer".
func (x *Plans) Matrix(ctx context.Context, req MatrixRequest) (MatrixReply, error) {
	d, err := x.core.Deps()
	if err != nil {
		return MatrixReply{}, err
	}
	cl := CallerFrom(ctx)
	r, err := readPlan(d.Store, req.Plan)
	if err != nil {
		return MatrixReply{}, err
	}
	if _, err := isoReadOffice(d.Store, cl, r.Plan.Office); err != nil {
		return MatrixReply{}, &Error{Code: CodeForbidden, Field: "plan", Message: "the matrix of plan " + req.Plan + " is its issuer's", Params: map[string]string{"rule": "not_issuer"}}
	}
	today := x.now().In(calendar.Zone)
	day := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	quarter := strings.TrimSpace(req.Quarter)
	if quarter == "" {
		quarter = plan.QuarterOf(day)
	}
	year, q, err := plan.ParseQuarter(quarter)
	if err != nil {
		return MatrixReply{}, &Error{Code: CodeInvalidInput, Field: "quarter", Message: "a quarter is written 2026Q4", Params: map[string]string{"rule": "bad_quarter"}}
	}
	out := MatrixReply{Plan: r.Plan.ID, Title: r.Plan.Title, Quarter: quarter, Tasks: []MatrixTask{}, Offices: []MatrixOffice{}}
	rows := map[string]*MatrixOffice{}
	var order []string
	_, byCode, err := treeOffices(d.Store, r.Plan.Office)
	if err != nil {
		return MatrixReply{}, err
	}
	for _, t := range r.Plan.Tasks {
		if req.Task != "" && t.ID != req.Task {
			continue
		}
		out.Tasks = append(out.Tasks, MatrixTask{ID: t.ID, Title: t.Title, Deadline: DeadlineText(t.Deadline)})
		if !t.Deadline.Applies(year, q) {
			continue
		}
		for _, o := range r.Assigned[t.ID] {
			if req.Office != "" && o != req.Office {
				continue
			}
			row := rows[o]
			if row == nil {
				row = &MatrixOffice{Code: o, Name: byCode[o].Name, Tasks: map[string]string{}}
				rows[o] = row
				order = append(order, o)
			}
			entries, err := readProgress(d.Store, o, r.Plan.ID, t.ID)
			if err != nil {
				return MatrixReply{}, err
			}
			row.Tasks[t.ID] = plan.Cell(t, year, q, entries, day)
		}
	}
	slices.Sort(order)
	for _, o := range order {
		out.Offices = append(out.Offices, *rows[o])
	}
	return out, nil
}

// RemindRequest is the issuer's reminder to an office about its task.
// From is the issuer: empty is the caller's office; another office only
// for the operator at the node's console (the demo).
type RemindRequest struct {
	From   string `json:"from"`
	Plan   string `json:"plan"`
	Task   string `json:"task"`
	Office string `json:"office"`
	Note   string `json:"note"`
}

// Remind records a reminder from the plan's issuer to an office the task
// is assigned to; it is addressed to that office, whose plan list shows
// it. Another office than the issuer is refused with rule "not_issuer".
func (x *Plans) Remind(ctx context.Context, req RemindRequest) (Reminder, error) {
	d, err := x.core.Deps()
	if err != nil {
		return Reminder{}, err
	}
	cl := CallerFrom(ctx)
	mine := callerOffice(d.Store, cl)
	if req.From != "" && cl.Operator {
		mine = req.From
	}
	r, err := readPlan(d.Store, req.Plan)
	if err != nil {
		return Reminder{}, err
	}
	if r.Plan.Office != mine {
		return Reminder{}, &Error{Code: CodeForbidden, Field: "plan", Message: "only the issuer of plan " + req.Plan + " reminds", Params: map[string]string{"rule": "not_issuer"}}
	}
	if !slices.Contains(r.Assigned[req.Task], req.Office) {
		return Reminder{}, &Error{Code: CodeInvalidInput, Field: "office", Message: "task " + req.Task + " is not assigned to " + req.Office, Params: map[string]string{"rule": "not_assigned"}}
	}
	m := Reminder{ID: newID(), Plan: req.Plan, Task: req.Task, Office: req.Office, From: mine, Note: strings.TrimSpace(req.Note)}
	e, err := d.Store.Append(store.Draft{Actor: cl.Actor(), Owner: mine, Audience: []string{req.Office}, Kind: plan.KindReminded, Subject: plan.RemindSubject(mine, m.ID), Body: mustJSON(m)})
	if err != nil {
		return Reminder{}, appendErr(err, "recording the reminder")
	}
	m.At, m.By = e.HLC.Time(), e.Actor
	return m, nil
}
