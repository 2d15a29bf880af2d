package print

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"hoso/iso"
)

// IsoAudit is what an internal audit report (Báo cáo đánh giá nội bộ, ISO
// 9001:2015 clause 9.2) is printed from: the audit as folded, its
// checklist, and the names of the users it mentions.
type IsoAudit struct {
	Office    Office
	Audit     iso.Audit
	Checklist []iso.CheckItem
	// Names gives users' full names by ID.
	Names map[string]string
	// PrintedAt, Reprint and Verify are as on Doc.
	PrintedAt time.Time
	Reprint   int
	Verify    string
}

// A4 portrait geometry of the audit report, in millimetres.
const (
	audW      = 210.0
	audH      = 297.0
	audMargin = 15.0
	audBottom = 15.0
	audInner  = audW - 2*audMargin
	audQR     = 22.0
)

// Labels of the report's closed sets, in Vietnamese.
var (
	checkResultLabels = map[iso.CheckResult]string{
		iso.ResultConform: "Phù hợp", iso.ResultNonconform: "Không phù hợp", iso.ResultNotChecked: "Không áp dụng",
	}
	findingLabels = map[iso.FindingKind]string{
		iso.FindingNonconformity: "Điểm không phù hợp", iso.FindingObservation: "Khuyến nghị (quan sát)",
		iso.FindingImprovement: "Cơ hội cải tiến",
	}
	evidenceLabels = map[iso.AuditEvidenceKind]string{
		iso.EvidenceDossier: "Hồ sơ", iso.EvidencePrint: "Bản in", iso.EvidenceRecord: "Hồ sơ ISO",
	}
)

// auditDay writes a YYYY-MM-DD day as dd/mm/yyyy.
func auditDay(s string) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return t.Format("02/01/2006")
}

// evidenceText lists evidence one per line; a print is named by its
// subject, the QR text being too long for a cell.
func evidenceText(ev []iso.AuditEvidence) string {
	var lines []string
	for _, e := range ev {
		ref := e.Ref
		if e.Kind == iso.EvidencePrint {
			if parts := strings.Split(ref, "|"); len(parts) == 5 {
				ref = parts[2]
			}
		}
		l := evidenceLabels[e.Kind] + " " + ref
		if e.Note != "" {
			l += " (" + e.Note + ")"
		}
		lines = append(lines, l)
	}
	return strings.Join(lines, "\n")
}

// names joins users' names, the lead marked.
func (a IsoAudit) names(ids []string, lead string) string {
	var out []string
	for _, id := range ids {
		n := id
		if v, ok := a.Names[id]; ok && v != "" {
			n = v
		}
		if id == lead {
			n += " (trưởng đoàn)"
		}
		out = append(out, n)
	}
	return strings.Join(out, ", ")
}

