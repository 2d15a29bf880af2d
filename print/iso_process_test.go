package print

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"hoso/calendar"
	"hoso/catalog"
	"hoso/iso"
)

// processFixture is revision 2 of a birth registration process, issue 2,
// approved and in force from 1 December 2026.
func processFixture() IsoProcess {
	fee := int64(0)
	p := catalog.Procedure{
		Code: "1.001193", Name: "Thủ tục đăng ký khai sinh", Sector: "Hộ tịch", Level: catalog.LevelCommune,
		TimeLimitWD: 0, FeeVND: &fee, Basis: "Luật Hộ tịch 2014, điều 16; Nghị định 118/2025/NĐ-CP",
		Documents: []catalog.Document{
			{Name: "Tờ khai đăng ký khai sinh", Form: catalog.FormOriginal, Count: 1, Required: true},
			{Name: "Giấy chứng sinh", Form: catalog.FormOriginal, Count: 1, Required: true},
			{Name: "Giấy tờ tùy thân của người đi đăng ký", Form: catalog.FormShow, Count: 1, Required: true},
		},
		Steps: []catalog.Step{
			{Name: "Tiếp nhận, kiểm tra hồ sơ", Role: catalog.RoleClerk, Hours: 0.5, Form: "Mẫu 01"},
			{Name: "Thẩm định, ghi sổ hộ tịch", Role: catalog.RoleOfficer, Hours: 5, Form: "Mẫu 05"},
			{Name: "Ký giấy khai sinh", Role: catalog.RoleLeader, Hours: 1.5, Form: "Mẫu 05"},
			{Name: "Trả kết quả", Role: catalog.RoleClerk, Hours: 1},
		},
	}
	return IsoProcess{
		Office: Office{Name: "UBND xã Đông Hòa", ParentName: "UBND tỉnh Thanh Hóa", Place: "Đông Hòa"},
		Revision: iso.Revision{
			Revision: 2, Issue: 2, State: iso.StateApproved, Doc: iso.GenerateProcess("UBND xã Đông Hòa", p, 3),
			InForce: "2026-12-01", ApproverName: "Lê Thị Lan",
		},
		InForce:    time.Date(2026, 12, 1, 0, 0, 0, 0, calendar.Zone),
		ApprovedAt: time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC),
		PrintedAt:  time.Date(2026, 12, 2, 2, 0, 0, 0, time.UTC),
		Verify:     "HSVF1|38001|iso/process/38001/1.001193|3|00112233445566778899aabbccddeeff",
	}
}

func renderProcess(t *testing.T, p IsoProcess) []byte {
	t.Helper()
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.IsoProcess(&buf, p); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestIsoProcessText(t *testing.T) {
	t.Parallel()
	pdf := renderProcess(t, processFixture())
	p := writePDF(t, pdf)
	run(t, "qpdf", "--check", p)
	if info := run(t, "pdfinfo", p); !regexp.MustCompile(`Page size:\s+595.28 x 841.89 pts`).MatchString(info) {
		t.Errorf("not A4 portrait:\n%s", info)
	}
	text := pdftext(t, pdf)
	for _, want := range []string{
		"QUY TRÌNH", "Thủ tục đăng ký khai sinh", "QT-1.001193", "Lần ban hành", "02", "01/12/2026",
		"UBND XÃ ĐÔNG HÒA", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
		"1. Mục đích", "2. Phạm vi áp dụng", "3. Căn cứ pháp lý", "Nghị định 118/2025/NĐ-CP",
		"4. Thành phần hồ sơ", "Xuất trình để đối chiếu", "5. Thời hạn giải quyết", "Trong ngày làm việc",
		"6. Phí, lệ phí", "Miễn phí", "7. Trình tự thực hiện", "Công chức chuyên môn", "0,5 giờ", "Tổng thời gian giải quyết", "8 giờ",
		"8. Hồ sơ cần lưu", "Mẫu 01 (Tiếp nhận, kiểm tra hồ sơ)", "NGƯỜI PHÊ DUYỆT", "Lê Thị Lan", "Phê duyệt ngày 27/11/2026",
		"Trang 1/",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the process lacks %q", want)
		}
	}
	if strings.Contains(text, "HẾT HIỆU LỰC") || strings.Contains(text, "DỰ THẢO") {
		t.Error("the revision in force is marked as not in force")
	}
	checkGolden(t, "iso_process", text)
	if !bytes.Equal(pdf, renderProcess(t, processFixture())) {
		t.Error("the same process printed twice gives different bytes")
	}
}

// TestIsoProcessMarks: a superseded revision is marked on every page and
// names its successor; a draft is marked and has no approver.
func TestIsoProcessMarks(t *testing.T) {
	t.Parallel()
	old := processFixture()
	old.Revision.State, old.Revision.SupersededBy, old.Revision.SupersededOn = iso.StateSuperseded, 3, "2027-01-01"
	old.SupersededOn = time.Date(2027, 1, 1, 0, 0, 0, 0, calendar.Zone)
	old.PrintedAt = time.Date(2027, 1, 5, 2, 0, 0, 0, time.UTC)
	text := pdftext(t, renderProcess(t, old))
	if strings.Contains(text, "HẾT HIỆU LỰC TỪ NGÀY") {
		t.Error("a revision already superseded is marked with a day to come")
	}
	pages := strings.Count(text, "\f")
	if n := strings.Count(text, "HẾT HIỆU LỰC"); n < pages+1 {
		t.Errorf("HẾT HIỆU LỰC printed %d times on %d pages: not on every page", n, pages)
	}
	if !strings.Contains(text, "Được thay thế bởi bản sửa đổi số 03 từ ngày 01/01/2027") {
		t.Error("the superseded revision does not name its successor")
	}
	// Printed before its successor is in force, it says from when.
	old.PrintedAt = time.Date(2026, 12, 20, 2, 0, 0, 0, time.UTC)
	if text := pdftext(t, renderProcess(t, old)); !strings.Contains(text, "HẾT HIỆU LỰC TỪ NGÀY 01/01/2027") {
		t.Error("a revision superseded from a later day is not marked with the day")
	}
	draft := processFixture()
	draft.Revision.State, draft.Revision.Issue, draft.InForce = iso.StateDrafted, 0, time.Time{}
	text = pdftext(t, renderProcess(t, draft))
	for _, want := range []string{"BẢN DỰ THẢO – CHƯA PHÊ DUYỆT", "Chưa phê duyệt", "(chưa phê duyệt)"} {
		if !strings.Contains(text, want) {
			t.Errorf("the draft lacks %q", want)
		}
	}
	if strings.Contains(text, "Lê Thị Lan") {
		t.Error("the draft names an approver")
	}
}
