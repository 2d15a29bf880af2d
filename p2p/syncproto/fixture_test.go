package syncproto

import (
	"crypto/ed25519"
	"fmt"
	"io"
	"net"
	"sync"
	"testing"
	"time"

	"hoso/store"
	"hoso/trust"
)

// The sessions' tests run two (or more) real Badger stores against each
// other over net.Pipe, with no libp2p: each node is a testNode, a bare
// Local over its store, its chain and a trust book shared by the province
// (what package p2p reads from the trust records).

// testOffices is the office tree of the tests: a province, a district, two
// communes of it.
type testOffices map[string]string

func (t testOffices) Path(office string) (string, bool) { p, ok := t[office]; return p, ok }

var offices = testOffices{"38": "38", "405": "38/405", "38001": "38/405/38001", "38002": "38/405/38002"}

// testBook is the province's trust records: every device's chain.
type testBook struct {
	root ed25519.PublicKey
	mu   sync.Mutex
	m    map[store.Origin]trust.Chain
}

func (b *testBook) get(o store.Origin) (trust.Chain, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	ch, ok := b.m[o]
	return ch, ok
}

// testNode is one device: a Local over a real store in t.TempDir().
type testNode struct {
	name  string
	key   ed25519.PrivateKey
	st    *store.Store
	chain trust.Chain
	book  *testBook

	// plain, when set, is the node's PlainIndex (a hub's).
	plain *PlainIndex

	mu       sync.Mutex
	logs     []string
	notified int
}

func (n *testNode) PlainIndex() *PlainIndex { return n.plain }

func (n *testNode) Store() *store.Store { return n.st }
func (n *testNode) Chain() trust.Chain  { return n.chain }
func (n *testNode) ChainOf(o store.Origin) (trust.Chain, bool) {
	if o == n.st.Self() {
		return n.chain, true
	}
	return n.book.get(o)
}
func (n *testNode) Recorded(o store.Origin) (trust.Chain, bool) { return n.book.get(o) }
func (n *testNode) Verify(ch trust.Chain) error {
	return ch.Verify(n.book.root, time.Now(), func(*trust.Cert) bool { return false })
}
func (n *testNode) VerifyCached(ch trust.Chain, _ []byte) error { return n.Verify(ch) }
func (n *testNode) Path(office string) (string, bool)           { return offices.Path(office) }
func (n *testNode) Renew(trust.Chain)                           {}
func (n *testNode) Notify() {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.notified++
}
func (n *testNode) Logf(format string, args ...any) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.logs = append(n.logs, fmt.Sprintf(format, args...))
}

func (n *testNode) origin() store.Origin { return n.st.Self() }

// testProvince is a province's root device, a district and two communes,
// each certified by its parent, with the province's trust book.
type testProvince struct {
	p, d, a, b *testNode
	book       *testBook
}

func newTestProvince(t testing.TB) *testProvince {
	t.Helper()
	_, rk, _ := ed25519.GenerateKey(nil)
	now := time.Now()
	root, err := trust.NewRoot(rk, "38", now, 1)
	if err != nil {
		t.Fatal(err)
	}
	pv := &testProvince{book: &testBook{root: rk.Public().(ed25519.PublicKey), m: map[store.Origin]trust.Chain{}}}
	pv.p = newTestNode(t, "province", rk, trust.Chain{root}, pv.book)
	issue := func(name string, by *testNode, path string, role trust.Role) *testNode {
		_, k, _ := ed25519.GenerateKey(nil)
		ch, err := trust.Issue(by.key, by.chain, k.Public().(ed25519.PublicKey), path, role, now, 30)
		if err != nil {
			t.Fatal(err)
		}
		return newTestNode(t, name, k, ch, pv.book)
	}
	pv.d = issue("district", pv.p, "38/405", trust.RoleDistrict)
	pv.a = issue("commune A", pv.d, "38/405/38001", trust.RoleCommune)
	pv.b = issue("commune B", pv.d, "38/405/38002", trust.RoleCommune)
	return pv
}

