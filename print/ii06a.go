package print

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/jung-kurt/gofpdf"

	"hoso/report"
)

// Geometry of the II.06a table, in millimetres, on the book's A4
// landscape page.
const (
	rptSize   = 9.0
	rptLineH  = 4.0
	rptPad    = 0.8
	rptQR     = 22.0
	rptNoW    = 10.0
	rptSector = 62.0
	// rptMottoW is the width of the national motto's block, which ends
	// clear of the QR code.
	rptMottoW = 130.0
)

// rptWidths are the thirteen columns' widths; they add up to bookInner.
func rptWidths() []float64 {
	ws := []float64{rptNoW, rptSector}
	num := (bookInner - rptNoW - rptSector) / float64(len(report.Headings))
	for range report.Headings {
		ws = append(ws, num)
	}
	return ws
}

// ReportII06a writes the periodic report II.06a (Circular 01/2020/TT-VPCP)
// for d to w as an A4 landscape PDF: the administrative header, the title
// and period, the table of sectors and the total under the two-level
// column headings, repeated on every page it flows over, with the data
// date, the offices reporting and receiving and the unit above it and the
// note on withdrawn and stopped dossiers below, how fresh each office's
// records were, and the signatures. Pages are numbered "Trang
// n/N". The same input always gives the same bytes.
func (r *Renderer) ReportII06a(w io.Writer, d report.Doc) error {
	if w == nil {
		return errNoWriter
	}
	qr, err := qrCode(d.Verify)
	if err != nil {
		return err
	}
	pdf := r.newSizedDoc(d.GeneratedAt, "Biểu II.06a "+d.Period.Label+" "+d.OfficeName, "P", bookW, bookH, bookMargin, bookBottom)
	pdf.SetFooterFunc(func() { rptFooter(pdf, d) })
	pdf.AddPage()

	// The form's number, small, at the very top right.
	pdf.SetFont(family, "I", 8.5)
	pdf.SetXY(bookMargin, bookMargin-3)
	pdf.CellFormat(bookInner, 4, nfc(report.FormCode), "", 0, "R", false, 0, "")

	top := bookMargin + 2.0
	y := headerAt(pdf, Office{Name: d.OfficeName, ParentName: d.ParentName}, top, 110, rptMottoW)
	qrBottom := 0.0
	if qr != nil {
		drawQR(pdf, qr, bookW-bookMargin-rptQR, top, rptQR)
		qrBottom = top + rptQR
	}
	// The date line, right-aligned under the motto.
	pdf.SetFont(family, "I", 10.5)
	pdf.SetXY(bookMargin, y+2)
	pdf.CellFormat(110+2+rptMottoW, 5, nfc(vnDateLine(d.Place, d.GeneratedAt)), "", 0, "R", false, 0, "")

	// The title block, centred and kept clear of the QR code.
	tx, tw := bookMargin+rptQR+3, bookInner-2*(rptQR+3)
	y = centred(pdf, tx, y+9, tw, 6.5, "B", 13.5, report.Title)
	y = centred(pdf, tx, y+0.5, tw, 5, "I", 10.5, d.PeriodLine())
	y = centred(pdf, tx, y, tw, 5, "I", 10.5, d.AsOfLine())
	y = centred(pdf, tx, y, tw, 5, "", 10.5, d.ReporterLine())
	if line := d.ReceiverLine(); line != "" {
		y = centred(pdf, tx, y, tw, 5, "", 10.5, line)
	}
	if len(d.Offices) > 1 {
		y = centred(pdf, tx, y, tw, 5, "", 10, "Gồm: "+strings.Join(d.Offices, ", "))
	}
	// The unit, right-aligned just above the table.
	y = max(y, qrBottom) + 1
	pdf.SetFont(family, "I", 9.5)
	pdf.SetXY(bookMargin, y)
	pdf.CellFormat(bookInner, 4.5, nfc(report.Unit), "", 0, "R", false, 0, "")
	pdf.SetXY(bookMargin, y+5.5)

	rptTable(pdf, d.Table)
	rptNote(pdf, d)
	rptFreshness(pdf, d)
	rptSignatures(pdf)

	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return fmt.Errorf("print: rendering report II.06a: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// rptHeading draws the table's headings at the current y: STT and the
// sector spanning two rows, the groups over their columns, the column
// titles under them, and the row of column numbers. With measure it only
// returns the height it would take.
func rptHeading(pdf *gofpdf.Fpdf, ws []float64, measure bool) float64 {
	pdf.SetFont(family, "B", rptSize-0.5)
	n := 1
	for i, h := range report.Headings {
		n = max(n, len(wrap(pdf, nfc(h.Title), ws[2+i]-2*rptPad, ws[2+i]-2*rptPad)))
	}
	hA := rptLineH + 2*rptPad
	hB := float64(n)*rptLineH + 2*rptPad
	hN := rptLineH + 2*rptPad
	if measure {
		return hA + hB + hN
	}
	y := pdf.GetY()
	pdf.SetLineWidth(0.2)
	box(pdf, bookMargin, y, ws[0], hA+hB, rptLineH, rptPad, "C", "STT")
	box(pdf, bookMargin+ws[0], y, ws[1], hA+hB, rptLineH, rptPad, "C", report.SectorHeading)
	colX := func(col int) float64 { // x of column col, 1-based
		x := bookMargin
		for _, w := range ws[:col-1] {
			x += w
		}
		return x
	}
	for _, g := range report.Groups {
		x := colX(g.First)
		box(pdf, x, y, colX(g.Last)+ws[g.Last-1]-x, hA, rptLineH, rptPad, "C", g.Title)
	}
	for _, h := range report.Headings {
		box(pdf, colX(h.Col), y+hA, ws[h.Col-1], hB, rptLineH, rptPad, "C", h.Title)
	}
	pdf.SetFont(family, "I", rptSize-0.5)
	for i, c := range numbers(len(ws)) {
		box(pdf, colX(i+1), y+hA+hB, ws[i], hN, rptLineH, rptPad, "C", c)
	}
	pdf.SetXY(bookMargin, y+hA+hB+hN)
	return hA + hB + hN
}

// rptTable draws the table: one row per sector and the total, in bold,
// starting a new page with the headings when a row does not fit.
func rptTable(pdf *gofpdf.Fpdf, t report.Table) {
	ws := rptWidths()
	limit := bookH - bookBottom
	// Keep the headings with at least one row.
	if pdf.GetY()+rptHeading(pdf, ws, true)+rptLineH+2*rptPad > limit {
		pdf.AddPage()
		pdf.SetXY(bookMargin, bookMargin)
	}
	rptHeading(pdf, ws, false)
	row := func(style, no, sector string, c *report.Counts) {
		pdf.SetFont(family, style, rptSize)
		n := len(wrap(pdf, nfc(sector), ws[1]-2*rptPad, ws[1]-2*rptPad))
		h := float64(n)*rptLineH + 2*rptPad
		if pdf.GetY()+h > limit {
			pdf.AddPage()
			pdf.SetXY(bookMargin, bookMargin)
			rptHeading(pdf, ws, false)
			pdf.SetFont(family, style, rptSize)
		}
		x, y := bookMargin, pdf.GetY()
		box(pdf, x, y, ws[0], h, rptLineH, rptPad, "C", no)
		box(pdf, x+ws[0], y, ws[1], h, rptLineH, rptPad, "L", sector)
		x += ws[0] + ws[1]
		for i, w := range ws[2:] {
			v := ""
			if c != nil {
				v = thousands(c.Col(report.ColReceived + i))
			}
			box(pdf, x, y, w, h, rptLineH, rptPad, "R", v)
			x += w
		}
		pdf.SetXY(bookMargin, y+h)
	}
	if len(t.Rows) == 0 {
		row("I", "", "Không có hồ sơ trong kỳ", nil)
	}
	for i := range t.Rows {
		row("", itoa(i+1), t.Rows[i].Sector, &t.Rows[i].Counts)
	}
	row("B", "", "Tổng cộng", &t.Total.Counts)
}

// rptNote writes the note on the dossiers withdrawn and stopped, when
// there were any, under the table.
func rptNote(pdf *gofpdf.Fpdf, d report.Doc) {
	if note := d.EndedNote(); note != "" {
		pdf.SetY(pdf.GetY() + 2)
		flow(pdf, bookMargin, bookInner, 4.6, bookH-bookBottom, "I", 9.5, "L", note)
	}
}

// rptFreshness notes when the figures were computed and how recent each
// included office's records were, so that stale figures are not taken
// for final.
func rptFreshness(pdf *gofpdf.Fpdf, d report.Doc) {
	const lineH = 4.6
	limit := bookH - bookBottom
	pdf.SetY(pdf.GetY() + 2)
	flow(pdf, bookMargin, bookInner, lineH, limit, "I", 9.5, "L",
		"Lập lúc "+vnDateTime(d.GeneratedAt)+"; dữ liệu của từng đơn vị cập nhật đến:")
	for _, f := range d.Freshness {
		name := strings.TrimSpace(f.Name)
		if name == "" {
			name = f.Office
		}
		flow(pdf, bookMargin+4, bookInner-4, lineH, limit, "I", 9.5, "L", "– "+name+": "+f.State())
	}
}

// rptSignatures draws the compiler's signature on the left and the head of
// the office's on the right, leaving room to sign and stamp.
func rptSignatures(pdf *gofpdf.Fpdf) {
	const (
		lineH = 4.8
		space = 24.0
	)
	if pdf.GetY()+4+2*lineH+space > bookH-bookBottom {
		pdf.AddPage()
		pdf.SetXY(bookMargin, bookMargin)
	}
	y := pdf.GetY() + 4
	colW := bookInner / 2
	for i, s := range [][2]string{
		{"NGƯỜI LẬP BIỂU", "(Ký, ghi rõ họ tên)"},
		{"THỦ TRƯỞNG ĐƠN VỊ", "(Ký, ghi rõ họ tên và đóng dấu)"},
	} {
		x := bookMargin + float64(i)*colW
		yy := centred(pdf, x, y, colW, lineH, "B", 10.5, s[0])
		centred(pdf, x, yy, colW, lineH, "I", 9.5, s[1])
	}
	pdf.SetXY(bookMargin, y+2*lineH+space)
}

// rptFooter numbers the pages and says which report, for which office and
// period, and when it was printed.
func rptFooter(pdf *gofpdf.Fpdf, d report.Doc) {
	y := bookH - bookBottom + 3
	pdf.SetFont(family, "I", 8)
	pdf.SetXY(bookMargin, y)
	left := strings.TrimSpace(d.OfficeName) + " · Kỳ " + d.Period.Label
	pdf.CellFormat(bookInner/3, 4, nfc(left), "", 0, "L", false, 0, "")
	pdf.SetFont(family, "B", 9)
	pdf.CellFormat(bookInner/3, 4, fmt.Sprintf("Trang %d/{nb}", pdf.PageNo()), "", 0, "C", false, 0, "")
	pdf.SetFont(family, "I", 8)
	pdf.CellFormat(bookInner/3, 4, nfc("Biểu II.06a · "+printedAt(d.GeneratedAt)), "", 0, "R", false, 0, "")
}
