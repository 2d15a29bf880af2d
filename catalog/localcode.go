package catalog

import (
	"crypto/sha256"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// crockford is Crockford's base32 alphabet: digits and capitals without I,
// L, O and U, so a code read aloud or copied by hand is not misread.
const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// localHashLen is the number of base32 characters of a local code's hash
// part: 30 bits, so two procedures of one sector share a code with a
// chance of about one in a million even with a thousand local procedures.
const localHashLen = 6

// LocalCode returns the local code of a procedure the national database has
// no code for: "L.", the sector's abbreviation, then a 6-character hash of
// the sector and name. The abbreviation is the initials of the sector's
// words without diacritics ("Hộ tịch" → "HT", "Đăng ký kinh doanh" →
// "DKKD"), at most 4 letters, and 2 letters of a one-word sector. The hash
// is SHA-256 of the NFC-normalised, trimmed, lower-cased sector and name,
// written in Crockford base32.
//
// The code depends on nothing but the sector and name, so it is the same on
// every computer and in every version of the catalog: adding or removing
// other procedures never renumbers this one, and importing a file in which
// the procedure has no code gives it the code Default gave it.
func LocalCode(sector, name string) string {
	sector = strings.ToLower(cleanText(sector))
	name = strings.ToLower(cleanText(name))
	sum := sha256.Sum256([]byte(sector + "\x00" + name))
	var h [localHashLen]byte
	// Take 5 bits at a time from the start of the digest.
	for i := range h {
		bit := i * 5
		v := (uint16(sum[bit/8])<<8 | uint16(sum[bit/8+1])) >> (11 - bit%8) & 31
		h[i] = crockford[v]
	}
	return "L." + sectorAbbrev(sector) + string(h[:])
}

// sectorAbbrev returns the capital ASCII initials of a sector's words, 2 to
// 4 of them; "XX" when the sector has no letters.
func sectorAbbrev(sector string) string {
	var words [][]byte
	for _, w := range strings.FieldsFunc(sector, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		var base []byte
		for _, r := range w {
			if c, ok := asciiBase(r); ok {
				base = append(base, c)
			}
		}
		if len(base) > 0 {
			words = append(words, base)
		}
	}
	var out []byte
	for _, w := range words {
		if len(out) == 4 {
			break
		}
		out = append(out, w[0])
	}
	if len(out) == 1 && len(words[0]) > 1 {
		out = append(out, words[0][1])
	}
	for len(out) < 2 {
		out = append(out, 'X')
	}
	return string(out)
}

// asciiBase returns the capital ASCII letter or digit a Vietnamese letter is
// written with once its diacritics are removed ("ệ" → 'E', "đ" → 'D').
func asciiBase(r rune) (byte, bool) {
	if r == 'đ' || r == 'Đ' {
		return 'D', true
	}
	d := []rune(norm.NFD.String(string(r)))
	c := unicode.ToUpper(d[0])
	if c < 0x80 && (unicode.IsLetter(c) || unicode.IsDigit(c)) {
		return byte(c), true
	}
	return 0, false
}