// newTestNode opens a device's store and records its chain in book (nil:
// a device no one recorded).
func newTestNode(t testing.TB, name string, key ed25519.PrivateKey, ch trust.Chain, book *testBook) *testNode {
	t.Helper()
	st, err := store.Open(store.Options{Dir: t.TempDir(), Signer: key})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	n := &testNode{name: name, key: key, st: st, chain: ch, book: book}
	book.mu.Lock()
	book.m[st.Self()] = ch
	book.mu.Unlock()
	return n
}

// write appends n events of a subject as a node.
func (n *testNode) write(t testing.TB, count int, subject, owner string, audience ...string) {
	t.Helper()
	for range count {
		if _, err := n.st.Append(store.Draft{Actor: "u", Owner: owner, Audience: audience, Kind: "dossier.step", Subject: subject, Body: []byte(`{"n":1}`)}); err != nil {
			t.Fatal(err)
		}
	}
}

// count returns how many events of a subject a node holds.
func (n *testNode) count(t testing.TB, subject string) int {
	t.Helper()
	evs, err := n.st.Events(subject)
	if err != nil {
		t.Fatal(err)
	}
	return len(evs)
}

// socket is one end of net.Pipe whose writes do not wait for the peer to
// read them, as a socket's buffer lets a writer go on: the protocol's
// window has both sides write at once (batches one way, acknowledgements
// the other), which an unbuffered pipe would deadlock. Reads and deadlines
// are the pipe's; Close delivers what was written, then closes (as a
// stream's Reset delivers what was written before it); drop is a link
// that drops, at once.
type socket struct {
	net.Conn
	out    chan []byte
	closed chan struct{}
	once   sync.Once
	done   sync.WaitGroup
	// onWrite, when set, sees every write before it is queued.
	onWrite func(s *socket, p []byte)
}

func newSocket(c net.Conn) *socket {
	s := &socket{Conn: c, out: make(chan []byte, 1<<12), closed: make(chan struct{})}
	s.done.Go(func() {
		for {
			select {
			case p := <-s.out:
				if _, err := c.Write(p); err != nil {
					return
				}
			case <-s.closed:
				// Flush what is queued, then stop.
				for {
					select {
					case p := <-s.out:
						if _, err := c.Write(p); err != nil {
							return
						}
					default:
						return
					}
				}
			}
		}
	})
	return s
}

func (s *socket) Write(p []byte) (int, error) {
	if s.onWrite != nil {
		s.onWrite(s, p)
	}
	select {
	case <-s.closed:
		return 0, io.ErrClosedPipe
	default:
	}
	select {
	case s.out <- append([]byte(nil), p...):
		return len(p), nil
	case <-s.closed:
		return 0, io.ErrClosedPipe
	}
}

// Close flushes what is queued (while the peer reads, for at most a few
// seconds), then closes.
func (s *socket) Close() error {
	_ = s.Conn.SetWriteDeadline(time.Now().Add(5 * time.Second))
	s.once.Do(func() { close(s.closed) })
	s.done.Wait()
	return s.Conn.Close()
}

// drop closes the link at once, losing what is queued.
func (s *socket) drop() {
	_ = s.Conn.Close()
	s.once.Do(func() { close(s.closed) })
	s.done.Wait()
}

// pipe returns the two ends of a link.
func pipe() (client, server *socket) {
	a, b := net.Pipe()
	return newSocket(a), newSocket(b)
}

// exchange runs one pull of client from server over a pipe: the client's
// and the server's results. tweak, when set, sees the client's end first.
func exchange(t testing.TB, client, server *testNode, tweak func(*socket)) (PullStats, error, ServeStats, error) {
	t.Helper()
	ce, se := pipe()
	if tweak != nil {
		tweak(ce)
	}
	var sst ServeStats
	var serr error
	served := make(chan struct{})
	go func() {
		defer close(served)
		sst, serr = (&Session{Local: server, Remote: client.origin()}).Serve(NewConn(se, 5*time.Second))
		se.Close()
	}()
	st, err := (&Session{Local: client, Remote: server.origin()}).Pull(NewConn(ce, 5*time.Second))
	ce.Close()
	<-served
	return st, err, sst, serr
}
