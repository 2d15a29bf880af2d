package p2p

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"

	"hoso/p2p/syncproto"
	"hoso/store"
	"hoso/trust"
)

// Batch bounds: what one batch carries at most before it is sent. A batch
// cut by a dropped link is sent again whole, and it must cross a slow link
// (64 kbit/s) well within the link's and the stream's time limits: about
// 128 KB of events compress to 30–40 KB, a few seconds on such a link. On
// a link that acknowledges more than that each second a batch grows, up to
// maxBatchBytes: fewer, larger transactions (a fifth faster on loopback);
// the receiver commits a batch in one transaction, which holds up to
// ~600 KB with its subject records (store).
const (
	batchEvents   = 1000
	batchBytes    = 128 << 10
	maxBatchBytes = 384 << 10
	// window bounds the batches in flight, unacknowledged: what a drop
	// wastes is at most window batches, all sent again (the client's marks
	// say where to resume), and never one it acknowledged.
	window = 4
)

// markKey is the local record of what this node holds of an origin.
func markKey(o store.Origin) string { return store.LocalSyncMark(o) }

// mark is what this node holds of an origin: every event it may see up to
// the returned sequence. It is the store's contiguous vector or what a
// peer vouched for, whichever is higher.
func (s *Syncer) mark(o store.Origin) uint64 {
	m := s.st.Vector().Get(o)
	if b, err := s.st.Local(markKey(o)); err == nil && len(b) == 8 {
		m = max(m, binary.BigEndian.Uint64(b))
	}
	return m
}

// raiseMark records that this node holds every event it may see of o up to
// seq, and reports whether that is more than it knew.
func (s *Syncer) raiseMark(o store.Origin, seq uint64) (bool, error) {
	if seq <= s.mark(o) {
		return false, nil
	}
	return true, s.st.SetLocal(markKey(o), binary.BigEndian.AppendUint64(nil, seq))
}

// verifyPeer checks a peer's chain: it verifies against the root, names
// the peer's own key and is not revoked.
//
// A peer that knows this node sends no chain (it would cost most of a
// no-op sync's bytes): its recorded one is used.
func (s *Syncer) verifyPeer(id peer.ID, raw []byte) (trust.Chain, error) {
	var ch trust.Chain
	var err error
	if len(raw) == 0 {
		k, kerr := keyOf(id)
		if kerr != nil {
			return nil, kerr
		}
		var o store.Origin
		copy(o[:], k)
		known, ok := s.chainOf(o)
		if !ok {
			return nil, fmt.Errorf("%w: no certificate is recorded for %s", trust.ErrUntrusted, id)
		}
		ch = known
	} else if ch, err = trust.DecodeChain(raw); err != nil {
		return nil, err
	}
	if err := ch.Verify(s.en.Root, s.now(), s.book.isRevoked); err != nil {
		return nil, err
	}
	k, err := keyOf(id)
	if err != nil || !bytes.Equal(k, ch.Leaf().Subject) {
		return nil, fmt.Errorf("%w: the certificate is not this peer's", trust.ErrUntrusted)
	}
	return ch, nil
}

// fail sends a Fail and returns err.
func fail(fw *syncproto.Writer, code string, err error) error {
	_ = fw.Frame(syncproto.MsgFail, syncproto.EncodeFail(syncproto.Fail{Code: code, Message: err.Error()}))
	return err
}

// serve answers a pull: the client's hello, then what it lacks and may
// see, in acknowledged batches.
func (s *Syncer) serve(str network.Stream) {
	defer str.Close()
	remote := str.Conn().RemotePeer()
	c := syncproto.NewConn(str, s.timing.Read)
	fw, fr := c.Writer, c.Reader
	if s.OverBudget(remote) {
		// The link's bytes for today are spent, both ways.
		_ = fail(fw, wireBudget, errors.New("this node's daily sync budget for the peer is spent"))
		return
	}
	theirs, err := s.serveStream(c, str, remote)
	s.status.served(remote, fw.Sent(), fr.Received(), err)
	if err != nil {
		s.logf("sync: serving %s: %v", remote, err)
		_ = str.Reset()
		return
	}
	// Pull back what the client has for this node when it wrote anything
	// since this node last pulled from it completely.
	var known uint64
	if b, err := s.st.Local(tokenKey(remote)); err == nil && len(b) == 8 {
		known = binary.BigEndian.Uint64(b)
	}
	if theirs != known {
		s.kick(remote)
	}
}

