package syncproto

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"

	"hoso/store"
	"hoso/trust"
)

// Local is what a session needs from the node it runs for. The protocol
// defines it and never imports the node (package p2p implements it for a
// Syncer; tests implement it over a bare store).
type Local interface {
	// Store is the node's store: the events, their vector and the sync
	// records (records.go).
	Store() *store.Store
	// Chain is this node's own certificate chain, renewals adopted; nil
	// when the node is not enrolled.
	Chain() trust.Chain
	// ChainOf returns the chain of an origin's device: this node's own,
	// an issuer's from it, or the one the trust records hold.
	ChainOf(o store.Origin) (trust.Chain, bool)
	// Recorded returns the chain the trust records hold for a device,
	// and only that.
	Recorded(o store.Origin) (trust.Chain, bool)
	// Verify checks a chain against the province's root and the
	// revocations, now.
	Verify(ch trust.Chain) error
	// VerifyCached is Verify for the chains batches carry, which may
	// remember a chain (whose encoding is raw) that verified lately.
	VerifyCached(ch trust.Chain, raw []byte) error
	// Path places an office in the office tree (Tree).
	Path(office string) (string, bool)
	// Renew renews a verified peer's certificate when this node's office
	// issued it and it is due (the renewal travels in the same pull).
	Renew(ch trust.Chain)
	// Notify tells the node that a batch added events.
	Notify()
	// Logf logs what a session refused.
	Logf(format string, args ...any)
}

// Observer is told how a session goes, for the node's status board. The
// session calls it from its own goroutine.
type Observer interface {
	// Skew is how far the remote's clock is ahead of this node's (a pull's
	// hello).
	Skew(d time.Duration)
	// Received counts the events a committed batch added (a pull).
	Received(events int)
	// Progress counts the bytes read and written since it was last told,
	// after each batch a pull acknowledged.
	Progress(in, out int64)
	// Sent counts the events of a batch the remote acknowledged (a
	// serve). A batch a dropped link cut is sent again, and counted then.
	Sent(events int)
}

// nobody observes a session that was given no Observer.
type nobody struct{}

func (nobody) Skew(time.Duration)  {}
func (nobody) Received(int)        {}
func (nobody) Progress(_, _ int64) {}
func (nobody) Sent(int)            {}

// Session is one sync with a remote device, from either side: Pull
// (client.go) or Serve (server.go). The remote is known by its device key
// alone; the sync records about it are keyed by that key's peer ID text
// (store.Origin.String), as they always were.
type Session struct {
	// Local is the node this side runs for.
	Local Local
	// Remote is the device at the other end.
	Remote store.Origin
	// Observer is told the session's progress; nil tells nobody.
	Observer Observer
}

// observer returns the session's Observer, or one that tells nobody.
func (s *Session) observer() Observer {
	if s.Observer == nil {
		return nobody{}
	}
	return s.Observer
}

// ErrUnknownOrigin is a batch event from a device no chain vouches for.
var ErrUnknownOrigin = errors.New("sync: event from a device without a valid certificate")

// Refusal is the error a remote's Fail message becomes: what this side
// was doing, the remote's code and its message, for the log.
type Refusal struct {
	// What this side was doing: "the peer refused this node", …
	What string
	// Fail is the remote's message.
	Fail Fail
}

// Error returns what was refused, the remote's code and message.
func (r *Refusal) Error() string { return r.What + ": " + r.Fail.Code + ": " + r.Fail.Message }

// The sync records a node keeps in its store's local settings (store's
// keys.go names them), per remote device and per origin.

// Token returns the remote's write count this node last pulled completely
// (0: never), the record under store.LocalSyncToken(name), name being the
// remote's peer ID text.
func Token(st *store.Store, name string) uint64 {
	if b, err := st.Local(store.LocalSyncToken(name)); err == nil && len(b) == 8 {
		return binary.BigEndian.Uint64(b)
	}
	return 0
}

