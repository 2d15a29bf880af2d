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
	"hoso/qreport"
	"hoso/report"
)

// Quarterly is what an office's quarterly report on the reform plan is
// printed from: the report as signed (or the draft), the office's header
// and the print's own facts.
type Quarterly struct {
	Office Office
	Report qreport.Report
	// Draft is true for a report not signed yet: printed "DỰ THẢO".
	Draft bool
	// PrintedAt, Reprint and Verify are as on Doc.
	PrintedAt time.Time
	Reprint   int
	Verify    string
}

// cellVN is how the report writes a task's status in the quarter.
var cellVN = map[string]string{
	plan.CellDone:        "Hoàn thành",
	plan.CellOnTrack:     "Đang thực hiện",
	plan.CellDueSoon:     "Sắp đến hạn",
	plan.CellLate:        "Chậm tiến độ",
	plan.CellNotReported: "Chưa báo cáo",
}

// targetVN names the plan's four targets.
var targetVN = map[string]string{
	report.TargetOneStop:    "TTHC qua một cửa (mục tiêu 100%)",
	report.TargetSameLevel:  "Liên thông cùng cấp (mục tiêu ≥ 80%)",
	report.TargetCrossLevel: "Liên thông các cấp (mục tiêu ≥ 70%)",
	report.TargetSatisfied:  "Hài lòng (mục tiêu > 60%)",
}

// QuarterTitle writes a quarter "2026Q4" as "QUÝ IV NĂM 2026".
func QuarterTitle(quarter string) string {
	y, q, err := plan.ParseQuarter(quarter)
	if err != nil {
		return quarter
	}
	return fmt.Sprintf("QUÝ %s NĂM %d", []string{"I", "II", "III", "IV"}[q-1], y)
}

// quarterVN writes a quarter "2026Q4" as "quý IV năm 2026".
func quarterVN(quarter string) string {
	y, q, err := plan.ParseQuarter(quarter)
	if err != nil {
		return quarter
	}
	return fmt.Sprintf("quý %s năm %d", []string{"I", "II", "III", "IV"}[q-1], y)
}

// rateVN writes a share "85,0% (17/20)", or a dash when nothing counts.
func rateVN(r qreport.Rate) string {
	if !r.Known {
		return "—"
	}
	return pct(r.Value) + fmt.Sprintf(" (%d/%d)", r.Num, r.Den)
}

func pct(v float64) string {
	return strings.ReplaceAll(strconv.FormatFloat(v*100, 'f', 1, 64), ".", ",") + "%"
}

// FigureRow is one line of the figures table: a label and a value per
// column of figures.
type FigureRow struct {
	Label string
	Value func(f qreport.Figures) string
	// Count is the row's number for a count, nil for a rate: the workbook
	// stores counts as numbers.
	Count func(f qreport.Figures) int
}

// FigureRows are the lines of the figures table, on paper and in the
// workbook, in order.
func FigureRows() []FigureRow {
	n := func(label string, get func(f qreport.Figures) int) FigureRow {
		return FigureRow{label, func(f qreport.Figures) string { return thousands(get(f)) }, get}
	}
	rows := []FigureRow{
		n("Hồ sơ tiếp nhận", func(f qreport.Figures) int { return f.Received }),
		n("- Trực tuyến", func(f qreport.Figures) int { return f.Online }),
		n("- Trực tiếp, bưu chính", func(f qreport.Figures) int { return f.InPerson }),
		n("- Kỳ trước chuyển sang", func(f qreport.Figures) int { return f.Carried }),
		n("Hồ sơ đã giải quyết", func(f qreport.Figures) int { return f.Resolved }),
		n("- Trước hạn", func(f qreport.Figures) int { return f.Early }),
		n("- Đúng hạn", func(f qreport.Figures) int { return f.OnTime }),
		n("- Quá hạn", func(f qreport.Figures) int { return f.Late }),
		n("Hồ sơ đang giải quyết", func(f qreport.Figures) int { return f.Pending }),
		n("- Trong hạn", func(f qreport.Figures) int { return f.PendingWithin }),
		n("- Quá hạn", func(f qreport.Figures) int { return f.PendingOverdue }),
		{"Tỷ lệ giải quyết đúng hạn", func(f qreport.Figures) string { return rateVN(f.OnTimeRate) }, nil},
		{"Tỷ lệ hài lòng", func(f qreport.Figures) string { return rateVN(f.Satisfaction) }, nil},
	}
	for _, key := range []string{report.TargetOneStop, report.TargetSameLevel, report.TargetCrossLevel, report.TargetSatisfied} {
		key := key
		label := targetVN[key]
		rows = append(rows, FigureRow{label, func(f qreport.Figures) string {
			for _, t := range f.Targets {
				if t.Key == key {
					if !t.Known {
						return "—"
					}
					return pct(t.Value)
				}
			}
			return "—"
		}, nil})
	}
	return append(rows, n("Sự không phù hợp đang mở", func(f qreport.Figures) int { return f.OpenNCs }))
}

