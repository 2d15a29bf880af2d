package textcheck

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestCheck(t *testing.T) {
	cases := []struct {
		name string
		s    string
		kind Kind
		char string // "" with ok: text; "" without: invalid UTF-8
		ok   bool
	}{
		{"Vietnamese", "Nguyễn Thị Hồng, thôn Đông", Line, "", true},
		{"empty", "", Line, "", true},
		{"NUL", "a\x00b", Line, "U+0000", false},
		{"ANSI escape", "\x1b[31mđỏ", Line, "U+001B", false},
		{"DEL", "a\x7f", Line, "U+007F", false},
		{"C1 NEL", "a\u0085b", Block, "U+0085", false},
		{"right-to-left override", "HTX \u202eĐông", Line, "U+202E", false},
		{"isolate", "a\u2066b", Lines, "U+2066", false},
		{"left-to-right mark", "a\u200e", Line, "U+200E", false},
		{"Arabic letter mark", "a\u061c", Block, "U+061C", false},
		{"replacement character", "a\ufffdb", Line, "U+FFFD", false},
		{"invalid UTF-8", "Thôn \xff", Line, "", false},
		{"truncated sequence", "Th\xc3", Lines, "", false},
		{"line feed on a line", "a\nb", Line, "U+000A", false},
		{"line feed in lines", "a\nb", Lines, "", true},
		{"tab in lines", "a\tb", Lines, "U+0009", false},
		{"carriage return in lines", "a\r\nb", Lines, "U+000D", false},
		{"CRLF and tab in a block", "a\tb\r\nc", Block, "", true},
		{"NUL in a block", "a\r\n\x00", Block, "U+0000", false},
		{"zero-width joiner is text", "a\u200db", Line, "", true},
	}
	for _, c := range cases {
		p, ok := Check(c.s, c.kind)
		if ok != c.ok || (!ok && p.Char() != c.char) || (!ok && p.Invalid != (c.char == "")) {
			t.Errorf("%s: Check(%q, %v) = %+v %v, want char %q ok %v", c.name, c.s, c.kind, p, ok, c.char, c.ok)
		}
		if Valid(c.s, c.kind) != c.ok {
			t.Errorf("%s: Valid disagrees with Check", c.name)
		}
	}
}

func TestScanJSON(t *testing.T) {
	lines := func(path string) Kind {
		switch path {
		case "notes":
			return Lines
		case "content":
			return Block
		}
		return Line
	}
	cases := []struct {
		name, doc, path, char string
		found, key, invalid   bool
	}{
		{"clean", `{"applicant":{"fullName":"Hồng"},"documents":[{"name":"Tờ khai"}],"sets":1,"x":null,"y":true}`, "", "", false, false, false},
		{"NUL escaped", `{"applicant":{"fullName":"a\u0000b"}}`, "applicant.fullName", "U+0000", true, false, false},
		{"ESC escaped", `{"documents":[{"name":"ok"},{"name":"ok"},{"name":"\u001b[2J"}]}`, "documents[2].name", "U+001B", true, false, false},
		{"override raw", "{\"procedure\":{\"name\":\"x\u202ey\"}}", "procedure.name", "U+202E", true, false, false},
		{"invalid UTF-8 raw", "{\"a\":\"ok\",\"b\":[\"x\",\"\xff\"]}", "b[1]", "", true, false, true},
		{"lone surrogate escaped", `{"a":"\ud800"}`, "a", "U+FFFD", true, false, false},
		{"line feed on a line", `{"name":"a\nb"}`, "name", "U+000A", true, false, false},
		{"line feed in notes", `{"notes":"a\nb"}`, "", "", false, false, false},
		{"tab in notes", `{"notes":"a\n\tb"}`, "notes", "U+0009", true, false, false},
		{"CRLF in content", `{"content":"a,b\r\nc\td"}`, "", "", false, false, false},
		{"NUL in content", `{"content":"a\r\n\u0000"}`, "content", "U+0000", true, false, false},
		{"bad key", `{"a":{"b\u0000":"x"}}`, `a."b\x00"`, "U+0000", true, true, false},
		{"root string", `"\u202e"`, "", "U+202E", true, false, false},
		{"nested arrays", `[[1,"a"],["\u0007"]]`, "[1][0]", "U+0007", true, false, false},
		{"after a nested object", `{"a":{"b":"x"},"c":"\u0000"}`, "c", "U+0000", true, false, false},
		{"trailing data is not walked", `{"a":"x"} {"b":"\u0000"}`, "", "", false, false, false},
		{"syntax error", `{"a":`, "", "", false, false, false},
		{"raw act body", `{"code":"X","action":"refused","body":{"reason":"a\u202eb"}}`, "body.reason", "U+202E", true, false, false},
	}
	for _, c := range cases {
		f, found := ScanJSON([]byte(c.doc), lines)
		if found != c.found || (found && (f.Path != c.path || f.Key != c.key || f.Invalid != c.invalid || f.Char() != c.char)) {
			t.Errorf("%s: ScanJSON(%s) = %+v %v, want path %q key %v invalid %v char %q found %v", c.name, c.doc, f, found, c.path, c.key, c.invalid, c.char, c.found)
		}
	}
	// Invalid UTF-8 is found at its byte in the document.
	doc := []byte("{\"a\":\"ab\xfe\"}")
	if f, _ := ScanJSON(doc, nil); !f.Invalid || doc[f.Offset] != 0xfe {
		t.Errorf("offset %d of %q", f.Offset, doc)
	}
}

