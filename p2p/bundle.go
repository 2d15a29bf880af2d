package p2p

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/libp2p/go-libp2p/core/peer"

	"hoso/store"
	"hoso/trust"
)

// bundleMagic starts a bundle file: the sync protocol's frames written to
// a file for a USB stick or an e-mail.
const bundleMagic = "HSBUNDLE1\n"

// ErrBundle is a bundle refused whole: tampered, truncated, from another
// province or not a bundle at all. Nothing of it is imported.
var ErrBundle = errors.New("sync: bundle refused")

// sentKey records, per peer, the marks this node vouched to it at the end
// of its last complete pull: what a bundle for that peer can leave out.
func sentKey(id peer.ID) string { return "sync/sent/" + id.String() }

// recordSent remembers the marks vouched to a peer.
func (s *Syncer) recordSent(id peer.ID, marks map[store.Origin]uint64) {
	prev := s.sentMarks(id)
	for o, seq := range marks {
		prev[o] = max(prev[o], seq)
	}
	out := map[string]uint64{}
	for o, seq := range prev {
		out[o.String()] = seq
	}
	b, _ := json.Marshal(out)
	_ = s.st.SetLocal(sentKey(id), b)
}

// sentMarks returns the marks last vouched to a peer.
func (s *Syncer) sentMarks(id peer.ID) map[store.Origin]uint64 {
	out := map[store.Origin]uint64{}
	b, err := s.st.Local(sentKey(id))
	if err != nil {
		return out
	}
	var m map[string]uint64
	if json.Unmarshal(b, &m) != nil {
		return out
	}
	for k, seq := range m {
		id, err := peer.Decode(k)
		if err != nil {
			continue
		}
		if key, err := keyOf(id); err == nil {
			var o store.Origin
			copy(o[:], key)
			out[o] = seq
		}
	}
	return out
}

// BundleStats says what a bundle holds or brought.
type BundleStats struct {
	Events int   `json:"events"`
	Added  int   `json:"added"`
	Bytes  int64 `json:"bytes"`
}

// ExportBundle writes to w the events a peer's office may see: since what
// this node last vouched to the peer, or everything when since is false.
// For the node's own office (peer = this node) it is everything it holds.
// The file is sealed to the devices of the offices entitled to it: this
// node's office and the peer's, and the offices above them.
func (s *Syncer) ExportBundle(w io.Writer, to peer.ID, since bool) (BundleStats, error) {
	var ch trust.Chain
	if to == s.selfID() || to == "" {
		ch = s.en.Chain
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
	}
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
	fw := &frameWriter{w: bw, enc: zenc}
	have := map[store.Origin]uint64{}
	if since {
		have = s.sentMarks(to)
	}
	count := s.st.Changes()
	hello := Hello{Chain: s.en.Chain.Encode(), Token: count}
	for _, o := range s.st.ChangedSince(0) {
		hello.Changed = append(hello.Changed, Mark{Origin: o, Seq: s.mark(o)})
	}
	if err := fw.frame(msgHello, encodeHello(hello)); err != nil {
		return BundleStats{}, err
	}
	sc := scope{path: ch.Leaf().Path, tree: s.tree}.withCache()
	ancestor := sc.above(s.en.Chain.Leaf().Path)
	out := &outgoing{s: s, sc: sc, fw: fw, sentSubjects: map[string]bool{}, noAck: true}
	for _, m := range hello.Changed {
		if m.Seq <= have[m.Origin] {
			continue
		}
		if err := out.origin(m.Origin, have[m.Origin], m.Seq, ancestor || s.originBelow(m.Origin)); err != nil {
			return BundleStats{}, err
		}
	}
	if err := out.flush(); err != nil {
		return BundleStats{}, err
	}
	if err := fw.frame(msgEnd, encodeUint(count)); err != nil {
		return BundleStats{}, err
	}
	if err := bw.Flush(); err != nil {
		return BundleStats{}, err
	}
	if err := sealed.Close(); err != nil {
		return BundleStats{}, fmt.Errorf("sealing the bundle: %w", err)
	}
	return BundleStats{Events: out.total, Bytes: cw.n}, nil
}

