package print

import (
	"embed"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Template is the wording and order of one paper of a form set, kept as
// data so that a revised set or an office's own wording replaces it
// without a code change. The footer of every page names its form, its set
// and, when it differs from the set, its version, which is also recorded
// with each print.
//
// Text lines hold {field} placeholders, filled from the dossier (an empty
// value prints as dots to fill in by hand), and **…** for bold. Blocks
// draw what text cannot: the documents table, the list of missing papers,
// the hand-over table of the control sheet, the tracking book.
type Template struct {
	// Set is the form set, for example "TT01/2018" or "TT03/2025"; empty
	// in templates recorded before sets existed, which are TT01/2018.
	Set string `json:"set,omitempty"`
	// Doc is the kind of paper, one of Docs; empty in templates recorded
	// before sets existed, where Form (2018 numbering) says it.
	Doc string `json:"doc,omitempty"`
	// Form is the number the paper has in its set, "01" to "07"; empty
	// for a paper that is no form of the set (the refusal notice).
	Form string `json:"form"`
	// Version names this wording, for example "TT03/2025" or
	// "38001-2027.1"; it is recorded with each print and printed when it
	// is not the set's own.
	Version string `json:"version"`
	// Name is the paper's name in sentence case, the PDF's title.
	Name string `json:"name"`
	// Title is the title printed in capitals under the header.
	Title string `json:"title"`
	// Body is the content, line by line, in order.
	Body []Line `json:"body"`
	// Signers are the signature columns at the end (none on the control
	// sheet and the book).
	Signers []Signer `json:"signers,omitempty"`
}

// Line is one paragraph of a template's body, or one block.
type Line struct {
	// Text is the paragraph, with {field} placeholders and **bold**.
	Text string `json:"text,omitempty"`
	// Indent indents the paragraph's continuation lines, in steps of 4 mm
	// (0 to 4).
	Indent int `json:"indent,omitempty"`
	// If names a field: the line is printed only when it has a value.
	If string `json:"if,omitempty"`
	// Unless names a field: the line is printed only when it has none.
	Unless string `json:"unless,omitempty"`
	// Block names a drawn block instead of text: "documents",
	// "missing", "steps", "book", "belowQR".
	Block string `json:"block,omitempty"`
	// Columns are a table block's column headings.
	Columns []string `json:"columns,omitempty"`
}

// Signer is one signature column: a title, a hint under it and, below the
// room to sign, a name (which may be a placeholder such as {clerk}).
type Signer struct {
	Title string `json:"title"`
	Hint  string `json:"hint,omitempty"`
	Name  string `json:"name,omitempty"`
}

// The blocks a template line may draw.
const (
	// BlockDocuments is the table of documents received (the receipt);
	// its four columns are number, name, form and count.
	BlockDocuments = "documents"
	// BlockMissing lists the papers asked for (the supplement request);
	// Text is each item's line, with {n} and {item}.
	BlockMissing = "missing"
	// BlockSteps is the hand-over table of the control sheet; its four
	// columns are agency, time of hand-over, result and notes.
	BlockSteps = "steps"
	// BlockBelowQR moves the text below the QR code.
	BlockBelowQR = "belowQR"
	// BlockBook is the table of the tracking book, one row per dossier,
	// under the column headings of its set (fourteen in 2018, twelve in
	// 2025).
	BlockBook = "book"
)

// Forms lists the form numbers of Circular 01/2018, whose templates an
// office may have recorded before sets existed.
var Forms = []string{"01", "02", "03", "04", "05", "06"}

// blockColumns is how many column headings each table block takes; the
// book's depends on the set (bookLayouts).
var blockColumns = map[string]int{BlockDocuments: 4, BlockSteps: 4, BlockMissing: 0, BlockBelowQR: 0}

//go:embed templates/*.json
var templateFS embed.FS

// TemplateError is one problem of a template, with the JSON path of the
// part at fault ("body[3].text").
type TemplateError struct {
	Field   string
	Message string
}

func (e *TemplateError) Error() string { return e.Field + ": " + e.Message }

// placeholder matches a {field} placeholder.
var placeholder = regexp.MustCompile(`\{([^{}\s]+)\}`)

// Limits on a template, so that a bad one cannot make a form unprintable
// or a record huge.
const (
	maxTemplateLines = 60
	maxTemplateText  = 600
	maxVersion       = 40
)

// Validate checks a template: a known set and doc (a template without
// either is of 2018, its doc from its form number), a version, every
// placeholder and block known for that doc, the signers the doc must have,
// bold markers paired, sizes bounded. It returns every problem found,
// joined; each is a *TemplateError naming the JSON path at fault.
func (t Template) Validate() error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, &TemplateError{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	legacy := t.Set == "" && t.Doc == ""
	t = t.Normalized()
	if !knownSet(t.Set) {
		bad("set", "unknown form set %q; sets are %s", t.Set, strings.Join(SetIDs(), ", "))
	}
	fields, ok := docFields[t.Doc]
	switch {
	case legacy && !ok:
		bad("form", "unknown form %q; forms are %s", t.Form, strings.Join(Forms, ", "))
	case !ok:
		bad("doc", "unknown doc %q; docs are %s", t.Doc, strings.Join(Docs, ", "))
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	if _, err := DefaultTemplate(t.Set, t.Doc); err != nil {
		bad("doc", "set %s has no %q", t.Set, t.Doc)
		return errors.Join(errs...)
	}
	if len(t.Form) > 4 {
		bad("form", "is longer than 4 bytes")
	}
	text := func(field, s string, known []string) {
		switch {
		case !utf8.ValidString(s):
			bad(field, "is not valid UTF-8")
		case len(s) > maxTemplateText:
			bad(field, "is longer than %d bytes", maxTemplateText)
		case strings.Count(s, "**")%2 != 0:
			bad(field, "has an unpaired ** (bold marker)")
		}
		for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
			if !slices.Contains(known, m[1]) {
				bad(field, "unknown field {%s}", m[1])
			}
		}
	}
	if v := strings.TrimSpace(t.Version); v == "" || len(v) > maxVersion {
		bad("version", "must be 1 to %d characters", maxVersion)
	}
	if strings.TrimSpace(t.Title) == "" {
		bad("title", "is required")
	}
	text("title", t.Title, nil)
	text("name", t.Name, nil)
	if len(t.Body) == 0 || len(t.Body) > maxTemplateLines {
		bad("body", "must have 1 to %d lines", maxTemplateLines)
	}
	for i, l := range t.Body {
		at := fmt.Sprintf("body[%d]", i)
		if l.Indent < 0 || l.Indent > 4 {
			bad(at+".indent", "must be 0 to 4")
		}
		if l.If != "" && !slices.Contains(fields, l.If) {
			bad(at+".if", "unknown field %q", l.If)
		}
		if l.Unless != "" && !slices.Contains(fields, l.Unless) {
			bad(at+".unless", "unknown field %q", l.Unless)
		}
		if l.Block == "" {
			if strings.TrimSpace(l.Text) == "" {
				bad(at+".text", "is required on a line without a block")
			}
			text(at+".text", l.Text, fields)
			continue
		}
		if !slices.Contains(docBlocks[t.Doc], l.Block) {
			bad(at+".block", "%s has no block %q", t.Doc, l.Block)
			continue
		}
		n := blockColumns[l.Block]
		if l.Block == BlockBook {
			n = len(bookLayoutOf(t.Set).widths)
		}
		if len(l.Columns) != n {
			bad(at+".columns", "block %q takes %d column headings", l.Block, n)
		}
		for j, c := range l.Columns {
			text(fmt.Sprintf("%s.columns[%d]", at, j), c, nil)
		}
		if l.Block == BlockMissing {
			text(at+".text", l.Text, []string{"n", "item"})
		}
	}
	if need := signersNeeded(t.Set, t.Doc); len(t.Signers) < need {
		bad("signers", "%s must be signed by %d; the template has %d signature columns", t.Doc, need, len(t.Signers))
	}
	if len(t.Signers) > 3 {
		bad("signers", "at most 3 signature columns fit")
	}
	for i, s := range t.Signers {
		at := fmt.Sprintf("signers[%d]", i)
		if strings.TrimSpace(s.Title) == "" {
			bad(at+".title", "is required")
		}
		text(at+".title", s.Title, nil)
		text(at+".hint", s.Hint, nil)
		text(at+".name", s.Name, fields)
	}
	return errors.Join(errs...)
}

// fill replaces the placeholders of s with their values; an empty value
// prints as dots.
func fill(s string, values map[string]string) string {
	return placeholder.ReplaceAllStringFunc(s, func(m string) string {
		v, ok := values[m[1:len(m)-1]]
		if !ok {
			return m
		}
		return orDots(v)
	})
}

// markup splits a filled line into spans at its ** markers: plain, bold,
// plain, …
func markup(s string) []span {
	var out []span
	for i, part := range strings.Split(s, "**") {
		if part == "" {
			continue
		}
		style := ""
		if i%2 == 1 {
			style = "B"
		}
		out = append(out, span{style, part})
	}
	return out
}
