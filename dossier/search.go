package dossier

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// FoldName folds a name for accent-insensitive Vietnamese search: it
// decomposes the text (NFD), drops the combining marks (the tones and the
// marks of â, ă, ê, ô, ơ, ư), turns đ and Đ into d, lower-cases it, treats
// every run of characters that are not letters or digits as one space and
// trims the ends. "Nguyễn Thị Hồng" and "NGUYEN  thi hong" both fold to
// "nguyen thi hong". (The package's Fold folds events; this folds text.)
func FoldName(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// NameMatches reports whether query, folded, is a prefix of the folded name
// or of one of its words onwards: "hong", "thi h" and "nguyen thi hong" all
// match "Nguyễn Thị Hồng". An empty query matches everything.
func NameMatches(name, query string) bool {
	q := FoldName(query)
	for _, suffix := range nameSuffixes(FoldName(name)) {
		if strings.HasPrefix(suffix, q) {
			return true
		}
	}
	return q == ""
}

// nameSuffixes returns the folded name from each of its words onwards:
// "nguyen thi hong", "thi hong", "hong".
func nameSuffixes(folded string) []string {
	var out []string
	for rest := folded; rest != ""; {
		out = append(out, rest)
		_, after, found := strings.Cut(rest, " ")
		if !found {
			break
		}
		rest = after
	}
	return out
}
