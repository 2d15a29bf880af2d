package catalog

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// SheetName is the name of the XLSX sheet that holds the procedures.
const SheetName = "Thủ tục"

// xlsxUnzipLimit bounds the unzipped size of a workbook Import reads. It is
// also the in-memory limit per part, so excelize never spills to temporary
// files.
const xlsxUnzipLimit = 256 << 20

// encodeXLSX writes a workbook with one sheet, SheetName.
func encodeXLSX(w io.Writer, procs []Procedure) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	if err := f.SetSheetName(f.GetSheetName(0), SheetName); err != nil {
		return err
	}
	header := make([]any, numColumns)
	for i, c := range columns {
		header[i] = c.name
	}
	if err := f.SetSheetRow(SheetName, "A1", &header); err != nil {
		return err
	}
	for i, p := range procs {
		row := i + 2
		for c, v := range encodeRow(p) {
			if v == nil {
				continue
			}
			if s, ok := v.(string); ok && utf8.RuneCountInString(s) > excelize.TotalCellChars {
				return fmt.Errorf("procedure %d: its %s cell would hold %d characters, more than the %d a spreadsheet cell holds",
					i+1, columns[c].name, utf8.RuneCountInString(s), excelize.TotalCellChars)
			}
			cell, err := excelize.CoordinatesToCellName(c+1, row)
			if err != nil {
				return err
			}
			if err := f.SetCellValue(SheetName, cell, v); err != nil {
				return err
			}
		}
	}
	if err := styleSheet(f, len(procs)); err != nil {
		return err
	}
	return f.Write(w)
}

// styleSheet makes the sheet readable: a bold, frozen header row, column
// widths, thousands separators on fees and drop-down lists for the
// enumerations.
func styleSheet(f *excelize.File, n int) error {
	last := columnLetters(numColumns)
	bold, err := f.NewStyle(&excelize.Style{
		Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
	})
	if err != nil {
		return err
	}
	if err := f.SetCellStyle(SheetName, "A1", last+"1", bold); err != nil {
		return err
	}
	for i, c := range columns {
		col := columnLetters(i + 1)
		if err := f.SetColWidth(SheetName, col, col, c.width); err != nil {
			return err
		}
	}
	if n > 0 {
		thousands, err := f.NewStyle(&excelize.Style{NumFmt: 3}) // #,##0
		if err != nil {
			return err
		}
		fee := columnLetters(colFee + 1)
		if err := f.SetCellStyle(SheetName, fee+"2", fmt.Sprintf("%s%d", fee, n+1), thousands); err != nil {
			return err
		}
	}
	if err := f.SetPanes(SheetName, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	lists := map[int][]string{
		colLevel:       strings.Split(levelNames, ", "),
		colInteragency: strings.Split(interagencyNames, ", "),
		colConfidence:  strings.Split(confidenceNames, ", "),
	}
	for _, c := range []int{colLevel, colInteragency, colConfidence} {
		dv := excelize.NewDataValidation(true)
		col := columnLetters(c + 1)
		dv.Sqref = fmt.Sprintf("%s2:%s%d", col, col, MaxImportRows+1)
		if err := dv.SetDropList(lists[c]); err != nil {
			return err
		}
		if err := f.AddDataValidation(SheetName, dv); err != nil {
			return err
		}
	}
	return nil
}

// decodeXLSX reads the sheet SheetName (or the only sheet) of a workbook.
func decodeXLSX(data []byte) ([]inputRow, []RowError) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		RawCellValue: true, UnzipSizeLimit: xlsxUnzipLimit, UnzipXMLSizeLimit: xlsxUnzipLimit,
	})
	if err != nil {
		return nil, []RowError{{Code: CodeBadFile, Message: "the file is not an Excel workbook (.xlsx): " + err.Error()}}
	}
	defer f.Close()
	sheet := ""
	list := f.GetSheetList()
	for _, name := range list {
		if strings.EqualFold(cleanText(name), SheetName) {
			sheet = name
		}
	}
	if sheet == "" && len(list) == 1 {
		sheet = list[0]
	}
	if sheet == "" {
		return nil, []RowError{{Code: CodeBadFile, Message: fmt.Sprintf("the workbook has no sheet named %q", SheetName)}}
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, []RowError{{Code: CodeBadFile, Message: "the sheet cannot be read: " + err.Error()}}
	}
	defer rows.Close()

	var hdr header
	var out []inputRow
	for r := 1; rows.Next(); r++ {
		record, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, []RowError{{Row: r, Code: CodeBadFile, Message: "the row cannot be read: " + err.Error()}}
		}
		if r == 1 {
			var errs []RowError
			if hdr, errs = readHeader(record, 1); errs != nil {
				return nil, errs
			}
			continue
		}
		if blank(record) {
			continue
		}
		if len(out) == MaxImportRows {
			return nil, []RowError{{Code: CodeTooManyRows, Message: fmt.Sprintf("the sheet has more than %d procedures", MaxImportRows)}}
		}
		numbersAsText(f, sheet, r, hdr, record)
		out = append(out, hdr.row(r, record))
	}
	if err := rows.Error(); err != nil {
		return nil, []RowError{{Code: CodeBadFile, Message: "the sheet cannot be read: " + err.Error()}}
	}
	if hdr.index == nil {
		return nil, []RowError{{Row: 1, Code: CodeMissingColumn, Message: "the sheet is empty: its first row must name the columns"}}
	}
	return out, nil
}

// numbersAsText rewrites the numeric cells of the numeric columns as the
// digits decodeRow reads: 1E+3 becomes 1000. A whole number in a text cell
// is already in that form; "8.000" in a text cell stays as it is and is
// refused, because it may mean 8000. A national code typed into a cell
// that took it for a number (1.00119, from "1.001190") gets its six
// decimals back.
func numbersAsText(f *excelize.File, sheet string, r int, hdr header, record []string) {
	for i, v := range record {
		if i >= len(hdr.index) || hdr.index[i] < 0 || v == "" {
			continue
		}
		col := hdr.index[i]
		if !columns[col].numeric && col != colCode {
			continue
		}
		cell, err := excelize.CoordinatesToCellName(i+1, r)
		if err != nil {
			continue
		}
		if t, err := f.GetCellType(sheet, cell); err != nil || (t != excelize.CellTypeNumber && t != excelize.CellTypeUnset) {
			continue
		}
		x, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		switch {
		case err != nil:
		case col == colCode:
			if x >= 1 && x < 3 {
				record[i] = strconv.FormatFloat(x, 'f', 6, 64)
			}
		case x == math.Trunc(x) && math.Abs(x) <= MaxFeeVND:
			record[i] = strconv.FormatInt(int64(x), 10)
		}
	}
}
