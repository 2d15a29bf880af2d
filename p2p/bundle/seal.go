package bundle

// Sealed bundles. A bundle travels on a USB stick, and a lost stick must
// reveal nothing of the citizens' records it carries (the Law on Personal
// Data Protection, in force 1 January 2026). So a bundle file is
//
//	"HSBUNDLE2\n" | an age v1 file (filippo.io/age, age-encryption.org/v1)
//
// whose plaintext is the version 1 bundle stream unchanged: "HSBUNDLE1\n"
// and the sync protocol's frames. Import opens the age file, then reads
// and verifies every frame, chain and signature exactly as before: sealing
// hides the bundle and makes every byte count, it vouches for no event.
//
// Recipients. A bundle is sealed to the offices entitled to all of it: the
// exporting device's office and every office above it and, for a bundle
// written for a peer, the peer's office and every office above that. (What
// an office may see, every office above it may see too, and the exporter
// holds only what its own office may see.) Every device of those offices
// the exporter knows is a recipient: the devices in its own and the
// peer's certificate chains (the district device that enrolled a commune
// is in the commune's chain) and every device the trust records certify
// for one of those offices (Node.Devices; package p2p's TrustProjection indexes them by path), unless revoked
// or expired longer than recipientGrace ago. A sibling commune's device is
// never one: a commune's bundle is unreadable at the commune next door.
//
// Keys. No key is typed or distributed: a recipient is a device's Ed25519
// libp2p key, the one its certificate names, taken to its X25519 form (the
// same point in Montgomery coordinates, as age's ssh-ed25519 recipients
// and libsodium's crypto_sign_ed25519_pk_to_curve25519 do), and a device
// opens a bundle with its own identity key taken to its X25519 scalar.
// The recipients are age's native X25519 ones rather than ssh-ed25519:
// those carry a 4-byte tag of each recipient's key, which anyone holding
// the province's peer IDs could match to devices and so to an office;
// an X25519 stanza is an ephemeral share and a wrapped key, nothing else.
// The count of recipients is padded up to a multiple of recipientBucket
// with keys thrown away at once, so that the header does not tell how many
// desks an office has either. The header thus holds no office code, path
// or device identifier.
//
// Integrity. age's header is MACed and its payload is STREAM
// (ChaCha20-Poly1305 in 64 KiB chunks, the last one marked): a flipped,
// missing or added byte anywhere — the header, the nonce, any frame, the
// end frame's counter, the last byte — fails authentication, and import
// commits nothing before it read the whole file to a clean end. age does
// not say who sealed a file (anyone knowing a device's public key could
// seal one to it): the signed batches inside still do.
//
// Old bundles. A plain version 1 bundle ("HSBUNDLE1\n" first) is refused
// with ErrPlain: its content was never protected and its end was
// never authenticated, and the device that wrote it, once updated, writes
// the same content sealed. No flag accepts one: a province updates its
// devices before it relies on bundles again.

import (
	"bufio"
	"crypto/ed25519"
	"crypto/sha512"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"

	"filippo.io/age"
	"filippo.io/edwards25519"
	"hoso/trust"
)

// Sealing's constants.
const (
	// sealedMagic starts a sealed bundle file.
	sealedMagic = "HSBUNDLE2\n"
	// recipientBucket: the recipients are padded to a multiple of it.
	recipientBucket = 8
	// recipientGrace: a device whose certificate lapsed no longer ago
	// than this is still a recipient. An office that syncs only by USB
	// may not hold its parent's renewals yet; a device retired long ago
	// no longer reads what is written now.
	recipientGrace = 180 * 24 * time.Hour
)

// Errors of sealed bundles; both are ErrRefused.
var (
	// ErrPlain is a bundle of an earlier version, not encrypted.
	ErrPlain = fmt.Errorf("%w: it was written unencrypted by an earlier version; export it again from an updated device", ErrRefused)
	// ErrNotAddressed is a bundle sealed to other devices.
	ErrNotAddressed = fmt.Errorf("%w: it is not encrypted for this device (it is for other offices, or damaged)", ErrRefused)
)

