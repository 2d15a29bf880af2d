package trust

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"strings"
	"testing"
	"time"
)

func key(seed byte) ed25519.PrivateKey {
	s := make([]byte, 32)
	for i := range s {
		s[i] = seed
	}
	return ed25519.NewKeyFromSeed(s)
}

func pub(k ed25519.PrivateKey) ed25519.PublicKey { return k.Public().(ed25519.PublicKey) }

var now = time.Date(2026, 11, 28, 8, 0, 0, 0, time.UTC)

// tree returns the root chain, a district's and a commune's.
func tree(t *testing.T) (root, district, commune Chain) {
	t.Helper()
	rc, err := NewRoot(key(1), "38", now, 20)
	if err != nil {
		t.Fatal(err)
	}
	root = Chain{rc}
	district, err = Issue(key(1), root, pub(key(2)), "38/405", RoleDistrict, now, 365)
	if err != nil {
		t.Fatal(err)
	}
	commune, err = Issue(key(2), district, pub(key(3)), "38/405/38001", RoleCommune, now, 365)
	if err != nil {
		t.Fatal(err)
	}
	return root, district, commune
}

func TestChainVerify(t *testing.T) {
	root, district, commune := tree(t)
	for _, ch := range []Chain{root, district, commune} {
		if err := ch.Verify(pub(key(1)), now, nil); err != nil {
			t.Errorf("%s: %v", ch.Leaf().Path, err)
		}
	}
	desk, err := Issue(key(3), commune, pub(key(4)), "38/405/38001", RoleDesk, now, 30)
	if err != nil || desk.Verify(pub(key(1)), now, nil) != nil || desk.Leaf().Office() != "38001" {
		t.Fatalf("an extra desk: %v", err)
	}
	forged := append(Chain(nil), commune...)
	c := *forged[0]
	c.Path = "38/405/38002"
	forged[0] = &c
	tampered := append(Chain(nil), commune...)
	sig := *tampered[1]
	sig.Sig = bytes.Repeat([]byte{7}, 64)
	tampered[1] = &sig

	for _, tc := range []struct {
		name    string
		chain   Chain
		root    ed25519.PublicKey
		at      time.Time
		revoked Revoked
		want    error
	}{
		{"another province's root", commune, pub(key(9)), now, nil, ErrUntrusted},
		{"expired", commune, pub(key(1)), now.AddDate(2, 0, 0), nil, ErrExpired},
		{"not yet valid", commune, pub(key(1)), now.AddDate(0, 0, -2), nil, ErrExpired},
		{"revoked device", commune, pub(key(1)), now, func(c *Cert) bool { return bytes.Equal(c.Subject, pub(key(3))) }, ErrRevoked},
		{"revoked issuer", commune, pub(key(1)), now, func(c *Cert) bool { return bytes.Equal(c.Subject, pub(key(2))) }, ErrRevoked},
		{"office changed after signing", forged, pub(key(1)), now, nil, ErrUntrusted},
		{"forged issuer signature", tampered, pub(key(1)), now, nil, ErrUntrusted},
		{"without its root", commune[:2], pub(key(1)), now, nil, ErrUntrusted},
	} {
		if err := tc.chain.Verify(tc.root, tc.at, tc.revoked); !errors.Is(err, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, err, tc.want)
		}
	}
}

func TestIssueRules(t *testing.T) {
	root, district, commune := tree(t)
	desk, _ := Issue(key(3), commune, pub(key(4)), "38/405/38001", RoleDesk, now, 30)
	for _, tc := range []struct {
		name   string
		key    ed25519.PrivateKey
		parent Chain
		path   string
		role   Role
	}{
		{"a commune enrols a sibling", key(3), commune, "38/405/38002", RoleCommune},
		{"a district enrols another district's commune", key(2), district, "38/406/38101", RoleCommune},
		{"a desk enrols anyone", key(4), desk, "38/405/38001", RoleDesk},
		{"a second root", key(1), root, "38/405", RoleRoot},
		{"an office enrols its own office again", key(2), district, "38/405", RoleDistrict},
		{"a desk of an office below", key(2), district, "38/405/38001", RoleDesk},
		{"someone else's key", key(9), district, "38/405/38003", RoleCommune},
		{"a bad path", key(2), district, "38/405/x", RoleCommune},
	} {
		if _, err := Issue(tc.key, tc.parent, pub(key(5)), tc.path, tc.role, now, 30); err == nil {
			t.Errorf("%s: issued", tc.name)
		}
	}
}

func TestChainText(t *testing.T) {
	_, _, commune := tree(t)
	text := commune.Text()
	if len(text) > 1200 {
		t.Errorf("the text form is %d characters; a QR code holds it badly", len(text))
	}
	broken := text[:40] + "\n  " + text[40:]
	back, err := ParseText(broken)
	if err != nil || !bytes.Equal(back.Encode(), commune.Encode()) {
		t.Fatalf("text round trip: %v", err)
	}
	for _, bad := range []string{"", "HSCERT1.", "HSCERT2." + text[8:], text[:len(text)-3], strings.ToUpper(text)} {
		if _, err := ParseText(bad); err == nil {
			t.Errorf("%.20q… parsed", bad)
		}
	}
}

func FuzzDecodeChain(f *testing.F) {
	root, district, commune := tree(&testing.T{})
	for _, ch := range []Chain{root, district, commune} {
		f.Add(ch.Encode())
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		ch, err := DecodeChain(b)
		if err != nil {
			return
		}
		if !bytes.Equal(ch.Encode(), b) {
			t.Fatal("decode then encode changes the bytes")
		}
		_ = ch.Verify(pub(key(1)), now, nil)
	})
}
