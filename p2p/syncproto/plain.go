package syncproto

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"

	"hoso/store"
	"hoso/trust"
)

// PlainIndex remembers, per origin, which of its events are plain: owned
// by the one office that owns the origin's other plain events, addressed
// to nobody else, of a subject no other office was ever addressed, and not
// reference data. A plain event is visible to a scope exactly when that
// office is (Scope.visibleLazy), so a hub serving a desk of another
// commune need not read them at all: without the index it read, for every
// pull of every desk, every event the other desks wrote since that desk's
// last pull, to find nothing visible in them, which made the hub's work
// per event received grow with the number of desks (issue 19).
//
// The index starts at what the store holds when it is made and follows
// every write after (refresh), each event read once whatever the desks,
// each origin up to its contiguous vector. An
// event that makes a subject's audience more than one office marks every
// event of the subject special, whatever its origin, so that what an index
// says plain is plain by the store's audiences as they are. It holds, per
// origin, a few numbers and the sequences of its special events, at most
// maxSpecial (more start the origin's index over from there).
//
// One PlainIndex serves every session of a node; it is safe for
// concurrent use.
type PlainIndex struct {
	st *store.Store

	mu sync.Mutex
	// start is the store's write count when the index was made: what was
	// written before it was never classified. seen is the write count the
	// index is current with; at is the one a refresh reads up to.
	start, seen, at uint64
	origins         map[store.Origin]*plainOrigin
	// gen counts the changes of the office tree and of the certificates
	// the index saw: the paths an origin keeps are of one gen.
	gen uint64
	// marked holds the subjects whose events are all marked special
	// already (bounded: forgotten past maxMarked).
	marked map[string]bool
}

// plainOrigin is what the index knows of one origin's events in
// (base, upTo].
type plainOrigin struct {
	base, upTo uint64
	// owner owns every plain event; "" while there is none.
	owner string
	// special are the sequences of the events that are not plain, sorted;
	// certs the office paths of those that are certificate records
	// (SpecialEvent.CertPath): a hub's own origin writes one for every
	// desk it enrols, and each desk's pull need not read the others'.
	special []uint64
	certs   map[uint64]string
	// specialAt is the store's write count up to which the index had
	// read when it last found (or made) an event of the origin special:
	// no event written after it is special.
	specialAt uint64
	// devPath and ownerPath place the origin's device and the office of
	// its plain events in the office tree, as of the index's gen.
	gen                uint64
	devPath, ownerPath string
}

const (
	// maxSpecial bounds the special sequences kept per origin.
	maxSpecial = 4096
	// maxMarked bounds the subjects remembered as marked.
	maxMarked = 1 << 14
)

// NewPlainIndex returns an index over st that starts at what st holds
// now: the events already held are read in full by whoever needs them.
func NewPlainIndex(st *store.Store) *PlainIndex {
	x := &PlainIndex{st: st, origins: map[store.Origin]*plainOrigin{}, marked: map[string]bool{}}
	x.seen = st.Changes()
	x.start = x.seen
	for o, seq := range st.Vector() {
		x.origins[o] = &plainOrigin{base: seq, upTo: seq}
	}
	return x
}

// SpecialEvent is an event the index does not call plain.
type SpecialEvent struct {
	Seq uint64
	// CertPath, for a device's certificate record, is the office path
	// its chain certifies, which alone decides who may see it
	// (Scope.certVisible): "" for any other event.
	CertPath string
}

// Special returns the owner of o's plain events and the events of o in
// (from, to] that are not plain, in order. ok is false when the index
// cannot tell for the whole range (events below where it started, or
// beyond what the store holds contiguously): read them all then. An owner
// of "" means no event of o is plain.
func (x *PlainIndex) Special(o store.Origin, from, to uint64) (owner string, evs []SpecialEvent, ok bool, err error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if err := x.refresh(); err != nil {
		return "", nil, false, err
	}
	po := x.origins[o]
	if po == nil || from < po.base || to > po.upTo {
		return "", nil, false, nil
	}
	lo, _ := slices.BinarySearch(po.special, from+1)
	hi, _ := slices.BinarySearch(po.special, to+1)
	evs = make([]SpecialEvent, 0, hi-lo)
	for _, seq := range po.special[lo:hi] {
		evs = append(evs, SpecialEvent{Seq: seq, CertPath: po.certs[seq]})
	}
	return po.owner, evs, true, nil
}

// Changed lists, in origin order, the origins written since write count
// since, each with this node's mark of it (held), as the package's changed
// does, but without those the index knows wrote nothing since then that
// scope sc may see: every event the origin wrote since is classified
// (since is not before the index started, and the index has read up to
// what this node holds of the origin), none of them is special, and
// neither the office of its plain events nor that of its device (pathOf,
// "" when unknown) is in the scope. A hub answers a pull's hello with it:
// a desk's hello listed every device of the province that wrote since its
// last pull, as did its marks and the batch's vouches, so that each pull
// of 2,000 desks cost the hub and the desk work for 2,000 origins to send
// a handful of events (issue 19).
func (x *PlainIndex) Changed(since uint64, sc Scope, held func(store.Origin) uint64, pathOf func(store.Origin) string) ([]Mark, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if err := x.refresh(); err != nil {
		return nil, err
	}
	var out []Mark
	for _, o := range x.st.TouchedSince(since) {
		seq := held(o)
		if since < x.start || !x.quiet(x.origins[o], o, seq, since, sc, pathOf) {
			out = append(out, Mark{Origin: o, Seq: seq})
		}
	}
	slices.SortFunc(out, func(a, b Mark) int { return bytes.Compare(a.Origin[:], b.Origin[:]) })
	return out, nil
}

