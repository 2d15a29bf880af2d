package seal

import (
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MinPassphraseLen is the fewest characters (Unicode code points after NFC
// normalisation) an office passphrase may have.
const MinPassphraseLen = 10

// CheckPassphrase reports whether p satisfies the passphrase rule, so that
// an interface can say so before calling Create or Rewrap. A failure wraps
// ErrWeakPassphrase.
func CheckPassphrase(p string) error {
	if n := utf8.RuneCountInString(normPassphrase(p)); n < MinPassphraseLen {
		return fmt.Errorf("passphrase has %d characters; it needs at least %d: %w", n, MinPassphraseLen, ErrWeakPassphrase)
	}
	return nil
}

// normPassphrase returns p in Unicode NFC, so that "Hồ Sơ" typed as
// precomposed letters (Windows, Unikey) or with combining marks (macOS,
// some Linux input methods) derives the same key.
func normPassphrase(p string) string {
	return norm.NFC.String(p)
}
