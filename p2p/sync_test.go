package p2p

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/peer"

	"hoso/p2p/syncproto"
	"hoso/store"
	"hoso/trust"
)

// testTree is the office tree of the tests: a province, a district, two
// communes of it and a commune of another district.
type testTree map[string]string

func (t testTree) Path(office string) (string, bool) { p, ok := t[office]; return p, ok }

var offices = testTree{"38": "38", "405": "38/405", "38001": "38/405/38001", "38002": "38/405/38002", "406": "38/406", "38101": "38/406/38101"}

// node is one device of the tests: its store, host and syncer.
type node struct {
	name  string
	key   ed25519.PrivateKey
	id    peer.ID
	st    *store.Store
	en    *Enrolment
	sync  *Syncer
	logs  *logBuffer
	close func()
	// files is the node's file index: the records naming files that the
	// test watches (files_test.go).
	files *bodyIndex
}

type logBuffer struct {
	mu    sync.Mutex
	lines []string
}

func (l *logBuffer) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
}

func (l *logBuffer) has(s string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, line := range l.lines {
		if strings.Contains(line, s) {
			return true
		}
	}
	return false
}

// eventually reports whether a line containing s is logged within 2 s.
func (l *logBuffer) eventually(s string) bool {
	for deadline := time.Now().Add(2 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if l.has(s) {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
	}
}

func newKey(t testing.TB) (ed25519.PrivateKey, crypto.PrivKey) {
	t.Helper()
	pk, _, err := crypto.GenerateEd25519Key(nil)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := pk.Raw()
	return ed25519.PrivateKey(raw), pk
}

var testNow = time.Now()

// province is the test fixture: the province's root device, a district and
// two communes, enrolled down the tree, each with its certificate recorded
// by its issuer.
type province struct {
	p, d, a, b *node
}

func startNode(t testing.TB, name string, key ed25519.PrivateKey, lk crypto.PrivKey, en *Enrolment) *node {
	t.Helper()
	st, err := store.Open(store.Options{Dir: t.TempDir(), Signer: key, Projections: []Projection{TrustProjection{}}})
	if err != nil {
		t.Fatal(err)
	}
	n := &node{name: name, key: key, st: st, en: en, logs: &logBuffer{}, files: &bodyIndex{st: st}}
	n.id, _ = peer.IDFromPrivateKey(lk)
	h, err := NewHost(HostOptions{Identity: Identity{Key: lk, PeerID: n.id}, Gater: NewGater(st, en, nil, n.logs.logf)})
	if err != nil {
		t.Fatal(err)
	}
	n.sync = NewSyncer(SyncOptions{Host: h, Store: st, Enrolment: en, Tree: offices, Key: key, Logf: n.logs.logf, Files: n.files})
	n.close = func() { h.Close(); st.Close() }
	t.Cleanup(n.close)
	return n
}

// Projection is the store's projection type, for the tests' store.
type Projection = store.Projection

func newProvince(t testing.TB) *province {
	t.Helper()
	return newProvinceSince(t, testNow)
}

// newProvinceSince is newProvince enrolled at since, each certificate
// valid 30 days after testNow.
func newProvinceSince(t testing.TB, since time.Time) *province {
	t.Helper()
	days := 30 + int(testNow.Sub(since)/(24*time.Hour))
	pk, plk := newKey(t)
	root, err := trust.NewRoot(pk, "38", since, 10)
	if err != nil {
		t.Fatal(err)
	}
	rootChain := trust.Chain{root}
	pv := &province{}
	pv.p = startNode(t, "province", pk, plk, &Enrolment{Root: pk.Public().(ed25519.PublicKey), Chain: rootChain})
	issue := func(name string, by *node, path string, role trust.Role) *node {
		k, lk := newKey(t)
		ch, err := trust.Issue(by.key, by.en.Chain, k.Public().(ed25519.PublicKey), path, role, since, days)
		if err != nil {
			t.Fatal(err)
		}
		n := startNode(t, name, k, lk, &Enrolment{Root: pv.p.en.Root, Chain: ch})
		if err := RecordCertificate(by.st, "admin", by.en.Chain.Leaf().Office(), ch); err != nil {
			t.Fatal(err)
		}
		return n
	}
	pv.d = issue("district", pv.p, "38/405", trust.RoleDistrict)
	pv.a = issue("commune A", pv.d, "38/405/38001", trust.RoleCommune)
	pv.b = issue("commune B", pv.d, "38/405/38002", trust.RoleCommune)
	return pv
}

// link connects two nodes.
func link(t testing.TB, a, b *node) {
	t.Helper()
	info := peer.AddrInfo{ID: b.id, Addrs: b.sync.host.Addrs()}
	if err := a.sync.host.Connect(context.Background(), info); err != nil {
		t.Fatalf("%s → %s: %v", a.name, b.name, err)
	}
}

// pull makes a pull a from b and fails the test on error.
func pull(t testing.TB, a, b *node) PullStats {
	t.Helper()
	st, err := a.sync.Pull(context.Background(), b.id)
	if err != nil {
		t.Fatalf("%s pulls from %s: %v", a.name, b.name, err)
	}
	return st
}

// write appends an event as a node.
func write(t testing.TB, n *node, subject, kind, owner string, audience ...string) *store.Event {
	t.Helper()
	e, err := n.st.Append(store.Draft{Actor: "u", Owner: owner, Audience: audience, Kind: kind, Subject: subject, Body: []byte(`{"n":1}`)})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func count(t testing.TB, n *node, subject string) int {
	t.Helper()
	evs, err := n.st.Events(subject)
	if err != nil {
		t.Fatal(err)
	}
	return len(evs)
}

func TestSyncScopeThroughHubs(t *testing.T) {
	pv := newProvince(t)
	link(t, pv.a, pv.d)
	link(t, pv.b, pv.d)
	link(t, pv.d, pv.p)
	// Reference data of the province reaches every office below it.
	write(t, pv.p, "office/38001", "office.saved", "38")
	for range 3 {
		write(t, pv.a, "dossier/A1", "dossier.step", "38001")
	}
	write(t, pv.a, "user/u1", "user.saved", "38001")

	for _, pair := range [][2]*node{{pv.d, pv.a}, {pv.d, pv.b}, {pv.p, pv.d}, {pv.d, pv.p}, {pv.a, pv.d}, {pv.b, pv.d}} {
		pull(t, pair[0], pair[1])
	}
	// (1) A's dossier reaches the district and the province, never B.
	if count(t, pv.d, "dossier/A1") != 3 || count(t, pv.p, "dossier/A1") != 3 {
		t.Fatalf("the dossier did not travel up: district %d, province %d", count(t, pv.d, "dossier/A1"), count(t, pv.p, "dossier/A1"))
	}
	if count(t, pv.b, "dossier/A1") != 0 || count(t, pv.b, "user/u1") != 0 {
		t.Fatal("commune B received commune A's records")
	}
	if count(t, pv.a, "office/38001") != 1 || count(t, pv.b, "office/38001") != 1 {
		t.Fatal("the province's reference data did not reach the communes")
	}

	// (2) A transfers the dossier to B (liên thông): B gets its whole
	// history through the district; B's answer reaches A.
	write(t, pv.a, "dossier/A1", "dossier.transferred", "38001", "38002")
	pull(t, pv.d, pv.a)
	pull(t, pv.b, pv.d)
	if count(t, pv.b, "dossier/A1") != 4 {
		t.Fatalf("commune B has %d events of the transferred dossier, want its whole history (4)", count(t, pv.b, "dossier/A1"))
	}
	write(t, pv.b, "dossier/A1", "dossier.task_completed", "38002", "38001")
	pull(t, pv.d, pv.b)
	pull(t, pv.a, pv.d)
	pull(t, pv.p, pv.d)
	for _, n := range []*node{pv.a, pv.b, pv.d, pv.p} {
		if got := count(t, n, "dossier/A1"); got != 5 {
			t.Errorf("%s has %d events of the dossier, want 5", n.name, got)
		}
	}

	// Already in sync: one round trip, a few hundred bytes.
	for _, pair := range [][2]*node{{pv.a, pv.d}, {pv.d, pv.a}, {pv.d, pv.p}, {pv.p, pv.d}, {pv.b, pv.d}} {
		pull(t, pair[0], pair[1])
	}
	st := pull(t, pv.a, pv.d)
	if !st.UpToDate || st.BytesIn+st.BytesOut > 1024 {
		t.Errorf("a no-op pull: up to date %v, %d bytes in, %d out", st.UpToDate, st.BytesIn, st.BytesOut)
	}
	t.Logf("no-op pull: %d bytes in, %d out", st.BytesIn, st.BytesOut)
}

// refused reports whether a cannot sync with b: the connection is refused
// when secured, or the pull fails.
func refused(a, b *node) bool {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := a.sync.host.Connect(ctx, peer.AddrInfo{ID: b.id, Addrs: b.sync.host.Addrs()}); err != nil {
		return true
	}
	_, err := a.sync.Pull(ctx, b.id)
	return err != nil
}

func TestSyncRefusals(t *testing.T) {
	pv := newProvince(t)

	// An unenrolled device: refused when the connection is secured.
	k, lk := newKey(t)
	other, _ := trust.NewRoot(k, "39", testNow, 1)
	stranger := startNode(t, "stranger", k, lk, &Enrolment{Root: k.Public().(ed25519.PublicKey), Chain: trust.Chain{other}})
	if err := stranger.sync.host.Connect(context.Background(), peer.AddrInfo{ID: pv.d.id, Addrs: pv.d.sync.host.Addrs()}); err == nil {
		if _, err := stranger.sync.Pull(context.Background(), pv.d.id); err == nil {
			t.Error("an unenrolled device synced with the district")
		}
	}
	// The district's gater logs as it refuses, which may finish after the
	// stranger has seen its connection closed.
	if !pv.d.logs.eventually("not an enrolled device") {
		t.Errorf("the district did not log the stranger: %v", pv.d.logs.lines)
	}

	// An expired certificate.
	k, lk = newKey(t)
	old, err := trust.Issue(pv.d.key, pv.d.en.Chain, k.Public().(ed25519.PublicKey), "38/405/38003", trust.RoleCommune, testNow.AddDate(0, 0, -40), 30)
	if err != nil {
		t.Fatal(err)
	}
	if err := RecordCertificate(pv.d.st, "admin", "405", old); err != nil {
		t.Fatal(err)
	}
	expired := startNode(t, "expired", k, lk, &Enrolment{Root: pv.p.en.Root, Chain: old})
	if !refused(expired, pv.d) {
		t.Error("a device with an expired certificate synced")
	}

	// A revoked device: refused by the district, and by the province once
	// the revocation reached it.
	link(t, pv.d, pv.p)
	link(t, pv.b, pv.d)
	// First a revocation by a device without authority over it: commune
	// A's desk revokes commune B's and the district's devices. Recorded,
	// travelled, ignored everywhere.
	link(t, pv.a, pv.d)
	for _, victim := range []*node{pv.b, pv.d} {
		if err := RecordRevocation(pv.a.st, "admin", pv.a.en.Chain, victim.id); err != nil {
			t.Fatal(err)
		}
	}
	pull(t, pv.d, pv.a)
	pull(t, pv.p, pv.d)
	for _, n := range []*node{pv.d, pv.p} {
		if n.sync.book.isRevoked(pv.b.en.Chain.Leaf()) || n.sync.book.isRevoked(pv.d.en.Chain.Leaf()) {
			t.Errorf("%s honoured a revocation by another commune's device", n.name)
		}
	}
	pv.a.sync.host.Network().ClosePeer(pv.d.id)
	if refused(pv.b, pv.d) {
		t.Error("a device revoked by a commune without authority over it was refused")
	}
	pv.b.sync.host.Network().ClosePeer(pv.d.id)
	link(t, pv.b, pv.d)
	// Then the district revokes commune B's device: honoured.
	if err := RecordRevocation(pv.d.st, "admin", pv.d.en.Chain, pv.b.id); err != nil {
		t.Fatal(err)
	}
	pv.b.sync.host.Network().ClosePeer(pv.d.id)
	if !refused(pv.b, pv.d) {
		t.Error("a revoked device synced with the district")
	}
	pull(t, pv.p, pv.d)
	if !pv.p.sync.book.isRevoked(pv.b.en.Chain.Leaf()) {
		t.Error("the revocation did not reach the province")
	}
	if !refused(pv.b, pv.p) {
		t.Error("a revoked device synced with the province")
	}

	// An event written for another office is withheld by its sender
	// (syncproto.Accepted), and refused alone, and logged, by a receiver
	// it reaches all the same (from an older release).
	link(t, pv.a, pv.d)
	write(t, pv.a, "dossier/A9", "dossier.step", "38001")
	wrong := write(t, pv.a, "dossier/B9", "dossier.step", "38002")
	pull(t, pv.d, pv.a)
	if count(t, pv.d, "dossier/B9") != 0 {
		t.Error("the district took an event commune A wrote for commune B")
	}
	if count(t, pv.d, "dossier/A9") != 1 {
		t.Error("a valid event of the same batch was lost")
	}
	valid := write(t, pv.a, "dossier/A11", "dossier.step", "38001")
	if _, err := syncproto.Commit(local{pv.d.sync}, syncproto.Batch{No: 1, Events: []*store.Event{wrong, valid}}); err != nil {
		t.Fatal(err)
	}
	if count(t, pv.d, "dossier/B9") != 0 || count(t, pv.d, "dossier/A11") != 1 {
		t.Error("a batch with an event written for another office was not refused for it alone")
	}
	if !pv.d.logs.has("writes for office 38002") {
		t.Errorf("the refusal is not logged: %v", pv.d.logs.lines)
	}

	// A forged signature: the store refuses the batch whole.
	e := write(t, pv.a, "dossier/A10", "dossier.step", "38001")
	raw := append([]byte(nil), e.Raw()...)
	raw[len(raw)-1] ^= 1
	forged, err := store.DecodeEvent(raw)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := syncproto.Commit(local{pv.d.sync}, syncproto.Batch{No: 1, Events: []*store.Event{forged}}); err == nil {
		t.Error("a forged signature was accepted")
	}
	if count(t, pv.d, "dossier/A10") != 0 {
		t.Error("a forged event was stored")
	}
}

func TestSyncRandomPartitions(t *testing.T) {
	// Its own nodes per seed; mostly waiting on syncs.
	t.Parallel()
	seeds := 3
	if v, err := strconv.Atoi(os.Getenv("HOSO_SYNC_SEEDS")); err == nil && v > 0 {
		seeds = v
	}
	for seed := range seeds {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) { randomPartitions(t, uint64(seed)) })
	}
}

