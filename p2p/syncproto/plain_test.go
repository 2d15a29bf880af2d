package syncproto

import (
	"slices"
	"testing"

	"hoso/store"
)

// A node that keeps a PlainIndex serves the same events as one that does
// not, but reads of another commune's device only the events that commune
// A may see: of commune B's own dossier nothing, of the dossier B
// transferred to A every event (the transfer makes its earlier events
// special too), whichever came first to the index. Its hello leaves commune
// B's desk out while that wrote nothing A may see.
func TestPlainIndexSkipsWhatTheScopeCannotSee(t *testing.T) {
	t.Parallel()
	for _, indexed := range []bool{false, true} {
		pv := newTestProvince(t)
		if indexed {
			pv.d.plain = NewPlainIndex(pv.d.st)
		}
		pull := func(client, server *testNode) {
			t.Helper()
			if _, err, _, serr := exchange(t, client, server, nil); err != nil || serr != nil {
				t.Fatalf("%s pulls from %s: %v %v", client.name, server.name, err, serr)
			}
		}
		pv.b.write(t, 3, "dossier/B1", "38002")
		pv.b.write(t, 2, "dossier/T1", "38002")
		pull(pv.d, pv.b)
		// Commune A pulls while T1 is still commune B's alone: nothing.
		pull(pv.a, pv.d)
		if got := pv.a.count(t, "dossier/T1") + pv.a.count(t, "dossier/B1"); got != 0 {
			t.Fatalf("indexed %v: commune A holds %d events of commune B before the transfer", indexed, got)
		}
		// The district's hello to commune A listed commune B's desk only
		// without the index (Quiet): then A's marks, and the batch's
		// vouches, name it though A may see none of its events.
		if got, want := Held(pv.a.st, pv.b.origin()), map[bool]uint64{false: 5, true: 0}[indexed]; got != want {
			t.Errorf("indexed %v: commune A's mark of commune B's desk is %d, want %d", indexed, got, want)
		}
		pv.b.write(t, 1, "dossier/T1", "38002", "38001") // transferred to commune A
		pv.b.write(t, 2, "dossier/B2", "38002")
		pull(pv.d, pv.b)
		pull(pv.a, pv.d)
		if got := pv.a.count(t, "dossier/B1") + pv.a.count(t, "dossier/B2"); got != 0 {
			t.Errorf("indexed %v: commune A holds %d events of commune B's own dossiers", indexed, got)
		}
		if got := pv.a.count(t, "dossier/T1"); got != 3 {
			t.Errorf("indexed %v: commune A holds %d events of the transferred dossier, want 3", indexed, got)
		}
		if !indexed {
			continue
		}
		owner, special, ok, err := pv.d.plain.Special(pv.b.origin(), 0, 8)
		seqs := seqsOf(special)
		if err != nil || !ok || owner != "38002" {
			t.Fatalf("Special = %q %v %v %v, want owner 38002, ok", owner, seqs, ok, err)
		}
		// B1 is 1–3, T1 4–6 (6 the transfer), B2 7–8.
		if want := []uint64{4, 5, 6}; !slices.Equal(seqs, want) {
			t.Errorf("special sequences %v, want %v", seqs, want)
		}
	}
}

// seqsOf returns the sequences of special events.
func seqsOf(special []SpecialEvent) []uint64 {
	var out []uint64
	for _, sp := range special {
		out = append(out, sp.Seq)
	}
	return out
}

// The index answers only for what it covers: events held before it
// started, or beyond what the store holds, are read in full.
func TestPlainIndexCoversFromItsStart(t *testing.T) {
	t.Parallel()
	pv := newTestProvince(t)
	pv.b.write(t, 2, "dossier/B1", "38002")
	if _, err, _, serr := exchange(t, pv.d, pv.b, nil); err != nil || serr != nil {
		t.Fatal(err, serr)
	}
	ix := NewPlainIndex(pv.d.st)
	pv.b.write(t, 2, "dossier/B1", "38002")
	if _, err, _, serr := exchange(t, pv.d, pv.b, nil); err != nil || serr != nil {
		t.Fatal(err, serr)
	}
	if _, _, ok, _ := ix.Special(pv.b.origin(), 0, 4); ok {
		t.Error("the index answers for events held before it started")
	}
	if _, _, ok, _ := ix.Special(pv.b.origin(), 2, 5); ok {
		t.Error("the index answers beyond what the store holds")
	}
	owner, special, ok, err := ix.Special(pv.b.origin(), 2, 4)
	if err != nil || !ok || owner != "38002" || len(special) != 0 {
		t.Errorf("Special(2, 4) = %q %v %v %v, want owner 38002, no special event", owner, special, ok, err)
	}
}

