package dossier

import (
	"fmt"
	"time"

	"hoso/calendar"
)

// StampError is a body Stamp cannot date: Field names the body's field
// ("body", "body.timeWD", "body.rating") and Err says why, a calendar
// error (calendar.ValidationError, ErrInvalidArgument, ErrOutOfRange…) or
// a rating outside the office's scale. The service answers it as invalid
// input on that field.
type StampError struct {
	Field string
	Err   error
}

// Error returns the cause's message.
func (e *StampError) Error() string { return e.Err.Error() }

// Unwrap returns the cause.
func (e *StampError) Unwrap() error { return e.Err }

// Stamp fills in what an action fixes at the moment it is taken, from the
// calendar in force at now: the step a hand-over starts (StepPlan, from the
// procedure's step table), a liên thông task's or a consultation's due date
// (from its TimeWD), the due date a supplement restarts (RestartDue). It
// checks a rating against the office's scale. It returns the office the
// action brings in (a hand-over to another office, liên thông, a
// consultation), "" when none. Bodies of other kinds are left alone.
//
// The service calls Stamp before Check, so that Check and the fold see the
// dates the event records rather than recompute them: a later change of
// the calendar or the step table never moves a date already promised.
func Stamp(b Body, d Dossier, now time.Time, cal *calendar.Calendar, scale Scale) (string, error) {
	rules := cal.DueRulesAt(now)
	plan := func(k Kind) (StepPlan, error) {
		p, err := PlanStep(d.Procedure, k, now, cal, rules)
		if err != nil {
			return p, &StampError{Field: "body", Err: err}
		}
		return p, nil
	}
	due := func(timeWD int) (time.Time, error) {
		t, err := cal.DueDate(now, timeWD, rules)
		if err != nil {
			return t, &StampError{Field: "body.timeWD", Err: err}
		}
		return t, nil
	}
	var err error
	switch v := b.(type) {
	case *HandedOver:
		v.Step, err = plan(KindHandedOver)
		return v.ToOffice, err
	case *Assigned:
		v.Step, err = plan(KindAssigned)
	case *Transferred:
		if v.Due, err = due(v.TimeWD); err != nil {
			return "", err
		}
		v.Step, err = plan(KindTransferred)
		return v.Office, err
	case *Consulted:
		if v.Due, err = due(v.TimeWD); err != nil {
			return "", err
		}
		return v.Office, nil
	case *TaskCompleted:
		v.Step, err = plan(KindTaskCompleted)
	case *Submitted:
		v.Step, err = plan(KindSubmitted)
	case *ResultAtDesk:
		v.Step, err = plan(KindResultAtDesk)
	case *Returned:
		if v.Rating != "" && !scale.Has(v.Rating) {
			return "", &StampError{Field: "body.rating", Err: fmt.Errorf("unknown rating %q", v.Rating)}
		}
	case *Rated:
		if !scale.Has(v.Rating) {
			return "", &StampError{Field: "body.rating", Err: fmt.Errorf("unknown rating %q", v.Rating)}
		}
	case *SupplementReceived:
		if v.NewDue, err = RestartDue(cal, now, d.LimitWD(), rules); err != nil {
			return "", &StampError{Field: "body", Err: err}
		}
		v.Step, err = plan(KindSupplementReceived)
	}
	return "", err
}
