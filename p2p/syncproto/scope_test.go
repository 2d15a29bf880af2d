package syncproto

import "testing"

// Covers and Above compare office paths segment by segment: a commune
// code that merely starts like another's is neither below nor above it.
func TestScopeComparesWholeSegments(t *testing.T) {
	t.Parallel()
	cases := []struct {
		scope, p      string
		covers, above bool
	}{
		{"38/405", "38/405", true, true},
		{"38/405", "38/405/38001", true, false},
		{"38/405", "38/4050", false, false},
		{"38/405", "38/4050/1", false, false},
		{"38/405", "38", false, true},
		{"38/405", "38/40", false, false},
		{"38/405/38001", "38/405", false, true},
		{"38/405/38001", "38/405/380011", false, false},
		{"38", "38/405/38001", true, false},
		{"38", "380", false, false},
		{"38/405", "", false, false},
	}
	for _, c := range cases {
		sc := PathScope(c.scope)
		if got := sc.Covers(c.p); got != c.covers {
			t.Errorf("scope %q covers %q: %v, want %v", c.scope, c.p, got, c.covers)
		}
		if got := sc.Above(c.p); got != c.above {
			t.Errorf("%q above scope %q: %v, want %v", c.p, c.scope, got, c.above)
		}
	}
}
