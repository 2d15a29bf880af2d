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

// opinionLabel is how the forms write an appraisal's conclusion.
func opinionLabel(o dossier.Opinion) string {
	switch o {
	case dossier.OpinionApprove:
		return "Đồng ý giải quyết"
	case dossier.OpinionRefuse:
		return "Đề nghị từ chối"
	case dossier.OpinionSupplement:
		return "Đề nghị bổ sung hồ sơ"
	}
	return string(o)
}

// appraisalText writes the officer's conclusion for the control sheet:
// whose it is, the conclusion and the notes, so that whoever signs next
// reads it on paper as on screen (issue 22).
func appraisalText(d Doc) string {
	a := d.Dossier.Appraisal
	s := "Ý kiến thẩm định"
	if a.By != "" {
		s += " (" + name(d.Names, a.By) + ")"
	}
	s += ": " + opinionLabel(a.Opinion)
	if a.Note != "" {
		s += " – " + a.Note
	}
	return s
}

// appraisalRow is the hand-over row (an index of Steps, ≥ 1) whose notes
// carry the appraisal: the first hand-over after it, usually the
// submission for signature; 0 when there is no appraisal or it came after
// the last hand-over, and is then written under the table. "After" is the
// fold order of the timeline, where the appraisal is the last applied
// appraised entry (events of one instant keep their order), else, for a
// dossier without a timeline, the time.
func appraisalRow(d Doc) int {
	ds := d.Dossier
	if ds.Appraisal == nil {
		return 0
	}
	pos := map[string]int{}
	appraised := -1
	for i, e := range ds.Timeline {
		pos[e.ID] = i
		if e.Kind == dossier.KindAppraised && (e.Outcome == dossier.OutcomeApplied || e.Outcome == dossier.OutcomeKept) {
			appraised = i
		}
	}
	for i := 1; i < len(ds.Steps); i++ {
		s := ds.Steps[i]
		if p, ok := pos[s.Event]; appraised >= 0 && ok {
			if p > appraised {
				return i
			}
		} else if !s.At.Before(ds.Appraisal.At) {
			return i
		}
	}
	return 0
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
	opinionAt := appraisalRow(d)
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
			if i == opinionAt {
				notes = append(notes, appraisalText(d))
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
	if d.Dossier.Appraisal != nil && opinionAt == 0 {
		// Appraised after the last hand-over: no row holds it yet.
		pdf.Ln(1.5)
		pdf.MultiCell(contentW, 4.5, appraisalText(d), "", "L", false)
	}
}
