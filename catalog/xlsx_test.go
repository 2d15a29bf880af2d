package catalog

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// openXLSX opens an exported workbook or stops the test.
func openXLSX(t *testing.T, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("opening the workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestExportXLSXCells(t *testing.T) {
	procs := mustDefault(t)
	f := openXLSX(t, export(t, FormatXLSX, procs))
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{SheetName}) {
		t.Fatalf("sheets %q, want [%q]", got, SheetName)
	}
	// The header: the columns, in bold.
	header, err := f.GetRows(SheetName)
	if err != nil || !reflect.DeepEqual(header[0], Columns()) {
		t.Fatalf("header %q, %v", header[0], err)
	}
	for c := range numColumns {
		cell, _ := excelize.CoordinatesToCellName(c+1, 1)
		id, err := f.GetCellStyle(SheetName, cell)
		if err != nil {
			t.Fatal(err)
		}
		style, err := f.GetStyle(id)
		if err != nil || style.Font == nil || !style.Font.Bold {
			t.Errorf("header cell %s is not bold (%v)", cell, err)
		}
	}
	if w, _ := f.GetColWidth(SheetName, "B"); w < 30 {
		t.Errorf("the name column is %v wide", w)
	}

	// Row 7 is procedure 6, "Đăng ký nhận cha, mẹ, con": limit 3, extended
	// 8, fee null. Row 13 is "Chứng thực bản sao từ bản chính": fee 2000.
	cellType := func(ref string) excelize.CellType {
		ct, err := f.GetCellType(SheetName, ref)
		if err != nil {
			t.Fatal(err)
		}
		return ct
	}
	raw := func(ref string) string {
		v, err := f.GetCellValue(SheetName, ref, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		ref   string
		value string
		typ   excelize.CellType
	}{
		// A number cell has no type attribute (CellTypeUnset) in OOXML,
		// unlike a text cell (CellTypeSharedString).
		{"E14", "3", excelize.CellTypeUnset},
		{"F14", "8", excelize.CellTypeUnset},
		{"G7", "2000", excelize.CellTypeUnset},
		{"E2", "0", excelize.CellTypeUnset},
		{"G2", "0", excelize.CellTypeUnset},
		{"A14", "1.001022", excelize.CellTypeSharedString},
		{"B14", "Đăng ký nhận cha, mẹ, con", excelize.CellTypeSharedString},
		{"N14", "1", excelize.CellTypeBool},
		{"N12", "0", excelize.CellTypeBool},
		{"O14", "cần xác minh", excelize.CellTypeSharedString},
		{"R7", "kind:per_page; vnd_per_page:2000; from_page:3; vnd_per_page_after:1000; max_vnd_per_copy:200000; basis:Thông tư 226/2016/TT-BTC", excelize.CellTypeSharedString},
		{"S10", "Công an xã", excelize.CellTypeSharedString},
	}
	for _, tt := range tests {
		if got := raw(tt.ref); got != tt.value {
			t.Errorf("%s = %q, want %q", tt.ref, got, tt.value)
		}
		if got := cellType(tt.ref); got != tt.typ {
			t.Errorf("%s has type %v, want %v", tt.ref, got, tt.typ)
		}
	}
	if got := raw("G5"); got != "" {
		t.Errorf("nil fee written as %q, want an empty cell", got)
	}
	if fee, _ := f.GetCellValue(SheetName, "G7"); fee != "2,000" {
		t.Errorf("fee shown as %q, want 2,000 (a thousands format)", fee)
	}
}

// workbook builds a workbook with one sheet of the given rows.
func workbook(t *testing.T, sheet string, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestExportXLSXCellLimit(t *testing.T) {
	p := validProc(func(p *Procedure) {
		p.TimeLimitWD, p.ExtendedTimeLimitWD = 10, nil
		p.Steps = nil
		for range MaxListLen {
			p.Steps = append(p.Steps, Step{Name: strings.Repeat(";", MaxNameLen), Role: RoleClerk, Hours: 1, Form: strings.Repeat(":", MaxFormLen)})
		}
	})
	if err := Export(&bytes.Buffer{}, FormatXLSX, []Procedure{p}); err == nil || !strings.Contains(err.Error(), "steps") {
		t.Errorf("Export of a %d-character cell: %v", len(formatSteps(p.Steps)), err)
	}
	// CSV has no such limit.
	if got := mustImport(t, export(t, FormatCSV, []Procedure{p}), FormatCSV); !reflect.DeepEqual(got[0].Steps, p.Steps) {
		t.Error("the long steps cell did not survive CSV")
	}
}

func TestImportXLSX(t *testing.T) {
	header := []any{"code", "name", "sector", "time_limit_wd", "fee_vnd", "active"}
	good := workbook(t, "Procedures", [][]any{
		header,
		{"1.001193", "Đăng ký khai sinh", "Hộ tịch", 0, 8000.0, true},
		{},
		{"1.000894", "Đăng ký kết hôn", "Hộ tịch", "2", "5000", false},
		{1.00119, "Thủ tục có mã bị Excel đổi thành số", "Hộ tịch", 1, nil, nil},
	})
	got := mustImport(t, good, FormatXLSX)
	if len(got) != 3 || got[2].Code != "1.001190" || *got[0].FeeVND != 8000 || got[1].TimeLimitWD != 2 || *got[1].FeeVND != 5000 || got[1].Active || !got[0].Active {
		t.Errorf("Import = %+v", got)
	}

	bad := workbook(t, SheetName, [][]any{
		header,
		{"1.001193", "Đăng ký khai sinh", "Hộ tịch", 1.5, "8.000", "maybe"},
		{},
		{"1.001193", "", "Hộ tịch", 400, -1, 1},
	})
	want := []brief{
		{2, "time_limit_wd", CodeBadNumber}, {2, "fee_vnd", CodeBadNumber}, {2, "active", CodeBadEnum},
		{4, "code", CodeDuplicateCode}, {4, "name", CodeRequired}, {4, "time_limit_wd", CodeOutOfRange}, {4, "fee_vnd", CodeOutOfRange},
	}
	if errs := importErrors(t, bad, FormatXLSX); !reflect.DeepEqual(briefs(errs), want) {
		t.Errorf("errors = %+v\nwant %+v", errs, want)
	}

	// Two sheets, neither named SheetName.
	f := excelize.NewFile()
	defer f.Close()
	if _, err := f.NewSheet("Khác"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	others := []struct {
		name string
		data []byte
		want []brief
	}{
		{"two other sheets", buf.Bytes(), []brief{{0, "", CodeBadFile}}},
		{"not a workbook", []byte("code,name\n"), []brief{{0, "", CodeBadFile}}},
		{"empty sheet", workbook(t, SheetName, nil), []brief{{1, "", CodeMissingColumn}}},
		{"unknown column", workbook(t, SheetName, [][]any{append(header, "ghi chú")}), []brief{{1, "ghi chú", CodeUnknownColumn}}},
	}
	for _, tt := range others {
		if errs := importErrors(t, tt.data, FormatXLSX); !reflect.DeepEqual(briefs(errs), tt.want) {
			t.Errorf("%s: errors = %+v, want %+v", tt.name, errs, tt.want)
		}
	}
}
