package dossier

import (
	"math"
	"time"

	"hoso/calendar"
	"hoso/catalog"
)

// Timing classifies when something finished against its due date
// (DOMAIN.md §4): before the due date is early, on the due date on time,
// after it late.
type Timing string

// The timings.
const (
	TimingEarly  Timing = "early"
	TimingOnTime Timing = "on_time"
	TimingLate   Timing = "late"
)

// Points returns the national score of a timing: 2 early, 1 on time, 0
// late (or unknown).
func (t Timing) Points() int {
	switch t {
	case TimingEarly:
		return 2
	case TimingOnTime:
		return 1
	}
	return 0
}

// Classify compares the day finished with the due day, both on Vietnam's
// wall calendar: any time on the due day is on time, a day before it is
// early, a day after it late. The due day itself was counted in working
// days (DueDate, RestartDue, StepDue); the comparison is by calendar day, so
// a dossier finished on a holiday before its due date is early.
func Classify(finished, due time.Time) Timing {
	switch calendar.DateOf(finished).Compare(calendar.DateOf(due)) {
	case -1:
		return TimingEarly
	case 0:
		return TimingOnTime
	}
	return TimingLate
}

// TimingBasis says which due date a dossier's timing is judged against
// once an apology (Form 04) moved it. The province chooses (a report rule);
// the default is TimingBasisOriginal.
type TimingBasis string

// The timing bases.
const (
	// TimingBasisOriginal judges against the due date in force before any
	// apology: an apology admits the dossier will be late, so a dossier
	// finished after its original due date is late even if it meets the new
	// one (DOMAIN.md §11). A supplement still restarts the count: the
	// restarted date is the original one from then on. The default.
	TimingBasisOriginal TimingBasis = "original"
	// TimingBasisCurrent judges against the current due date, the
	// apology's new date included.
	TimingBasisCurrent TimingBasis = "current"
)

// Valid reports whether b is one of the bases or "" (TimingBasisOriginal).
func (b TimingBasis) Valid() bool {
	return b == "" || b == TimingBasisOriginal || b == TimingBasisCurrent
}

// TimingDue returns the due instant the dossier's timing is judged against
// under basis: the current due date for TimingBasisCurrent; for
// TimingBasisOriginal (and "") the due date as it would be without the
// apology. The due history decides: reception and each supplement restart
// set both dates, an apology only the current one, and a correction of the
// due date corrects the apology's date when one is in force, else both.
func (d Dossier) TimingDue(basis TimingBasis) time.Time { return d.timingDue(basis) }

func (d *Dossier) timingDue(basis TimingBasis) time.Time {
	if basis == TimingBasisCurrent || !d.Rescheduled || len(d.Deadlines) == 0 {
		return d.Due
	}
	var due time.Time
	moved := false
	for _, dl := range d.Deadlines {
		switch dl.Reason {
		case DeadlineReschedule:
			moved = true
		case DeadlineCorrected:
			if !moved {
				due = dl.Due
			}
		default:
			due, moved = dl.Due, false
		}
	}
	if due.IsZero() {
		return d.Due
	}
	return inZone(due)
}

// ClassifyDossier classifies a dossier finished at finished against its due
// date under basis (TimingDue): early, on time or late, and late whenever a
// second supplement was requested (the national scoring). It returns "" when
// finished is zero or the dossier has no due date.
func ClassifyDossier(d Dossier, finished time.Time, basis TimingBasis) Timing {
	return d.classify(finished, basis)
}

func (d *Dossier) classify(finished time.Time, basis TimingBasis) Timing {
	t := classifyDone(finished, d.timingDue(basis))
	if t != "" && d.SecondSupplement {
		t = TimingLate
	}
	return t
}

// classifyDone is Classify for something that may not be finished or have
// no due date: "" then.
func classifyDone(finished, due time.Time) Timing {
	if finished.IsZero() || due.IsZero() {
		return ""
	}
	return Classify(finished, due)
}

