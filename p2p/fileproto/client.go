package fileproto

import (
	"errors"
	"fmt"

	"hoso/p2p/syncproto"
	"hoso/store"
)

// Client fetches files from one peer (doc.go, "A fetch").
type Client struct {
	// Local is the node fetching.
	Local syncproto.Local
	// Budget is the day's budget with the peer; nil means none.
	Budget Budget
}

// FetchStats is what one fetch did.
type FetchStats struct {
	// Files counts the files completed; Refused those the peer does not
	// hold or will not give; Bad those whose parts did not match their
	// address (dropped, fetched again next time).
	Files, Refused, Bad int
	// Bytes counts the bytes of the parts received.
	Bytes int64
}

// Fetch asks the peer for each file wanted, one at a time, from its first
// missing part, and stores what arrives. It stops at the first stream
// error (what arrived is kept: the next fetch resumes) or when the budget
// is spent (ErrBudget). The caller closes the stream.
func (cl *Client) Fetch(c *syncproto.Conn, wants []Want) (FetchStats, error) {
	var stats FetchStats
	err := cl.fetch(c, wants, &stats)
	if err != nil {
		c.Abort()
	}
	return stats, err
}

func (cl *Client) fetch(c *syncproto.Conn, wants []Want, stats *FetchStats) error {
	st := cl.Local.Store()
	var chain []byte
	if ch := cl.Local.Chain(); ch != nil {
		chain = ch.Encode()
	}
	if err := c.Frame(MsgHello, EncodeHello(chain)); err != nil {
		return fmt.Errorf("sending the hello: %w", err)
	}
	typ, payload, err := c.Next()
	if err != nil {
		return fmt.Errorf("reading the hello: %w", err)
	}
	if typ == MsgFail {
		f, _ := syncproto.DecodeFail(payload)
		return &syncproto.Refusal{What: "the peer refused this node's fetch", Fail: f}
	}
	if typ != MsgHello {
		return fmt.Errorf("%w: expected hello", syncproto.ErrProtocol)
	}
	if _, err := DecodeHello(payload); err != nil {
		return err
	}
	for _, w := range wants {
		if over(cl.Budget) {
			return ErrBudget
		}
		missing, err := st.MissingBlobParts(w.ID, w.Size)
		if err != nil {
			return err
		}
		if len(missing) == 0 {
			// Every part came before a cut that stopped short of Done.
			if err := cl.complete(w, stats); err != nil {
				return err
			}
			continue
		}
		w.From = missing[0]
		if err := c.Frame(MsgWant, EncodeWant(w)); err != nil {
			return fmt.Errorf("asking for %s: %w", w.ID, err)
		}
		if err := cl.receive(c, w, stats); err != nil {
			return err
		}
	}
	return nil
}

// receive stores the parts of one file until Done or None.
func (cl *Client) receive(c *syncproto.Conn, w Want, stats *FetchStats) error {
	st := cl.Local.Store()
	next := w.From
	for {
		before := c.Received()
		typ, payload, err := c.Next()
		if err != nil {
			return fmt.Errorf("receiving %s: %w", w.ID, err)
		}
		spend(cl.Budget, c.Received()-before)
		switch typ {
		case MsgPart:
			p, err := DecodePart(payload)
			if err != nil {
				return err
			}
			// Parts come in order, of the file asked for: anything else is
			// a peer not speaking the protocol.
			if p.ID != w.ID || p.Part != next {
				return fmt.Errorf("%w: part %d of %s, expected %d of %s", syncproto.ErrProtocol, p.Part, p.ID, next, w.ID)
			}
			if err := st.PutBlobPart(w.ID, w.Size, p.Part, p.Data); err != nil {
				return fmt.Errorf("%w: %v", syncproto.ErrProtocol, err)
			}
			stats.Bytes += int64(len(p.Data))
			next++
		case MsgDone, MsgNone:
			id, err := DecodeID(payload)
			if err != nil {
				return err
			}
			if id != w.ID {
				return fmt.Errorf("%w: end of %s, expected %s", syncproto.ErrProtocol, id, w.ID)
			}
			if typ == MsgNone {
				stats.Refused++
				return nil
			}
			return cl.complete(w, stats)
		case MsgFail:
			f, _ := syncproto.DecodeFail(payload)
			return &syncproto.Refusal{What: "the peer stopped", Fail: f}
		default:
			return fmt.Errorf("%w: message %d during a file", syncproto.ErrProtocol, typ)
		}
	}
}

// complete checks a file whose parts are all here against its address.
func (cl *Client) complete(w Want, stats *FetchStats) error {
	err := cl.Local.Store().CompleteBlob(w.ID, w.Size)
	switch {
	case err == nil:
		stats.Files++
	case errors.Is(err, store.ErrBadBlob):
		stats.Bad++
		cl.Local.Logf("files: %s did not match its address; dropped, to fetch again", w.ID)
	case errors.Is(err, store.ErrNoBlob):
		// The peer ended the file short: what came is kept.
	default:
		return err
	}
	return nil
}
