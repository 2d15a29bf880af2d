package app

import "hoso/store"

// isoProcessCounts counts an office's documented processes by state: in
// force, drafted (not approved yet) and superseded. The summary reads it;
// the processes' own projection answers it.
//
// Filled when processes land: until the documented processes are merged
// it answers zeros, and the lead wires it to their projection.
func isoProcessCounts(st *store.Store, office string) (inForce, draft, superseded int, err error) {
	return 0, 0, 0, nil
}
