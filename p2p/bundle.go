package p2p

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/libp2p/go-libp2p/core/peer"

	"hoso/p2p/syncproto"
	"hoso/store"
	"hoso/trust"
)

// bundleMagic starts a bundle file: the sync protocol's frames written to
// a file for a USB stick or an e-mail.
const bundleMagic = "HSBUNDLE1\n"

// ErrBundle is a bundle refused whole: tampered, truncated, from another
// province or not a bundle at all. Nothing of it is imported.
var ErrBundle = errors.New("sync: bundle refused")

// BundleStats says what a bundle holds or brought.
type BundleStats struct {
	Events int   `json:"events"`
	Added  int   `json:"added"`
	Bytes  int64 `json:"bytes"`
	// Skipped says what of the bundle was not imported and why, one entry
	// per reason (none when everything was imported).
	Skipped []BundleSkip `json:"skipped,omitempty"`
}

// Reasons an event of a bundle is not imported.
const (
	// SkipOutOfScope: the event is not this office's to hold (another
	// office's record, not addressed to this one).
	SkipOutOfScope = "out-of-scope"
	// SkipWrongOffice: the device that wrote it is certified for another
	// office than the event's.
	SkipWrongOffice = "wrong-office"
)

// maxSkipSubjects bounds the subjects listed per reason.
const maxSkipSubjects = 50

// BundleSkip is what a bundle brought and this node did not import, for
// one reason: how many events, how many subjects, and the first of them.
type BundleSkip struct {
	Reason   string   `json:"reason"`
	Events   int      `json:"events"`
	Subjects int      `json:"subjects"`
	Listed   []string `json:"listed"`
}

// skipped gathers the events not imported, by reason.
type skipped struct {
	order    []string
	events   map[string]int
	subjects map[string]map[string]bool
	listed   map[string][]string
}

func (k *skipped) add(reason string, e *store.Event) {
	if k.events == nil {
		k.events, k.subjects, k.listed = map[string]int{}, map[string]map[string]bool{}, map[string][]string{}
	}
	if k.subjects[reason] == nil {
		k.order = append(k.order, reason)
		k.subjects[reason] = map[string]bool{}
	}
	k.events[reason]++
	if !k.subjects[reason][e.Subject] {
		k.subjects[reason][e.Subject] = true
		if len(k.listed[reason]) < maxSkipSubjects {
			k.listed[reason] = append(k.listed[reason], e.Subject)
		}
	}
}

func (k *skipped) report() []BundleSkip {
	var out []BundleSkip
	for _, r := range k.order {
		out = append(out, BundleSkip{Reason: r, Events: k.events[r], Subjects: len(k.subjects[r]), Listed: k.listed[r]})
	}
	return out
}

// ExportBundle writes to w the events a peer's office may see: since what
// this node last vouched to the peer, or everything when since is false.
// For the node's own office (peer = this node) it is everything it holds.
// The file is sealed to the devices of the offices entitled to it: this
// node's office and the peer's, and the offices above them.
func (s *Syncer) ExportBundle(w io.Writer, to peer.ID, since bool) (BundleStats, error) {
	var ch trust.Chain
	if to == s.selfID() || to == "" {
		ch = s.ownChain()
	} else {
		k, err := keyOf(to)
		if err != nil {
			return BundleStats{}, err
		}
		var o store.Origin
		copy(o[:], k)
		known, ok := s.chainOf(o)
		if !ok {
			return BundleStats{}, fmt.Errorf("%w: no certificate is recorded for %s", trust.ErrUntrusted, to)
		}
		ch = known
		// A child due for renewal receives it in this bundle.
		s.renewFor(ch)
	}
	have := map[store.Origin]uint64{}
	if since {
		have = syncproto.SentMarks(s.st, to.String())
	}
	// What the recipient's office may hold, as the sync server decides
	// (syncproto.Session.Serve): a bundle carries what a live pull would
	// send.
	return s.writeBundle(w, ch, syncproto.NewScope(ch.Leaf().Path, s.tree), have)
}

