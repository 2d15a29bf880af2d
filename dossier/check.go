package dossier

import (
	"slices"
	"time"

	"hoso/calendar"
)

// Legal time rules Check applies (DOMAIN.md §3).
const (
	// SupplementLimitWD is the most working days after reception at which a
	// supplement may be requested.
	SupplementLimitWD = 3
	// RescheduleNoticeWD is the fewest working days before the due date at
	// which the due date may be moved.
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
//  4. the legal times, counted in working days with cal
//     (CodeSupplementTooLate, CodeRescheduleTooLate);
//  5. the body's content (CodeBadValue, with the field in Params).
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
	if re := checkTimes(d, a.Kind, now, cal); re != nil {
		return re
	}
	if b != nil {
		return validate(d, b, by, now)
	}
	return nil
}

// checkTimes applies the legal time limits of DOMAIN.md §3.
func checkTimes(d *Dossier, k Kind, now time.Time, cal *calendar.Calendar) *RuleError {
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
		if n > SupplementLimitWD {
			return ruleErr(CodeSupplementTooLate, "%d working days have passed since reception on %s; a supplement may be requested within %d",
				n, from, SupplementLimitWD).with("days", itoa(n)).with("limit", itoa(SupplementLimitWD))
		}
	case KindRescheduled:
		due := calendar.DateOf(d.Due)
		n, err := cal.CountWorkingDays(today, due)
		if err != nil {
			return calendarErr(err)
		}
		if n < RescheduleNoticeWD {
			return ruleErr(CodeRescheduleTooLate, "the due date %s is %d working days away; it may be moved at least %d before",
				due, n, RescheduleNoticeWD).with("due", due.String()).with("days", itoa(n))
		}
	}
	return nil
}

func calendarErr(err error) *RuleError {
	return ruleErr(CodeCalendar, "counting working days: %v", err)
}

// AllowedActions returns the actions by may take on d at now, in lifecycle
// order, each without a body: what the screen offers this user. It is
// Check applied to every kind.
func AllowedActions(d Dossier, by Actor, now time.Time, cal *calendar.Calendar) []Action {
	var out []Action
	for _, k := range Kinds() {
		if check(&d, Action{Kind: k}, by, now, cal) == nil {
			out = append(out, Action{Kind: k})
		}
	}
	return out
}
