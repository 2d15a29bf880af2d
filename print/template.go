package print

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Template is the wording and order of one form, kept as data so that a
// revised form set (Decree 118/2025 is changing Circular 01/2018's) or an
// office's own wording replaces it without a code change. The version is
// printed at the foot of every page and recorded with each print.
//
// Text lines hold {field} placeholders, filled from the dossier (an empty
// value prints as dots to fill in by hand), and **…** for bold. Blocks
// draw what text cannot: the documents table, the list of missing papers,
// the hand-over table of Form 05.
type Template struct {
	// Form is the form's number, "01" to "06".
	Form string `json:"form"`
	// Version names this wording, for example "TT01/2018" or
	// "38001-2027.1"; it is printed and recorded with each print.
	Version string `json:"version"`
	// Name is the form's name in sentence case, the PDF's title.
	Name string `json:"name"`
	// Title is the title printed in capitals under the header.
	Title string `json:"title"`
	// Body is the form's content, line by line, in order.
	Body []Line `json:"body"`
	// Signers are the signature columns at the end (none on Form 06).
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
	// Block names a drawn block instead of text: "documents",
	// "missing", "steps", "book", "belowQR".
	Block string `json:"block,omitempty"`
	// Columns are a table block's column headings.
	Columns []string `json:"columns,omitempty"`
}

// Signer is one signature column.
type Signer struct {
	Title string `json:"title"`
	Hint  string `json:"hint,omitempty"`
}

// The blocks a template line may draw.
const (
	// BlockDocuments is the table of documents received (Form 01); its
	// four columns are number, name, form and count.
	BlockDocuments = "documents"
	// BlockMissing lists the papers asked for (Form 02); Text is each
	// item's line, with {n} and {item}.
	BlockMissing = "missing"
	// BlockSteps is the hand-over table of Form 05; its four columns are
	// agency, time of hand-over, result and notes.
	BlockSteps = "steps"
	// BlockBelowQR moves the text below the QR code.
	BlockBelowQR = "belowQR"
	// BlockBook is the table of Form 06, one row per dossier, under its
	// fourteen column headings.
	BlockBook = "book"
)

// Forms lists the form numbers this package prints.
var Forms = []string{"01", "02", "03", "04", "05", "06"}

// blockColumns is how many column headings each table block takes.
var blockColumns = map[string]int{BlockDocuments: 4, BlockSteps: 4, BlockMissing: 0, BlockBelowQR: 0, BlockBook: 14}

// formBlocks are the blocks each form can draw.
var formBlocks = map[string][]string{
	"01": {BlockDocuments, BlockBelowQR},
	"02": {BlockMissing, BlockBelowQR},
	"03": {BlockBelowQR},
	"04": {BlockBelowQR},
	"05": {BlockSteps, BlockBelowQR},
	"06": {BlockBook},
}

//go:embed templates/*.json
var templateFS embed.FS

// defaultSet is the file of the built-in templates.
const defaultSet = "templates/tt01-2018.json"

// TemplateSet is a file of templates, one per form.
type TemplateSet struct {
	Forms []Template `json:"forms"`
}

// DefaultTemplate returns the built-in template of form (Circular
// 01/2018/TT-VPCP).
func DefaultTemplate(form string) (Template, error) {
	b, err := templateFS.ReadFile(defaultSet)
	if err != nil {
		return Template{}, fmt.Errorf("print: reading the built-in templates: %w", err)
	}
	var set TemplateSet
	if err := json.Unmarshal(b, &set); err != nil {
		return Template{}, fmt.Errorf("print: decoding the built-in templates: %w", err)
	}
	for _, t := range set.Forms {
		if t.Form == form {
			return t, nil
		}
	}
	return Template{}, fmt.Errorf("print: no built-in template for form %q", form)
}

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

// Validate checks a template: a known form, a version, every placeholder
// and block known for that form, bold markers paired, sizes bounded. It
// returns every problem found, joined.
func (t Template) Validate() error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, &TemplateError{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	fields, ok := formFields[t.Form]
	if !ok {
		bad("form", "unknown form %q; forms are %s", t.Form, strings.Join(Forms, ", "))
		return errors.Join(errs...)
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
		if l.Block == "" {
			if strings.TrimSpace(l.Text) == "" {
				bad(at+".text", "is required on a line without a block")
			}
			text(at+".text", l.Text, fields)
			continue
		}
		if !slices.Contains(formBlocks[t.Form], l.Block) {
			bad(at+".block", "form %s has no block %q", t.Form, l.Block)
			continue
		}
		if n := blockColumns[l.Block]; len(l.Columns) != n {
			bad(at+".columns", "block %q takes %d column headings", l.Block, n)
		}
		for j, c := range l.Columns {
			text(fmt.Sprintf("%s.columns[%d]", at, j), c, nil)
		}
		if l.Block == BlockMissing {
			text(at+".text", l.Text, []string{"n", "item"})
		}
	}
	if len(t.Signers) > 3 {
		bad("signers", "at most 3 signature columns fit")
	}
	for i, s := range t.Signers {
		text(fmt.Sprintf("signers[%d].title", i), s.Title, nil)
		text(fmt.Sprintf("signers[%d].hint", i), s.Hint, nil)
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