// recipients returns the keys a bundle for the office of chain to is
// sealed to (see the file's comment): always this device's own key.
func (b *Bundler) recipients(to trust.Chain) []ed25519.PublicKey {
	n := b.node
	entitled := map[string]bool{}
	for _, ch := range []trust.Chain{n.Chain(), to} {
		for p := ch.Leaf().Path; ; p = p[:strings.LastIndexByte(p, '/')] {
			entitled[p] = true
			if !strings.Contains(p, "/") {
				break
			}
		}
	}
	self := n.Store().Self()
	keys := map[string]ed25519.PublicKey{string(self[:]): ed25519.PublicKey(self[:])}
	add := func(ch trust.Chain) {
		if entitled[ch.Leaf().Path] && b.mayRecipient(ch) {
			keys[string(ch.Leaf().Subject)] = ch.Leaf().Subject
		}
	}
	for _, ch := range []trust.Chain{n.Chain(), to} {
		for i := range ch {
			add(ch[i:])
		}
	}
	for p := range entitled {
		for _, ch := range n.Devices(p) {
			add(ch)
		}
	}
	out := make([]ed25519.PublicKey, 0, len(keys))
	for _, k := range keys {
		out = append(out, k)
	}
	return out
}

// mayRecipient reports whether a device's chain verifies against the root,
// none of it revoked, at the earliest of now and its certificates' ends,
// if that is no longer ago than recipientGrace.
func (b *Bundler) mayRecipient(ch trust.Chain) bool {
	now := b.node.Now()
	at := now
	if exp := ch.Expires(); exp.Before(at) {
		at = exp
	}
	return now.Sub(at) <= recipientGrace && b.node.VerifyAt(ch, at) == nil
}

// seal writes the sealed bundle's magic and age header to w and returns
// the writer of its plaintext; Close ends the file.
func seal(w io.Writer, keys []ed25519.PublicKey) (io.WriteCloser, error) {
	rs := make([]age.Recipient, 0, len(keys)+recipientBucket)
	for _, k := range keys {
		r, err := x25519Recipient(k)
		if err != nil {
			return nil, err
		}
		rs = append(rs, r)
	}
	for len(rs) == 0 || len(rs)%recipientBucket != 0 {
		id, err := age.GenerateX25519Identity()
		if err != nil {
			return nil, err
		}
		rs = append(rs, id.Recipient())
	}
	rand.Shuffle(len(rs), func(i, j int) { rs[i], rs[j] = rs[j], rs[i] })
	if _, err := io.WriteString(w, sealedMagic); err != nil {
		return nil, err
	}
	return age.Encrypt(w, rs...)
}

// Open reads a sealed bundle's magic and header from r and returns the
// reader of its plaintext, which fails unless every byte up to the file's
// end authenticates. key is this device's key. A file that is no bundle
// is ErrRefused, a plain one ErrPlain, one sealed to other devices
// ErrNotAddressed.
func Open(r io.Reader, key ed25519.PrivateKey) (io.Reader, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(len(sealedMagic))
	switch string(head) {
	case sealedMagic:
	case plainMagic:
		return nil, ErrPlain
	default:
		return nil, fmt.Errorf("%w: this is not a Hồ Sơ Một Cửa bundle", ErrRefused)
	}
	if _, err := br.Discard(len(sealedMagic)); err != nil {
		return nil, err
	}
	if key == nil {
		return nil, errors.New("opening the bundle: this node was started without its device key")
	}
	id, err := x25519Identity(key)
	if err != nil {
		return nil, fmt.Errorf("opening the bundle: %w", err)
	}
	return decrypt(br, id)
}

