package textcheck

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Finding is a string of a JSON document that is not text.
type Finding struct {
	// Path is where the string is, as the request's fields are named:
	// "applicant.fullName", "documents[2].name", "" for a document that is
	// a string itself. An object key that is not text is named by its
	// parent's path and the key quoted in ASCII ("applicant.\"\\x00\"").
	Path string
	// Key is set when the string is an object key, not a value.
	Key bool
	// Problem says what is wrong; for invalid UTF-8, Offset is the byte
	// offset of the string's first invalid byte in the document.
	Problem
}

// frame is an open object or array of the walk.
type frame struct {
	object  bool
	key     string // the object's current key
	haveKey bool   // the key was read and its value not yet
	index   int    // the array's current element
}

// ScanJSON walks the first JSON value of data and returns the first string
// (a value, or an object key) that is not text: invalid UTF-8, found on
// the raw bytes before decoding would replace it with U+FFFD, or a
// character Allowed refuses. A value is checked as the kind kind gives for
// its path (nil means Line everywhere); a key is always one Line. kind is
// asked only for a string that is not one line of text, so its cost does
// not grow with the document. A syntax error ends the walk with nothing
// found: decoding the document then reports it.
func ScanJSON(data []byte, kind func(path string) Kind) (Finding, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	var stack []frame
	prev := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return Finding{}, false
		}
		end := int(dec.InputOffset())
		raw := data[prev:end]
		start := prev
		prev = end
		var top *frame
		if len(stack) > 0 {
			top = &stack[len(stack)-1]
		}
		if top != nil && top.object && !top.haveKey {
			// A key, or the end of the object.
			if s, ok := tok.(string); ok {
				if p, bad := checkRaw(raw, start, s, Line); bad {
					return Finding{Path: keyPath(stack, s), Key: true, Problem: p}, true
				}
				top.key, top.haveKey = s, true
				continue
			}
			stack = stack[:len(stack)-1]
		} else {
			switch v := tok.(type) {
			case json.Delim:
				if v == '{' || v == '[' {
					stack = append(stack, frame{object: v == '{'})
					continue
				}
				stack = stack[:len(stack)-1] // ']'
			case string:
				if p, bad := checkRaw(raw, start, v, Line); bad {
					if p.Invalid || !allowedSomewhere(p.Rune) || kind == nil {
						return Finding{Path: pathOf(stack), Problem: p}, true
					}
					path := pathOf(stack)
					if p, bad := checkRaw(raw, start, v, kind(path)); bad {
						return Finding{Path: path, Problem: p}, true
					}
				}
			}
		}
		// A value ended: the next is its parent's next key or element.
		if len(stack) == 0 {
			return Finding{}, false
		}
		if top := &stack[len(stack)-1]; top.object {
			top.haveKey = false
		} else {
			top.index++
		}
	}
}

// allowedSomewhere reports whether r is allowed in a wider kind than Line.
func allowedSomewhere(r rune) bool {
	return r == '\n' || r == '\t' || r == '\r'
}

// checkRaw checks a string token: its raw bytes (raw, at offset start of
// the document; separators before the token are ASCII) must be valid
// UTF-8, and its decoded value s text of kind k.
func checkRaw(raw []byte, start int, s string, k Kind) (Problem, bool) {
	if !utf8.Valid(raw) {
		off := start
		for len(raw) > 0 {
			r, n := utf8.DecodeRune(raw)
			if r == utf8.RuneError && n == 1 {
				break
			}
			raw, off = raw[n:], off+n
		}
		return Problem{Invalid: true, Offset: off}, true
	}
	p, ok := Check(s, k)
	return p, !ok
}

// pathOf names the value the walk is at.
func pathOf(stack []frame) string {
	var b strings.Builder
	for _, f := range stack {
		if f.object {
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(f.key)
		} else {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(f.index))
			b.WriteByte(']')
		}
	}
	return b.String()
}

// keyPath names a key that is not text: its object's path and the key
// quoted in ASCII, so that the name itself is text.
func keyPath(stack []frame, key string) string {
	parent := pathOf(stack[:len(stack)-1])
	q := strconv.QuoteToASCII(key)
	if parent == "" {
		return q
	}
	return parent + "." + q
}
