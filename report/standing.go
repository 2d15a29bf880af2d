package report

import (
	"time"

	"hoso/calendar"
)

// Standing is how a dossier stands against its due date at one instant:
// the one definition of "overdue" and "due soon" that the dossier list and
// its counters, a dossier's page, the dashboard, the reconciliation view,
// the drill-down lists and II.06a (columns 12 and 13, at the period's data
// date) all use, so that they agree when judged at the same instant.
type Standing struct {
	// Open: in progress at the instant (received, neither resolved nor
	// withdrawn or stopped).
	Open bool
	// Overdue: open and past its due day on the rules' timing basis, not
	// waiting for the citizen (OverdueAt).
	Overdue bool
	// DueSoon: open, not overdue, not waiting for the citizen, and its due
	// day within the rules' DueSoonDays working days of the instant's day
	// (0: due today).
	DueSoon bool
}

// StandingAt judges a dossier's fact at the Unix time t under the rules.
// The calendar counts working days for DueSoon; without one (nil) nothing
// is due soon.
func StandingAt(f *Fact, t int64, r Rules, cal *calendar.Calendar) Standing {
	r = r.Normalized()
	if !InProgressAt(f, t, r) {
		return Standing{}
	}
	if OverdueAt(f, t, r) {
		return Standing{Open: true, Overdue: true}
	}
	due := dueAt(f, t, r.TimingBasis)
	if due == 0 || cal == nil || pausedAt(f, t) {
		return Standing{Open: true}
	}
	n, err := cal.CountWorkingDays(calendar.DateOf(time.Unix(t, 0)), calendar.DateOf(time.Unix(due, 0)))
	return Standing{Open: true, DueSoon: err == nil && n <= r.DueSoonDays}
}