// randomPartitions writes at random nodes of five (province, district, two
// communes, a second desk of one) and syncs random links each round, then
// heals the links: every node must end with exactly what its office may
// see.
func randomPartitions(t *testing.T, seed uint64) {
	pv := newProvince(t)
	k, lk := newKey(t)
	ch, err := trust.Issue(pv.a.key, pv.a.en.Chain, k.Public().(ed25519.PublicKey), "38/405/38001", trust.RoleDesk, testNow, 30)
	if err != nil {
		t.Fatal(err)
	}
	if err := RecordCertificate(pv.a.st, "admin", "38001", ch); err != nil {
		t.Fatal(err)
	}
	desk := startNode(t, "desk A2", k, lk, &Enrolment{Root: pv.p.en.Root, Chain: ch})
	nodes := []*node{pv.p, pv.d, pv.a, pv.b, desk}
	office := map[*node]string{pv.p: "38", pv.d: "405", pv.a: "38001", pv.b: "38002", desk: "38001"}
	links := [][2]*node{{pv.a, pv.d}, {pv.b, pv.d}, {pv.d, pv.p}, {desk, pv.a}}
	for _, l := range links {
		link(t, l[0], l[1])
	}
	rng := newRand(seed)
	rounds := 25
	if testing.Short() {
		rounds = 10
	}
	n := 0
	for round := range rounds {
		for range 3 {
			w := nodes[rng.IntN(len(nodes))]
			n++
			switch rng.IntN(4) {
			case 0:
				write(t, w, fmt.Sprintf("procedure/p%d", n), "procedure.saved", office[w])
			case 1:
				to := []string{"38001", "38002", "405"}[rng.IntN(3)]
				write(t, w, fmt.Sprintf("dossier/%s-%d", office[w], n), "dossier.transferred", office[w], to)
			default:
				write(t, w, fmt.Sprintf("dossier/%s-%d", office[w], n%7), "dossier.step", office[w])
			}
		}
		for _, l := range links {
			if rng.IntN(2) == 0 {
				continue // partitioned this round
			}
			for _, dir := range [][2]*node{{l[0], l[1]}, {l[1], l[0]}} {
				if _, err := dir[0].sync.Pull(context.Background(), dir[1].id); err != nil {
					t.Fatalf("round %d: %s pulls from %s: %v", round, dir[0].name, dir[1].name, err)
				}
			}
		}
	}
	// Heal: every link, both ways, until nothing moves.
	for range 6 {
		for _, l := range links {
			pull(t, l[0], l[1])
			pull(t, l[1], l[0])
		}
	}
	// The province sees everything: each node must hold exactly the
	// events its office may see.
	all := allEvents(t, pv.p)
	for _, nd := range nodes {
		sc := syncproto.NewScope(nd.en.Chain.Leaf().Path, offices)
		have := map[string]bool{}
		for _, e := range allEvents(t, nd) {
			have[e.ID().String()] = true
		}
		want := 0
		for _, e := range all {
			aud, _ := pv.p.st.Audience(e.Subject)
			if !sc.Visible(e, aud) {
				if have[e.ID().String()] {
					t.Errorf("%s holds %s/%s it may not see", nd.name, e.Subject, e.Kind)
				}
				continue
			}
			want++
			if !have[e.ID().String()] {
				t.Errorf("%s lacks %s (%s by %s)", nd.name, e.Subject, e.Kind, e.Owner)
			}
		}
		if len(have) > want+len(all) {
			t.Errorf("%s holds events the province does not", nd.name)
		}
	}
}

