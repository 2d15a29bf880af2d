package store

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	"github.com/hdevalence/ed25519consensus"
)

// A BatchSig is an origin's one signature over a run of its own events: the
// events of that origin in a batch, in the batch's order. A node that
// serves its own events signs each batch, and the receiver checks one
// signature and a hash of the run instead of one signature per event —
// most of the cost of receiving, since an Ed25519 check costs ~100 µs on a
// desk PC and a batch holds up to a thousand events.
//
// A batch signature covers each event's ID (the hash of its unsigned
// bytes) and its signature, so it vouches for the exact bytes stored. It
// adds nothing to the log: events keep their own signatures, and a node
// that forwards events it did not write sends them without one, to be
// checked one by one.
//
// The sync protocol calls these signatures seals (p2p's Batch.Seals); the
// type is not named Seal so that it is not mistaken for package seal,
// which seals the data key.
type BatchSig struct {
	Origin Origin
	Sig    [SignatureLen]byte
}

// batchSigContext separates batch signatures from event signatures. Its
// bytes are part of what peers sign and check: they never change.
var batchSigContext = []byte("hoso-seal-v1\x00")

// ErrBadBatchSig means a batch signature does not match its origin's
// events in the batch.
var ErrBadBatchSig = errors.New("store: bad batch signature")

// batchDigest is what a batch signature signs: the origin, the number of its events in
// the batch and each one's ID and signature, in order.
func batchDigest(o Origin, events []*Event) []byte {
	h := sha256.New()
	n := 0
	for _, e := range events {
		if e.Origin == o {
			n++
		}
	}
	var buf [binary.MaxVarintLen64]byte
	h.Write(o[:])
	h.Write(binary.AppendUvarint(buf[:0], uint64(n)))
	for _, e := range events {
		if e.Origin == o {
			h.Write(e.id[:])
			h.Write(e.Sig[:])
		}
	}
	return append(slices.Clip(batchSigContext), h.Sum(nil)...)
}

// SignBatch signs this node's own events among events, in their order; ok
// is false when there are none (or the store cannot sign).
func (s *Store) SignBatch(events []*Event) (sig BatchSig, ok bool) {
	if s.signer == nil || !slices.ContainsFunc(events, func(e *Event) bool { return e.Origin == s.self }) {
		return BatchSig{}, false
	}
	sig.Origin = s.self
	copy(sig.Sig[:], ed25519.Sign(s.signer, batchDigest(s.self, events)))
	return sig, true
}

// VerifyBatchSigs checks each batch signature against its origin's events
// in the batch and marks those events as verified, so Ingest does not
// check their signatures one by one. A signature that does not verify, or
// a second one for one origin, refuses the whole batch: the sender is
// faulty.
func VerifyBatchSigs(events []*Event, sigs []BatchSig) error {
	seen := map[Origin]bool{}
	for _, sl := range sigs {
		if seen[sl.Origin] {
			return fmt.Errorf("%w: two for %s", ErrBadBatchSig, sl.Origin)
		}
		seen[sl.Origin] = true
		if !ed25519consensus.Verify(sl.Origin[:], batchDigest(sl.Origin, events), sl.Sig[:]) {
			return fmt.Errorf("%w: for %s", ErrBadBatchSig, sl.Origin)
		}
	}
	for _, e := range events {
		if seen[e.Origin] {
			e.verified = true
		}
	}
	return nil
}
