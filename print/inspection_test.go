package print

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hoso/inspect"
)

// inspectionFixture is a visit with a passed and a failed item, a finding
// answered and closed and one open and overdue.
func inspectionFixture() Inspection {
	at := time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC)
	p := inspect.VisitPlan{ID: "38-20261120-1", Office: "38001", Inspector: "u-i", InspectorOffice: "38", Date: "2026-11-20", Title: "Kiểm tra công tác một cửa",
		Scope:     []inspect.VisitScope{{Kind: inspect.ScopeText, Text: "Niêm yết thủ tục"}, {Kind: inspect.ScopeProcess, Ref: "1.004837", Text: "Quy trình 1.004837"}},
		Checklist: []inspect.ChecklistItem{{ID: "C1", Text: "Niêm yết thủ tục"}, {ID: "C2", Text: "Quy trình 1.004837"}}}
	in := inspect.Inspection{Plan: p, Checks: map[string]inspect.ItemCheck{
		"C1": {Item: "C1", Result: inspect.Pass, Note: "Đủ"},
		"C2": {Item: "C2", Result: inspect.Fail, Note: "Trễ hạn", Evidence: []inspect.EvidenceRef{{Kind: inspect.EvidenceDossier, Ref: "38001-261103-0007"}}},
	}, Findings: []inspect.FindingRecord{
		{FindingWrite: inspect.FindingWrite{ID: "F1", Item: "C2", Text: "Hồ sơ trễ hạn không có văn bản xin lỗi", Fix: inspect.Remedy{Owner: "u-o", Due: "2026-11-30"}, At: at},
			Answers: []inspect.OfficeAnswer{{Finding: "F1", Text: "Đã gửi văn bản xin lỗi", At: at}}, State: inspect.Closed},
		{FindingWrite: inspect.FindingWrite{ID: "F2", Text: "Chưa cập nhật sổ theo dõi", Fix: inspect.Remedy{Owner: "u-o", Due: "2026-11-25"}, At: at}, State: inspect.Open},
	}}
	return Inspection{
		Office:          Office{Name: "UBND xã Đông Hòa", ParentName: "UBND tỉnh Thanh Hóa", Place: "Đông Hòa"},
		InspectorOffice: "38", Inspection: in, Today: "2026-12-01",
		Names:     map[string]string{"u-i": "Phạm Quốc Bảo", "u-o": "Trần Văn Minh"},
		PrintedAt: time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC),
		Verify:    "HSVF1|38001|inspection/38001/38-20261120-1|7|00112233445566778899aabbccddeeff",
	}
}

func renderInspection(t *testing.T, a Inspection) []byte {
	t.Helper()
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.InspectionRecord(&buf, a); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestInspectionRecordText(t *testing.T) {
	t.Parallel()
	flat := strings.Join(strings.Fields(pdftext(t, renderInspection(t, inspectionFixture()))), " ")
	for _, want := range []string{
		"BIÊN BẢN KIỂM TRA", "Kiểm tra công tác một cửa", "Ngày kiểm tra: 20/11/2026", "Phạm Quốc Bảo",
		"Không đạt", "Hồ sơ 38001-261103-0007", "Đã gửi văn bản xin lỗi", "Đã đóng", "Chưa khắc phục – QUÁ HẠN",
		"ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA", "NGƯỜI KIỂM TRA", "Trang 1/",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the text lacks %q:\n%s", want, flat)
		}
	}
}

func TestInspectionRecordGolden(t *testing.T) {
	t.Parallel()
	a := renderInspection(t, inspectionFixture())
	if !bytes.Equal(a, renderInspection(t, inspectionFixture())) {
		t.Fatal("the same inspection rendered twice gives different bytes")
	}
	text := pdftext(t, a)
	golden := filepath.Join("testdata", "inspection.golden.txt")
	if *update {
		if err := os.WriteFile(golden, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if text != string(want) {
		t.Errorf("the text differs from %s (run go test -update after checking):\n%s", golden, text)
	}
}
