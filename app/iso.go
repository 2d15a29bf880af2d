package app

import (
	"sync"
	"time"
)

// Iso is the office's quality system (TCVN ISO 9001:2015, the ISO screen):
// documented processes (iso_process.go), quality objectives
// (iso_objectives.go), nonconformities and corrective actions
// (iso_nc.go, iso_actions.go), internal audits (iso_audit.go), management
// reviews (iso_review.go), the register of records (iso_records.go) and
// the view of the offices below (iso_tree.go). Its records are signed
// events like a dossier's, folded by the projections those files name and
// listed in Schema; its rules are package iso's.
type Iso struct {
	core    *Core
	cal     *Calendar
	reports *Reports
	print   *Print
	now     func() time.Time
	// mu makes each read-check-append of a quality record one step on
	// this desk; two desks' concurrent edits meet as conflicts in the fold.
	mu sync.Mutex
}

// NewIso returns the Iso service. It reads the dossiers' facts through
// reports (the same figures as II.06a and the dashboard) and prints
// through print.
func NewIso(core *Core, cal *Calendar, reports *Reports, print *Print, now func() time.Time) *Iso {
	if now == nil {
		now = time.Now
	}
	return &Iso{core: core, cal: cal, reports: reports, print: print, now: now}
}
