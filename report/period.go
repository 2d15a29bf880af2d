package report

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"time"

	"hoso/calendar"
	"hoso/dossier"
)

// Window is how a period's days are chosen.
type Window string

// The windows (DOMAIN §6).
const (
	// WindowFifteenth: a quarter runs from the 15th of the last month of
	// the previous quarter to the 14th of its own last month; a month from
	// the 15th of the previous month to the 14th; a year from 15 December
	// to 14 December. The practice of the reports to the Government Office.
	WindowFifteenth Window = "fifteenth"
	// WindowCalendar: calendar months, quarters and years.
	WindowCalendar Window = "calendar"
)

// Rules are an office's report settings, recorded as data because practice
// differs between provinces and changes.
type Rules struct {
	Window Window `json:"window"`
	// CountFromReceptionDay counts a dossier in the period of its
	// reception day, the working day time is counted from: one received
	// after 15:00 on the window's last day belongs to the next period. When
	// false, the calendar day of reception decides.
	CountFromReceptionDay bool `json:"countFromReceptionDay"`
	// DueSoonDays is how many working days ahead "due soon" looks (0: due
	// today), for every list and count of dossiers due soon (StandingAt).
	DueSoonDays int `json:"dueSoonDays"`
	// TimingBasis is the due date results (columns 8–10) and dossiers in
	// progress (12–13) are judged against (DOMAIN §11): "original", the due
	// date before any apology (the default: an apology admits lateness), or
	// "current", the apology's new date. Empty, as in rules recorded before
	// it existed, is the default.
	TimingBasis dossier.TimingBasis `json:"timingBasis"`
	// EndedPlacement is where withdrawn and stopped dossiers go: EndedInNote
	// (the default; empty too) or EndedOnTime.
	EndedPlacement string `json:"endedPlacement"`
	// Index766 are the indicators of the Decision 766 index and their
	// scoring (IndexRules); nil, as in rules recorded before it existed,
	// is DefaultIndexRules. They live with the report rules because they
	// are the same kind of data — how the office's figures are counted —
	// set by the same people, inherited down the tree and versioned the
	// same way.
	Index766 *IndexRules `json:"index766,omitempty"`
}

// The placements of dossiers withdrawn by the citizen or stopped, which
// are received (column 3) but neither resolved nor in progress.
const (
	// EndedInNote counts them in a note below the table, so that the sheet
	// explains why column 3 is not column 7 plus column 11.
	EndedInNote = "note"
	// EndedOnTime counts them as resolved on time (columns 7 and 9), as
	// Thanh Hóa's template does ("trả lại/xin rút").
	EndedOnTime = "on_time"
)

// DefaultRules are the fifteenth-to-fourteenth window, counting from the
// reception day, due soon within 2 working days, results judged against the due
// date before any apology, withdrawn and stopped dossiers in a note.
func DefaultRules() Rules {
	return Rules{Window: WindowFifteenth, CountFromReceptionDay: true, DueSoonDays: 2, TimingBasis: dossier.TimingBasisOriginal, EndedPlacement: EndedInNote}
}

// Normalized returns the rules with the defaults written out for the
// settings rules recorded before them left empty.
func (r Rules) Normalized() Rules {
	if r.TimingBasis == "" {
		r.TimingBasis = dossier.TimingBasisOriginal
	}
	if r.EndedPlacement == "" {
		r.EndedPlacement = EndedInNote
	}
	return r
}

// Validate checks the rules. A rule out of range is a *RulesError naming
// its field; it wraps ErrPeriod.
func (r Rules) Validate() error {
	if r.Window != WindowFifteenth && r.Window != WindowCalendar {
		return rulesError("window", "window %q is neither %q nor %q", r.Window, WindowFifteenth, WindowCalendar)
	}
	if r.DueSoonDays < 0 || r.DueSoonDays > MaxDueSoonDays {
		return rulesError("dueSoonDays", "due soon must be 0 to %d days", MaxDueSoonDays)
	}
	if b := r.TimingBasis; !b.Valid() {
		return rulesError("timingBasis", "timing basis %q is neither %q nor %q", b, dossier.TimingBasisOriginal, dossier.TimingBasisCurrent)
	}
	if e := r.EndedPlacement; e != "" && e != EndedInNote && e != EndedOnTime {
		return rulesError("endedPlacement", "ended placement %q is neither %q nor %q", e, EndedInNote, EndedOnTime)
	}
	if r.Index766 != nil {
		return r.Index766.Validate()
	}
	return nil
}

// MaxDueSoonDays is the furthest "due soon" may look ahead.
const MaxDueSoonDays = 30

// RulesError is a report rule out of range: Field is its JSON name in
// Rules ("window", "dueSoonDays", "timingBasis", "endedPlacement"), so
// that a form shows the message beside it.
type RulesError struct {
	Field   string
	Message string
}

func (e *RulesError) Error() string { return ErrPeriod.Error() + ": " + e.Message }

// Unwrap makes a RulesError an ErrPeriod.
func (e *RulesError) Unwrap() error { return ErrPeriod }

func rulesError(field, format string, args ...any) error {
	return &RulesError{Field: field, Message: fmt.Sprintf(format, args...)}
}

// ErrPeriod is returned for a period label or rules that cannot be read.
var ErrPeriod = errors.New("report: bad period")

