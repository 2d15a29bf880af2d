package p2p

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"

	"hoso/p2p/syncproto"
	"hoso/store"
	"hoso/trust"
)

// tokenKey is the local record of the peer's write count this node last
// pulled completely.
func tokenKey(id peer.ID) string { return store.LocalSyncToken(id.String()) }

// PullStats is what one pull moved.
type PullStats struct {
	// UpToDate is true when the peer had nothing new: one round trip.
	UpToDate  bool
	Batches   int
	Events    int
	Added     int
	BytesIn   int64
	BytesOut  int64
	PeerClock time.Time
}

// Pull fetches from a connected peer what it has that this node lacks and
// may see, committing and acknowledging batch by batch.
func (s *Syncer) Pull(ctx context.Context, id peer.ID) (PullStats, error) {
	ctx, cancel := s.pullContext(ctx)
	defer cancel()
	// Closing the syncer ends its pulls too, wherever they were started.
	defer context.AfterFunc(s.life, cancel)()
	// A desk reached through its hub's relay (a limited connection) syncs
	// over it too; the relay's own limits bound what it carries.
	str, err := s.host.NewStream(network.WithAllowLimitedConn(ctx, "hoso-sync"), id, protocol.ID(ProtocolID))
	if err != nil {
		s.status.pulled(id, PullStats{}, err)
		return PullStats{}, fmt.Errorf("opening a sync stream to %s: %w", id, err)
	}
	defer str.Close()
	if dl, ok := ctx.Deadline(); ok {
		_ = str.SetDeadline(dl)
	}
	// A cancelled pull (Close, the clerk's request gone) stops at once,
	// not at its next read deadline.
	defer context.AfterFunc(ctx, func() { _ = str.Reset() })()
	c := syncproto.NewConn(str, s.timing.Read)
	fw, fr := c.Writer, c.Reader
	s.status.syncing(id, true)
	defer s.status.syncing(id, false)
	var reader sync.WaitGroup
	p := &progress{s: s, id: id, fw: fw, fr: fr}
	stats, err := s.pullStream(id, fw, fr, c.Arm, &reader, p)
	stats.BytesIn, stats.BytesOut = fr.Received(), fw.Sent()
	if err != nil {
		_ = str.Reset()
	}
	// The reader goroutine ends once the stream is reset or ended; the
	// pull is over only then.
	reader.Wait()
	s.status.pulled(id, p.rest(stats), err)
	return stats, err
}

// pullStream runs the client side of the protocol on any stream, so
// bundles and tests can drive it too.
func (s *Syncer) pullStream(id peer.ID, fw *syncproto.Writer, fr *syncproto.Reader, beforeRead func(), reader *sync.WaitGroup, p *progress) (PullStats, error) {
	var stats PullStats
	token := uint64(0)
	if b, err := s.st.Local(tokenKey(id)); err == nil && len(b) == 8 {
		token = binary.BigEndian.Uint64(b)
	}
	first := syncproto.Hello{Token: token, Clock: time.Now().UnixMilli(), Count: s.st.Changes()}
	if token == 0 {
		// A first contact: the peer may not have this node's certificate
		// recorded yet; later it has.
		first.Chain = s.ownChain().Encode()
	}
	if err := fw.Frame(syncproto.MsgHello, syncproto.EncodeHello(first)); err != nil {
		return stats, err
	}
	beforeRead()
	typ, payload, err := fr.Next()
	if err != nil {
		return stats, err
	}
	if typ == syncproto.MsgFail {
		f, _ := syncproto.DecodeFail(payload)
		if token != 0 {
			// The peer may have lost this node's certificate: present it
			// again next time.
			_ = s.st.SetLocal(tokenKey(id), binary.BigEndian.AppendUint64(nil, 0))
		}
		return stats, &refusal{what: "the peer refused this node", fail: f}
	}
	if typ != syncproto.MsgHello {
		return stats, fmt.Errorf("%w: expected hello", ErrProtocol)
	}
	hello, err := syncproto.DecodeHello(payload)
	if err != nil {
		return stats, err
	}
	ch, err := s.verifyPeer(id, hello.Chain)
	if err != nil {
		return stats, fail(fw, wireUntrusted, err)
	}
	s.renewFor(ch)
	if hello.Clock > 0 {
		stats.PeerClock = time.UnixMilli(hello.Clock)
		s.status.skew(id, time.Until(time.UnixMilli(hello.Clock)))
	}
	if len(hello.Changed) == 0 {
		stats.UpToDate = true
		return stats, s.st.SetLocal(tokenKey(id), binary.BigEndian.AppendUint64(nil, hello.Token))
	}
	mine := make([]syncproto.Mark, len(hello.Changed))
	for i, m := range hello.Changed {
		mine[i] = syncproto.Mark{Origin: m.Origin, Seq: s.mark(m.Origin)}
	}
	if err := fw.Frame(syncproto.MsgMarks, syncproto.EncodeMarks(mine)); err != nil {
		return stats, err
	}
	// Batches are read, decompressed and their signatures checked ahead,
	// while the previous one commits: the receiver's two halves of the
	// work run on both cores.
	done := make(chan struct{})
	defer close(done)
	in := s.readAhead(fr, beforeRead, done, reader)
	for m := range in {
		switch {
		case m.err != nil:
			if errors.Is(m.err, ErrProtocol) || errors.Is(m.err, store.ErrBadBatchSig) || errors.Is(m.err, store.ErrBadSignature) {
				return stats, fail(fw, wireProtocol, m.err)
			}
			return stats, m.err
		case m.typ == syncproto.MsgBatch:
			bt := m.batch
			added, err := s.commitBatch(bt)
			if err != nil {
				s.logf("sync: refused a batch from %s: %v", id, err)
				return stats, fail(fw, wireRefused, err)
			}
			stats.Batches++
			stats.Events += len(bt.Events)
			stats.Added += added
			s.status.receivedEvents(id, added)
			if err := fw.Frame(syncproto.MsgAck, syncproto.EncodeUint(bt.No)); err != nil {
				return stats, err
			}
			p.batch()
		case m.typ == syncproto.MsgEnd:
			return stats, s.st.SetLocal(tokenKey(id), binary.BigEndian.AppendUint64(nil, m.count))
		case m.typ == syncproto.MsgFail:
			return stats, &refusal{what: "the peer stopped", fail: m.fail}
		}
	}
	return stats, fmt.Errorf("%w: the stream ended without an end message", ErrProtocol)
}

