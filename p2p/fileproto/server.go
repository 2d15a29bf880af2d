package fileproto

import (
	"errors"
	"fmt"
	"io"

	"hoso/p2p/syncproto"
	"hoso/store"
)

// Local is what a session needs from the node it runs for: what the sync
// protocol's sessions need (the store, the chains, the office tree), and
// which records name a file.
type Local interface {
	syncproto.Local
	// Subjects lists the subjects of the records this node holds that
	// name file id.
	Subjects(id store.BlobID) ([]string, error)
}

// Budget is the day's byte budget with the peer, shared with the sync
// protocol (package p2p); nil means none.
type Budget interface {
	// Over reports whether the day's bytes with the peer are spent.
	Over() bool
	// Spend counts bytes exchanged with the peer.
	Spend(n int64)
}

// ErrBudget ends a fetch or a serve whose daily budget is spent.
var ErrBudget = errors.New("files: the daily sync budget for the peer is spent")

func over(b Budget) bool { return b != nil && b.Over() }

func spend(b Budget, n int64) {
	if b != nil {
		b.Spend(n)
	}
}

// Server answers one peer's fetch (doc.go, "A fetch").
type Server struct {
	// Local is the node serving.
	Local Local
	// Remote is the device fetching.
	Remote store.Origin
	// Budget is the day's budget with it; nil means none.
	Budget Budget
}

// ServeStats is what serving one fetch sent.
type ServeStats struct {
	// Files counts the files sent to their end; Refused those answered
	// None.
	Files, Refused int
	// Bytes counts the bytes of the parts sent; Wire all the bytes
	// written, frames included.
	Bytes, Wire int64
}

// Serve answers a fetch over c until the client closes the stream. On an
// error it resets the stream.
func (s *Server) Serve(c *syncproto.Conn) (ServeStats, error) {
	var stats ServeStats
	err := s.serve(c, &stats)
	stats.Wire = c.Sent()
	if err != nil {
		c.Abort()
		return stats, err
	}
	return stats, nil
}

func (s *Server) serve(c *syncproto.Conn, stats *ServeStats) error {
	typ, payload, err := c.Next()
	if err != nil {
		return fmt.Errorf("reading the hello: %w", err)
	}
	if typ != MsgHello {
		return c.Fail(syncproto.CodeProtocol, fmt.Errorf("%w: expected hello", syncproto.ErrProtocol))
	}
	raw, err := DecodeHello(payload)
	if err != nil {
		return c.Fail(syncproto.CodeProtocol, err)
	}
	ch, err := syncproto.VerifyPeer(s.Local, s.Remote, raw)
	if err != nil {
		return c.Fail(syncproto.CodeUntrusted, err)
	}
	if over(s.Budget) {
		return c.Fail(syncproto.CodeBudget, ErrBudget)
	}
	if err := c.Frame(MsgHello, EncodeHello(nil)); err != nil {
		return fmt.Errorf("sending the hello: %w", err)
	}
	sc := syncproto.NewScope(ch.Leaf().Path, s.Local)
	st := s.Local.Store()
	for {
		typ, payload, err := c.Next()
		if errors.Is(err, io.EOF) {
			return nil // the client wants nothing more
		}
		if err != nil {
			return fmt.Errorf("reading a want: %w", err)
		}
		if typ != MsgWant {
			return c.Fail(syncproto.CodeProtocol, fmt.Errorf("%w: expected want", syncproto.ErrProtocol))
		}
		w, err := DecodeWant(payload)
		if err != nil {
			return c.Fail(syncproto.CodeProtocol, err)
		}
		ok, err := s.mayServe(sc, w)
		if err != nil {
			return err
		}
		if !ok {
			stats.Refused++
			if err := c.Frame(MsgNone, EncodeID(w.ID)); err != nil {
				return fmt.Errorf("answering want %s: %w", w.ID, err)
			}
			continue
		}
		for p := w.From; p < store.BlobParts(w.Size); p++ {
			if over(s.Budget) {
				return c.Fail(syncproto.CodeBudget, ErrBudget)
			}
			data, err := st.BlobPart(w.ID, p)
			if err != nil {
				return fmt.Errorf("reading part %d of %s: %w", p, w.ID, err)
			}
			before := c.Sent()
			if err := c.Frame(MsgPart, EncodePart(Part{ID: w.ID, Part: p, Data: data})); err != nil {
				return fmt.Errorf("sending part %d of %s: %w", p, w.ID, err)
			}
			spend(s.Budget, c.Sent()-before)
			stats.Bytes += int64(len(data))
		}
		if err := c.Frame(MsgDone, EncodeID(w.ID)); err != nil {
			return fmt.Errorf("ending %s: %w", w.ID, err)
		}
		stats.Files++
	}
}

// mayServe reports whether this node holds the file complete, of the size
// asked, and the client's office may see a record naming it.
func (s *Server) mayServe(sc syncproto.Scope, w Want) (bool, error) {
	st := s.Local.Store()
	size, err := st.BlobSize(w.ID)
	if errors.Is(err, store.ErrNoBlob) || err == nil && size != w.Size {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	subjects, err := s.Local.Subjects(w.ID)
	if err != nil {
		return false, fmt.Errorf("finding the records of %s: %w", w.ID, err)
	}
	return Visible(st, sc, subjects)
}

// Visible reports whether an office's scope sees any of the records
// naming a file (subjects): who may receive the file, by sync or in a
// bundle.
func Visible(st *store.Store, sc syncproto.Scope, subjects []string) (bool, error) {
	for _, subject := range subjects {
		events, err := st.SubjectEvents(subject)
		if err != nil {
			return false, fmt.Errorf("reading %s: %w", subject, err)
		}
		audience, err := st.Audience(subject)
		if err != nil {
			return false, fmt.Errorf("reading %s: %w", subject, err)
		}
		for _, e := range events {
			if sc.Visible(e, audience) {
				return true, nil
			}
		}
	}
	return false, nil
}
