package syncproto

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"hoso/store"
)

// Batcher builds the batches a remote lacks and may see from this node's
// store and writes them: the server's side of a pull, which waits for
// acknowledgements (at most Window batches in flight), or a bundle file,
// which does not (NewBatcher).
//
// Who vouches: a batch vouches, per origin, for the sequence up to which
// the remote now holds every event it may see of it. This node vouches for
// the remote's whole scope when it sees all of it (it is the remote's
// office or above it); otherwise only for origins of its own office or
// below, all of whose events it sees.
//
// What scope hides: an event is sent only when the remote's scope may see
// it (Scope.Visible); a subject the remote sees only because it was
// addressed to it (a liên thông transfer) is sent with its whole history.
type Batcher struct {
	l  Local
	sc Scope
	fw *Writer
	// ix, when the node keeps one, tells the events a scope cannot see
	// without reading them.
	ix *PlainIndex
	// c reads the acknowledgements, each under its read deadline; nil
	// for a bundle. obs is told the acknowledged events.
	c            *Conn
	obs          Observer
	no           uint64
	events       []*store.Event
	size         int
	vouch        map[store.Origin]uint64
	origins      map[store.Origin]bool
	sentSubjects map[string]bool
	// noAck writes batches without waiting (a bundle file).
	noAck bool
	// inflight are the batches sent and not acknowledged yet, oldest
	// first: up to Window of them, so the client commits one while the
	// next is read from the store, compressed and sent.
	inflight []sentBatch
	// total counts the events sent; vouched every mark vouched.
	total int
	// withheld counts the events left out because the remote would
	// refuse them (Accepted); originOffice is the office of the origin
	// being sent.
	withheld     int
	originOffice string
	// read counts the events read from the store.
	read    int
	vouched map[store.Origin]uint64
	// limit is the size at which a batch is sent: BatchBytes, raised to
	// what the link acknowledges in a second (at most MaxBatchBytes),
	// measured from started over the acked bytes.
	limit   int
	started time.Time
	acked   int
}

// NewBatcher returns a batcher that writes to fw the batches the office
// of scope sc may see, without waiting for acknowledgements: a bundle.
func NewBatcher(l Local, sc Scope, fw *Writer) *Batcher {
	return &Batcher{l: l, sc: sc, fw: fw, obs: nobody{}, sentSubjects: map[string]bool{}, noAck: true}
}

// Events returns the events written so far.
func (out *Batcher) Events() int { return out.total }

// Withheld returns the events left out because the remote would refuse
// them: written by a device for another office than its own.
func (out *Batcher) Withheld() int { return out.withheld }

// officeOfPath is the office at the end of an office path, "" for "".
func officeOfPath(path string) string { return path[strings.LastIndexByte(path, '/')+1:] }

// Send adds, origin by origin, the visible events of each mark past what
// have says the remote holds, and flushes the last batch.
func (out *Batcher) Send(changed []Mark, have map[store.Origin]uint64) error {
	ancestor := out.sc.Above(out.l.Chain().Leaf().Path)
	for _, m := range changed {
		from, to := have[m.Origin], m.Seq
		if to <= from {
			continue
		}
		if err := out.origin(m.Origin, from, to, ancestor || out.originBelow(m.Origin)); err != nil {
			return err
		}
	}
	return out.flush()
}

// originBelow reports whether an origin's device belongs to this node's
// office or one below it, so that this node sees all its events.
func (out *Batcher) originBelow(o store.Origin) bool {
	if o == out.l.Store().Self() {
		return true
	}
	ch, ok := out.l.Recorded(o)
	if !ok {
		return false
	}
	return PathScope(out.l.Chain().Leaf().Path).Covers(ch.Leaf().Path)
}

// batchLimit returns the size at which to send the current batch.
func (out *Batcher) batchLimit() int {
	if out.limit == 0 {
		return BatchBytes
	}
	return out.limit
}

// acknowledged counts an acknowledged batch of n bytes and adapts the
// batch size to the rate the link sustains.
func (out *Batcher) acknowledged(n int) {
	out.acked += n
	elapsed := time.Since(out.started)
	if elapsed <= 0 {
		return
	}
	perSecond := int(float64(out.acked) / elapsed.Seconds())
	out.limit = min(max(perSecond, BatchBytes), MaxBatchBytes)
}

// origin adds the visible events of o in (from, to] to the batches.
func (out *Batcher) origin(o store.Origin, from, to uint64, vouch bool) error {
	st := out.l.Store()
	ownerPath := ""
	if ch, ok := out.l.ChainOf(o); ok {
		ownerPath = ch.Leaf().Path
	}
	out.originOffice = officeOfPath(ownerPath)
	if out.ix != nil {
		owner, special, ok, err := out.ix.Special(o, from, to)
		if err != nil {
			return err
		}
		// The plain events of o are visible exactly when their owner's
		// office or o's own is in the scope (Scope.visibleLazy): when
		// neither is, or o has no plain event, only the special ones
		// need reading, and of those not the certificate records the
		// scope may not see (Scope.certVisible).
		hidden := func(sp SpecialEvent) bool {
			return sp.CertPath != "" && !out.sc.Covers(sp.CertPath) && !out.sc.Above(sp.CertPath)
		}
		// An origin without plain events is read event by event only
		// when that skips some: otherwise a batched read is cheaper.
		if ok && (owner == "" && slices.ContainsFunc(special, hidden) || owner != "" && !out.sc.CoversOffice(owner) && (ownerPath == "" || !out.sc.Covers(ownerPath))) {
			for _, sp := range special {
				if hidden(sp) {
					continue
				}
				evs, err := st.After(o, sp.Seq-1, 1)
				if err != nil {
					return fmt.Errorf("reading the events of %s: %w", o, err)
				}
				out.read += len(evs)
				if len(evs) == 0 || evs[0].Seq != sp.Seq {
					continue
				}
				if err := out.consider(o, evs[0], ownerPath, vouch); err != nil {
					return err
				}
			}
			out.vouchTo(o, to, vouch)
			return nil
		}
	}
	next := from
	for next < to {
		evs, err := st.After(o, next, readBatch)
		if err != nil {
			return fmt.Errorf("reading the events of %s: %w", o, err)
		}
		if len(evs) == 0 {
			break
		}
		out.read += len(evs)
		for _, e := range evs {
			if e.Seq > to {
				break
			}
			next = e.Seq
			if err := out.consider(o, e, ownerPath, vouch); err != nil {
				return err
			}
		}
		if evs[len(evs)-1].Seq >= to || len(evs) < readBatch {
			break
		}
	}
	out.vouchTo(o, to, vouch)
	return nil
}

