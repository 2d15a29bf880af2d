package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// validProc returns a valid procedure, changed by each of mods in turn.
func validProc(mods ...func(*Procedure)) Procedure {
	ext := 5
	fee := int64(8000)
	p := Procedure{
		Code:                "1.001193",
		Name:                "Đăng ký khai sinh",
		Sector:              "Hộ tịch",
		Level:               LevelCommune,
		TimeLimitWD:         3,
		ExtendedTimeLimitWD: &ext,
		FeeVND:              &fee,
		FeeNote:             "8.000 đ/bản",
		Documents: []Document{
			{Name: "Tờ khai đăng ký khai sinh", Form: FormOriginal, Count: 1, Required: true},
			{Name: "Giấy chứng sinh", Form: FormCertifiedCopy, Count: 1, Required: true},
			{Name: "Văn bản ủy quyền", Form: FormCopy, Count: 2, Required: false},
		},
		Agencies:    []string{"UBND xã"},
		Interagency: InteragencyNone,
		Steps: []Step{
			{Name: "Tiếp nhận hồ sơ", Role: RoleClerk, Hours: 4, Form: "Mẫu 01"},
			{Name: "Thẩm định", Role: RoleOfficer, Hours: 12.5},
			{Name: "Ký duyệt", Role: RoleLeader, Hours: 4, Form: "Mẫu 05"},
		},
		Confidence: ConfidenceLaw,
		Active:     true,
	}
	for _, m := range mods {
		m(&p)
	}
	return p
}

// mustDefault returns the default catalog or stops the test.
func mustDefault(t testing.TB) []Procedure {
	t.Helper()
	procs, err := Default()
	if err != nil {
		t.Fatalf("Default: %v", err)
	}
	return procs
}

// export writes procs in format or stops the test.
func export(t testing.TB, format Format, procs []Procedure) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Export(&buf, format, procs); err != nil {
		t.Fatalf("Export(%s): %v", format, err)
	}
	return buf.Bytes()
}

// importErrors imports data, expects it refused and returns the problems.
func importErrors(t testing.TB, data []byte, format Format) []RowError {
	t.Helper()
	procs, err := Import(bytes.NewReader(data), format)
	var ie *ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("Import(%s) = %d procedures, %v; want an *ImportError", format, len(procs), err)
	}
	if procs != nil {
		t.Errorf("Import(%s) refused the file but returned %d procedures", format, len(procs))
	}
	if ie.Format != format {
		t.Errorf("ImportError.Format = %q, want %q", ie.Format, format)
	}
	return ie.Errors
}

// mustImport imports data or stops the test.
func mustImport(t testing.TB, data []byte, format Format) []Procedure {
	t.Helper()
	procs, err := Import(bytes.NewReader(data), format)
	if err != nil {
		t.Fatalf("Import(%s): %v", format, err)
	}
	return procs
}

// brief is the part of a RowError tests compare exactly.
type brief struct {
	Row    int
	Column string
	Code   string
}

func briefs(errs []RowError) []brief {
	out := make([]brief, len(errs))
	for i, e := range errs {
		out[i] = brief{e.Row, e.Column, e.Code}
	}
	return out
}

// csvFile joins a header and rows into a CSV file with CRLF line ends.
func csvFile(lines ...string) []byte {
	return []byte(strings.Join(lines, "\r\n") + "\r\n")
}

// csvHeader is the full header, in Export's order.
var csvHeader = strings.Join(Columns(), ",")

// csvRow builds a valid row of the full header with the given time limit
// text and code.
func csvRow(code, name, limit string) string {
	return fmt.Sprintf("%s,%s,Hộ tịch,commune,%s,,0,,none,,Tờ khai:original:1,Tiếp nhận:clerk:1,law,true", code, name, limit)
}
