package print

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"hoso/iso"
)

// IsoYearReport is what the yearly report on an office's quality system
// (Decision 101/2018/QĐ-TTg) is printed from: the form as data and the
// figures of the office and of each office below it.
type IsoYearReport struct {
	Office Office
	Year   int
	Form   iso.YearReportForm
	// Rows are the office first, then the offices below it.
	Rows []IsoYearRow
	// PrintedAt, Reprint and Verify are as on Doc.
	PrintedAt time.Time
	Reprint   int
	Verify    string
}

// IsoYearRow is one office's quality system in the year.
type IsoYearRow struct {
	Code, Name string
	Depth      int
	Processes  ProcessCounts
	Objectives int
	Met        int
	NC         iso.NCSummary
	Actions    iso.ActionSummary
	// LastAudit and LastReview are days "2026-10-15", "" for none.
	LastAudit, LastReview string
}

// ProcessCounts counts an office's processes by state.
type ProcessCounts struct{ InForce, Draft, Superseded int }

// dayOrNone writes a day or "chưa thực hiện".
func dayOrNone(s string) string {
	if s == "" {
		return "chưa thực hiện"
	}
	return "ngày " + isoDay(s)
}

// IsoYearReport writes the yearly report to w as an A4 portrait PDF: the
// header, the title and addressee of the form, the office's items filled
// from its records (or left with dotted lines to write by hand), the table
// of the offices below, the signature and the print QR; the items not
// verified against the official form are starred and explained at the end.
// The same input always gives the same bytes.
func (r *Renderer) IsoYearReport(w io.Writer, rep IsoYearReport) error {
	if w == nil {
		return errNoWriter
	}
	if len(rep.Rows) == 0 {
		return fmt.Errorf("print: the yearly report has no office")
	}
	qr, err := qrCode(rep.Verify)
	if err != nil {
		return err
	}
	pdf := r.newSizedDoc(rep.PrintedAt, fmt.Sprintf("Báo cáo ISO năm %d", rep.Year), "P", minutesW, minutesH, minutesMargin, minutesBottom)
	pdf.SetFooterFunc(func() { yearReportFooter(pdf, rep) })
	pdf.AddPage()
	y := headerAt(pdf, rep.Office, minutesMargin, 75, minutesInner-75-2)
	pdf.SetFont(family, "I", minutesSize)
	pdf.SetXY(minutesMargin+77, y+2)
	pdf.CellFormat(minutesInner-77, minutesLineH, nfc(vnDateLine(rep.Office.Place, rep.PrintedAt)), "", 0, "C", false, 0, "")
	if qr != nil {
		drawQR(pdf, qr, minutesW-minutesMargin-22, y+9, 22)
	}
	star := func(unsure bool) string {
		if unsure {
			return " (*)"
		}
		return ""
	}
	y = centred(pdf, minutesMargin, y+12, minutesInner-24, 6, "B", 12, rep.Form.Title+star(rep.Form.Unsure))
	y = centred(pdf, minutesMargin, y, minutesInner-24, 6, "B", 12, "NĂM "+strconv.Itoa(rep.Year))
	y = centred(pdf, minutesMargin, y, minutesInner-24, 5.5, "I", 10.5, "(theo "+rep.Form.Basis+")")
	pdf.SetY(y + 2)
	m := &minutesDoc{pdf: pdf, qrBottom: y + 4}
	m.para("", 30, "Kính gửi: "+rep.Form.SendTo+".")
	top := rep.Rows[0]
	n := 0
	for _, it := range rep.Form.Items {
		n++
		m.para("B", 0, fmt.Sprintf("%d. %s%s", n, it.Label, star(it.Unsure)))
		switch it.Key {
		case iso.YearItemProcesses:
			m.para("", 4, fmt.Sprintf("%d quy trình đang có hiệu lực; %d dự thảo chờ phê duyệt; %d phiên bản đã hết hiệu lực được lưu.", top.Processes.InForce, top.Processes.Draft, top.Processes.Superseded))
		case iso.YearItemObjectives:
			if top.Objectives == 0 {
				m.para("", 4, "Chưa xây dựng mục tiêu chất lượng cho năm.")
			} else {
				m.para("", 4, fmt.Sprintf("%d mục tiêu chất lượng; %d mục tiêu đạt tính đến ngày báo cáo.", top.Objectives, top.Met))
			}
		case iso.YearItemAudit:
			m.para("", 4, "Lần đánh giá nội bộ gần nhất: "+dayOrNone(top.LastAudit)+".")
		case iso.YearItemReview:
			m.para("", 4, "Lần họp xem xét của lãnh đạo gần nhất: "+dayOrNone(top.LastReview)+".")
		case iso.YearItemNonconformities:
			m.para("", 4, fmt.Sprintf("%d sự không phù hợp trong năm (%d phát hiện tự động từ hồ sơ, %d ghi nhận thủ công); %d đang mở, %d đã đóng.",
				top.NC.Auto+top.NC.Manual, top.NC.Auto, top.NC.Manual, top.NC.Open, top.NC.Closed))
		case iso.YearItemActions:
			m.para("", 4, fmt.Sprintf("%d hành động khắc phục đang thực hiện (%d quá hạn); %d đã hoàn thành, trong đó %d được kiểm tra có hiệu lực.",
				top.Actions.Open, top.Actions.Overdue, top.Actions.Closed, top.Actions.Effective))
		case iso.YearItemBelow:
			yearReportBelow(m, rep.Rows[1:])
		default:
			for range 3 {
				m.para("", 4, strings.Repeat(".", 120))
			}
		}
	}
	if unsure := unsureNote(rep.Form); unsure != "" {
		m.para("I", 0, unsure)
	}
	yearReportSignature(pdf)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return fmt.Errorf("print: rendering the yearly ISO report: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// yearReportBelow draws the table of the offices below, or says there
// are none.
func yearReportBelow(m *minutesDoc, rows []IsoYearRow) {
	if len(rows) == 0 {
		m.para("", 4, "Không có cơ quan, đơn vị trực thuộc trong phạm vi báo cáo.")
		return
	}
	var body [][]string
	for _, r := range rows {
		name := strings.Repeat("  ", max(r.Depth-1, 0)) + r.Name
		body = append(body, []string{name, strconv.Itoa(r.Processes.InForce), fmt.Sprintf("%d/%d", r.Met, r.Objectives),
			strconv.Itoa(r.NC.Open), fmt.Sprintf("%d (%d)", r.Actions.Open, r.Actions.Overdue), isoDayOrDash(r.LastAudit), isoDayOrDash(r.LastReview)})
	}
	m.table([]float64{54, 18, 18, 18, 22, 22, 22}, []string{"L", "C", "C", "C", "C", "C", "C"},
		[]string{"Cơ quan, đơn vị", "Quy trình hiệu lực", "Mục tiêu đạt", "Sự KPH đang mở", "HĐKP mở (quá hạn)", "Đánh giá nội bộ", "Xem xét lãnh đạo"}, body)
}

func isoDayOrDash(s string) string {
	if s == "" {
		return "—"
	}
	return isoDay(s)
}

// unsureNote explains the stars, or is "" when nothing is starred.
func unsureNote(f iso.YearReportForm) string {
	starred := f.Unsure
	for _, it := range f.Items {
		starred = starred || it.Unsure
	}
	if !starred {
		return ""
	}
	return "(*) Mẫu và các mục đánh dấu chưa được đối chiếu với biểu mẫu chính thức; cơ quan kiểm tra lại trước khi gửi. Thời hạn gửi: " + f.Deadline + " (cần xác minh)."
}

// yearReportSignature draws the head of the office's signature.
func yearReportSignature(pdf *gofpdf.Fpdf) {
	const space = 22.0
	if pdf.GetY()+8+2*minutesLineH+space > minutesH-minutesBottom {
		pdf.AddPage()
	}
	y := pdf.GetY() + 6
	colW := minutesInner / 2
	centred(pdf, minutesMargin+colW, y, colW, minutesLineH, "B", minutesSize, "THỦ TRƯỞNG CƠ QUAN")
	centred(pdf, minutesMargin+colW, y+minutesLineH, colW, minutesLineH, "I", 9.5, "(Ký, ghi rõ họ tên và đóng dấu)")
}

// yearReportFooter numbers the pages and says when the report was printed.
func yearReportFooter(pdf *gofpdf.Fpdf, rep IsoYearReport) {
	y := minutesH - minutesBottom + 4
	pdf.SetFont(family, "I", 8)
	pdf.SetXY(minutesMargin, y)
	left := fmt.Sprintf("Báo cáo ISO năm %d", rep.Year)
	if rep.Reprint > 0 {
		left = fmt.Sprintf("BẢN IN LẠI (lần %d) · %s", rep.Reprint, left)
	}
	pdf.CellFormat(minutesInner/3, 4, nfc(left), "", 0, "L", false, 0, "")
	pdf.CellFormat(minutesInner/3, 4, fmt.Sprintf("Trang %d/{nb}", pdf.PageNo()), "", 0, "C", false, 0, "")
	pdf.CellFormat(minutesInner/3, 4, nfc(printedAt(rep.PrintedAt)), "", 0, "R", false, 0, "")
}
