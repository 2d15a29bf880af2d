package p2p

import "testing"

// The access log (app/access_log.go) is a record owned by the office of
// the user who accessed the data: it reaches the offices above, which
// inspect, and never a sibling or an office below.
func TestAccessLogSyncsUp(t *testing.T) {
	pv := newProvince(t)
	link(t, pv.a, pv.d)
	link(t, pv.b, pv.d)
	link(t, pv.d, pv.p)
	write(t, pv.a, "access/38001/261127-0123456789abcdef", "access.read", "38001")
	write(t, pv.d, "access/405/261127-fedcba9876543210", "access.exported", "405")

	for _, pair := range [][2]*node{{pv.d, pv.a}, {pv.d, pv.b}, {pv.p, pv.d}, {pv.a, pv.d}, {pv.b, pv.d}} {
		pull(t, pair[0], pair[1])
	}
	commune, district := "access/38001/261127-0123456789abcdef", "access/405/261127-fedcba9876543210"
	if count(t, pv.d, commune) != 1 || count(t, pv.p, commune) != 1 {
		t.Fatalf("the commune's access log did not reach the district (%d) and the province (%d)", count(t, pv.d, commune), count(t, pv.p, commune))
	}
	if count(t, pv.p, district) != 1 {
		t.Fatal("the district's access log did not reach the province")
	}
	if count(t, pv.b, commune) != 0 || count(t, pv.a, district) != 0 || count(t, pv.b, district) != 0 {
		t.Fatal("an access log went sideways or down")
	}
}
