package print

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"hoso/plan"
)

// PlanMatrix is what the supervisor's matrix of a plan (bảng theo dõi
// tiến độ thực hiện kế hoạch) is printed from: the plan, the quarter and
// the filters it was computed with, and each office's status on each task.
type PlanMatrix struct {
	// Office is the issuer printing it.
	Office Office
	Plan   string
	Title  string
	// Decision is the plan's decision, "3170/QĐ-UBND ngày 27/09/2012", or
	// "" for none.
	Decision string
	Quarter  string
	// Task and OfficeFilter are the filters ("" is every task, every
	// office).
	Task, OfficeFilter string
	Tasks              []PlanMatrixTask
	Rows               []PlanMatrixRow
	// PrintedAt, Reprint and Verify are as on Doc; PrintedAt is also when
	// the matrix was computed.
	PrintedAt time.Time
	Reprint   int
	Verify    string
}

// PlanMatrixTask is a column: a task with its deadline as the matrix
// writes it ("2012-10-20", "quarterly from 2012Q4" or "").
type PlanMatrixTask struct {
	ID, Title, Deadline string
}

// PlanMatrixRow is an office with its status on each task it has in the
// quarter (plan.CellDone …), by task ID.
type PlanMatrixRow struct {
	Code, Name string
	Cells      map[string]string
}

// PlanCellStatuses are the matrix's statuses in the order the counts and
// the legend give them.
var PlanCellStatuses = []string{plan.CellDone, plan.CellOnTrack, plan.CellDueSoon, plan.CellLate, plan.CellNotReported}

// PlanCellVN writes a matrix status in Vietnamese.
var PlanCellVN = map[string]string{
	plan.CellDone:        "Đã xong",
	plan.CellOnTrack:     "Đúng tiến độ",
	plan.CellDueSoon:     "Sắp đến hạn",
	plan.CellLate:        "Trễ hạn",
	plan.CellNotReported: "Chưa báo cáo",
}

// PlanDeadlineVN writes a task's deadline as the matrix prints it.
func PlanDeadlineVN(d string) string {
	if q, ok := strings.CutPrefix(d, "quarterly from "); ok {
		return "Hằng quý, từ " + q
	}
	if d == "" {
		return "—"
	}
	return isoDay(d)
}

// The matrix is portrait up to planMatrixPortrait tasks, landscape beyond
// so that the columns stay wide enough to read.
const (
	planMatrixPortrait = 6
	planMatrixMargin   = 12.0
	planMatrixBottom   = 14.0
)

