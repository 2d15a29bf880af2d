package node

import (
	"hoso/app"
	"hoso/p2p/bundle"
)

// importResult is the reply to a bundle import: what it held and brought,
// and what of it was not imported and why (issue 15 item 3).
func importResult(st bundle.Stats) app.BundleResult {
	res := app.BundleResult{Events: st.Events, Added: st.Added, Bytes: st.Bytes}
	for _, k := range st.Skipped {
		res.Skipped = append(res.Skipped, app.BundleSkip{Reason: k.Reason, Events: k.Events, Subjects: k.Subjects, Listed: k.Listed})
	}
	return res
}
