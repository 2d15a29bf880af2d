package print

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"hoso/dossier"
)

// itoa is strconv.Itoa, short for table code.
func itoa(n int) string { return strconv.Itoa(n) }

// docSet returns the form set a dossier's paper prints with: d.Set, else
// the set fixed at reception, else the set in force when the dossier was
// received, else when the paper is printed (an incomplete intake).
func docSet(d Doc) string {
	switch {
	case d.Set != "":
		return d.Set
	case d.Dossier.FormSet != "":
		return d.Dossier.FormSet
	case !d.Dossier.ReceivedAt.IsZero():
		return SetFor(d.Dossier.ReceivedAt)
	}
	return SetFor(d.PrintedAt)
}

// template returns the template doc is drawn with: custom when given,
// after checking that it is of doc and valid, else the built-in template
// of doc in set.
func (r *Renderer) template(custom *Template, set, doc string) (Template, error) {
	if custom == nil {
		t, err := DefaultTemplate(set, doc)
		if err != nil {
			return Template{}, fmt.Errorf("%w: %w", ErrNoTemplate, err)
		}
		return t, nil
	}
	t := custom.Normalized()
	if t.Doc != doc {
		return Template{}, fmt.Errorf("%w: the template is for %q (form %s), not %q", ErrTemplate, t.Doc, t.Form, doc)
	}
	if err := t.Validate(); err != nil {
		return Template{}, fmt.Errorf("%w: %w", ErrTemplate, err)
	}
	return t, nil
}

// ErrNoTemplate is returned when the form set has no paper of the doc
// asked for (the 2018 set has no stop notice) or the set is unknown.
var ErrNoTemplate = errors.New("print: the form set has no such paper")

// fillSpans fills a template line: its ** markers are split first, so a
// value holding "**" prints as it is.
func fillSpans(text string, values map[string]string) []span {
	sp := markup(text)
	for i := range sp {
		sp[i].text = fill(sp[i].text, values)
	}
	return sp
}

// dated checks that d's dossier has what doc prints and returns the date
// of the event the paper records, for its date line; zero is the day of
// printing.
func dated(doc string, d Doc) (time.Time, error) {
	ds := d.Dossier
	switch doc {
	case DocReceipt, DocControl:
		return ds.ReceivedAt, nil
	case DocSupplement:
		n := len(ds.Supplements)
		if n == 0 {
			return time.Time{}, ErrNoSupplement
		}
		return ds.Supplements[n-1].At, nil
	case DocRefusal, DocRefusalNotice:
		want := dossier.ResultNotAccepted
		if doc == DocRefusalNotice {
			want = dossier.ResultRefused
		}
		if ds.Result == nil || ds.Result.Kind != want {
			return time.Time{}, ErrNotRefused
		}
		return ds.Result.At, nil
	case DocApology:
		moved, _, ok := reschedule(ds)
		if !ok || !ds.Rescheduled {
			return time.Time{}, ErrNotRescheduled
		}
		return moved.At, nil
	case DocStop:
		if ds.Result == nil || ds.Result.Kind != dossier.ResultStopped {
			return time.Time{}, ErrNotStopped
		}
		return ds.Result.At, nil
	}
	return time.Time{}, fmt.Errorf("print: %q is not a paper of a dossier; they are %s", doc, strings.Join(slices.DeleteFunc(slices.Clone(Docs), func(s string) bool { return s == DocBook }), ", "))
}

// Render writes the paper doc (one of Docs but DocBook) of d.Dossier to w
// as an A5 PDF, in d.Copies copies, with d.Template or else the built-in
// template of the dossier's form set (docSet). It returns ErrNoSupplement,
// ErrNotRefused, ErrNotRescheduled or ErrNotStopped when the dossier has
// nothing to print on it: the refusal at the desk needs a dossier not
// accepted, the refusal notice one refused after appraisal. ErrTemplate
// means d.Template is not of doc or not valid. The same input always gives
// the same bytes.
func (r *Renderer) Render(w io.Writer, doc string, d Doc) error {
	if w == nil {
		return errNoWriter
	}
	on, err := dated(doc, d)
	if err != nil {
		return err
	}
	t, err := r.template(d.Template, docSet(d), doc)
	if err != nil {
		return err
	}
	qr, err := qrCode(d.Verify)
	if err != nil {
		return err
	}
	f := r.newForm(d, t)
	values := dossierValues(d, t.Set)
	for range min(max(d.Copies, 1), MaxCopies) {
		f.page(d, t, on, qr)
		f.body(t, d, values)
	}
	return f.finish(w, t.Name)
}

// shown reports whether a template line is printed with values.
func shown(l Line, values map[string]string) bool {
	if l.If != "" && strings.TrimSpace(values[l.If]) == "" {
		return false
	}
	return l.Unless == "" || strings.TrimSpace(values[l.Unless]) == ""
}

// body draws one copy's body line by line, then the signers.
func (f *form) body(t Template, d Doc, values map[string]string) {
	for _, l := range t.Body {
		if !shown(l, values) {
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
		signatures(f.pdf, values, t.Signers...)
	}
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
