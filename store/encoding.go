package store

// The event encoding, version 1. This file is its only definition.
//
// An event is signed over, and identified by, one canonical byte string:
//
//	version   1 byte     0x01
//	origin   32 bytes    Ed25519 public key of the writing device
//	seq       8 bytes    big-endian, per-origin, gapless from 1
//	hlc       8 bytes    big-endian hybrid logical clock (see hlc.go)
//	actor     string     uvarint length + UTF-8 bytes (≤ 128)
//	owner     string     (1–64)
//	audience  uvarint count (≤ 64), then that many strings (1–64 each),
//	          strictly ascending by bytes, none equal to owner
//	kind      string     (1–64)
//	subject   string     (1–256, no zero byte)
//	body      uvarint length + bytes (≤ 1 MiB)
//
// followed, in the stored and transmitted form, by
//
//	signature 64 bytes   Ed25519 over "hoso-event-v1\x00" ‖ the bytes above
//
// The event ID is SHA-256 of the bytes above (without the signature).
// Uvarints must be minimal and strings valid UTF-8 without zero bytes, so
// every event has exactly one encoding: Decode(b) re-encodes to b.
//
// A batch (sync frames, bundles) is
//
//	magic     4 bytes    "HSB1"
//	count     uvarint    (≤ MaxBatchEvents)
//	count × { uvarint length (≤ MaxEventLen) ‖ event bytes }

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/hdevalence/ed25519consensus"
)

const (
	encodingV1 byte = 0x01
	// MaxBatchEvents bounds the events in one batch.
	MaxBatchEvents = 100_000
	// MaxBatchLen bounds the bytes of one batch.
	MaxBatchLen = 256 << 20
)

var (
	signContext = []byte("hoso-event-v1\x00")
	batchMagic  = []byte("HSB1")
)

