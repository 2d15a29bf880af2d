package p2p

import (
	"bytes"
	"crypto/ed25519"
	"fmt"
	"maps"
	"slices"
	"testing"

	hsb "hoso/p2p/bundle"
	"hoso/p2p/syncproto"
	"hoso/store"
	"hoso/trust"
)

// A bundle that carries events its importer may not hold (written by a
// release that did not filter, or by a node whose office records differ)
// is imported but for them, and the reply says which and why: the counts
// per reason and the subjects, the first 50 of them listed.
func TestBundleImportSaysWhatItSkips(t *testing.T) {
	t.Parallel()
	pv := newProvince(t)
	for i := range 55 {
		write(t, pv.a, fmt.Sprintf("dossier/A%02d", i), "dossier.step", "38001")
	}
	write(t, pv.a, "dossier/A00", "dossier.step", "38001")
	write(t, pv.a, "dossier/T1", "dossier.transferred", "38001", "38002")
	// Written by commune A's device for commune B's office: the writer
	// leaves it out (syncproto.Accepted).
	write(t, pv.a, "dossier/W1", "dossier.step", "38002")

	// Sealed to commune B but of everything commune A holds: what the
	// export side no longer writes (TestBundleForPeerHoldsWhatSyncSends).
	var buf bytes.Buffer
	sc := syncproto.NewScope("38", offices)
	if _, err := pv.a.sync.bundler().Write(&buf, pv.b.en.Chain, sc, map[store.Origin]uint64{}); err != nil {
		t.Fatal(err)
	}
	got, err := pv.b.sync.ImportBundle(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if got.Added != 1 || got.Events != 1 || count(t, pv.b, "dossier/T1") != 1 {
		t.Errorf("imported %+v, want the transferred dossier's one event", got)
	}
	if len(got.Skipped) != 1 {
		t.Fatalf("skipped %+v, want one reason", got.Skipped)
	}
	sk := got.Skipped[0]
	if count(t, pv.b, "dossier/W1") != 0 || slices.Contains(sk.Listed, "dossier/W1") {
		t.Errorf("dossier/W1, written for another office, reached the bundle: %+v", sk)
	}
	if sk.Reason != hsb.SkipOutOfScope || sk.Events != 56 || sk.Subjects != 55 || len(sk.Listed) != 50 {
		t.Errorf("skipped %s: %d events, %d subjects, %d listed; want out-of-scope, 56, 55, 50", sk.Reason, sk.Events, sk.Subjects, len(sk.Listed))
	}
	if !slices.Contains(sk.Listed, "dossier/A00") || slices.Contains(sk.Listed, "dossier/T1") {
		t.Errorf("listed %v", sk.Listed)
	}
	for i := range 55 {
		if n := count(t, pv.b, fmt.Sprintf("dossier/A%02d", i)); n != 0 {
			t.Fatalf("commune B stored %d events of commune A's dossier A%02d", n, i)
		}
	}
	if !pv.b.logs.has("not imported (out-of-scope)") {
		t.Error("the skip is not logged")
	}

	// Imported again: nothing added, the same report.
	again, err := pv.b.sync.ImportBundle(bytes.NewReader(buf.Bytes()))
	if err != nil || again.Added != 0 || len(again.Skipped) != 1 {
		t.Errorf("again: %+v %v", again, err)
	}

}

// A bundle for a peer holds only what the peer's office may hold, the same
// events a live pull from the same node sends it.
func TestBundleForPeerHoldsWhatSyncSends(t *testing.T) {
	t.Parallel()
	pv := newProvince(t)
	link(t, pv.d, pv.a)
	write(t, pv.p, "office/38001", "office.saved", "38")
	link(t, pv.d, pv.p)
	pull(t, pv.d, pv.p)
	for range 3 {
		write(t, pv.a, "dossier/A1", "dossier.step", "38001")
	}
	write(t, pv.a, "user/u1", "user.saved", "38001")
	write(t, pv.a, "dossier/T1", "dossier.step", "38001")
	write(t, pv.a, "dossier/T1", "dossier.transferred", "38001", "38002")
	pull(t, pv.d, pv.a)

	// A second device of commune B, enrolled before the export.
	fresh := newCommuneB(t, pv)

	// The district's bundle for commune B, imported at B: nothing of it is
	// skipped, and nothing of commune A's own records is in it.
	var buf bytes.Buffer
	st, err := pv.d.sync.ExportBundle(&buf, pv.b.id, false)
	if err != nil {
		t.Fatal(err)
	}
	got, err := pv.b.sync.ImportBundle(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Skipped) != 0 || got.Events != st.Events {
		t.Fatalf("the bundle for B held %d events, B imported %d and skipped %+v", st.Events, got.Events, got.Skipped)
	}
	if count(t, pv.b, "dossier/A1") != 0 || count(t, pv.b, "user/u1") != 0 {
		t.Fatal("the bundle for B carried commune A's own records")
	}
	if count(t, pv.b, "dossier/T1") != 2 || count(t, pv.b, "office/38001") != 1 {
		t.Fatalf("B holds %d events of the transferred dossier (want its whole history, 2) and %d of the office record",
			count(t, pv.b, "dossier/T1"), count(t, pv.b, "office/38001"))
	}
	bundled := ids(t, pv.b)

	// A live pull from the district sends a fresh commune B the same.
	link(t, fresh, pv.d)
	pull(t, fresh, pv.d)
	live := ids(t, fresh)
	if !maps.Equal(live, bundled) {
		t.Fatalf("a live pull brought %d events, the bundle %d", len(live), len(bundled))
	}
}

// ids lists the IDs of every event a node holds.
func ids(t testing.TB, n *node) map[string]bool {
	out := map[string]bool{}
	for _, e := range allEvents(t, n) {
		out[e.ID().String()] = true
	}
	return out
}

// newCommuneB enrols a second device of commune B.
func newCommuneB(t testing.TB, pv *province) *node {
	k, lk := newKey(t)
	ch, err := trust.Issue(pv.d.key, pv.d.en.Chain, k.Public().(ed25519.PublicKey), "38/405/38002", trust.RoleCommune, testNow, 30)
	if err != nil {
		t.Fatal(err)
	}
	n := startNode(t, "commune B (2)", k, lk, &Enrolment{Root: pv.p.en.Root, Chain: ch})
	if err := RecordCertificate(pv.d.st, "admin", pv.d.en.Chain.Leaf().Office(), ch); err != nil {
		t.Fatal(err)
	}
	return n
}
