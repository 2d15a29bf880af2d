package print

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"hoso/iso"
)

// IsoRegister is what the register of records (danh mục hồ sơ, ISO
// 9001:2015 clause 7.5.3) is printed from: the office's register as
// recorded, its version and who recorded it.
type IsoRegister struct {
	Office   Office
	Register iso.Register
	Version  int
	// RecordedBy and RecordedAt say who recorded this version and when.
	RecordedBy string
	RecordedAt time.Time
	// PrintedAt, Reprint and Verify are as on Doc.
	PrintedAt time.Time
	Reprint   int
	Verify    string
}

// storageVN is how the register writes where records are kept.
var storageVN = map[iso.Storage]string{
	iso.StoredInSystem: "Hệ thống một cửa",
	iso.StoredOnPaper:  "Hồ sơ giấy",
	iso.StoredInBoth:   "Hệ thống và hồ sơ giấy",
}

// IsoRegister writes the register to w as an A4 portrait PDF: the header,
// the title with the version, one row per line (what, for which
// procedures, where, how long, on what basis), the retentions to verify
// starred and explained, the approver's signature and the print QR. The
// same input always gives the same bytes.
func (r *Renderer) IsoRegister(w io.Writer, reg IsoRegister) error {
	if w == nil {
		return errNoWriter
	}
	if len(reg.Register.Classes) == 0 {
		return fmt.Errorf("print: the register has no line")
	}
	qr, err := qrCode(reg.Verify)
	if err != nil {
		return err
	}
	pdf := r.newSizedDoc(reg.PrintedAt, "Danh mục hồ sơ", "P", minutesW, minutesH, minutesMargin, minutesBottom)
	pdf.SetFooterFunc(func() {
		pdf.SetFont(family, "I", 8)
		pdf.SetXY(minutesMargin, minutesH-minutesBottom+4)
		left := fmt.Sprintf("Danh mục hồ sơ, phiên bản %d", reg.Version)
		if reg.Reprint > 0 {
			left = fmt.Sprintf("BẢN IN LẠI (lần %d) · %s", reg.Reprint, left)
		}
		pdf.CellFormat(minutesInner/3, 4, nfc(left), "", 0, "L", false, 0, "")
		pdf.CellFormat(minutesInner/3, 4, fmt.Sprintf("Trang %d/{nb}", pdf.PageNo()), "", 0, "C", false, 0, "")
		pdf.CellFormat(minutesInner/3, 4, nfc(printedAt(reg.PrintedAt)), "", 0, "R", false, 0, "")
	})
	pdf.AddPage()
	y := headerAt(pdf, reg.Office, minutesMargin, 75, minutesInner-75-2)
	pdf.SetFont(family, "I", minutesSize)
	pdf.SetXY(minutesMargin+77, y+2)
	pdf.CellFormat(minutesInner-77, minutesLineH, nfc(vnDateLine(reg.Office.Place, reg.PrintedAt)), "", 0, "C", false, 0, "")
	if qr != nil {
		drawQR(pdf, qr, minutesW-minutesMargin-22, y+9, 22)
	}
	y = centred(pdf, minutesMargin, y+12, minutesInner-24, 6.5, "B", 14, "DANH MỤC HỒ SƠ")
	y = centred(pdf, minutesMargin, y, minutesInner-24, 5.5, "I", 10.5, "và thời hạn lưu trữ (TCVN ISO 9001:2015, điều khoản 7.5.3)")
	recorded := ""
	if !reg.RecordedAt.IsZero() {
		recorded = ", ghi nhận ngày " + vnDate(reg.RecordedAt)
	}
	y = centred(pdf, minutesMargin, y, minutesInner-24, 5.5, "", 10.5, fmt.Sprintf("Phiên bản %d%s", reg.Version, recorded))
	pdf.SetY(y + 3)
	m := &minutesDoc{pdf: pdf}
	var rows [][]string
	unsure := false
	for i, c := range reg.Register.Classes {
		name := c.Name
		if c.Unsure {
			name += " (*)"
			unsure = true
		}
		kept := storageVN[c.Kept]
		if c.Place != "" {
			kept += ": " + c.Place
		}
		rows = append(rows, []string{strconv.Itoa(i + 1), name, appliesTo(c), kept, retentionVN(c.RetentionYears), c.Basis})
	}
	m.table([]float64{9, 46, 28, 36, 20, 35}, []string{"C", "L", "L", "L", "C", "L"},
		[]string{"TT", "Loại hồ sơ", "Áp dụng cho", "Nơi lưu", "Thời hạn lưu", "Căn cứ"}, rows)
	if unsure {
		m.para("I", 0, "(*) Thời hạn theo thực tiễn, chưa đối chiếu được với văn bản quy định: cơ quan xác minh với cơ quan lưu trữ của tỉnh.")
	}
	m.para("I", 0, "Thời hạn lưu tính từ ngày 01 tháng 01 của năm sau năm hồ sơ kết thúc. Hủy hồ sơ hết thời hạn lưu phải được lãnh đạo phê duyệt; quyết định hủy được ghi và ký số trong hệ thống, không xóa bản ghi.")
	yearReportSignature(pdf)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return fmt.Errorf("print: rendering the register of records: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// appliesTo says which dossiers a line takes.
func appliesTo(c iso.RecordClass) string {
	switch {
	case len(c.Procedures) > 0:
		return "Thủ tục " + strings.Join(c.Procedures, ", ")
	case c.Sector != "":
		return "Lĩnh vực " + c.Sector
	case c.Other:
		return "Các thủ tục còn lại"
	}
	return "Sổ, hồ sơ không gắn với hồ sơ TTHC"
}

// retentionVN writes a retention: "Vĩnh viễn" or "N năm".
func retentionVN(years int) string {
	if years == iso.Permanent {
		return "Vĩnh viễn"
	}
	return strconv.Itoa(years) + " năm"
}
