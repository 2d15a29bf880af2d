package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestImportCSVOneBadRow(t *testing.T) {
	data := csvFile(csvHeader,
		csvRow("1.001193", "Đăng ký khai sinh", "0"),
		csvRow("1.000894", "Đăng ký kết hôn", "0"),
		csvRow("1.000656", "Đăng ký khai tử", "abc"),
		csvRow("1.004837", "Đăng ký giám hộ", "3"))
	errs := importErrors(t, data, FormatCSV)
	want := []brief{{4, "time_limit_wd", CodeBadNumber}}
	if got := briefs(errs); !reflect.DeepEqual(got, want) {
		t.Fatalf("errors = %+v, want %+v", errs, want)
	}
	if !strings.Contains(errs[0].Message, `"abc"`) {
		t.Errorf("message %q does not quote the bad value", errs[0].Message)
	}
}

func TestImportCSVProblems(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want []brief
	}{
		{"several rows and columns at once", csvFile(csvHeader,
			csvRow("1.001193", "", "0"),
			"1.000894,Đăng ký kết hôn,Hộ tịch,ward,2,1,8.000,,none,,Tờ khai:scan:1,Tiếp nhận:clerk:abc,sure,maybe",
			csvRow("1.001193", "Đăng ký khai tử", "366"),
			csvRow("9.1", "Đăng ký giám hộ", "3")),
			[]brief{
				{2, "name", CodeRequired},
				{3, "level", CodeBadEnum},
				{3, "extended_time_limit_wd", CodeOutOfRange},
				{3, "fee_vnd", CodeBadNumber},
				{3, "documents", CodeBadEnum},
				{3, "steps", CodeBadNumber},
				{3, "confidence", CodeBadEnum},
				{3, "active", CodeBadEnum},
				{4, "code", CodeDuplicateCode},
				{4, "time_limit_wd", CodeOutOfRange},
				{5, "code", CodeBadFormat},
			}},
		{"required time limit", csvFile(csvHeader, csvRow("1.001193", "Đăng ký khai sinh", "")),
			[]brief{{2, "time_limit_wd", CodeRequired}}},
		{"fractional time limit", csvFile(csvHeader, csvRow("1.001193", "Đăng ký khai sinh", "1.5")),
			[]brief{{2, "time_limit_wd", CodeBadNumber}}},
		{"too long name", csvFile(csvHeader, csvRow("1.001193", strings.Repeat("a", 301), "1")),
			[]brief{{2, "name", CodeTooLong}}},
		{"steps over the limit", csvFile(csvHeader,
			"1.001193,Đăng ký khai sinh,Hộ tịch,,1,,,,,,,A:clerk:4; B:officer:4.5,,"),
			[]brief{{2, "steps", CodeStepsOverLimit}}},
		{"bad compact lists", csvFile(csvHeader,
			"1.001193,Đăng ký khai sinh,Hộ tịch,,1,,,,,,Tờ khai; CCCD:copy:x; A:copy:1:maybe,A:clerk; B:boss:1,,"),
			[]brief{{2, "documents", CodeBadFormat}, {2, "documents", CodeBadNumber}, {2, "documents", CodeBadEnum}, {2, "steps", CodeBadFormat}, {2, "steps", CodeBadEnum}}},
		{"invalid item after a good parse", csvFile(csvHeader,
			"1.001193,Đăng ký khai sinh,Hộ tịch,,1,,,,,,A:copy:0,B:boss:1,,"),
			[]brief{{2, "documents", CodeOutOfRange}, {2, "steps", CodeBadEnum}}},
		{"same sector and name without codes", csvFile(csvHeader,
			csvRow("", "Đăng ký khai sinh", "0"),
			csvRow("", "đăng ký khai sinh ", "0")),
			[]brief{{3, "code", CodeDuplicateCode}}},
		{"explicit code equal to a local one", csvFile(csvHeader,
			csvRow("", "Đăng ký khai sinh", "0"),
			csvRow(LocalCode("Hộ tịch", "Đăng ký khai sinh"), "Khác", "0")),
			[]brief{{3, "code", CodeDuplicateCode}}},
		{"unknown columns", csvFile(csvHeader+",ghi chú,Owner", csvRow("1.001193", "A", "0")+",x,y"),
			[]brief{{1, "ghi chú, Owner", CodeUnknownColumn}}},
		{"repeated and missing columns", csvFile("code,code,name", "1.001193,1.001193,A"),
			[]brief{{1, "code", CodeDuplicateColumn}, {1, "sector, time_limit_wd", CodeMissingColumn}}},
		{"values without a header", csvFile("name,sector,time_limit_wd,", "A,Hộ tịch,1,x"),
			[]brief{{2, "", CodeUnknownColumn}}},
		{"semicolons", csvFile(strings.ReplaceAll(csvHeader, ",", ";"), "1.001193;A;Hộ tịch;;0;;;;;;;;;"),
			[]brief{{1, "", CodeBadDelimiter}}},
		{"tabs", csvFile(strings.ReplaceAll(csvHeader, ",", "\t")),
			[]brief{{1, "", CodeBadDelimiter}}},
		{"Windows-1258", append(csvFile(csvHeader), []byte("1.001193,\xd0\xe3ng k\xfd,H\xf4 t\xecch,,0,,,,,,,,,\r\n")...),
			[]brief{{0, "", CodeBadEncoding}}},
		{"UTF-16", append([]byte{0xFF, 0xFE}, "c\x00o\x00"...),
			[]brief{{0, "", CodeBadEncoding}}},
		{"empty", nil, []brief{{1, "", CodeMissingColumn}}},
		{"bare quote", csvFile(csvHeader, csvRow("1.001193", "A", "0"), `1.000894,"B"x,Hộ tịch,,0,,,,,,,,,`),
			[]brief{{3, "", CodeBadFile}}},
		{"line break in a cell counts as one row", csvFile(csvHeader,
			"1.001193,\"Đăng ký\nkhai sinh\",Hộ tịch,,0,,,,,,,,,",
			csvRow("1.000894", "Đăng ký kết hôn", "x")),
			[]brief{{2, "name", CodeBadFormat}, {3, "time_limit_wd", CodeBadNumber}}},
		{"blank line counts as a row", csvFile(csvHeader, "", csvRow("1.000894", "Đăng ký kết hôn", "x")),
			[]brief{{3, "time_limit_wd", CodeBadNumber}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := importErrors(t, tt.data, FormatCSV)
			if got := briefs(errs); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("errors = %+v\nwant %+v", errs, tt.want)
			}
			for _, e := range errs {
				if e.Message == "" {
					t.Errorf("%+v has no message", e)
				}
			}
		})
	}
}

