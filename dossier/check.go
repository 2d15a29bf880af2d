package dossier

import (
	"slices"
	"time"

	"hoso/calendar"
)

// Legal time rules Check applies (DOMAIN.md §3), the defaults of a
// procedure that sets none of its own (ProcedureRef.SupplementLimit,
// ProcedureRef.RescheduleNotice): specialised law may set others.
const (
	// SupplementLimitWD is the most working days after reception at which a
	// supplement may be requested.
	SupplementLimitWD = 3
	// RescheduleNoticeWD is the fewest working days before the due date at
	// which the due date may be moved, while the dossier is not yet late.
	RescheduleNoticeWD = 1
)

// Actor is the user who wants to act.
type Actor struct {
	UserID string   `json:"userId"`
	Office string   `json:"office"`
	Roles  []string `json:"roles"`
}

// has reports whether a holds role r.
func (a Actor) has(r Role) bool { return slices.Contains(a.Roles, string(r)) }

// Action is an event a user wants to write: its kind and, when known, its
// encoded body (NewAction builds both). Without a body Check answers
// whether the kind is possible now, as AllowedActions does.
type Action struct {
	Kind Kind   `json:"kind"`
	Body []byte `json:"body,omitempty"`
}

// Check reports whether by may take action a on d at now, or returns a
// *RuleError with a stable code saying why not. It applies, in order:
//
//  1. the body: it must decode (CodeBadBody, CodeUnsupportedVersion);
//  2. what Fold checks (the state, the office, the body against the
//     state: CodeWrongState, CodeWrongOffice, CodeNotReceived,
//     CodeAfterReturn, CodeRescheduleOnce, CodeNewDueNotLater, …);
//  3. the role (CodeWrongRole) and the holder (CodeNotHolder), from the
//     table RuleTable returns;
//  4. the legal times, counted in working days with cal, with the
//     procedure's own limits when it sets them (CodeSupplementTooLate,
//     CodeRescheduleTooLate, CodeNewDueNotWorkingDay);
//  5. the decision's rules (decisionRules: a signature against a
//     proposed refusal, CodeOpinionNotAcknowledged; a return names its
//     recipient, CodeBadValue);
//  6. the body's content (CodeBadValue, with the field in Params).
//
// An event Check accepts is one Fold applies, unless another event reaches
// the dossier first.
func Check(d Dossier, a Action, by Actor, now time.Time, cal *calendar.Calendar) error {
	if re := check(&d, a, by, now, cal); re != nil {
		return re
	}
	return nil
}

func check(d *Dossier, a Action, by Actor, now time.Time, cal *calendar.Calendar) *RuleError {
	var b Body
	if a.Body != nil {
		var re *RuleError
		if b, re = decode(a.Kind, a.Body); re != nil {
			return re
		}
	}
	if re := admissible(d, a.Kind, by.Office, b); re != nil {
		return re
	}
	var rule *Rule
	for _, r := range rulesFor(a.Kind) {
		if slices.Contains(r.From, d.Status) && by.has(r.Role) {
			rule = &r
			break
		}
	}
	if rule == nil {
		return ruleErr(CodeWrongRole, "none of the roles %v may take %s while the dossier is %s", by.Roles, a.Kind, statusName(d.Status)).
			with("kind", string(a.Kind))
	}
	if rule.Holder && d.Holder.Officer != "" && d.Holder.Officer != by.UserID {
		return ruleErr(CodeNotHolder, "dossier %s is held by %s", d.Code, d.Holder.Officer).with("holder", d.Holder.Officer)
	}
	if re := checkTimes(d, a.Kind, b, now, cal); re != nil {
		return re
	}
	if b != nil {
		return firstOf(decisionRules(d, b), validate(d, b, by, now))
	}
	return nil
}

