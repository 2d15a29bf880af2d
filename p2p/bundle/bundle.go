// Package bundle is sneakernet for the sync protocol: the same signed
// batches a live pull sends (package syncproto's frames), written to a file
// for a USB stick or an e-mail, sealed to the offices entitled to it
// (seal.go, the file format), and imported whole or not at all (read.go).
//
// A bundle carries what a live pull from the writer would send the office
// it is for: the writer builds it with syncproto's Batcher, without
// acknowledgements, and the reader commits it with syncproto's Commit,
// batch by batch, after the whole file decrypted, authenticated and
// verified. The node behind both (its store, chain, trust records and
// clock) is a Node; package p2p gives its Syncer's.
//
// A bundle carries records, not the files they name (a dossier's scans,
// its electronic result, a plan's evidence: the store's blobs). The
// records arrive and the files show "not synced yet" until a live sync's
// files protocol (/hoso/files/1.0.0) fetches them; carrying the files in
// the bundle too is a follow-up of issue 20.
package bundle

import (
	"bufio"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"time"

	"hoso/p2p/syncproto"
	"hoso/store"
	"hoso/trust"
)

// plainMagic starts a bundle's plaintext, the version 1 bundle stream: the
// sync protocol's frames written to a file.
const plainMagic = "HSBUNDLE1\n"

// ErrRefused is a bundle refused whole: tampered, truncated, from another
// province or not a bundle at all. Nothing of it is imported.
var ErrRefused = errors.New("sync: bundle refused")

// Node is what bundles need from the node that writes or reads them: what
// a sync session needs, and more of the trust records.
type Node interface {
	syncproto.Local
	// Now is the clock certificates are checked against.
	Now() time.Time
	// VerifyAt checks a chain against the province's root and the
	// revocations at a given time.
	VerifyAt(ch trust.Chain, at time.Time) error
	// Devices returns the recorded chains of the devices certified for
	// the office at path (not those of the offices below it).
	Devices(path string) []trust.Chain
}

// Bundler writes and reads the bundles of one node.
type Bundler struct {
	node Node
	// key is the device's own key: it opens the bundles sealed to the
	// device. Without it no bundle imports.
	key ed25519.PrivateKey
	// files, when set, makes the bundles written carry the files their
	// records name (files.go).
	files FileSource
}

// WithFiles returns the bundler writing bundles that carry the files
// their records name, as src lists them.
func (b *Bundler) WithFiles(src FileSource) *Bundler {
	c := *b
	c.files = src
	return &c
}

// New returns the bundler of a node whose device key is key.
func New(node Node, key ed25519.PrivateKey) *Bundler {
	return &Bundler{node: node, key: key}
}

// Stats says what a bundle holds or brought.
type Stats struct {
	Events int   `json:"events"`
	Added  int   `json:"added"`
	Bytes  int64 `json:"bytes"`
	// Skipped says what of the bundle was not imported and why, one entry
	// per reason (none when everything was imported).
	Skipped []Skip `json:"skipped,omitempty"`
	// Files counts the files the bundle carries (written) or brought
	// (imported), FileBytes their bytes; FilesLeft those a written bundle
	// left out for its bound (MaxFileBytes).
	Files     int   `json:"files,omitempty"`
	FileBytes int64 `json:"fileBytes,omitempty"`
	FilesLeft int   `json:"filesLeft,omitempty"`
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

// Skip is what a bundle brought and this node did not import, for one
// reason: how many events, how many subjects, and the first of them.
type Skip struct {
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

func (k *skipped) report() []Skip {
	var out []Skip
	for _, r := range k.order {
		out = append(out, Skip{Reason: r, Events: k.events[r], Subjects: len(k.subjects[r]), Listed: k.listed[r]})
	}
	return out
}

// Export writes to w the events the office of device to may see: since
// what this node last vouched to it, or everything when since is false.
// For the node's own office (to is this node, or the zero Origin) it is
// everything it holds. The file is sealed to the devices of the offices
// entitled to it: this node's office and the peer's, and the offices above
// them. A peer whose certificate is not recorded here is trust.ErrUntrusted.
func (b *Bundler) Export(w io.Writer, to store.Origin, since bool) (Stats, error) {
	n := b.node
	var ch trust.Chain
	// The sync records name a device by its peer ID's text; "" names no
	// device, as a bundle of everything always did.
	name := ""
	if to != (store.Origin{}) {
		name = to.String()
	}
	if to == (store.Origin{}) || to == n.Store().Self() {
		ch = n.Chain()
	} else {
		known, ok := n.ChainOf(to)
		if !ok {
			return Stats{}, fmt.Errorf("%w: no certificate is recorded for %s", trust.ErrUntrusted, to)
		}
		ch = known
		// A child due for renewal receives it in this bundle.
		n.Renew(ch)
	}
	have := map[store.Origin]uint64{}
	if since {
		have = syncproto.SentMarks(n.Store(), name)
	}
	// What the recipient's office may hold, as the sync server decides
	// (syncproto.Session.Serve): a bundle carries what a live pull would
	// send.
	return b.Write(w, ch, syncproto.NewScope(ch.Leaf().Path, n), have)
}

// Write writes a bundle sealed to the offices of chain to, of the events
// past have that scope sc admits (Export's scope is to's office; a test
// writes a wider one, as an older release did).
func (b *Bundler) Write(w io.Writer, to trust.Chain, sc syncproto.Scope, have map[store.Origin]uint64) (Stats, error) {
	n := b.node
	st := n.Store()
	// Sealed to the offices entitled to it (seal.go).
	cw := &countWriter{w: w}
	sealed, err := seal(cw, b.recipients(to))
	if err != nil {
		return Stats{}, fmt.Errorf("sealing the bundle: %w", err)
	}
	bw := bufio.NewWriter(sealed)
	if _, err := bw.WriteString(plainMagic); err != nil {
		return Stats{}, fmt.Errorf("writing the bundle: %w", err)
	}
	fw := syncproto.NewWriter(bw)
	count := st.Changes()
	hello := syncproto.Hello{Chain: n.Chain().Encode(), Token: count, Changed: syncproto.Changed(st, 0)}
	if err := fw.Frame(syncproto.MsgHello, syncproto.EncodeHello(hello)); err != nil {
		return Stats{}, fmt.Errorf("writing the bundle's header: %w", err)
	}
	out := syncproto.NewBatcher(n, sc, fw)
	if err := out.Send(hello.Changed, have); err != nil {
		return Stats{}, fmt.Errorf("writing the bundle's batches: %w", err)
	}
	var stats Stats
	if b.files != nil {
		files, left, err := pickFiles(st, sc, b.files)
		if err != nil {
			return Stats{}, fmt.Errorf("choosing the bundle's files: %w", err)
		}
		if stats.FileBytes, err = writeFiles(st, fw, files); err != nil {
			return Stats{}, fmt.Errorf("writing the bundle's files: %w", err)
		}
		stats.Files, stats.FilesLeft = len(files), left
	}
	if err := fw.Frame(syncproto.MsgEnd, syncproto.EncodeUint(count)); err != nil {
		return Stats{}, fmt.Errorf("writing the bundle's end: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return Stats{}, fmt.Errorf("writing the bundle: %w", err)
	}
	if err := sealed.Close(); err != nil {
		return Stats{}, fmt.Errorf("sealing the bundle: %w", err)
	}
	stats.Events, stats.Bytes = out.Events(), cw.n
	return stats, nil
}
