package report

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"

	"hoso/dossier"
)

// Column numbers of form II.06a, 3 to 13.
const (
	ColReceived       = 3  // received: total (= 4 + 5 + 6)
	ColOnline         = 4  // received in the period online
	ColInPerson       = 5  // received in the period in person or by post
	ColCarried        = 6  // carried over from the previous period
	ColResolved       = 7  // resolved: total (= 8 + 9 + 10)
	ColEarly          = 8  // resolved early
	ColOnTime         = 9  // resolved on time
	ColLate           = 10 // resolved late
	ColInProgress     = 11 // in progress: total (= 12 + 13)
	ColWithinTime     = 12 // in progress, within time
	ColOverdue        = 13 // in progress, overdue
	firstCol, lastCol = ColReceived, ColOverdue
)

// Counts are a row's columns 3 to 13; Counts[c-3] is column c.
type Counts [lastCol - firstCol + 1]int

// Col returns column c.
func (c *Counts) Col(col int) int { return c[col-firstCol] }

func (c *Counts) add(col int) { c[col-firstCol]++ }

// Plus returns the sum of two rows.
func (c Counts) Plus(o Counts) Counts {
	for i := range c {
		c[i] += o[i]
	}
	return c
}

// Row is one line of the report: a sector (lĩnh vực), or the total.
type Row struct {
	Sector string
	Counts Counts
}

// MarshalJSON writes a row as the CLI and the RPC give it: the sector and
// one key per column number, "3" to "13".
func (r Row) MarshalJSON() ([]byte, error) {
	sector, err := json.Marshal(r.Sector)
	if err != nil {
		return nil, err
	}
	b := append([]byte(`{"sector":`), sector...)
	for c := firstCol; c <= lastCol; c++ {
		b = fmt.Appendf(b, `,"%d":%d`, c, r.Counts.Col(c))
	}
	return append(b, '}'), nil
}

// UnmarshalJSON reads what MarshalJSON writes.
func (r *Row) UnmarshalJSON(b []byte) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	if err := json.Unmarshal(m["sector"], &r.Sector); err != nil {
		return fmt.Errorf("report row: sector: %w", err)
	}
	for c := firstCol; c <= lastCol; c++ {
		if err := json.Unmarshal(m[strconv.Itoa(c)], &r.Counts[c-firstCol]); err != nil {
			return fmt.Errorf("report row: column %d: %w", c, err)
		}
	}
	return nil
}

// Table is the report: one row per sector, sorted, and the total.
type Table struct {
	Rows  []Row `json:"rows"`
	Total Row   `json:"total"`
	// Withdrawn and Stopped count the dossiers that ended so in the period
	// (before its data date): received (column 3), then, under
	// EndedInNote, neither resolved nor in progress, which the note below
	// the table says; under EndedOnTime also in columns 7 and 9.
	Withdrawn int `json:"withdrawn"`
	Stopped   int `json:"stopped"`
	// EndedPlacement is the rule they were placed by.
	EndedPlacement string `json:"endedPlacement"`
}

// Input is what II.06a is computed from.
type Input struct {
	Facts  []Fact
	Period Period
	Rules  Rules
	// Sector names the sector of a procedure code; "" files the dossier
	// under OtherSector.
	Sector func(procedure string) string
}

// OtherSector is the row of dossiers whose procedure has no sector.
const OtherSector = "Khác"

// counted is when a fact counts as received under the rules.
func counted(f *Fact, r Rules) int64 {
	if r.CountFromReceptionDay && f.Counted != 0 {
		return f.Counted
	}
	return f.Received
}

// resolvedAt is when a fact counts as resolved: never before it counts as
// received, so that a dossier is not resolved in a period before the one it
// was received in.
func resolvedAt(f *Fact, r Rules) int64 {
	if f.Resolved == 0 {
		return 0
	}
	return max(f.Resolved, counted(f, r))
}

// closedAt is when a withdrawn or stopped dossier counts as ended: never
// before it counts as received, like resolvedAt. 0 for one not closed.
func closedAt(f *Fact, r Rules) int64 {
	if f.Closed == 0 {
		return 0
	}
	return max(f.Closed, counted(f, r))
}

// InProgressAt reports whether the dossier was being processed at the
// instant t: received before t, not resolved and not closed before t.
func InProgressAt(f *Fact, t int64, r Rules) bool {
	if counted(f, r) >= t {
		return false
	}
	if res := resolvedAt(f, r); res != 0 && res < t {
		return false
	}
	return f.Closed == 0 || f.Closed >= t
}

// dueAt is the due date in force just before t on the timing basis, 0 if
// none: the last of the history's entries set before t, the apologies'
// new dates included only on the current basis.
func dueAt(f *Fact, t int64, basis dossier.TimingBasis) int64 {
	due, from := int64(0), int64(math.MinInt64)
	for _, d := range f.Dues {
		if d[0] < t {
			due, from = d[1], d[0]
		}
	}
	if basis == dossier.TimingBasisCurrent {
		for _, d := range f.NewDues {
			if d[0] < t && d[0] >= from {
				due, from = d[1], d[0]
			}
		}
	}
	return due
}