// serveStream serves one pull and returns the client's write count.
func (s *Syncer) serveStream(c *syncproto.Conn, str network.Stream, remote peer.ID) (uint64, error) {
	fw := c.Writer
	typ, payload, err := c.Next()
	if err != nil {
		return 0, err
	}
	if typ != syncproto.MsgHello {
		return 0, fail(fw, wireProtocol, fmt.Errorf("%w: expected hello", ErrProtocol))
	}
	hello, err := syncproto.DecodeHello(payload)
	if err != nil {
		return 0, fail(fw, wireProtocol, err)
	}
	ch, err := s.verifyPeer(remote, hello.Chain)
	if err != nil {
		return 0, fail(fw, wireUntrusted, err)
	}
	// A child due for renewal receives it in this very pull.
	s.renewFor(ch)
	return hello.Count, s.serveHello(c, str, remote, hello, ch)
}

// serveHello answers a verified client's hello.
func (s *Syncer) serveHello(c *syncproto.Conn, str network.Stream, remote peer.ID, hello syncproto.Hello, ch trust.Chain) error {
	fw := c.Writer
	sc := scope{path: ch.Leaf().Path, tree: s.tree}.withCache()
	count := s.st.Changes()
	reply := syncproto.Hello{Token: count, Clock: time.Now().UnixMilli()}
	if len(hello.Chain) > 0 {
		// A first contact: the client may not know this node yet.
		reply.Chain = s.ownChain().Encode()
	}
	if hello.Token != count {
		for _, o := range s.st.ChangedSince(hello.Token) {
			reply.Changed = append(reply.Changed, syncproto.Mark{Origin: o, Seq: s.mark(o)})
		}
	}
	if err := fw.Frame(syncproto.MsgHello, syncproto.EncodeHello(reply)); err != nil {
		return err
	}
	if len(reply.Changed) == 0 {
		return nil
	}
	typ, payload, err := c.Next()
	if err != nil {
		return err
	}
	if typ != syncproto.MsgMarks {
		return fail(fw, wireProtocol, fmt.Errorf("%w: expected marks", ErrProtocol))
	}
	theirs, err := syncproto.DecodeMarks(payload)
	if err != nil {
		return fail(fw, wireProtocol, err)
	}
	have := map[store.Origin]uint64{}
	for _, m := range theirs {
		have[m.Origin] = m.Seq
	}
	// This node vouches for the client's whole scope when it sees all of
	// it (it is the client's office or above it); otherwise only for
	// origins of offices below it, all of whose events it sees.
	ancestor := sc.above(s.ownChain().Leaf().Path)
	out := &outgoing{s: s, sc: sc, c: c, fw: fw, str: str, sentSubjects: map[string]bool{}}
	for _, m := range reply.Changed {
		from, to := have[m.Origin], m.Seq
		if to <= from {
			continue
		}
		vouch := ancestor || s.originBelow(m.Origin)
		if err := out.origin(m.Origin, from, to, vouch); err != nil {
			return err
		}
	}
	if err := out.flush(); err != nil {
		return err
	}
	if err := out.drain(); err != nil {
		return err
	}
	if err := fw.Frame(syncproto.MsgEnd, syncproto.EncodeUint(count)); err != nil {
		return err
	}
	s.recordSent(remote, out.vouched)
	return nil
}

// originBelow reports whether an origin's device belongs to this node's
// office or one below it, so that this node sees all its events.
func (s *Syncer) originBelow(o store.Origin) bool {
	if o == s.st.Self() {
		return true
	}
	id, err := PeerIDOf(o[:])
	if err != nil {
		return false
	}
	ch, ok := s.book.chain(id)
	if !ok {
		return false
	}
	own := scope{path: s.ownChain().Leaf().Path}
	return own.covers(ch.Leaf().Path)
}