// Period is a reporting period: its label, its first and last days, and
// the instants [Start, End) they span in Vietnam time.
type Period struct {
	// Label is how the period is written: "2026Q4", "2026-11", "2026".
	Label string `json:"label"`
	// Window is the rule its days were chosen by.
	Window Window `json:"window"`
	From   string `json:"from"`
	To     string `json:"to"`
	// Start and End bound the period: Start ≤ t < End.
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	// AsOf is the report's data date ("Số liệu tính đến …"): what happened
	// from it on is not counted yet, and the dossiers in progress are
	// judged there. Zero is the period's end; see At.
	AsOf time.Time `json:"asOf,omitzero"`

	kind  byte // 'Q', 'M', 'Y'
	year  int
	index int // quarter 1–4 or month 1–12
}

var (
	quarterLabel = regexp.MustCompile(`^(\d{4})Q([1-4])$`)
	monthLabel   = regexp.MustCompile(`^(\d{4})-(0[1-9]|1[0-2])$`)
	yearLabel    = regexp.MustCompile(`^(\d{4})$`)
)

// ParsePeriod reads a period label — "2026Q4", "2026-11" or "2026" — and
// returns its days under window.
func ParsePeriod(label string, window Window) (Period, error) {
	p := Period{Label: label, Window: window}
	switch m := quarterLabel.FindStringSubmatch(label); {
	case m != nil:
		p.kind, p.year, p.index = 'Q', atoi(m[1]), atoi(m[2])
	case monthLabel.MatchString(label):
		m := monthLabel.FindStringSubmatch(label)
		p.kind, p.year, p.index = 'M', atoi(m[1]), atoi(m[2])
	case yearLabel.MatchString(label):
		p.kind, p.year = 'Y', atoi(label)
	default:
		return Period{}, fmt.Errorf("%w: %q is not a quarter (2026Q4), a month (2026-11) or a year (2026)", ErrPeriod, label)
	}
	if p.year < calendar.MinYear+1 || p.year > calendar.MaxYear-1 {
		return Period{}, fmt.Errorf("%w: year %d is out of range", ErrPeriod, p.year)
	}
	if window != WindowFifteenth && window != WindowCalendar {
		return Period{}, fmt.Errorf("%w: unknown window %q", ErrPeriod, window)
	}
	// The period's last month, and how many months it spans.
	last, months := time.Month(12), 12
	switch p.kind {
	case 'Q':
		last, months = time.Month(3*p.index), 3
	case 'M':
		last, months = time.Month(p.index), 1
	}
	var first, end time.Time
	if window == WindowCalendar {
		end = time.Date(p.year, last+1, 1, 0, 0, 0, 0, calendar.Zone)
		first = end.AddDate(0, -months, 0)
	} else {
		end = time.Date(p.year, last, 15, 0, 0, 0, 0, calendar.Zone)
		first = end.AddDate(0, -months, 0)
	}
	p.Start, p.End = first, end
	p.From = first.Format(time.DateOnly)
	p.To = end.AddDate(0, 0, -1).Format(time.DateOnly)
	return p, nil
}

// At returns p with its data date at asOf, kept within the period: the
// end when asOf is zero or not before it (a report is never judged later
// than its period's end), the start when asOf is before it.
func (p Period) At(asOf time.Time) Period {
	p.AsOf = time.Time{}
	switch {
	case asOf.IsZero() || !asOf.Before(p.End):
	case asOf.Before(p.Start):
		p.AsOf = p.Start
	default:
		p.AsOf = asOf.In(calendar.Zone)
	}
	return p
}

// Cut is the instant the period's counts stop: its data date, else its
// end.
func (p Period) Cut() time.Time {
	if !p.AsOf.IsZero() && p.AsOf.Before(p.End) {
		return p.AsOf
	}
	return p.End
}

// Previous returns the period just before p, of the same kind: its End is
// p's Start.
func (p Period) Previous() Period {
	var label string
	switch p.kind {
	case 'Q':
		if p.index == 1 {
			label = fmt.Sprintf("%dQ4", p.year-1)
		} else {
			label = fmt.Sprintf("%dQ%d", p.year, p.index-1)
		}
	case 'M':
		if p.index == 1 {
			label = fmt.Sprintf("%d-12", p.year-1)
		} else {
			label = fmt.Sprintf("%d-%02d", p.year, p.index-1)
		}
	default:
		label = strconv.Itoa(p.year - 1)
	}
	prev, err := ParsePeriod(label, p.Window)
	if err != nil {
		// p parsed, so the period before it does too, but for the first
		// year of the calendar's range.
		return Period{Label: label, Window: p.Window, Start: p.Start, End: p.Start}
	}
	return prev
}

// Months returns the calendar months of the twelve months ending with the
// month containing the instant just before end, oldest first, each as
// [start, end) in Vietnam time.
func Months(end time.Time) []Period {
	last := end.Add(-time.Nanosecond).In(calendar.Zone)
	first := time.Date(last.Year(), last.Month()-11, 1, 0, 0, 0, 0, calendar.Zone)
	out := make([]Period, 12)
	for i := range out {
		s := first.AddDate(0, i, 0)
		out[i] = Period{Label: s.Format("2006-01"), Window: WindowCalendar, Start: s, End: s.AddDate(0, 1, 0),
			From: s.Format(time.DateOnly), To: s.AddDate(0, 1, -1).Format(time.DateOnly), kind: 'M', year: s.Year(), index: int(s.Month())}
	}
	return out
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
