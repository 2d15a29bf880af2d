package syncproto

import (
	"bytes"
	"errors"
	"fmt"
	"sync"
	"time"

	"hoso/store"
	"hoso/trust"
)

// PullStats is what one pull moved.
type PullStats struct {
	// UpToDate is true when the remote had nothing new: one round trip.
	UpToDate bool
	// Batches and Events count what was received, Added what of it was
	// new here.
	Batches int
	Events  int
	Added   int
	// BytesIn and BytesOut count the frames' bytes both ways.
	BytesIn  int64
	BytesOut int64
	// PeerClock is the remote's time as its hello gave it.
	PeerClock time.Time
}

// Pull runs the client's side of a session over c: it fetches what the
// remote has that this node lacks and may see, committing and
// acknowledging batch by batch (doc.go, "A pull"). On an error it resets
// the stream (Conn.Abort) and returns once the goroutine reading ahead
// has ended, so nothing of the session runs after it.
func (s *Session) Pull(c *Conn) (PullStats, error) {
	var reader sync.WaitGroup
	p := &progress{obs: s.observer(), c: c}
	stats, err := s.pull(c, &reader, p)
	stats.BytesIn, stats.BytesOut = c.Received(), c.Sent()
	if err != nil {
		c.Abort()
	}
	// The reader goroutine ends once the stream is reset or ended; the
	// pull is over only then.
	reader.Wait()
	return stats, err
}

// progress tells the observer the bytes a pull moved since it last told.
type progress struct {
	obs Observer
	c   *Conn
	// in and out are the bytes already told.
	in, out int64
}

// batch tells the bytes moved up to the batch just committed.
func (p *progress) batch() {
	in, out := p.c.Received(), p.c.Sent()
	p.obs.Progress(in-p.in, out-p.out)
	p.in, p.out = in, out
}

// pull runs the protocol's client side.
func (s *Session) pull(c *Conn, reader *sync.WaitGroup, p *progress) (PullStats, error) {
	var stats PullStats
	l, st, name := s.Local, s.Local.Store(), s.Remote.String()
	token := Token(st, name)
	first := Hello{Token: token, Clock: time.Now().UnixMilli(), Count: st.Changes()}
	if token == 0 {
		// A first contact: the remote may not have this node's
		// certificate recorded yet; later it has.
		first.Chain = l.Chain().Encode()
	}
	if err := c.Frame(MsgHello, EncodeHello(first)); err != nil {
		return stats, fmt.Errorf("sending the hello: %w", err)
	}
	typ, payload, err := c.Next()
	if err != nil {
		return stats, fmt.Errorf("reading the hello: %w", err)
	}
	if typ == MsgFail {
		f, _ := DecodeFail(payload)
		if token != 0 {
			// The remote may have lost this node's certificate: present
			// it again next time.
			_ = setToken(st, name, 0)
		}
		return stats, &Refusal{What: "the peer refused this node", Fail: f}
	}
	if typ != MsgHello {
		return stats, fmt.Errorf("%w: expected hello", ErrProtocol)
	}
	hello, err := DecodeHello(payload)
	if err != nil {
		return stats, err
	}
	ch, err := s.verifyRemote(hello.Chain)
	if err != nil {
		return stats, c.Fail(CodeUntrusted, err)
	}
	l.Renew(ch)
	if hello.Clock > 0 {
		stats.PeerClock = time.UnixMilli(hello.Clock)
		p.obs.Skew(time.Until(stats.PeerClock))
	}
	if len(hello.Changed) == 0 {
		stats.UpToDate = true
		return stats, setToken(st, name, hello.Token)
	}
	mine := make([]Mark, len(hello.Changed))
	for i, m := range hello.Changed {
		mine[i] = Mark{Origin: m.Origin, Seq: held(l, m.Origin)}
	}
	if err := c.Frame(MsgMarks, EncodeMarks(mine)); err != nil {
		return stats, fmt.Errorf("sending the marks: %w", err)
	}
	// Batches are read, decompressed and their signatures checked ahead,
	// while the previous one commits: the receiver's two halves of the
	// work run on both cores.
	done := make(chan struct{})
	defer close(done)
	for m := range readAhead(c, done, reader) {
		switch {
		case m.err != nil:
			if errors.Is(m.err, ErrProtocol) || errors.Is(m.err, store.ErrBadBatchSig) || errors.Is(m.err, store.ErrBadSignature) {
				return stats, c.Fail(CodeProtocol, m.err)
			}
			return stats, m.err
		case m.typ == MsgBatch:
			bt := m.batch
			added, err := Commit(l, bt)
			if err != nil {
				l.Logf("sync: refused a batch from %s: %v", name, err)
				return stats, c.Fail(CodeRefused, err)
			}
			stats.Batches++
			stats.Events += len(bt.Events)
			stats.Added += added
			p.obs.Received(added)
			if err := c.Frame(MsgAck, EncodeUint(bt.No)); err != nil {
				return stats, fmt.Errorf("acknowledging batch %d: %w", bt.No, err)
			}
			p.batch()
		case m.typ == MsgEnd:
			return stats, setToken(st, name, m.count)
		case m.typ == MsgFail:
			return stats, &Refusal{What: "the peer stopped", Fail: m.fail}
		}
	}
	return stats, fmt.Errorf("%w: the stream ended without an end message", ErrProtocol)
}