// pausedAt reports whether the dossier waited for the citizen at t.
func pausedAt(f *Fact, t int64) bool {
	for _, p := range f.Pauses {
		if p[0] < t && (p[1] == 0 || p[1] >= t) {
			return true
		}
	}
	return false
}

// vnDay is the Vietnam calendar day of the Unix time t, as a day number.
func vnDay(t int64) int64 {
	const offset = 7 * 3600 // calendar.Zone, which has no daylight saving
	d := t + offset
	if d < 0 {
		return (d - 86399) / 86400
	}
	return d / 86400
}

// OverdueAt reports whether a dossier in progress at t was past its due
// date then on the rules' timing basis: the due day is a past day at t, so
// that a result at t would be late (dossier.Classify: any time on the due
// day is on time). A dossier waiting for the citizen is not overdue, nor is
// one whose due date is still to come at t, however soon it comes after.
func OverdueAt(f *Fact, t int64, r Rules) bool {
	due := dueAt(f, t, r.TimingBasis)
	return due != 0 && vnDay(due) < vnDay(t) && !pausedAt(f, t)
}

// Columns returns the columns of II.06a a fact counts in for the period p,
// in order, counting what happened before the period's data date (Cut) and
// judging the dossiers in progress there. A dossier withdrawn or stopped
// counts as received, and then, under EndedInNote, neither as resolved nor
// in progress, under EndedOnTime as resolved on time; a refusal counts as
// resolved. Results are judged on the rules' timing basis.
func Columns(f *Fact, p Period, r Rules) []int {
	start, end := p.Start.Unix(), p.Cut().Unix()
	var cols []int
	switch c := counted(f, r); {
	case c >= start && c < end:
		cols = append(cols, ColReceived)
		if f.Online {
			cols = append(cols, ColOnline)
		} else {
			cols = append(cols, ColInPerson)
		}
	case InProgressAt(f, start, r):
		cols = append(cols, ColReceived, ColCarried)
	}
	if res := resolvedAt(f, r); res >= start && res < end {
		cols = append(cols, ColResolved)
		switch f.TimingBy(r.TimingBasis) {
		case dossier.TimingEarly:
			cols = append(cols, ColEarly)
		case dossier.TimingOnTime:
			cols = append(cols, ColOnTime)
		default:
			// A result without a due date to measure against is not
			// early; count it late rather than lose it from the total.
			cols = append(cols, ColLate)
		}
	}
	if r.EndedPlacement == EndedOnTime && endedIn(f, start, end, r) {
		cols = append(cols, ColResolved, ColOnTime)
	}
	if InProgressAt(f, end, r) {
		cols = append(cols, ColInProgress)
		if OverdueAt(f, end, r) {
			cols = append(cols, ColOverdue)
		} else {
			cols = append(cols, ColWithinTime)
		}
	}
	return cols
}

// endedIn reports whether the fact was withdrawn or stopped in [start,
// end).
func endedIn(f *Fact, start, end int64, r Rules) bool {
	c := closedAt(f, r)
	return c != 0 && c >= start && c < end
}

// Compute returns II.06a for the facts: one row per sector that has any
// count, sorted by name with OtherSector last, and the total.
func Compute(in Input) Table {
	rules := in.Rules.Normalized()
	bySector := map[string]*Counts{}
	var total Counts
	t := Table{Rows: []Row{}, EndedPlacement: rules.EndedPlacement}
	start, end := in.Period.Start.Unix(), in.Period.Cut().Unix()
	for i := range in.Facts {
		f := &in.Facts[i]
		if endedIn(f, start, end, rules) {
			if f.Stopped {
				t.Stopped++
			} else {
				t.Withdrawn++
			}
		}
		cols := Columns(f, in.Period, rules)
		if len(cols) == 0 {
			continue
		}
		sector := ""
		if in.Sector != nil {
			sector = in.Sector(f.Procedure)
		}
		if sector == "" {
			sector = OtherSector
		}
		c := bySector[sector]
		if c == nil {
			c = &Counts{}
			bySector[sector] = c
		}
		for _, col := range cols {
			c.add(col)
			total.add(col)
		}
	}
	t.Total = Row{Sector: "Tổng cộng", Counts: total}
	for s, c := range bySector {
		t.Rows = append(t.Rows, Row{Sector: s, Counts: *c})
	}
	slices.SortFunc(t.Rows, func(a, b Row) int {
		switch {
		case a.Sector == b.Sector:
			return 0
		case a.Sector == OtherSector:
			return 1
		case b.Sector == OtherSector:
			return -1
		case a.Sector < b.Sector:
			return -1
		}
		return 1
	})
	return t
}

// Within reports whether the unix time t lies in [start, end).
func Within(t int64, start, end time.Time) bool { return t >= start.Unix() && t < end.Unix() }
