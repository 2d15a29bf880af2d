package print

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"hoso/plan"
	"hoso/qreport"
	"hoso/report"
)

func quarterFigures(received, resolved, onTime, late, rated, satisfied int) qreport.Figures {
	f := qreport.Figures{Received: received, InPerson: received, Resolved: resolved, OnTime: onTime, Late: late,
		Satisfaction: qreport.NewRate(satisfied, rated), OnTimeRate: qreport.NewRate(onTime, resolved),
		Targets: []report.Target{qreport.Target(report.Target{Key: report.TargetSatisfied, Numerator: satisfied, Denominator: rated, Goal: 0.6, Strict: true})},
		// Two indicators of the Decision 766 index: a share and one that
		// needs national data.
		Index: []report.IndexIndicator{
			{ID: "6.1", Title: "Số hóa hồ sơ", Measure: "digitized", Numerator: onTime, Denominator: received, Known: received > 0, Max: 10, Full: 0.8},
			{ID: "1.1", Title: "Công khai thủ tục đúng hạn", Measure: report.MeasureNational, Note: report.NoteNational, Max: 2},
		}}
	f.Index = qreport.RollupIndex(f.Index, nil)
	return f
}

func communeQuarterly() Quarterly {
	signed := time.Date(2026, 10, 5, 2, 30, 0, 0, time.UTC)
	return Quarterly{
		Office: Office{Name: "UBND xã Đông Sơn", ParentName: "UBND tỉnh Thanh Hóa", Place: "Đông Sơn"},
		Report: qreport.Report{Office: "38001", OfficeName: "UBND xã Đông Sơn", Quarter: "2026Q3", Version: 2, Corrects: 1,
			Tasks: []qreport.TaskLine{
				{Plan: "38-3170-2012", Task: "II.2.5", Title: "Ban hành quy chế phối hợp", Deadline: "2012-12-31", Cell: plan.CellDone, Status: plan.Done,
					Note: "Đã ban hành", Evidence: []plan.Evidence{{Text: "Quyết định số 12/QĐ-UBND"}}},
				{Plan: "38-3170-2012", Task: "IV.1b", Title: "Báo cáo hằng quý", Deadline: "quarterly from 2012Q4", Cell: plan.CellLate},
			},
			Own: quarterFigures(40, 30, 27, 3, 20, 18), Figures: quarterFigures(40, 30, 27, 3, 20, 18),
			Note: "Đính chính số hồ sơ tiếp nhận trực tuyến.\nĐề nghị tỉnh hỗ trợ máy quét.", SignedBy: "u1", SignerName: "Nguyễn Văn Lãnh", SignedAt: signed,
		},
		PrintedAt: time.Date(2026, 10, 6, 3, 0, 0, 0, time.UTC),
		Verify:    "HSVF1|38001|qreport/38001/2026Q3|2|00112233445566778899aabbccddeeff",
	}
}

func provinceQuarterly() Quarterly {
	q := communeQuarterly()
	q.Office = Office{Name: "UBND tỉnh Thanh Hóa", Place: "Thanh Hóa"}
	src := []qreport.Source{
		{Office: "38001", Name: "UBND xã Đông Sơn", Version: 2, Event: "a1b2c3d4e5f60718293a4b5c6d7e8f90", Figures: quarterFigures(40, 30, 27, 3, 20, 18)},
		{Office: "38002", Name: "UBND xã Đông Hòa", Version: 1, Event: "ffeeddccbbaa99887766554433221100", Figures: quarterFigures(10, 10, 5, 5, 0, 0)},
	}
	own := quarterFigures(5, 4, 4, 0, 2, 1)
	q.Report = qreport.Report{Office: "38", OfficeName: "UBND tỉnh Thanh Hóa", Quarter: "2026Q3", Version: 1, Tasks: []qreport.TaskLine{},
		Own: own, Sources: src, Missing: []qreport.MissingOffice{{Code: "38003", Name: "UBND xã Đông Tiến"}},
		Figures: qreport.Rollup(own, src), SignedBy: "u2", SignerName: "Trần Thị Tỉnh", SignedAt: time.Date(2026, 10, 10, 1, 0, 0, 0, time.UTC)}
	q.Verify = "HSVF1|38|qreport/38/2026Q3|1|00112233445566778899aabbccddeeff"
	return q
}

