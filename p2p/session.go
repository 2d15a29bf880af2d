package p2p

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
	"github.com/quic-go/quic-go"

	"hoso/p2p/syncproto"
	"hoso/store"
	"hoso/trust"
)

// The sync protocol's sessions (the client's pull, the server's answer)
// live in package syncproto and run over any stream; this file opens and
// accepts libp2p streams for them, and gives them the node (local) and its
// status board (observer).

// Tree gives the place of an office in the office tree: its path from the
// province, "38/405/38001". The application's office records answer it.
type Tree = syncproto.Tree

// PullStats is what one pull moved (syncproto.PullStats).
type PullStats = syncproto.PullStats

// Pull fetches from a connected peer what it has that this node lacks and
// may see, committing and acknowledging batch by batch, then the files
// the records name (FetchFiles).
func (s *Syncer) Pull(ctx context.Context, id peer.ID) (PullStats, error) {
	ctx, cancel := s.pullContext(ctx)
	defer cancel()
	// Closing the syncer ends its pulls too, wherever they were started.
	defer context.AfterFunc(s.life, cancel)()
	remote, err := originOf(id)
	if err != nil {
		s.status.pulled(id, PullStats{}, err)
		return PullStats{}, err
	}
	stats, err := s.pullOnce(ctx, id, remote)
	if err != nil && staleConn(err) && stats.BytesIn == 0 && ctx.Err() == nil {
		// The peer forgot the connection this node still held (it
		// restarted, or closed it): drop it and pull once more over a
		// fresh one, instead of failing until the next round.
		s.logf("sync: %s: the connection was stale (%v); dialling again", id, err)
		_ = s.host.Network().ClosePeer(id)
		stats, err = s.pullOnce(ctx, id, remote)
	}
	if err == nil {
		// Records first, then the files they name (files.go).
		if _, ferr := s.FetchFiles(ctx, id); ferr != nil && ctx.Err() == nil {
			s.logf("files: fetching from %s: %v", id, ferr)
		}
	}
	return stats, err
}

// staleConn reports whether a pull failed because the connection under it
// was already gone at the peer: a QUIC stateless reset.
func staleConn(err error) bool {
	var reset *quic.StatelessResetError
	return errors.As(err, &reset)
}

// pullOnce is one pull over a stream on the current connection to id.
func (s *Syncer) pullOnce(ctx context.Context, id peer.ID, remote store.Origin) (PullStats, error) {
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
	s.status.syncing(id, true)
	defer s.status.syncing(id, false)
	obs := &observer{s: s, id: id}
	sess := &syncproto.Session{Local: local{s}, Remote: remote, Observer: obs}
	stats, err := sess.Pull(syncproto.NewConn(str, s.timing.Read))
	// The board counts the bytes the observer was not told yet.
	rest := stats
	rest.BytesIn -= obs.in
	rest.BytesOut -= obs.out
	s.status.pulled(id, rest, err)
	return stats, err
}

// serve answers a pull: the client's hello, then what it lacks and may
// see, in acknowledged batches.
func (s *Syncer) serve(str network.Stream) {
	defer str.Close()
	id := str.Conn().RemotePeer()
	c := syncproto.NewConn(str, s.timing.Read)
	if s.OverBudget(id) {
		// The link's bytes for today are spent, both ways.
		_ = c.Fail(syncproto.CodeBudget, errors.New("this node's daily sync budget for the peer is spent"))
		return
	}
	remote, err := originOf(id)
	if err != nil {
		_ = c.Fail(syncproto.CodeUntrusted, err)
		return
	}
	sess := &syncproto.Session{Local: local{s}, Remote: remote, Observer: &observer{s: s, id: id}}
	stats, err := sess.Serve(c)
	s.status.served(id, c.Sent(), c.Received(), err)
	if err != nil {
		s.logf("sync: serving %s: %v", id, err)
		return
	}
	if stats.PullBack {
		s.kick(id)
	}
}

// originOf returns the device key behind a peer ID.
func originOf(id peer.ID) (store.Origin, error) {
	var o store.Origin
	k, err := keyOf(id)
	if err != nil {
		return o, err
	}
	copy(o[:], k)
	return o, nil
}

// pullContext bounds one pull.
func (s *Syncer) pullContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, s.timing.Pull)
}

// chainOf returns the chain of an origin's device: this node's own, the
// recorded one, or an issuer's from this node's chain (the newer of it and
// the recorded one).
func (s *Syncer) chainOf(o store.Origin) (trust.Chain, bool) {
	if o == s.st.Self() {
		return s.ownChain(), true
	}
	// This node's issuers are in its own chain.
	rec, ok := s.book.chainOf(o, "")
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

// local is the node as the protocol's sessions see it (syncproto.Local).
type local struct{ s *Syncer }

func (l local) Store() *store.Store                           { return l.s.st }
func (l local) Chain() trust.Chain                            { return l.s.ownChain() }
func (l local) ChainOf(o store.Origin) (trust.Chain, bool)    { return l.s.chainOf(o) }
func (l local) Verify(ch trust.Chain) error                   { return l.VerifyAt(ch, l.s.now()) }
func (l local) VerifyCached(ch trust.Chain, raw []byte) error { return l.s.verifyChain(ch, raw) }
func (l local) Path(office string) (string, bool)             { return l.s.tree.Path(office) }
func (l local) Renew(ch trust.Chain)                          { l.s.renewFor(ch) }
func (l local) Notify()                                       { l.s.notify() }
func (l local) PlainIndex() *syncproto.PlainIndex             { return l.s.plain }
func (l local) Marks() *syncproto.Marks                       { return l.s.marks }
func (l local) Logf(format string, args ...any)               { l.s.logf(format, args...) }
func (l local) Now() time.Time                                { return l.s.now() }
func (l local) VerifyAt(ch trust.Chain, at time.Time) error {
	return ch.Verify(l.s.en.Root, at, l.s.book.isRevoked)
}
func (l local) Recorded(o store.Origin) (trust.Chain, bool) {
	return l.s.book.recordOf(o, "")
}

// observer tells the status board how a session with a peer goes; in and
// out are the bytes it told.
type observer struct {
	s       *Syncer
	id      peer.ID
	in, out int64
}

func (o *observer) Skew(d time.Duration) { o.s.status.skew(o.id, d) }
func (o *observer) Received(n int)       { o.s.status.receivedEvents(o.id, n) }
func (o *observer) Sent(n int)           { o.s.status.sentEvents(o.id, n) }
func (o *observer) Progress(in, out int64) {
	o.in, o.out = o.in+in, o.out+out
	o.s.status.progressed(o.id, in, out)
}
