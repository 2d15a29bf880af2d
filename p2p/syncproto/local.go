package syncproto

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
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
	m := st.Vector().Get(o)
	if b, err := st.Local(store.LocalSyncMark(o)); err == nil && len(b) == 8 {
		m = max(m, binary.BigEndian.Uint64(b))
	}
	return m
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

// raiseMark records that this node holds every event it may see of o up to
// seq, and reports whether that is more than it knew.
func raiseMark(st *store.Store, o store.Origin, seq uint64) (bool, error) {
	if seq <= Held(st, o) {
		return false, nil
	}
	if err := st.SetLocal(store.LocalSyncMark(o), binary.BigEndian.AppendUint64(nil, seq)); err != nil {
		return false, fmt.Errorf("recording the mark of %s: %w", o, err)
	}
	return true, nil
}

// SentMarks returns the marks this node vouched to a remote at the end of
// its complete pulls (store.LocalSyncSent(name)): what a bundle for it can
// leave out.
func SentMarks(st *store.Store, name string) map[store.Origin]uint64 {
	out := map[store.Origin]uint64{}
	b, err := st.Local(store.LocalSyncSent(name))
	if err != nil {
		return out
	}
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

// recordSent remembers the marks vouched to a remote.
func recordSent(st *store.Store, name string, marks map[store.Origin]uint64) {
	prev := SentMarks(st, name)
	for o, seq := range marks {
		prev[o] = max(prev[o], seq)
	}
	out := map[string]uint64{}
	for o, seq := range prev {
		out[o.String()] = seq
	}
	b, _ := json.Marshal(out)
	_ = st.SetLocal(store.LocalSyncSent(name), b)
}
