package p2p

import (
	"io"
	"strings"

	"github.com/libp2p/go-libp2p/core/peer"

	"hoso/p2p/bundle"
	"hoso/store"
	"hoso/trust"
)

// Bundles (sneakernet) live in package bundle; these are the Syncer's
// doors to them, naming peers as libp2p does.

// bundler returns the node's bundler: its device key opens the bundles
// sealed to it.
func (s *Syncer) bundler() *bundle.Bundler { return bundle.New(local{s}, s.key) }

// ExportBundle writes to w the events a peer's office may see: since what
// this node last vouched to the peer, or everything when since is false.
// For the node's own office (to is this node or "") it is everything it
// holds. See bundle.Bundler.Export.
func (s *Syncer) ExportBundle(w io.Writer, to peer.ID, since bool) (bundle.Stats, error) {
	var o store.Origin
	if to != "" {
		var err error
		if o, err = originOf(to); err != nil {
			return bundle.Stats{}, err
		}
	}
	return s.bundler().Export(w, o, since)
}

// ExportBundleFiles is ExportBundle of a bundle that also carries the
// files its records name which the peer's office may see (scans,
// evidence), as far as this node holds them.
func (s *Syncer) ExportBundleFiles(w io.Writer, to peer.ID, since bool) (bundle.Stats, error) {
	var o store.Origin
	if to != "" {
		var err error
		if o, err = originOf(to); err != nil {
			return bundle.Stats{}, err
		}
	}
	b := s.bundler()
	if s.files != nil {
		b = b.WithFiles(s.files)
	}
	return b.Export(w, o, since)
}

// ImportBundle reads a bundle and imports it, or nothing (see
// bundle.Bundler.Import).
func (s *Syncer) ImportBundle(r io.Reader) (bundle.Stats, error) {
	return s.bundler().Import(r, nil)
}

// ImportBundleProgress imports a bundle whole, or nothing, calling
// progress (when not nil) after each batch; a file is read twice in
// bounded memory (see bundle.Bundler.Import).
func (s *Syncer) ImportBundleProgress(r io.Reader, progress func(bundle.Progress)) (bundle.Stats, error) {
	return s.bundler().Import(r, progress)
}

// Devices returns the recorded chains of the devices the trust records
// certify for the office at path (bundle.Node): a bundle is sealed to them.
func (l local) Devices(path string) []trust.Chain {
	hits, err := l.s.st.Scan(trustProjID, pathIndex, store.ScanOptions{Prefix: []byte(path + "\x00")})
	if err != nil {
		l.s.logf("bundle: reading the devices of %s: %v", path, err)
		return nil
	}
	var out []trust.Chain
	for _, h := range hits {
		id, err := peer.Decode(strings.TrimPrefix(h.Subject, certPrefix))
		if err != nil {
			continue
		}
		if ch, ok := l.s.book.chain(id); ok {
			out = append(out, ch)
		}
	}
	return out
}
