package print

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"hoso/calendar"
	"hoso/iso"
)

// ReviewMinutes is what the minutes of a management review (biên bản họp
// xem xét của lãnh đạo, ISO 9001:2015 clause 9.3) are printed from: the
// review as recorded, with the inputs compiled when it was.
type ReviewMinutes struct {
	Office Office
	Review iso.Review
	// PrintedAt, Reprint and Verify are as on Doc.
	PrintedAt time.Time
	Reprint   int
	Verify    string
}

// A4 portrait geometry of the minutes, in millimetres.
const (
	minutesW      = 210.0
	minutesH      = 297.0
	minutesMargin = 18.0
	minutesBottom = 16.0
	minutesInner  = minutesW - 2*minutesMargin
	minutesLineH  = 5.2
	minutesSize   = 11.0
)

// statusVN is how the minutes write an objective's status.
var statusVN = map[iso.Status]string{
	iso.StatusMet:    "Đạt",
	iso.StatusAtRisk: "Có nguy cơ không đạt",
	iso.StatusMissed: "Không đạt",
	iso.StatusNoData: "Chưa có số liệu",
}

// figure writes a value in its unit, Vietnamese style ("98,5%").
func figure(v float64, u iso.Unit) string {
	s := strconv.FormatFloat(v, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	s = strings.ReplaceAll(s, ".", ",")
	if u == iso.UnitPercent {
		s += "%"
	}
	return s
}

// targetText writes an objective's target with its comparison.
func targetText(o iso.ObjectiveOutcome) string {
	cmp := "≥ "
	if o.Comparison == iso.AtMost {
		cmp = "≤ "
	}
	return cmp + figure(o.Target, o.Unit)
}

// isoDay writes a day "2026-12-04" as "04/12/2026".
func isoDay(s string) string {
	t, err := time.ParseInLocation(time.DateOnly, s, calendar.Zone)
	if err != nil {
		return s
	}
	return vnDate(t)
}

// minutesDoc draws flowing paragraphs and headings on the minutes.
type minutesDoc struct {
	pdf *gofpdf.Fpdf
	// qrBottom is how far down the QR code reaches: lines above it are
	// narrowed so they do not run into it.
	qrBottom float64
}

// para writes a paragraph, wrapped, in a style, indented by indent.
func (m *minutesDoc) para(style string, indent float64, s string) {
	m.pdf.SetFont(family, style, minutesSize)
	width := func() float64 {
		if m.pdf.GetY() < m.qrBottom {
			return minutesInner - indent - 26
		}
		return minutesInner - indent
	}
	for _, l := range wrap(m.pdf, nfc(s), width(), width()) {
		if m.pdf.GetY()+minutesLineH > minutesH-minutesBottom {
			m.pdf.AddPage()
		}
		m.pdf.SetX(minutesMargin + indent)
		m.pdf.CellFormat(width(), minutesLineH, l, "", 1, "L", false, 0, "")
	}
}

// heading writes a numbered section heading.
func (m *minutesDoc) heading(s string) {
	m.pdf.SetY(m.pdf.GetY() + 1.5)
	m.para("B", 0, s)
}

// table draws a ruled table under headings.
func (m *minutesDoc) table(widths []float64, aligns []string, head []string, rows [][]string) {
	t := &table{
		pdf: m.pdf, x: minutesMargin, widths: widths, aligns: aligns, size: 9.5, lineH: 4.4, pad: 0.8,
		bottom: minutesH - minutesBottom, head: [][]string{head},
		onPage: func() { m.pdf.SetXY(minutesMargin, minutesMargin) },
	}
	m.pdf.SetX(minutesMargin)
	t.heading()
	for _, r := range rows {
		t.row(r, 0)
	}
	m.pdf.SetY(m.pdf.GetY() + 1)
}

// ReviewMinutes writes the minutes of a management review to w as an A4
// portrait PDF: the header, the title, when and who, the inputs compiled
// from the records (objectives, audits, nonconformities and actions,
// satisfaction, on-time rates per procedure, catalog changes, resources),
// the decisions, the actions assigned, the signatures and the print QR.
// The same input always gives the same bytes.
func (r *Renderer) ReviewMinutes(w io.Writer, mi ReviewMinutes) error {
	if w == nil {
		return errNoWriter
	}
	qr, err := qrCode(mi.Verify)
	if err != nil {
		return err
	}
	rv, in := mi.Review, mi.Review.Inputs
	pdf := r.newSizedDoc(mi.PrintedAt, "Biên bản họp xem xét của lãnh đạo "+isoDay(rv.Date), "P", minutesW, minutesH, minutesMargin, minutesBottom)
	pdf.SetFooterFunc(func() { minutesFooter(pdf, mi) })
	pdf.AddPage()
	y := headerAt(pdf, mi.Office, minutesMargin, 75, minutesInner-75-2)
	held, _ := time.ParseInLocation(time.DateOnly, rv.Date, calendar.Zone)
	pdf.SetFont(family, "I", minutesSize)
	pdf.SetXY(minutesMargin+77, y+2)
	pdf.CellFormat(minutesInner-77, minutesLineH, nfc(vnDateLine(mi.Office.Place, held)), "", 0, "C", false, 0, "")
	if qr != nil {
		drawQR(pdf, qr, minutesW-minutesMargin-22, y+9, 22)
	}
	y = centred(pdf, minutesMargin, y+12, minutesInner-24, 6.5, "B", 14, "BIÊN BẢN")
	y = centred(pdf, minutesMargin, y, minutesInner-24, 6, "B", 12, "HỌP XEM XÉT CỦA LÃNH ĐẠO VỀ HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG")
	y = centred(pdf, minutesMargin, y, minutesInner-24, 5.5, "I", 10.5, "theo TCVN ISO 9001:2015 (điều khoản 9.3)")
	pdf.SetY(y + 3)
	m := &minutesDoc{pdf: pdf, qrBottom: y + 4}

	m.para("", 0, fmt.Sprintf("Thời gian: ngày %s. Kỳ xem xét: từ ngày %s đến ngày %s.", isoDay(rv.Date), isoDay(in.From), isoDay(in.To)))
	m.para("", 0, "Chủ trì: "+rv.Chair+".")
	m.para("", 0, "Thành phần tham dự: "+strings.Join(rv.Attendees, "; ")+".")

	m.heading("I. ĐẦU VÀO XEM XÉT (tổng hợp tự động từ hồ sơ của hệ thống)")
	m.para("B", 0, "1. Kết quả thực hiện mục tiêu chất lượng")
	if len(in.Objectives) == 0 {
		m.para("I", 4, "Chưa có mục tiêu chất lượng cho năm.")
	} else {
		var rows [][]string
		for i, o := range in.Objectives {
			value := "—"
			if o.Known {
				value = figure(o.Value, o.Unit)
			}
			rows = append(rows, []string{strconv.Itoa(i + 1), o.Name, targetText(o), value, statusVN[o.Status]})
		}
		m.table([]float64{10, 88, 22, 22, 32}, []string{"C", "L", "C", "C", "C"}, []string{"TT", "Mục tiêu", "Chỉ tiêu", "Kết quả", "Đánh giá"}, rows)
	}
	m.para("B", 0, "2. Kết quả đánh giá nội bộ")
	a := in.Audits
	last := "chưa có"
	if a.Last != nil {
		last = "ngày " + vnDate(*a.Last)
	}
	m.para("", 4, fmt.Sprintf("Số cuộc đánh giá: %d; số phát hiện: %d, trong đó %d điểm không phù hợp; lần đánh giá gần nhất: %s.", a.Audits, a.Findings, a.Nonconformities, last))
	m.para("B", 0, "3. Sự không phù hợp và hành động khắc phục")
	nc, ac := in.Nonconformities, in.Actions
	m.para("", 4, fmt.Sprintf("Sự không phù hợp: %d đang mở, %d đã đóng (%d phát hiện tự động, %d ghi nhận thủ công).", nc.Open, nc.Closed, nc.Auto, nc.Manual))
	m.para("", 4, fmt.Sprintf("Hành động khắc phục: %d đang thực hiện (%d quá hạn), %d đã hoàn thành, %d được đánh giá có hiệu lực.", ac.Open, ac.Overdue, ac.Closed, ac.Effective))
	m.para("B", 0, "4. Sự hài lòng của người dân, tổ chức")
	if in.Satisfaction.Known {
		m.para("", 4, fmt.Sprintf("%d/%d lượt đánh giá hài lòng (%s).", in.Satisfaction.Satisfied, in.Satisfaction.Rated, figure(in.Satisfaction.Rate, iso.UnitPercent)))
	} else {
		m.para("I", 4, "Chưa có lượt đánh giá nào trong kỳ.")
	}
	m.para("B", 0, "5. Tỷ lệ giải quyết đúng hạn theo từng quy trình")
	if len(in.OnTime) == 0 {
		m.para("I", 4, "Không có hồ sơ được giải quyết trong kỳ.")
	} else {
		var rows [][]string
		for _, p := range in.OnTime {
			name := p.Name
			if name == "" {
				name = p.Procedure
			}
			rows = append(rows, []string{p.Procedure, name, strconv.Itoa(p.Resolved), strconv.Itoa(p.OnTime), figure(p.Rate, iso.UnitPercent)})
		}
		m.table([]float64{24, 90, 20, 20, 20}, []string{"C", "L", "C", "C", "C"}, []string{"Mã", "Thủ tục", "Đã giải quyết", "Đúng hạn", "Tỷ lệ"}, rows)
	}
	m.para("B", 0, "6. Thay đổi về pháp luật, danh mục thủ tục hành chính")
	if len(in.CatalogChanges) == 0 {
		m.para("I", 4, "Không có thay đổi trong kỳ.")
	}
	for _, c := range in.CatalogChanges {
		m.para("", 4, fmt.Sprintf("- Ngày %s: %s (mã %s), phiên bản %d.", vnDate(c.At), c.Name, c.Procedure, c.Version))
	}
	m.para("B", 0, "7. Nguồn lực")
	if strings.TrimSpace(rv.Resources) == "" {
		m.para("I", 4, "Không có ý kiến.")
	} else {
		m.para("", 4, rv.Resources)
	}

	m.heading("II. KẾT LUẬN CỦA LÃNH ĐẠO")
	for i, d := range rv.Decisions {
		m.para("", 0, fmt.Sprintf("%d. %s", i+1, d))
	}
	m.heading("III. HÀNH ĐỘNG ĐƯỢC GIAO")
	if len(rv.Actions) == 0 {
		m.para("I", 4, "Không có hành động được giao.")
	} else {
		var rows [][]string
		for i, a := range rv.Actions {
			owner := a.OwnerName
			if owner == "" {
				owner = a.Owner
			}
			rows = append(rows, []string{strconv.Itoa(i + 1), a.Title, owner, isoDay(a.Due)})
		}
		m.table([]float64{10, 100, 40, 24}, []string{"C", "L", "L", "C"}, []string{"TT", "Nội dung", "Người thực hiện", "Thời hạn"}, rows)
	}
	minutesSignatures(pdf, rv.Chair)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return fmt.Errorf("print: rendering the review minutes: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// minutesSignatures draws the secretary's and the chair's signatures.
func minutesSignatures(pdf *gofpdf.Fpdf, chair string) {
	const space = 22.0
	if pdf.GetY()+8+2*minutesLineH+space > minutesH-minutesBottom {
		pdf.AddPage()
	}
	y := pdf.GetY() + 6
	colW := minutesInner / 2
	centred(pdf, minutesMargin, y, colW, minutesLineH, "B", minutesSize, "THƯ KÝ")
	centred(pdf, minutesMargin+colW, y, colW, minutesLineH, "B", minutesSize, "CHỦ TRÌ")
	centred(pdf, minutesMargin+colW, y+minutesLineH, colW, minutesLineH, "I", 9.5, "(Ký, ghi rõ họ tên)")
	centred(pdf, minutesMargin, y+minutesLineH, colW, minutesLineH, "I", 9.5, "(Ký, ghi rõ họ tên)")
	centred(pdf, minutesMargin+colW, y+2*minutesLineH+space, colW, minutesLineH, "B", minutesSize, chair)
}

// minutesFooter numbers the pages and says when the minutes were printed.
func minutesFooter(pdf *gofpdf.Fpdf, mi ReviewMinutes) {
	y := minutesH - minutesBottom + 4
	pdf.SetFont(family, "I", 8)
	pdf.SetXY(minutesMargin, y)
	left := "Biên bản xem xét của lãnh đạo " + mi.Review.ID
	if mi.Reprint > 0 {
		left = fmt.Sprintf("BẢN IN LẠI (lần %d) · %s", mi.Reprint, left)
	}
	pdf.CellFormat(minutesInner/3, 4, nfc(left), "", 0, "L", false, 0, "")
	pdf.CellFormat(minutesInner/3, 4, fmt.Sprintf("Trang %d/{nb}", pdf.PageNo()), "", 0, "C", false, 0, "")
	pdf.CellFormat(minutesInner/3, 4, nfc(printedAt(mi.PrintedAt)), "", 0, "R", false, 0, "")
}
