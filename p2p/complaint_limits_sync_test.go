package p2p

import (
	"crypto/ed25519"
	"testing"

	"hoso/app"
	"hoso/complaint"
	"hoso/trust"
)

// TestComplaintLimitsSetAtTheProvinceReachACommune: the complaint legal
// times the province sets reach a commune by sync and govern it; limits a
// commune sets govern it alone, and never reach another commune.
func TestComplaintLimitsSetAtTheProvinceReachACommune(t *testing.T) {
	pk, plk := newKey(t)
	root, err := trust.NewRoot(pk, "38", testNow, 10)
	if err != nil {
		t.Fatal(err)
	}
	p := startAppNode(t, "province", pk, plk, &Enrolment{Root: pk.Public().(ed25519.PublicKey), Chain: trust.Chain{root}},
		app.OfficeRecord{Code: "38", Name: "UBND tỉnh Thanh Hóa"})
	issue := func(name string, by *appNode, path string, role trust.Role, office app.OfficeRecord) *appNode {
		k, lk := newKey(t)
		ch, err := trust.Issue(by.key, by.en.Chain, k.Public().(ed25519.PublicKey), path, role, testNow, 30)
		if err != nil {
			t.Fatal(err)
		}
		n := startAppNode(t, name, k, lk, &Enrolment{Root: p.en.Root, Chain: ch}, office)
		if err := RecordCertificate(by.st, "admin", by.en.Chain.Leaf().Office(), ch); err != nil {
			t.Fatal(err)
		}
		return n
	}
	d := issue("district", p, "38/405", trust.RoleDistrict, app.OfficeRecord{Code: "405", Name: "UBND huyện Đông Sơn", Parent: "38"})
	a := issue("commune A", d, "38/405/38001", trust.RoleCommune, app.OfficeRecord{Code: "38001", Name: "UBND xã Đông Hòa", Parent: "405"})
	b := issue("commune B", d, "38/405/38002", trust.RoleCommune, app.OfficeRecord{Code: "38002", Name: "UBND xã Đông Yên", Parent: "405"})
	link(t, a.node, d.node)
	link(t, b.node, d.node)
	link(t, d.node, p.node)
	syncAll := func() {
		for _, pair := range [][2]*appNode{{d, p}, {d, a}, {d, b}, {p, d}, {a, d}, {b, d}} {
			pull(t, pair[0].node, pair[1].node)
		}
	}
	answer := func(n *appNode) int {
		t.Helper()
		var r app.LimitsReply
		n.rpc(t, "Complaints.Limits", app.LimitsRequest{}, &r)
		return r.InForce.Limits.Answer
	}
	syncAll()
	p.rpc(t, "Complaints.SetLimits", complaint.LimitsSet{Limits: complaint.Limits{Refuse: 2, AskMore: 5, Answer: 10, Publish: 2}, Basis: "Quyết định của UBND tỉnh"}, nil)
	if got := answer(a); got != 15 {
		t.Fatalf("commune A before sync: answer in %d", got)
	}
	syncAll()
	for _, n := range []*appNode{p, d, a, b} {
		if got := answer(n); got != 10 {
			t.Errorf("%s after the province's limits: answer in %d, want 10", n.name, got)
		}
	}
	// Commune A sets its own: they govern A alone; the district holds
	// them and does not apply them; commune B never receives them.
	a.rpc(t, "Complaints.SetLimits", complaint.LimitsSet{Limits: complaint.Limits{Refuse: 2, AskMore: 5, Answer: 12, Publish: 2}, Basis: "Quyết định của UBND xã"}, nil)
	syncAll()
	if got := answer(a); got != 12 {
		t.Errorf("commune A after its own: answer in %d, want 12", got)
	}
	for _, n := range []*appNode{p, d, b} {
		if got := answer(n); got != 10 {
			t.Errorf("%s after commune A's limits: answer in %d, want 10", n.name, got)
		}
	}
	if count(t, d.node, complaint.LimitsPrefix+"38001") != 1 {
		t.Fatal("the commune's limits did not reach the district, so the test proves nothing")
	}
	if count(t, b.node, complaint.LimitsPrefix+"38001") != 0 {
		t.Error("commune B received commune A's limits")
	}
}
