package app

import (
	"time"

	"hoso/iso"
	"hoso/store"
)

// isoAuditSummary is what an office's internal audits reported in
// [from, to) come to: what the management review, the summary and the view
// of the offices below read.
//
// Not built yet: it answers none until internal audits land.
func isoAuditSummary(st *store.Store, office string, from, to time.Time) (iso.AuditSummary, error) {
	return iso.AuditSummary{}, nil
}
