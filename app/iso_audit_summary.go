package app

import (
	"time"

	"hoso/iso"
	"hoso/store"
)

// isoAuditSummary is what an office's internal audits reported in
// [from, to) come to: what the management review, the summary and the view
// of the offices below read.
func isoAuditSummary(st *store.Store, office string, from, to time.Time) (iso.AuditSummary, error) {
	var s iso.AuditSummary
	audits, err := officeAudits(st, office)
	if err != nil {
		return s, err
	}
	for _, a := range audits {
		s.Add(a, from, to)
	}
	return s, nil
}
