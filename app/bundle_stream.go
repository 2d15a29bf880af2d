package app

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Bundles travel through the RPC base64-encoded in one JSON request, which
// the console bounds; a serving node streams them instead (web's
// /bundle/import and /bundle/export). These calls take the same access
// rules as Sync.ImportBundle and Sync.ExportBundle.

// MaxBundleBytes bounds a bundle file streamed to a node (1 GiB, as the
// bundle reader does).
const MaxBundleBytes = 1 << 30

// BundleProgress is how far a streamed import has gone: the phase
// ("verify": the whole file is decrypted and checked, nothing stored yet;
// "import": it is read again and stored batch by batch), the bytes of the
// file read and the events checked or committed in that phase.
type BundleProgress struct {
	Phase  string `json:"phase"`
	Bytes  int64  `json:"bytes"`
	Events int    `json:"events"`
}

// BundleStreamer is a sync engine that reads and writes bundle files as
// streams, in memory bounded whatever their size.
type BundleStreamer interface {
	// ImportBundleFrom imports a bundle file whole, or nothing, calling
	// progress as it goes.
	ImportBundleFrom(r io.ReadSeeker, progress func(BundleProgress)) (BundleResult, error)
	// ExportBundleTo writes a bundle for a peer, or of everything when
	// peer is empty.
	ExportBundleTo(w io.Writer, peer string) (BundleResult, error)
}

// streamer returns the engine as a BundleStreamer, once the caller may
// call method.
func (s *Services) streamer(ctx context.Context, method string) (BundleStreamer, error) {
	if err := authorize(method, CallerFrom(ctx)); err != nil {
		return nil, err
	}
	e, err := s.Sync.get()
	if err != nil {
		return nil, err
	}
	bs, ok := e.(BundleStreamer)
	if !ok {
		return nil, Errorf(CodeNotReady, "this node does not stream bundles")
	}
	return bs, nil
}

// WithSession returns ctx with the caller a session token (or the
// operator) resolves to, as CallAs does.
func (s *Services) WithSession(ctx context.Context, session string, operator bool) context.Context {
	c := Caller{Operator: operator}
	if !operator && session != "" {
		c = s.Auth.caller(session)
	}
	return WithCaller(ctx, c)
}

// ImportBundleStream imports a bundle file whole or refuses it, as
// Sync.ImportBundle does, for the caller in ctx (WithSession).
func (s *Services) ImportBundleStream(ctx context.Context, r io.ReadSeeker, progress func(BundleProgress)) (BundleResult, error) {
	bs, err := s.streamer(ctx, "Sync.ImportBundle")
	if err != nil {
		return BundleResult{}, err
	}
	if progress == nil {
		progress = func(BundleProgress) {}
	}
	return bs.ImportBundleFrom(r, progress)
}

// ExportedBundle is a bundle written to a temporary file: read it, then
// Close it, which removes the file.
type ExportedBundle struct {
	BundleFile
	Size int64
	f    *os.File
}

func (b *ExportedBundle) Read(p []byte) (int, error) { return b.f.Read(p) }

// Close removes the file.
func (b *ExportedBundle) Close() error {
	err := b.f.Close()
	os.Remove(b.f.Name())
	return err
}

// ExportBundleStream writes a bundle, as Sync.ExportBundle does, for the
// caller in ctx (administrators): to a temporary file (the bundle is
// sealed), so that the export is in the access log before any byte of it
// is handed over. The caller reads it and closes it.
func (s *Services) ExportBundleStream(ctx context.Context, req BundleExportRequest) (*ExportedBundle, error) {
	bs, err := s.streamer(ctx, "Sync.ExportBundle")
	if err != nil {
		return nil, err
	}
	peer := strings.TrimSpace(req.Peer)
	if peer == "" && !req.All {
		return nil, FieldError("peer", "say which peer the bundle is for, or ask for everything")
	}
	if req.All {
		peer = ""
	}
	f, err := os.CreateTemp(s.BundleTempDir(), "hoso-export-*.hsb")
	if err != nil {
		return nil, Wrap(CodeInternal, err, "making a temporary file for the bundle")
	}
	out := &ExportedBundle{f: f}
	var res BundleResult
	if fs, ok := bs.(interface {
		ExportBundleFilesTo(w io.Writer, peer string) (BundleResult, error)
	}); ok && req.Files {
		res, err = fs.ExportBundleFilesTo(f, peer)
	} else {
		res, err = bs.ExportBundleTo(f, peer)
	}
	if err == nil {
		err = s.Sync.recordExport(ctx, bs.(SyncEngine), peer, res)
	}
	if err == nil {
		out.Size, err = f.Seek(0, io.SeekCurrent)
	}
	if err == nil {
		_, err = f.Seek(0, io.SeekStart)
	}
	if err != nil {
		out.Close()
		return nil, AsError(err)
	}
	out.BundleFile = BundleFile{Filename: s.Sync.bundleName(), BundleResult: res}
	return out, nil
}

// MayStreamBundle refuses, before any byte of a file is received, what
// ImportBundleStream or ExportBundleStream would refuse the caller in ctx
// (method: "Sync.ImportBundle" or "Sync.ExportBundle"): a caller the
// method's access rule (access.go) refuses, or a node with no sync engine.
func (s *Services) MayStreamBundle(ctx context.Context, method string) error {
	_, err := s.streamer(ctx, method)
	return err
}

// TempFolder is the data folder's folder of temporary files (streamed
// bundles). The node empties it when it opens the folder: what is there
// then was left by a process that ended without removing it.
const TempFolder = "tmp"

// BundleTempDir is where streamed bundle files wait (they are sealed): the
// data folder's tmp, on the disk the data is on and owner-only, where a
// /tmp in memory (tmpfs) would hold a whole file in RAM; the system's
// temporary folder ("") when the data folder is not there. Backups leave
// it out (they copy named files).
func (s *Services) BundleTempDir() string {
	d, err := s.Sync.core.Deps()
	if err != nil || d.DataDir == "" {
		return ""
	}
	if fi, err := os.Stat(d.DataDir); err != nil || !fi.IsDir() {
		return ""
	}
	dir := filepath.Join(d.DataDir, TempFolder)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return ""
	}
	return dir
}