// A device writes for its own office only, so a receiver refuses (and
// logs) an event its origin wrote for another office: the province's record
// of commune A's office, say. The sender leaves such events out, counted,
// and vouches past them, so the commune neither receives nor logs them,
// and gets the rest.
func TestEventsTheRemoteWouldRefuseAreWithheld(t *testing.T) {
	t.Parallel()
	pv := newTestProvince(t)
	pv.p.write(t, 1, "office/38", "38")
	pv.p.write(t, 1, "office/38001", "38001") // the province writing for the commune
	pv.p.write(t, 1, "office/38002", "38")
	for round := range 2 {
		_, err, sst, serr := exchange(t, pv.a, pv.p, nil)
		if err != nil || serr != nil {
			t.Fatalf("commune A pulls from the province: %v %v", err, serr)
		}
		if want := 1 - round; sst.Withheld != want {
			t.Errorf("round %d: %d events withheld, want %d", round, sst.Withheld, want)
		}
	}
	if got := pv.a.count(t, "office/38") + pv.a.count(t, "office/38002"); got != 2 {
		t.Errorf("commune A holds %d of the province's own records, want 2", got)
	}
	if got := pv.a.count(t, "office/38001"); got != 0 {
		t.Errorf("commune A holds %d events the province wrote for it, want 0", got)
	}
	if len(pv.a.logs) != 0 {
		t.Errorf("commune A logged %q", pv.a.logs)
	}
}

// The index keeps where each origin's offices sit in the tree, and forgets
// it when the tree changes: commune B's office moving from district 405 to
// district 406 (an office record written) makes commune B's desk one that
// district 406 must hear of, where before it was quiet.
func TestChangedFollowsTheOfficeTree(t *testing.T) {
	t.Parallel()
	pv := newTestProvince(t)
	ix := NewPlainIndex(pv.d.st)
	pull := func() {
		t.Helper()
		if _, err, _, serr := exchange(t, pv.d, pv.b, nil); err != nil || serr != nil {
			t.Fatalf("the district pulls from commune B: %v %v", err, serr)
		}
	}
	pv.b.write(t, 2, "dossier/B1", "38002")
	pull()
	since := pv.d.st.Changes()
	pv.b.write(t, 2, "dossier/B1", "38002")
	pull()
	tree := testOffices{"38": "38", "405": "38/405", "406": "38/406", "38002": "38/405/38002"}
	held := func(o store.Origin) uint64 { return Held(pv.d.st, o) }
	pathOf := func(o store.Origin) string {
		ch, _ := pv.d.ChainOf(o)
		return ch.Leaf().Path
	}
	listed := func() bool {
		t.Helper()
		marks, err := ix.Changed(since, NewScope("38/406", tree), held, pathOf)
		if err != nil {
			t.Fatal(err)
		}
		return slices.ContainsFunc(marks, func(m Mark) bool { return m.Origin == pv.b.origin() })
	}
	if listed() {
		t.Fatal("district 406 hears of commune B's desk while commune B is district 405's")
	}
	tree["38002"] = "38/406/38002"
	pv.p.write(t, 1, "office/38002", "38") // the province moves commune B
	if _, err, _, serr := exchange(t, pv.d, pv.p, nil); err != nil || serr != nil {
		t.Fatalf("the district pulls from the province: %v %v", err, serr)
	}
	if !listed() {
		t.Error("district 406 does not hear of commune B's desk after commune B moved to it")
	}
}