// verifyRemote checks the remote's chain: it verifies against the root,
// names the remote's own key and is not revoked.
//
// A remote that knows this node sends no chain (it would cost most of a
// no-op sync's bytes): its recorded one is used.
func (s *Session) verifyRemote(raw []byte) (trust.Chain, error) {
	return VerifyPeer(s.Local, s.Remote, raw)
}

// VerifyPeer checks the chain a peer's hello carries (raw), or the one
// recorded for it when it carries none: it verifies now and is the peer's
// own. Every protocol that serves a peer what its office may see starts
// with it.
func VerifyPeer(l Local, remote store.Origin, raw []byte) (trust.Chain, error) {
	var ch trust.Chain
	if len(raw) == 0 {
		known, ok := l.ChainOf(remote)
		if !ok {
			return nil, fmt.Errorf("%w: no certificate is recorded for %s", trust.ErrUntrusted, remote)
		}
		ch, raw = known, known.Encode()
	} else {
		var err error
		if ch, err = trust.DecodeChain(raw); err != nil {
			return nil, err
		}
	}
	// A hub is pulled from by every desk every few minutes: a chain
	// verified lately is not checked again (VerifyCached).
	if err := l.VerifyCached(ch, raw); err != nil {
		return nil, err
	}
	if !bytes.Equal(remote[:], ch.Leaf().Subject) {
		return nil, fmt.Errorf("%w: the certificate is not this peer's", trust.ErrUntrusted)
	}
	return ch, nil
}

// inbound is one message read ahead of the committer.
type inbound struct {
	typ   byte
	batch Batch
	count uint64
	fail  Fail
	err   error
}

// readAhead reads messages until an end, a failure or an error, decoding
// each batch and checking its seals and signatures on the way, and hands
// them over one at a time; it stops when done closes.
func readAhead(c *Conn, done <-chan struct{}, reader *sync.WaitGroup) <-chan inbound {
	out := make(chan inbound, 1)
	reader.Add(1)
	go func() {
		defer reader.Done()
		defer close(out)
		for {
			m := readOne(c)
			select {
			case out <- m:
			case <-done:
				return
			}
			if m.err != nil || m.typ != MsgBatch {
				return
			}
		}
	}()
	return out
}

// readOne reads and prepares one message.
func readOne(c *Conn) inbound {
	typ, payload, err := c.Next()
	if err != nil {
		return inbound{err: err}
	}
	m := inbound{typ: typ}
	switch typ {
	case MsgBatch:
		if m.batch, m.err = DecodeBatch(payload); m.err != nil {
			return m
		}
		// Seals cover the events as sent: they are checked before
		// CheckOrigins drops any.
		if m.err = store.VerifyBatchSigs(m.batch.Events, m.batch.Seals); m.err == nil {
			m.err = store.VerifyEvents(m.batch.Events)
		}
	case MsgEnd:
		m.count, m.err = DecodeUint(payload)
	case MsgFail:
		m.fail, _ = DecodeFail(payload)
	default:
		m.err = fmt.Errorf("%w: unexpected message %d", ErrProtocol, typ)
	}
	return m
}

