package app

import (
	"context"
	"slices"
	"sort"
	"time"

	"hoso/calendar"
	"hoso/dossier"
	"hoso/store"
)

// The queue: "Việc chờ tôi xử lý", the dossiers waiting for the caller
// (issue 22 item 1). A dossier waits for a user when it is in a status one
// of their roles moves forward, and the dossier rules (dossier.AllowedActions)
// let that user take that step now: the rules, not this file, say whose
// turn it is, so the queue never lists a dossier its user would be refused.

// QueueReason says which step a queued dossier waits for.
type QueueReason string

// The reasons, per role.
const (
	// QueueTake: an officer takes a dossier handed over to the unit.
	QueueTake QueueReason = "take"
	// QueueAppraise: the officer it is assigned to appraises it.
	QueueAppraise QueueReason = "appraise"
	// QueueSubmit: the officer who appraised it submits it for signature.
	QueueSubmit QueueReason = "submit"
	// QueueAssign: a leader assigns a dossier handed over to the unit.
	QueueAssign QueueReason = "assign"
	// QueueSign: the leader it was submitted to signs (or refuses) it.
	QueueSign QueueReason = "sign"
	// QueueHandOver: the desk hands a received dossier over, the same day.
	QueueHandOver QueueReason = "hand_over"
	// QueueCollect: the desk records a decided result as back at the desk.
	QueueCollect QueueReason = "collect"
	// QueueReturn: the desk returns the result to the citizen.
	QueueReturn QueueReason = "return"
	// QueueSupplement: the desk waits for the citizen's supplement (Form 02).
	QueueSupplement QueueReason = "supplement"
)

// queueStep is one row of the queue's table: dossiers in Status wait for a
// user of Role when that user may write Kind now.
type queueStep struct {
	role   Role
	status dossier.Status
	kind   dossier.Kind
	reason QueueReason
}

// queueSteps lists, per role, the statuses that role moves forward.
var queueSteps = []queueStep{
	{RoleOfficer, dossier.StatusHandedOver, dossier.KindAssigned, QueueTake},
	{RoleOfficer, dossier.StatusTransferred, dossier.KindAssigned, QueueTake},
	{RoleOfficer, dossier.StatusAssigned, dossier.KindAppraised, QueueAppraise},
	{RoleOfficer, dossier.StatusAppraised, dossier.KindSubmitted, QueueSubmit},
	{RoleLeader, dossier.StatusHandedOver, dossier.KindAssigned, QueueAssign},
	{RoleLeader, dossier.StatusTransferred, dossier.KindAssigned, QueueAssign},
	{RoleLeader, dossier.StatusSubmitted, dossier.KindSigned, QueueSign},
	{RoleClerk, dossier.StatusReceived, dossier.KindHandedOver, QueueHandOver},
	{RoleClerk, dossier.StatusSigned, dossier.KindResultAtDesk, QueueCollect},
	{RoleClerk, dossier.StatusRefused, dossier.KindResultAtDesk, QueueCollect},
	{RoleClerk, dossier.StatusResultAtDesk, dossier.KindReturned, QueueReturn},
	{RoleClerk, dossier.StatusSupplementRequested, dossier.KindSupplementReceived, QueueSupplement},
}

// QueueLimit bounds the queue's length; More tells there were more.
const QueueLimit = 200

// queueChunk is how many index keys the queue reads at a time.
const queueChunk = 256

// QueueItem is a dossier waiting for the caller.
type QueueItem struct {
	DossierSummary
	// Reason is the step it waits for.
	Reason QueueReason `json:"reason"`
	// DueBy tells whether its due date (the appointment, for a result at
	// the desk) is today or already past: the desk returns it today.
	DueBy bool `json:"dueBy"`
	// DueSoon is dossier.DueSoon within one working day.
	DueSoon bool `json:"dueSoon"`
}

// QueueReply is the caller's queue, oldest dossier first.
type QueueReply struct {
	Items []QueueItem `json:"items"`
	More  bool        `json:"more"`
}

// Queue lists the dossiers waiting for the caller: for an officer those
// handed over to the unit, assigned to them or appraised by them and not
// yet submitted; for a leader those submitted for their signature and
// those handed over awaiting assignment; for a clerk the received dossiers
// to hand over, the decided results to bring to the desk, the results to
// return and the supplements awaited. Oldest first (by reception), with
// their due dates; at most QueueLimit.
func (s *Dossiers) Queue(ctx context.Context) (QueueReply, error) {
	d, err := s.core.Deps()
	if err != nil {
		return QueueReply{}, err
	}
	c := CallerFrom(ctx)
	cal, err := s.cal.calendarFor(d.Store)
	if err != nil {
		return QueueReply{}, err
	}
	return queueOf(d.Store, c, s.now(), cal)
}