// setToken records the remote's write count pulled completely.
func setToken(st *store.Store, name string, count uint64) error {
	if err := st.SetLocal(store.LocalSyncToken(name), binary.BigEndian.AppendUint64(nil, count)); err != nil {
		return fmt.Errorf("recording the sync token of %s: %w", name, err)
	}
	return nil
}

// Held is what this node holds of an origin: every event it may see up to
// the returned sequence. It is the store's contiguous vector or what a
// peer vouched for (store.LocalSyncMark), whichever is higher.
func Held(st *store.Store, o store.Origin) uint64 {
	return max(st.VectorOf(o), readMark(st, o))
}

// readMark reads the mark peers vouched for of o (0: none).
func readMark(st *store.Store, o store.Origin) uint64 {
	if b, err := st.Local(store.LocalSyncMark(o)); err == nil && len(b) == 8 {
		return binary.BigEndian.Uint64(b)
	}
	return 0
}

// Changed lists the origins written since write count since, each with
// this node's mark of it.
func Changed(st *store.Store, since uint64) []Mark {
	var out []Mark
	for _, o := range st.ChangedSince(since) {
		out = append(out, Mark{Origin: o, Seq: Held(st, o)})
	}
	return out
}

// Marks remembers the marks peers vouched for (store.LocalSyncMark), so
// that a node answering many pulls (a hub) does not read one record per
// origin for each: it is the only writer of those records while it
// lives. It is safe for concurrent use.
type Marks struct {
	st *store.Store
	mu sync.Mutex
	m  map[store.Origin]uint64
}

// NewMarks returns an empty cache of st's marks.
func NewMarks(st *store.Store) *Marks { return &Marks{st: st, m: map[store.Origin]uint64{}} }

// get returns the mark of o.
func (k *Marks) get(o store.Origin) uint64 {
	k.mu.Lock()
	defer k.mu.Unlock()
	if v, ok := k.m[o]; ok {
		return v
	}
	v := readMark(k.st, o)
	k.m[o] = v
	return v
}

// raiseAll is raiseMarks over the cache: one transaction for the marks
// that rose.
func (k *Marks) raiseAll(marks []Mark) ([]store.Origin, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	rise, err := writeMarks(k.st, marks, func(o store.Origin) uint64 {
		v, ok := k.m[o]
		if !ok {
			v = readMark(k.st, o)
			k.m[o] = v
		}
		return max(v, k.st.VectorOf(o))
	})
	if err != nil {
		for _, m := range marks {
			delete(k.m, m.Origin)
		}
		return nil, err
	}
	maps.Copy(k.m, rise)
	return slices.Collect(maps.Keys(rise)), nil
}

// raise is raiseAll for one origin: it reports whether o's mark rose.
func (k *Marks) raise(o store.Origin, seq uint64) (bool, error) {
	raised, err := k.raiseAll([]Mark{{Origin: o, Seq: seq}})
	return len(raised) > 0, err
}

// Marker is a Local whose node keeps its marks in memory (Marks).
type Marker interface {
	Marks() *Marks
}

// marksOf returns l's cache of marks, nil when it keeps none.
func marksOf(l Local) *Marks {
	if m, ok := l.(Marker); ok {
		return m.Marks()
	}
	return nil
}

// held is Held, from l's cache of marks when it keeps one.
func held(l Local, o store.Origin) uint64 {
	if k := marksOf(l); k != nil {
		return max(l.Store().VectorOf(o), k.get(o))
	}
	return Held(l.Store(), o)
}

// changed is Changed, from l's cache of marks when it keeps one.
func changed(l Local, since uint64) []Mark {
	var out []Mark
	for _, o := range l.Store().ChangedSince(since) {
		out = append(out, Mark{Origin: o, Seq: held(l, o)})
	}
	return out
}

