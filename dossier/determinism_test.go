package dossier

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// concurrentEvents returns a dossier's events written on four devices, many
// concurrent (equal clock times), some conflicting: the clerk withdraws the
// dossier while the officer transfers it; the district and the commune act
// at the same instant; an administrator resolves what conflicts.
func concurrentEvents(t testing.TB) []Input {
	f := newFlow(t)
	seq := map[string]uint64{}
	var out []Input
	add := func(origin string, by Actor, b Body, when time.Time) Input {
		in := f.input(by, b, when)
		seq[origin]++
		in.Origin, in.Seq, in.ID = origin, seq[origin], origin+"/"+itoa(int(seq[origin]))
		out = append(out, in)
		return in
	}
	h := func(hh, mm int) time.Time { return at(2026, time.March, 2, hh, mm) }
	add("dev-a", clerk, f.received(day0, 0, 1), day0)
	add("dev-a", clerk, &HandedOver{}, h(9, 30))
	add("dev-b", officer, &Assigned{}, h(10, 0))
	add("dev-b", officer, &Transferred{Office: district, Task: "Xác minh", TimeWD: 1, Due: h(17, 0)}, h(11, 0))
	add("dev-a", clerk, &PaymentRequested{AmountVND: 8000}, h(11, 0))
	add("dev-d", dOfficer, &Assigned{}, h(12, 0))
	add("dev-d", dOfficer, &TaskCompleted{Note: "Đã xác minh"}, h(12, 0))
	add("dev-b", officer, &Appraised{Opinion: OpinionApprove}, h(12, 0))
	add("dev-b", officer, &Consulted{Office: district, Question: "?", TimeWD: 1, Due: h(17, 0)}, h(12, 0))
	add("dev-a", admin, &Corrected{Changes: []Change{{Field: "applicant.phone", Old: "0912345678", New: "0987654321"}}, Reason: "Sai số"}, h(12, 0))
	add("dev-a", clerk, &Withdrawn{Reason: "Xin rút"}, h(12, 30))
	add("dev-b", leader, &Stopped{Reason: "Dừng"}, h(12, 30))
	add("dev-c", admin, &ConflictResolved{Event: "dev-b/4", Decision: DecisionKeep}, h(13, 0))
	add("dev-c", admin, &ConflictResolved{Event: "dev-b/3", Decision: DecisionDiscard}, h(13, 0))
	add("dev-d", dLeader, &ConsultAnswered{Answer: "Đồng ý"}, h(13, 0))
	return out
}

// TestFoldDeterministic: every random permutation of the events, with
// random duplicates, sorted by (At, Origin, Seq), folds to the same JSON.
func TestFoldDeterministic(t *testing.T) {
	events := concurrentEvents(t)
	sorted := slices.Clone(events)
	SortInputs(sorted)
	want := jsonOf(t, Fold(sorted))
	if again := jsonOf(t, Fold(sorted)); again != want {
		t.Fatal("two folds of the same events differ")
	}
	d := Fold(sorted)
	if len(d.Conflicts)+len(d.Resolved) == 0 || len(d.Timeline) != len(events) {
		t.Fatalf("the scenario has no conflict (%d) or lost events (%d of %d)", len(d.Conflicts), len(d.Timeline), len(events))
	}
	rng := rand.New(rand.NewPCG(2026, 2))
	differs := 0
	for i := range 300 {
		perm := slices.Clone(events)
		for range rng.IntN(4) {
			perm = append(perm, events[rng.IntN(len(events))])
		}
		rng.Shuffle(len(perm), func(a, b int) { perm[a], perm[b] = perm[b], perm[a] })
		if jsonOf(t, Fold(perm)) != want {
			differs++
		}
		SortInputs(perm)
		if got := jsonOf(t, Fold(perm)); got != want {
			t.Fatalf("permutation %d folds differently:\n got %s\nwant %s", i, got, want)
		}
	}
	// The order matters: unsorted, the same events usually fold otherwise.
	if differs == 0 {
		t.Error("no unsorted permutation folds differently: the test proves nothing")
	}
}
