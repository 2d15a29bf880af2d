package store

import (
	"strings"
	"testing"
)

// pinnedName is a stored name as the code spells it and as desks hold it;
// family is true for a prefix whose members follow it.
type pinnedName struct {
	name, want string
	family     bool
}

// The meta and local setting names are stored on every desk: renaming one
// strands what old desks wrote under it. These tables pin each name; a
// change here needs a migration in migrate.go.
var metaNames = []pinnedName{
	{metaSchema, "schema", false},
	{metaHLC, "hlc", false},
	{metaWrites, "writes", false},
	{metaMigrateChunked, "migrate/chunked", false},
	{metaProjectionPrefix, "projection/", true},
}

var localNames = []pinnedName{
	{LocalLanguage, "language", false},
	{LocalOfficeCode, "office.code", false},
	{LocalOfficeName, "office.name", false},
	{LocalDeskIndex, "desk.index", false},
	{LocalAuthFailuresPrefix, "auth.failures/", true},
	{LocalPrintLogPrefix, "print.count/", true},
	{LocalTrustRoot, "trust/root", false},
	{LocalTrustChain, "trust/chain", false},
	{LocalTrustHubs, "trust/hubs", false},
	{LocalSyncTokenPrefix, "sync/token/", true},
	{LocalSyncSentPrefix, "sync/sent/", true},
	{LocalSyncMarkPrefix, "sync/mark/", true},
	{LocalSyncBudgetPrefix, "sync/budget/", true},
	{LocalSyncDailyBudget, "sync/daily-budget", false},
	{LocalISOScanPrefix, "iso/ncscan/", true},
}

// TestStoredNamesPinned checks that no meta or local name changed and that
// no name falls inside a family of another: a fixed name under a family's
// prefix would be listed (LocalNames) and dropped (p2p.ForgetDevice) with
// the family's members.
func TestStoredNamesPinned(t *testing.T) {
	for _, list := range [][]pinnedName{metaNames, localNames} {
		for _, n := range list {
			if n.name != n.want {
				t.Errorf("name %q changed to %q: old desks keep the old one", n.want, n.name)
			}
			if n.family != strings.HasSuffix(n.name, "/") {
				t.Errorf("%q: a family's prefix, and only one, ends in /", n.name)
			}
		}
		for i, a := range list {
			for j, b := range list {
				if i != j && a.family && strings.HasPrefix(b.name, a.name) {
					t.Errorf("%q falls inside the family %q", b.name, a.name)
				}
			}
		}
	}
}

// TestLocalFamilyMembers checks that the name of each family member
// starts with its family's prefix and carries the member whole.
func TestLocalFamilyMembers(t *testing.T) {
	var o Origin
	o[0], o[31] = 0xab, 0x01
	for _, c := range []struct{ got, want string }{
		{LocalAuthFailures("lan"), "auth.failures/lan"},
		{LocalPrintLog("01/38001-2501-0001"), "print.count/01/38001-2501-0001"},
		{LocalSyncToken("12D3KooW"), "sync/token/12D3KooW"},
		{LocalSyncSent("12D3KooW"), "sync/sent/12D3KooW"},
		{LocalSyncBudget("12D3KooW"), "sync/budget/12D3KooW"},
		{LocalSyncMark(o), "sync/mark/ab" + strings.Repeat("00", 30) + "01"},
		{LocalISOScan("38001-261207-0001"), "iso/ncscan/38001-261207-0001"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