// decisionRules are the rules of the decision and its return (issue 22):
//
//   - the approval of a dossier whose appraisal proposed refusal or a
//     supplement is signed only by a leader who acknowledges that opinion
//     (Signed.Acknowledged equal to it): the leader may still approve, but
//     not without having seen it. A refusal is signed as the refusal
//     action (KindRefused), which needs no acknowledgement;
//   - a return names who collected the result: a result handed to nobody
//     cannot be traced (Form 01's "người nhận kết quả").
//
// Events recorded before these rules still fold: Fold does not apply them.
func decisionRules(d *Dossier, b Body) *RuleError {
	switch b := b.(type) {
	case *Signed:
		a := d.Appraisal
		if a == nil || a.Opinion == OpinionApprove || b.Acknowledged == a.Opinion {
			return nil
		}
		return ruleErr(CodeOpinionNotAcknowledged, "the appraisal proposed %q; the approval is signed only once that opinion is acknowledged", a.Opinion).
			with("opinion", string(a.Opinion)).with("field", "acknowledged")
	case *Returned:
		return required("recipient", b.Recipient)
	}
	return nil
}

// checkTimes applies the legal time limits of DOMAIN.md §3 and §11 to an
// action of kind k with body b (nil when not known yet):
//
//   - a supplement is requested within the procedure's supplement limit
//     (SupplementLimitWD working days unless it sets its own) of the day
//     time is counted from;
//   - a reschedule (Form 04) comes at least the procedure's notice
//     (RescheduleNoticeWD working day unless it sets its own) before the due
//     date, or once the dossier is already late: the law then requires an
//     apology with a new date (Decree 63/2024 art. 7(3) as the review cites
//     it), so the notice applies only before the due date;
//   - the new due date is a working day: it is a working-day deadline.
//
// Once only, and a new date after the one it replaces, are admissible's.
func checkTimes(d *Dossier, k Kind, b Body, now time.Time, cal *calendar.Calendar) *RuleError {
	today := calendar.DateOf(now)
	switch k {
	case KindSupplementRequested:
		from := calendar.DateOf(d.ReceivedAt)
		if d.CountFrom != nil {
			from = *d.CountFrom
		}
		n, err := cal.CountWorkingDays(from, today)
		if err != nil {
			return calendarErr(err)
		}
		if limit := d.Procedure.SupplementLimit(); n > limit {
			return ruleErr(CodeSupplementTooLate, "%d working days have passed since reception on %s; a supplement may be requested within %d",
				n, from, limit).with("days", itoa(n)).with("limit", itoa(limit))
		}
	case KindRescheduled:
		due := calendar.DateOf(d.Due)
		n, err := cal.CountWorkingDays(today, due)
		if err != nil {
			return calendarErr(err)
		}
		late := today.After(due)
		if notice := d.Procedure.RescheduleNotice(); !late && n < notice {
			return ruleErr(CodeRescheduleTooLate, "the due date %s is %d working days away; it may be moved at least %d before, or once it has passed",
				due, n, notice).with("due", due.String()).with("days", itoa(n)).with("notice", itoa(notice))
		}
		if r, ok := b.(*Rescheduled); ok && !r.NewDue.IsZero() {
			day := calendar.DateOf(r.NewDue)
			working, err := cal.IsWorkingDay(day)
			if err != nil {
				return calendarErr(err)
			}
			if !working {
				return ruleErr(CodeNewDueNotWorkingDay, "the new due date %s is not a working day", day).
					with("newDue", day.String()).with("field", "newDue")
			}
		}
	}
	return nil
}

func calendarErr(err error) *RuleError {
	return ruleErr(CodeCalendar, "counting working days: %v", err)
}

// AllowedActions returns the actions by may take on d at now, in lifecycle
// order, each without a body: what the screen offers this user. It is
// Check applied to every kind but KindScanned, which the attach flows
// write (the reception's scans, hoso-node attach), never the action menu.
func AllowedActions(d Dossier, by Actor, now time.Time, cal *calendar.Calendar) []Action {
	var out []Action
	for _, k := range Kinds() {
		if k != KindScanned && check(&d, Action{Kind: k}, by, now, cal) == nil {
			out = append(out, Action{Kind: k})
		}
	}
	return out
}