// consider adds e, an event of o, to the batch when the scope may see it,
// and flushes a full batch.
func (out *Batcher) consider(o store.Origin, e *store.Event, ownerPath string, vouch bool) error {
	if !Accepted(e, out.originOffice) {
		// The remote would refuse it (CheckOrigins): it is vouched
		// for, not sent.
		out.withheld++
		out.vouchTo(o, e.Seq, vouch)
		return nil
	}
	ok, err := out.sc.visibleLazy(e, func() ([]string, error) { return out.l.Store().Audience(e.Subject) }, ownerPath)
	if err != nil {
		return err
	}
	if ok {
		out.add(e)
		if err := out.backfill(e); err != nil {
			return err
		}
	}
	out.vouchTo(o, e.Seq, vouch)
	if len(out.events) >= BatchEvents || out.size >= out.batchLimit() {
		return out.flush()
	}
	return nil
}

// vouchTo vouches, in the next batch, for o up to seq.
func (out *Batcher) vouchTo(o store.Origin, seq uint64, vouch bool) {
	if !vouch {
		return
	}
	if out.vouch == nil {
		out.vouch = map[store.Origin]uint64{}
	}
	out.vouch[o] = seq
}

// backfill sends the whole history of a subject the remote sees only
// because it was addressed to it (a liên thông transfer), since earlier
// events of it may lie below the remote's marks.
func (out *Batcher) backfill(e *store.Event) error {
	if out.sentSubjects[e.Subject] || out.sc.CoversOffice(e.Owner) && !IsReference(e.Subject) {
		return nil
	}
	out.sentSubjects[e.Subject] = true
	all, err := out.l.Store().SubjectEvents(e.Subject)
	if err != nil {
		return fmt.Errorf("reading the history of %s: %w", e.Subject, err)
	}
	if len(all) > 0 && out.sc.CoversOffice(all[0].Owner) {
		return nil
	}
	for _, x := range all {
		if x.Origin == e.Origin && x.Seq == e.Seq {
			continue
		}
		if ch, ok := out.l.ChainOf(x.Origin); ok && !Accepted(x, ch.Leaf().Office()) {
			out.withheld++
			continue
		}
		out.add(x)
	}
	return nil
}

// add puts an event in the current batch.
func (out *Batcher) add(e *store.Event) {
	out.events = append(out.events, e)
	out.size += len(e.Raw())
	if out.origins == nil {
		out.origins = map[store.Origin]bool{}
	}
	out.origins[e.Origin] = true
}

// flush sends the batch and, with Window batches in flight, waits for
// the oldest one's acknowledgement.
func (out *Batcher) flush() error {
	if len(out.events) == 0 && len(out.vouch) == 0 {
		return nil
	}
	out.no++
	bt := Batch{No: out.no, Events: out.events}
	for o, seq := range out.vouch {
		bt.Vouch = append(bt.Vouch, Mark{Origin: o, Seq: seq})
	}
	for o := range out.origins {
		if ch, ok := out.l.ChainOf(o); ok {
			bt.Certs = append(bt.Certs, ch.Encode())
		}
	}
	if seal, ok := out.l.Store().SignBatch(bt.Events); ok {
		bt.Seals = append(bt.Seals, seal)
	}
	if err := out.fw.Frame(MsgBatch, EncodeBatch(bt)); err != nil {
		return fmt.Errorf("sending batch %d: %w", bt.No, err)
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
	if len(out.inflight) < Window {
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
func (out *Batcher) awaitAck() error {
	first := out.inflight[0]
	typ, payload, err := out.c.Next()
	if err != nil {
		return fmt.Errorf("reading the acknowledgement of batch %d: %w", first.no, err)
	}
	switch typ {
	case MsgAck:
		n, err := DecodeUint(payload)
		if err != nil || n != first.no {
			return fmt.Errorf("%w: acknowledgement %d for batch %d", ErrProtocol, n, first.no)
		}
		out.inflight = out.inflight[1:]
		out.acknowledged(first.bytes)
		// Counted once acknowledged: a batch a dropped link cut is sent
		// again, and counted then.
		out.obs.Sent(first.events)
		return nil
	case MsgFail:
		f, _ := DecodeFail(payload)
		return &Refusal{What: fmt.Sprintf("the peer refused batch %d", first.no), Fail: f}
	}
	return fmt.Errorf("%w: expected an acknowledgement", ErrProtocol)
}

// drain waits for every batch in flight to be acknowledged.
func (out *Batcher) drain() error {
	for len(out.inflight) > 0 {
		if err := out.awaitAck(); err != nil {
			return err
		}
	}
	return nil
}
