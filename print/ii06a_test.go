package print

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"hoso/calendar"
	"hoso/report"
)

// ii06aFixture returns a district's report for 2026Q4 over itself and two
// communes, with three sectors.
func ii06aFixture() report.Doc {
	p, err := report.ParsePeriod("2026Q4", report.WindowFifteenth)
	if err != nil {
		panic(err)
	}
	rows := []report.Row{
		{Sector: "Hộ tịch", Counts: report.Counts{1237, 800, 403, 34, 1200, 900, 280, 20, 34, 30, 4}},
		{Sector: "Chứng thực", Counts: report.Counts{56, 6, 50, 0, 56, 50, 6, 0, 0, 0, 0}},
		{Sector: "Đất đai, tài nguyên và môi trường (đăng ký biến động quyền sử dụng đất)", Counts: report.Counts{12, 2, 7, 3, 9, 1, 5, 3, 3, 1, 2}},
	}
	var total report.Counts
	for _, r := range rows {
		total = total.Plus(r.Counts)
	}
	return report.Doc{
		Office:     "38",
		OfficeName: "Bộ phận Tiếp nhận và Trả kết quả huyện Đông Sơn",
		ParentName: "UBND huyện Đông Sơn",
		Place:      "Đông Sơn",
		Receiver:   "UBND tỉnh Thanh Hóa",
		Period:     p,
		Table: report.Table{Rows: rows, Total: report.Row{Sector: "Tổng cộng", Counts: total},
			Withdrawn: 2, Stopped: 1, EndedPlacement: report.EndedInNote},
		// Run mid-period on purpose: the data date is not the end.
		AsOf:    time.Date(2026, 12, 10, 16, 30, 0, 0, calendar.Zone),
		Offices: []string{"Huyện Đông Sơn", "UBND xã Đông Hòa", "UBND xã Đông Thịnh"},
		Freshness: []report.Freshness{
			{Office: "38", Name: "Huyện Đông Sơn", Local: true, Latest: time.Date(2026, 12, 15, 7, 50, 0, 0, calendar.Zone)},
			{Office: "38001", Name: "UBND xã Đông Hòa", Latest: time.Date(2026, 12, 14, 16, 40, 0, 0, calendar.Zone), LastSync: time.Date(2026, 12, 15, 7, 30, 0, 0, calendar.Zone)},
			{Office: "38002", Name: "UBND xã Đông Thịnh", Latest: time.Date(2026, 12, 10, 9, 5, 0, 0, calendar.Zone)},
		},
		// In UTC on purpose: the report prints Vietnam time.
		GeneratedAt: time.Date(2026, 12, 15, 1, 2, 0, 0, time.UTC),
		Verify:      "HSVF1|38|report/II06a/2026Q4|1302|00112233445566778899aabbccddeeff",
	}
}

