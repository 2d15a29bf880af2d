package syncproto

import (
	"fmt"
	"time"

	"hoso/store"
	"hoso/trust"
)

// ServeStats is what serving one pull did.
type ServeStats struct {
	// Events counts the events sent (acknowledged or not).
	Events int
	// Withheld counts the events left out because the client would
	// refuse them (Accepted).
	Withheld int
	// Read counts the events read from the store to answer: those sent,
	// and those read to find them (the PlainIndex spares a hub most).
	Read int
	// PullBack is true when the client wrote something since this node
	// last pulled from it completely: the node should pull back.
	PullBack bool
}

// Serve runs the server's side of a session over c: it answers the
// client's hello, then sends what the client lacks and may see in
// acknowledged batches, at most Window of them in flight (doc.go, "A
// pull"). On an error it resets the stream (Conn.Abort).
func (s *Session) Serve(c *Conn) (ServeStats, error) {
	var stats ServeStats
	theirs, err := s.serve(c, &stats)
	if err != nil {
		c.Abort()
		return stats, err
	}
	// Pull back what the client has for this node when it wrote anything
	// since this node last pulled from it completely.
	stats.PullBack = theirs != Token(s.Local.Store(), s.Remote.String())
	return stats, nil
}

// serve serves one pull and returns the client's write count.
func (s *Session) serve(c *Conn, stats *ServeStats) (uint64, error) {
	typ, payload, err := c.Next()
	if err != nil {
		return 0, fmt.Errorf("reading the hello: %w", err)
	}
	if typ != MsgHello {
		return 0, c.Fail(CodeProtocol, fmt.Errorf("%w: expected hello", ErrProtocol))
	}
	hello, err := DecodeHello(payload)
	if err != nil {
		return 0, c.Fail(CodeProtocol, err)
	}
	ch, err := s.verifyRemote(hello.Chain)
	if err != nil {
		return 0, c.Fail(CodeUntrusted, err)
	}
	// A child due for renewal receives it in this very pull.
	s.Local.Renew(ch)
	return hello.Count, s.answer(c, hello, ch, stats)
}

// answer answers a verified client's hello.
func (s *Session) answer(c *Conn, hello Hello, ch trust.Chain, stats *ServeStats) error {
	l, st := s.Local, s.Local.Store()
	count := st.Changes()
	reply := Hello{Token: count, Clock: time.Now().UnixMilli()}
	if len(hello.Chain) > 0 {
		// A first contact: the client may not know this node yet.
		reply.Chain = l.Chain().Encode()
	}
	sc := NewScope(ch.Leaf().Path, l)
	ix := plainIndexOf(l)
	if hello.Token != count {
		if ix != nil {
			var err error
			reply.Changed, err = ix.Changed(hello.Token, sc, func(o store.Origin) uint64 { return held(l, o) }, func(o store.Origin) string {
				if och, ok := l.ChainOf(o); ok {
					return och.Leaf().Path
				}
				return ""
			})
			if err != nil {
				return fmt.Errorf("listing what changed: %w", err)
			}
		} else {
			reply.Changed = changed(l, hello.Token)
		}
	}
	if err := c.Frame(MsgHello, EncodeHello(reply)); err != nil {
		return fmt.Errorf("sending the hello: %w", err)
	}
	if len(reply.Changed) == 0 {
		return nil
	}
	typ, payload, err := c.Next()
	if err != nil {
		return fmt.Errorf("reading the marks: %w", err)
	}
	if typ != MsgMarks {
		return c.Fail(CodeProtocol, fmt.Errorf("%w: expected marks", ErrProtocol))
	}
	theirs, err := DecodeMarks(payload)
	if err != nil {
		return c.Fail(CodeProtocol, err)
	}
	have := map[store.Origin]uint64{}
	for _, m := range theirs {
		have[m.Origin] = m.Seq
	}
	out := &Batcher{l: l, sc: sc, ix: ix, fw: c.Writer, c: c, obs: s.observer(), sentSubjects: map[string]bool{}}
	err = out.Send(reply.Changed, have)
	stats.Events, stats.Withheld, stats.Read = out.total, out.withheld, out.read
	if err != nil {
		return err
	}
	if err := out.drain(); err != nil {
		return err
	}
	if err := c.Frame(MsgEnd, EncodeUint(count)); err != nil {
		return fmt.Errorf("sending the end: %w", err)
	}
	recordSent(st, s.Remote.String(), out.vouched)
	return nil
}
