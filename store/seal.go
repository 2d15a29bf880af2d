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

// A Seal is an origin's one signature over a run of its own events: the
// events of that origin in a batch, in the batch's order. A node that
// serves its own events seals each batch, and the receiver checks one
// signature and a hash of the run instead of one signature per event —
// most of the cost of receiving, since an Ed25519 check costs ~100 µs on a
// desk PC and a batch holds up to a thousand events.
//
// A seal covers each event's ID (the hash of its unsigned bytes) and its
// signature, so it vouches for the exact bytes stored. It adds nothing to
// the log: events keep their own signatures, and a node that forwards
// events it did not write sends them unsealed, to be checked one by one.
type Seal struct {
	Origin Origin
	Sig    [SignatureLen]byte
}

// sealContext separates seal signatures from event signatures.
var sealContext = []byte("hoso-seal-v1\x00")

// ErrBadSeal means a seal does not match its origin's events in the batch.
var ErrBadSeal = errors.New("store: bad seal")

// sealDigest is what a seal signs: the origin, the number of its events in
// the batch and each one's ID and signature, in order.
func sealDigest(o Origin, events []*Event) []byte {
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
	return append(slices.Clip(sealContext), h.Sum(nil)...)
}

// Seal signs this node's own events among events, in their order; ok is
// false when there are none (or the store cannot sign).
func (s *Store) Seal(events []*Event) (seal Seal, ok bool) {
	if s.signer == nil || !slices.ContainsFunc(events, func(e *Event) bool { return e.Origin == s.self }) {
		return Seal{}, false
	}
	seal.Origin = s.self
	copy(seal.Sig[:], ed25519.Sign(s.signer, sealDigest(s.self, events)))
	return seal, true
}

// VerifySeals checks each seal against its origin's events in the batch
// and marks those events as verified, so Ingest does not check their
// signatures one by one. A seal that does not verify, or a second seal
// for one origin, refuses the whole batch: the sender is faulty.
func VerifySeals(events []*Event, seals []Seal) error {
	seen := map[Origin]bool{}
	for _, sl := range seals {
		if seen[sl.Origin] {
			return fmt.Errorf("%w: two seals for %s", ErrBadSeal, sl.Origin)
		}
		seen[sl.Origin] = true
		if !ed25519consensus.Verify(sl.Origin[:], sealDigest(sl.Origin, events), sl.Sig[:]) {
			return fmt.Errorf("%w: for %s", ErrBadSeal, sl.Origin)
		}
	}
	for _, e := range events {
		if seen[e.Origin] {
			e.verified = true
		}
	}
	return nil
}