// PlanMatrix writes the matrix to w as an A4 PDF: the header, the title
// with the plan, its decision, the quarter and the filters, the print QR,
// a table of offices × tasks with each status in words whose heading
// repeats on every page, the counts per status, the tasks' titles and
// deadlines, and when it was computed. Many tasks turn the page to
// landscape. The same input always gives the same bytes.
func (r *Renderer) PlanMatrix(w io.Writer, m PlanMatrix) error {
	if w == nil {
		return errNoWriter
	}
	if len(m.Tasks) == 0 {
		return fmt.Errorf("print: the matrix has no task")
	}
	qr, err := qrCode(m.Verify)
	if err != nil {
		return err
	}
	pageW, pageH, orient := minutesW, minutesH, "P"
	if len(m.Tasks) > planMatrixPortrait {
		pageW, pageH, orient = minutesH, minutesW, "L"
	}
	inner := pageW - 2*planMatrixMargin
	// gofpdf turns the A4 size itself for a landscape page.
	pdf := r.newSizedDoc(m.PrintedAt, "Theo dõi thực hiện kế hoạch "+m.Plan, orient, minutesW, minutesH, planMatrixMargin, planMatrixBottom)
	pdf.SetFooterFunc(func() {
		listFooter(pdf, planMatrixMargin, pageH-planMatrixBottom+4, inner, "Theo dõi kế hoạch "+m.Plan+", quý "+m.Quarter, m.Reprint, m.PrintedAt)
	})
	pdf.AddPage()
	y := listHeading(pdf, m.Office, planMatrixMargin, inner, m.PrintedAt, qr)
	titleW := inner - 48
	y = centred(pdf, planMatrixMargin+24, y+12, titleW, 6.5, "B", 14, "BẢNG THEO DÕI TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH")
	y = centred(pdf, planMatrixMargin+24, y, titleW, 5.5, "B", 11, m.Title)
	if m.Decision != "" {
		y = centred(pdf, planMatrixMargin+24, y, titleW, 5.5, "I", 10.5, "(Ban hành kèm theo "+m.Decision+")")
	}
	y = centred(pdf, planMatrixMargin+24, y, titleW, 5.5, "", 10.5, "Quý "+m.Quarter+" · "+planMatrixFilters(m))
	pdf.SetY(max(y+3, pdf.GetY()))

	size := 9.0
	nameW := 52.0
	if len(m.Tasks) > planMatrixPortrait {
		size, nameW = 7.5, 46
	}
	taskW := (inner - 8 - nameW) / float64(len(m.Tasks))
	widths := []float64{8, nameW}
	aligns := []string{"C", "L"}
	head := []string{"TT", "Cơ quan, đơn vị"}
	for _, t := range m.Tasks {
		widths, aligns, head = append(widths, taskW), append(aligns, "C"), append(head, t.ID)
	}
	counts := map[string]int{}
	tb := &table{pdf: pdf, x: planMatrixMargin, widths: widths, aligns: aligns, size: size, lineH: size * 0.45, pad: 0.8,
		bottom: pageH - planMatrixBottom, head: [][]string{head},
		onPage: func() { pdf.SetXY(planMatrixMargin, planMatrixMargin) }}
	pdf.SetX(planMatrixMargin)
	tb.heading()
	for i, row := range m.Rows {
		name := row.Name
		if name == "" {
			name = row.Code
		}
		cells := []string{strconv.Itoa(i + 1), name}
		for _, t := range m.Tasks {
			s, ok := row.Cells[t.ID]
			if ok {
				counts[s]++
			}
			cells = append(cells, PlanCellVN[s])
		}
		tb.row(cells, 0)
	}
	if len(m.Rows) == 0 {
		tb.row(append([]string{"", "Không có cơ quan nào có nhiệm vụ trong quý"}, make([]string, len(m.Tasks))...), 0)
	}
	md := &planMatrixDoc{pdf: pdf, inner: inner, bottom: pageH - planMatrixBottom}
	pdf.SetY(pdf.GetY() + 2)
	var parts []string
	for _, s := range PlanCellStatuses {
		parts = append(parts, fmt.Sprintf("%s: %d", PlanCellVN[s], counts[s]))
	}
	md.line("B", "Tổng hợp: "+strings.Join(parts, "; ")+".")
	md.line("B", "Các nhiệm vụ:")
	for _, t := range m.Tasks {
		md.line("", t.ID+". "+t.Title+" (thời hạn: "+PlanDeadlineVN(t.Deadline)+")")
	}
	md.line("I", "Số liệu lập lúc "+vnDateTime(m.PrintedAt)+" từ tiến độ các cơ quan đã báo cáo và đồng bộ về máy này; ô trống: cơ quan không có nhiệm vụ trong quý.")
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return fmt.Errorf("print: rendering the plan matrix: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// planMatrixFilters says which tasks and offices the matrix shows.
func planMatrixFilters(m PlanMatrix) string {
	task, office := "tất cả nhiệm vụ", "tất cả cơ quan"
	if m.Task != "" {
		task = "nhiệm vụ " + m.Task
	}
	if m.OfficeFilter != "" {
		office = "cơ quan " + m.OfficeFilter
	}
	return "Lọc: " + task + ", " + office
}

// planMatrixDoc writes the lines under the matrix, over pages.
type planMatrixDoc struct {
	pdf           *gofpdf.Fpdf
	inner, bottom float64
}

// line writes a wrapped paragraph in a style.
func (d *planMatrixDoc) line(style, s string) {
	d.pdf.SetFont(family, style, 9.5)
	for _, l := range wrap(d.pdf, nfc(s), d.inner, d.inner) {
		if d.pdf.GetY()+4.6 > d.bottom {
			d.pdf.AddPage()
		}
		d.pdf.SetX(planMatrixMargin)
		d.pdf.CellFormat(d.inner, 4.6, l, "", 1, "L", false, 0, "")
	}
}
