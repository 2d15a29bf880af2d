package app

import (
	"context"
	"slices"
	"strings"
	"time"

	"hoso/store"
)

// A reminder is the issuer's record (planremind/<issuer>/<id>); the
// reminded office says it has seen it in a record of its own, so that
// each office writes only under subjects it owns and the issuer learns,
// by sync up the tree, that its reminder was read.
const (
	// planAckPrefix starts an office's acknowledgement of a reminder:
	// planack/<office>/<reminder id>, owned by the reminded office.
	planAckPrefix = "planack/"
	planAckID     = "plan.ack"
	// kindPlanAcked records that the reminded office has seen a reminder
	// (reminderAck).
	kindPlanAcked = "plan.acknowledged"
)

// planAckSubject is the subject of an office's acknowledgement of a
// reminder.
func planAckSubject(office, reminder string) string {
	return planAckPrefix + office + "/" + reminder
}

// reminderAck is an office's acknowledgement of a reminder.
type reminderAck struct {
	Reminder string    `json:"reminder"`
	Office   string    `json:"office"`
	At       time.Time `json:"at"`
	By       string    `json:"by"`
}

var planAckProjection = ownedProjection[reminderAck]{jsonProjection[reminderAck]{
	name:   planAckID,
	prefix: planAckPrefix,
	apply: func(s *reminderAck, e *store.Event) {
		var a reminderAck
		// The first acknowledgement stands: seeing a reminder twice does
		// not move the day it was seen.
		if s.Reminder != "" || e.Kind != kindPlanAcked || subjectOffice(e.Subject, planAckPrefix) != e.Owner || !decodeBody(e, &a) || a.Office != e.Owner ||
			planAckSubject(a.Office, a.Reminder) != e.Subject {
			return
		}
		a.At, a.By = e.HLC.Time(), e.Actor
		*s = a
	},
}}

// ReminderItem is a reminder sent to the caller's office and whether the
// office has acknowledged it.
type ReminderItem struct {
	Reminder
	// PlanTitle is the title of the plan the reminder is about, when this
	// node holds it.
	PlanTitle string `json:"planTitle"`
	// TaskTitle is the title of the task, when the plan is here.
	TaskTitle string `json:"taskTitle"`
	// FromName is the name of the office that sent it, when this node
	// knows it.
	FromName       string     `json:"fromName"`
	Acknowledged   bool       `json:"acknowledged"`
	AcknowledgedAt *time.Time `json:"acknowledgedAt,omitempty"`
	AcknowledgedBy string     `json:"acknowledgedBy,omitempty"`
}

// RemindersRequest asks for the reminders of the caller's office. Office
// is for the operator at the node's console only (the CLI, the demo).
type RemindersRequest struct {
	Office string `json:"office"`
}

// RemindersReply lists an office's reminders, newest first, and how many
// it has not acknowledged yet.
type RemindersReply struct {
	Office         string         `json:"office"`
	Unacknowledged int            `json:"unacknowledged"`
	Reminders      []ReminderItem `json:"reminders"`
}

// reminderItems returns the reminders sent to office with their
// acknowledgements, newest first.
func reminderItems(st *store.Store, office string) ([]ReminderItem, error) {
	rems, err := remindersOf(st, office)
	if err != nil {
		return nil, err
	}
	out := make([]ReminderItem, 0, len(rems))
	titles := map[string]planRecord{}
	for _, m := range rems {
		it := ReminderItem{Reminder: m}
		if o, err := getOffice(st, m.From); err == nil {
			it.FromName = o.Name
		}
		var a reminderAck
		if ok, err := readState(st, planAckID, planAckSubject(office, m.ID), &a); err != nil {
			return nil, err
		} else if ok && a.Reminder != "" {
			at := a.At
			it.Acknowledged, it.AcknowledgedAt, it.AcknowledgedBy = true, &at, a.By
		}
		r, seen := titles[m.Plan]
		if !seen {
			r, _ = readPlan(st, m.Plan)
			titles[m.Plan] = r
		}
		if r.Plan != nil {
			it.PlanTitle = r.Plan.Title
			for _, t := range r.Plan.Tasks {
				if t.ID == m.Task {
					it.TaskTitle = t.Title
				}
			}
		}
		out = append(out, it)
	}
	slices.Reverse(out)
	return out, nil
}

// unacknowledged counts the reminders of office it has not acknowledged.
func unacknowledged(st *store.Store, office string) (int, error) {
	items, err := reminderItems(st, office)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, it := range items {
		if !it.Acknowledged {
			n++
		}
	}
	return n, nil
}

// reminderOffice is the office whose reminders a request reads or
// acknowledges: the caller's, or another for the operator alone.
func reminderOffice(st *store.Store, cl Caller, office string) string {
	if office = strings.TrimSpace(office); office != "" && cl.Operator {
		return office
	}
	return callerOffice(st, cl)
}

// Reminders returns the reminders sent to the caller's office from the
// offices above it, newest first, each with whether it was acknowledged.
func (x *Plans) Reminders(ctx context.Context, req RemindersRequest) (RemindersReply, error) {
	d, err := x.core.Deps()
	if err != nil {
		return RemindersReply{}, err
	}
	office := reminderOffice(d.Store, CallerFrom(ctx), req.Office)
	items, err := reminderItems(d.Store, office)
	if err != nil {
		return RemindersReply{}, err
	}
	out := RemindersReply{Office: office, Reminders: items}
	for _, it := range items {
		if !it.Acknowledged {
			out.Unacknowledged++
		}
	}
	return out, nil
}

// AcknowledgeRequest names a reminder the caller's office has seen.
// Office is for the operator at the node's console only (the demo).
type AcknowledgeRequest struct {
	Reminder string `json:"reminder"`
	Office   string `json:"office"`
}

// Acknowledge records that the caller's office has seen a reminder sent
// to it. A reminder sent to another office is not found (an office does
// not learn of its siblings' reminders); acknowledging twice keeps the
// first.
func (x *Plans) Acknowledge(ctx context.Context, req AcknowledgeRequest) (ReminderItem, error) {
	d, err := x.core.Deps()
	if err != nil {
		return ReminderItem{}, err
	}
	cl := CallerFrom(ctx)
	office := reminderOffice(d.Store, cl, req.Office)
	id := strings.TrimSpace(req.Reminder)
	if id == "" {
		return ReminderItem{}, FieldError("reminder", "name the reminder to acknowledge")
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	items, err := reminderItems(d.Store, office)
	if err != nil {
		return ReminderItem{}, err
	}
	i := slices.IndexFunc(items, func(it ReminderItem) bool { return it.ID == id })
	if i < 0 {
		return ReminderItem{}, &Error{Code: CodeNotFound, Field: "reminder", Message: "no reminder " + id + " to " + office + " on this node", Params: map[string]string{"reminder": id}}
	}
	it := items[i]
	if it.Acknowledged {
		return it, nil
	}
	a := reminderAck{Reminder: id, Office: office}
	e, err := d.Store.Append(store.Draft{Actor: cl.Actor(), Owner: office, Kind: kindPlanAcked, Subject: planAckSubject(office, id), Body: mustJSON(a)})
	if err != nil {
		return ReminderItem{}, appendErr(err, "acknowledging the reminder")
	}
	at := e.HLC.Time()
	it.Acknowledged, it.AcknowledgedAt, it.AcknowledgedBy = true, &at, e.Actor
	return it, nil
}
