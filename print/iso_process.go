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
	"hoso/catalog"
	"hoso/iso"
)

// IsoProcess is what the controlled copy of a documented process (quy
// trình, TCVN ISO 9001:2015 clause 7.5) is printed from: one revision of
// an office's process of a procedure.
type IsoProcess struct {
	Office Office
	// Revision is the revision printed, with its state: a draft prints
	// marked as such, a superseded revision marked "HẾT HIỆU LỰC" on every
	// page, so an obsolete copy is never taken for the one in force.
	Revision iso.Revision
	// InForce and SupersededOn are Revision's days as dates (zero: none).
	InForce, SupersededOn time.Time
	// ApprovedAt is when the leader approved it (zero for a draft).
	ApprovedAt time.Time
	// PrintedAt, Reprint and Verify are as on Doc.
	PrintedAt time.Time
	Reprint   int
	Verify    string
}

// A4 portrait geometry of the process, in millimetres.
const (
	procW      = 210.0
	procH      = 297.0
	procMargin = 15.0
	procBottom = 16.0
	procInner  = procW - 2*procMargin
	procQR     = 24.0
	procSize   = 11.0
	procLineH  = 5.2
)

// roleNames are the step roles as a process names who is responsible.
var roleNames = map[catalog.Role]string{
	catalog.RoleClerk:   "Công chức tiếp nhận và trả kết quả",
	catalog.RoleOfficer: "Công chức chuyên môn",
	catalog.RoleLeader:  "Lãnh đạo cơ quan",
	catalog.RoleAgency:  "Cơ quan phối hợp",
}

// paperForms are the kinds of paper as the dossier's components list them.
var paperForms = map[catalog.DocumentForm]string{
	catalog.FormOriginal:      "Bản chính",
	catalog.FormCertifiedCopy: "Bản sao có chứng thực",
	catalog.FormCopy:          "Bản sao",
	catalog.FormShow:          "Xuất trình để đối chiếu",
}

// hoursText writes working hours the Vietnamese way: "4 giờ", "0,5 giờ".
func hoursText(h float64) string {
	return strings.ReplaceAll(strconv.FormatFloat(h, 'f', -1, 64), ".", ",") + " giờ"
}

// processLimit writes a process's time limit in words.
func processLimit(d iso.ProcessDoc) string {
	s := fmt.Sprintf("%d ngày làm việc kể từ khi nhận đủ hồ sơ hợp lệ", d.TimeLimitWD)
	if d.TimeLimitWD == 0 {
		s = "Trong ngày làm việc (hồ sơ nhận sau 15 giờ trả trong ngày làm việc tiếp theo)"
	}
	if d.ExtendedTimeLimitWD != nil {
		s += fmt.Sprintf("; %d ngày làm việc", *d.ExtendedTimeLimitWD)
		if r := strings.TrimSpace(d.ExtendedReason); r != "" {
			s += " nếu " + r
		}
	}
	return s
}

// processMark is the word printed across a revision that is not in
// force: a draft, or a superseded revision — "HẾT HIỆU LỰC", or "HẾT HIỆU
// LỰC TỪ NGÀY …" while the revision replacing it is not in force yet on
// the day it is printed.
func processMark(p IsoProcess) string {
	switch p.Revision.State {
	case iso.StateSuperseded:
		if on := p.SupersededOn; !on.IsZero() && vnDay(on).After(vnDay(p.PrintedAt)) {
			return "HẾT HIỆU LỰC TỪ NGÀY " + vnDate(on)
		}
		return "HẾT HIỆU LỰC"
	case iso.StateDrafted:
		return "BẢN DỰ THẢO – CHƯA PHÊ DUYỆT"
	}
	return ""
}

// vnDay is the start of t's day in Vietnam.
func vnDay(t time.Time) time.Time {
	t = t.In(calendar.Zone)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, calendar.Zone)
}

