package syncbench

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"testing"

	hosonode "hoso/node"
	"hoso/store"
)

// peerEnv, in this test binary's environment, makes it a node process of
// the benchmark: its value is the PeerConfig, as JSON.
const peerEnv = "HOSO_SYNCBENCH_TEST_PEER"

func TestMain(m *testing.M) {
	if cfg := os.Getenv(peerEnv); cfg != "" {
		os.Exit(runTestPeer(cfg))
	}
	os.Exit(m.Run())
}

// runTestPeer is the node process the tests start: what hoso-node bench
// peer does, the memory limit included.
func runTestPeer(cfgJSON string) int {
	var pc PeerConfig
	if err := json.Unmarshal([]byte(cfgJSON), &pc); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	p, err := store.ParseProfile(pc.Profile)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	hosonode.TuneMemory()
	if !pc.NoMemoryLimit {
		hosonode.LimitMemory(p)
	}
	if err := ServePeer(pc, os.Stdin, os.Stdout, os.Stderr); err != nil {
		return 1
	}
	return 0
}

// testPeer starts this test binary as a node process.
func testPeer(pc PeerConfig) *exec.Cmd {
	b, _ := json.Marshal(pc)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), peerEnv+"="+string(b))
	return cmd
}

// memoryTestEvents is the history of the quick memory test: a few
// memtables flushed on each side while it writes and syncs, few enough to
// run in seconds (the desk's first compaction waits for thirty level-0
// tables, ~250k events). The curve up to millions of events, where the
// compactions are, is hoso-node bench memory.
const memoryTestEvents = 40000

// TestMemoryWithinDeskBudget runs two desk-profile nodes as processes
// while one writes a history, the other pulls all of it, both compact and
// open their stores again; a watchdog reads their resident memory every
// 100 ms, and the test fails if either goes above the desk's budget
// (150 MB) or the pull misses an event. Memory cgroups are not writable
// here (cgroup v1, owned by the machine), hence the watchdog; the Go
// memory limit is the node's own (node.LimitMemory).
func TestMemoryWithinDeskBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("multi-process memory test")
	}
	res, err := RunMemory(MemoryConfig{Events: memoryTestEvents, Profile: "desk", Encrypt: true, Dir: t.TempDir(), Peer: testPeer, Log: testLog{t}})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Match {
		t.Errorf("the district does not hold the commune's %d events", memoryTestEvents)
	}
	if res.BudgetMB != 150 {
		t.Errorf("the desk's budget is %v MB, want 150", res.BudgetMB)
	}
	if !res.WithinBudget || res.OverBudget > 0 {
		t.Errorf("over the desk's budget of %v MB: peaks (VmHWM) %+v, sampled %+v, %d samples over", res.BudgetMB, res.PeakRssMB, res.SampledPeakMB, res.OverBudget)
	}
	if res.SampledPeakMB.District == 0 || res.SampledPeakMB.Commune == 0 {
		t.Errorf("the watchdog saw nothing: %+v", res.SampledPeakMB)
	}
	t.Logf("peaks %+v, sampled %+v", res.PeakRssMB, res.SampledPeakMB)
}

// TestRunMemoryChecksConfig: a run without events, without a way to start
// its nodes or with an unknown profile fails before it starts anything.
func TestRunMemoryChecksConfig(t *testing.T) {
	t.Parallel()
	peer := func(PeerConfig) *exec.Cmd { return nil }
	if _, err := RunMemory(MemoryConfig{Events: 0, Peer: peer}); err == nil {
		t.Error("a run of no events started")
	}
	if _, err := RunMemory(MemoryConfig{Events: 10}); err == nil {
		t.Error("a run without MemoryConfig.Peer started")
	}
	if _, err := RunMemory(MemoryConfig{Events: 10, Profile: "laptop", Peer: peer}); err == nil {
		t.Error("a run of an unknown profile started")
	}
}

// testLog writes the run's lines to the test's log.
type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Logf("%s", p)
	return len(p), nil
}

// TestGenEvents: the generator writes exactly the events asked for, in
// dossiers of genSteps steps, each body a JSON object.
func TestGenEvents(t *testing.T) {
	t.Parallel()
	_, key, err := newIdentity()
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(store.Options{InMemory: true, Signer: key})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	const n = 2*genBatch + 7
	dossiers, events, err := genEvents(st, benchCommune, n, 1)
	if err != nil {
		t.Fatal(err)
	}
	if events != n || dossiers != (n+genSteps-1)/genSteps {
		t.Fatalf("wrote %d events in %d dossiers, want %d in %d", events, dossiers, n, (n+genSteps-1)/genSteps)
	}
	if got := st.Vector().Get(st.Self()); got != n {
		t.Fatalf("the store holds %d of its own events, want %d", got, n)
	}
	for d := range 3 {
		for step := range genSteps {
			if b := genBody(newTestRand(), d, step); !json.Valid(b) {
				t.Fatalf("body of step %d is not JSON: %s", step, b)
			}
		}
	}
}

func newTestRand() *rand.Rand { return rand.New(rand.NewPCG(1, 2)) }
