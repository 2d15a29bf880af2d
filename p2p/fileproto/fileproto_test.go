package fileproto

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"strconv"
	"sync"
	"testing"
	"time"

	"hoso/p2p/syncproto"
	"hoso/store"
	"hoso/trust"
)

// The files protocol's tests run real Badger stores against each other
// over net.Pipe: a district, two communes of it, each certified by the
// province's root.

var offices = map[string]string{"38": "38", "405": "38/405", "38001": "38/405/38001", "38002": "38/405/38002"}

type book struct {
	root ed25519.PublicKey
	m    map[store.Origin]trust.Chain
}

// node is one device: a Local over a real store, with the records naming
// each file (what app's index answers).
type node struct {
	key   ed25519.PrivateKey
	st    *store.Store
	chain trust.Chain
	book  *book
	names map[store.BlobID][]string

	mu   sync.Mutex
	logs []string
}

func (n *node) Store() *store.Store { return n.st }
func (n *node) Chain() trust.Chain  { return n.chain }
func (n *node) ChainOf(o store.Origin) (trust.Chain, bool) {
	ch, ok := n.book.m[o]
	return ch, ok
}
func (n *node) Recorded(o store.Origin) (trust.Chain, bool) { return n.ChainOf(o) }
func (n *node) Verify(ch trust.Chain) error {
	return ch.Verify(n.book.root, time.Now(), func(*trust.Cert) bool { return false })
}
func (n *node) VerifyCached(ch trust.Chain, _ []byte) error { return n.Verify(ch) }
func (n *node) Path(office string) (string, bool)           { p, ok := offices[office]; return p, ok }
func (n *node) Renew(trust.Chain)                           {}
func (n *node) Notify()                                     {}
func (n *node) Logf(format string, args ...any) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.logs = append(n.logs, format)
}
func (n *node) Subjects(id store.BlobID) ([]string, error) { return n.names[id], nil }

type province struct{ district, a, b, stranger *node }

func newProvince(t testing.TB) *province {
	t.Helper()
	_, rk, _ := ed25519.GenerateKey(nil)
	now := time.Now()
	root, err := trust.NewRoot(rk, "38", now, 1)
	if err != nil {
		t.Fatal(err)
	}
	bk := &book{root: rk.Public().(ed25519.PublicKey), m: map[store.Origin]trust.Chain{}}
	open := func(k ed25519.PrivateKey, ch trust.Chain) *node {
		st, err := store.Open(store.Options{InMemory: true, Signer: k})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		n := &node{key: k, st: st, chain: ch, book: bk, names: map[store.BlobID][]string{}}
		bk.m[st.Self()] = ch
		return n
	}
	issue := func(byKey ed25519.PrivateKey, by trust.Chain, path string, role trust.Role) *node {
		_, k, _ := ed25519.GenerateKey(nil)
		ch, err := trust.Issue(byKey, by, k.Public().(ed25519.PublicKey), path, role, now, 30)
		if err != nil {
			t.Fatal(err)
		}
		return open(k, ch)
	}
	p := &province{}
	p.district = issue(rk, trust.Chain{root}, "38/405", trust.RoleDistrict)
	p.a = issue(p.district.key, p.district.chain, "38/405/38001", trust.RoleCommune)
	p.b = issue(p.district.key, p.district.chain, "38/405/38002", trust.RoleCommune)
	// A device certified by another province's root.
	_, sk, _ := ed25519.GenerateKey(nil)
	other, _ := trust.NewRoot(sk, "39", now, 1)
	p.stranger = open(sk, trust.Chain{other})
	delete(bk.m, p.stranger.st.Self())
	return p
}

