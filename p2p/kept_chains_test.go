package p2p

import (
	"testing"

	"hoso/store"
)

// A commune holds no certificate record of a commune of another branch,
// yet keeps the chain that came with a dossier that commune transferred to
// it: it answers it (ChainOf, not Recorded), admits the device, and keeps
// it in the store's local records.
func TestChainOfATransferWriterIsKept(t *testing.T) {
	pv := newProvince(t)
	link(t, pv.d, pv.b)
	link(t, pv.d, pv.p)
	link(t, pv.a, pv.d)
	pull(t, pv.d, pv.p)
	pull(t, pv.a, pv.d)
	if n := count(t, pv.a, certPrefix+pv.b.id.String()); n != 0 {
		t.Fatalf("commune A holds %d records of commune B's certificate", n)
	}
	ob, err := originOf(pv.b.id)
	if err != nil {
		t.Fatal(err)
	}
	gate := NewGater(pv.a.st, pv.a.en, nil, pv.a.logs.logf)
	if gate.Allowed(pv.b.id) {
		t.Fatal("commune A admits commune B before anything of B reached it")
	}
	write(t, pv.b, "dossier/B1", "dossier.transferred", "38002", "38001")
	pull(t, pv.d, pv.b)
	pull(t, pv.a, pv.d)
	if count(t, pv.a, "dossier/B1") != 1 {
		t.Fatal("the transferred dossier did not reach commune A")
	}
	l := local{pv.a.sync}
	if ch, ok := l.ChainOf(ob); !ok || ch.Leaf().Path != "38/405/38002" {
		t.Errorf("commune A does not answer commune B's chain: %v", ok)
	}
	if _, ok := l.Recorded(ob); ok {
		t.Error("a kept chain is answered as a trust record")
	}
	if _, err := pv.a.st.Local(store.LocalTrustKept(ob)); err != nil {
		t.Errorf("the kept chain is not in the store: %v", err)
	}
	if !gate.Allowed(pv.b.id) {
		t.Error("commune A does not admit the device whose chain it kept")
	}
	// The district holds B's record: it keeps nothing.
	if _, err := pv.d.st.Local(store.LocalTrustKept(ob)); err == nil {
		t.Error("the district kept a chain its trust records hold")
	}
}
