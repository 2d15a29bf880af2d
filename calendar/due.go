package calendar

import (
	"fmt"
	"time"
)

// DueRules are the clock times that turn a reception instant and a time
// limit in working days into a due instant. The zero DueRules means
// DefaultDueRules.
type DueRules struct {
	// Cutoff is the time of day from which a dossier counts as received
	// on the next working day (DOMAIN.md §3: a dossier received after 15:00
	// is handed to the processing unit the next working day). A reception
	// at exactly the cut-off counts as after it: only a reception strictly
	// before 15:00:00 is handed over the same day.
	Cutoff Clock `json:"cutoff"`
	// DueTime is the time of day, at the end of the working day, at which a
	// dossier falls due. It may not be earlier than Cutoff, so that a due
	// instant is never before the reception.
	DueTime Clock `json:"dueTime"`
}

// DefaultDueRules returns a 15:00 cut-off and a 17:00 due time.
func DefaultDueRules() DueRules {
	return DueRules{Cutoff: 15 * 60, DueTime: 17 * 60}
}

// Validate reports whether r can be used: both times within the day and the
// due time not before the cut-off.
func (r DueRules) Validate() error {
	switch {
	case r.Cutoff < 0 || r.Cutoff >= 24*60:
		return rulesErr("dueRules.cutoff", "%d minutes is not a time of day", int(r.Cutoff))
	case r.DueTime < 0 || r.DueTime >= 24*60:
		return rulesErr("dueRules.dueTime", "%d minutes is not a time of day", int(r.DueTime))
	case r.DueTime < r.Cutoff:
		return rulesErr("dueRules.dueTime", "%s is before the cut-off %s", r.DueTime, r.Cutoff)
	}
	return nil
}

func (r DueRules) orDefault() DueRules {
	if r == (DueRules{}) {
		return DefaultDueRules()
	}
	return r
}

// ReceptionDay returns the working day from which a dossier received at the
// given instant is counted: the day of reception if it is a working day and
// the reception is before r.Cutoff (Vietnam time), otherwise the next
// working day. See DueDate.
func (c *Calendar) ReceptionDay(received time.Time, r DueRules) (Date, error) {
	r = r.orDefault()
	if err := r.Validate(); err != nil {
		return Date{}, err
	}
	d := DateOf(received)
	working, err := c.IsWorkingDay(d)
	if err != nil {
		return Date{}, err
	}
	if working && sinceMidnight(received) < time.Duration(r.Cutoff)*time.Minute {
		return d, nil
	}
	return c.AddWorkingDays(d, 1)
}

// DueDate returns the instant a dossier received at the given instant falls
// due when the procedure's time limit is workingDays working days. The
// result is in Zone (UTC+7), at r.DueTime.
//
// The counting rule (DOMAIN.md §3–4; Decree 61/2018/NĐ-CP on the one-stop
// mechanism, which sets the 15:00 hand-over):
//
//  1. The reception day is the day of reception if that is a working day and
//     the dossier came in before the cut-off (15:00). A dossier received at
//     or after the cut-off, or on a day off, is handed over on the next
//     working day, so that day is its reception day.
//  2. A same-day procedure (0 working days) is due on its reception day:
//     before 15:00 on a working day, that day; otherwise the next working
//     day.
//  3. A limit of N ≥ 1 working days is due on the N-th working day after the
//     reception day. Counting from the handed-over day rather than the
//     calendar day of reception gives the office the full N working days the
//     law allows after it actually has the dossier, and treats N = 0 and
//     N ≥ 1 alike: the due day is always the reception day plus N working
//     days.
//
// It returns ErrInvalidArgument for a negative limit, ErrInvalidRules for
// unusable DueRules and ErrOutOfRange when the count leaves MinYear–MaxYear.
// The result is never before received.
func (c *Calendar) DueDate(received time.Time, workingDays int, r DueRules) (time.Time, error) {
	if workingDays < 0 {
		return time.Time{}, fmt.Errorf("%w: time limit of %d working days", ErrInvalidArgument, workingDays)
	}
	r = r.orDefault()
	start, err := c.ReceptionDay(received, r)
	if err != nil {
		return time.Time{}, err
	}
	due, err := c.AddWorkingDays(start, workingDays)
	if err != nil {
		return time.Time{}, err
	}
	return due.At(r.DueTime), nil
}