// canonicalAudience sorts and de-duplicates the audience and drops the owner,
// which is always a recipient.
func canonicalAudience(owner string, audience []string) []string {
	out := make([]string, 0, len(audience))
	for _, a := range audience {
		if a != owner {
			out = append(out, a)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// encodeUnsigned appends the canonical encoding of e without its signature.
func encodeUnsigned(b []byte, e *Event) []byte {
	b = append(b, encodingV1)
	b = append(b, e.Origin[:]...)
	b = binary.BigEndian.AppendUint64(b, e.Seq)
	b = binary.BigEndian.AppendUint64(b, uint64(e.HLC))
	b = appendString(b, e.Actor)
	b = appendString(b, e.Owner)
	b = binary.AppendUvarint(b, uint64(len(e.Audience)))
	for _, a := range e.Audience {
		b = appendString(b, a)
	}
	b = appendString(b, e.Kind)
	b = appendString(b, e.Subject)
	b = binary.AppendUvarint(b, uint64(len(e.Body)))
	return append(b, e.Body...)
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// sign stamps e's signature, ID and raw form with key.
func sign(e *Event, key ed25519.PrivateKey) {
	unsigned := encodeUnsigned(make([]byte, 0, 256+len(e.Body)), e)
	msg := append(slices.Clip(signContext), unsigned...)
	copy(e.Sig[:], ed25519.Sign(key, msg))
	e.id = sha256.Sum256(unsigned)
	e.raw = append(unsigned, e.Sig[:]...)
}

// Verify checks the event's signature against its origin. Every node
// checks signatures with the same rules (ZIP-215, as ed25519consensus
// implements them, for single and batch checks alike), so that an event
// one node accepts is never refused by another.
func (e *Event) Verify() error {
	if !ed25519consensus.Verify(e.Origin[:], e.signed(), e.Sig[:]) {
		return fmt.Errorf("%w: %s seq %d", ErrBadSignature, e.Origin, e.Seq)
	}
	return nil
}

// signed returns the message the event's signature covers.
func (e *Event) signed() []byte {
	unsigned := e.raw[:len(e.raw)-SignatureLen]
	return append(slices.Clip(signContext), unsigned...)
}

// verifyBatch checks the signatures of events together, which costs less
// than half as much per event as checking them one by one; when the batch
// fails, the events are checked one by one to name the first bad one.
func verifyBatch(events []*Event) error {
	if len(events) < 8 {
		for _, e := range events {
			if err := e.Verify(); err != nil {
				return err
			}
		}
		return nil
	}
	bv := ed25519consensus.NewPreallocatedBatchVerifier(len(events))
	for _, e := range events {
		bv.Add(e.Origin[:], e.signed(), e.Sig[:])
	}
	if bv.Verify() {
		return nil
	}
	for _, e := range events {
		if err := e.Verify(); err != nil {
			return err
		}
	}
	return nil
}

// DecodeEvent parses one event's canonical signed encoding. It checks the
// form, not the signature: call Verify. The event keeps a copy of b.
func DecodeEvent(b []byte) (*Event, error) {
	if len(b) > MaxEventLen {
		return nil, fmt.Errorf("%w: %d bytes, more than %d", ErrInvalid, len(b), MaxEventLen)
	}
	return DecodeEventOwned(bytes.Clone(b))
}

// DecodeEventOwned is DecodeEvent for bytes the caller hands over: the event
// keeps b itself (its Body is part of it), so the caller must not change b
// afterwards. A receiver decoding thousands of events a second saves a copy
// of each.
func DecodeEventOwned(b []byte) (*Event, error) {
	if len(b) > MaxEventLen {
		return nil, fmt.Errorf("%w: %d bytes, more than %d", ErrInvalid, len(b), MaxEventLen)
	}
	d := decoder{b: b}
	e := &Event{}
	if v := d.byte(); v != encodingV1 && d.err == nil {
		return nil, fmt.Errorf("%w: encoding version %d, this program reads %d", ErrInvalid, v, encodingV1)
	}
	copy(e.Origin[:], d.fixed(OriginLen))
	e.Seq = binary.BigEndian.Uint64(pad8(d.fixed(8)))
	e.HLC = HLC(binary.BigEndian.Uint64(pad8(d.fixed(8))))
	e.Actor = d.string("actor", MaxActorLen, false)
	e.Owner = d.string("owner", MaxOfficeLen, true)
	n := d.uvarint("audience count", MaxAudience)
	if n > 0 {
		e.Audience = make([]string, 0, n)
	}
	for i := uint64(0); i < n && d.err == nil; i++ {
		a := d.string("audience office", MaxOfficeLen, true)
		if d.err == nil && (a == e.Owner || (i > 0 && a <= e.Audience[i-1])) {
			d.fail("audience is not sorted, unique and without the owner")
		}
		e.Audience = append(e.Audience, a)
	}
	e.Kind = d.string("kind", MaxKindLen, true)
	e.Subject = d.string("subject", MaxSubjectLen, true)
	bodyLen := d.uvarint("body length", MaxBodyLen)
	if body := d.fixed(int(bodyLen)); body != nil {
		// Capped, so that an append to Body copies instead of writing
		// over the signature.
		e.Body = body[:len(body):len(body)]
	}
	unsignedLen := d.off
	copy(e.Sig[:], d.fixed(SignatureLen))
	if d.err == nil && d.off != len(b) {
		d.fail("trailing bytes after the signature")
	}
	if d.err != nil {
		return nil, d.err
	}
	if e.Seq == 0 {
		return nil, fmt.Errorf("%w: sequence 0", ErrInvalid)
	}
	e.raw = b
	e.id = sha256.Sum256(e.raw[:unsignedLen])
	return e, nil
}

// pad8 returns b, or eight zero bytes when a failed read returned nil.
func pad8(b []byte) []byte {
	if len(b) == 8 {
		return b
	}
	return make([]byte, 8)
}

// decoder reads the canonical encoding; the first error sticks.
type decoder struct {
	b   []byte
	off int
	err error
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: at byte %d: %s", ErrInvalid, d.off, fmt.Sprintf(format, args...))
	}
}

func (d *decoder) byte() byte {
	b := d.fixed(1)
	if b == nil {
		return 0
	}
	return b[0]
}

func (d *decoder) fixed(n int) []byte {
	if d.err != nil {
		return nil
	}
	if n < 0 || len(d.b)-d.off < n {
		d.fail("truncated")
		return nil
	}
	out := d.b[d.off : d.off+n]
	d.off += n
	return out
}

func (d *decoder) uvarint(what string, max uint64) uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b[d.off:])
	if n <= 0 {
		d.fail("bad %s", what)
		return 0
	}
	if n != uvarintLen(v) {
		d.fail("%s is not minimally encoded", what)
		return 0
	}
	if v > max {
		d.fail("%s %d exceeds %d", what, v, max)
		return 0
	}
	d.off += n
	return v
}

func (d *decoder) string(what string, max int, required bool) string {
	n := d.uvarint(what+" length", uint64(max))
	s := d.fixed(int(n))
	if d.err != nil {
		return ""
	}
	switch {
	case required && n == 0:
		d.fail("%s is empty", what)
	case !utf8.Valid(s):
		d.fail("%s is not UTF-8", what)
	case bytes.IndexByte(s, 0) >= 0:
		d.fail("%s contains a zero byte", what)
	}
	return string(s)
}

func uvarintLen(v uint64) int {
	n := 1
	for v >= 0x80 {
		v >>= 7
		n++
	}
	return n
}

// EncodeBatch writes events as one batch.
func EncodeBatch(events []*Event) []byte {
	size := len(batchMagic) + binary.MaxVarintLen64
	for _, e := range events {
		size += binary.MaxVarintLen64 + len(e.raw)
	}
	b := make([]byte, 0, size)
	b = append(b, batchMagic...)
	b = binary.AppendUvarint(b, uint64(len(events)))
	for _, e := range events {
		b = binary.AppendUvarint(b, uint64(len(e.raw)))
		b = append(b, e.raw...)
	}
	return b
}

// DecodeBatch parses a batch. Like DecodeEvent it checks form, not
// signatures.
func DecodeBatch(b []byte) ([]*Event, error) {
	if len(b) > MaxBatchLen {
		return nil, fmt.Errorf("%w: batch of %d bytes, more than %d", ErrInvalid, len(b), MaxBatchLen)
	}
	if !bytes.HasPrefix(b, batchMagic) {
		return nil, fmt.Errorf("%w: not an event batch (bad magic)", ErrInvalid)
	}
	d := decoder{b: b, off: len(batchMagic)}
	n := d.uvarint("batch count", MaxBatchEvents)
	var events []*Event
	for i := uint64(0); i < n && d.err == nil; i++ {
		l := d.uvarint("event length", MaxEventLen)
		raw := d.fixed(int(l))
		if d.err != nil {
			break
		}
		e, err := DecodeEvent(raw)
		if err != nil {
			return nil, fmt.Errorf("event %d of the batch: %w", i, err)
		}
		events = append(events, e)
	}
	if d.err == nil && d.off != len(b) {
		d.fail("trailing bytes after the batch")
	}
	if d.err != nil {
		return nil, d.err
	}
	return events, nil
}
