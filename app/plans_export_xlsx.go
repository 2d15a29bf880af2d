package app

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"hoso/calendar"
	"hoso/print"
)

// matrixSheet is the name of the matrix workbook's one sheet.
const matrixSheet = "Theo dõi"

// matrixHeadRow is the row of the table's heading: above it the title,
// the plan, its decision, the quarter and filters, and when it was
// computed.
const matrixHeadRow = 7

// writeMatrixXLSX writes the matrix as a workbook of one sheet: the
// title lines, a table with one row per office (its code, its name) and
// one column per task holding the status in words, then the legend (each
// status with how many cells have it), the tasks' titles and deadlines
// and the print QR's text, so the copy can be checked like the PDF.
func writeMatrixXLSX(w io.Writer, m print.PlanMatrix) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	sh := matrixSheet
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		return err
	}
	cell := func(col, row int) string {
		s, _ := excelize.CoordinatesToCellName(col, row)
		return s
	}
	set := func(col, row int, v any) {
		if err == nil {
			err = f.SetCellValue(sh, cell(col, row), v)
		}
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center", WrapText: true},
		Border: []excelize.Border{{Type: "left", Style: 1}, {Type: "right", Style: 1}, {Type: "top", Style: 1}, {Type: "bottom", Style: 1}}})
	if err != nil {
		return err
	}
	set(1, 1, "BẢNG THEO DÕI TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH")
	set(1, 2, m.Title+" ("+m.Plan+")")
	if m.Decision != "" {
		set(1, 3, "Ban hành kèm theo "+m.Decision)
	}
	filters := "tất cả nhiệm vụ, tất cả cơ quan"
	if m.Task != "" || m.OfficeFilter != "" {
		filters = fmt.Sprintf("nhiệm vụ %s, cơ quan %s", orDefault(m.Task, "tất cả"), orDefault(m.OfficeFilter, "tất cả"))
	}
	set(1, 4, "Quý "+m.Quarter+" · Lọc: "+filters)
	set(1, 5, "Số liệu lập lúc "+m.PrintedAt.In(calendar.Zone).Format("15:04 02/01/2006"))
	headings := []any{"TT", "Mã cơ quan", "Cơ quan, đơn vị"}
	for _, t := range m.Tasks {
		headings = append(headings, t.ID)
	}
	if err == nil {
		err = f.SetSheetRow(sh, cell(1, matrixHeadRow), &headings)
	}
	counts := map[string]int{}
	row := matrixHeadRow
	for i, o := range m.Rows {
		row++
		values := []any{i + 1, o.Code, o.Name}
		for _, t := range m.Tasks {
			s, ok := o.Cells[t.ID]
			if ok {
				counts[s]++
			}
			values = append(values, print.PlanCellVN[s])
		}
		if err == nil {
			err = f.SetSheetRow(sh, cell(1, row), &values)
		}
	}
	row += 2
	set(1, row, "Chú giải")
	set(2, row, "Số ô")
	legendRow := row
	for _, s := range print.PlanCellStatuses {
		row++
		set(1, row, print.PlanCellVN[s])
		set(2, row, counts[s])
	}
	set(1, row+1, "Ô trống: cơ quan không có nhiệm vụ trong quý")
	row += 3
	set(1, row, "Nhiệm vụ")
	set(2, row, "Nội dung")
	set(3, row, "Thời hạn")
	tasksRow := row
	for _, t := range m.Tasks {
		row++
		set(1, row, t.ID)
		set(2, row, t.Title)
		set(3, row, print.PlanDeadlineVN(t.Deadline))
	}
	row += 2
	set(1, row, "Mã xác thực")
	set(2, row, m.Verify)
	if err != nil {
		return err
	}
	last := cell(3+len(m.Tasks), matrixHeadRow)
	for _, s := range []struct {
		from, to string
		style    int
	}{
		{"A1", "A1", bold}, {cell(1, matrixHeadRow), last, head}, {cell(1, legendRow), cell(2, legendRow), bold}, {cell(1, tasksRow), cell(3, tasksRow), bold},
	} {
		if err := f.SetCellStyle(sh, s.from, s.to, s.style); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(sh, "B", "B", 12); err != nil {
		return err
	}
	if err := f.SetColWidth(sh, "C", "C", 36); err != nil {
		return err
	}
	if err := f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: 3, YSplit: matrixHeadRow, TopLeftCell: cell(4, matrixHeadRow+1), ActivePane: "bottomRight"}); err != nil {
		return err
	}
	return f.Write(w)
}

// orDefault returns s, or def when s is empty.
func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
