package app

import (
	"time"

	"hoso/iso"
	"hoso/store"
)

// isoNCSummary counts the nonconformities and corrective actions of an
// office raised in [from, to): what the management review, the summary and
// the view of the offices below read.
//
// Not built yet: it answers zeros until the nonconformity log lands.
func isoNCSummary(st *store.Store, office string, from, to time.Time, now time.Time) (iso.NCSummary, iso.ActionSummary, error) {
	return iso.NCSummary{}, iso.ActionSummary{}, nil
}
