package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"hoso/calendar"
)

// Sheet names of the XLSX export.
const (
	SheetII06a  = "II.06a"
	SheetSource = "Nguồn"
)

// xlsxHeadRow is the first of the three heading rows of the table: the
// groups, the column titles, the column numbers. Rows 1 to 7 hold the
// form's number, the title, the period, the data date, the office
// reporting, the office receiving and the offices included; row 9 the
// unit.
const xlsxHeadRow = 10

// lastColName is the column of form column 13.
const lastColName = "M"

// PeriodLine writes the period as the report prints it: "Kỳ báo cáo:
// 2026Q4 (từ ngày 15/09/2026 đến ngày 14/12/2026)".
func (d Doc) PeriodLine() string {
	return fmt.Sprintf("Kỳ báo cáo: %s (từ ngày %s đến ngày %s)", d.Period.Label, dayVN(d.Period.From), dayVN(d.Period.To))
}

// dayVN rewrites a YYYY-MM-DD date as dd/mm/yyyy, or returns it as it is.
func dayVN(s string) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return t.Format("02/01/2006")
}

// minuteVN writes t in Vietnam time as dd/mm/yyyy HH:mm, or "" when zero.
func minuteVN(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(calendar.Zone).Format("02/01/2006 15:04")
}

// cellName returns the reference of column col (1-based) in row.
func cellName(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}

// WriteXLSX writes d to w as an Excel workbook: the sheet "II.06a" with the
// form's title, period and office above the two-level headings, the row of
// column numbers, one row per sector and the total in bold, all counts
// stored as numbers (the total as computed, not a formula); and the sheet
// "Nguồn" with the verification text, when the figures were computed and
// how fresh each office's records were.
func WriteXLSX(w io.Writer, d Doc) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	if err := writeII06aSheet(f, d); err != nil {
		return fmt.Errorf("report: writing the XLSX: %w", err)
	}
	if err := writeSourceSheet(f, d); err != nil {
		return fmt.Errorf("report: writing the XLSX: %w", err)
	}
	at := d.GeneratedAt.UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: norm.NFC.String(Title + " " + d.Period.Label), Subject: FormCode,
		Creator: "Hồ Sơ Một Cửa", LastModifiedBy: "Hồ Sơ Một Cửa",
		Created: at, Modified: at, Language: "vi-VN",
	}); err != nil {
		return fmt.Errorf("report: writing the XLSX: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("report: writing the XLSX: %w", err)
	}
	return nil
}

// xlsxStyles are the styles of the II.06a sheet.
type xlsxStyles struct {
	code, title, line, head, number, sector, no, total, totalText, note int
}

