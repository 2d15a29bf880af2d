package plan

import (
	"strings"
	"time"

	"hoso/attach"
)

// Evidence backs a progress record: a text, a link to a record subject
// this system holds (an ISO process, a figure, a dossier), or a file (a
// signed decision, minutes) kept as a blob and synced after the record.
type Evidence struct {
	Text string      `json:"text,omitempty"`
	Link string      `json:"link,omitempty"`
	File *attach.Ref `json:"file,omitempty"`
}

// Progress is one record of an office's progress on a task.
type Progress struct {
	Plan     string     `json:"plan"`
	Task     string     `json:"task"`
	Office   string     `json:"office"`
	Status   string     `json:"status"`
	Note     string     `json:"note"`
	Evidence []Evidence `json:"evidence"`
	At       time.Time  `json:"at"`
	By       string     `json:"by"`
	// Seen is how many records of the office's progress on the task the
	// desk that wrote this one held when it wrote it (nil in records from
	// before it was kept). A record that saw fewer than precede it was
	// written offline beside another desk's: Conflict marks it, and the
	// office sees both and records again.
	Seen     *int `json:"seen,omitempty"`
	Conflict bool `json:"conflict,omitempty"`
}

// Validate checks a progress record's own fields.
func (p Progress) Validate() *RuleError {
	switch p.Status {
	case NotStarted, InProgress, Done:
	default:
		return ruleErr("status", "bad_status", "the status is not_started, in_progress or done")
	}
	if len(p.Evidence) > 20 {
		return ruleErr("evidence", "too_many", "at most 20 pieces of evidence")
	}
	for _, e := range p.Evidence {
		if strings.TrimSpace(e.Text) == "" && strings.TrimSpace(e.Link) == "" && e.File == nil {
			return ruleErr("evidence", "required", "a piece of evidence is a text, a link or a file")
		}
		if f := e.File; f != nil && (len(f.ID) != 64 || f.Size <= 0 || f.Name == "" || f.Type == "") {
			return ruleErr("evidence", "bad_file", "a file of evidence names its address, name, kind and size")
		}
	}
	return nil
}

// Due returns the day a task falls due in a quarter, and false when it has
// none there: no deadline, or a quarterly task not started yet.
func (d Deadline) Due(year, quarter int) (time.Time, bool) {
	switch {
	case d.Date != "":
		t, err := time.Parse(time.DateOnly, d.Date)
		return t, err == nil
	case d.QuarterlyFrom != "":
		fy, fq, err := ParseQuarter(d.QuarterlyFrom)
		if err != nil || year*4+quarter < fy*4+fq {
			return time.Time{}, false
		}
		day := d.ReportDay
		if day == 0 {
			day = DefaultReportDay
		}
		_, last := QuarterSpan(year, quarter)
		return time.Date(year, last.Month(), day, 0, 0, 0, 0, time.UTC), true
	}
	return time.Time{}, false
}

// Applies reports whether a task is due in a quarter at all: a quarterly
// task from a later quarter is not.
func (d Deadline) Applies(year, quarter int) bool {
	if d.QuarterlyFrom == "" {
		return true
	}
	_, ok := d.Due(year, quarter)
	return ok
}

// Cell is the matrix's status of an office's task in a quarter, judged on
// today (a calendar day, UTC midnight) from the office's progress records
// in the order written:
//   - a quarterly task is reported each quarter: done when a "done" record
//     falls in the quarter; otherwise late after its report day, due soon
//     within DueSoonDays of it, on track with a record in the quarter, not
//     reported without one;
//   - a dated task is done once done; otherwise late after its date, due
//     soon within DueSoonDays, on track with any record, not reported
//     without one;
//   - a task without a deadline is done, on track or not reported.
//
// A quarter in the past is judged on its last day, one in the future on
// its first: the matrix of Q4 2012 shows what was known when it closed.
func Cell(t Task, year, quarter int, progress []Progress, today time.Time) string {
	first, last := QuarterSpan(year, quarter)
	ref := today
	if ref.After(last) {
		ref = last
	}
	if ref.Before(first) {
		ref = first
	}
	end := last.AddDate(0, 0, 1)
	var latest *Progress
	for i := range progress {
		p := &progress[i]
		at := p.At
		if !at.Before(end) {
			continue
		}
		if t.Deadline.QuarterlyFrom != "" && at.Before(first) {
			continue
		}
		latest = p
	}
	if latest != nil && latest.Status == Done {
		return CellDone
	}
	due, dated := t.Deadline.Due(year, quarter)
	if dated {
		if ref.After(due) {
			return CellLate
		}
		if !due.After(ref.AddDate(0, 0, DueSoonDays)) {
			return CellDueSoon
		}
	}
	if latest != nil && latest.Status == InProgress {
		return CellOnTrack
	}
	return CellNotReported
}