func renderII06a(t testing.TB, d report.Doc) []byte {
	t.Helper()
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.ReportII06a(&buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// oneLine joins the text's words with single spaces, so that a phrase
// wrapped or spread by pdftotext -layout can be found.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestII06aText(t *testing.T) {
	t.Parallel()
	d := ii06aFixture()
	pdf := renderII06a(t, d)
	p := writePDF(t, pdf)
	run(t, "qpdf", "--check", p)
	info := run(t, "pdfinfo", p)
	if !regexp.MustCompile(`Page size:\s+841.89 x 595.28 pts`).MatchString(info) {
		t.Errorf("not A4 landscape:\n%s", info)
	}
	text := pdftext(t, pdf)
	flat := oneLine(text)
	for _, want := range []string{
		report.Title, report.FormCode, "UBND HUYỆN ĐÔNG SƠN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
		"Đông Sơn, ngày 15 tháng 12 năm 2026",
		"Kỳ báo cáo: 2026Q4 (từ ngày 15/09/2026 đến ngày 14/12/2026)",
		"Số liệu tính đến 16:30 ngày 10/12/2026", "Biểu số II.06a/VPCP/KSTT",
		"Đơn vị báo cáo: Bộ phận Tiếp nhận và Trả kết quả huyện Đông Sơn",
		"Đơn vị nhận báo cáo: UBND tỉnh Thanh Hóa", "Đơn vị tính: Số hồ sơ TTHC",
		"Ghi chú: trong kỳ có 2 hồ sơ tổ chức, cá nhân xin rút và 1 hồ sơ dừng giải quyết; các hồ sơ này được tính ở cột 3, không tính ở cột 7 và cột 11 (cột 3 = cột 7 + cột 11 + 3).",
		"Gồm: Huyện Đông Sơn, UBND xã Đông Hòa, UBND xã Đông Thịnh",
		"Số hồ sơ nhận giải quyết", "Kết quả giải quyết", "Số hồ sơ đang giải quyết", "Lĩnh vực giải quyết",
		"Hộ tịch", "Chứng thực", "Đất đai, tài nguyên và môi trường",
		"1.237 800 403 34 1.200 900 280 20 34 30 4",
		"Tổng cộng 1.305 808 460 37 1.265 951 291 23 37 31 6",
		"Lập lúc 15/12/2026 08:02; dữ liệu của từng đơn vị cập nhật đến:",
		"– Huyện Đông Sơn: dữ liệu tại máy",
		"– UBND xã Đông Hòa: hồ sơ mới nhất 14/12/2026 16:40; đồng bộ lần cuối 15/12/2026 07:30",
		"– UBND xã Đông Thịnh: hồ sơ mới nhất 10/12/2026 09:05; chưa đồng bộ",
		"NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ", "(Ký, ghi rõ họ tên và đóng dấu)",
		"Trang 1/1", "Biểu II.06a · In lúc 08:02 ngày 15/12/2026",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	// The rows are in order, and the total is last.
	last := -1
	for i, r := range d.Table.Rows {
		at := strings.Index(flat, strings.Fields(r.Sector)[0])
		if at < last {
			t.Errorf("row %d (%s) is missing or out of order", i+1, r.Sector)
		}
		last = at
	}
	if strings.Index(flat, "Tổng cộng") < last {
		t.Error("the total is not below the rows")
	}
	if got := decodeQR(t, pdf); got != d.Verify {
		t.Errorf("the QR code holds %q", got)
	}
}

func TestII06aPages(t *testing.T) {
	t.Parallel()
	d := ii06aFixture()
	d.Table.Rows = nil
	var total report.Counts
	for i := range 80 {
		c := report.Counts{i + 1, i, 1, 0, i, i, 0, 0, 1, 1, 0}
		d.Table.Rows = append(d.Table.Rows, report.Row{Sector: fmt.Sprintf("Lĩnh vực số %02d", i+1), Counts: c})
		total = total.Plus(c)
	}
	d.Table.Total.Counts = total
	pdf := renderII06a(t, d)
	info := run(t, "pdfinfo", writePDF(t, pdf))
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)$`).FindStringSubmatch(info)
	pages, _ := strconv.Atoi(m[1])
	if pages < 2 {
		t.Fatalf("80 sectors on %d page; the table does not flow", pages)
	}
	text := pdftext(t, pdf)
	if n := strings.Count(text, "(13)"); n != pages {
		t.Errorf("the headings appear %d times on %d pages", n, pages)
	}
	for i := 1; i <= pages; i++ {
		if want := fmt.Sprintf("Trang %d/%d", i, pages); !strings.Contains(text, want) {
			t.Errorf("the report lacks the page number %q", want)
		}
	}
	for i := range 80 {
		if s := fmt.Sprintf("Lĩnh vực số %02d", i+1); strings.Count(text, s) != 1 {
			t.Errorf("%s is printed %d times", s, strings.Count(text, s))
		}
	}
	if !strings.Contains(oneLine(text), "Tổng cộng 3.240 3.160 80 0 3.160 3.160 0 0 80 80 0") {
		t.Error("the total of 80 sectors is missing or wrong")
	}
}

func TestII06aGolden(t *testing.T) {
	t.Parallel()
	checkGolden(t, "ii06a", pdftext(t, renderII06a(t, ii06aFixture())))
}

func TestII06aDeterministicAndEmpty(t *testing.T) {
	t.Parallel()
	d := ii06aFixture()
	if !bytes.Equal(renderII06a(t, d), renderII06a(t, d)) {
		t.Error("the same report rendered twice gives different bytes")
	}
	d.Table = report.Table{Total: report.Row{Sector: "Tổng cộng"}}
	d.Offices, d.Verify = d.Offices[:1], ""
	flat := oneLine(pdftext(t, renderII06a(t, d)))
	if !strings.Contains(flat, "Không có hồ sơ trong kỳ") {
		t.Error("an empty report does not say so")
	}
	if strings.Contains(flat, "Gồm:") {
		t.Error("a report of one office lists the offices")
	}
	r, _ := NewRenderer()
	if err := r.ReportII06a(nil, d); err == nil {
		t.Error("a nil writer is accepted")
	}
}

func TestThousands(t *testing.T) {
	t.Parallel()
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1.000", 1234567: "1.234.567", -1234: "-1.234"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
