package print

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"hoso/report"
)

// Index766 renders the Decision 766 index of an office for a period on A4
// portrait: the office's header, the title, period and data date, one row
// per indicator with its figure and points (or why it has none), the
// total, the signature and the print QR. The same input always gives the
// same bytes.
func (r *Renderer) Index766(w io.Writer, d report.IndexDoc) error {
	if w == nil {
		return errNoWriter
	}
	if len(d.Result.Indicators) == 0 {
		return fmt.Errorf("print: the index has no indicator")
	}
	qr, err := qrCode(d.Verify)
	if err != nil {
		return err
	}
	pdf := r.newSizedDoc(d.GeneratedAt, "Chỉ số 766 "+d.Period.Label+" "+d.OfficeName, "P", minutesW, minutesH, minutesMargin, minutesBottom)
	pdf.SetFooterFunc(func() {
		pdf.SetFont(family, "I", 8)
		pdf.SetXY(minutesMargin, minutesH-minutesBottom+4)
		pdf.CellFormat(minutesInner/3, 4, nfc("Chỉ số 766, kỳ "+d.Period.Label), "", 0, "L", false, 0, "")
		pdf.CellFormat(minutesInner/3, 4, fmt.Sprintf("Trang %d/{nb}", pdf.PageNo()), "", 0, "C", false, 0, "")
		pdf.CellFormat(minutesInner/3, 4, nfc(printedAt(d.GeneratedAt)), "", 0, "R", false, 0, "")
	})
	pdf.AddPage()
	office := Office{Name: d.OfficeName, ParentName: d.ParentName, Place: d.Place}
	y := headerAt(pdf, office, minutesMargin, 75, minutesInner-75-2)
	pdf.SetFont(family, "I", minutesSize)
	pdf.SetXY(minutesMargin+77, y+2)
	pdf.CellFormat(minutesInner-77, minutesLineH, nfc(vnDateLine(d.Place, d.GeneratedAt)), "", 0, "C", false, 0, "")
	if qr != nil {
		drawQR(pdf, qr, minutesW-minutesMargin-22, y+9, 22)
	}
	y = centred(pdf, minutesMargin, y+12, minutesInner-24, 6.5, "B", 13, report.IndexTitle)
	y = centred(pdf, minutesMargin, y, minutesInner-24, 5.5, "I", 10, report.IndexBasis)
	y = centred(pdf, minutesMargin, y, minutesInner-24, 5.5, "I", 10.5, d.PeriodLine())
	y = centred(pdf, minutesMargin, y, minutesInner-24, 5.5, "I", 10.5, d.AsOfLine())
	y = centred(pdf, minutesMargin, y, minutesInner-24, 5.5, "", 10.5, "Đơn vị: "+d.OfficeName+" · Bộ chỉ số "+d.Result.Version)
	pdf.SetY(y + 3)
	m := &minutesDoc{pdf: pdf}
	var rows [][]string
	for _, x := range d.Result.Indicators {
		rows = append(rows, []string{x.ID, x.Title, x.ValueText(), x.ScoreText()})
	}
	rows = append(rows, []string{"", "Tổng điểm các chỉ số có số liệu", "", report.IndexIndicator{Known: true, Score: d.Result.Score, Max: d.Result.Max}.ScoreText()})
	m.table([]float64{14, 92, 44, 24}, []string{"C", "L", "R", "C"}, []string{"Chỉ số", "Nội dung", "Giá trị", "Điểm"}, rows)
	if len(d.Result.Procedures) > 0 {
		m.para("B", 0, "Thời gian giải quyết trung bình theo thủ tục (ngày, trừ thời gian chờ công dân)")
		var lines [][]string
		for _, p := range d.Result.Procedures {
			name := p.Procedure
			if n := d.Names[p.Procedure]; n != "" {
				name += " – " + n
			}
			lines = append(lines, []string{name, vnDays(p.Days), strconv.Itoa(p.Resolved)})
		}
		m.table([]float64{120, 27, 27}, []string{"L", "R", "R"}, []string{"Thủ tục", "Số ngày", "Số hồ sơ"}, lines)
	}
	m.para("I", 0, "Các chỉ số cần dữ liệu của Cổng Dịch vụ công quốc gia không tính được từ hồ sơ của đơn vị và không cộng vào tổng điểm. Điểm đủ khi đạt ngưỡng của bộ chỉ số; dưới ngưỡng, điểm tính theo tỷ lệ.")
	yearReportSignature(pdf)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return fmt.Errorf("print: rendering the index: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// vnDays writes days with at most two decimals and a decimal comma.
func vnDays(x float64) string {
	s := strings.TrimRight(strings.TrimRight(strconv.FormatFloat(x, 'f', 2, 64), "0"), ".")
	return strings.ReplaceAll(s, ".", ",")
}