// quiet reports whether po, the index of o, which this node holds up to
// seq, says o wrote nothing since write count since that sc may see. The
// paths of its plain events' office and of its device are kept with it
// until the office tree or a certificate changes (gen).
func (x *PlainIndex) quiet(po *plainOrigin, o store.Origin, seq, since uint64, sc Scope, pathOf func(store.Origin) string) bool {
	if po == nil || po.upTo < seq || po.specialAt > since {
		return false
	}
	if po.gen != x.gen || po.devPath == "" || po.owner != "" && po.ownerPath == "" {
		po.gen, po.devPath, po.ownerPath = x.gen, pathOf(o), ""
		if po.owner != "" {
			po.ownerPath = sc.pathOf(po.owner)
		}
	}
	if po.devPath == "" || sc.Covers(po.devPath) {
		return false
	}
	return po.owner == "" || po.ownerPath != "" && !sc.Covers(po.ownerPath)
}

// refresh indexes every event written since the index last looked, of
// every origin: an event of one origin may make the events of another
// special, so the index is current for all of them before it answers.
func (x *PlainIndex) refresh() error {
	n := x.st.Changes()
	if n == x.seen {
		return nil
	}
	// The last write seen is looked at again: its origins may have been
	// counted before they were listed.
	since := x.seen
	if since > 0 {
		since--
	}
	x.at = n
	for _, o := range x.st.TouchedSince(since) {
		po := x.origins[o]
		if po == nil {
			// A device first written since the index started.
			po = &plainOrigin{}
			x.origins[o] = po
		}
		if err := x.catchUp(o, po, x.st.VectorOf(o)); err != nil {
			return err
		}
	}
	x.seen = n
	return nil
}

// catchUp indexes o's events up to limit, its contiguous sequence.
func (x *PlainIndex) catchUp(o store.Origin, po *plainOrigin, limit uint64) error {
	for po.upTo < limit {
		evs, err := x.st.After(o, po.upTo, readBatch)
		if err != nil {
			return fmt.Errorf("indexing the events of %s: %w", o, err)
		}
		if len(evs) == 0 {
			return nil
		}
		for _, e := range evs {
			if e.Seq > limit {
				return nil
			}
			if err := x.classify(po, e); err != nil {
				return err
			}
			po.upTo = e.Seq
		}
	}
	return nil
}

// classify records whether e, the next event of its origin, is plain.
func (x *PlainIndex) classify(po *plainOrigin, e *store.Event) error {
	if placesOffices(e.Subject) {
		x.gen++
	}
	aud, err := x.st.Audience(e.Subject)
	if err != nil {
		return fmt.Errorf("indexing %s: %w", e.Subject, err)
	}
	single := len(aud) == 1 && aud[0] == e.Owner
	if single && len(e.Audience) == 0 && !IsReference(e.Subject) && (po.owner == "" || po.owner == e.Owner) {
		po.owner = e.Owner
		return nil
	}
	if len(po.special) >= maxSpecial {
		// Too many to remember: the index of this origin starts over
		// from here (a reader below reads everything).
		po.base, po.special, po.certs = po.upTo, nil, nil
	}
	po.special = append(po.special, e.Seq)
	if strings.HasPrefix(e.Subject, certSubjectPrefix) {
		if ch, err := trust.DecodeChain(e.Body); err == nil && len(ch) > 0 {
			if po.certs == nil {
				po.certs = map[uint64]string{}
			}
			po.certs[e.Seq] = ch.Leaf().Path
		}
	}
	po.specialAt = x.at
	if !single && !x.marked[e.Subject] {
		return x.markSubject(e.Subject)
	}
	return nil
}

// placesOffices reports whether a subject's events may move an office in
// the tree or a device to another office.
func placesOffices(subject string) bool {
	return strings.HasPrefix(subject, "office/") || strings.HasPrefix(subject, certSubjectPrefix) || strings.HasPrefix(subject, "revocation/")
}

// markSubject marks every indexed event of a subject special: its
// audience is more than one office now, so none of them is plain.
func (x *PlainIndex) markSubject(subject string) error {
	evs, err := x.st.SubjectEvents(subject)
	if err != nil {
		return fmt.Errorf("indexing the history of %s: %w", subject, err)
	}
	for _, e := range evs {
		po := x.origins[e.Origin]
		if po == nil || e.Seq <= po.base || e.Seq > po.upTo {
			continue
		}
		if i, found := slices.BinarySearch(po.special, e.Seq); !found {
			po.special = slices.Insert(po.special, i, e.Seq)
		}
		po.specialAt = x.at
	}
	if len(x.marked) >= maxMarked {
		clear(x.marked)
	}
	x.marked[subject] = true
	return nil
}

// Indexer is a Local whose node keeps a PlainIndex of its store; the
// server's side of a pull uses it to skip the events a remote may not see.
type Indexer interface {
	PlainIndex() *PlainIndex
}

// plainIndexOf returns l's index, nil when it keeps none.
func plainIndexOf(l Local) *PlainIndex {
	if ix, ok := l.(Indexer); ok {
		return ix.PlainIndex()
	}
	return nil
}