func renderQuarterly(t testing.TB, q Quarterly) []byte {
	t.Helper()
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.Quarterly(&buf, q); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestQuarterly(t *testing.T) {
	t.Parallel()
	q := communeQuarterly()
	pdf := renderQuarterly(t, q)
	run(t, "qpdf", "--check", writePDF(t, pdf))
	text := pdftext(t, pdf)
	for _, want := range []string{
		"BÁO CÁO", "quý III năm 2026", "Phiên bản 2, đính chính phiên bản 1", "Ban hành quy chế phối hợp", "Hoàn thành", "Chậm tiến độ",
		"12/QĐ-UBND", "Hằng quý từ", "Hồ sơ tiếp nhận", "90,0% (27/30)", "Đề nghị tỉnh hỗ trợ máy quét", "THỦ TRƯỞNG CƠ QUAN",
		"Nguyễn Văn Lãnh", "05/10/2026 09:30", "Quyết định 766", "6.1. Số hóa hồ sơ", "67,5% (27/40) · 8,44/10 điểm", "Cần dữ liệu quốc gia",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if strings.Contains(text, "DỰ THẢO") {
		t.Error("a signed report is marked as a draft")
	}
	if got := decodeQR(t, pdf); got != q.Verify {
		t.Errorf("the QR code holds %q", got)
	}
	if !bytes.Equal(pdf, renderQuarterly(t, q)) {
		t.Error("the same report rendered twice gives different bytes")
	}
	q.Draft, q.Verify = true, ""
	if text := pdftext(t, renderQuarterly(t, q)); !strings.Contains(text, "DỰ THẢO") || strings.Contains(text, "Nguyễn Văn Lãnh") {
		t.Errorf("the draft:\n%s", text)
	}
	r, _ := NewRenderer()
	if err := r.Quarterly(&bytes.Buffer{}, Quarterly{}); err == nil {
		t.Error("an empty report is rendered")
	}
}

func TestQuarterlyRollup(t *testing.T) {
	t.Parallel()
	text := pdftext(t, renderQuarterly(t, provinceQuarterly()))
	for _, want := range []string{
		"Sơn (v2)", "Hòa (v1)", "Đơn vị", "Tổng hợp",
		"báo cáo phiên bản 2, bản ghi a1b2c3d4e5f60718", "UBND xã Đông Tiến (38003): chưa báo cáo",
		// 36/44 summed, not the average of 90%, 50% and 100%.
		"81,8% (36/44)",
		// The index rolls up the same way: 36/55 digitized.
		"65,45% (36/55)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the roll-up lacks %q", want)
		}
	}
}

func TestQuarterlyGolden(t *testing.T) {
	t.Parallel()
	checkGolden(t, "quarterly", pdftext(t, renderQuarterly(t, communeQuarterly())))
	checkGolden(t, "quarterly_rollup", pdftext(t, renderQuarterly(t, provinceQuarterly())))
}

func TestQuarterlyXLSX(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := QuarterlyXLSX(&buf, provinceQuarterly()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); strings.Join(got, ",") != "Nhiệm vụ,Số liệu,Nguồn" {
		t.Fatalf("sheets: %v", got)
	}
	rows, err := f.GetRows(SheetQuarterFigures)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], "|") != "Chỉ tiêu|UBND xã Đông Sơn (v2)|UBND xã Đông Hòa (v1)|Đơn vị|Tổng hợp" || strings.Join(rows[1], "|") != "Hồ sơ tiếp nhận|40|10|5|55" {
		t.Fatalf("figures: %q / %q", rows[0], rows[1])
	}
	if last := rows[len(rows)-1]; len(last) != 5 || !strings.HasPrefix(last[0], "1.1.") || last[4] != "Cần dữ liệu quốc gia · –/2 điểm" {
		t.Errorf("the index's last line: %q", last)
	}
	if typ, _ := f.GetCellType(SheetQuarterFigures, "E2"); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("a count is stored as %v", typ)
	}
	src, _ := f.GetRows(SheetQuarterSources)
	if len(src) != 4 || src[1][3] != "a1b2c3d4e5f60718293a4b5c6d7e8f90" || src[3][4] != "chưa báo cáo" {
		t.Fatalf("sources: %q", src)
	}
	tasks, _ := f.GetRows(SheetQuarterTasks)
	if len(tasks) < 1 || !strings.Contains(tasks[0][0], "QUÝ III NĂM 2026") {
		t.Fatalf("tasks: %q", tasks)
	}
}
