package node

import (
	"os"
	"runtime/debug"

	"hoso/app"
	"hoso/p2p"
	"hoso/store"
	"hoso/trust"
)

// gcPercent is the heap growth, over what is live, at which the collector
// runs: Go's default is 100.
const gcPercent = 30

// TuneMemory makes the collector run when the heap has grown by 30% over
// what is live, unless the GOGC environment variable says otherwise. A node
// mostly holds Badger's short-lived buffers (tables being built, batches
// being read): with Go's default the heap grows to twice them before it is
// collected, which on a desk PC with little memory matters more than the
// few percent of CPU the collector costs (sync benchmark, 50k dossiers:
// peak ~250 → ~185 MB a side). Call it once, from main.
func TuneMemory() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
}

// memLimitPercent is the share of a profile's memory budget given to the
// Go runtime as its soft limit: the rest is for what the runtime does not
// count, Badger's mapped files (tables paged in by reads, the memtables'
// write-ahead files) and the program's text.
const memLimitPercent = 60

// LimitMemory sets the Go runtime's soft memory limit to 60% of the
// profile's budget (store.Profile.BudgetMB: 90 MB on a desk, 360 MB on a
// hub), unless the GOMEMLIMIT environment variable says otherwise, and
// returns the limit in bytes. Near the limit the collector runs more
// often instead of letting the heap double (GOGC), so a burst of
// compactions is collected before it is paid for twice; it is a soft
// limit, so a node whose live heap needs more runs slower, it does not
// fail. Call it once the profile is known.
func LimitMemory(p store.Profile) int64 {
	if os.Getenv("GOMEMLIMIT") != "" {
		return debug.SetMemoryLimit(-1)
	}
	limit := int64(p.BudgetMB()) << 20 * memLimitPercent / 100
	debug.SetMemoryLimit(limit)
	return limit
}

// UseProfile tunes the node for profile p: its store is opened again with
// p's Badger options when it was opened with another's (a node opens as a
// desk, and learns it is a hub from its enrolment, inside the store), and
// the Go memory limit is set from p's budget (LimitMemory). Call it before
// anything else holds n.Store.
func (n *Node) UseProfile(p store.Profile) error {
	if n.storeOpts.Profile != p {
		if err := n.Store.Close(); err != nil {
			return app.Wrap(app.CodeDataUnavailable, err, "cannot close the database to open it as a "+p.String())
		}
		opts := n.storeOpts
		opts.Profile = p
		st, err := store.Open(opts)
		if err != nil {
			return app.Wrap(app.CodeDataUnavailable, err, "cannot open the database as a "+p.String())
		}
		n.Store, n.storeOpts = st, opts
	}
	LimitMemory(p)
	return nil
}

// Profile is the store profile the node's store is open with.
func (n *Node) Profile() store.Profile { return n.storeOpts.Profile }

// EnrolledProfile is the store profile the node's enrolment calls for: a
// hub's for a folder enrolled as the province (root) or a district, a
// desk's otherwise (a commune, a desk, or a folder not enrolled yet), as
// serve chooses.
func (n *Node) EnrolledProfile() store.Profile {
	en, err := p2p.LoadEnrolment(n.Store)
	if err != nil || en == nil {
		return store.ProfileDesk
	}
	switch en.Chain.Leaf().Role {
	case trust.RoleRoot, trust.RoleDistrict:
		return store.ProfileHub
	}
	return store.ProfileDesk
}

// UseEnrolledProfile tunes the node for the profile its enrolment calls
// for (EnrolledProfile, UseProfile): the desktop app calls it when it has
// opened its folder, so a desk PC's Go heap is held to the desk's budget
// as a served node's is.
func (n *Node) UseEnrolledProfile() error { return n.UseProfile(n.EnrolledProfile()) }