// allEvents lists every event a node holds.
func allEvents(t testing.TB, n *node) []*store.Event {
	t.Helper()
	var out []*store.Event
	for _, o := range n.st.ChangedSince(0) {
		evs, err := n.st.After(o, 0, 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, evs...)
	}
	return out
}

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, seed)) }

// TestSyncRunsQuietWhenIdle runs the background sync on a commune and its
// district: a write reaches the district by itself, and then neither pulls
// from the other for nothing.
func TestSyncRunsQuietWhenIdle(t *testing.T) {
	pv := newProvince(t)
	// A short tick: the run loop looks at the change count 20 times in
	// the window below, as it would in 40 s with the default tick.
	const tick = 100 * time.Millisecond
	pv.a.sync.timing.ChangesTick, pv.d.sync.timing.ChangesTick = tick, tick
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go pv.a.sync.Run(ctx)
	go pv.d.sync.Run(ctx)
	link(t, pv.a, pv.d)
	write(t, pv.a, "dossier/A1", "dossier.step", "38001")
	deadline := time.Now().Add(20 * time.Second)
	for count(t, pv.d, "dossier/A1") != 1 {
		if time.Now().After(deadline) {
			t.Fatal("the background sync did not bring the write to the district")
		}
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(10 * tick) // let every pull the write caused finish
	bytes := func() int64 {
		var n int64
		for _, nd := range []*node{pv.a, pv.d} {
			for _, p := range nd.sync.Status() {
				n += p.BytesIn + p.BytesOut
			}
		}
		return n
	}
	before := bytes()
	time.Sleep(20 * tick)
	if grew := bytes() - before; grew > 0 {
		t.Errorf("idle nodes exchanged %d bytes in %v", grew, 20*tick)
	}
}