// FuzzCheck checks the rule against its definition, rune by rune.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{"", "Nguyễn", "a\x00", "\x1b[0m", "\u202e", "\xff", "a\r\n\tb", "\ufffd", "\u2069"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, k := range []Kind{Line, Lines, Block} {
			p, ok := Check(s, k)
			want := utf8.ValidString(s)
			for _, r := range s {
				if r == utf8.RuneError || IsBidiControl(r) || unicode.Is(unicode.Bidi_Control, r) ||
					(unicode.IsControl(r) && !(r == '\n' && k != Line) && !((r == '\t' || r == '\r') && k == Block)) {
					want = false
				}
			}
			if ok != want {
				t.Fatalf("Check(%q, %v) = %v, want %v", s, k, ok, want)
			}
			if !ok && !p.Invalid && (p.Offset >= len(s) || !strings.HasPrefix(s[p.Offset:], string(p.Rune))) {
				t.Fatalf("Check(%q, %v): %+v does not point at its character", s, k, p)
			}
		}
		if Valid(s, Line) && !Valid(s, Lines) || Valid(s, Lines) && !Valid(s, Block) {
			t.Fatalf("%q: a wider kind refuses what a narrower accepts", s)
		}
	})
}

// FuzzScanJSON checks the walk against the decoder: it never panics; when
// it finds nothing in a document that decodes, every string the decoder
// gives (keys and values) is one line of text; and when it finds one, a
// string token of the document is not.
func FuzzScanJSON(f *testing.F) {
	for _, s := range []string{
		`{"a":"b"}`, `{"a":["\u0000",{"b":"\u202e"}]}`, "{\"a\":\"\xff\"}", `[1,2,{"c":null}]`, `"x"`,
		`{"a\u001b":1}`, `{"a":"\ud800"}`, `{"a":{"b":{"c":[["\n"]]}}}`, `{`, `}`, `[]]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		finding, found := ScanJSON(doc, nil)
		var v any
		dec := json.NewDecoder(bytes.NewReader(doc))
		if err := dec.Decode(&v); err != nil {
			return
		}
		bad := !utf8.Valid(doc[:dec.InputOffset()])
		walkStrings(v, func(s string) {
			if !Valid(s, Line) {
				bad = true
			}
		})
		if !found && bad {
			t.Fatalf("ScanJSON(%q) found nothing, but the decoded value %#v has a string that is not text", doc, v)
		}
		if found && !bad && !anyBadToken(doc) {
			t.Fatalf("ScanJSON(%q) = %+v, but no string of the document is bad", doc, finding)
		}
	})
}

func walkStrings(v any, f func(string)) {
	switch v := v.(type) {
	case string:
		f(v)
	case []any:
		for _, x := range v {
			walkStrings(x, f)
		}
	case map[string]any:
		for k, x := range v {
			f(k)
			walkStrings(x, f)
		}
	}
}

// anyBadToken reports whether a string token of the first value of doc
// (a key overwritten by a duplicate too) is not one line of text.
func anyBadToken(doc []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(doc))
	depth, prev := 0, 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		raw := doc[prev:dec.InputOffset()]
		prev = int(dec.InputOffset())
		switch v := tok.(type) {
		case string:
			if !utf8.Valid(raw) || !Valid(v, Line) {
				return true
			}
		case json.Delim:
			if v == '{' || v == '[' {
				depth++
			} else {
				depth--
			}
		}
		if depth == 0 {
			return false
		}
	}
}
