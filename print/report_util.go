package print

import (
	"strconv"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"hoso/calendar"
)

// thousands writes n with '.' between groups of three digits, as
// Vietnamese figures are written: 1.234.567.
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// vnDateTime writes t in Vietnam time as "dd/mm/yyyy HH:mm".
func vnDateTime(t time.Time) string {
	return vnDate(t) + " " + t.In(calendar.Zone).Format("15:04")
}

// box draws a ruled cell at x, y of w × h with s wrapped inside it, the
// lines centred vertically, at the current font.
func box(pdf *gofpdf.Fpdf, x, y, w, h, lineH, pad float64, align, s string) {
	pdf.Rect(x, y, w, h, "D")
	lines := wrap(pdf, nfc(s), w-2*pad, w-2*pad)
	top := y + (h-float64(len(lines))*lineH)/2
	for i, l := range lines {
		pdf.SetXY(x+pad, top+float64(i)*lineH)
		pdf.CellFormat(w-2*pad, lineH, l, "", 0, align, false, 0, "")
	}
}

// flow draws text wrapped to wd from x, one line of lineH after another,
// starting a new page (at the top margin) when a line would pass bottomY.
func flow(pdf *gofpdf.Fpdf, x, wd, lineH, bottomY float64, style string, size float64, align, s string) {
	pdf.SetFont(family, style, size)
	_, top, _, _ := pdf.GetMargins()
	for _, l := range wrap(pdf, nfc(s), wd, wd) {
		if pdf.GetY()+lineH > bottomY {
			pdf.AddPage()
			pdf.SetY(top)
			pdf.SetFont(family, style, size)
		}
		pdf.SetX(x)
		pdf.CellFormat(wd, lineH, l, "", 1, align, false, 0, "")
	}
	pdf.SetX(x)
}
