package dossier

import (
	"slices"

	"hoso/calendar"
)

// admissible reports why an event of kind k, from office, with body b (nil
// when not known yet), does not fit d, or nil when it does. It is Fold's
// test and the first part of Check's: the state, the acting office and the
// rules a body states about the dossier (the reschedule's new date, the
// consultation answered, the task completed, a correction's old values).
// Roles, calendars and the form of bodies are Check's alone.
func admissible(d *Dossier, k Kind, office string, b Body) *RuleError {
	rows := rulesFor(k)
	if len(rows) == 0 {
		return ruleErr(CodeUnknownKind, "%q is not a dossier event kind", string(k)).with("kind", string(k))
	}
	if k == KindConflictResolved {
		return resolvable(d, b)
	}
	switch {
	case d.Status == StatusNone && k != KindReceived:
		return ruleErr(CodeNotReceived, "%s before the dossier was received", k).with("kind", string(k))
	case d.Status != StatusNone && k == KindReceived:
		return ruleErr(CodeAlreadyReceived, "dossier %s was already received", d.Code)
	case d.Status == StatusReturned && k == KindReturned:
		return ruleErr(CodeAlreadyReturned, "the result of %s was already returned", d.Code)
	case d.Status == StatusReturned && k != KindRated && k != KindScanned:
		return ruleErr(CodeAfterReturn, "%s after the result of %s was returned", k, d.Code).with("kind", string(k))
	}
	if !slices.ContainsFunc(rows, func(r Rule) bool { return slices.Contains(r.From, d.Status) }) {
		return ruleErr(CodeWrongState, "%s is not possible while the dossier is %s", k, statusName(d.Status)).
			with("kind", string(k)).with("status", string(d.Status))
	}
	if !d.officeMay(rows[0].Where, office) {
		return ruleErr(CodeWrongOffice, "office %q may not take %s now", office, k).
			with("kind", string(k)).with("office", office)
	}
	switch b := b.(type) {
	case *Rescheduled:
		if re := d.reschedulable(); re != nil {
			return re
		}
		if !calendar.DateOf(b.NewDue).After(calendar.DateOf(d.Due)) {
			return ruleErr(CodeNewDueNotLater, "the new due date %s is not after %s",
				calendar.DateOf(b.NewDue), calendar.DateOf(d.Due)).with("due", calendar.DateOf(d.Due).String())
		}
	case *ConsultAnswered:
		if d.consultation(office, b.Consultation) == nil {
			return ruleErr(CodeNoSuchConsultation, "office %q has no open consultation %q", office, b.Consultation)
		}
	case *TaskCompleted:
		if d.openTask(office, b.Task) == nil {
			return ruleErr(CodeNoOpenTask, "office %q has no open task %q", office, b.Task)
		}
	case *Corrected:
		return correctionProblem(d, b)
	case *Scanned:
		return d.scannable(b)
	case nil:
		// The body is not known yet: check what the state alone tells.
		switch k {
		case KindRescheduled:
			return d.reschedulable()
		case KindConsultAnswered:
			if d.consultation(office, "") == nil {
				return ruleErr(CodeNoSuchConsultation, "office %q has no open consultation", office)
			}
		case KindTaskCompleted:
			if d.openTask(office, "") == nil {
				return ruleErr(CodeNoOpenTask, "office %q has no open task", office)
			}
		}
	}
	if k == KindRated && d.Rating != nil {
		return ruleErr(CodeAlreadyRated, "the return of %s was already rated", d.Code)
	}
	return nil
}

// reschedulable refuses a second reschedule.
func (d *Dossier) reschedulable() *RuleError {
	if d.Rescheduled {
		return ruleErr(CodeRescheduleOnce, "the due date of %s was already moved once", d.Code)
	}
	return nil
}

// resolvable checks that a resolution names an open conflict (any open
// conflict when b is not known yet).
func resolvable(d *Dossier, b Body) *RuleError {
	r, _ := b.(*ConflictResolved)
	if r == nil && len(d.Conflicts) > 0 {
		return nil
	}
	if r != nil && slices.ContainsFunc(d.Conflicts, func(c Conflict) bool { return c.ID == r.Event }) {
		if r.Decision != DecisionKeep && r.Decision != DecisionDiscard {
			return badValue("decision", "%q is neither %q nor %q", r.Decision, DecisionKeep, DecisionDiscard)
		}
		return nil
	}
	event := ""
	if r != nil {
		event = r.Event
	}
	return ruleErr(CodeNoSuchConflict, "no open conflict %q", event).with("event", event)
}

// officeMay reports whether office may act under rule w.
func (d *Dossier) officeMay(w Where, office string) bool {
	switch w {
	case WhereNone, WhereAny:
		return true
	case WhereDesk:
		return office == d.Office
	case WhereHolder:
		return office == d.Holder.Office
	case WhereTask:
		return office == d.Holder.Office && slices.ContainsFunc(d.Tasks, func(t Task) bool { return t.Office == office })
	case WhereConsulted:
		return slices.ContainsFunc(d.Consultations, func(c Consultation) bool { return c.Office == office })
	case WhereInvolved:
		return slices.Contains(d.Offices, office)
	}
	return false
}

// statusName is a status for messages.
func statusName(s Status) string {
	if s == StatusNone {
		return "not received"
	}
	return string(s)
}
