package app

import (
	"hoso/iso"
	"hoso/store"
)

// isoProcessCounts counts an office's documented processes by state: with
// a revision in force, with a draft waiting for approval, and the
// superseded revisions kept. The summary, the offices-below view and the
// yearly report read it from the processes' projection.
func isoProcessCounts(st *store.Store, office string) (inForce, draft, superseded int, err error) {
	hits, err := st.Scan(isoProcessProjID, isoProcessIndex, store.ScanOptions{Prefix: []byte(office + "/")})
	if err != nil {
		return 0, 0, 0, Wrap(CodeInternal, err, "counting the processes")
	}
	for _, h := range hits {
		var p iso.Process
		if _, err := readState(st, isoProcessProjID, h.Subject, &p); err != nil {
			return 0, 0, 0, err
		}
		if _, ok := p.InForce(); ok {
			inForce++
		}
		if _, ok := p.Pending(); ok {
			draft++
		}
		for _, r := range p.Revisions {
			if r.State == iso.StateSuperseded {
				superseded++
			}
		}
	}
	return inForce, draft, superseded, nil
}