// Commit commits a batch whose seals and signatures were checked (a
// pull's reader, a bundle's): every chain it carries verifies, every
// event comes from a device whose certificate allows it to write for the
// event's office (CheckOrigins); then the vouched marks advance. It
// returns the events added. Nothing of a refused batch is kept.
//
// The chains the batch carried for the devices of the events it kept are
// kept too (Keeper): the receiver may hold no certificate record of a
// device in another branch of the office tree (Scope), and needs its chain
// to pass the events on.
func Commit(l Local, bt Batch) (int, error) {
	carried, err := checkOrigins(l, &bt)
	if err != nil {
		return 0, err
	}
	res, err := l.Store().Ingest(bt.Events)
	if err != nil {
		return 0, err
	}
	keepChains(l, carried, bt.Events)
	return raise(l, bt, res)
}

// CheckOrigins checks a batch before anything of it is stored: every
// chain it carries verifies, and every event comes from a device with a
// valid certificate. An event written for another office than its
// device's is dropped from bt alone and logged; the rest of the batch goes
// on.
func CheckOrigins(l Local, bt *Batch) error {
	_, err := checkOrigins(l, bt)
	return err
}

// checkOrigins is CheckOrigins; it also returns the chains the batch
// carried that verified, by device.
func checkOrigins(l Local, bt *Batch) (map[store.Origin]trust.Chain, error) {
	self := l.Store().Self()
	offices := map[store.Origin]string{self: l.Chain().Leaf().Office()}
	var carried map[store.Origin]trust.Chain
	for _, raw := range bt.Certs {
		ch, err := trust.DecodeChain(raw)
		if err != nil {
			return nil, err
		}
		var o store.Origin
		copy(o[:], ch.Leaf().Subject)
		if err := l.VerifyCached(ch, raw); err != nil {
			// A lapsed certificate renewed since (a bundle written
			// before its writer's renewal): the renewal vouches.
			rec, known := l.ChainOf(o)
			if !known || !bytes.Equal(rec.Leaf().Subject, o[:]) || l.VerifyCached(rec, rec.Encode()) != nil {
				return nil, err
			}
			ch = rec
		}
		offices[o] = ch.Leaf().Office()
		if carried == nil {
			carried = map[store.Origin]trust.Chain{}
		}
		carried[o] = ch
	}
	kept := bt.Events[:0:0]
	for _, e := range bt.Events {
		if e.Origin == self {
			// This node's own events, coming back: held already.
			kept = append(kept, e)
			continue
		}
		office, ok := offices[e.Origin]
		if !ok {
			ch, known := l.ChainOf(e.Origin)
			if !known || l.VerifyCached(ch, ch.Encode()) != nil {
				return nil, fmt.Errorf("%w: %s", ErrUnknownOrigin, e.Origin)
			}
			office = ch.Leaf().Office()
			offices[e.Origin] = office
		}
		if !Accepted(e, office) || office == "" {
			l.Logf("sync: refused %s %s: %s writes for office %s but its certificate is for %s", e.Subject, e.Kind, e.Origin, e.Owner, office)
			continue
		}
		kept = append(kept, e)
	}
	bt.Events = kept
	return carried, nil
}

// raise advances the marks a batch vouches for.
func raise(l Local, bt Batch, res store.IngestResult) (int, error) {
	st := l.Store()
	raised, err := raiseMarks(l, bt.Vouch)
	if err != nil {
		return res.Added, err
	}
	// A higher mark is news for the peers that pull from this node, even
	// without new events.
	if err := st.Touch(raised); err != nil {
		return res.Added, err
	}
	if res.Added > 0 {
		l.Notify()
	}
	return res.Added, nil
}
