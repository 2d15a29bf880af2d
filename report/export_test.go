package report

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"hoso/calendar"
)

// exportFixture is a report of two sectors and the total over two offices.
func exportFixture(t *testing.T) Doc {
	t.Helper()
	p, err := ParsePeriod("2026Q4", WindowFifteenth)
	if err != nil {
		t.Fatal(err)
	}
	rows := []Row{
		{Sector: "Hộ tịch", Counts: Counts{1234, 800, 400, 34, 1200, 900, 280, 20, 34, 30, 4}},
		// Decomposed (NFD) on purpose: the exports write NFC.
		{Sector: "Chu\u031b\u0301ng thu\u031b\u0323c, \"bản sao\"", Counts: Counts{56, 6, 50, 0, 56, 50, 6, 0, 0, 0, 0}},
	}
	return Doc{
		Office: "38", OfficeName: "Huyện Đông Sơn", ParentName: "UBND tỉnh Thanh Hóa", Place: "Đông Sơn",
		Receiver: "Sở Nội vụ tỉnh Thanh Hóa",
		Period:   p,
		Table: Table{Rows: rows, Total: Row{Sector: "Tổng cộng", Counts: rows[0].Counts.Plus(rows[1].Counts)},
			Withdrawn: 2, Stopped: 1, EndedPlacement: EndedInNote},
		AsOf:    p.End,
		Offices: []string{"Huyện Đông Sơn", "UBND xã Đông Hòa"},
		Freshness: []Freshness{
			{Office: "38", Name: "Huyện Đông Sơn", Local: true},
			{Office: "38001", Name: "UBND xã Đông Hòa", Latest: time.Date(2026, 12, 14, 16, 40, 0, 0, calendar.Zone)},
		},
		GeneratedAt: time.Date(2026, 12, 15, 1, 2, 0, 0, time.UTC),
		Verify:      "HSVF1|38|report/II06a/2026Q4|1290|00112233445566778899aabbccddeeff",
	}
}

