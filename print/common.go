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
}

// Receipt is what Form 01, the receipt and appointment, is printed from.
type Receipt = Doc

// form is a form being drawn: the document and a writer for its body.
type form struct {
	pdf *gofpdf.Fpdf
	bw  *writer
}

// start begins the one page of a form for d: the administrative header, the
// place and date line dated (PrintedAt when zero), the title and, when
// d.Verify is set, the QR code at the top right of the body. meta is the
// PDF's title.
func (r *Renderer) start(d Doc, meta, title string, dated time.Time) (*form, error) {
	var qr []byte
	if d.Verify != "" {
		var err error
		qr, err = qrcode.Encode(nfc(d.Verify), qrcode.Medium, 256)
		if err != nil {
			return nil, fmt.Errorf("print: encoding the QR code: %w", err)
		}
	}
	pdf := r.newDoc(d.PrintedAt, meta+" "+d.Dossier.Code)
	pdf.SetFooterFunc(func() { footer(pdf, d) })
	pdf.AddPage()
	y := header(pdf, d.Office)

	if dated.IsZero() {
		dated = d.PrintedAt
	}
	pdf.SetFont(family, "I", bodySize)
	pdf.SetXY(margin, y+3)
	pdf.CellFormat(contentW, bodyLineH, nfc(vnDateLine(d.Office.Place, dated)), "", 1, "R", false, 0, "")

	y = centred(pdf, margin, pdf.GetY()+2.5, contentW, 6, "B", 12.5, title)
	pdf.SetXY(margin, y+1.5)

	bw := &writer{pdf: pdf, lineH: bodyLineH}
	if qr != nil {
		top := pdf.GetY()
		pdf.RegisterImageOptionsReader("qr", gofpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(qr))
		pdf.ImageOptions("qr", pageW-margin-qrSize, top, qrSize, qrSize, false, gofpdf.ImageOptions{ImageType: "PNG"}, 0, "")
		bw.narrowUntil = top + qrSize + 0.5
		bw.narrowBy = qrSize + 2
	}
	pdf.SetFont(family, "", bodySize)
	return &form{pdf: pdf, bw: bw}, nil
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

// applicant draws the applicant's name, citizen ID, address and contacts,
// indented as items.
func (f *form) applicant(a dossier.Applicant) {
	f.bw.para(itemIndent, span{"", "Ông/Bà:"}, span{"B", orDots(a.FullName)})
	f.bw.para(itemIndent, span{"", "Số CCCD: " + orDots(a.CitizenID)})
	f.bw.para(itemIndent, span{"", "Địa chỉ: " + orDots(a.Address)})
	f.bw.para(itemIndent, span{"", "Số điện thoại: " + orDots(a.Phone) + "   Email: " + orDots(a.Email)})
}

// procedure returns the procedure's name and code as the forms print it.
func procedure(p dossier.ProcedureRef) string {
	s := p.Name
	if p.Code != "" {
		s += " (mã " + p.Code + ")"
	}
	return orDots(s)
}

// signer is one signature column: the title in bold and the hint below.
type signer struct {
	title, hint string
}

// signHint is the usual hint under a signature title.
const signHint = "(Ký và ghi rõ họ tên)"

// signatures draws the signature columns, leaving room to sign. Two
// signers share the width; a single signer takes the right half, as on
// administrative documents.
func signatures(pdf *gofpdf.Fpdf, who ...signer) {
	const (
		colW  = contentW / 2
		space = 20.0
	)
	need := 2*bodyLineH + space
	if pdf.GetY()+3+need > pageH-bottom {
		pdf.AddPage()
	}
	y := pdf.GetY() + 3
	first := 0
	if len(who) == 1 {
		first = 1
	}
	for i, s := range who {
		x := margin + float64(first+i)*colW
		yy := centred(pdf, x, y, colW, bodyLineH, "B", bodySize, s.title)
		centred(pdf, x, yy, colW, bodyLineH-0.5, "I", 9.5, s.hint)
	}
	pdf.SetXY(margin, y+need)
}

// footer draws the reprint mark, when the form is a reprint, and the time
// of printing at the foot of each page.
func footer(pdf *gofpdf.Fpdf, d Doc) {
	y := pageH - bottom + 3
	if d.Reprint > 0 {
		pdf.SetFont(family, "B", 9)
		pdf.SetXY(margin, y)
		pdf.CellFormat(contentW/2, 4, nfc(fmt.Sprintf("BẢN IN LẠI (lần %d)", d.Reprint)), "", 0, "L", false, 0, "")
	}
	pdf.SetFont(family, "I", 7.5)
	pdf.SetXY(margin+contentW/2, y)
	t := d.PrintedAt.In(calendar.Zone)
	pdf.CellFormat(contentW/2, 4, nfc(fmt.Sprintf("In lúc %02d:%02d ngày %02d/%02d/%04d", t.Hour(), t.Minute(), t.Day(), int(t.Month()), t.Year())), "", 0, "R", false, 0, "")
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

// vnTimeOrDots is vnTime, or dots when t is zero.
func vnTimeOrDots(t time.Time) string {
	if t.IsZero() {
		return "……………"
	}
	return vnTime(t)
}