// writeBundle writes a bundle sealed to the offices of chain ch, of the
// events past have that scope sc admits.
func (s *Syncer) writeBundle(w io.Writer, ch trust.Chain, sc syncproto.Scope, have map[store.Origin]uint64) (BundleStats, error) {
	// Sealed to the offices entitled to it (bundle_seal.go).
	cw := &countWriter{w: w}
	sealed, err := sealBundle(cw, s.bundleRecipients(ch))
	if err != nil {
		return BundleStats{}, fmt.Errorf("sealing the bundle: %w", err)
	}
	bw := bufio.NewWriter(sealed)
	if _, err := bw.WriteString(bundleMagic); err != nil {
		return BundleStats{}, err
	}
	fw := syncproto.NewWriter(bw)
	count := s.st.Changes()
	hello := syncproto.Hello{Chain: s.ownChain().Encode(), Token: count}
	hello.Changed = syncproto.Changed(s.st, 0)
	if err := fw.Frame(syncproto.MsgHello, syncproto.EncodeHello(hello)); err != nil {
		return BundleStats{}, err
	}
	out := syncproto.NewBatcher(local{s}, sc, fw)
	if err := out.Send(hello.Changed, have); err != nil {
		return BundleStats{}, err
	}
	if err := fw.Frame(syncproto.MsgEnd, syncproto.EncodeUint(count)); err != nil {
		return BundleStats{}, err
	}
	if err := bw.Flush(); err != nil {
		return BundleStats{}, err
	}
	if err := sealed.Close(); err != nil {
		return BundleStats{}, fmt.Errorf("sealing the bundle: %w", err)
	}
	return BundleStats{Events: out.Events(), Bytes: cw.n}, nil
}

// ImportBundle reads a bundle and imports it, or nothing: the file is
// decrypted and authenticated to its last byte, and every frame read and
// every chain and signature checked, before any event is stored.
// Importing the same bundle again adds nothing. A reader that can seek (a
// file) is read twice in bounded memory (bundle_stream.go); any other is
// held decoded until it is verified.
func (s *Syncer) ImportBundle(r io.Reader) (BundleStats, error) {
	return s.ImportBundleProgress(r, nil)
}

// readBundle decrypts and authenticates a bundle, checks its header and
// that it ends where the file ends, and hands each batch whose seals and
// signatures verify to batch. It returns the bytes read.
func (s *Syncer) readBundle(r io.Reader, batch func(syncproto.Batch) error) (int64, error) {
	cr := &countReader{r: io.LimitReader(r, MaxBundleBytes)}
	plain, err := openBundle(cr, s.key)
	if err != nil {
		return cr.n, err
	}
	br := bufio.NewReader(plain)
	magic := make([]byte, len(bundleMagic))
	if _, err := io.ReadFull(br, magic); err != nil || !bytes.Equal(magic, []byte(bundleMagic)) {
		if errors.Is(err, ErrBundle) {
			return cr.n, err
		}
		return cr.n, fmt.Errorf("%w: this is not a Hồ Sơ Một Cửa bundle", ErrBundle)
	}
	fr := syncproto.NewReader(br)
	typ, payload, err := fr.Next()
	if err != nil || typ != syncproto.MsgHello {
		if errors.Is(err, ErrBundle) {
			return cr.n, err
		}
		return cr.n, fmt.Errorf("%w: the bundle has no header", ErrBundle)
	}
	hello, err := syncproto.DecodeHello(payload)
	if err != nil {
		return cr.n, fmt.Errorf("%w: %v", ErrBundle, err)
	}
	from, err := trust.DecodeChain(hello.Chain)
	if err != nil {
		return cr.n, fmt.Errorf("%w: it was not written by a device of this province: %v", ErrBundle, err)
	}
	if err := s.acceptWriter(from); err != nil {
		return cr.n, err
	}
	ended := false
	for !ended {
		typ, payload, err := fr.Next()
		if errors.Is(err, ErrBundle) {
			return cr.n, err
		}
		if err != nil {
			return cr.n, fmt.Errorf("%w: the file is truncated or damaged (%v)", ErrBundle, err)
		}
		switch typ {
		case syncproto.MsgBatch:
			bt, err := syncproto.DecodeBatch(payload)
			if err != nil {
				return cr.n, fmt.Errorf("%w: %v", ErrBundle, err)
			}
			// A bundle written by the origin itself carries its seals.
			err = store.VerifyBatchSigs(bt.Events, bt.Seals)
			if err == nil {
				err = store.VerifyEvents(bt.Events)
			}
			if err != nil {
				return cr.n, fmt.Errorf("%w: an event was altered: %v", ErrBundle, err)
			}
			if err := batch(bt); err != nil {
				return cr.n, err
			}
		case syncproto.MsgEnd:
			ended = true
		default:
			return cr.n, fmt.Errorf("%w: unexpected content", ErrBundle)
		}
	}
	if _, err := br.ReadByte(); err != io.EOF {
		if errors.Is(err, ErrBundle) {
			return cr.n, err
		}
		return cr.n, fmt.Errorf("%w: data after the end", ErrBundle)
	}
	return cr.n, nil
}

