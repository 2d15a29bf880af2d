package app

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"hoso/plan"
)

// The matrix exports as Plans.Matrix computes it: a PDF whose QR
// Records.Verify matches, an XLSX with a row per office and a column per
// task read back, the same filters, and the same refusals.
func TestPlansExportMatrix(t *testing.T) {
	p := newPlansEnv(t)
	p.mustCall(t, p.district, "Plans.Publish", PublishRequest{Plan: districtPlan()}, nil)
	p.mustCall(t, p.c1, "Plans.Progress", ProgressRequest{Plan: "405-kh1", Task: "T1", Status: plan.Done}, nil)

	var pdf FormReply
	p.mustCall(t, p.district, "Plans.ExportMatrix", MatrixExportRequest{MatrixRequest: MatrixRequest{Plan: "405-kh1"}, Format: "pdf"}, &pdf)
	raw, err := base64.StdEncoding.DecodeString(pdf.Content)
	if err != nil || !bytes.HasPrefix(raw, []byte("%PDF")) || pdf.Mime != "application/pdf" || pdf.Filename != "theo-doi-405-kh1-2026Q4.pdf" || pdf.Reprint != 0 {
		t.Fatalf("the PDF: %s %s %d %v", pdf.Filename, pdf.Mime, pdf.Reprint, err)
	}
	var v VerifyReply
	p.mustCall(t, p.c1, "Records.Verify", VerifyRequest{Text: pdf.Verify}, &v)
	if v.Status != VerifyMatch || v.Subject != plan.Subject("405", "405-kh1") {
		t.Fatalf("the print QR: %+v", v)
	}
	p.mustCall(t, p.district, "Plans.ExportMatrix", MatrixExportRequest{MatrixRequest: MatrixRequest{Plan: "405-kh1"}, Format: "pdf"}, &pdf)
	if pdf.Reprint != 1 {
		t.Fatalf("the second print is not a reprint: %d", pdf.Reprint)
	}

	var x FormReply
	p.mustCall(t, p.district, "Plans.ExportMatrix", MatrixExportRequest{MatrixRequest: MatrixRequest{Plan: "405-kh1", Quarter: "2026Q4"}, Format: "xlsx"}, &x)
	rows := xlsxRows(t, x)
	head := rows[matrixHeadRow-1]
	if strings.Join(head, "|") != "TT|Mã cơ quan|Cơ quan, đơn vị|T1|T2" {
		t.Fatalf("the heading: %v", head)
	}
	c1, c2 := rows[matrixHeadRow], rows[matrixHeadRow+1]
	if c1[1] != "38001" || c1[3] != "Đã xong" || c1[4] != "Trễ hạn" || c2[1] != "38002" || c2[3] != "Chưa báo cáo" || len(c2) > 4 {
		t.Fatalf("the offices: %v / %v", c1, c2)
	}
	all := flatRows(rows)
	for _, want := range []string{"Chú giải", "Đã xong|1", "Trễ hạn|1", "Chưa báo cáo|1", "Đúng tiến độ|0", "T2|Quy chế phối hợp|20/11/2026", "Mã xác thực|" + x.Verify, "Quý 2026Q4"} {
		if !strings.Contains(all, want) {
			t.Errorf("the workbook lacks %q", want)
		}
	}

	p.mustCall(t, p.district, "Plans.ExportMatrix", MatrixExportRequest{MatrixRequest: MatrixRequest{Plan: "405-kh1", Task: "T1", Office: "38002"}, Format: "xlsx"}, &x)
	rows = xlsxRows(t, x)
	if strings.Join(rows[matrixHeadRow-1], "|") != "TT|Mã cơ quan|Cơ quan, đơn vị|T1" || rows[matrixHeadRow][1] != "38002" || len(rows[matrixHeadRow+1]) > 0 {
		t.Fatalf("filtered: %v", rows)
	}
	if !strings.Contains(flatRows(rows), "nhiệm vụ T1, cơ quan 38002") {
		t.Error("the filters are not written")
	}

	if err := p.call(t, p.c1, "Plans.ExportMatrix", MatrixExportRequest{MatrixRequest: MatrixRequest{Plan: "405-kh1"}, Format: "pdf"}, nil); err == nil || err.Params["rule"] != "not_issuer" {
		t.Fatalf("a commune exporting the matrix: %v", err)
	}
	if err := p.call(t, p.district, "Plans.ExportMatrix", MatrixExportRequest{MatrixRequest: MatrixRequest{Plan: "405-kh1", Quarter: "Q4"}, Format: "pdf"}, nil); err == nil || err.Field != "quarter" {
		t.Fatalf("a bad quarter: %v", err)
	}
	if err := p.call(t, p.district, "Plans.ExportMatrix", MatrixExportRequest{MatrixRequest: MatrixRequest{Plan: "405-kh1"}, Format: "csv"}, nil); err == nil || err.Field != "format" {
		t.Fatalf("csv: %v", err)
	}
	if err := p.call(t, p.district, "Plans.ExportMatrix", MatrixExportRequest{MatrixRequest: MatrixRequest{Plan: "nope"}, Format: "pdf"}, nil); err == nil || err.Code != CodeNotFound {
		t.Fatalf("no plan: %v", err)
	}
}

// xlsxRows reads back the matrix sheet of an exported workbook.
func xlsxRows(t *testing.T, r FormReply) [][]string {
	t.Helper()
	raw, err := base64.StdEncoding.DecodeString(r.Content)
	if err != nil || r.Mime != xlsxMime || !strings.HasSuffix(r.Filename, ".xlsx") {
		t.Fatalf("the workbook: %s %s %v", r.Filename, r.Mime, err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if sheets := f.GetSheetList(); len(sheets) != 1 || sheets[0] != matrixSheet {
		t.Fatalf("sheets: %v", sheets)
	}
	rows, err := f.GetRows(matrixSheet)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// flatRows joins a sheet's rows, cells by "|", rows by newlines.
func flatRows(rows [][]string) string {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, "|") + "\n")
	}
	return b.String()
}