func writeXLSX(t *testing.T, d Doc) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestWriteXLSX(t *testing.T) {
	d := exportFixture(t)
	b := writeXLSX(t, d)
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{SheetII06a, SheetSource}) {
		t.Errorf("sheets %q", got)
	}
	cell := func(sheet string, col, row int) string {
		t.Helper()
		v, err := f.GetCellValue(sheet, cellName(col, row), excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for i, want := range []string{"Biểu số II.06a/VPCP/KSTT", Title, "Kỳ báo cáo: 2026Q4 (từ ngày 15/09/2026 đến ngày 14/12/2026)",
		"Số liệu tính đến hết ngày 14/12/2026", "Đơn vị báo cáo: Huyện Đông Sơn", "Đơn vị nhận báo cáo: Sở Nội vụ tỉnh Thanh Hóa",
		"Gồm: Huyện Đông Sơn, UBND xã Đông Hòa", "", "Đơn vị tính: Số hồ sơ TTHC"} {
		if got := cell(SheetII06a, 1, i+1); got != want {
			t.Errorf("row %d is %q, want %q", i+1, got, want)
		}
	}
	h := xlsxHeadRow
	if got := cell(SheetII06a, ColResolved, h); got != "Kết quả giải quyết" {
		t.Errorf("the group over column 7 is %q", got)
	}
	if got := cell(SheetII06a, ColOnline, h+1); got != "Trong kỳ: trực tuyến" {
		t.Errorf("the title of column 4 is %q", got)
	}
	if got := cell(SheetII06a, 13, h+2); got != "(13)" {
		t.Errorf("the number of column 13 is %q", got)
	}
	merged, err := f.GetMergeCells(SheetII06a)
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	for _, m := range merged {
		refs = append(refs, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	for _, want := range []string{"C10:F10", "G10:J10", "K10:M10", "A10:A11", "B10:B11"} {
		if !slices.Contains(refs, want) {
			t.Errorf("%s is not merged; merged: %v", want, refs)
		}
	}
	// The data rows and the total hold numbers equal to the counts.
	check := func(row int, no, sector string, c Counts) {
		t.Helper()
		if got := cell(SheetII06a, 1, row); got != no {
			t.Errorf("row %d: STT %q, want %q", row, got, no)
		}
		if got := cell(SheetII06a, 2, row); got != sector {
			t.Errorf("row %d: sector %q, want %q", row, got, sector)
		}
		for col := firstCol; col <= lastCol; col++ {
			ref := cellName(col, row)
			typ, err := f.GetCellType(SheetII06a, ref)
			if err != nil {
				t.Fatal(err)
			}
			if typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
				t.Errorf("%s is of type %v, not a number", ref, typ)
			}
			if fm, _ := f.GetCellFormula(SheetII06a, ref); fm != "" {
				t.Errorf("%s holds the formula %q", ref, fm)
			}
			n, err := strconv.Atoi(cell(SheetII06a, col, row))
			if err != nil || n != c.Col(col) {
				t.Errorf("%s = %q, want %d", ref, cell(SheetII06a, col, row), c.Col(col))
			}
		}
	}
	check(h+3, "1", "Hộ tịch", d.Table.Rows[0].Counts)
	check(h+4, "2", "Chứng thực, \"bản sao\"", d.Table.Rows[1].Counts)
	check(h+5, "", "Tổng cộng", d.Table.Total.Counts)
	if got, _ := f.GetCellValue(SheetII06a, "C13"); got != "1,234" && got != "1.234" {
		t.Errorf("C13 displays as %q, without a thousands separator", got)
	}
	if got, want := cell(SheetII06a, 1, h+7), "Ghi chú: trong kỳ có 2 hồ sơ tổ chức, cá nhân xin rút và 1 hồ sơ dừng giải quyết; các hồ sơ này được tính ở cột 3, không tính ở cột 7 và cột 11 (cột 3 = cột 7 + cột 11 + 3)."; got != want {
		t.Errorf("the note below the table is %q, want %q", got, want)
	}
	style, _ := f.GetCellStyle(SheetII06a, cellName(ColReceived, h+5))
	if s, err := f.GetStyle(style); err != nil || s.Font == nil || !s.Font.Bold {
		t.Error("the total is not bold")
	}
	panes, err := f.GetPanes(SheetII06a)
	if err != nil || !panes.Freeze || panes.YSplit != h+2 || panes.XSplit != 2 {
		t.Errorf("the panes are not frozen under the headings: %+v", panes)
	}
	props, err := f.GetDocProps()
	if err != nil || props.Created != "2026-12-15T01:02:00Z" || props.Modified != props.Created {
		t.Errorf("document properties %+v", props)
	}

	src, err := f.GetRows(SheetSource)
	if err != nil {
		t.Fatal(err)
	}
	text := ""
	for _, r := range src {
		text += strings.Join(r, "|") + "\n"
	}
	for _, want := range []string{d.Verify, "Số liệu tính đến|Số liệu tính đến hết ngày 14/12/2026", "Lập lúc|15/12/2026 08:02",
		"Đơn vị nhận báo cáo|Sở Nội vụ tỉnh Thanh Hóa",
		"Huyện Đông Sơn|38|có|||dữ liệu tại máy",
		"UBND xã Đông Hòa|38001|không|14/12/2026 16:40||hồ sơ mới nhất 14/12/2026 16:40; chưa đồng bộ"} {
		if !strings.Contains(text, want) {
			t.Errorf("the source sheet lacks %q:\n%s", want, text)
		}
	}
	if !bytes.Equal(b, writeXLSX(t, d)) {
		t.Error("the same report written twice gives different bytes")
	}
}

func TestWriteCSV(t *testing.T) {
	d := exportFixture(t)
	var buf bytes.Buffer
	if err := WriteCSV(&buf, d); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if !bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
		t.Fatal("the CSV does not start with a UTF-8 byte order mark")
	}
	if !bytes.HasSuffix(b, []byte("\r\n")) || bytes.Count(b, []byte("\r\n")) != 4 {
		t.Errorf("the CSV's lines do not end in CRLF: %q", b)
	}
	recs, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"STT", "Lĩnh vực", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13"},
		{"1", "Hộ tịch", "1234", "800", "400", "34", "1200", "900", "280", "20", "34", "30", "4"},
		{"2", "Chứng thực, \"bản sao\"", "56", "6", "50", "0", "56", "50", "6", "0", "0", "0", "0"},
		{"", "Tổng cộng", "1290", "806", "450", "34", "1256", "950", "286", "20", "34", "30", "4"},
	}
	if !reflect.DeepEqual(recs, want) {
		t.Errorf("the CSV reads back as\n%q\nwant\n%q", recs, want)
	}
}

func TestDocLines(t *testing.T) {
	d := exportFixture(t)
	d.AsOf = time.Date(2026, 11, 20, 10, 30, 0, 0, calendar.Zone)
	if got := d.AsOfLine(); got != "Số liệu tính đến 10:30 ngày 20/11/2026" {
		t.Errorf("as of %q", got)
	}
	d.Table.EndedPlacement = EndedOnTime
	d.Table.Stopped = 0
	if got := d.EndedNote(); got != "Ghi chú: trong kỳ có 2 hồ sơ tổ chức, cá nhân xin rút, được tính là đã giải quyết đúng hạn (cột 7 và cột 9)." {
		t.Errorf("note %q", got)
	}
	d.Table.Withdrawn, d.Receiver = 0, ""
	if d.EndedNote() != "" || d.ReceiverLine() != "" {
		t.Errorf("a note %q or a receiver %q with none", d.EndedNote(), d.ReceiverLine())
	}
}
