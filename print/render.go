package print

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// itoa is strconv.Itoa, short for table code.
func itoa(n int) string { return strconv.Itoa(n) }

// template returns the template form is drawn with: custom when given,
// after checking it is for this form and valid, else the built-in one.
func (r *Renderer) template(custom *Template, form string) (Template, error) {
	if custom == nil {
		t, ok := r.defaults[form]
		if !ok {
			return Template{}, fmt.Errorf("print: no built-in template for form %s", form)
		}
		return t, nil
	}
	if custom.Form != form {
		return Template{}, fmt.Errorf("%w: the template is for form %s, not %s", ErrTemplate, custom.Form, form)
	}
	if err := custom.Validate(); err != nil {
		return Template{}, fmt.Errorf("%w: %w", ErrTemplate, err)
	}
	return *custom, nil
}

// fillSpans fills a template line: its ** markers are split first, so a
// value holding "**" prints as it is.
func fillSpans(text string, values map[string]string) []span {
	sp := markup(text)
	for i := range sp {
		sp[i].text = fill(sp[i].text, values)
	}
	return sp
}

// render draws a one-stop form of a dossier from its template: the header,
// the date line dated, the title, the body line by line and the signers.
func (r *Renderer) render(w io.Writer, d Doc, form string, dated time.Time) error {
	if w == nil {
		return errNoWriter
	}
	t, err := r.template(d.Template, form)
	if err != nil {
		return err
	}
	f, err := r.start(d, t, dated)
	if err != nil {
		return err
	}
	values := dossierValues(d)
	for _, l := range t.Body {
		if l.If != "" && strings.TrimSpace(values[l.If]) == "" {
			continue
		}
		switch l.Block {
		case "":
			f.bw.para(float64(l.Indent)*itemIndent, fillSpans(l.Text, values)...)
		case BlockBelowQR:
			f.clearQR()
		case BlockDocuments:
			documentTable(f.pdf, l.Columns, d.Dossier.Documents)
			f.pdf.SetY(f.pdf.GetY() + 1)
		case BlockMissing:
			f.missing(l, d)
		case BlockSteps:
			f.clearQR()
			stepsTable(f.pdf, l.Columns, d)
		}
	}
	if len(t.Signers) > 0 {
		signatures(f.pdf, t.Signers...)
	}
	return f.finish(w, t.Name)
}

// missing lists the papers of the latest supplement request, one line
// each.
func (f *form) missing(l Line, d Doc) {
	var items []string
	if n := len(d.Dossier.Supplements); n > 0 {
		for _, m := range d.Dossier.Supplements[n-1].Missing {
			if strings.TrimSpace(m) != "" {
				items = append(items, m)
			}
		}
	}
	if len(items) == 0 {
		items = []string{""}
	}
	text := l.Text
	if strings.TrimSpace(text) == "" {
		text = "{n}. {item}"
	}
	for i, m := range items {
		f.bw.para(float64(l.Indent)*itemIndent, fillSpans(text, map[string]string{"n": itoa(i + 1), "item": m})...)
	}
}