// ImportBundle reads a bundle and imports it, or nothing: the file is
// decrypted and authenticated to its last byte, and every frame read and
// every chain and signature checked, before any event is stored.
// Importing the same bundle again adds nothing.
func (s *Syncer) ImportBundle(r io.Reader) (BundleStats, error) {
	cr := &countReader{r: io.LimitReader(r, 1<<30)}
	plain, err := openBundle(cr, s.key)
	if err != nil {
		return BundleStats{}, err
	}
	br := bufio.NewReader(plain)
	magic := make([]byte, len(bundleMagic))
	if _, err := io.ReadFull(br, magic); err != nil || !bytes.Equal(magic, []byte(bundleMagic)) {
		if errors.Is(err, ErrBundle) {
			return BundleStats{}, err
		}
		return BundleStats{}, fmt.Errorf("%w: this is not a Hồ Sơ Một Cửa bundle", ErrBundle)
	}
	fr := &frameReader{r: br, dec: zdec}
	typ, payload, err := fr.next()
	if err != nil || typ != msgHello {
		if errors.Is(err, ErrBundle) {
			return BundleStats{}, err
		}
		return BundleStats{}, fmt.Errorf("%w: the bundle has no header", ErrBundle)
	}
	hello, err := decodeHello(payload)
	if err != nil {
		return BundleStats{}, fmt.Errorf("%w: %v", ErrBundle, err)
	}
	from, err := trust.DecodeChain(hello.Chain)
	if err == nil {
		err = from.Verify(s.en.Root, s.now(), s.book.isRevoked)
	}
	if err != nil {
		return BundleStats{}, fmt.Errorf("%w: it was not written by a device of this province: %v", ErrBundle, err)
	}
	var batches []Batch
	ended := false
	for !ended {
		typ, payload, err := fr.next()
		if errors.Is(err, ErrBundle) {
			return BundleStats{}, err
		}
		if err != nil {
			return BundleStats{}, fmt.Errorf("%w: the file is truncated or damaged (%v)", ErrBundle, err)
		}
		switch typ {
		case msgBatch:
			bt, err := fr.decodeBatch(payload)
			if err != nil {
				return BundleStats{}, fmt.Errorf("%w: %v", ErrBundle, err)
			}
			// A bundle written by the origin itself carries its seals.
			err = store.VerifySeals(bt.Events, bt.Seals)
			if err == nil {
				err = store.VerifyEvents(bt.Events)
			}
			if err != nil {
				return BundleStats{}, fmt.Errorf("%w: an event was altered: %v", ErrBundle, err)
			}
			batches = append(batches, bt)
		case msgEnd:
			ended = true
		default:
			return BundleStats{}, fmt.Errorf("%w: unexpected content", ErrBundle)
		}
	}
	if _, err := br.ReadByte(); err != io.EOF {
		if errors.Is(err, ErrBundle) {
			return BundleStats{}, err
		}
		return BundleStats{}, fmt.Errorf("%w: data after the end", ErrBundle)
	}
	// Everything checks: import, batch by batch (each is atomic and checks
	// its origins' certificates again). A bundle may have been written for
	// another office: keep only what this office may see, and do not take
	// its marks, which vouch for that office's view.
	stats := BundleStats{Bytes: cr.n}
	own := scope{path: s.en.Chain.Leaf().Path, tree: s.tree}.withCache()
	addressed := map[string][]string{}
	for _, bt := range batches {
		for _, e := range bt.Events {
			addressed[e.Subject] = append(addressed[e.Subject], e.Offices()...)
		}
	}
	for i, bt := range batches {
		if err := s.checkOrigins(&batches[i]); err != nil {
			return stats, fmt.Errorf("%w: %v", ErrBundle, err)
		}
		kept := bt.Events[:0:0]
		bt = batches[i]
		for _, e := range bt.Events {
			known, err := s.st.Audience(e.Subject)
			if err != nil {
				return stats, err
			}
			if own.visible(e, append(known, addressed[e.Subject]...)) {
				kept = append(kept, e)
			}
		}
		batches[i].Events, batches[i].Vouch = kept, nil
	}
	for _, bt := range batches {
		added, err := s.commitBatch(bt)
		if err != nil {
			return stats, fmt.Errorf("%w: %v", ErrBundle, err)
		}
		stats.Events += len(bt.Events)
		stats.Added += added
	}
	return stats, nil
}
