package print

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"hoso/plan"
)

func planMatrixFixture() PlanMatrix {
	return PlanMatrix{
		Office: Office{Name: "UBND tỉnh Thanh Hóa", Place: "Thanh Hóa"},
		Plan:   "38-3170-2012", Title: "Kế hoạch triển khai Nghị quyết 33/2012/NQ-HĐND", Decision: "3170/QĐ-UBND ngày 27/09/2012",
		Quarter: "2026Q4",
		Tasks: []PlanMatrixTask{
			{ID: "II.1.1", Title: "Tuyên truyền về cơ chế một cửa", Deadline: ""},
			{ID: "II.2.5", Title: "Ban hành quy chế phối hợp", Deadline: "2012-11-30"},
			{ID: "IV.1b", Title: "Báo cáo hằng quý", Deadline: "quarterly from 2012Q4"},
		},
		Rows: []PlanMatrixRow{
			{Code: "38001", Name: "UBND xã Đông Sơn", Cells: map[string]string{"II.1.1": plan.CellOnTrack, "II.2.5": plan.CellDone, "IV.1b": plan.CellDueSoon}},
			{Code: "38002", Name: "UBND xã Đông Hòa", Cells: map[string]string{"II.1.1": plan.CellNotReported, "II.2.5": plan.CellLate}},
		},
		PrintedAt: time.Date(2026, 12, 7, 3, 0, 0, 0, time.UTC),
		Verify:    "HSVF1|38|plan/38/38-3170-2012|1|00112233445566778899aabbccddeeff",
	}
}

func renderPlanMatrix(t testing.TB, m PlanMatrix) []byte {
	t.Helper()
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.PlanMatrix(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestPlanMatrix(t *testing.T) {
	t.Parallel()
	m := planMatrixFixture()
	pdf := renderPlanMatrix(t, m)
	run(t, "qpdf", "--check", writePDF(t, pdf))
	text := pdftext(t, pdf)
	flat := strings.Join(strings.Fields(text), " ")
	for _, want := range []string{
		"BẢNG THEO DÕI TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH", "Nghị quyết 33/2012/NQ-HĐND", "3170/QĐ-UBND ngày 27/09/2012", "Quý 2026Q4",
		"tất cả nhiệm vụ", "UBND xã Đông Sơn", "UBND xã Đông Hòa", "Đã xong", "Đúng tiến độ", "Sắp đến hạn", "Trễ hạn", "Chưa báo cáo",
		"Đã xong: 1; Đúng tiến độ: 1; Sắp đến hạn: 1; Trễ hạn: 1; Chưa báo cáo: 1", "Hằng quý, từ 2012Q4", "30/11/2012",
		"lập lúc 07/12/2026 10:00", "Trang 1/1",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the matrix lacks %q", want)
		}
	}
	if got := decodeQR(t, pdf); got != m.Verify {
		t.Errorf("the QR code holds %q", got)
	}
	if !bytes.Equal(pdf, renderPlanMatrix(t, m)) {
		t.Error("the same matrix rendered twice gives different bytes")
	}
	r, _ := NewRenderer()
	if err := r.PlanMatrix(&bytes.Buffer{}, PlanMatrix{}); err == nil {
		t.Error("a matrix without tasks is rendered")
	}
	m.Task, m.OfficeFilter = "II.2.5", "38002"
	if flat := strings.Join(strings.Fields(pdftext(t, renderPlanMatrix(t, m))), " "); !strings.Contains(flat, "Lọc: nhiệm vụ II.2.5, cơ quan 38002") {
		t.Error("the filters are not printed")
	}
}

// A province's matrix (166 communes, 18 tasks) turns landscape and runs
// over pages, each with the tasks' heading again.
func TestPlanMatrixManyOffices(t *testing.T) {
	t.Parallel()
	m := planMatrixFixture()
	m.Tasks = nil
	for i := range 18 {
		m.Tasks = append(m.Tasks, PlanMatrixTask{ID: fmt.Sprintf("T%02d", i+1), Title: "Nhiệm vụ", Deadline: "2026-12-31"})
	}
	m.Rows = nil
	for i := range 166 {
		cells := map[string]string{}
		for j, t := range m.Tasks {
			cells[t.ID] = PlanCellStatuses[(i+j)%len(PlanCellStatuses)]
		}
		m.Rows = append(m.Rows, PlanMatrixRow{Code: fmt.Sprintf("38%03d", i+1), Name: fmt.Sprintf("UBND xã Số %d", i+1), Cells: cells})
	}
	pdf := renderPlanMatrix(t, m)
	info := run(t, "pdfinfo", writePDF(t, pdf))
	if !strings.Contains(info, "841.89 x 595.276") && !strings.Contains(info, "841.89 x 595.28") {
		t.Errorf("not landscape A4:\n%s", info)
	}
	pages := strings.Split(pdftext(t, pdf), "\f")
	if len(pages) < 4 {
		t.Fatalf("166 offices on %d pages", len(pages))
	}
	for i, p := range pages[:len(pages)-2] {
		if !strings.Contains(p, "Cơ quan, đơn vị") || !strings.Contains(p, "T18") {
			t.Errorf("page %d lacks the heading", i+1)
		}
	}
	if !strings.Contains(pages[len(pages)-3]+pages[len(pages)-2], "UBND xã Số 166") {
		t.Error("the last office is not printed")
	}
}

func TestPlanMatrixGolden(t *testing.T) {
	t.Parallel()
	checkGolden(t, "plan_matrix", pdftext(t, renderPlanMatrix(t, planMatrixFixture())))
}
