// Package textcheck is the one rule of what a text sent to Hồ Sơ may hold,
// shared by the dossier rules (dossier's bad_text) and the service
// registry, which applies it to every string of every request before it
// is decoded (app/registry.go).
//
// A text is valid UTF-8 with no control character (Unicode category Cc:
// C0 including NUL, TAB, CR and LF, DEL, C1 including ESC's companions),
// no bidirectional formatting character (the embeddings and overrides
// U+202A–U+202E, the isolates U+2066–U+2069, the marks U+200E, U+200F and
// U+061C: they reorder what a reader sees, "Trojan Source") and no U+FFFD.
// A line break or a tab would break a printed line or a CSV row, an ANSI
// escape (ESC) rewrites a terminal that shows a log, and JSON decoding
// turns invalid UTF-8 (and an escaped lone surrogate) into U+FFFD, the
// replacement character, which no one types: it means the text was
// damaged on its way.
//
// Two wider kinds exist for the few texts that are not one line: Lines
// (a note typed in a text area) also holds line feeds, and Block (a file
// or a block of text pasted whole: a catalog file, an enrolment text, a
// bundle in base64) also holds tabs, carriage returns and line feeds.
package textcheck

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// Kind is what a text may hold beyond one line of plain text.
type Kind int

const (
	// Line is one line of plain text: no control character at all.
	Line Kind = iota
	// Lines is plain text on several lines: line feeds (U+000A) allowed.
	Lines
	// Block is a file or a pasted block: tabs, carriage returns and line
	// feeds allowed.
	Block
)

// String names the kind.
func (k Kind) String() string {
	switch k {
	case Line:
		return "line"
	case Lines:
		return "lines"
	case Block:
		return "block"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Problem is why a text is not text: invalid UTF-8, or the first
// character that may not be there.
type Problem struct {
	// Invalid is set when the bytes are not valid UTF-8.
	Invalid bool
	// Rune is the first character not allowed (when Invalid is not set).
	Rune rune
	// Offset is the byte offset of that character, or of the first
	// invalid byte.
	Offset int
}

// Char is the character at fault as U+XXXX, or "" for invalid UTF-8: the
// "char" parameter of a bad_text error.
func (p Problem) Char() string {
	if p.Invalid {
		return ""
	}
	return fmt.Sprintf("U+%04X", p.Rune)
}

// What says what is wrong in English, for logs and scripts: "invalid
// UTF-8" or "the character U+202E".
func (p Problem) What() string {
	if p.Invalid {
		return "invalid UTF-8"
	}
	return "the character " + p.Char()
}

// IsBidiControl reports whether r is a bidirectional formatting
// character: U+202A–U+202E, U+2066–U+2069, U+200E, U+200F or U+061C.
func IsBidiControl(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0x200E || r == 0x200F || r == 0x061C
}

// Allowed reports whether r may appear in a text of kind k.
func Allowed(r rune, k Kind) bool {
	switch {
	case r == utf8.RuneError || IsBidiControl(r):
		return false
	case !unicode.Is(unicode.Cc, r):
		return true
	case r == '\n':
		return k == Lines || k == Block
	case r == '\t' || r == '\r':
		return k == Block
	}
	return false
}

// Check reports whether s is a text of kind k, and if not, why.
func Check(s string, k Kind) (Problem, bool) {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return Problem{Invalid: true, Offset: i}, false
		}
		if !Allowed(r, k) {
			return Problem{Rune: r, Offset: i}, false
		}
		i += n
	}
	return Problem{}, true
}

// Valid reports whether s is a text of kind k.
func Valid(s string, k Kind) bool {
	_, ok := Check(s, k)
	return ok
}
