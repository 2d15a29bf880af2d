package print

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"
	qrcode "github.com/skip2/go-qrcode"

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
		listFooter(pdf, minutesMargin, minutesH-minutesBottom+4, minutesInner, fmt.Sprintf("Danh mục hồ sơ, phiên bản %d", reg.Version), reg.Reprint, reg.PrintedAt)
	})
	pdf.AddPage()
	y := listHeading(pdf, reg.Office, minutesMargin, minutesInner, reg.PrintedAt, qr)
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

// listFooter writes the footer of a long printed list (the register of
// records, the plan's matrix): what it is, marked as a reprint after the
// first print, the page of pages, and when it was printed.
func listFooter(pdf *gofpdf.Fpdf, x, y, inner float64, what string, reprint int, at time.Time) {
	pdf.SetFont(family, "I", 8)
	pdf.SetXY(x, y)
	if reprint > 0 {
		what = fmt.Sprintf("BẢN IN LẠI (lần %d) · %s", reprint, what)
	}
	pdf.CellFormat(inner/3, 4, nfc(what), "", 0, "L", false, 0, "")
	pdf.CellFormat(inner/3, 4, fmt.Sprintf("Trang %d/{nb}", pdf.PageNo()), "", 0, "C", false, 0, "")
	pdf.CellFormat(inner/3, 4, nfc(printedAt(at)), "", 0, "R", false, 0, "")
}

// listHeading writes the top of a long printed list's first page: the
// office's header, the place and date line beside it, the print QR at the
// right; it returns the line below them.
func listHeading(pdf *gofpdf.Fpdf, office Office, x, inner float64, at time.Time, qr *qrcode.QRCode) float64 {
	y := headerAt(pdf, office, x, 75, inner-75-2)
	pdf.SetFont(family, "I", minutesSize)
	pdf.SetXY(x+77, y+2)
	pdf.CellFormat(inner-77, minutesLineH, nfc(vnDateLine(office.Place, at)), "", 0, "C", false, 0, "")
	if qr != nil {
		drawQR(pdf, qr, x+inner-22, y+9, 22)
	}
	return y
}
