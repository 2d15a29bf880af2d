package trust

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"strings"
	"time"
)

// Chain is a device's certificate first, then each issuer's up to the
// root's, which signs itself.
type Chain []*Cert

// Leaf returns the device's own certificate.
func (ch Chain) Leaf() *Cert { return ch[0] }

// Root returns the root certificate.
func (ch Chain) Root() *Cert { return ch[len(ch)-1] }

// Expires is when the chain stops verifying: the earliest expiry of its
// certificates (a child's chain carries its issuers' certificates as they
// were when it was issued, so a renewal also refreshes those).
func (ch Chain) Expires() time.Time {
	t := ch.Leaf().NotAfter
	for _, c := range ch[1:] {
		if c.NotAfter.Before(t) {
			t = c.NotAfter
		}
	}
	return t
}

// Encode writes the chain: uvarint count, then each certificate.
func (ch Chain) Encode() []byte {
	b := binary.AppendUvarint(nil, uint64(len(ch)))
	for _, c := range ch {
		b = append(b, c.Encode()...)
	}
	return b
}

// DecodeChain reads an encoded chain.
func DecodeChain(b []byte) (Chain, error) {
	n, k := binary.Uvarint(b)
	if k <= 0 || n == 0 || n > maxChain {
		return nil, fmt.Errorf("%w: chain length", ErrInvalid)
	}
	off := k
	ch := make(Chain, 0, n)
	for range n {
		c, used, err := decodeCert(b[off:])
		if err != nil {
			return nil, err
		}
		ch = append(ch, c)
		off += used
	}
	if off != len(b) {
		return nil, fmt.Errorf("%w: %d trailing bytes", ErrInvalid, len(b)-off)
	}
	return ch, nil
}

// textPrefix starts the text form of a chain.
const textPrefix = "HSCERT1."

// Text returns the chain as text for a file, an e-mail or a QR code.
func (ch Chain) Text() string {
	return textPrefix + base64.RawURLEncoding.EncodeToString(ch.Encode())
}

// ParseText reads the text form, ignoring white space around and inside
// (a QR scanner or an e-mail may break it into lines).
func ParseText(s string) (Chain, error) {
	s = strings.Join(strings.Fields(s), "")
	if !strings.HasPrefix(s, textPrefix) {
		return nil, fmt.Errorf("%w: the text does not start with %s", ErrInvalid, textPrefix)
	}
	b, err := base64.RawURLEncoding.DecodeString(s[len(textPrefix):])
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	return DecodeChain(b)
}

// Revoked tells whether the device a certificate names was revoked by an
// office entitled to: the certificate's path says which offices are.
type Revoked func(c *Cert) bool

// Verify checks the chain at now against the root key: every certificate
// signed by the next one's subject, the last one by the root itself, all
// valid at now and none revoked; each issuer may only enrol offices below
// its own (or, for an office, its own extra desks), and desks enrol no one.
func (ch Chain) Verify(root ed25519.PublicKey, now time.Time, revoked Revoked) error {
	if len(ch) == 0 || len(ch) > maxChain {
		return fmt.Errorf("%w: empty or too long chain", ErrUntrusted)
	}
	r := ch.Root()
	if r.Role != RoleRoot || !bytes.Equal(r.Subject, root) || !bytes.Equal(r.Issuer, root) || strings.Contains(r.Path, "/") {
		return fmt.Errorf("%w: the chain does not end at this province's root", ErrUntrusted)
	}
	for i, c := range ch {
		if !c.checkSig() {
			return fmt.Errorf("%w: bad signature on certificate %d", ErrUntrusted, i)
		}
		if now.Before(c.NotBefore) || now.After(c.NotAfter) {
			return fmt.Errorf("%w: certificate for %s valid %s to %s", ErrExpired, c.Office(), c.NotBefore.Format(time.DateOnly), c.NotAfter.Format(time.DateOnly))
		}
		if revoked != nil && revoked(c) {
			return fmt.Errorf("%w: the device of %s", ErrRevoked, c.Office())
		}
		if i == len(ch)-1 {
			break
		}
		parent := ch[i+1]
		if !bytes.Equal(c.Issuer, parent.Subject) {
			return fmt.Errorf("%w: certificate %d is not issued by the next one", ErrUntrusted, i)
		}
		if err := mayIssue(parent, c); err != nil {
			return err
		}
	}
	return nil
}

// mayIssue checks that parent may enrol child.
func mayIssue(parent, child *Cert) error {
	switch {
	case parent.Role == RoleDesk:
		return fmt.Errorf("%w: a desk enrols no one", ErrUntrusted)
	case child.Role == RoleRoot:
		return fmt.Errorf("%w: only the province holds the root", ErrUntrusted)
	case child.Path == parent.Path:
		if child.Role != RoleDesk {
			return fmt.Errorf("%w: an office enrols only extra desks of its own", ErrUntrusted)
		}
	case !strings.HasPrefix(child.Path, parent.Path+"/"):
		return fmt.Errorf("%w: %s is not below %s", ErrUntrusted, child.Path, parent.Path)
	case child.Role == RoleDesk:
		return fmt.Errorf("%w: a desk belongs to an office's own path", ErrUntrusted)
	}
	return nil
}

// NewRoot makes the province's root certificate for key, valid for the
// given years.
func NewRoot(key ed25519.PrivateKey, province string, now time.Time, years int) (*Cert, error) {
	if !validPath(province) || strings.Contains(province, "/") {
		return nil, fmt.Errorf("%w: province code %q", ErrInvalid, province)
	}
	c := &Cert{Subject: key.Public().(ed25519.PublicKey), Role: RoleRoot, Path: province,
		NotBefore: now.Add(-time.Hour).Truncate(time.Second), NotAfter: now.AddDate(years, 0, 0).Truncate(time.Second), Serial: uint64(now.UnixNano())}
	c.Sign(key)
	return c, nil
}

// Issue makes a certificate for subject at path with role, signed by the
// holder of issuer (whose own chain is parent), and returns the subject's
// chain. It checks what Verify will check, so a bad enrolment fails here.
func Issue(issuer ed25519.PrivateKey, parent Chain, subject ed25519.PublicKey, path string, role Role, now time.Time, days int) (Chain, error) {
	if !validPath(path) {
		return nil, fmt.Errorf("%w: office path %q", ErrInvalid, path)
	}
	if len(subject) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("%w: the device key", ErrInvalid)
	}
	if days <= 0 || days > 3660 {
		return nil, fmt.Errorf("%w: validity must be 1 to 3660 days", ErrInvalid)
	}
	c := &Cert{Subject: subject, Role: role, Path: path, NotBefore: now.Add(-time.Hour).Truncate(time.Second),
		NotAfter: now.AddDate(0, 0, days).Truncate(time.Second), Serial: uint64(now.UnixNano())}
	if !bytes.Equal(issuer.Public().(ed25519.PublicKey), parent.Leaf().Subject) {
		return nil, fmt.Errorf("%w: the issuing key is not the parent chain's device", ErrUntrusted)
	}
	if err := mayIssue(parent.Leaf(), c); err != nil {
		return nil, err
	}
	c.Sign(issuer)
	return append(Chain{c}, parent...), nil
}
