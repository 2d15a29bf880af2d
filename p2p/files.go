package p2p

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"

	"hoso/p2p/fileproto"
	"hoso/p2p/syncproto"
	"hoso/store"
)

// The files protocol (package fileproto) runs after the records: each
// pull that succeeds is followed by a fetch of the files the records here
// name and this node lacks, from the same peer, within the same daily
// budget and on the same status board. This file opens and accepts its
// libp2p streams.

// FileIndex tells the files protocol which files the records name; the
// application answers it from its projections.
type FileIndex interface {
	// Wanted lists, at most limit, the files that records this node holds
	// name and that it does not hold complete: address and size.
	Wanted(limit int) ([]fileproto.Want, error)
	// Subjects lists the subjects of the records naming a file.
	Subjects(id store.BlobID) ([]string, error)
	// Named lists every file records here name (a bundle with files
	// carries those the recipient may see).
	Named() ([]fileproto.Want, error)
}

const (
	// fetchWants bounds the files one fetch asks for: the next pull asks
	// for the rest.
	fetchWants = 64
	// noneFor is how long a peer that answered None for a file is not
	// asked for it again: it may receive it meanwhile.
	noneFor = 10 * time.Minute
)

// filesLocal is the node as the files protocol's server sees it.
type filesLocal struct {
	local
	files FileIndex
}

func (l filesLocal) Subjects(id store.BlobID) ([]string, error) { return l.files.Subjects(id) }

// peerBudget is the day's budget with one peer, spent through the status
// board as the sync protocol's bytes are (in: bytes received).
type peerBudget struct {
	s  *Syncer
	id peer.ID
	in bool
}

func (b peerBudget) Over() bool { return b.s.OverBudget(b.id) }
func (b peerBudget) Spend(n int64) {
	if b.in {
		b.s.status.progressed(b.id, n, 0)
	} else {
		b.s.status.progressed(b.id, 0, n)
	}
}

// noneSeen remembers which peer answered None for which file, until when.
type noneSeen struct {
	mu sync.Mutex
	m  map[peer.ID]map[store.BlobID]time.Time
}

func (n *noneSeen) skip(id peer.ID, f store.BlobID, now time.Time) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	return now.Before(n.m[id][f])
}

func (n *noneSeen) mark(id peer.ID, f store.BlobID, until time.Time) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.m == nil {
		n.m = map[peer.ID]map[store.BlobID]time.Time{}
	}
	if n.m[id] == nil {
		n.m[id] = map[store.BlobID]time.Time{}
	}
	n.m[id][f] = until
}

// serveFiles answers a peer's fetch of files.
func (s *Syncer) serveFiles(str network.Stream) {
	defer str.Close()
	id := str.Conn().RemotePeer()
	c := syncproto.NewConn(str, s.timing.Read)
	remote, err := originOf(id)
	if err != nil {
		_ = c.Fail(syncproto.CodeUntrusted, err)
		return
	}
	srv := &fileproto.Server{Local: filesLocal{local{s}, s.files}, Remote: remote, Budget: peerBudget{s: s, id: id}}
	if _, err := srv.Serve(c); err != nil {
		s.logf("files: serving %s: %v", id, err)
	}
}

// FetchFiles fetches from a connected peer the files the records here name
// and this node lacks (at most fetchWants, skipping those the peer lately
// said it would not give), storing each as it arrives. A peer that does
// not speak the files protocol is not an error: it has nothing to give.
func (s *Syncer) FetchFiles(ctx context.Context, id peer.ID) (fileproto.FetchStats, error) {
	if s.files == nil || s.OverBudget(id) {
		return fileproto.FetchStats{}, nil
	}
	all, err := s.files.Wanted(4 * fetchWants)
	if err != nil {
		return fileproto.FetchStats{}, fmt.Errorf("listing the files wanted: %w", err)
	}
	now := s.now()
	var wants []fileproto.Want
	for _, w := range all {
		if len(wants) < fetchWants && !s.nones.skip(id, w.ID, now) {
			wants = append(wants, w)
		}
	}
	if len(wants) == 0 {
		return fileproto.FetchStats{}, nil
	}
	str, err := s.host.NewStream(network.WithAllowLimitedConn(ctx, "hoso-files"), id, protocol.ID(fileproto.ID))
	if err != nil {
		return fileproto.FetchStats{}, nil
	}
	defer str.Close()
	if dl, ok := ctx.Deadline(); ok {
		_ = str.SetDeadline(dl)
	}
	defer context.AfterFunc(ctx, func() { _ = str.Reset() })()
	cl := &fileproto.Client{Local: local{s}, Budget: peerBudget{s: s, id: id, in: true}}
	stats, err := cl.Fetch(syncproto.NewConn(str, s.timing.Read), wants)
	for _, w := range wants {
		if _, herr := s.st.BlobSize(w.ID); herr != nil && err == nil {
			// Asked and not given: not held there, or not for this office.
			s.nones.mark(id, w.ID, now.Add(noneFor))
		}
	}
	if stats.Files > 0 {
		s.logf("files: %d files (%d bytes) from %s", stats.Files, stats.Bytes, id)
	}
	return stats, err
}
