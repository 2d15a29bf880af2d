package p2p

import (
	"strings"
	"time"

	"hoso/store"
)

// deviceRecords are the prefixes of the local settings that belong to the
// device rather than to the data: its enrolment, and what it told its
// peers and counted of them as itself. A copy of a data folder under a new
// identity drops them (ForgetDevice); the marks of what the folder holds
// (sync/mark/) stay true of the copy and are kept.
var deviceRecords = []string{store.LocalTrustRoot, store.LocalTrustChain, store.LocalTrustHubs, store.LocalSyncTokenPrefix, store.LocalSyncSentPrefix, store.LocalSyncBudgetPrefix}

// ForgetDevice removes the device's own local settings from a store that
// now belongs to another identity: the copy is not enrolled (its
// certificates were the original's) and has never synced with anyone.
func ForgetDevice(st *store.Store) error {
	var names []string
	for _, p := range deviceRecords {
		if !strings.HasSuffix(p, "/") {
			names = append(names, p)
			continue
		}
		ns, err := st.LocalNames(p)
		if err != nil {
			return err
		}
		names = append(names, ns...)
	}
	return st.DeleteLocal(names...)
}

// LastSeenSyncing returns the latest moment the store's own records show
// its device syncing, zero if they show none:
//
//   - the end of the last local calendar day on which it exchanged sync
//     bytes with a peer (the daily budget's record, kept for every peer
//     whether or not a budget is set; it says the day, not the hour);
//   - the time of the newest event it holds from another device, which
//     reached it by sync or a bundle after it was written.
//
// A backup holds these records as they stood when it was made.
func LastSeenSyncing(st *store.Store) time.Time {
	var last time.Time
	if names, err := st.LocalNames(store.LocalSyncBudgetPrefix); err == nil {
		for _, name := range names {
			raw, err := st.Local(name)
			if err != nil {
				continue
			}
			d, ok := decodeDaySpend(raw)
			if !ok || d.bytes <= 0 {
				continue
			}
			y, m, day := int(d.day/10000), time.Month(d.day/100%100), int(d.day%100)
			if end := time.Date(y, m, day+1, 0, 0, 0, 0, time.Local); end.After(last) {
				last = end
			}
		}
	}
	self := st.Self()
	for o, seq := range st.Vector() {
		if o == self || seq == 0 {
			continue
		}
		e, err := st.Event(o, seq)
		if err != nil {
			continue
		}
		if t := e.HLC.Time(); t.After(last) {
			last = t
		}
	}
	return last
}