// outgoing accumulates the batch being built for one client.
type outgoing struct {
	s  *Syncer
	sc scope
	fw *syncproto.Writer
	// c reads the acknowledgements, each under its read deadline; str is
	// the same stream, for the peer's name. Both are nil for a bundle.
	c            *syncproto.Conn
	str          network.Stream
	no           uint64
	events       []*store.Event
	size         int
	vouch        map[store.Origin]uint64
	origins      map[store.Origin]bool
	sentSubjects map[string]bool
	// noAck writes batches without waiting (a bundle file).
	noAck bool
	// inflight are the batches sent and not acknowledged yet, oldest
	// first: up to window of them, so the client commits one while the
	// next is read from the store, compressed and sent.
	inflight []sentBatch
	// total counts the events sent; vouched every mark vouched.
	total   int
	vouched map[store.Origin]uint64
	// limit is the size at which a batch is sent: batchBytes, raised to
	// what the link acknowledges in a second (at most maxBatchBytes),
	// measured from started over the acked bytes.
	limit   int
	started time.Time
	acked   int
}

// batchLimit returns the size at which to send the current batch.
func (out *outgoing) batchLimit() int {
	if out.limit == 0 {
		return batchBytes
	}
	return out.limit
}

// acknowledged counts an acknowledged batch of n bytes and adapts the
// batch size to the rate the link sustains.
func (out *outgoing) acknowledged(n int) {
	out.acked += n
	elapsed := time.Since(out.started)
	if elapsed <= 0 {
		return
	}
	perSecond := int(float64(out.acked) / elapsed.Seconds())
	out.limit = min(max(perSecond, batchBytes), maxBatchBytes)
}

// origin adds the visible events of o in (from, to] to the batches.
func (out *outgoing) origin(o store.Origin, from, to uint64, vouch bool) error {
	next := from
	ownerPath := ""
	if ch, ok := out.s.chainOf(o); ok {
		ownerPath = ch.Leaf().Path
	}
	for next < to {
		evs, err := out.s.st.After(o, next, 500)
		if err != nil {
			return err
		}
		if len(evs) == 0 {
			break
		}
		for _, e := range evs {
			if e.Seq > to {
				break
			}
			next = e.Seq
			ok, err := out.sc.visibleLazy(e, func() ([]string, error) { return out.s.st.Audience(e.Subject) }, ownerPath)
			if err != nil {
				return err
			}
			if ok {
				if err := out.add(e); err != nil {
					return err
				}
				if err := out.backfill(e); err != nil {
					return err
				}
			}
			if vouch {
				if out.vouch == nil {
					out.vouch = map[store.Origin]uint64{}
				}
				out.vouch[o] = e.Seq
			}
			if len(out.events) >= batchEvents || out.size >= out.batchLimit() {
				if err := out.flush(); err != nil {
					return err
				}
			}
		}
		if evs[len(evs)-1].Seq >= to || len(evs) < 500 {
			break
		}
	}
	if vouch {
		if out.vouch == nil {
			out.vouch = map[store.Origin]uint64{}
		}
		out.vouch[o] = to
	}
	return nil
}

// backfill sends the whole history of a subject the client sees only
// because it was addressed to it (a liên thông transfer), since earlier
// events of it may lie below the client's marks.
func (out *outgoing) backfill(e *store.Event) error {
	if out.sentSubjects[e.Subject] || out.sc.coversOffice(e.Owner) && !isReference(e.Subject) {
		return nil
	}
	out.sentSubjects[e.Subject] = true
	all, err := out.s.st.SubjectEvents(e.Subject)
	if err != nil {
		return err
	}
	if len(all) > 0 && out.sc.coversOffice(all[0].Owner) {
		return nil
	}
	for _, x := range all {
		if x.Origin != e.Origin || x.Seq != e.Seq {
			if err := out.add(x); err != nil {
				return err
			}
		}
	}
	return nil
}