// queueOf builds the queue of c at now.
func queueOf(st *store.Store, c Caller, now time.Time, cal *calendar.Calendar) (QueueReply, error) {
	actor := actorOf(st, c)
	// A status is read once even when two of the caller's roles act on it
	// (an officer who is also a leader); the first step that fits wins.
	byStatus := map[dossier.Status][]queueStep{}
	var statuses []dossier.Status
	for _, step := range queueSteps {
		if !c.Has(step.role) {
			continue
		}
		if _, ok := byStatus[step.status]; !ok {
			statuses = append(statuses, step.status)
		}
		byStatus[step.status] = append(byStatus[step.status], step)
	}
	out := QueueReply{Items: []QueueItem{}}
	today := calendar.DateOf(now)
	judge := newStandings(st, cal, now)
	// Each status's dossiers are read oldest first (its index keys end
	// with the day of reception) until more than QueueLimit wait and
	// their last day is read whole: the QueueLimit oldest of all
	// statuses are among those, whatever the history's length.
	for _, status := range statuses {
		prefix := []byte(string(status) + "\x00")
		found, lastDay := 0, ""
		var after *store.Hit
	scan:
		for {
			hits, err := st.Scan(dossierProjID, dossier.IndexStatus, store.ScanOptions{Prefix: prefix, After: after, Limit: queueChunk})
			if err != nil {
				return QueueReply{}, Wrap(CodeInternal, err, "reading the queue")
			}
			for _, h := range hits {
				day := string(h.Key[min(len(prefix), len(h.Key)):])
				if found > QueueLimit && day != lastDay {
					out.More = true
					break scan
				}
				lastDay = day
				var ds dossier.Dossier
				if ok, err := readState(st, dossierProjID, h.Subject, &ds); err != nil {
					return QueueReply{}, err
				} else if !ok || ds.Status != status || !slices.Contains(ds.Offices, actor.Office) {
					continue
				}
				allowed := dossier.AllowedActions(ds, actor, now, cal)
				for _, step := range byStatus[status] {
					if !slices.ContainsFunc(allowed, func(a dossier.Action) bool { return a.Kind == step.kind }) {
						continue
					}
					item := QueueItem{DossierSummary: summarise(ds, judge), Reason: step.reason}
					item.DueBy = !ds.Due.IsZero() && !calendar.DateOf(ds.Due).After(today)
					item.DueSoon = judge.of(ds).DueSoon
					out.Items = append(out.Items, item)
					found++
					break
				}
			}
			if len(hits) < queueChunk {
				break
			}
			after = &hits[len(hits)-1]
		}
	}
	sort.SliceStable(out.Items, func(i, j int) bool {
		a, b := out.Items[i], out.Items[j]
		if !a.ReceivedAt.Equal(b.ReceivedAt) {
			return a.ReceivedAt.Before(b.ReceivedAt)
		}
		return a.Code < b.Code
	})
	if len(out.Items) > QueueLimit {
		out.Items, out.More = out.Items[:QueueLimit], true
	}
	return out, nil
}

// Colleague is a user of the caller's office who may be chosen for a step
// (assigned a dossier, asked to sign), with the roles that say for which.
type Colleague struct {
	ID       string `json:"id"`
	FullName string `json:"fullName"`
	Roles    []Role `json:"roles"`
}

// ColleaguesReply lists the caller's office's active users.
type ColleaguesReply struct {
	Users []Colleague `json:"users"`
}

// Colleagues lists the active (not disabled) users of the caller's office
// with their roles, so that a list choosing a person (assign to an
// officer, submit to a leader) offers only those who hold the needed role.
func (u *Users) Colleagues(ctx context.Context) (ColleaguesReply, error) {
	d, err := u.core.Deps()
	if err != nil {
		return ColleaguesReply{}, err
	}
	list, err := u.List(OfficeFilter{Office: callerOffice(d.Store, CallerFrom(ctx))})
	if err != nil {
		return ColleaguesReply{}, err
	}
	out := ColleaguesReply{Users: []Colleague{}}
	for _, x := range list.Users {
		if x.Disabled {
			continue
		}
		out.Users = append(out.Users, Colleague{ID: x.ID, FullName: x.FullName, Roles: slices.Clone(x.Roles)})
	}
	sort.SliceStable(out.Users, func(i, j int) bool { return out.Users[i].FullName < out.Users[j].FullName })
	return out, nil
}
