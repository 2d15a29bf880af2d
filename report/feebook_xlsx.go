package report

import (
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"
)

// Sheet names of the fee book's XLSX export.
const (
	SheetFeeBook = "Sổ thu phí"
	SheetFeeDays = "Theo ngày"
)

// FeeBookTitle is the fee book's title, on paper and in the workbook.
const FeeBookTitle = "SỔ THEO DÕI THU PHÍ, LỆ PHÍ"

// feeHeadRow is the row of the entries' column headings; rows 1 to 4 hold
// the title, the office, the period and the desk.
const feeHeadRow = 6

// feeColumns are the entries' columns: heading and width.
var feeColumns = []struct {
	title string
	width float64
}{
	{"STT", 6}, {"Số biên lai", 20}, {"Thời gian thu", 17}, {"Quầy", 6}, {"Mã hồ sơ", 20},
	{"Người nộp", 26}, {"Thủ tục hành chính", 40}, {"Hình thức", 13}, {"Số tiền (đồng)", 15}, {"Người thu", 20},
}

// Columns (1-based) of the entries' numbers.
const (
	feeColNo     = 1
	feeColDesk   = 4
	feeColAmount = 9
)

// PeriodVN writes the book's period: "Từ ngày 01/12/2026 đến ngày
// 01/12/2026".
func (b FeeBook) PeriodVN() string {
	return fmt.Sprintf("Từ ngày %s đến ngày %s", dayVN(b.From), dayVN(b.To))
}

// WriteFeeBookXLSX writes b to w as a workbook: the sheet "Sổ thu phí"
// with one row per receipt and the totals below (cash, transfer, in all),
// and the sheet "Theo ngày" with each day's subtotals. Counts, desks and
// amounts are stored as numbers, the totals as computed (not formulas), so
// the accountant's own sums check them.
func WriteFeeBookXLSX(w io.Writer, b FeeBook) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	if err := writeFeeSheet(f, b); err != nil {
		return fmt.Errorf("report: writing the fee book: %w", err)
	}
	if err := writeFeeDaysSheet(f, b); err != nil {
		return fmt.Errorf("report: writing the fee book: %w", err)
	}
	at := b.GeneratedAt.UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: norm.NFC.String(FeeBookTitle + " " + b.From + " " + b.To), Creator: "Hồ Sơ Một Cửa",
		LastModifiedBy: "Hồ Sơ Một Cửa", Created: at, Modified: at, Language: "vi-VN",
	}); err != nil {
		return fmt.Errorf("report: writing the fee book: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("report: writing the fee book: %w", err)
	}
	return nil
}

// feeStyles are the fee book's cell styles.
type feeStyles struct {
	title, line, head, text, number, boldText, boldNumber int
}

func newFeeStyles(f *excelize.File) (s feeStyles, err error) {
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	font := func(bold bool, size float64) *excelize.Font {
		return &excelize.Font{Family: "Times New Roman", Size: size, Bold: bold}
	}
	centre := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	wrap := &excelize.Alignment{Vertical: "center", WrapText: true}
	for _, st := range []struct {
		dst   *int
		style excelize.Style
	}{
		{&s.title, excelize.Style{Font: font(true, 14), Alignment: centre}},
		{&s.line, excelize.Style{Font: font(false, 12), Alignment: centre}},
		{&s.head, excelize.Style{Font: font(true, 11), Alignment: centre, Border: border}},
		{&s.text, excelize.Style{Font: font(false, 11), Alignment: wrap, Border: border}},
		{&s.number, excelize.Style{Font: font(false, 11), NumFmt: 3, Border: border}},
		{&s.boldText, excelize.Style{Font: font(true, 11), Alignment: wrap, Border: border}},
		{&s.boldNumber, excelize.Style{Font: font(true, 11), NumFmt: 3, Border: border}},
	} {
		if *st.dst, err = f.NewStyle(&st.style); err != nil {
			return s, err
		}
	}
	return s, nil
}