func (out *outgoing) add(e *store.Event) error {
	out.events = append(out.events, e)
	out.size += len(e.Raw())
	if out.origins == nil {
		out.origins = map[store.Origin]bool{}
	}
	out.origins[e.Origin] = true
	return nil
}

// flush sends the batch and waits for its acknowledgement.
func (out *outgoing) flush() error {
	if len(out.events) == 0 && len(out.vouch) == 0 {
		return nil
	}
	out.no++
	bt := syncproto.Batch{No: out.no, Events: out.events}
	for o, seq := range out.vouch {
		bt.Vouch = append(bt.Vouch, syncproto.Mark{Origin: o, Seq: seq})
	}
	for o := range out.origins {
		if ch, ok := out.s.chainOf(o); ok {
			bt.Certs = append(bt.Certs, ch.Encode())
		}
	}
	if seal, ok := out.s.st.SignBatch(bt.Events); ok {
		bt.Seals = append(bt.Seals, seal)
	}
	if err := out.fw.Frame(syncproto.MsgBatch, syncproto.EncodeBatch(bt)); err != nil {
		return err
	}
	out.total += len(out.events)
	if out.vouched == nil {
		out.vouched = map[store.Origin]uint64{}
	}
	for o, seq := range out.vouch {
		out.vouched[o] = max(out.vouched[o], seq)
	}
	size := out.size
	out.events, out.size, out.vouch, out.origins = nil, 0, nil, nil
	if out.noAck {
		return nil
	}
	if out.started.IsZero() {
		out.started = time.Now()
	}
	out.inflight = append(out.inflight, sentBatch{no: out.no, events: len(bt.Events), bytes: size})
	if len(out.inflight) < window {
		return nil
	}
	return out.awaitAck()
}

// sentBatch is a batch sent and not yet acknowledged.
type sentBatch struct {
	no     uint64
	events int
	bytes  int
}

// awaitAck reads the acknowledgement of the oldest batch in flight.
func (out *outgoing) awaitAck() error {
	first := out.inflight[0]
	typ, payload, err := out.c.Next()
	if err != nil {
		return err
	}
	switch typ {
	case syncproto.MsgAck:
		n, err := syncproto.DecodeUint(payload)
		if err != nil || n != first.no {
			return fmt.Errorf("%w: acknowledgement %d for batch %d", ErrProtocol, n, first.no)
		}
		out.inflight = out.inflight[1:]
		out.acknowledged(first.bytes)
		// Counted once acknowledged: a batch a dropped link cut is sent
		// again, and counted then.
		out.s.status.sentEvents(out.str.Conn().RemotePeer(), first.events)
		return nil
	case syncproto.MsgFail:
		f, _ := syncproto.DecodeFail(payload)
		return &refusal{what: fmt.Sprintf("the peer refused batch %d", first.no), fail: f}
	}
	return fmt.Errorf("%w: expected an acknowledgement", ErrProtocol)
}

// drain waits for every batch in flight to be acknowledged.
func (out *outgoing) drain() error {
	for len(out.inflight) > 0 {
		if err := out.awaitAck(); err != nil {
			return err
		}
	}
	return nil
}

// chainOf returns the chain of an origin's device: this node's own, or
// the recorded one.
func (s *Syncer) chainOf(o store.Origin) (trust.Chain, bool) {
	if o == s.st.Self() {
		return s.ownChain(), true
	}
	// This node's issuers are in its own chain.
	id, err := PeerIDOf(o[:])
	if err != nil {
		return nil, false
	}
	rec, ok := s.book.chain(id)
	own := s.ownChain()
	for i, c := range own {
		if bytes.Equal(c.Subject, o[:]) {
			// An issuer renewed since: its recorded chain (renew.go).
			if ok && bytes.Equal(rec.Leaf().Subject, o[:]) {
				return newer(own[i:], rec), true
			}
			return own[i:], true
		}
	}
	return rec, ok
}

// errUnknownOrigin is a batch event from a device no chain vouches for.
var errUnknownOrigin = errors.New("sync: event from a device without a valid certificate")

// pullContext bounds one pull.
func (s *Syncer) pullContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, s.timing.Pull)
}
