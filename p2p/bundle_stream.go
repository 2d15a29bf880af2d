package p2p

import (
	"fmt"
	"io"

	"hoso/p2p/syncproto"
)

// MaxBundleBytes bounds a bundle file read: above it the file is refused
// as cut short.
const MaxBundleBytes = 1 << 30

// Phases of a bundle import, as BundleProgress reports them.
const (
	// PhaseVerify: the file is decrypted, authenticated and every batch
	// checked; nothing is stored yet.
	PhaseVerify = "verify"
	// PhaseImport: the file verified whole and is read again, batch by
	// batch, into the store.
	PhaseImport = "import"
)

// BundleProgress is how far an import has gone: the phase, the bytes of
// the file read in it and the events checked or committed in it.
type BundleProgress struct {
	Phase  string `json:"phase"`
	Bytes  int64  `json:"bytes"`
	Events int    `json:"events"`
}

// ImportBundleProgress imports a bundle whole, or nothing, as ImportBundle
// does, and calls progress (when not nil) after each batch. A reader that
// can seek (a file) is read twice so that memory stays bounded by a batch,
// whatever the file's size: once to decrypt and verify it all (every
// frame, seal, signature and certificate), then from its start to commit
// it batch by batch. The second reading authenticates the file again, so a
// file changed between the two is refused from where it changed on. Any
// other reader is held decoded until verified.
func (s *Syncer) ImportBundleProgress(r io.Reader, progress func(BundleProgress)) (BundleStats, error) {
	rs, ok := r.(io.ReadSeeker)
	if !ok {
		return s.importHeld(r)
	}
	if progress == nil {
		progress = func(BundleProgress) {}
	}
	start, err := rs.Seek(0, io.SeekCurrent)
	if err != nil {
		return s.importHeld(r)
	}
	cr := &countReader{r: rs}
	p := BundleProgress{Phase: PhaseVerify}
	im := s.newBundleImport(0)
	n, err := s.readBundle(cr, func(bt syncproto.Batch) error {
		im.address(bt)
		// The certificates are checked now, so that a bundle with an
		// unknown or revoked writer is refused before anything is stored.
		checked := bt
		if err := syncproto.CheckOrigins(local{s}, &checked); err != nil {
			return fmt.Errorf("%w: %v", ErrBundle, err)
		}
		p.Bytes, p.Events = cr.n, p.Events+len(bt.Events)
		progress(p)
		return nil
	})
	if err != nil {
		return BundleStats{}, err
	}
	if _, err := rs.Seek(start, io.SeekStart); err != nil {
		return BundleStats{}, fmt.Errorf("reading the bundle again: %w", err)
	}
	im.stats.Bytes = n
	cr = &countReader{r: rs}
	p = BundleProgress{Phase: PhaseImport}
	_, err = s.readBundle(cr, func(bt syncproto.Batch) error {
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
	})
	im.finish()
	if err != nil {
		return im.stats, err
	}
	return im.stats, nil
}
