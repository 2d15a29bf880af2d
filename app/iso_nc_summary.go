package app

import (
	"time"

	"hoso/iso"
	"hoso/store"
)

// isoNCSummary counts the nonconformities and corrective actions of an
// office raised in [from, to): what the management review, the summary and
// the view of the offices below read. It reads the log as it stands,
// without running the automatic rules (a reader must not write). Open and
// closed count by where each stands now (closed includes those found not
// to be a nonconformity); actions count by when they were opened, overdue
// judged at now, effective by their last check.
func isoNCSummary(st *store.Store, office string, from, to time.Time, now time.Time) (iso.NCSummary, iso.ActionSummary, error) {
	in := func(t time.Time) bool { return !t.Before(from) && t.Before(to) }
	var ns iso.NCSummary
	var as iso.ActionSummary
	ncs, err := officeNCs(st, office)
	if err != nil {
		return ns, as, err
	}
	for _, n := range ncs {
		if !in(n.RaisedAt) {
			continue
		}
		if n.Open() {
			ns.Open++
		} else {
			ns.Closed++
		}
		if n.Source.Auto() {
			ns.Auto++
		} else {
			ns.Manual++
		}
	}
	acts, err := officeActions(st, office)
	if err != nil {
		return ns, as, err
	}
	for _, a := range acts {
		if !in(a.At) {
			continue
		}
		switch {
		case a.Closed == nil && a.Overdue(now):
			as.Open++
			as.Overdue++
		case a.Closed == nil:
			as.Open++
		default:
			as.Closed++
			if a.Check != nil && a.Check.Effective {
				as.Effective++
			}
		}
	}
	return ns, as, nil
}
