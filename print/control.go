package print

import (
	"io"
	"strings"

	"github.com/jung-kurt/gofpdf"

	"hoso/dossier"
)

// Control writes Form 05, the process control sheet (Phiếu kiểm soát quá
// trình giải quyết hồ sơ), for d.Dossier to w as an A5 PDF: one row per
// hand-over, with who gave and who received it, when, room for both to
// sign, and whether the step was done early, on time or late. It is dated
// the day of reception. The same input always gives the same bytes.
func (r *Renderer) Control(w io.Writer, d Doc) error {
	return r.render(w, d, "05", d.Dossier.ReceivedAt)
}

// timingLabel is how the forms write a timing.
func timingLabel(t dossier.Timing) string {
	switch t {
	case dossier.TimingEarly:
		return "Trước hạn"
	case dossier.TimingOnTime:
		return "Đúng hạn"
	case dossier.TimingLate:
		return "Quá hạn"
	}
	return ""
}

// holderName writes who holds the dossier: the office and, when known, the
// officer; the zero holder is the applicant.
func holderName(d Doc, h dossier.Holder) string {
	if h.Office == "" {
		return "Ông/Bà " + orDots(d.Dossier.Applicant.FullName)
	}
	s := name(d.Names, h.Office)
	if h.Officer != "" {
		s += " – " + name(d.Names, h.Officer)
	}
	return s
}

// stepsTable draws Form 05's hand-over table: agency, time given and
// received with room for both signatures, result, notes.
func stepsTable(pdf *gofpdf.Fpdf, head []string, d Doc) {
	const (
		agencyW = 36.0
		timeW   = 38.0
		resultW = 22.0
		// signRoom leaves space under the time for the two signatures.
		signRoom = 24.0
	)
	t := &table{
		pdf: pdf, x: margin, widths: []float64{agencyW, timeW, resultW, contentW - agencyW - timeW - resultW},
		aligns: []string{"L", "L", "C", "L"}, size: 8.5, lineH: 3.8, pad: 0.8,
		bottom: pageH - bottom, head: [][]string{head, numbers(4)},
	}
	t.heading()
	steps := d.Dossier.Steps
	if len(steps) == 0 {
		// Nothing handed over yet: one empty row to fill by hand.
		steps = []dossier.StepRow{{No: 1}}
	}
	for _, s := range steps {
		when := "……giờ……phút, ngày……/……/……"
		if !s.At.IsZero() {
			when = vnTime(s.At)
		}
		var notes []string
		if s.Name != "" {
			notes = append(notes, s.Name)
		}
		if !s.Due.IsZero() {
			notes = append(notes, "Hạn: "+vnTime(s.Due))
		}
		top, h := t.row([]string{
			itoa(s.No) + ". Giao: " + holderName(d, s.From) + "\nNhận: " + holderName(d, s.To),
			"Giao, nhận lúc " + when,
			timingLabel(s.Result),
			strings.Join(notes, "\n"),
		}, signRoom)
		// The giver signs on the left of the time cell, the receiver on
		// the right, below the time.
		pdf.SetFont(family, "I", 7.5)
		half := (timeW - 2*t.pad) / 2
		for i, who := range []string{"Người giao", "Người nhận"} {
			pdf.SetXY(margin+agencyW+t.pad+float64(i)*half, top+h-signRoom/2-1)
			pdf.CellFormat(half, 3.5, who, "", 0, "C", false, 0, "")
		}
		pdf.SetXY(margin, top+h)
	}
	pdf.SetFont(family, "", bodySize)
}