// AuditReport writes the internal audit report for a to w as an A4
// portrait PDF: the header with the print QR, the plan (dates, audited
// period, scope, auditors), the checklist with each item's result and
// evidence, the findings, the conclusion and the lead auditor's
// signature. Pages are numbered "Trang n/N". The same input always gives
// the same bytes.
func (r *Renderer) AuditReport(w io.Writer, a IsoAudit) error {
	if w == nil {
		return errNoWriter
	}
	p := a.Audit.Plan
	pdf, section, line, err := r.recordDoc(a.PrintedAt, "Báo cáo đánh giá nội bộ "+p.ID, a.Office, a.Verify,
		"BÁO CÁO ĐÁNH GIÁ NỘI BỘ", p.Title, "Theo TCVN ISO 9001:2015 – Điều 9.2 · Mã đánh giá: "+p.ID)
	if err != nil {
		return err
	}
	pdf.SetFooterFunc(func() { audFooter(pdf, a) })

	section("I. KẾ HOẠCH ĐÁNH GIÁ")
	line(fmt.Sprintf("Thời gian đánh giá: từ %s đến %s.", auditDay(p.From), auditDay(p.To)))
	line(fmt.Sprintf("Kỳ được đánh giá: từ %s đến %s.", auditDay(p.PeriodFrom), auditDay(p.PeriodTo)))
	if len(p.Clauses) > 0 {
		line("Điều khoản: " + strings.Join(p.Clauses, ", ") + ".")
	}
	if len(p.Processes) > 0 {
		line("Quy trình: " + strings.Join(p.Processes, ", ") + ".")
	}
	line("Đoàn đánh giá: " + a.names(p.Auditors, p.Lead) + ".")

	section("II. KẾT QUẢ THEO DANH MỤC KIỂM TRA")
	t := recordTable(pdf, []float64{26, 76, 24, 54}, []string{"C", "L", "C", "L"}, []string{"Mục", "Nội dung kiểm tra", "Kết quả", "Bằng chứng, ghi chú"})
	for _, it := range a.Checklist {
		c, ok := a.Audit.Checks[it.ID]
		result, notes := "Chưa kiểm tra", ""
		if ok {
			result = checkResultLabels[c.Result]
			notes = strings.TrimSpace(strings.Join([]string{evidenceText(c.Evidence), c.Note}, "\n"))
		}
		t.row([]string{nfc(it.ID), nfc(it.Question), nfc(result), nfc(notes)}, 0)
	}

	section("III. CÁC PHÁT HIỆN")
	if len(a.Audit.Findings) == 0 {
		line("Không có phát hiện.")
	} else {
		ft := recordTable(pdf, []float64{10, 34, 18, 78, 40}, []string{"C", "L", "C", "L", "L"}, []string{"STT", "Loại", "Điều khoản", "Nội dung", "Bằng chứng"})
		for n, f := range a.Audit.Findings {
			kind := findingLabels[f.Kind]
			if f.NC != "" {
				kind += "\n(phiếu " + f.NC + ")"
			}
			body := f.Title
			if f.Description != "" {
				body += "\n" + f.Description
			}
			if f.Process != "" {
				body += "\nQuy trình " + f.Process
			}
			ft.row([]string{itoa(n + 1), nfc(kind), f.Clause, nfc(body), nfc(evidenceText(f.Evidence))}, 0)
		}
	}

	section("IV. KẾT LUẬN")
	if rep := a.Audit.Report; rep != nil {
		line(rep.Conclusion)
		line("Báo cáo ngày " + vnDate(rep.At) + ".")
	} else {
		line("Cuộc đánh giá chưa kết thúc: chưa có kết luận.")
	}
	audSignature(pdf, a)

	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return fmt.Errorf("print: rendering the audit report: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// audSignature draws the lead auditor's signature block at the right,
// on a new page when it does not fit.
func audSignature(pdf *gofpdf.Fpdf, a IsoAudit) {
	const need = 35.0
	if pdf.GetY()+need > audH-audBottom {
		pdf.AddPage()
		pdf.SetY(audMargin)
	}
	y := pdf.GetY() + 6
	x, wd := audMargin+audInner/2, audInner/2
	y = centred(pdf, x, y, wd, 5, "B", 10.5, "TRƯỞNG ĐOÀN ĐÁNH GIÁ")
	centred(pdf, x, y, wd, 5, "I", 9.5, "(Ký, ghi rõ họ tên)")
	lead := a.Audit.Plan.Lead
	if n, ok := a.Names[lead]; ok && n != "" {
		lead = n
	}
	centred(pdf, x, y+20, wd, 5, "B", 10.5, lead)
}

// audFooter numbers the pages and says which audit and when it was
// printed.
func audFooter(pdf *gofpdf.Fpdf, a IsoAudit) {
	y := audH - audBottom + 4
	pdf.SetFont(family, "I", 8)
	pdf.SetXY(audMargin, y)
	left := "Báo cáo đánh giá nội bộ " + a.Audit.Plan.ID
	if a.Reprint > 0 {
		left = fmt.Sprintf("BẢN IN LẠI (lần %d) · %s", a.Reprint, left)
	}
	pdf.CellFormat(audInner/3, 4, nfc(left), "", 0, "L", false, 0, "")
	pdf.SetFont(family, "B", 9)
	pdf.CellFormat(audInner/3, 4, fmt.Sprintf("Trang %d/{nb}", pdf.PageNo()), "", 0, "C", false, 0, "")
	pdf.SetFont(family, "I", 8)
	pdf.CellFormat(audInner/3, 4, nfc(printedAt(a.PrintedAt)), "", 0, "R", false, 0, "")
}

// recordDoc opens an A4 record of a visit (an internal audit report, an
// inspection record): the office's header, the print QR at the left of the
// three title lines, and the writers of its section headings and lines.
// The caller sets the footer.
func (r *Renderer) recordDoc(printedAt time.Time, docTitle string, office Office, verify, title, sub, code string) (pdf *gofpdf.Fpdf, section, line func(string), err error) {
	qr, err := qrCode(verify)
	if err != nil {
		return nil, nil, nil, err
	}
	pdf = r.newSizedDoc(printedAt, docTitle, "P", audW, audH, audMargin, audBottom)
	pdf.AddPage()
	y := headerAt(pdf, office, audMargin, 75, audInner-75-2)
	if qr != nil {
		drawQR(pdf, qr, audW-audMargin-audQR, y+2, audQR)
	}
	tx, tw := audMargin+audQR+3, audInner-2*(audQR+3)
	y = centred(pdf, tx, y+8, tw, 7, "B", 14, title)
	y = centred(pdf, tx, y, tw, 5.5, "B", 11, sub)
	y = centred(pdf, tx, y, tw, 5, "I", 10, code)
	pdf.SetXY(audMargin, max(y, audMargin+audQR+30)+3)
	bottomY := audH - audBottom
	section = func(s string) {
		pdf.Ln(2)
		flow(pdf, audMargin, audInner, 6, bottomY, "B", 11, "L", s)
	}
	line = func(s string) { flow(pdf, audMargin, audInner, 5, bottomY, "", 10.5, "L", s) }
	return pdf, section, line, nil
}

// recordTable starts a ruled table across a record's page at the pen's
// line, its heading drawn (and drawn again on each new page).
func recordTable(pdf *gofpdf.Fpdf, widths []float64, aligns, head []string) *table {
	t := &table{
		pdf: pdf, x: audMargin, widths: widths, aligns: aligns,
		size: 9, lineH: 4, pad: 0.8, bottom: audH - audBottom, head: [][]string{head},
		onPage: func() { pdf.SetXY(audMargin, audMargin) },
	}
	pdf.SetX(audMargin)
	t.heading()
	return t
}
