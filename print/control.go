package print

import (
	"io"
	"strings"

	"github.com/jung-kurt/gofpdf"

	"hoso/dossier"
)

// Control writes the process control sheet (Phiếu kiểm soát quá trình
// giải quyết hồ sơ, Form 05 of 2018, 06 of 2025) for d.Dossier; it is
// Render with DocControl.
func (r *Renderer) Control(w io.Writer, d Doc) error {
	return r.Render(w, DocControl, d)
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
		kind := "Ông/Bà "
		if d.Dossier.Applicant.IsOrganisation() {
			kind = "Tổ chức "
		}
		return kind + orDots(d.Dossier.Applicant.FullName)
	}
	s := name(d.Names, h.Office)
	if h.Officer != "" {
		s += " – " + name(d.Names, h.Officer)
	}
	return s
}

// stepsTable draws the control sheet's hand-over table: agency, time given
// and received with room for both signatures, result, notes. Each row is a
// hand-over, Steps[i] for i ≥ 1: the dossier reaches the desk from the
// applicant with the receipt, not on this sheet. The result column rates
// the step being handed over, the giver's (Steps[i-1]), which is known at
// that moment and written by the receiver, as the form's note says.
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
	rows := 0
	for i := 1; i < len(steps) || rows == 0; i++ {
		rows++
		cells := []string{itoa(rows) + ". Giao: ……………\nNhận: ……………", "Giao, nhận lúc ……giờ……phút, ngày……/……/……", "", ""}
		if i < len(steps) {
			s, given := steps[i], steps[i-1]
			cells[0] = itoa(rows) + ". Giao: " + holderName(d, s.From) + "\nNhận: " + holderName(d, s.To)
			if !s.At.IsZero() {
				cells[1] = "Giao, nhận lúc " + vnTime(s.At)
			}
			cells[2] = timingLabel(given.Result)
			var notes []string
			if given.Name != "" {
				notes = append(notes, "Đã xong: "+given.Name)
			}
			if s.Name != "" {
				notes = append(notes, "Chuyển để: "+s.Name)
			}
			if !s.Due.IsZero() {
				notes = append(notes, "Hạn: "+vnTime(s.Due))
			}
			cells[3] = strings.Join(notes, "\n")
		}
		top, h := t.row(cells, signRoom)
		// The giver signs on the left of the time cell, the receiver on
		// the right, below the time.
		pdf.SetFont(family, "I", 7.5)
		half := (timeW - 2*t.pad) / 2
		for k, who := range []string{"Người giao", "Người nhận"} {
			pdf.SetXY(margin+agencyW+t.pad+float64(k)*half, top+h-signRoom/2-1)
			pdf.CellFormat(half, 3.5, who, "", 0, "C", false, 0, "")
		}
		pdf.SetXY(margin, top+h)
	}
	pdf.SetFont(family, "", bodySize)
}