func TestImportCSVAccepts(t *testing.T) {
	full := csvFile(csvHeader,
		"1.001193,Đăng ký khai sinh,Hộ tịch,,0,,,,,,,,,",
		"1.000894,Đăng ký kết hôn,Hộ tịch,Commune,0,5,0,Miễn phí,NONE,UBND xã,Tờ khai:Original:1; CCCD:copy:2:optional,Tiếp nhận:clerk:0.5:Mẫu 01; Xử lý:officer:7.5,Law,có",
		",,,,,,,,,,,,,",
		"1.000656,Đăng ký khai tử,Hộ tịch,, 1 ,  ,  ,,,,,,,",
		"",
		",,,")
	want := []Procedure{
		{Code: "1.001193", Name: "Đăng ký khai sinh", Sector: "Hộ tịch", Level: LevelCommune,
			Documents: []Document{}, Agencies: []string{}, Interagency: InteragencyNone, Steps: []Step{},
			Confidence: ConfidenceUnsure, Active: true},
		{Code: "1.000894", Name: "Đăng ký kết hôn", Sector: "Hộ tịch", Level: LevelCommune,
			TimeLimitWD: 0, ExtendedTimeLimitWD: ptr(5), FeeVND: ptr[int64](0), FeeNote: "Miễn phí",
			Documents: []Document{{"Tờ khai", FormOriginal, 1, true, 0}, {"CCCD", FormCopy, 2, false, 0}},
			Agencies:  []string{"UBND xã"}, Interagency: InteragencyNone,
			Steps:      []Step{{"Tiếp nhận", RoleClerk, 0.5, "Mẫu 01"}, {"Xử lý", RoleOfficer, 7.5, ""}},
			Confidence: ConfidenceLaw, Active: true},
		{Code: "1.000656", Name: "Đăng ký khai tử", Sector: "Hộ tịch", Level: LevelCommune, TimeLimitWD: 1,
			Documents: []Document{}, Agencies: []string{}, Interagency: InteragencyNone, Steps: []Step{},
			Confidence: ConfidenceUnsure, Active: true},
	}
	got := mustImport(t, full, FormatCSV)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Import =\n%+v\nwant\n%+v", got, want)
	}
	// A byte-order mark changes nothing.
	if withBOM := mustImport(t, append([]byte("\uFEFF"), full...), FormatCSV); !reflect.DeepEqual(withBOM, want) {
		t.Errorf("with a BOM: %+v", withBOM)
	}
	// Columns in another order, optional ones left out, a code assigned.
	short := csvFile("time_limit_wd,Sector,NAME", "3,Hộ tịch,Đăng ký giám hộ")
	got = mustImport(t, short, FormatCSV)
	if len(got) != 1 || got[0].Code != LocalCode("Hộ tịch", "Đăng ký giám hộ") || got[0].TimeLimitWD != 3 || !got[0].Active {
		t.Errorf("Import(short) = %+v", got)
	}
	// A header alone is an empty catalog.
	if got := mustImport(t, csvFile(csvHeader), FormatCSV); len(got) != 0 {
		t.Errorf("Import(header only) = %+v", got)
	}
}

