package store

import (
	"fmt"
)

// Profile is the kind of machine a store is tuned for: Badger's memory
// (memtables, caches, the tables compactions build) is set per profile in
// badgerOptions, and a node sets its Go memory limit from the profile's
// budget.
type Profile int

// The profiles. The zero value is the desk's.
const (
	// ProfileDesk is a commune's desk PC: a few years of one office's
	// history, little memory to spare beside the desktop app.
	ProfileDesk Profile = iota
	// ProfileHub is a district or provincial server: every desk's history
	// below it, for years.
	ProfileHub
)

// ParseProfile reads "desk" or "hub"; "" is the desk's.
func ParseProfile(s string) (Profile, error) {
	switch s {
	case "", "desk":
		return ProfileDesk, nil
	case "hub":
		return ProfileHub, nil
	}
	return ProfileDesk, fmt.Errorf("store profile %q: want desk or hub", s)
}

// String names the profile as ParseProfile reads it.
func (p Profile) String() string {
	if p == ProfileHub {
		return "hub"
	}
	return "desk"
}

// BudgetMB is the peak resident memory a node of this profile must stay
// under whatever its history's size (issue 19): 150 MB on a desk, 600 MB
// on a hub, the program's own pages and Badger's mapped files included.
func (p Profile) BudgetMB() int {
	if p == ProfileHub {
		return 600
	}
	return 150
}
