package print

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"
	qrcode "github.com/skip2/go-qrcode"

	"hoso/calendar"
	"hoso/dossier"
)

// Doc is what a paper of a dossier (every doc but the book) is printed
// from.
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
	// template of the doc in the dossier's set. It must be of the doc
	// printed.
	Template *Template
	// Set is the form set to print with; empty is Dossier.FormSet, else
	// the set in force when the dossier was received, else when printed.
	Set string
	// Fee is the fee line of the receipt as it should read, for example
	// "50.000 đồng"; empty prints dots.
	Fee string
	// Names gives the display names of the office codes and user IDs the
	// dossier's hand-overs name (the control sheet); a missing one prints
	// as the code.
	Names map[string]string
	// Clerk is the name of the clerk who receives or guides the applicant.
	Clerk string
	// Contact is the phone to call about the dossier (the supplement
	// request); empty prints the office's phone.
	Contact string
	// Copies is how many times the whole paper is printed in the one PDF,
	// each copy from a new page; 0 and 1 print it once, at most MaxCopies.
	Copies int
}

// MaxCopies bounds Doc.Copies.
const MaxCopies = 10

// Receipt is what Form 01, the receipt and appointment, is printed from.
type Receipt = Doc

// form is a paper being drawn: the document and a writer for its body.
type form struct {
	pdf *gofpdf.Fpdf
	bw  *writer
}

// footerLabel names the paper at the foot of its pages: its form number,
// its set and, when it is not the set's own, the template's version:
// "Mẫu 01 · TT03/2025", "Mẫu 01 · TT03/2025 · 38001-2027.1".
func footerLabel(t Template) string {
	var parts []string
	if t.Form != "" {
		parts = append(parts, "Mẫu "+t.Form)
	}
	parts = append(parts, t.Set)
	if v := strings.TrimSpace(t.Version); v != "" && v != t.Set {
		parts = append(parts, v)
	}
	return strings.Join(parts, " · ")
}

// newForm begins the document of a paper for d drawn with t, with its
// footer; each copy is then drawn by page.
func (r *Renderer) newForm(d Doc, t Template) *form {
	pdf := r.newDoc(d.PrintedAt, t.Name+" "+d.Dossier.Code)
	label := footerLabel(t)
	pdf.SetFooterFunc(func() { footer(pdf, d.PrintedAt, d.Reprint, label) })
	return &form{pdf: pdf}
}

// page starts one copy of the paper on a new page: the administrative
// header, the place and date line dated (PrintedAt when zero), the title
// and, when qr is set, the QR code at the top right of the body.
func (f *form) page(d Doc, t Template, dated time.Time, qr *qrcode.QRCode) {
	pdf := f.pdf
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

	f.bw = &writer{pdf: pdf, lineH: bodyLineH}
	if qr != nil {
		top := pdf.GetY()
		drawQR(pdf, qr, pageW-margin-qrSize, top, qrSize)
		f.bw.narrowUntil = top + qrSize + 0.5
		f.bw.narrowBy = qrSize + 2
	}
	pdf.SetFont(family, "", bodySize)
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

// procedure returns the procedure's name and, when it is a national code
// (NationalCode), its code as the forms print them.
func procedure(p dossier.ProcedureRef) string {
	s := p.Name
	if NationalCode(p.Code) {
		s += " (mã " + p.Code + ")"
	}
	return orDots(s)
}

// signatures draws the signature columns, leaving room to sign, with each
// signer's name (filled from values) below. Two signers share the width; a
// single signer takes the right half, as on administrative documents.
func signatures(pdf *gofpdf.Fpdf, values map[string]string, who ...Signer) {
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
		if s.Name != "" {
			if n := strings.TrimSpace(fill(s.Name, values)); n != "" && n != orDots("") {
				centred(pdf, x, y+need-bodyLineH, colW, bodyLineH, "B", bodySize, n)
			}
		}
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
