package seal

import (
	"fmt"
	"strings"
)

// Recovery keys are 160 random bits written as 32 Crockford base32
// characters in 8 groups of 4: no I, L, O or U, so nothing is mistaken for
// another character when copied by hand.
const (
	recoveryBytes = 20
	recoveryChars = 32
	recoveryGroup = 4
	crockford     = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
)

// newRecoveryKey returns a fresh recovery secret and its written form.
func newRecoveryKey() ([]byte, string) {
	secret := randomBytes(recoveryBytes)
	return secret, formatRecoveryKey(secret)
}

// formatRecoveryKey writes a 20-byte secret as "ABCD-EFGH-…" (8 groups).
func formatRecoveryKey(secret []byte) string {
	var b strings.Builder
	var acc uint64
	bits := 0
	n := 0
	for _, c := range secret {
		acc = acc<<8 | uint64(c)
		bits += 8
		for bits >= 5 {
			bits -= 5
			if n > 0 && n%recoveryGroup == 0 {
				b.WriteByte('-')
			}
			b.WriteByte(crockford[(acc>>bits)&31])
			n++
		}
	}
	return b.String()
}

// ParseRecoveryKey reads a recovery key as a person typed it: case, spaces
// and dashes do not matter, and O, I and L are read as 0, 1 and 1. A key of
// the wrong length or with a character outside the alphabet is
// ErrWrongSecret, with the reason.
func ParseRecoveryKey(s string) ([]byte, error) {
	var acc uint64
	bits := 0
	n := 0
	out := make([]byte, 0, recoveryBytes)
	for _, r := range strings.ToUpper(s) {
		switch r {
		case ' ', '-', '\t', '\n', '\r', '\u00a0':
			continue
		case 'O':
			r = '0'
		case 'I', 'L':
			r = '1'
		}
		v := strings.IndexRune(crockford, r)
		if v < 0 {
			return nil, fmt.Errorf("recovery key: character %q is not used in recovery keys: %w", r, ErrWrongSecret)
		}
		n++
		if n > recoveryChars {
			continue
		}
		acc = acc<<5 | uint64(v)
		bits += 5
		if bits >= 8 {
			bits -= 8
			out = append(out, byte(acc>>bits))
		}
	}
	if n != recoveryChars {
		return nil, fmt.Errorf("recovery key: %d characters, want %d (8 groups of 4): %w", n, recoveryChars, ErrWrongSecret)
	}
	return out, nil
}
