package syncproto

import (
	"crypto/ed25519"
	"maps"
	"strings"
	"testing"
	"time"

	"hoso/store"
	"hoso/trust"
)

// KeepChain keeps a chain a batch carried in the node's book (Keeper).
func (n *testNode) KeepChain(ch trust.Chain) {
	var o store.Origin
	copy(o[:], ch.Leaf().Subject)
	n.book.mu.Lock()
	defer n.book.mu.Unlock()
	if _, ok := n.book.m[o]; !ok {
		n.book.m[o] = ch
	}
}

// issueTo certifies a new device at path under by's chain.
func issueTo(t testing.TB, name string, by *testNode, path string, role trust.Role, book *testBook) *testNode {
	t.Helper()
	_, k, _ := ed25519.GenerateKey(nil)
	ch, err := trust.Issue(by.key, by.chain, k.Public().(ed25519.PublicKey), path, role, time.Now(), 30)
	if err != nil {
		t.Fatal(err)
	}
	return newTestNode(t, name, k, ch, book)
}

// recordCert writes a device's certificate record as office owner, the
// way package p2p's RecordCertificate does.
func recordCert(t testing.TB, by *testNode, owner string, of *testNode) {
	t.Helper()
	if _, err := by.st.Append(store.Draft{Actor: "u", Owner: owner, Kind: "trust.enrolled", Subject: "cert/" + of.name, Body: of.chain.Encode()}); err != nil {
		t.Fatal(err)
	}
}

// certSubjects returns the certificate records a node holds.
func certSubjects(t testing.TB, n *testNode) []string {
	t.Helper()
	var out []string
	for _, name := range []string{"district", "district 406", "commune A", "commune B", "commune C", "desk A2"} {
		if n.count(t, "cert/"+name) > 0 {
			out = append(out, name)
		}
	}
	return out
}

// A commune desk's first sync carries the certificates of its own branch
// of the office tree only: in a province of three branches (communes A and
// B of district 405, commune C of district 406), commune A's desk receives
// its district's, its commune's and its own, not B's, C's or district
// 406's, though the province issued them all (its reference data). A
// province that keeps a PlainIndex reads only those three.
func TestCertificatesReachTheirBranchOnly(t *testing.T) {
	t.Parallel()
	for _, indexed := range []bool{false, true} {
		pv := newTestProvince(t)
		if indexed {
			pv.p.plain = NewPlainIndex(pv.p.st)
		}
		d2 := issueTo(t, "district 406", pv.p, "38/406", trust.RoleDistrict, pv.book)
		c := issueTo(t, "commune C", d2, "38/406/38003", trust.RoleCommune, pv.book)
		desk := issueTo(t, "desk A2", pv.a, "38/405/38001", trust.RoleDesk, pv.book)
		for _, n := range []*testNode{pv.d, d2, pv.a, pv.b, c, desk} {
			recordCert(t, pv.p, "38", n)
		}
		_, err, sst, serr := exchange(t, desk, pv.p, nil)
		if err != nil || serr != nil {
			t.Fatalf("desk A2 pulls from the province: %v %v", err, serr)
		}
		got := certSubjects(t, desk)
		want := []string{"district", "commune A", "desk A2"}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("indexed %v: desk A2 received the certificates of %q, want %q", indexed, got, want)
		}
		// With its index the province reads the three it sends, not the
		// others' (the cost of enrolling N desks was N×N/2 reads).
		if want := map[bool]int{false: 6, true: 3}[indexed]; sst.Read != want {
			t.Errorf("indexed %v: the province read %d events to answer desk A2, want %d", indexed, sst.Read, want)
		}
		// The province and the district see their whole branch.
		if _, err, _, serr := exchange(t, pv.d, pv.p, nil); err != nil || serr != nil {
			t.Fatalf("the district pulls from the province: %v %v", err, serr)
		}
		got = certSubjects(t, pv.d)
		want = []string{"district", "commune A", "commune B", "desk A2"}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("indexed %v: district 405 received the certificates of %q, want %q", indexed, got, want)
		}
	}
}

// A commune relays a dossier transferred from a commune of another branch
// to its own desk, though neither holds that commune's certificate record:
// the batch that brought it carried the writer's chain, the commune kept
// it (Keeper) and attaches it when it serves the events on.
func TestRelayedTransferCarriesTheKeptChain(t *testing.T) {
	t.Parallel()
	pv := newTestProvince(t)
	// Commune A and its desk know the province, the district and their
	// own commune: not commune B.
	own := &testBook{root: pv.book.root, m: maps.Clone(pv.book.m)}
	delete(own.m, pv.b.origin())
	pv.a.book = own
	desk := issueTo(t, "desk A2", pv.a, "38/405/38001", trust.RoleDesk, own)
	// The desk has its own book: what commune A keeps is not the desk's.
	desk.book = &testBook{root: own.root, m: maps.Clone(own.m)}
	pv.b.write(t, 2, "dossier/B1", "38002", "38001")
	for _, hop := range [][2]*testNode{{pv.d, pv.b}, {pv.a, pv.d}, {desk, pv.a}} {
		if _, err, _, serr := exchange(t, hop[0], hop[1], nil); err != nil || serr != nil {
			t.Fatalf("%s pulls from %s: %v %v", hop[0].name, hop[1].name, err, serr)
		}
	}
	if got := desk.count(t, "dossier/B1"); got != 2 {
		t.Errorf("desk A2 holds %d events of the transferred dossier, want 2", got)
	}
	for _, n := range []*testNode{pv.a, desk} {
		if _, ok := n.book.get(pv.b.origin()); !ok {
			t.Errorf("%s did not keep commune B's chain", n.name)
		}
	}
}
