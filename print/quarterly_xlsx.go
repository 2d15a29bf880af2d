package print

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"hoso/qreport"
)

// Sheet names of the quarterly report's workbook.
const (
	SheetQuarterTasks   = "Nhiệm vụ"
	SheetQuarterFigures = "Số liệu"
	SheetQuarterSources = "Nguồn"
)

// QuarterlyXLSX writes the quarterly report to w as a workbook: its tasks
// ("Nhiệm vụ"), its figures with one column per source, the office's own
// and the total ("Số liệu"; counts stored as numbers), and the sources
// with their version and event, the offices not reported ("Nguồn").
func QuarterlyXLSX(w io.Writer, q Quarterly) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	rep := q.Report
	set := func(sheet string, col, row int, v any) {
		if err != nil {
			return
		}
		var cell string
		if cell, err = excelize.CoordinatesToCellName(col, row); err == nil {
			if s, ok := v.(string); ok {
				v = norm.NFC.String(s)
			}
			err = f.SetCellValue(sheet, cell, v)
		}
	}
	if err = f.SetSheetName("Sheet1", SheetQuarterTasks); err != nil {
		return err
	}
	status := "Phiên bản " + strconv.Itoa(rep.Version)
	if q.Draft {
		status = "DỰ THẢO"
	} else if rep.Corrects > 0 {
		status += fmt.Sprintf(", đính chính phiên bản %d", rep.Corrects)
	}
	set(SheetQuarterTasks, 1, 1, "BÁO CÁO "+QuarterTitle(rep.Quarter)+" — "+rep.OfficeName)
	set(SheetQuarterTasks, 1, 2, status)
	for i, h := range []string{"TT", "Kế hoạch", "Nhiệm vụ", "Tên nhiệm vụ", "Thời hạn", "Tình trạng", "Kết quả", "Minh chứng"} {
		set(SheetQuarterTasks, i+1, 4, h)
	}
	for i, t := range rep.Tasks {
		var ev []string
		for _, e := range t.Evidence {
			ev = append(ev, strings.TrimSpace(e.Text+" "+e.Link))
		}
		for c, v := range []any{i + 1, t.Plan, t.Task, t.Title, DeadlineVN(t.Deadline), cellVN[t.Cell], t.Note, strings.Join(ev, "; ")} {
			set(SheetQuarterTasks, c+1, 5+i, v)
		}
	}
	if _, err2 := f.NewSheet(SheetQuarterFigures); err2 != nil {
		return err2
	}
	type column struct {
		head string
		fig  func(FigureRow) any
	}
	var cols []column
	for _, s := range rep.Sources {
		s := s
		cols = append(cols, column{fmt.Sprintf("%s (v%d)", s.Name, s.Version), func(r FigureRow) any { return xlsxValue(r, s.Figures) }})
	}
	if len(rep.Sources) > 0 || len(rep.Missing) > 0 {
		cols = append(cols, column{"Đơn vị", func(r FigureRow) any { return xlsxValue(r, rep.Own) }})
	}
	cols = append(cols, column{"Tổng hợp", func(r FigureRow) any { return xlsxValue(r, rep.Figures) }})
	set(SheetQuarterFigures, 1, 1, "Chỉ tiêu")
	for c, col := range cols {
		set(SheetQuarterFigures, c+2, 1, col.head)
	}
	rows := FigureRows()
	for i, r := range rows {
		set(SheetQuarterFigures, 1, i+2, r.Label)
		for c, col := range cols {
			set(SheetQuarterFigures, c+2, i+2, col.fig(r))
		}
	}
	// The Decision 766 index below the figures, one line per indicator,
	// its figure and points as on paper.
	figs := make([]qreport.Figures, 0, len(rep.Sources)+2)
	for _, s := range rep.Sources {
		figs = append(figs, s.Figures)
	}
	if len(rep.Sources) > 0 || len(rep.Missing) > 0 {
		figs = append(figs, rep.Own)
	}
	figs = append(figs, rep.Figures)
	for i, line := range indexRows(figs) {
		for c, v := range line {
			set(SheetQuarterFigures, c+1, len(rows)+3+i, v)
		}
	}
	if _, err2 := f.NewSheet(SheetQuarterSources); err2 != nil {
		return err2
	}
	for i, h := range []string{"Mã đơn vị", "Đơn vị", "Phiên bản", "Bản ghi", "Tình trạng"} {
		set(SheetQuarterSources, i+1, 1, h)
	}
	row := 2
	for _, s := range rep.Sources {
		for c, v := range []any{s.Office, s.Name, s.Version, s.Event, "Đã báo cáo"} {
			set(SheetQuarterSources, c+1, row, v)
		}
		row++
	}
	for _, o := range rep.Missing {
		for c, v := range []any{o.Code, o.Name, "", "", "chưa báo cáo"} {
			set(SheetQuarterSources, c+1, row, v)
		}
		row++
	}
	if err != nil {
		return fmt.Errorf("print: writing the quarterly workbook: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("print: writing the quarterly workbook: %w", err)
	}
	return nil
}

// xlsxValue is a figure's cell: a number for a count, the text for a rate.
func xlsxValue(r FigureRow, f qreport.Figures) any {
	if r.Count != nil {
		return r.Count(f)
	}
	return norm.NFC.String(r.Value(f))
}
