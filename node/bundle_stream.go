package node

import (
	"errors"
	"io"

	"hoso/app"
	"hoso/p2p/bundle"
)

// ImportBundleFrom imports a bundle file whole, or refuses it, in memory
// bounded whatever the file's size (p2p.Syncer.ImportBundleProgress).
func (e *SyncEngine) ImportBundleFrom(r io.ReadSeeker, progress func(app.BundleProgress)) (app.BundleResult, error) {
	e.mu.Lock()
	s, err := e.syncerLocked()
	e.mu.Unlock()
	if err != nil {
		return app.BundleResult{}, err
	}
	if progress == nil {
		progress = func(app.BundleProgress) {}
	}
	st, err := s.ImportBundleProgress(r, func(p bundle.Progress) {
		progress(app.BundleProgress{Phase: p.Phase, Bytes: p.Bytes, Events: p.Events})
	})
	if err != nil {
		return app.BundleResult{}, bundleError(err)
	}
	return importResult(st), nil
}

// ExportBundleTo writes a bundle for a peer, or of everything when peer is
// empty, to w.
func (e *SyncEngine) ExportBundleTo(w io.Writer, peerID string) (app.BundleResult, error) {
	return e.exportBundle(w, peerID, false)
}

// ExportBundleFilesTo is ExportBundleTo of a bundle that also carries the
// files its records name which the peer may see.
func (e *SyncEngine) ExportBundleFilesTo(w io.Writer, peerID string) (app.BundleResult, error) {
	return e.exportBundle(w, peerID, true)
}

// bundleError maps a bundle refused to its code.
func bundleError(err error) error {
	switch {
	case errors.Is(err, bundle.ErrPlain):
		return &app.Error{Code: app.CodeBundleUnencrypted, Message: err.Error(), Err: err}
	case errors.Is(err, bundle.ErrNotAddressed):
		return &app.Error{Code: app.CodeBundleNotAddressed, Message: err.Error(), Err: err}
	case errors.Is(err, bundle.ErrRefused):
		return &app.Error{Code: app.CodeBundleRejected, Message: err.Error(), Err: err}
	}
	return app.Wrap(app.CodeInternal, err, "importing the bundle")
}