// decrypt reads a sealed bundle's age file, after the magic.
func decrypt(r io.Reader, id age.Identity) (io.Reader, error) {
	plain, err := age.Decrypt(r, id)
	var none *age.NoIdentityMatchError
	switch {
	case errors.As(err, &none):
		return nil, ErrNotAddressed
	case err != nil:
		return nil, fmt.Errorf("%w: the file is damaged (%v)", ErrRefused, err)
	}
	return sealedReader{plain}, nil
}

// sealedReader says what a failure of age's STREAM means: a byte of the
// file altered, or the file cut short or extended.
type sealedReader struct{ r io.Reader }

func (s sealedReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if err != nil && err != io.EOF {
		err = fmt.Errorf("%w: the file was altered, cut short or extended (%v)", ErrRefused, err)
	}
	return n, err
}

// x25519Recipient returns the age recipient of a device's Ed25519 key.
// A key of small order, which would make every recipient's share known, is
// refused.
func x25519Recipient(pub ed25519.PublicKey) (*age.X25519Recipient, error) {
	p, err := new(edwards25519.Point).SetBytes(pub)
	if err != nil {
		return nil, fmt.Errorf("device key %x is not a curve point: %w", pub, err)
	}
	if new(edwards25519.Point).MultByCofactor(p).Equal(edwards25519.NewIdentityPoint()) == 1 {
		return nil, fmt.Errorf("device key %x has a small order", pub)
	}
	return age.ParseX25519Recipient(bech32("age", p.BytesMontgomery()))
}

// x25519Identity returns the age identity of a device's Ed25519 key: the
// X25519 scalar is the first half of SHA-512 of the seed, the Ed25519
// secret scalar before clamping (X25519 clamps it the same way). It checks
// that the identity opens what x25519Recipient seals to the same device.
func x25519Identity(key ed25519.PrivateKey) (*age.X25519Identity, error) {
	if len(key) != ed25519.PrivateKeySize {
		return nil, errors.New("the device key is not an Ed25519 key")
	}
	h := sha512.Sum512(key.Seed())
	defer clear(h[:])
	id, err := age.ParseX25519Identity(strings.ToUpper(bech32("age-secret-key-", h[:32])))
	if err != nil {
		return nil, err
	}
	want, err := x25519Recipient(key.Public().(ed25519.PublicKey))
	if err != nil {
		return nil, err
	}
	if id.Recipient().String() != want.String() {
		return nil, errors.New("the device key's X25519 form does not match its public key")
	}
	return id, nil
}

// bech32 encodes data under a lower-case human-readable part (BIP 173),
// the text form age parses keys from (age's own encoder is internal; its
// parser checks the checksum, so a wrong encoding cannot pass).
func bech32(hrp string, data []byte) string {
	const charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
	var five []byte
	acc, bits := uint32(0), 0
	for _, b := range data {
		acc, bits = acc<<8|uint32(b), bits+8
		for bits >= 5 {
			bits -= 5
			five = append(five, byte(acc>>bits)&31)
		}
	}
	if bits > 0 {
		five = append(five, byte(acc<<(5-bits))&31)
	}
	values := make([]byte, 0, 2*len(hrp)+1+len(five)+6)
	for i := range len(hrp) {
		values = append(values, hrp[i]>>5)
	}
	values = append(values, 0)
	for i := range len(hrp) {
		values = append(values, hrp[i]&31)
	}
	values = append(values, five...)
	values = append(values, 0, 0, 0, 0, 0, 0)
	gen := [5]uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}
	chk := uint32(1)
	for _, v := range values {
		top := chk >> 25
		chk = (chk&0x1ffffff)<<5 ^ uint32(v)
		for i := range 5 {
			if top>>i&1 == 1 {
				chk ^= gen[i]
			}
		}
	}
	chk ^= 1
	var sb strings.Builder
	sb.WriteString(hrp)
	sb.WriteByte('1')
	for _, v := range five {
		sb.WriteByte(charset[v])
	}
	for i := range 6 {
		sb.WriteByte(charset[chk>>(5*(5-i))&31])
	}
	return sb.String()
}

// countWriter counts the bytes written through it.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// countReader counts the bytes read through it.
type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