// inbound is one message read ahead of the committer.
type inbound struct {
	typ   byte
	batch syncproto.Batch
	count uint64
	fail  syncproto.Fail
	err   error
}

// readAhead reads messages until an end, a failure or an error, decoding
// each batch and checking its seals and signatures on the way, and hands
// them over one at a time; it stops when done closes.
func (s *Syncer) readAhead(fr *syncproto.Reader, beforeRead func(), done <-chan struct{}, reader *sync.WaitGroup) <-chan inbound {
	out := make(chan inbound, 1)
	reader.Add(1)
	go func() {
		defer reader.Done()
		defer close(out)
		for {
			m := s.readOne(fr, beforeRead)
			select {
			case out <- m:
			case <-done:
				return
			}
			if m.err != nil || m.typ != syncproto.MsgBatch {
				return
			}
		}
	}()
	return out
}

// readOne reads and prepares one message.
func (s *Syncer) readOne(fr *syncproto.Reader, beforeRead func()) inbound {
	beforeRead()
	typ, payload, err := fr.Next()
	if err != nil {
		return inbound{err: err}
	}
	m := inbound{typ: typ}
	switch typ {
	case syncproto.MsgBatch:
		if m.batch, m.err = syncproto.DecodeBatch(payload); m.err != nil {
			return m
		}
		// Seals cover the events as sent: they are checked before
		// checkOrigins drops any.
		if m.err = store.VerifyBatchSigs(m.batch.Events, m.batch.Seals); m.err == nil {
			m.err = store.VerifyEvents(m.batch.Events)
		}
	case syncproto.MsgEnd:
		m.count, m.err = syncproto.DecodeUint(payload)
	case syncproto.MsgFail:
		m.fail, _ = syncproto.DecodeFail(payload)
	default:
		m.err = fmt.Errorf("%w: unexpected message %d", ErrProtocol, typ)
	}
	return m
}

// commitBatch commits a batch whose seals and signatures readOne checked:
// every chain it carries verifies, every event comes from a device whose
// certificate allows it to write for the event's office; then the vouched
// marks advance. Nothing of a refused batch is kept.
func (s *Syncer) commitBatch(bt syncproto.Batch) (int, error) {
	if err := s.checkOrigins(&bt); err != nil {
		return 0, err
	}
	res, err := s.st.Ingest(bt.Events)
	if err != nil {
		return 0, err
	}
	return s.raise(bt, res)
}

// checkOrigins checks a batch before anything of it is stored: every chain
// it carries verifies, and every event comes from a device with a valid
// certificate. An event written for another office than its device's is
// refused alone and logged; the rest of the batch goes on.
func (s *Syncer) checkOrigins(bt *syncproto.Batch) error {
	offices := map[store.Origin]string{s.st.Self(): s.ownChain().Leaf().Office()}
	for _, raw := range bt.Certs {
		ch, err := trust.DecodeChain(raw)
		if err != nil {
			return err
		}
		var o store.Origin
		copy(o[:], ch.Leaf().Subject)
		if err := s.verifyChain(ch, raw); err != nil {
			// A lapsed certificate renewed since (a bundle written
			// before its writer's renewal): the renewal vouches.
			rec, known := s.chainOf(o)
			if !known || !bytes.Equal(rec.Leaf().Subject, o[:]) || s.verifyChain(rec, rec.Encode()) != nil {
				return err
			}
			ch = rec
		}
		offices[o] = ch.Leaf().Office()
	}
	kept := bt.Events[:0:0]
	for _, e := range bt.Events {
		if e.Origin == s.st.Self() {
			// This node's own events, coming back: held already.
			kept = append(kept, e)
			continue
		}
		office, ok := offices[e.Origin]
		if !ok {
			ch, known := s.chainOf(e.Origin)
			if !known || s.verifyChain(ch, ch.Encode()) != nil {
				return fmt.Errorf("%w: %s", errUnknownOrigin, e.Origin)
			}
			office = ch.Leaf().Office()
			offices[e.Origin] = office
		}
		if e.Owner != office {
			s.logf("sync: refused %s %s: %s writes for office %s but its certificate is for %s", e.Subject, e.Kind, e.Origin, e.Owner, office)
			continue
		}
		kept = append(kept, e)
	}
	bt.Events = kept
	return nil
}

// raise advances the marks a batch vouches for.
func (s *Syncer) raise(bt syncproto.Batch, res store.IngestResult) (int, error) {
	var raised []store.Origin
	for _, m := range bt.Vouch {
		up, err := s.raiseMark(m.Origin, m.Seq)
		if err != nil {
			return res.Added, err
		}
		if up {
			raised = append(raised, m.Origin)
		}
	}
	// A higher mark is news for the peers that pull from this node, even
	// without new events.
	if err := s.st.Touch(raised); err != nil {
		return res.Added, err
	}
	if res.Added > 0 {
		s.notify()
	}
	return res.Added, nil
}