func ptr[T any](v T) *T { return &v }

func TestImportLimits(t *testing.T) {
	row := func(i int) string { return fmt.Sprintf("L.T%05d,Thủ tục %d,Hộ tịch,,1,,,,,,,,,", i, i) }
	var b strings.Builder
	b.WriteString(csvHeader + "\r\n")
	for i := range MaxImportRows {
		b.WriteString(row(i) + "\r\n")
	}
	if got := mustImport(t, []byte(b.String()), FormatCSV); len(got) != MaxImportRows {
		t.Errorf("%d rows imported, want %d", len(got), MaxImportRows)
	}
	b.WriteString(row(MaxImportRows) + "\r\n")
	if errs := importErrors(t, []byte(b.String()), FormatCSV); !reflect.DeepEqual(briefs(errs), []brief{{0, "", CodeTooManyRows}}) {
		t.Errorf("one row too many: %+v", errs)
	}

	list := "[" + strings.Repeat(`{"name":"A","sector":"S","timeLimitWD":1},`, MaxImportRows) + `{"name":"B","sector":"S","timeLimitWD":1}]`
	if errs := importErrors(t, []byte(list), FormatJSON); !reflect.DeepEqual(briefs(errs), []brief{{0, "", CodeTooManyRows}}) {
		t.Errorf("JSON, one procedure too many: %+v", errs)
	}

	big := bytes.Repeat([]byte("a"), MaxImportBytes+1)
	for _, f := range []Format{FormatCSV, FormatJSON, FormatXLSX} {
		if errs := importErrors(t, big, f); !reflect.DeepEqual(briefs(errs), []brief{{0, "", CodeTooLarge}}) {
			t.Errorf("%s: too large: %+v", f, errs)
		}
	}

	// Many bad rows: the list stops at MaxImportErrors and says so.
	b.Reset()
	b.WriteString(csvHeader + "\r\n")
	for i := range MaxImportErrors + 10 {
		b.WriteString(fmt.Sprintf("L.T%05d,Thủ tục %d,Hộ tịch,,x,,,,,,,,,\r\n", i, i))
	}
	errs := importErrors(t, []byte(b.String()), FormatCSV)
	if len(errs) != MaxImportErrors+1 || errs[MaxImportErrors].Code != CodeTooManyErrors || errs[MaxImportErrors-1].Row != MaxImportErrors+1 {
		t.Errorf("%d errors, last %+v", len(errs), errs[len(errs)-1])
	}
}

// failingReader fails after its first read.
type failingReader struct{ done bool }

func (r *failingReader) Read(p []byte) (int, error) {
	if r.done {
		return 0, errors.New("disk gone")
	}
	r.done = true
	return copy(p, csvHeader), nil
}

func TestImportReadFailure(t *testing.T) {
	_, err := Import(&failingReader{}, FormatCSV)
	var ie *ImportError
	if err == nil || errors.As(err, &ie) || !strings.Contains(err.Error(), "disk gone") {
		t.Errorf("Import from a failing reader: %v", err)
	}
}

func TestImportUnknownFormat(t *testing.T) {
	if _, err := Import(strings.NewReader("x"), "ods"); err == nil {
		t.Error("Import accepted format ods")
	}
	for name, want := range map[string]Format{"a.CSV": FormatCSV, "b.json": FormatJSON, "c/d.xlsx": FormatXLSX, "e.xls": ""} {
		if got, ok := FormatForName(name); got != want || ok != (want != "") {
			t.Errorf("FormatForName(%q) = %q, %v", name, got, ok)
		}
	}
}
