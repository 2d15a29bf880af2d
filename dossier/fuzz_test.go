package dossier

import (
	"encoding/json"
	"testing"
	"time"
)

// FuzzFold folds a received dossier followed by two arbitrary events and a
// resolution that keeps or discards whatever conflicts: Fold must never
// panic, its result must encode, and folding in two halves through JSON must
// give the same bytes. Check, AllowedActions and IndexKeys must never panic
// on the result.
func FuzzFold(f *testing.F) {
	for _, in := range concurrentEvents(f) {
		f.Add(string(in.Kind), in.Body, string(KindRefused), []byte(`{"v":1,"reason":"x"}`), uint8(3))
	}
	for _, k := range Kinds() {
		f.Add(string(k), []byte(`{"v":1}`), string(k), []byte(`{"v":1,"newDue":"9999-12-31T23:59:59-07:00"}`), uint8(1))
	}
	f.Add("dossier.received", []byte(`{"v":1,"countFrom":"2026-02-30"}`), "", []byte(nil), uint8(0))
	f.Add(string(KindCorrected), []byte(`{"v":1,"changes":[{"field":"due","old":"","new":"0000-01-01T00:00:00Z"}]}`), "x", []byte("\xff"), uint8(2))
	cal := testCal(f)
	base := newFlow(f)
	base.to(StatusAssigned)
	prefix := base.inputs
	f.Fuzz(func(t *testing.T, k1 string, b1 []byte, k2 string, b2 []byte, sel uint8) {
		now := at(2026, time.March, 2, 16, 0)
		var inputs []Input
		if sel&1 != 0 {
			inputs = append(inputs, prefix...)
		}
		inputs = append(inputs,
			Input{Kind: Kind(k1), Body: b1, Actor: "u-x", ActorOffice: commune, At: now, Origin: "o", Seq: 1, ID: "x1"},
			Input{Kind: Kind(k2), Body: b2, Actor: "u-y", Office: district, At: now, Origin: "p", Seq: 1, ID: "x2"},
		)
		if sel&2 != 0 {
			decision := DecisionKeep
			if sel&4 != 0 {
				decision = DecisionDiscard
			}
			for _, id := range []string{"x1", "x2"} {
				raw, _ := json.Marshal(ConflictResolved{Header: Header{V: 1}, Event: id, Decision: decision})
				inputs = append(inputs, Input{Kind: KindConflictResolved, Body: raw, At: now, ID: "r" + id})
			}
		}
		d := Fold(inputs)
		whole, err := json.Marshal(d)
		if err != nil {
			t.Fatalf("the dossier does not encode: %v", err)
		}
		half := len(inputs) / 2
		var part Dossier
		raw, err := json.Marshal(Fold(inputs[:half]))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, &part); err != nil {
			t.Fatalf("the dossier does not decode: %v", err)
		}
		for _, in := range inputs[half:] {
			part.Apply(in)
		}
		again, _ := json.Marshal(part)
		if string(again) != string(whole) {
			t.Fatalf("folding in halves differs:\n%s\n%s", again, whole)
		}
		for _, by := range allActors {
			_ = Check(d, Action{Kind: Kind(k1), Body: b1}, by, now, cal)
			_ = Check(d, Action{Kind: Kind(k2), Body: b2}, by, now, cal)
			_ = AllowedActions(d, by, now, cal)
		}
		_ = IndexKeys(d)
		_ = Overdue(d, now)
	})
}