// Quarterly writes an office's quarterly report to w as an A4 portrait
// PDF: the header, the quarter, the version (and the version it corrects),
// the tasks with their status, the figures (for a roll-up one column per
// source office, the office's own and the total, each source with its
// version and event, the offices that have not reported), the narrative,
// the leader's signature with its time, and the print QR. A draft is
// marked "DỰ THẢO" and carries no QR. The same input gives the same bytes.
func (r *Renderer) Quarterly(w io.Writer, q Quarterly) error {
	if w == nil {
		return errNoWriter
	}
	rep := q.Report
	if rep.Office == "" || rep.Quarter == "" {
		return fmt.Errorf("print: the quarterly report names no office or quarter")
	}
	qr, err := qrCode(q.Verify)
	if err != nil {
		return err
	}
	label := "Báo cáo quý " + rep.Quarter
	pdf := r.newSizedDoc(q.PrintedAt, label, "P", minutesW, minutesH, minutesMargin, minutesBottom)
	pdf.SetFooterFunc(func() {
		pdf.SetFont(family, "I", 8)
		pdf.SetXY(minutesMargin, minutesH-minutesBottom+4)
		left := label
		if q.Draft {
			left += ", dự thảo"
		} else {
			left += fmt.Sprintf(", phiên bản %d", rep.Version)
		}
		if q.Reprint > 0 {
			left = fmt.Sprintf("BẢN IN LẠI (lần %d) · %s", q.Reprint, left)
		}
		pdf.CellFormat(minutesInner/3, 4, nfc(left), "", 0, "L", false, 0, "")
		pdf.CellFormat(minutesInner/3, 4, fmt.Sprintf("Trang %d/{nb}", pdf.PageNo()), "", 0, "C", false, 0, "")
		pdf.CellFormat(minutesInner/3, 4, nfc(printedAt(q.PrintedAt)), "", 0, "R", false, 0, "")
	})
	pdf.AddPage()
	y := headerAt(pdf, q.Office, minutesMargin, 75, minutesInner-75-2)
	pdf.SetFont(family, "I", minutesSize)
	pdf.SetXY(minutesMargin+77, y+2)
	pdf.CellFormat(minutesInner-77, minutesLineH, nfc(vnDateLine(q.Office.Place, q.PrintedAt)), "", 0, "C", false, 0, "")
	if qr != nil {
		drawQR(pdf, qr, minutesW-minutesMargin-22, y+9, 22)
	}
	if q.Draft {
		y = centred(pdf, minutesMargin, y+10, minutesInner-24, 6, "B", 12, "DỰ THẢO (chưa ký)")
	} else {
		y += 10
	}
	y = centred(pdf, minutesMargin, y+2, minutesInner-24, 6.5, "B", 14, "BÁO CÁO")
	y = centred(pdf, minutesMargin, y, minutesInner-24, 6, "B", 12, "Kết quả thực hiện kế hoạch cải cách hành chính "+quarterVN(rep.Quarter))
	version := "Dự thảo, chưa ký"
	if !q.Draft {
		version = fmt.Sprintf("Phiên bản %d", rep.Version)
		if rep.Corrects > 0 {
			version += fmt.Sprintf(", đính chính phiên bản %d", rep.Corrects)
		}
	}
	y = centred(pdf, minutesMargin, y, minutesInner-24, 5.5, "I", 10.5, version)
	pdf.SetY(y + 3)
	m := &minutesDoc{pdf: pdf, qrBottom: y + 4}

	m.heading("1. Kết quả thực hiện nhiệm vụ")
	if len(rep.Tasks) == 0 {
		m.para("", 4, "Không có nhiệm vụ được giao trong quý.")
	} else {
		var rows [][]string
		for i, t := range rep.Tasks {
			note := t.Note
			for _, e := range t.Evidence {
				note = strings.TrimSpace(note + "; " + e.Text + e.Link)
			}
			rows = append(rows, []string{strconv.Itoa(i + 1), t.Task + ". " + t.Title, t.Plan, DeadlineVN(t.Deadline), cellVN[t.Cell], strings.Trim(note, "; ")})
		}
		m.table([]float64{9, 58, 25, 22, 22, 38}, []string{"C", "L", "L", "C", "C", "L"},
			[]string{"TT", "Nhiệm vụ", "Kế hoạch", "Thời hạn", "Tình trạng", "Kết quả, minh chứng"}, rows)
	}

	m.heading("2. Số liệu giải quyết thủ tục hành chính")
	quarterlyFigures(m, rep)

	m.heading("3. Đánh giá, kiến nghị")
	if rep.Corrects > 0 && !q.Draft {
		m.para("I", 4, fmt.Sprintf("Phiên bản này đính chính phiên bản %d.", rep.Corrects))
	}
	note := strings.TrimSpace(rep.Note)
	if note == "" {
		note = "(Không có)"
	}
	for _, l := range strings.Split(note, "\n") {
		m.para("", 4, l)
	}
	quarterlySignature(pdf, q)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return fmt.Errorf("print: rendering the quarterly report: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// DeadlineVN writes a task's deadline as app words it ("2012-12-31",
// "quarterly from 2012Q4") in Vietnamese.
func DeadlineVN(s string) string {
	if q, ok := strings.CutPrefix(s, "quarterly from "); ok {
		return "Hằng quý từ " + q
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t.Format("02/01/2006")
	}
	return s
}

// EventRef shortens an event ID for paper: enough to find it.
func EventRef(id string) string {
	if len(id) > 16 {
		return id[:16]
	}
	return id
}

// quarterlyFigures draws the figures: one column for an office alone; a
// column per source, the office's own and the total for a roll-up, with
// the sources and the missing offices listed below.
func quarterlyFigures(m *minutesDoc, rep qreport.Report) {
	cols := []qreport.Figures{rep.Figures}
	head := []string{"Chỉ tiêu", "Số liệu"}
	rolled := len(rep.Sources) > 0 || len(rep.Missing) > 0
	if rolled {
		cols, head = nil, []string{"Chỉ tiêu"}
		for _, s := range rep.Sources {
			cols = append(cols, s.Figures)
			head = append(head, fmt.Sprintf("%s (v%d)", s.Name, s.Version))
		}
		cols = append(cols, rep.Own, rep.Figures)
		head = append(head, "Đơn vị", "Tổng hợp")
	}
	labelW := 54.0
	if !rolled {
		labelW = 124
	}
	colW := (minutesInner - labelW) / float64(len(cols))
	widths, aligns := []float64{labelW}, []string{"L"}
	for range cols {
		widths, aligns = append(widths, colW), append(aligns, "R")
	}
	var rows [][]string
	for _, fr := range FigureRows() {
		row := []string{fr.Label}
		for _, f := range cols {
			row = append(row, fr.Value(f))
		}
		rows = append(rows, row)
	}
	m.table(widths, aligns, head, rows)
	if idx := indexRows(cols); len(idx) > 0 {
		m.para("B", 0, "Chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg):")
		m.table(widths, aligns, append([]string{"Chỉ số"}, head[1:]...), idx)
	}
	if !rolled {
		return
	}
	m.para("B", 0, "Nguồn số liệu tổng hợp:")
	for _, s := range rep.Sources {
		m.para("", 4, fmt.Sprintf("- %s (%s): báo cáo phiên bản %d, bản ghi %s", s.Name, s.Office, s.Version, EventRef(s.Event)))
	}
	for _, o := range rep.Missing {
		m.para("", 4, fmt.Sprintf("- %s (%s): chưa báo cáo", o.Name, o.Code))
	}
}

// quarterlySignature writes the leader's signature: who signed and when,
// or that the draft is not signed.
func quarterlySignature(p *gofpdf.Fpdf, q Quarterly) {
	const space = 26.0
	if p.GetY()+8+space > minutesH-minutesBottom {
		p.AddPage()
	}
	y := p.GetY() + 6
	colW := minutesInner / 2
	x := minutesMargin + colW
	centred(p, x, y, colW, minutesLineH, "B", minutesSize, "THỦ TRƯỞNG CƠ QUAN")
	if q.Draft {
		centred(p, x, y+minutesLineH, colW, minutesLineH, "I", 9.5, "(Dự thảo, chưa ký)")
		return
	}
	rep := q.Report
	centred(p, x, y+minutesLineH, colW, minutesLineH, "I", 9.5, "(Đã ký số lúc "+vnDateTime(rep.SignedAt)+")")
	name := rep.SignerName
	if name == "" {
		name = rep.SignedBy
	}
	centred(p, x, y+minutesLineH+16, colW, minutesLineH, "B", minutesSize, name)
}

// indexRows are the lines of the Decision 766 index, one per indicator of
// the last column (the office alone, or the total of a roll-up), with its
// figure and points in each column.
func indexRows(cols []qreport.Figures) [][]string {
	last := cols[len(cols)-1].Index
	var rows [][]string
	for _, x := range last {
		row := []string{x.ID + ". " + x.Title}
		for _, f := range cols {
			cell := "—"
			for _, y := range f.Index {
				if y.ID == x.ID {
					cell = y.ValueText()
					if s := y.ScoreText(); s != "" {
						cell += " · " + s + " điểm"
					}
				}
			}
			row = append(row, cell)
		}
		rows = append(rows, row)
	}
	return rows
}
