package iso

import "time"

// NCSummary counts an office's nonconformities raised in a period.
type NCSummary struct {
	Open   int `json:"open"`
	Closed int `json:"closed"`
	Auto   int `json:"auto"`
	Manual int `json:"manual"`
}

// ActionSummary counts an office's corrective actions: open, open past
// their due date, closed, and closed and found effective.
type ActionSummary struct {
	Open      int `json:"open"`
	Overdue   int `json:"overdue"`
	Closed    int `json:"closed"`
	Effective int `json:"effective"`
}

// AuditSummary is what an office's internal audits of a period come to.
type AuditSummary struct {
	// Last is when the last audit of the period was reported; nil when
	// none was.
	Last     *time.Time `json:"last,omitempty"`
	Audits   int        `json:"audits"`
	Findings int        `json:"findings"`
	// Nonconformities counts the findings that raised one.
	Nonconformities int `json:"nonconformities"`
}