// importHeld imports a bundle that is not seekable: every batch is held
// decoded until the whole file verified.
func (s *Syncer) importHeld(r io.Reader) (BundleStats, error) {
	var batches []syncproto.Batch
	n, err := s.readBundle(r, func(bt syncproto.Batch) error {
		batches = append(batches, bt)
		return nil
	})
	if err != nil {
		return BundleStats{}, err
	}
	// Everything checks: import, batch by batch (each is atomic and checks
	// its origins' certificates again). What is not imported is said, by
	// reason and subject (the reply and the screen show it), and decided
	// before anything is stored.
	im := s.newBundleImport(n)
	for _, bt := range batches {
		im.address(bt)
	}
	for i := range batches {
		if batches[i], err = im.keep(batches[i]); err != nil {
			return im.stats, err
		}
	}
	im.finish()
	for _, bt := range batches {
		if err := im.commit(bt); err != nil {
			return im.stats, err
		}
	}
	return im.stats, nil
}

// bundleImport decides what of a verified bundle this office keeps, and
// commits it. A bundle may have been written for another office: keep
// only what this office may see, and do not take its marks, which vouch
// for that office's view.
type bundleImport struct {
	s         *Syncer
	own       syncproto.Scope
	addressed map[string][]string
	skip      skipped
	stats     BundleStats
}

func (s *Syncer) newBundleImport(n int64) *bundleImport {
	return &bundleImport{s: s, own: syncproto.NewScope(s.ownChain().Leaf().Path, s.tree), addressed: map[string][]string{}, stats: BundleStats{Bytes: n}}
}

// address records the offices a batch's events are addressed to: every
// batch of the bundle is addressed before any is kept.
func (im *bundleImport) address(bt syncproto.Batch) {
	for _, e := range bt.Events {
		for _, o := range e.Offices() {
			if !slices.Contains(im.addressed[e.Subject], o) {
				im.addressed[e.Subject] = append(im.addressed[e.Subject], o)
			}
		}
	}
}

// keep checks a batch's origins and returns what of it this office keeps,
// without its marks.
func (im *bundleImport) keep(bt syncproto.Batch) (syncproto.Batch, error) {
	s := im.s
	checked := bt
	if err := syncproto.CheckOrigins(local{s}, &checked); err != nil {
		return bt, fmt.Errorf("%w: %v", ErrBundle, err)
	}
	certified := map[*store.Event]bool{}
	for _, e := range checked.Events {
		certified[e] = true
	}
	for _, e := range bt.Events {
		if !certified[e] {
			im.skip.add(SkipWrongOffice, e)
		}
	}
	kept := checked.Events[:0:0]
	// As the sync server decides (syncproto.Batcher): the origin's
	// certificate, carried or recorded, places an office the office
	// records lack.
	paths := map[store.Origin]string{}
	for _, raw := range checked.Certs {
		if ch, err := trust.DecodeChain(raw); err == nil {
			var o store.Origin
			copy(o[:], ch.Leaf().Subject)
			paths[o] = ch.Leaf().Path
		}
	}
	for _, e := range checked.Events {
		known, err := s.st.Audience(e.Subject)
		if err != nil {
			return bt, err
		}
		ownerPath, ok := paths[e.Origin]
		if !ok {
			if ch, known := s.chainOf(e.Origin); known {
				ownerPath = ch.Leaf().Path
			}
		}
		if im.own.Visible(e, append(known, im.addressed[e.Subject]...), ownerPath) {
			kept = append(kept, e)
		} else {
			im.skip.add(SkipOutOfScope, e)
		}
	}
	checked.Events, checked.Vouch = kept, nil
	return checked, nil
}

// finish reports what was not imported.
func (im *bundleImport) finish() {
	im.stats.Skipped = im.skip.report()
	for _, r := range im.stats.Skipped {
		im.s.logf("sync: bundle: %d events of %d subjects not imported (%s), first %v", r.Events, r.Subjects, r.Reason, r.Listed)
	}
}

// commit stores a kept batch.
func (im *bundleImport) commit(bt syncproto.Batch) error {
	added, err := syncproto.Commit(local{im.s}, bt)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrBundle, err)
	}
	im.stats.Events += len(bt.Events)
	im.stats.Added += added
	return nil
}
