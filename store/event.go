package store

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/mr-tron/base58"
)

// Limits on an event's fields. They bound what a peer can make us store and
// decode; the encoding refuses anything larger.
const (
	MaxActorLen    = 128
	MaxOfficeLen   = 64
	MaxAudience    = 64
	MaxKindLen     = 64
	MaxSubjectLen  = 256
	MaxBodyLen     = 1 << 20
	MaxEventLen    = MaxBodyLen + 32<<10
	SignatureLen   = ed25519.SignatureSize
	OriginLen      = ed25519.PublicKeySize
	eventIDLen     = 32
	peerIDPrefixed = 6 // identity multihash + protobuf header before an Ed25519 key
)

// Errors returned at the store's boundary. Callers test them with errors.Is.
var (
	// ErrInvalid means an event or draft breaks a rule of the encoding.
	ErrInvalid = errors.New("invalid event")
	// ErrBadSignature means an event's signature does not verify: it was
	// altered after signing, or forged.
	ErrBadSignature = errors.New("event signature does not verify")
	// ErrTampered means a stored record no longer matches what was written.
	ErrTampered = errors.New("stored record was altered")
	// ErrEquivocation means an origin signed two different events with the
	// same sequence number; the second is refused.
	ErrEquivocation = errors.New("two different events with the same origin and sequence")
	// ErrReadOnly means the store was opened without a signing key.
	ErrReadOnly = errors.New("store has no signing key")
)

// Origin identifies the device that wrote an event: its Ed25519 public key,
// which is also its libp2p identity.
type Origin [OriginLen]byte

// peerIDHeader is the identity multihash (code 0x00, length 36) of a
// protobuf PublicKey{Type: Ed25519, Data: <32 bytes>}: how libp2p spells an
// Ed25519 peer ID.
var peerIDHeader = [peerIDPrefixed]byte{0x00, 0x24, 0x08, 0x01, 0x12, 0x20}

// String returns the origin as its libp2p peer ID (12D3KooW…).
func (o Origin) String() string {
	b := make([]byte, 0, peerIDPrefixed+OriginLen)
	b = append(append(b, peerIDHeader[:]...), o[:]...)
	return base58.Encode(b)
}

// ParseOrigin reads an origin from its peer ID form.
func ParseOrigin(s string) (Origin, error) {
	var o Origin
	b, err := base58.Decode(s)
	if err != nil || len(b) != peerIDPrefixed+OriginLen || !bytes.Equal(b[:peerIDPrefixed], peerIDHeader[:]) {
		return o, fmt.Errorf("%w: %q is not an Ed25519 peer ID", ErrInvalid, s)
	}
	copy(o[:], b[peerIDPrefixed:])
	return o, nil
}

// OriginOf returns the origin of a signing key.
func OriginOf(key ed25519.PrivateKey) Origin {
	var o Origin
	copy(o[:], key.Public().(ed25519.PublicKey))
	return o
}

// EventID is the SHA-256 of an event's unsigned encoding.
type EventID [eventIDLen]byte

// String returns the ID in hex.
func (id EventID) String() string { return hex.EncodeToString(id[:]) }

// Draft is what a service writes; the store stamps origin, sequence and
// clock, and signs it.
type Draft struct {
	// Actor is the user who acted (a user ID), or "" for the system.
	Actor string
	// Owner is the code of the office that owns the subject.
	Owner string
	// Audience lists the other offices that must receive the event (liên
	// thông partners); ancestors of these offices are implied.
	Audience []string
	// Kind names what happened, such as "dossier.received".
	Kind string
	// Subject names the record the event belongs to, such as
	// "dossier/38001-261127-0001".
	Subject string
	// Body is the event's content, JSON by convention.
	Body []byte
}

// Event is one signed, immutable entry of the log.
type Event struct {
	Origin   Origin
	Seq      uint64
	HLC      HLC
	Actor    string
	Owner    string
	Audience []string
	Kind     string
	Subject  string
	Body     []byte
	Sig      [SignatureLen]byte

	id  EventID
	raw []byte
	// verified is set once the event's signature, or its origin's seal
	// over the batch that brought it (VerifyBatchSigs), has been checked, so
	// Ingest does not check it again.
	verified bool
}

// ID returns the event's ID.
func (e *Event) ID() EventID { return e.id }

// Raw returns the event's canonical signed encoding. The caller must not
// modify it.
func (e *Event) Raw() []byte { return e.raw }

// Pos returns the event's place in its subject's fold order.
func (e *Event) Pos() Pos { return Pos{HLC: e.HLC, Origin: e.Origin, Seq: e.Seq} }

// validateDraft checks the fields a service controls.
func validateDraft(d *Draft) error {
	check := func(name, v string, max int, required bool) error {
		switch {
		case required && v == "":
			return fmt.Errorf("%w: %s is empty", ErrInvalid, name)
		case len(v) > max:
			return fmt.Errorf("%w: %s is longer than %d bytes", ErrInvalid, name, max)
		case !utf8.ValidString(v):
			return fmt.Errorf("%w: %s is not UTF-8", ErrInvalid, name)
		case bytes.IndexByte([]byte(v), 0) >= 0:
			return fmt.Errorf("%w: %s contains a zero byte", ErrInvalid, name)
		}
		return nil
	}
	if err := check("actor", d.Actor, MaxActorLen, false); err != nil {
		return err
	}
	if err := check("owner", d.Owner, MaxOfficeLen, true); err != nil {
		return err
	}
	if err := check("kind", d.Kind, MaxKindLen, true); err != nil {
		return err
	}
	if err := check("subject", d.Subject, MaxSubjectLen, true); err != nil {
		return err
	}
	if len(d.Audience) > MaxAudience {
		return fmt.Errorf("%w: audience has more than %d offices", ErrInvalid, MaxAudience)
	}
	for _, a := range d.Audience {
		if err := check("audience office", a, MaxOfficeLen, true); err != nil {
			return err
		}
	}
	if len(d.Body) > MaxBodyLen {
		return fmt.Errorf("%w: body is larger than %d bytes", ErrInvalid, MaxBodyLen)
	}
	return nil
}

// Offices returns the owner and the audience: every office the event is
// addressed to.
func (e *Event) Offices() []string {
	return append([]string{e.Owner}, e.Audience...)
}
