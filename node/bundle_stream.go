package node

import (
	"errors"
	"io"

	"github.com/libp2p/go-libp2p/core/peer"

	"hoso/app"
	"hoso/p2p/bundle"
	"hoso/trust"
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
	e.mu.Lock()
	s, err := e.syncerLocked()
	e.mu.Unlock()
	if err != nil {
		return app.BundleResult{}, err
	}
	var to peer.ID
	since := false
	if peerID != "" {
		if to, err = peer.Decode(peerID); err != nil {
			return app.BundleResult{}, &app.Error{Code: app.CodeInvalidInput, Field: "peer", Message: "not a peer ID", Err: err}
		}
		since = true
	}
	st, err := s.ExportBundle(w, to, since)
	if err != nil {
		if errors.Is(err, trust.ErrUntrusted) {
			return app.BundleResult{}, &app.Error{Code: app.CodeNotFound, Field: "peer", Message: err.Error(), Err: err}
		}
		return app.BundleResult{}, app.Wrap(app.CodeInternal, err, "writing the bundle")
	}
	return app.BundleResult{Events: st.Events, Bytes: st.Bytes}, nil
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
