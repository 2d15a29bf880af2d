package app

import (
	"bytes"
	"context"
	"io"
	"os"
	"strings"
	"testing"
)

// streamSync is a sync engine that streams a fixed bundle.
type streamSync struct{ bundleSync }

func (streamSync) ImportBundleFrom(r io.ReadSeeker, progress func(BundleProgress)) (BundleResult, error) {
	b, _ := io.ReadAll(r)
	progress(BundleProgress{Phase: "verify", Bytes: int64(len(b)), Events: 1})
	return BundleResult{Events: 1, Added: 1, Bytes: int64(len(b))}, nil
}

func (streamSync) ExportBundleTo(w io.Writer, peer string) (BundleResult, error) {
	n, err := io.WriteString(w, "sealed bundle")
	return BundleResult{Events: 42, Bytes: int64(n)}, err
}

// A streamed bundle follows Sync.ImportBundle's and Sync.ExportBundle's
// rules: any logged-in user imports, only an administrator exports, and
// the export is in the access log before the file is read; the temporary
// file goes when closed.
func TestBundleStreamsFollowTheRPCsRules(t *testing.T) {
	s := newStaff(t)
	t.Setenv("TMPDIR", t.TempDir())
	ctx := func(session string) context.Context { return s.s.WithSession(context.Background(), session, false) }

	if _, err := s.s.ImportBundleStream(ctx(""), bytes.NewReader(nil), nil); AsError(err).Code != CodeUnauthenticated {
		t.Fatalf("an import without a session: %v", err)
	}
	s.s.Sync.engine = func() SyncEngine { return bundleSync{} }
	if err := s.s.MayStreamBundle(ctx(s.clerk), "Sync.ImportBundle"); AsError(err).Code != CodeNotReady {
		t.Fatalf("an engine that does not stream: %v", err)
	}
	s.s.Sync.engine = func() SyncEngine { return streamSync{} }
	var seen []BundleProgress
	res, err := s.s.ImportBundleStream(ctx(s.clerk), strings.NewReader("HSB"), func(p BundleProgress) { seen = append(seen, p) })
	if err != nil || res.Added != 1 || len(seen) != 1 {
		t.Fatalf("a clerk's import: %+v %v (progress %+v)", res, err, seen)
	}

	if _, err := s.s.ExportBundleStream(ctx(s.clerk), BundleExportRequest{All: true}); AsError(err).Code != CodeForbidden {
		t.Fatalf("a clerk's export: %v", err)
	}
	if _, err := s.s.ExportBundleStream(ctx(s.admin), BundleExportRequest{}); AsError(err).Code != CodeInvalidInput {
		t.Fatalf("an export for no one: %v", err)
	}
	b, err := s.s.ExportBundleStream(ctx(s.admin), BundleExportRequest{Peer: "12D3KooWpeer"})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.accessLog(t, s.leader); len(got) != 1 || got[0].Events != 42 || got[0].For != "12D3KooWpeer (38)" {
		t.Fatalf("the export is not in the access log before the file is read: %+v", got)
	}
	body, _ := io.ReadAll(b)
	if string(body) != "sealed bundle" || b.Size != int64(len(body)) || b.Events != 42 || !strings.HasSuffix(b.Filename, ".hsb") {
		t.Fatalf("exported %q, %+v", body, b.BundleFile)
	}
	b.Close()
	if left, _ := os.ReadDir(os.TempDir()); len(left) != 0 {
		t.Fatalf("the temporary file was left: %v", left)
	}
}
