package print

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"hoso/calendar"
	"hoso/iso"
)

// reviewFixture is a review of 2026 held on 4 December 2026.
func reviewFixture() ReviewMinutes {
	last := time.Date(2026, 10, 20, 9, 0, 0, 0, calendar.Zone)
	return ReviewMinutes{
		Office: Office{Name: "UBND xã Đông Sơn", ParentName: "UBND tỉnh Thanh Hóa", Place: "Đông Sơn"},
		Review: iso.Review{
			ID: "rv-20261204", Office: "38001", Date: "2026-12-04", Chair: "Lê Thị Lan",
			Attendees: []string{"Lê Thị Lan", "Nguyễn Thị Hồng", "Trần Văn Minh"},
			Inputs: iso.ReviewInputs{
				Office: "38001", From: "2026-01-01", To: "2026-12-31",
				Objectives: []iso.ObjectiveOutcome{
					{ID: "dung-han", Name: "Ít nhất 98% hồ sơ đúng hạn", Kind: iso.ObjectiveMeasured, Unit: iso.UnitPercent, Comparison: iso.AtLeast, Target: 98, Value: 96.5, Known: true, Status: iso.StatusAtRisk},
					{ID: "bo-sung", Name: "Không hồ sơ bổ sung lần hai", Kind: iso.ObjectiveMeasured, Unit: iso.UnitCount, Comparison: iso.AtMost, Target: 0, Value: 0, Known: true, Status: iso.StatusMet},
				},
				Audits:          iso.AuditSummary{Last: &last, Audits: 1, Findings: 3, Nonconformities: 1},
				Nonconformities: iso.NCSummary{Open: 2, Closed: 5, Auto: 6, Manual: 1},
				Actions:         iso.ActionSummary{Open: 1, Overdue: 1, Closed: 4, Effective: 3},
				Satisfaction:    iso.Rated{Satisfied: 45, Rated: 50, Rate: 90, Known: true},
				OnTime:          []iso.ProcessRate{{Procedure: "1.004837", Name: "Cấp bản sao trích lục hộ tịch", Resolved: 40, OnTime: 39, Rate: 97.5}},
				CatalogChanges:  []iso.CatalogChange{{Procedure: "1.001193", Name: "Đăng ký khai sinh", Version: 2, At: time.Date(2026, 7, 1, 8, 0, 0, 0, calendar.Zone)}},
			},
			Resources: "Cần thêm một máy quét cho bộ phận một cửa.",
			Decisions: []string{"Duy trì chính sách chất lượng.", "Rà soát quy trình cấp bản sao trích lục."},
			Actions:   []iso.ReviewAction{{Title: "Rà soát thời gian từng bước của quy trình", Owner: "chuyenvien", OwnerName: "Trần Văn Minh", Due: "2027-01-31"}},
		},
		PrintedAt: time.Date(2026, 12, 4, 3, 0, 0, 0, time.UTC),
		Verify:    "HSVF1|38001|iso/review/38001/rv-20261204|1|00112233445566778899aabbccddeeff",
	}
}

func renderMinutes(t testing.TB, m ReviewMinutes) []byte {
	t.Helper()
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.ReviewMinutes(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReviewMinutes(t *testing.T) {
	t.Parallel()
	m := reviewFixture()
	pdf := renderMinutes(t, m)
	run(t, "qpdf", "--check", writePDF(t, pdf))
	text := pdftext(t, pdf)
	for _, want := range []string{
		"BIÊN BẢN", "HỌP XEM XÉT CỦA LÃNH ĐẠO", "Đông Sơn, ngày 04 tháng 12 năm 2026",
		"từ ngày 01/01/2026 đến ngày 31/12/2026", "Ít nhất 98% hồ sơ đúng hạn", "≥ 98%", "96,5%", "Có nguy cơ không đạt",
		"lần đánh giá gần nhất: ngày", "20/10/2026", "2 đang mở, 5 đã đóng", "1 quá hạn", "45/50 lượt đánh giá hài lòng (90%)",
		"1.004837", "97,5%", "Đăng ký khai sinh (mã 1.001193), phiên bản 2", "một máy quét",
		"1. Duy trì chính sách chất lượng.", "Trần Văn Minh", "31/01/2027", "CHỦ TRÌ", "Trang 1/1",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the minutes lack %q", want)
		}
	}
	if got := decodeQR(t, pdf); got != m.Verify {
		t.Errorf("the QR code holds %q", got)
	}
	if !bytes.Equal(pdf, renderMinutes(t, m)) {
		t.Error("the same minutes rendered twice give different bytes")
	}
}

func TestReviewMinutesGolden(t *testing.T) {
	t.Parallel()
	checkGolden(t, "iso_review", pdftext(t, renderMinutes(t, reviewFixture())))
}

func TestReviewMinutesEmpty(t *testing.T) {
	t.Parallel()
	m := reviewFixture()
	m.Review.Inputs = iso.ReviewInputs{From: "2026-01-01", To: "2026-12-31"}
	m.Review.Actions, m.Review.Resources = nil, ""
	text := pdftext(t, renderMinutes(t, m))
	for _, want := range []string{"Chưa có mục tiêu chất lượng", "lần đánh giá gần nhất: chưa có", "Chưa có lượt đánh giá", "Không có hồ sơ được giải quyết", "Không có thay đổi", "Không có hành động được giao"} {
		if !strings.Contains(text, want) {
			t.Errorf("the empty minutes lack %q", want)
		}
	}
	r, _ := NewRenderer()
	if err := r.ReviewMinutes(nil, m); err == nil {
		t.Error("a nil writer is accepted")
	}
}