// IsoProcess writes the controlled copy of a process revision to w as an
// A4 portrait PDF: the office's header, the document-control box (code,
// issue, revision, in-force day) beside the print QR, the title "QUY
// TRÌNH", the eight sections and the approval; a revision not in force is
// marked on every page. The same input always gives the same bytes.
func (r *Renderer) IsoProcess(w io.Writer, p IsoProcess) error {
	if w == nil {
		return errNoWriter
	}
	qr, err := qrCode(p.Verify)
	if err != nil {
		return err
	}
	d := p.Revision.Doc
	pdf := r.newSizedDoc(p.PrintedAt, "Quy trình "+d.Code+" – "+d.Name, "P", procW, procH, procMargin, procBottom)
	pdf.SetFooterFunc(func() { processFooter(pdf, p) })
	pdf.AddPage()
	y := headerAt(pdf, p.Office, procMargin, 80, procInner-82)

	// The document-control box, with the QR code on its right.
	y += 5
	issue := "—"
	if p.Revision.Issue > 0 {
		issue = fmt.Sprintf("%02d", p.Revision.Issue)
	}
	inForce := "Chưa phê duyệt"
	if !p.InForce.IsZero() {
		inForce = vnDate(p.InForce)
	}
	control := [][2]string{
		{"Mã hiệu", d.Code},
		{"Lần ban hành", issue},
		{"Bản sửa đổi số", fmt.Sprintf("%02d", p.Revision.Revision)},
		{"Ngày hiệu lực", inForce},
	}
	pdf.SetFont(family, "", 10)
	for i, c := range control {
		box(pdf, procMargin, y+float64(i)*6, 38, 6, 5, 1, "L", c[0])
		box(pdf, procMargin+38, y+float64(i)*6, 50, 6, 5, 1, "L", c[1])
	}
	if qr != nil {
		drawQR(pdf, qr, procW-procMargin-procQR, y-1, procQR)
	}
	y += float64(len(control))*6 + 5
	y = centred(pdf, procMargin, y, procInner, 8, "B", 17, "QUY TRÌNH")
	y = centred(pdf, procMargin, y, procInner, 6, "B", 13, d.Name)
	y = centred(pdf, procMargin, y+1, procInner, 5, "I", 10, fmt.Sprintf("Mã thủ tục %s · Lĩnh vực %s", d.Procedure, d.Sector))
	if m := processMark(p); m != "" {
		y = centred(pdf, procMargin, y+2, procInner, 8, "B", 15, m)
		if p.Revision.State == iso.StateSuperseded {
			y = centred(pdf, procMargin, y, procInner, 5, "I", 10,
				fmt.Sprintf("Được thay thế bởi bản sửa đổi số %02d từ ngày %s", p.Revision.SupersededBy, vnDate(p.SupersededOn)))
		}
	}
	pdf.SetXY(procMargin, y+3)

	section := func(title, text string) {
		heading(pdf, title)
		flow(pdf, procMargin+4, procInner-4, procLineH, procH-procBottom, "", procSize, "L", text)
	}
	section("1. Mục đích", d.Purpose)
	section("2. Phạm vi áp dụng", d.Scope)
	basis := d.Basis
	if strings.TrimSpace(basis) == "" {
		basis = "Chưa ghi trong danh mục thủ tục hành chính của cơ quan."
	}
	section("3. Căn cứ pháp lý", basis)

	heading(pdf, "4. Thành phần hồ sơ")
	papers := &table{
		pdf: pdf, x: procMargin, widths: []float64{10, 95, 40, 17, 18}, aligns: []string{"C", "L", "L", "C", "C"},
		size: 10, lineH: 4.6, pad: 1, bottom: procH - procBottom,
		head:   [][]string{{"STT", "Tên giấy tờ", "Hình thức", "Số lượng", "Bắt buộc"}},
		onPage: func() { pdf.SetXY(procMargin, procMargin) },
	}
	papers.heading()
	if len(d.Papers) == 0 {
		papers.row([]string{"", "Không có", "", "", ""}, 0)
	}
	for i, x := range d.Papers {
		req := "Không"
		if x.Required {
			req = "Có"
		}
		papers.row([]string{itoa(i + 1), x.Name, paperForms[x.Form], itoa(x.Count), req}, 0)
	}
	pdf.SetY(pdf.GetY() + 2)
	section("5. Thời hạn giải quyết", processLimit(d))
	section("6. Phí, lệ phí", d.Fee)

	heading(pdf, "7. Trình tự thực hiện")
	steps := &table{
		pdf: pdf, x: procMargin, widths: []float64{12, 60, 58, 22, 28}, aligns: []string{"C", "L", "L", "C", "C"},
		size: 10, lineH: 4.6, pad: 1, bottom: procH - procBottom,
		head:   [][]string{{"Bước", "Nội dung công việc", "Trách nhiệm", "Thời gian", "Biểu mẫu"}},
		onPage: func() { pdf.SetXY(procMargin, procMargin) },
	}
	steps.heading()
	total := 0.0
	for _, s := range d.Steps {
		total += s.Hours
		role := roleNames[s.Role]
		if role == "" {
			role = string(s.Role)
		}
		steps.row([]string{itoa(s.No), s.Name, role, hoursText(s.Hours), s.Form}, 0)
	}
	steps.row([]string{"", "Tổng thời gian giải quyết", "", hoursText(total), ""}, 0)
	if d.DefaultSteps {
		pdf.SetY(pdf.GetY() + 1)
		flow(pdf, procMargin, procInner, procLineH, procH-procBottom, "I", 9.5, "L", "Bảng các bước lấy theo bảng mặc định do danh mục chưa có bảng các bước của thủ tục.")
	}
	pdf.SetY(pdf.GetY() + 2)

	heading(pdf, "8. Hồ sơ cần lưu")
	for i, rec := range d.Records {
		flow(pdf, procMargin+4, procInner-4, procLineH, procH-procBottom, "", procSize, "L", fmt.Sprintf("%d. %s", i+1, rec))
	}
	approval(pdf, p)

	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return fmt.Errorf("print: rendering the process: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// heading writes a section's heading, starting a new page when not even a
// line under it would fit.
func heading(pdf *gofpdf.Fpdf, s string) {
	if pdf.GetY()+3*procLineH > procH-procBottom {
		pdf.AddPage()
		pdf.SetY(procMargin)
	}
	pdf.SetY(pdf.GetY() + 1.5)
	flow(pdf, procMargin, procInner, procLineH+0.6, procH-procBottom, "B", 11.5, "L", s)
}

// approval writes who drafted and who approved the revision, on the
// right, as the signature block of an administrative document.
func approval(pdf *gofpdf.Fpdf, p IsoProcess) {
	if pdf.GetY()+30 > procH-procBottom {
		pdf.AddPage()
		pdf.SetY(procMargin)
	}
	x, wd := procMargin+procInner/2, procInner/2
	y := pdf.GetY() + 6
	if p.Revision.State == iso.StateDrafted {
		centred(pdf, x, y, wd, 5.5, "B", 11, "NGƯỜI PHÊ DUYỆT")
		centred(pdf, x, y+6, wd, 5, "I", 10, "(chưa phê duyệt)")
		return
	}
	centred(pdf, x, y, wd, 5.5, "I", 10.5, "Phê duyệt ngày "+vnDate(p.ApprovedAt))
	centred(pdf, x, y+6, wd, 5.5, "B", 11, "NGƯỜI PHÊ DUYỆT")
	centred(pdf, x, y+24, wd, 5.5, "B", 11, p.Revision.ApproverName)
}

// processFooter numbers the pages and says which process, which revision
// and when it was printed; a revision not in force is marked on every
// page.
func processFooter(pdf *gofpdf.Fpdf, p IsoProcess) {
	y := procH - procBottom + 4
	left := fmt.Sprintf("%s · Bản sửa đổi số %02d", p.Revision.Doc.Code, p.Revision.Revision)
	if m := processMark(p); m != "" {
		left += " · " + m
	}
	if p.Reprint > 0 {
		left = fmt.Sprintf("BẢN IN LẠI (lần %d) · %s", p.Reprint, left)
	}
	pdf.SetFont(family, "I", 8)
	pdf.SetXY(procMargin, y)
	pdf.CellFormat(procInner/2, 4, nfc(left), "", 0, "L", false, 0, "")
	pdf.SetFont(family, "B", 9)
	pdf.CellFormat(procInner/6, 4, fmt.Sprintf("Trang %d/{nb}", pdf.PageNo()), "", 0, "C", false, 0, "")
	pdf.SetFont(family, "I", 8)
	pdf.CellFormat(procInner/3, 4, nfc(printedAt(p.PrintedAt)), "", 0, "R", false, 0, "")
}
