package print

import (
	"strings"

	"github.com/jung-kurt/gofpdf"
)

// table draws a ruled table that flows over pages: a row that does not fit
// starts a new page, which repeats the heading rows.
type table struct {
	pdf    *gofpdf.Fpdf
	x      float64
	widths []float64
	aligns []string
	size   float64
	lineH  float64
	pad    float64
	// bottom is the lowest y a row may reach.
	bottom float64
	// head are the heading rows, drawn bold and centred, repeated on every
	// page the table continues on.
	head [][]string
	// onPage is called after a page break, before the heading repeats.
	onPage func()
}

// lines wraps each cell to its column; a "\n" in a cell starts a new line.
func (t *table) lines(cells []string) (out [][]string, n int) {
	n = 1
	for i, c := range cells {
		var l []string
		w := t.widths[i] - 2*t.pad
		for _, p := range strings.Split(nfc(c), "\n") {
			l = append(l, wrap(t.pdf, p, w, w)...)
		}
		out = append(out, l)
		n = max(n, len(l))
	}
	return out, n
}

// heading draws the heading rows.
func (t *table) heading() {
	for _, h := range t.head {
		t.draw("B", h, 0, true)
	}
}

// row draws one body row at least minH high and returns its top and
// height.
func (t *table) row(cells []string, minH float64) (top, h float64) {
	return t.draw("", cells, minH, false)
}

// draw draws one row in style, breaking the page first when it does not
// fit.
func (t *table) draw(style string, cells []string, minH float64, centre bool) (top, height float64) {
	pdf := t.pdf
	pdf.SetFont(family, style, t.size)
	lines, n := t.lines(cells)
	h := max(float64(n)*t.lineH+2*t.pad, minH)
	if pdf.GetY()+h > t.bottom {
		pdf.AddPage()
		if t.onPage != nil {
			t.onPage()
		}
		if !centre {
			t.heading()
			pdf.SetFont(family, style, t.size)
		}
	}
	x, y := t.x, pdf.GetY()
	pdf.SetLineWidth(0.2)
	for i, l := range lines {
		pdf.Rect(x, y, t.widths[i], h, "D")
		align := t.aligns[i]
		if centre {
			align = "C"
		}
		for j, s := range l {
			pdf.SetXY(x+t.pad, y+t.pad+float64(j)*t.lineH)
			pdf.CellFormat(t.widths[i]-2*t.pad, t.lineH, s, "", 0, align, false, 0, "")
		}
		x += t.widths[i]
	}
	pdf.SetXY(t.x, y+h)
	return y, h
}

// numbers returns the "(1)", "(2)", … row under a form's column headings.
func numbers(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "(" + itoa(i+1) + ")"
	}
	return out
}