// raiseMarks records that this node holds every event it may see of each
// origin up to its mark, where that is more than it knew, in one
// transaction (a hub vouches for every origin of the province in a
// batch), and returns the origins raised.
func raiseMarks(l Local, marks []Mark) ([]store.Origin, error) {
	if k := marksOf(l); k != nil {
		return k.raiseAll(marks)
	}
	st := l.Store()
	rise, err := writeMarks(st, marks, func(o store.Origin) uint64 { return Held(st, o) })
	return slices.Collect(maps.Keys(rise)), err
}

// writeMarks writes, in one transaction, the marks higher than what
// holds returns for their origin, and returns them.
func writeMarks(st *store.Store, marks []Mark, holds func(store.Origin) uint64) (map[store.Origin]uint64, error) {
	rise := map[store.Origin]uint64{}
	for _, m := range marks {
		if m.Seq > holds(m.Origin) && m.Seq > rise[m.Origin] {
			rise[m.Origin] = m.Seq
		}
	}
	if len(rise) == 0 {
		return nil, nil
	}
	values := make(map[string][]byte, len(rise))
	for o, seq := range rise {
		values[store.LocalSyncMark(o)] = binary.BigEndian.AppendUint64(nil, seq)
	}
	if err := st.SetLocals(values); err != nil {
		return nil, fmt.Errorf("recording the marks of %d origins: %w", len(values), err)
	}
	return rise, nil
}

// SentMarks returns the marks this node vouched to a remote at the end of
// its complete pulls (store.LocalSyncSent(name)): what a bundle for it can
// leave out.
func SentMarks(st *store.Store, name string) map[store.Origin]uint64 {
	b, err := st.Local(store.LocalSyncSent(name))
	if err != nil {
		return map[store.Origin]uint64{}
	}
	return decodeSent(b)
}

// sentVersion starts the binary record of the marks vouched to a peer:
// then, per origin, its 32 bytes and its sequence as a uvarint. A record
// that starts with '{' is the JSON object of earlier versions.
const sentVersion = 1

// encodeSent encodes the marks vouched to a peer, in origin order.
func encodeSent(marks map[store.Origin]uint64) []byte {
	origins := slices.SortedFunc(maps.Keys(marks), func(a, b store.Origin) int { return bytes.Compare(a[:], b[:]) })
	b := make([]byte, 0, 1+len(marks)*(len(store.Origin{})+4))
	b = append(b, sentVersion)
	for _, o := range origins {
		b = append(b, o[:]...)
		b = binary.AppendUvarint(b, marks[o])
	}
	return b
}

// decodeSent decodes a record of encodeSent or of the JSON of earlier
// versions; what it cannot read is no mark.
func decodeSent(b []byte) map[store.Origin]uint64 {
	out := map[store.Origin]uint64{}
	if len(b) > 0 && b[0] == '{' {
		var m map[string]uint64
		if json.Unmarshal(b, &m) != nil {
			return out
		}
		for k, seq := range m {
			if o, err := store.ParseOrigin(k); err == nil {
				out[o] = seq
			}
		}
		return out
	}
	if len(b) == 0 || b[0] != sentVersion {
		return out
	}
	for b = b[1:]; len(b) > 0; {
		var o store.Origin
		if len(b) < len(o) {
			return map[store.Origin]uint64{}
		}
		copy(o[:], b)
		seq, n := binary.Uvarint(b[len(o):])
		if n <= 0 {
			return map[store.Origin]uint64{}
		}
		out[o] = seq
		b = b[len(o)+n:]
	}
	return out
}

// recordSent remembers the marks vouched to a remote, when any rose: a hub
// vouches for every origin on every pull, so the record is binary.
func recordSent(st *store.Store, name string, marks map[store.Origin]uint64) {
	prev := SentMarks(st, name)
	rose := false
	for o, seq := range marks {
		if seq > prev[o] {
			prev[o], rose = seq, true
		}
	}
	if rose {
		_ = st.SetLocal(store.LocalSyncSent(name), encodeSent(prev))
	}
}