func newXLSXStyles(f *excelize.File) (s xlsxStyles, err error) {
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	font := func(bold, italic bool, size float64) *excelize.Font {
		return &excelize.Font{Family: "Times New Roman", Size: size, Bold: bold, Italic: italic}
	}
	centre := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	for _, st := range []struct {
		dst   *int
		style excelize.Style
	}{
		{&s.code, excelize.Style{Font: font(false, true, 10), Alignment: &excelize.Alignment{Horizontal: "right"}}},
		{&s.title, excelize.Style{Font: font(true, false, 14), Alignment: centre}},
		{&s.line, excelize.Style{Font: font(false, false, 12), Alignment: centre}},
		{&s.head, excelize.Style{Font: font(true, false, 11), Alignment: centre, Border: border}},
		{&s.no, excelize.Style{Font: font(false, false, 11), Alignment: centre, Border: border}},
		{&s.sector, excelize.Style{Font: font(false, false, 11), Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}, Border: border}},
		{&s.number, excelize.Style{Font: font(false, false, 11), NumFmt: 3, Border: border}},
		{&s.totalText, excelize.Style{Font: font(true, false, 11), Alignment: &excelize.Alignment{Vertical: "center"}, Border: border}},
		{&s.total, excelize.Style{Font: font(true, false, 11), NumFmt: 3, Border: border}},
		{&s.note, excelize.Style{Font: font(false, true, 11), Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
	} {
		if *st.dst, err = f.NewStyle(&st.style); err != nil {
			return s, err
		}
	}
	return s, nil
}

func writeII06aSheet(f *excelize.File, d Doc) error {
	sh := SheetII06a
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		return err
	}
	st, err := newXLSXStyles(f)
	if err != nil {
		return err
	}
	nfc := norm.NFC.String
	// set writes a string into a cell, or a range merged into one cell.
	set := func(from, to, text string, style int) error {
		if to != "" && to != from {
			if err := f.MergeCell(sh, from, to); err != nil {
				return err
			}
		} else {
			to = from
		}
		if err := f.SetCellStr(sh, from, nfc(text)); err != nil {
			return err
		}
		return f.SetCellStyle(sh, from, to, style)
	}
	lines := []struct {
		text  string
		style int
	}{
		{FormCode, st.code}, {Title, st.title}, {d.PeriodLine(), st.line}, {d.AsOfLine(), st.line},
		{d.ReporterLine(), st.line}, {d.ReceiverLine(), st.line},
	}
	if len(d.Offices) > 1 {
		lines = append(lines, struct {
			text  string
			style int
		}{"Gồm: " + strings.Join(d.Offices, ", "), st.line})
	}
	lines = append(lines, struct {
		text  string
		style int
	}{}, struct {
		text  string
		style int
	}{Unit, st.code})
	for i, l := range lines {
		if l.text == "" {
			continue
		}
		if err := set(cellName(1, i+1), cellName(13, i+1), l.text, l.style); err != nil {
			return err
		}
	}
	if len(d.Offices) > 1 {
		// The list of offices may run long: leave it room to wrap.
		if err := f.SetRowHeight(sh, 7, float64(16*(1+len(strings.Join(d.Offices, ", "))/150))); err != nil {
			return err
		}
	}
	if err := f.SetRowHeight(sh, 2, 22); err != nil {
		return err
	}

	h := xlsxHeadRow
	if err := set(cellName(1, h), cellName(1, h+1), "STT", st.head); err != nil {
		return err
	}
	if err := set(cellName(2, h), cellName(2, h+1), SectorHeading, st.head); err != nil {
		return err
	}
	for _, g := range Groups {
		if err := set(cellName(g.First, h), cellName(g.Last, h), g.Title, st.head); err != nil {
			return err
		}
	}
	for _, c := range Headings {
		if err := set(cellName(c.Col, h+1), "", c.Title, st.head); err != nil {
			return err
		}
	}
	for col := 1; col <= lastCol; col++ {
		if err := set(cellName(col, h+2), "", fmt.Sprintf("(%d)", col), st.no); err != nil {
			return err
		}
	}
	if err := f.SetRowHeight(sh, h+1, 48); err != nil {
		return err
	}

	row := h + 3
	put := func(no, sector string, c Counts, textStyle, numStyle int) error {
		if err := set(cellName(1, row), "", no, st.no); err != nil {
			return err
		}
		if err := set(cellName(2, row), "", sector, textStyle); err != nil {
			return err
		}
		for col := firstCol; col <= lastCol; col++ {
			if err := f.SetCellInt(sh, cellName(col, row), int64(c.Col(col))); err != nil {
				return err
			}
		}
		row++
		return f.SetCellStyle(sh, cellName(firstCol, row-1), cellName(lastCol, row-1), numStyle)
	}
	for i, r := range d.Table.Rows {
		if err := put(fmt.Sprint(i+1), r.Sector, r.Counts, st.sector, st.number); err != nil {
			return err
		}
	}
	if err := put("", "Tổng cộng", d.Table.Total.Counts, st.totalText, st.total); err != nil {
		return err
	}
	if note := d.EndedNote(); note != "" {
		if err := set(cellName(1, row+1), cellName(13, row+1), note, st.note); err != nil {
			return err
		}
	}

	for _, cw := range []struct {
		from, to string
		width    float64
	}{{"A", "A", 6}, {"B", "B", 40}, {"C", lastColName, 12}} {
		if err := f.SetColWidth(sh, cw.from, cw.to, cw.width); err != nil {
			return err
		}
	}
	top := cellName(3, h+3)
	return f.SetPanes(sh, &excelize.Panes{
		Freeze: true, XSplit: 2, YSplit: h + 2, TopLeftCell: top, ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomRight"}},
	})
}

// State says in words how recent an office's records are: "dữ
// liệu tại máy" for the node's own office, else the latest record and the
// last synchronisation, or that there has been none.
func (f Freshness) State() string {
	if f.Local {
		return "dữ liệu tại máy"
	}
	s := "chưa có hồ sơ"
	if !f.Latest.IsZero() {
		s = "hồ sơ mới nhất " + minuteVN(f.Latest)
	}
	if f.LastSync.IsZero() {
		return s + "; chưa đồng bộ"
	}
	return s + "; đồng bộ lần cuối " + minuteVN(f.LastSync)
}

func writeSourceSheet(f *excelize.File, d Doc) error {
	sh := SheetSource
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	rows := [][]any{
		{"Biểu", FormCode},
		{"Đơn vị", d.OfficeName},
		{"Mã đơn vị", d.Office},
		{"Kỳ báo cáo", d.PeriodLine()},
		{"Số liệu tính đến", d.AsOfLine()},
		{"Lập lúc", minuteVN(d.GeneratedAt)},
		{"Đơn vị nhận báo cáo", d.Receiver},
		{"Mã xác minh", d.Verify},
		{},
		{"Đơn vị", "Mã đơn vị", "Dữ liệu tại máy", "Hồ sơ mới nhất", "Đồng bộ lần cuối", "Tình trạng"},
	}
	for _, fr := range d.Freshness {
		local := "không"
		if fr.Local {
			local = "có"
		}
		rows = append(rows, []any{fr.Name, fr.Office, local, minuteVN(fr.Latest), minuteVN(fr.LastSync), fr.State()})
	}
	for i, r := range rows {
		for j, v := range r {
			if s, ok := v.(string); ok {
				r[j] = norm.NFC.String(s)
			}
		}
		if len(r) == 0 {
			continue
		}
		if err := f.SetSheetRow(sh, cellName(1, i+1), &r); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(sh, "A", "A", 28); err != nil {
		return err
	}
	return f.SetColWidth(sh, "B", "F", 22)
}
