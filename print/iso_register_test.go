package print

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"hoso/iso"
)

func registerFixture() IsoRegister {
	return IsoRegister{
		Office:   Office{Name: "UBND xã Đông Sơn", ParentName: "UBND tỉnh Thanh Hóa", Place: "Đông Sơn"},
		Register: iso.DefaultRegister(),
		Version:  2, RecordedBy: "lanhdao", RecordedAt: time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC),
		PrintedAt: time.Date(2026, 12, 7, 3, 0, 0, 0, time.UTC),
		Verify:    "HSVF1|38001|iso/records/38001|2|00112233445566778899aabbccddeeff",
	}
}

func renderRegister(t testing.TB, reg IsoRegister) []byte {
	t.Helper()
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.IsoRegister(&buf, reg); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestIsoRegister(t *testing.T) {
	t.Parallel()
	reg := registerFixture()
	pdf := renderRegister(t, reg)
	run(t, "qpdf", "--check", writePDF(t, pdf))
	text := pdftext(t, pdf)
	for _, want := range []string{
		"DANH MỤC HỒ SƠ", "7.5.3", "Phiên bản 2, ghi nhận ngày 01/12/2026", "Vĩnh viễn", "2 năm", "20 năm",
		"Thủ tục 2.000884", "Lĩnh vực Hộ tịch", "Các thủ tục còn lại", "23/2015/NĐ-CP", "(*) Thời hạn theo thực tiễn",
		"không xóa bản ghi", "THỦ TRƯỞNG CƠ QUAN", "Danh mục hồ sơ, phiên bản 2",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the register lacks %q", want)
		}
	}
	if got := decodeQR(t, pdf); got != reg.Verify {
		t.Errorf("the QR code holds %q", got)
	}
	if !bytes.Equal(pdf, renderRegister(t, reg)) {
		t.Error("the same register rendered twice gives different bytes")
	}
	r, _ := NewRenderer()
	if err := r.IsoRegister(&bytes.Buffer{}, IsoRegister{}); err == nil {
		t.Error("an empty register is rendered")
	}
}

func TestIsoRegisterGolden(t *testing.T) {
	t.Parallel()
	checkGolden(t, "iso_register", pdftext(t, renderRegister(t, registerFixture())))
}