// RestartDue returns the due instant of a dossier whose complete papers
// arrived at the given instant: its time limit counted again from zero, as
// at reception (the 15:00 rule included). It is SupplementReceived.NewDue.
func RestartDue(cal *calendar.Calendar, at time.Time, limitWD int, rules calendar.DueRules) (time.Time, error) {
	return cal.DueDate(at, limitWD, rules)
}

// StepDue returns the due instant of a step allotted hours working hours
// and started at start: the step has floor(hours / HoursPerWorkingDay)
// working days counted like a dossier's time limit, so a step of less than a
// day started before 15:00 is due that day, one started later the next
// working day, and a step of 12 hours started on a Monday is due on the
// Tuesday. It returns the zero time for a step with no hours.
func StepDue(cal *calendar.Calendar, start time.Time, hours float64, rules calendar.DueRules) (time.Time, error) {
	if !(hours > 0) || hours > catalog.MaxTimeLimitWD*catalog.HoursPerWorkingDay {
		return time.Time{}, nil
	}
	days := int(math.Floor(hours / catalog.HoursPerWorkingDay))
	return cal.DueDate(start, days, rules)
}

// stepRoles says which role of the procedure's step table does the step a
// hand-over of each kind starts.
var stepRoles = map[Kind]catalog.Role{
	KindReceived:           catalog.RoleClerk,
	KindHandedOver:         catalog.RoleOfficer,
	KindAssigned:           catalog.RoleOfficer,
	KindSupplementReceived: catalog.RoleOfficer,
	KindTaskCompleted:      catalog.RoleOfficer,
	KindTransferred:        catalog.RoleAgency,
	KindSubmitted:          catalog.RoleLeader,
	KindResultAtDesk:       catalog.RoleClerk,
}

// PlanStep returns the step a hand-over of kind k at the given instant
// starts, from the procedure's step table: the first step of the role doing
// it (the last clerk step for the result's return), with its due instant
// from StepDue. A procedure with no such step gives a StepPlan with no
// hours and no due date.
func PlanStep(p ProcedureRef, k Kind, at time.Time, cal *calendar.Calendar, rules calendar.DueRules) (StepPlan, error) {
	role, ok := stepRoles[k]
	if !ok {
		return StepPlan{}, nil
	}
	pick := -1
	for i, s := range p.Steps {
		if s.Role == role {
			pick = i
			if k != KindResultAtDesk {
				break
			}
		}
	}
	if pick < 0 {
		return StepPlan{}, nil
	}
	s := p.Steps[pick]
	due, err := StepDue(cal, at, s.Hours, rules)
	if err != nil {
		return StepPlan{}, err
	}
	return StepPlan{Name: s.Name, Hours: s.Hours, Due: due}, nil
}

// Overdue reports whether the office still owes the citizen a result and
// its current due date is a past day at now. A dossier waiting for a
// supplement is never overdue: its clock is stopped and restarts from
// zero. What lists, counters and reports show as overdue and due soon is
// report.StandingAt, which also weighs the office's timing basis.
func Overdue(d Dossier, now time.Time) bool {
	if !d.clockRuns() {
		return false
	}
	return calendar.DateOf(now).After(calendar.DateOf(d.Due))
}

// clockRuns reports whether the dossier's due date is running.
func (d *Dossier) clockRuns() bool {
	return d.Status.InProgress() && d.Status != StatusSupplementRequested && !d.Due.IsZero()
}

// Overdue reports whether the task is open and its due date a past day.
func (t Task) Overdue(now time.Time) bool {
	return t.DoneAt.IsZero() && !t.Due.IsZero() && calendar.DateOf(now).After(calendar.DateOf(t.Due))
}

// Overdue reports whether the consultation is unanswered and its due date
// a past day.
func (c Consultation) Overdue(now time.Time) bool {
	return c.AnsweredAt.IsZero() && !c.Due.IsZero() && calendar.DateOf(now).After(calendar.DateOf(c.Due))
}
