package print

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hoso/iso"
)

// auditFixture is a reported audit of process 1.004837 and clause 9 with a
// check citing a dossier and a print, and two findings.
func auditFixture() IsoAudit {
	at := time.Date(2026, 11, 11, 3, 0, 0, 0, time.UTC)
	p := iso.AuditPlan{
		ID: "2026-1", Office: "38001", Title: "Đánh giá nội bộ năm 2026", Clauses: []string{"9"}, Processes: []string{"1.004837"},
		Auditors: []string{"u1", "u2"}, Lead: "u1", From: "2026-11-10", To: "2026-11-11", PeriodFrom: "2026-01-01", PeriodTo: "2026-10-31",
	}
	a := iso.Audit{Plan: p, Checks: map[string]iso.Check{
		"9.1.2": {Item: "9.1.2", Result: iso.ResultConform, Note: "Phiếu khảo sát đủ",
			Evidence: []iso.AuditEvidence{{Kind: iso.EvidencePrint, Ref: "HSVF1|38001|book/38001/2026-11-01/2026-11-30|3|00112233445566778899aabbccddeeff"}}},
		"1.004837/2": {Item: "1.004837/2", Result: iso.ResultNonconform,
			Evidence: []iso.AuditEvidence{{Kind: iso.EvidenceDossier, Ref: "38001-261103-0007", Note: "trễ bước thẩm định"}}},
	}, Findings: []iso.Finding{
		{ID: "F1", Kind: iso.FindingNonconformity, Clause: "8.5.1", Process: "1.004837", Title: "Hồ sơ trễ hạn ở bước thẩm định",
			Evidence: []iso.AuditEvidence{{Kind: iso.EvidenceDossier, Ref: "38001-261103-0007"}}, NC: "audit-2026-1-F1", At: at},
		{ID: "F2", Kind: iso.FindingObservation, Clause: "9.1.2", Title: "Nên tổng hợp ý kiến người dân hằng tháng", At: at},
	}, Report: &iso.AuditReport{Conclusion: "Hệ thống quản lý chất lượng được duy trì, có một điểm không phù hợp cần khắc phục.", At: at}}
	return IsoAudit{
		Office: Office{Name: "UBND xã Đông Hòa", ParentName: "UBND huyện Đông Sơn", Place: "Đông Hòa"},
		Audit:  a, Checklist: iso.Checklist(p.Clauses, p.Processes),
		Names:     map[string]string{"u1": "Lê Văn Bình", "u2": "Trần Thị Cúc"},
		PrintedAt: time.Date(2026, 11, 12, 2, 0, 0, 0, time.UTC),
		Verify:    "HSVF1|38001|iso/audit/38001/2026-1|6|00112233445566778899aabbccddeeff",
	}
}

func renderAudit(t *testing.T, a IsoAudit) []byte {
	t.Helper()
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.AuditReport(&buf, a); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestAuditReportText(t *testing.T) {
	t.Parallel()
	text := pdftext(t, renderAudit(t, auditFixture()))
	flat := strings.Join(strings.Fields(text), " ")
	for _, want := range []string{
		"BÁO CÁO ĐÁNH GIÁ NỘI BỘ", "Đánh giá nội bộ năm 2026", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
		"từ 10/11/2026 đến 11/11/2026", "Lê Văn Bình (trưởng đoàn), Trần Thị Cúc",
		"Quy trình: 1.004837", "Không phù hợp", "Hồ sơ 38001-261103-0007", "Bản in book/38001/2026-11-01/2026-11-30",
		"Điểm không phù hợp", "audit-2026-1-F1", "Khuyến nghị (quan sát)", "TRƯỞNG ĐOÀN ĐÁNH GIÁ", "Trang 1/",
		"có một điểm không phù hợp cần khắc phục",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the text lacks %q:\n%s", want, text)
		}
	}
}

func TestAuditReportGolden(t *testing.T) {
	t.Parallel()
	a := renderAudit(t, auditFixture())
	if !bytes.Equal(a, renderAudit(t, auditFixture())) {
		t.Fatal("the same audit rendered twice gives different bytes")
	}
	text := pdftext(t, a)
	golden := filepath.Join("testdata", "iso_audit.golden.txt")
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
