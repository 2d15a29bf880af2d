// Package trust holds the certificates that bind a device (its libp2p peer
// ID, an Ed25519 key) to an office and a role, chained to the province's
// root key. A certificate is small and canonical, so that it travels as a
// file or as text in a QR code; a chain verifies without the network.
package trust

import (
	"bytes"
	"crypto/ed25519"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Role is what a certificate allows a device to be.
type Role byte

// The roles. The root is the province's own key; districts and communes
// are offices that may enrol the offices and desks below them; a desk is
// an extra device of an office, which enrols no one.
const (
	RoleRoot     Role = 1
	RoleDistrict Role = 2
	RoleCommune  Role = 3
	RoleDesk     Role = 4
)

// ParseRole reads a role's name.
func ParseRole(s string) (Role, error) {
	for r := RoleRoot; r <= RoleDesk; r++ {
		if r.String() == s {
			return r, nil
		}
	}
	return 0, fmt.Errorf("%w: unknown role %q (root, district, commune, desk)", ErrInvalid, s)
}

// String names the role.
func (r Role) String() string {
	switch r {
	case RoleRoot:
		return "root"
	case RoleDistrict:
		return "district"
	case RoleCommune:
		return "commune"
	case RoleDesk:
		return "desk"
	}
	return fmt.Sprintf("role(%d)", byte(r))
}

// Errors of certificates and chains.
var (
	// ErrInvalid means bytes that are not a certificate or chain.
	ErrInvalid = errors.New("trust: not a valid certificate")
	// ErrUntrusted means a chain that does not verify against the root.
	ErrUntrusted = errors.New("trust: certificate not trusted")
	// ErrExpired means a certificate outside its validity.
	ErrExpired = errors.New("trust: certificate expired or not yet valid")
	// ErrRevoked means a revoked device.
	ErrRevoked = errors.New("trust: device revoked")
)

// Cert binds Subject to Office (whose place in the tree is Path) and Role,
// from NotBefore to NotAfter, signed by Issuer.
type Cert struct {
	Subject ed25519.PublicKey
	Issuer  ed25519.PublicKey
	Role    Role
	// Path is the office's place in the tree, root first: "38/405/38001".
	// Its last element is the office.
	Path      string
	NotBefore time.Time
	NotAfter  time.Time
	Serial    uint64
	Sig       []byte
}

// Office returns the office the certificate is for: the last element of
// its path.
func (c *Cert) Office() string {
	return c.Path[strings.LastIndexByte(c.Path, '/')+1:]
}

// certVersion starts every encoded certificate.
const certVersion = 1

// sigContext is prefixed to what a certificate's signature covers, so that
// no other signed message of the system can pass for one.
const sigContext = "hoso-cert-v1\x00"

// Bounds of a decoded certificate.
const (
	maxPath   = 128
	maxChain  = 8
	maxDepth  = 8
	certFixed = 1 + 32 + 32 + 1 + 64
)

// body is the signed part: version | subject (32) | issuer (32) | role |
// uvarint len path | path | varint notBefore | varint notAfter (Unix
// seconds) | uvarint serial.
func (c *Cert) body() []byte {
	b := make([]byte, 0, 96+len(c.Path))
	b = append(b, certVersion)
	b = append(b, c.Subject...)
	b = append(b, c.Issuer...)
	b = append(b, byte(c.Role))
	b = binary.AppendUvarint(b, uint64(len(c.Path)))
	b = append(b, c.Path...)
	b = binary.AppendVarint(b, c.NotBefore.Unix())
	b = binary.AppendVarint(b, c.NotAfter.Unix())
	return binary.AppendUvarint(b, c.Serial)
}

// Encode returns the certificate's canonical bytes: the body and the
// 64-byte signature.
func (c *Cert) Encode() []byte { return append(c.body(), c.Sig...) }

// Sign sets the issuer to key's public half and signs the certificate.
func (c *Cert) Sign(key ed25519.PrivateKey) {
	c.Issuer = key.Public().(ed25519.PublicKey)
	c.Sig = ed25519.Sign(key, append([]byte(sigContext), c.body()...))
}

// checkSig verifies the signature by the certificate's issuer.
func (c *Cert) checkSig() bool {
	return len(c.Sig) == ed25519.SignatureSize && ed25519.Verify(c.Issuer, append([]byte(sigContext), c.body()...), c.Sig)
}

// DecodeCert reads one certificate; it refuses anything Encode would not
// write.
func DecodeCert(b []byte) (*Cert, error) {
	c, n, err := decodeCert(b)
	if err != nil {
		return nil, err
	}
	if n != len(b) {
		return nil, fmt.Errorf("%w: %d trailing bytes", ErrInvalid, len(b)-n)
	}
	return c, nil
}

func decodeCert(b []byte) (*Cert, int, error) {
	if len(b) < certFixed || b[0] != certVersion {
		return nil, 0, fmt.Errorf("%w: bad version or length", ErrInvalid)
	}
	c := &Cert{Subject: bytes.Clone(b[1:33]), Issuer: bytes.Clone(b[33:65]), Role: Role(b[65])}
	if c.Role < RoleRoot || c.Role > RoleDesk {
		return nil, 0, fmt.Errorf("%w: role %d", ErrInvalid, c.Role)
	}
	off := 66
	n, k := binary.Uvarint(b[off:])
	if k <= 0 || n == 0 || n > maxPath || len(b) < off+k+int(n) {
		return nil, 0, fmt.Errorf("%w: path", ErrInvalid)
	}
	off += k
	c.Path = string(b[off : off+int(n)])
	off += int(n)
	if !validPath(c.Path) {
		return nil, 0, fmt.Errorf("%w: path %q", ErrInvalid, c.Path)
	}
	nb, k := binary.Varint(b[off:])
	if k <= 0 {
		return nil, 0, fmt.Errorf("%w: not before", ErrInvalid)
	}
	off += k
	na, k := binary.Varint(b[off:])
	if k <= 0 {
		return nil, 0, fmt.Errorf("%w: not after", ErrInvalid)
	}
	off += k
	c.NotBefore, c.NotAfter = time.Unix(nb, 0).UTC(), time.Unix(na, 0).UTC()
	c.Serial, k = binary.Uvarint(b[off:])
	if k <= 0 {
		return nil, 0, fmt.Errorf("%w: serial", ErrInvalid)
	}
	off += k
	if len(b) < off+ed25519.SignatureSize {
		return nil, 0, fmt.Errorf("%w: signature", ErrInvalid)
	}
	c.Sig = bytes.Clone(b[off : off+ed25519.SignatureSize])
	off += ed25519.SignatureSize
	// Canonical: the bytes must be exactly what Encode writes.
	if !bytes.Equal(c.Encode(), b[:off]) {
		return nil, 0, fmt.Errorf("%w: not canonical", ErrInvalid)
	}
	return c, off, nil
}

// validPath reports whether p is office codes separated by "/": digits,
// no empty element, at most maxDepth elements.
func validPath(p string) bool {
	if !utf8.ValidString(p) {
		return false
	}
	parts := strings.Split(p, "/")
	if len(parts) > maxDepth {
		return false
	}
	for _, s := range parts {
		if s == "" || len(s) > 16 {
			return false
		}
		for _, r := range s {
			if r < '0' || r > '9' {
				return false
			}
		}
	}
	return true
}
