package print

import (
	"bytes"
	"fmt"
	"io"
	"time"

	"github.com/jung-kurt/gofpdf"
	qrcode "github.com/skip2/go-qrcode"

	"hoso/calendar"
	"hoso/dossier"
)

// Doc is what a form of the one-stop desk (Forms 01 to 04) is printed from.
type Doc struct {
	Office  Office
	Dossier dossier.Dossier
	// PrintedAt is when the form is printed. It is printed small at the
	// foot of the page and is the PDF's creation date; the date line above
	// the title is the date of the event the form records.
	PrintedAt time.Time
	// Reprint is 0 for the first print and n for the n-th reprint, which is
	// marked "BẢN IN LẠI (lần n)".
	Reprint int
	// Verify is the text encoded in the QR code, for example a verification
	// URL; no QR code is drawn when it is empty.
	Verify string
	// Template is the wording to print with; nil prints the built-in
	// template of the form.
	Template *Template
	// Fee is the fee line of Form 01 as it should read, for example
	// "50.000 đồng"; empty prints dots.
	Fee string
	// Names gives the display names of the office codes and user IDs the
	// dossier's hand-overs name (Form 05); a missing one prints as the code.
	Names map[string]string
}

// Receipt is what Form 01, the receipt and appointment, is printed from.
type Receipt = Doc

// form is a form being drawn: the document and a writer for its body.
type form struct {
	pdf *gofpdf.Fpdf
	bw  *writer
}

// start begins the one page of a form for d drawn with t: the
// administrative header, the place and date line dated (PrintedAt when
// zero), the title and, when d.Verify is set, the QR code at the top right
// of the body.
func (r *Renderer) start(d Doc, t Template, dated time.Time) (*form, error) {
	qr, err := qrCode(d.Verify)
	if err != nil {
		return nil, err
	}
	pdf := r.newDoc(d.PrintedAt, t.Name+" "+d.Dossier.Code)
	label := "Mẫu " + t.Form + " (" + t.Version + ")"
	pdf.SetFooterFunc(func() { footer(pdf, d.PrintedAt, d.Reprint, label) })
	pdf.AddPage()
	y := header(pdf, d.Office)

	if dated.IsZero() {
		dated = d.PrintedAt
	}
	pdf.SetFont(family, "I", bodySize)
	pdf.SetXY(margin, y+3)
	pdf.CellFormat(contentW, bodyLineH, nfc(vnDateLine(d.Office.Place, dated)), "", 1, "R", false, 0, "")

	y = centred(pdf, margin, pdf.GetY()+2.5, contentW, 6, "B", 12.5, t.Title)
	pdf.SetXY(margin, y+1.5)

	bw := &writer{pdf: pdf, lineH: bodyLineH}
	if qr != nil {
		top := pdf.GetY()
		drawQR(pdf, qr, pageW-margin-qrSize, top, qrSize)
		bw.narrowUntil = top + qrSize + 0.5
		bw.narrowBy = qrSize + 2
	}
	pdf.SetFont(family, "", bodySize)
	return &form{pdf: pdf, bw: bw}, nil
}

// qrCode encodes text as a QR code, or returns nil for no text.
func qrCode(text string) (*qrcode.QRCode, error) {
	if text == "" {
		return nil, nil
	}
	q, err := qrcode.New(nfc(text), qrcode.Medium)
	if err != nil {
		return nil, fmt.Errorf("print: encoding the QR code: %w", err)
	}
	return q, nil
}

// drawQR draws a QR code size mm square at x, y, quiet zone included, as
// vector rectangles: sharp at any printer resolution and much cheaper than
// an embedded image. Each run of dark modules in a row is one rectangle.
func drawQR(pdf *gofpdf.Fpdf, q *qrcode.QRCode, x, y, size float64) {
	bits := q.Bitmap()
	m := size / float64(len(bits))
	pdf.SetFillColor(0, 0, 0)
	for r, row := range bits {
		for c := 0; c < len(row); {
			if !row[c] {
				c++
				continue
			}
			start := c
			for c < len(row) && row[c] {
				c++
			}
			pdf.Rect(x+float64(start)*m, y+float64(r)*m, float64(c-start)*m, m, "F")
		}
	}
}

// clearQR moves below the QR code when the body has not yet passed it.
func (f *form) clearQR() {
	if f.pdf.GetY() < f.bw.narrowUntil {
		f.pdf.SetY(f.bw.narrowUntil)
	}
}

// finish writes the document to w; what names the form in errors.
func (f *form) finish(w io.Writer, what string) error {
	var buf bytes.Buffer
	if err := f.pdf.Output(&buf); err != nil {
		return fmt.Errorf("print: rendering the %s: %w", what, err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// procedure returns the procedure's name and code as the forms print it.
func procedure(p dossier.ProcedureRef) string {
	s := p.Name
	if p.Code != "" {
		s += " (mã " + p.Code + ")"
	}
	return orDots(s)
}

// signatures draws the signature columns, leaving room to sign. Two
// signers share the width; a single signer takes the right half, as on
// administrative documents.
func signatures(pdf *gofpdf.Fpdf, who ...Signer) {
	const space = 20.0
	need := 2*bodyLineH + space
	if pdf.GetY()+3+need > pageH-bottom {
		pdf.AddPage()
	}
	y := pdf.GetY() + 3
	colW := contentW / 2
	first := 0
	switch len(who) {
	case 1:
		first = 1
	case 3:
		colW = contentW / 3
	}
	for i, s := range who {
		x := margin + float64(first+i)*colW
		yy := centred(pdf, x, y, colW, bodyLineH, "B", bodySize, s.Title)
		centred(pdf, x, yy, colW, bodyLineH-0.5, "I", 9.5, s.Hint)
	}
	pdf.SetXY(margin, y+need)
}

// footer draws the reprint mark, when the form is a reprint, and the form,
// its template version and the time of printing at the foot of each page.
func footer(pdf *gofpdf.Fpdf, printed time.Time, reprint int, label string) {
	y := pageH - bottom + 3
	if reprint > 0 {
		pdf.SetFont(family, "B", 9)
		pdf.SetXY(margin, y)
		pdf.CellFormat(contentW/2, 4, nfc(fmt.Sprintf("BẢN IN LẠI (lần %d)", reprint)), "", 0, "L", false, 0, "")
	}
	pdf.SetFont(family, "I", 7.5)
	pdf.SetXY(margin+40, y)
	pdf.CellFormat(contentW-40, 4, nfc(label+" · "+printedAt(printed)), "", 0, "R", false, 0, "")
}

// printedAt writes "In lúc 08:31 ngày 27/11/2026".
func printedAt(t time.Time) string {
	t = t.In(calendar.Zone)
	return fmt.Sprintf("In lúc %02d:%02d ngày %02d/%02d/%04d", t.Hour(), t.Minute(), t.Day(), int(t.Month()), t.Year())
}

// vnDate writes t's day in Vietnam time as dd/mm/yyyy, or dots when t is
// zero.
func vnDate(t time.Time) string {
	if t.IsZero() {
		return "……/……/……"
	}
	t = t.In(calendar.Zone)
	return fmt.Sprintf("%02d/%02d/%04d", t.Day(), int(t.Month()), t.Year())
}
