package p2p

import (
	"context"
	"testing"
	"time"
)

// TestHubFansOutOncePerInterval: a hub whose store changes pulls from
// its peers (which then pull back what it has) at most once per
// HubFanout, not at every change tick: at 2,000 desks the tick made it
// pull from every desk every 2 seconds (issue 19).
func TestHubFansOutOncePerInterval(t *testing.T) {
	pv := newProvince(t)
	resync(pv.d, SyncOptions{Hub: true, Key: pv.d.key, Timing: Timing{ChangesTick: 10 * time.Millisecond, HubFanout: time.Hour}})
	link(t, pv.a, pv.d)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); pv.d.sync.Run(ctx) }()
	defer func() { cancel(); <-done }()
	// Run reads the change count when it starts: write after that.
	time.Sleep(300 * time.Millisecond)

	writeProcedures(t, pv.d, "405", 1, 1)
	deadline := time.Now().Add(10 * time.Second)
	for count(t, pv.a, "procedure/p1") != 1 {
		if time.Now().After(deadline) {
			t.Fatal("the hub's first change did not reach the commune")
		}
		time.Sleep(20 * time.Millisecond)
	}
	writeProcedures(t, pv.d, "405", 2, 1)
	time.Sleep(500 * time.Millisecond)
	if count(t, pv.a, "procedure/p2") != 0 {
		t.Fatal("the hub fanned out again within its interval")
	}
	// The commune's own pull still gets it at once.
	pull(t, pv.a, pv.d)
	if count(t, pv.a, "procedure/p2") != 1 {
		t.Fatal("the commune's own pull did not get the hub's change")
	}
}

// TestSlotsQueueInOrder: what waits for a slot is served in the order
// it came, none refused.
func TestSlotsQueueInOrder(t *testing.T) {
	s := newSlots(1)
	if !s.acquire(nil) {
		t.Fatal("no first slot")
	}
	order := make(chan int, 3)
	for i := 0; i < 3; i++ {
		go func() {
			if s.acquire(nil) {
				order <- i
				s.release()
			}
		}()
		time.Sleep(30 * time.Millisecond) // queue them in order
	}
	s.release()
	for want := 0; want < 3; want++ {
		select {
		case got := <-order:
			if got != want {
				t.Fatalf("served %d, want %d", got, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("waiter %d never served", want)
		}
	}
	stop := make(chan struct{})
	close(stop)
	full := newSlots(1)
	full.acquire(nil)
	if full.acquire(stop) {
		t.Fatal("a full slots gave a slot after done")
	}
	if newSlots(0) != nil || !newSlots(0).acquire(nil) {
		t.Fatal("no bound should always give a slot")
	}
}

// TestHubTellsItsOwnHubsAtOnce: a district hub whose fan-out already ran
// in its interval still tells the province above it of a change at once,
// so that what a commune sends goes on up without waiting an interval at
// each level (the three-serve CLI test waited 5 minutes for it), while the
// communes below wait for the next fan-out.
func TestHubTellsItsOwnHubsAtOnce(t *testing.T) {
	pv := newProvince(t)
	en := *pv.d.en
	en.Hubs = []string{pv.p.sync.host.Addrs()[0].String() + "/p2p/" + pv.p.id.String()}
	pv.d.en = &en
	resync(pv.d, SyncOptions{Hub: true, Key: pv.d.key, Timing: Timing{ChangesTick: 10 * time.Millisecond, HubFanout: time.Hour}})
	link(t, pv.a, pv.d)
	link(t, pv.d, pv.p)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); pv.d.sync.Run(ctx) }()
	defer func() { cancel(); <-done }()
	time.Sleep(300 * time.Millisecond)

	wait := func(n *node, subject, what string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for count(t, n, subject) != 1 {
			if time.Now().After(deadline) {
				t.Fatal(what)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	writeProcedures(t, pv.d, "405", 1, 1)
	wait(pv.a, "procedure/p1", "the hub's first change did not reach the commune")
	wait(pv.p, "procedure/p1", "the hub's first change did not reach the province")
	writeProcedures(t, pv.d, "405", 2, 1)
	wait(pv.p, "procedure/p2", "a change within the fan-out interval did not reach the hub's own hub")
	if count(t, pv.a, "procedure/p2") != 0 {
		t.Fatal("the hub fanned out to the commune again within its interval")
	}
}
