package p2p

import (
	"context"
	"time"

	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/protocol"

	"hoso/p2p/fileproto"
)

// Every timeout and tick of the syncer, in one place. Each is the default
// of a Timing field (SyncOptions.Timing): tests shorten them instead of
// sleeping through them.
const (
	// changesTick is how often the run loop looks at the store's change
	// count when nothing woke it (a write here wakes it at once).
	changesTick = 2 * time.Second
	// readTimeout bounds every read of a sync stream (syncproto.Conn); a
	// silent peer is dropped.
	readTimeout = 60 * time.Second
	// pullTimeout bounds one whole pull.
	pullTimeout = 10 * time.Minute
	// hubDialTimeout bounds one dial of a hub by the run loop, which then
	// backs off and tries again.
	hubDialTimeout = 20 * time.Second
	// hubRetryMax caps the backoff between dials of an unreachable hub;
	// hubCheckEvery is how often the run loop looks at its hubs.
	hubRetryMax   = 5 * time.Minute
	hubCheckEvery = time.Second
	// mdnsDialTimeout bounds one dial of a desk found on the LAN.
	mdnsDialTimeout = 10 * time.Second
	// NowDialTimeout bounds each dial Sync.Now makes to a peer it is not
	// connected to: the clerk waits for the answer, so an unreachable hub
	// costs a few seconds, not the run loop's 20.
	NowDialTimeout = 3 * time.Second
	// peersTimeout bounds one peer exchange (/hoso/peers), both sides, and
	// one relay reservation at a hub.
	peersTimeout = 15 * time.Second
	// peersEvery is the mean interval between asks of a hub for its peers,
	// jittered by a quarter so that a district's desks do not ask together.
	peersEvery = 4 * time.Minute
	// learnedDialTimeout bounds one dial of a peer a hub listed.
	learnedDialTimeout = 30 * time.Second
)

// Timing sets the syncer's timeouts and ticks; a zero field keeps its
// default from the block above.
type Timing struct {
	// ChangesTick: how often the run loop looks at the change count.
	ChangesTick time.Duration
	// Read bounds every read of a sync stream.
	Read time.Duration
	// Pull bounds one whole pull.
	Pull time.Duration
	// HubDial bounds one dial of a hub; HubRetryMax caps the backoff
	// between dials; HubCheckEvery is how often hubs are looked at.
	HubDial, HubRetryMax, HubCheckEvery time.Duration
	// MDNSDial bounds one dial of a desk found on the LAN.
	MDNSDial time.Duration
	// NowDial bounds each dial Sync.Now makes (tests shorten it).
	NowDial time.Duration
	// Peers bounds one peer exchange; PeersEvery is the mean interval
	// between asks; LearnedDial bounds one dial of a peer a hub listed.
	Peers, PeersEvery, LearnedDial time.Duration
	// HubFanout: how often, at most, a hub pulls from every peer after
	// its store changed (fanout.go).
	HubFanout time.Duration
}

// withDefaults fills every zero field with its default.
func (t Timing) withDefaults() Timing {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&t.ChangesTick, changesTick)
	def(&t.Read, readTimeout)
	def(&t.Pull, pullTimeout)
	def(&t.HubDial, hubDialTimeout)
	def(&t.HubRetryMax, hubRetryMax)
	def(&t.HubCheckEvery, hubCheckEvery)
	def(&t.MDNSDial, mdnsDialTimeout)
	def(&t.NowDial, NowDialTimeout)
	def(&t.Peers, peersTimeout)
	def(&t.PeersEvery, peersEvery)
	def(&t.LearnedDial, learnedDialTimeout)
	def(&t.HubFanout, hubFanout)
	return t
}

// Who owns what runs here. Everything that touches the store belongs to the
// syncer's lifetime: Run's goroutines to its errgroup (run context), the
// rest (served streams, Now's pulls, pulls kicked while Run is not running)
// to the work group under the syncer's own context. Close ends both and
// waits; only then may the host and the store close, in that order.

// spawn runs f in the background under its owner: the running Run's
// errgroup and context, else the syncer's work group and lifetime. It
// reports false, and runs nothing, once the syncer is closed.
func (s *Syncer) spawn(f func(ctx context.Context)) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	if s.group != nil {
		ctx := s.groupCtx
		s.group.Go(func() error { f(ctx); return nil })
		return true
	}
	s.work.Add(1)
	go func() {
		defer s.work.Done()
		f(s.life)
	}()
	return true
}

// owned wraps a stream handler so that the syncer waits for it on Close,
// and resets its stream then (a pull being served stops at once instead of
// at its read deadline). A stream arriving after Close is reset unread.
func (s *Syncer) owned(handle network.StreamHandler) network.StreamHandler {
	return func(str network.Stream) {
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			_ = str.Reset()
			return
		}
		s.work.Add(1)
		s.streams[str] = struct{}{}
		s.mu.Unlock()
		defer func() {
			s.mu.Lock()
			delete(s.streams, str)
			s.mu.Unlock()
			s.work.Done()
		}()
		handle(str)
	}
}

// queued makes a served sync wait for one of a hub's serve slots, in
// order of arrival, instead of running with every other at once or being
// refused (fanout.go); the wait ends with the syncer.
func (s *Syncer) queued(handle network.StreamHandler) network.StreamHandler {
	return func(str network.Stream) {
		if !s.serves.acquire(s.life.Done()) {
			_ = str.Reset()
			return
		}
		defer s.serves.release()
		handle(str)
	}
}

// Close stops the syncer and waits for everything it started: it cancels
// Run and every pull, dial and hub ask, resets the streams being served,
// and returns once none runs. The host and the store are the caller's to
// close afterwards, in that order. Close is idempotent.
func (s *Syncer) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	streams := make([]network.Stream, 0, len(s.streams))
	for str := range s.streams {
		streams = append(streams, str)
	}
	s.mu.Unlock()
	if s.host != nil {
		s.host.RemoveStreamHandler(protocol.ID(ProtocolID))
		s.host.RemoveStreamHandler(protocol.ID(PeersProtocolID))
		s.host.RemoveStreamHandler(protocol.ID(fileproto.ID))
	}
	s.endLife()
	for _, str := range streams {
		_ = str.Reset()
	}
	s.work.Wait()
	// The spending not recorded yet (budget.go), before the store closes.
	s.budget.flush()
}
