package bundle

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"hoso/p2p/fileproto"
	"hoso/p2p/syncproto"
	"hoso/store"
	"hoso/trust"
)

// MaxBytes bounds a bundle file read: above it the file is refused as cut
// short.
const MaxBytes = 1 << 30

// Phases of a bundle import, as Progress reports them.
const (
	// PhaseVerify: the file is decrypted, authenticated and every batch
	// checked; nothing is stored yet.
	PhaseVerify = "verify"
	// PhaseImport: the file verified whole and is read again, batch by
	// batch, into the store.
	PhaseImport = "import"
)

// Progress is how far an import has gone: the phase, the bytes of the file
// read in it and the events checked or committed in it.
type Progress struct {
	Phase  string `json:"phase"`
	Bytes  int64  `json:"bytes"`
	Events int    `json:"events"`
}

// Import reads a bundle and imports it, or nothing: the file is decrypted
// and authenticated to its last byte, and every frame read and every chain
// and signature checked, before any event is stored. Importing the same
// bundle again adds nothing. progress (when not nil) is called after each
// batch.
//
// A reader that can seek (a file) is read twice so that memory stays
// bounded by a batch, whatever the file's size: once to decrypt and verify
// it all (every frame, seal, signature and certificate), then from its
// start to commit it batch by batch. The second reading authenticates the
// file again, so a file changed between the two is refused from where it
// changed on. Any other reader is held decoded until verified.
func (b *Bundler) Import(r io.Reader, progress func(Progress)) (Stats, error) {
	rs, ok := r.(io.ReadSeeker)
	if !ok {
		return b.importHeld(r)
	}
	if progress == nil {
		progress = func(Progress) {}
	}
	start, err := rs.Seek(0, io.SeekCurrent)
	if err != nil {
		return b.importHeld(r)
	}
	cr := &countReader{r: rs}
	p := Progress{Phase: PhaseVerify}
	im := b.newImport(0)
	n, err := b.read(cr, func(bt syncproto.Batch) error {
		im.address(bt)
		// The certificates are checked now, so that a bundle with an
		// unknown or revoked writer is refused before anything is stored.
		checked := bt
		if err := syncproto.CheckOrigins(b.node, &checked); err != nil {
			return fmt.Errorf("%w: %v", ErrRefused, err)
		}
		p.Bytes, p.Events = cr.n, p.Events+len(bt.Events)
		progress(p)
		return nil
	}, &fileReader{})
	if err != nil {
		return Stats{}, err
	}
	if _, err := rs.Seek(start, io.SeekStart); err != nil {
		return Stats{}, fmt.Errorf("reading the bundle again: %w", err)
	}
	im.stats.Bytes = n
	cr = &countReader{r: rs}
	p = Progress{Phase: PhaseImport}
	files := &fileReader{part: im.storePart}
	_, err = b.read(cr, func(bt syncproto.Batch) error {
		kept, err := im.keep(bt)
		if err != nil {
			return err
		}
		if err := im.commit(kept); err != nil {
			return err
		}
		p.Bytes, p.Events = cr.n, im.stats.Events
		progress(p)
		return nil
	}, files)
	im.finish()
	if err != nil {
		return im.stats, err
	}
	return im.stats, im.completeFiles(files.files)
}

// read decrypts and authenticates a bundle, checks its header and that it
// ends where the file ends, and hands each batch whose seals and
// signatures verify to batch. It returns the bytes read.
func (b *Bundler) read(r io.Reader, batch func(syncproto.Batch) error, files *fileReader) (int64, error) {
	cr := &countReader{r: io.LimitReader(r, MaxBytes)}
	plain, err := Open(cr, b.key)
	if err != nil {
		return cr.n, err
	}
	br := bufio.NewReader(plain)
	magic := make([]byte, len(plainMagic))
	if _, err := io.ReadFull(br, magic); err != nil || !bytes.Equal(magic, []byte(plainMagic)) {
		if errors.Is(err, ErrRefused) {
			return cr.n, err
		}
		return cr.n, fmt.Errorf("%w: this is not a Hồ Sơ Một Cửa bundle", ErrRefused)
	}
	fr := syncproto.NewReader(br)
	typ, payload, err := fr.Next()
	if err != nil || typ != syncproto.MsgHello {
		if errors.Is(err, ErrRefused) {
			return cr.n, err
		}
		return cr.n, fmt.Errorf("%w: the bundle has no header", ErrRefused)
	}
	hello, err := syncproto.DecodeHello(payload)
	if err != nil {
		return cr.n, fmt.Errorf("%w: %v", ErrRefused, err)
	}
	from, err := trust.DecodeChain(hello.Chain)
	if err != nil {
		return cr.n, fmt.Errorf("%w: it was not written by a device of this province: %v", ErrRefused, err)
	}
	if err := b.acceptWriter(from); err != nil {
		return cr.n, err
	}
	ended := false
	for !ended {
		typ, payload, err := fr.Next()
		if errors.Is(err, ErrRefused) {
			return cr.n, err
		}
		if err != nil {
			return cr.n, fmt.Errorf("%w: the file is truncated or damaged (%v)", ErrRefused, err)
		}
		switch typ {
		case syncproto.MsgBatch:
			bt, err := syncproto.DecodeBatch(payload)
			if err != nil {
				return cr.n, fmt.Errorf("%w: %v", ErrRefused, err)
			}
			// A bundle written by the origin itself carries its seals.
			err = store.VerifyBatchSigs(bt.Events, bt.Seals)
			if err == nil {
				err = store.VerifyEvents(bt.Events)
			}
			if err != nil {
				return cr.n, fmt.Errorf("%w: an event was altered: %v", ErrRefused, err)
			}
			if err := batch(bt); err != nil {
				return cr.n, err
			}
		case msgFile:
			if err := files.header(payload); err != nil {
				return cr.n, err
			}
		case msgFilePart:
			if err := files.add(payload); err != nil {
				return cr.n, err
			}
		case syncproto.MsgEnd:
			if err := files.end(); err != nil {
				return cr.n, err
			}
			ended = true
		default:
			return cr.n, fmt.Errorf("%w: unexpected content", ErrRefused)
		}
	}
	if _, err := br.ReadByte(); err != io.EOF {
		if errors.Is(err, ErrRefused) {
			return cr.n, err
		}
		return cr.n, fmt.Errorf("%w: data after the end", ErrRefused)
	}
	return cr.n, nil
}

