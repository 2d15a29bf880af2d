package print

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"hoso/iso"
)

// yearFixture is a district's report of 2026 with one commune below it.
func yearFixture() IsoYearReport {
	return IsoYearReport{
		Office: Office{Name: "UBND huyện Đông Sơn", ParentName: "UBND tỉnh Thanh Hóa", Place: "Đông Sơn"},
		Year:   2026,
		Form:   iso.DefaultYearReportForm(),
		Rows: []IsoYearRow{
			{Code: "405", Name: "UBND huyện Đông Sơn", Processes: ProcessCounts{InForce: 12, Draft: 1, Superseded: 3}, Objectives: 4, Met: 3,
				NC: iso.NCSummary{Open: 2, Closed: 9, Auto: 10, Manual: 1}, Actions: iso.ActionSummary{Open: 2, Overdue: 1, Closed: 7, Effective: 5}, LastAudit: "2026-10-15", LastReview: "2026-11-20"},
			{Code: "38001", Name: "UBND xã Đông Hòa", Depth: 1, Processes: ProcessCounts{InForce: 6}, Objectives: 2, Met: 1, NC: iso.NCSummary{Open: 3}, Actions: iso.ActionSummary{Open: 1, Overdue: 1}, LastAudit: "2026-09-30"},
		},
		PrintedAt: time.Date(2026, 12, 7, 3, 0, 0, 0, time.UTC),
		Verify:    "HSVF1|405|isoyear/405/2026|2|00112233445566778899aabbccddeeff",
	}
}

func renderYear(t testing.TB, rep IsoYearReport) []byte {
	t.Helper()
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.IsoYearReport(&buf, rep); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestIsoYearReport(t *testing.T) {
	t.Parallel()
	rep := yearFixture()
	pdf := renderYear(t, rep)
	run(t, "qpdf", "--check", writePDF(t, pdf))
	text := pdftext(t, pdf)
	for _, want := range []string{
		"BÁO CÁO TÌNH HÌNH XÂY DỰNG", "NĂM 2026", "Quyết định số 101/2018/QĐ-TTg", "Kính gửi: Sở Khoa học và Công nghệ.",
		"12 quy trình đang có hiệu lực; 1 dự thảo", "4 mục tiêu chất lượng; 3 mục tiêu đạt", "ngày 15/10/2026", "ngày 20/11/2026",
		"11 sự không phù hợp trong năm (10 phát hiện tự động từ hồ sơ, 1 ghi nhận thủ công); 2 đang mở, 9 đã đóng",
		"2 hành động khắc phục đang thực hiện (1 quá hạn); 7 đã hoàn thành, trong đó 5", "UBND xã Đông Hòa", "30/09/2026",
		"(*) Mẫu và các mục đánh dấu chưa được đối chiếu", "trước ngày 15 tháng 12 hằng năm (cần xác minh)", "THỦ TRƯỞNG CƠ QUAN",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if got := decodeQR(t, pdf); got != rep.Verify {
		t.Errorf("the QR code holds %q", got)
	}
	if !bytes.Equal(pdf, renderYear(t, rep)) {
		t.Error("the same report rendered twice gives different bytes")
	}
}

func TestIsoYearReportGolden(t *testing.T) {
	t.Parallel()
	checkGolden(t, "iso_yearreport", pdftext(t, renderYear(t, yearFixture())))
}

func TestIsoYearReportAlone(t *testing.T) {
	t.Parallel()
	rep := yearFixture()
	rep.Rows = rep.Rows[:1]
	rep.Rows[0].LastAudit, rep.Rows[0].Objectives = "", 0
	text := pdftext(t, renderYear(t, rep))
	for _, want := range []string{"Không có cơ quan, đơn vị trực thuộc", "Lần đánh giá nội bộ gần nhất: chưa thực hiện", "Chưa xây dựng mục tiêu chất lượng"} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	r, _ := NewRenderer()
	if err := r.IsoYearReport(&bytes.Buffer{}, IsoYearReport{Year: 2026}); err == nil {
		t.Error("a report without an office is rendered")
	}
}