func scan(seed uint64, n int) []byte {
	r := rand.New(rand.NewPCG(seed, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// attach stores a file on n and a record of office naming it.
func (n *node) attach(t testing.TB, office, subject string, data []byte) Want {
	t.Helper()
	id, err := n.st.PutBlob(data)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := n.st.Append(store.Draft{Actor: "u", Owner: office, Kind: "plan.progress", Subject: subject, Body: []byte(`{"file":"` + id.String() + `"}`)}); err != nil {
		t.Fatal(err)
	}
	n.names[id] = append(n.names[id], subject)
	return Want{ID: id, Size: int64(len(data))}
}

// cutConn is a link that drops after a number of bytes read.
type cutConn struct {
	net.Conn
	left int
}

func (c *cutConn) Read(p []byte) (int, error) {
	if c.left <= 0 {
		c.Conn.Close()
		return 0, io.ErrUnexpectedEOF
	}
	if len(p) > c.left {
		p = p[:c.left]
	}
	n, err := c.Conn.Read(p)
	c.left -= n
	return n, err
}

type budget struct {
	mu    sync.Mutex
	limit int64
	spent int64
}

func (b *budget) Over() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.limit > 0 && b.spent >= b.limit
}
func (b *budget) Spend(n int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.spent += n
}

// fetch runs one fetch of client from server over a pipe.
func fetch(t testing.TB, client, server *node, wants []Want, cut int, sb, cb Budget) (FetchStats, error, ServeStats, error) {
	t.Helper()
	a, b := net.Pipe()
	var ce syncproto.Stream = a
	if cut > 0 {
		ce = &cutConn{Conn: a, left: cut}
	}
	var sst ServeStats
	var serr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		sst, serr = (&Server{Local: server, Remote: client.st.Self(), Budget: sb}).Serve(syncproto.NewConn(b, 5*time.Second))
		b.Close()
	}()
	st, err := (&Client{Local: client, Budget: cb}).Fetch(syncproto.NewConn(ce, 5*time.Second), wants)
	a.Close()
	<-done
	return st, err, sst, serr
}

func TestFetchAFileAfterItsRecord(t *testing.T) {
	p := newProvince(t)
	data := scan(1, 2*store.BlobPartSize+777)
	w := p.a.attach(t, "38001", "planprogress/38001/kh/T1", data)
	small := p.a.attach(t, "38001", "planprogress/38001/kh/T2", []byte("%PDF-1.4 tiny"))

	st, err, sst, serr := fetch(t, p.district, p.a, []Want{w, small}, 0, nil, nil)
	if err != nil || serr != nil || st.Files != 2 || sst.Files != 2 || st.Bytes != int64(len(data))+13 {
		t.Fatalf("district from commune: %+v %v / %+v %v", st, err, sst, serr)
	}
	if got, err := p.district.st.Blob(w.ID); err != nil || !bytes.Equal(got, data) {
		t.Fatalf("the district holds %d bytes, %v", len(got), err)
	}
	// Fetching again asks for nothing the node holds.
	st, err, sst, _ = fetch(t, p.district, p.a, []Want{w}, 0, nil, nil)
	if err != nil || sst.Files != 0 || sst.Bytes != 0 {
		t.Fatalf("a held file fetched again: %+v %v / %+v", st, err, sst)
	}
}

func TestASiblingNeverGetsTheFile(t *testing.T) {
	p := newProvince(t)
	w := p.a.attach(t, "38001", "planprogress/38001/kh/T1", scan(2, 1000))
	// The district holds the record and the file, as sync left them.
	p.district.attach(t, "38001", "planprogress/38001/kh/T1", scan(2, 1000))
	for name, server := range map[string]*node{"from the commune": p.a, "from the district": p.district} {
		st, err, sst, serr := fetch(t, p.b, server, []Want{w}, 0, nil, nil)
		if err != nil || serr != nil || st.Refused != 1 || st.Files != 0 || sst.Refused != 1 {
			t.Fatalf("%s: a sibling commune: %+v %v / %+v %v", name, st, err, sst, serr)
		}
		if _, err := p.b.st.Blob(w.ID); !errors.Is(err, store.ErrNoBlob) {
			t.Fatalf("%s: the sibling holds the file: %v", name, err)
		}
	}
	// A file the server holds but no record names is refused alike.
	lone, _ := p.a.st.PutBlob([]byte("no record names me"))
	st, _, _, _ := fetch(t, p.district, p.a, []Want{{ID: lone, Size: 18}}, 0, nil, nil)
	if st.Refused != 1 {
		t.Fatalf("a file no record names: %+v", st)
	}
	// A device of another province is refused at the hello.
	_, err, _, serr := fetch(t, p.stranger, p.a, []Want{w}, 0, nil, nil)
	var ref *syncproto.Refusal
	if !errors.As(err, &ref) || ref.Fail.Code != syncproto.CodeUntrusted || serr == nil {
		t.Fatalf("a stranger: %v / %v", err, serr)
	}
}

func TestAFetchResumesAfterACut(t *testing.T) {
	p := newProvince(t)
	data := scan(3, 4*store.BlobPartSize+10)
	w := p.a.attach(t, "38001", "planprogress/38001/kh/T1", data)
	// The link drops in the middle of the second part.
	st, err, _, _ := fetch(t, p.district, p.a, []Want{w}, store.BlobPartSize+store.BlobPartSize/2, nil, nil)
	if err == nil || st.Files != 0 {
		t.Fatalf("a cut fetch: %+v %v", st, err)
	}
	missing, _ := p.district.st.MissingBlobParts(w.ID, w.Size)
	if len(missing) != 4 || missing[0] != 1 {
		t.Fatalf("after the cut the district misses parts %v, want 1–4", missing)
	}
	st, err, sst, serr := fetch(t, p.district, p.a, []Want{w}, 0, nil, nil)
	if err != nil || serr != nil || st.Files != 1 || sst.Bytes != int64(len(data)-store.BlobPartSize) {
		t.Fatalf("the resumed fetch: %+v %v / %+v %v (sent %d, want all but the first part)", st, err, sst, serr, sst.Bytes)
	}
	if got, _ := p.district.st.Blob(w.ID); !bytes.Equal(got, data) {
		t.Fatal("the resumed file differs")
	}
}

func TestTheBudgetStopsAFetch(t *testing.T) {
	p := newProvince(t)
	w := p.a.attach(t, "38001", "planprogress/38001/kh/T1", scan(4, 3*store.BlobPartSize))
	sb := &budget{limit: store.BlobPartSize}
	st, err, _, serr := fetch(t, p.district, p.a, []Want{w}, 0, sb, nil)
	var ref *syncproto.Refusal
	if !errors.As(err, &ref) || ref.Fail.Code != syncproto.CodeBudget || !errors.Is(serr, ErrBudget) || st.Files != 0 {
		t.Fatalf("a spent server budget: %+v %v / %v", st, err, serr)
	}
	if sb.spent < store.BlobPartSize || sb.spent > 2*store.BlobPartSize+100 {
		t.Fatalf("the server spent %d bytes", sb.spent)
	}
	cb := &budget{limit: 1}
	cb.Spend(1)
	if _, err, _, _ := fetch(t, p.district, p.a, []Want{w}, 0, nil, cb); !errors.Is(err, ErrBudget) {
		t.Fatalf("a spent client budget: %v", err)
	}
}

// TestAFileThatDoesNotMatchIsDropped is a peer sending parts that are not
// the file asked for: nothing counts, the parts go, the next fetch starts
// over.
func TestAFileThatDoesNotMatchIsDropped(t *testing.T) {
	p := newProvince(t)
	data := scan(5, store.BlobPartSize+5)
	w := Want{ID: store.BlobOf(data), Size: int64(len(data))}
	a, b := net.Pipe()
	go func() {
		c := syncproto.NewConn(b, 5*time.Second)
		defer b.Close()
		if _, _, err := c.Next(); err != nil {
			return
		}
		_ = c.Frame(MsgHello, EncodeHello(nil))
		if _, _, err := c.Next(); err != nil {
			return
		}
		bad := bytes.Clone(data)
		bad[3] ^= 1
		_ = c.Frame(MsgPart, EncodePart(Part{ID: w.ID, Part: 0, Data: bad[:store.BlobPartSize]}))
		_ = c.Frame(MsgPart, EncodePart(Part{ID: w.ID, Part: 1, Data: bad[store.BlobPartSize:]}))
		_ = c.Frame(MsgDone, EncodeID(w.ID))
		_, _, _ = c.Next()
	}()
	st, err := (&Client{Local: p.district}).Fetch(syncproto.NewConn(a, 5*time.Second), []Want{w})
	a.Close()
	if err != nil || st.Bad != 1 || st.Files != 0 {
		t.Fatalf("a forged file: %+v %v", st, err)
	}
	if missing, _ := p.district.st.MissingBlobParts(w.ID, w.Size); len(missing) != 2 {
		t.Fatalf("the forged parts stay: %v missing", missing)
	}
}

func TestWireRoundTrip(t *testing.T) {
	id := store.BlobOf([]byte("x"))
	w := Want{ID: id, Size: 3*store.BlobPartSize + 1, From: 3}
	if got, err := DecodeWant(EncodeWant(w)); err != nil || got != w {
		t.Fatalf("want: %+v %v", got, err)
	}
	pt := Part{ID: id, Part: 7, Data: []byte("abc")}
	if got, err := DecodePart(EncodePart(pt)); err != nil || got.ID != id || got.Part != 7 || string(got.Data) != "abc" {
		t.Fatalf("part: %+v %v", got, err)
	}
	if got, err := DecodeID(EncodeID(id)); err != nil || got != id {
		t.Fatalf("id: %v %v", got, err)
	}
	for name, b := range map[string][]byte{
		"want past the end": EncodeWant(Want{ID: id, Size: 10, From: 1}),
		"want too large":    EncodeWant(Want{ID: id, Size: store.MaxBlobSize + 1}),
		"want of nothing":   EncodeWant(Want{ID: id}),
		"short address":     id[:5],
		"trailing bytes":    append(EncodeID(id), 0),
		"empty part":        EncodePart(Part{ID: id}),
	} {
		_, e1 := DecodeWant(b)
		_, e2 := DecodeID(b)
		_, e3 := DecodePart(b)
		if name == "trailing bytes" && e2 == nil || name == "empty part" && e3 == nil || name != "trailing bytes" && name != "empty part" && e1 == nil {
			t.Errorf("%s decodes", name)
		}
	}
}

// FuzzDecode feeds every decoder arbitrary bytes: none panics, and what
// one accepts encodes back to the same bytes (one byte form per message).
func FuzzDecode(f *testing.F) {
	id := store.BlobOf([]byte("x"))
	f.Add(EncodeWant(Want{ID: id, Size: 1000}))
	f.Add(EncodePart(Part{ID: id, Part: 1, Data: []byte("abc")}))
	f.Add(EncodeHello([]byte("chain")))
	f.Fuzz(func(t *testing.T, b []byte) {
		if w, err := DecodeWant(b); err == nil && !bytes.Equal(EncodeWant(w), b) {
			t.Fatalf("want %x re-encodes differently", b)
		}
		if p, err := DecodePart(b); err == nil && !bytes.Equal(EncodePart(p), b) {
			t.Fatalf("part %x re-encodes differently", b)
		}
		if h, err := DecodeHello(b); err == nil && !bytes.Equal(EncodeHello(h), b) {
			t.Fatalf("hello %x re-encodes differently", b)
		}
		if i, err := DecodeID(b); err == nil && !bytes.Equal(EncodeID(i), b) {
			t.Fatalf("id %x re-encodes differently", b)
		}
	})
}

// BenchmarkFetchScans fetches 300 KB scans from a commune to its district
// over a pipe and reports the bytes on the wire per byte of scan (the
// frames' cost: scans do not compress) and the rate.
func BenchmarkFetchScans(b *testing.B) {
	p := newProvince(b)
	const size = 300 << 10
	wants := make([]Want, b.N)
	for i := range wants {
		wants[i] = p.a.attach(b, "38001", "planprogress/38001/kh/T"+strconv.Itoa(i), scan(uint64(i)+10, size))
	}
	b.SetBytes(size)
	b.ResetTimer()
	st, err, sst, serr := fetch(b, p.district, p.a, wants, 0, nil, nil)
	b.StopTimer()
	if err != nil || serr != nil || st.Files != b.N {
		b.Fatalf("%+v %v / %+v %v", st, err, sst, serr)
	}
	b.ReportMetric(float64(sst.Wire)/float64(int64(b.N)*size), "wire/byte")
}