// acceptWriter checks the chain of a bundle's writer. A device whose
// certificate lapsed can no longer sync, but its bundle is still the way
// its work reaches its office (issue 15): the office that issued the
// certificate accepts it if it lapsed no longer ago than recipientGrace
// and none of it is revoked, and renews it at once, so that the renewal
// travels back in the office's next bundle and the events it carries are
// vouched for by the renewed chain. Any other office refuses it, naming
// the expiry and the office that can renew it.
func (b *Bundler) acceptWriter(from trust.Chain) error {
	n := b.node
	now := n.Now()
	err := n.Verify(from)
	if err == nil {
		n.Renew(from)
		return nil
	}
	expires := from.Expires()
	if !expires.Before(now) || !b.mayRecipient(from) {
		return fmt.Errorf("%w: it was not written by a device of this province: %v", ErrRefused, err)
	}
	n.Renew(from)
	leaf := from.Leaf()
	var o store.Origin
	copy(o[:], leaf.Subject)
	if rec, ok := n.Recorded(o); ok && bytes.Equal(rec.Leaf().Subject, leaf.Subject) && n.Verify(rec) == nil {
		return nil
	}
	issuer := leaf.Path
	if len(from) > 1 {
		issuer = from[1].Path
	}
	return fmt.Errorf("%w: the certificate of the device that wrote it (office %s) expired on %s; import it at the office that issued it (%s), which renews it", ErrRefused, leaf.Office(), expires.Format(time.DateOnly), issuer)
}

// importHeld imports a bundle that is not seekable: every batch is held
// decoded until the whole file verified.
func (b *Bundler) importHeld(r io.Reader) (Stats, error) {
	var batches []syncproto.Batch
	var parts []fileproto.Part
	files := &fileReader{part: func(_ fileproto.Want, p fileproto.Part) error {
		p.Data = bytes.Clone(p.Data)
		parts = append(parts, p)
		return nil
	}}
	n, err := b.read(r, func(bt syncproto.Batch) error {
		batches = append(batches, bt)
		return nil
	}, files)
	if err != nil {
		return Stats{}, err
	}
	// Everything checks: import, batch by batch (each is atomic and checks
	// its origins' certificates again). What is not imported is said, by
	// reason and subject (the reply and the screen show it), and decided
	// before anything is stored.
	im := b.newImport(n)
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
	sizes := map[store.BlobID]int64{}
	for _, w := range files.files {
		sizes[w.ID] = w.Size
	}
	for _, p := range parts {
		if err := im.storePart(fileproto.Want{ID: p.ID, Size: sizes[p.ID]}, p); err != nil {
			return im.stats, err
		}
	}
	return im.stats, im.completeFiles(files.files)
}

// storePart stores one part of a file the bundle carries (checked whole
// while the bundle was verified).
func (im *bundleImport) storePart(w fileproto.Want, p fileproto.Part) error {
	if err := im.node.Store().PutBlobPart(w.ID, w.Size, p.Part, p.Data); err != nil {
		return fmt.Errorf("storing a file of the bundle: %w", err)
	}
	return nil
}

// completeFiles marks the bundle's files complete once all their parts
// are stored.
func (im *bundleImport) completeFiles(files []fileproto.Want) error {
	for _, w := range files {
		if err := im.node.Store().CompleteBlob(w.ID, w.Size); err != nil {
			return fmt.Errorf("%w: storing file %s: %v", ErrRefused, w.ID, err)
		}
		im.stats.Files++
		im.stats.FileBytes += w.Size
	}
	return nil
}

// bundleImport decides what of a verified bundle this office keeps, and
// commits it. A bundle may have been written for another office: keep
// only what this office may see, and do not take its marks, which vouch
// for that office's view.
type bundleImport struct {
	node      Node
	own       syncproto.Scope
	addressed map[string][]string
	skip      skipped
	stats     Stats
}

// newImport starts the import of a verified bundle of n bytes.
func (b *Bundler) newImport(n int64) *bundleImport {
	return &bundleImport{node: b.node, own: syncproto.NewScope(b.node.Chain().Leaf().Path, b.node), addressed: map[string][]string{}, stats: Stats{Bytes: n}}
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
	n := im.node
	checked := bt
	if err := syncproto.CheckOrigins(n, &checked); err != nil {
		return bt, fmt.Errorf("%w: %v", ErrRefused, err)
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
		known, err := n.Store().Audience(e.Subject)
		if err != nil {
			return bt, fmt.Errorf("reading the audience of %s: %w", e.Subject, err)
		}
		ownerPath, ok := paths[e.Origin]
		if !ok {
			if ch, known := n.ChainOf(e.Origin); known {
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
		im.node.Logf("sync: bundle: %d events of %d subjects not imported (%s), first %v", r.Events, r.Subjects, r.Reason, r.Listed)
	}
}

// commit stores a kept batch.
func (im *bundleImport) commit(bt syncproto.Batch) error {
	added, err := syncproto.Commit(im.node, bt)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrRefused, err)
	}
	im.stats.Events += len(bt.Events)
	im.stats.Added += added
	return nil
}