func writeFeeSheet(f *excelize.File, b FeeBook) error {
	sh := SheetFeeBook
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		return err
	}
	st, err := newFeeStyles(f)
	if err != nil {
		return err
	}
	last := len(feeColumns)
	nfc := norm.NFC.String
	line := func(row int, text string, style int) error {
		if err := f.MergeCell(sh, cellName(1, row), cellName(last, row)); err != nil {
			return err
		}
		if err := f.SetCellStr(sh, cellName(1, row), nfc(text)); err != nil {
			return err
		}
		return f.SetCellStyle(sh, cellName(1, row), cellName(last, row), style)
	}
	office := b.OfficeName
	if b.ParentName != "" {
		office = b.ParentName + " — " + office
	}
	for i, l := range []struct {
		text  string
		style int
	}{{FeeBookTitle, st.title}, {office, st.line}, {b.PeriodVN(), st.line}, {DeskVN(b.Desk), st.line}} {
		if err := line(i+1, l.text, l.style); err != nil {
			return err
		}
	}
	for i, c := range feeColumns {
		if err := f.SetCellStr(sh, cellName(i+1, feeHeadRow), nfc(c.title)); err != nil {
			return err
		}
		if err := f.SetColWidth(sh, colName(i+1), colName(i+1), c.width); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sh, cellName(1, feeHeadRow), cellName(last, feeHeadRow), st.head); err != nil {
		return err
	}
	row := feeHeadRow + 1
	for _, e := range b.Entries {
		cells := []any{
			e.No, e.Receipt, minuteVN(e.PaidAt), e.Desk, e.Code, nfc(e.Applicant), nfc(e.Procedure),
			nfc(MethodVN(e.Method)), e.AmountVND, nfc(e.ClerkName),
		}
		if err := f.SetSheetRow(sh, cellName(1, row), &cells); err != nil {
			return err
		}
		if err := f.SetCellStyle(sh, cellName(1, row), cellName(last, row), st.text); err != nil {
			return err
		}
		for _, col := range []int{feeColNo, feeColDesk, feeColAmount} {
			if err := f.SetCellStyle(sh, cellName(col, row), cellName(col, row), st.number); err != nil {
				return err
			}
		}
		row++
	}
	for _, t := range []struct {
		label  string
		amount int64
	}{
		{fmt.Sprintf("Tổng cộng (%d biên lai)", b.Total.Count), b.Total.TotalVND},
		{"Trong đó tiền mặt", b.Total.CashVND},
		{"Trong đó chuyển khoản", b.Total.TransferVND},
	} {
		if err := f.MergeCell(sh, cellName(1, row), cellName(feeColAmount-1, row)); err != nil {
			return err
		}
		if err := f.SetCellStr(sh, cellName(1, row), nfc(t.label)); err != nil {
			return err
		}
		if err := f.SetCellInt(sh, cellName(feeColAmount, row), t.amount); err != nil {
			return err
		}
		if err := f.SetCellStyle(sh, cellName(1, row), cellName(feeColAmount-1, row), st.boldText); err != nil {
			return err
		}
		if err := f.SetCellStyle(sh, cellName(feeColAmount, row), cellName(feeColAmount, row), st.boldNumber); err != nil {
			return err
		}
		row++
	}
	if b.Verify != "" {
		if err := f.SetCellStr(sh, cellName(1, row+1), "Mã xác minh: "+b.Verify); err != nil {
			return err
		}
	}
	top := cellName(1, feeHeadRow+1)
	return f.SetPanes(sh, &excelize.Panes{
		Freeze: true, YSplit: feeHeadRow, TopLeftCell: top, ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomLeft"}},
	})
}

func writeFeeDaysSheet(f *excelize.File, b FeeBook) error {
	sh := SheetFeeDays
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	st, err := newFeeStyles(f)
	if err != nil {
		return err
	}
	head := []any{"Ngày", "Số biên lai", "Tiền mặt (đồng)", "Chuyển khoản (đồng)", "Tổng cộng (đồng)"}
	for i, h := range head {
		head[i] = norm.NFC.String(h.(string))
	}
	if err := f.SetSheetRow(sh, "A1", &head); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, "A1", "E1", st.head); err != nil {
		return err
	}
	row := 2
	put := func(label string, t FeeTotal, text, number int) error {
		cells := []any{norm.NFC.String(label), t.Count, t.CashVND, t.TransferVND, t.TotalVND}
		if err := f.SetSheetRow(sh, cellName(1, row), &cells); err != nil {
			return err
		}
		if err := f.SetCellStyle(sh, cellName(1, row), cellName(1, row), text); err != nil {
			return err
		}
		row++
		return f.SetCellStyle(sh, cellName(2, row-1), cellName(5, row-1), number)
	}
	for _, d := range b.Days {
		if err := put(dayVN(d.Day), d.FeeTotal, st.text, st.number); err != nil {
			return err
		}
	}
	if err := put("Tổng cộng", b.Total, st.boldText, st.boldNumber); err != nil {
		return err
	}
	if err := f.SetColWidth(sh, "A", "A", 14); err != nil {
		return err
	}
	return f.SetColWidth(sh, "B", "E", 20)
}

// colName is the letter of column col (1-based).
func colName(col int) string {
	s, _ := excelize.ColumnNumberToName(col)
	return s
}
