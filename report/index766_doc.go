package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// SheetIndex766 is the sheet of the index in its XLSX export.
const SheetIndex766 = "Chỉ số 766"

// IndexTitle is the index's printed title.
const IndexTitle = "BỘ CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP"

// IndexBasis is the line under the title: the decision the index follows.
const IndexBasis = "(Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ)"

// IndexDoc is the index of an office ready to print or export.
type IndexDoc struct {
	Office     string
	OfficeName string
	ParentName string
	Place      string
	Period     Period
	AsOf       time.Time
	Offices    []string
	Result     IndexResult
	// Names are the procedures' names by code, for the average
	// resolution times (Result.Procedures).
	Names map[string]string
	// Verify is the QR text of the printed index.
	Verify      string
	GeneratedAt time.Time
}

// PeriodLine writes the period as the index prints it.
func (d IndexDoc) PeriodLine() string {
	return Doc{Period: d.Period}.PeriodLine()
}

// AsOfLine writes the data date as the index prints it.
func (d IndexDoc) AsOfLine() string {
	return Doc{AsOf: d.AsOf, Period: d.Period}.AsOfLine()
}

// vnNumber writes x with at most two decimals and a decimal comma.
func vnNumber(x float64) string {
	s := strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", x), "0"), ".")
	return strings.ReplaceAll(s, ".", ",")
}

// ValueText writes an indicator's figure in Vietnamese: a percentage, days
// or a count, or why there is none.
func (x IndexIndicator) ValueText() string {
	switch {
	case x.Note == NoteNational:
		return "Cần dữ liệu quốc gia"
	case !x.Known:
		return "Chưa có số liệu"
	case x.Measure == MeasureAvgDays:
		return vnNumber(x.Value) + " ngày"
	case x.Denominator == 0:
		return vnNumber(x.Value)
	}
	return fmt.Sprintf("%s%% (%d/%d)", vnNumber(x.Value*100), x.Numerator, x.Denominator)
}

// ScoreText writes an indicator's points, "" for one not scored.
func (x IndexIndicator) ScoreText() string {
	if x.Max == 0 {
		return ""
	}
	if !x.Known {
		return "–/" + vnNumber(x.Max)
	}
	return vnNumber(x.Score) + "/" + vnNumber(x.Max)
}

// WriteIndexXLSX writes the index to w as a workbook: the title, period
// and office, then one row per indicator with its number, title, figure
// (value, numerator, denominator as numbers), points and note, the total
// and the verification text.
func WriteIndexXLSX(w io.Writer, d IndexDoc) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	if err := f.SetSheetName("Sheet1", SheetIndex766); err != nil {
		return fmt.Errorf("report: writing the XLSX: %w", err)
	}
	sh := SheetIndex766
	set := func(cell string, v any) {
		if err == nil {
			err = f.SetCellValue(sh, cell, v)
		}
	}
	set("A1", IndexTitle+" "+IndexBasis)
	set("A2", d.PeriodLine())
	set("A3", d.AsOfLine())
	set("A4", "Đơn vị: "+d.OfficeName)
	set("A5", "Bộ chỉ số: "+d.Result.Version)
	head := []string{"Chỉ số", "Nội dung", "Giá trị", "Tử số", "Mẫu số", "Điểm", "Điểm tối đa", "Ghi chú"}
	for i, h := range head {
		set(cellName(i+1, 7), h)
	}
	row := 8
	for _, x := range d.Result.Indicators {
		set(cellName(1, row), x.ID)
		set(cellName(2, row), x.Title)
		if x.Known {
			set(cellName(3, row), x.Value)
			set(cellName(4, row), x.Numerator)
			set(cellName(5, row), x.Denominator)
		}
		if x.Max > 0 {
			if x.Known {
				set(cellName(6, row), x.Score)
			}
			set(cellName(7, row), x.Max)
		}
		set(cellName(8, row), x.ValueText())
		row++
	}
	set(cellName(2, row), "Tổng điểm các chỉ số có số liệu")
	set(cellName(6, row), d.Result.Score)
	set(cellName(7, row), d.Result.Max)
	row += 2
	if len(d.Result.Procedures) > 0 {
		set(cellName(1, row), "Thời gian giải quyết trung bình theo thủ tục")
		row++
		for i, h := range []string{"Mã thủ tục", "Tên thủ tục", "Số ngày", "Số hồ sơ"} {
			set(cellName(i+1, row), h)
		}
		row++
		for _, p := range d.Result.Procedures {
			set(cellName(1, row), p.Procedure)
			set(cellName(2, row), d.Names[p.Procedure])
			set(cellName(3, row), p.Days)
			set(cellName(4, row), p.Resolved)
			row++
		}
		row++
	}
	set(cellName(1, row), "Mã xác thực")
	set(cellName(2, row), d.Verify)
	if err != nil {
		return fmt.Errorf("report: writing the XLSX: %w", err)
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err == nil {
		err = f.SetCellStyle(sh, "A7", "H7", bold)
	}
	if err == nil {
		err = f.SetColWidth(sh, "B", "B", 60)
	}
	if err == nil {
		err = f.SetColWidth(sh, "H", "H", 30)
	}
	if err == nil {
		err = f.Write(w)
	}
	if err != nil {
		return fmt.Errorf("report: writing the XLSX: %w", err)
	}
	return nil
}
