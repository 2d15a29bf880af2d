package print

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"hoso/calendar"
	"hoso/report"
)

// FeeBook is what the fee book (Sổ theo dõi thu phí, lệ phí) is printed
// from: the book with its entries and sums (report.NewFeeBook), the
// office's header, and the print's particulars as on Doc.
type FeeBook struct {
	Book      report.FeeBook
	Office    Office
	PrintedAt time.Time
	Reprint   int
}

// feeBookLabel names the fee book at the foot of its pages. It is no form
// of the circulars: the office's own record for reconciling the cash.
const feeBookLabel = "Sổ thu phí, lệ phí"

// feeWidths are the fee book's columns on the A4 landscape page (they add
// up to bookInner): number, receipt, time paid, desk, dossier code,
// applicant, procedure, method, amount, clerk.
var (
	feeWidths = []float64{10, 30, 22, 11, 30, 40, 54, 20, 24, 36}
	feeAligns = []string{"C", "L", "C", "C", "L", "L", "L", "C", "R", "L"}
	feeHead   = []string{
		"STT", "Số biên lai", "Thời gian thu", "Quầy", "Mã hồ sơ", "Người nộp", "Thủ tục hành chính",
		"Hình thức", "Số tiền (đồng)", "Người thu",
	}
)

// feeVND writes an amount of đồng: 1.250.000.
func feeVND(n int64) string { return thousands(int(n)) }

// FeeBook writes the fee book to w as an A4 landscape PDF: the header, the
// title, the period and the desk, the QR code; one row per receipt in the
// order paid, each day closed by its subtotal row; the totals of the
// period in cash, by transfer and in all; the signatures of the clerk who
// keeps the book and the accountant who receives the money. Every page
// repeats the headings and is numbered "Trang n/N". The same input always
// gives the same bytes.
func (r *Renderer) FeeBook(w io.Writer, fb FeeBook) error {
	if w == nil {
		return errNoWriter
	}
	b := fb.Book
	qr, err := qrCode(b.Verify)
	if err != nil {
		return err
	}
	title := report.FeeBookTitle
	pdf := r.newSizedDoc(fb.PrintedAt, fmt.Sprintf("%s %s–%s", title, feeDayVN(b.From), feeDayVN(b.To)), "P", bookW, bookH, bookMargin, bookBottom)
	pdf.SetFooterFunc(func() { feeBookFooter(pdf, fb) })
	pdf.AddPage()
	y := headerAt(pdf, fb.Office, bookMargin, 110, 110)
	if qr != nil {
		drawQR(pdf, qr, bookW-bookMargin-20, bookMargin, 20)
	}
	y = centred(pdf, bookMargin, y+4, bookInner, 7, "B", 14, title)
	y = centred(pdf, bookMargin, y, bookInner, 5, "I", 10.5,
		fmt.Sprintf("%s — %s — %d biên lai", b.PeriodVN(), report.DeskVN(b.Desk), b.Total.Count))
	pdf.SetXY(bookMargin, y+2)
	feeTable(pdf, b)
	feeSignatures(pdf)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return fmt.Errorf("print: rendering the fee book: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// feeTable draws the entries, the days' subtotals and the totals.
func feeTable(pdf *gofpdf.Fpdf, b report.FeeBook) {
	t := &table{
		pdf: pdf, x: bookMargin, widths: feeWidths, aligns: feeAligns, size: 8.5, lineH: 3.7, pad: 0.8,
		bottom: bookH - bookBottom, head: [][]string{feeHead, numbers(len(feeHead))},
		onPage: func() { pdf.SetXY(bookMargin, bookMargin) },
	}
	t.heading()
	if len(b.Entries) == 0 {
		cells := make([]string, len(feeHead))
		cells[6] = "Không có khoản thu trong kỳ"
		t.row(cells, 0)
	}
	// sums draws the sum rows: a label across the columns before the
	// amount, the amount, an empty clerk's cell. A page break before one
	// repeats the entries' headings.
	sums := &table{
		pdf: pdf, x: bookMargin, aligns: []string{"R", "R", "L"}, size: 8.5, lineH: 3.7, pad: 0.8,
		bottom: bookH - bookBottom,
		onPage: func() { pdf.SetXY(bookMargin, bookMargin); t.heading() },
	}
	var before float64
	for _, w := range feeWidths[:8] {
		before += w
	}
	sums.widths = []float64{before, feeWidths[8], feeWidths[9]}
	sum := func(label string, amount int64) { sums.draw("B", []string{label, feeVND(amount), ""}, 0, false) }
	day := 0
	for i, e := range b.Entries {
		t.row([]string{
			itoa(e.No), e.Receipt, strings.Replace(vnDateTime(e.PaidAt), " ", "\n", 1), itoa(e.Desk), e.Code,
			e.Applicant, e.Procedure, report.MethodVN(e.Method), feeVND(e.AmountVND), e.ClerkName,
		}, 0)
		if i+1 == len(b.Entries) || b.Entries[i+1].Day != e.Day {
			if day < len(b.Days) {
				d := b.Days[day]
				sum(fmt.Sprintf("Cộng ngày %s (%d biên lai)", feeDayVN(d.Day), d.Count), d.TotalVND)
				day++
			}
		}
	}
	sum(fmt.Sprintf("Tổng cộng (%d biên lai)", b.Total.Count), b.Total.TotalVND)
	sum("Trong đó tiền mặt", b.Total.CashVND)
	sum("Trong đó chuyển khoản", b.Total.TransferVND)
}

// feeSignatures draws the signatures under the table: the clerk who keeps
// the book and the accountant who receives the money.
func feeSignatures(pdf *gofpdf.Fpdf) {
	const (
		lineH = 5.0
		space = 22.0
		colW  = bookInner / 2
	)
	if pdf.GetY()+6+2*lineH+space > bookH-bookBottom {
		pdf.AddPage()
		pdf.SetY(bookMargin)
	}
	y := pdf.GetY() + 6
	for i, s := range []Signer{
		{Title: "NGƯỜI LẬP SỔ", Hint: "(Ký, ghi rõ họ tên)"},
		{Title: "KẾ TOÁN", Hint: "(Ký, ghi rõ họ tên)"},
	} {
		x := bookMargin + float64(i)*colW
		yy := centred(pdf, x, y, colW, lineH, "B", 10.5, s.Title)
		centred(pdf, x, yy, colW, lineH, "I", 9.5, s.Hint)
	}
	pdf.SetXY(bookMargin, y+2*lineH+space)
}

// feeBookFooter numbers the pages and says whose book, which period and
// when it was printed.
func feeBookFooter(pdf *gofpdf.Fpdf, fb FeeBook) {
	b := fb.Book
	y := bookH - bookBottom + 3
	pdf.SetFont(family, "I", 8)
	pdf.SetXY(bookMargin, y)
	left := fmt.Sprintf("Sổ thu phí %s, %s, từ %s đến %s", strings.TrimSpace(fb.Office.Name), report.DeskVN(b.Desk), feeDayVN(b.From), feeDayVN(b.To))
	if fb.Reprint > 0 {
		left = fmt.Sprintf("BẢN IN LẠI (lần %d) · %s", fb.Reprint, left)
	}
	pdf.CellFormat(bookInner/3, 4, nfc(left), "", 0, "L", false, 0, "")
	pdf.SetFont(family, "B", 9)
	pdf.CellFormat(bookInner/3, 4, fmt.Sprintf("Trang %d/{nb}", pdf.PageNo()), "", 0, "C", false, 0, "")
	pdf.SetFont(family, "I", 8)
	pdf.CellFormat(bookInner/3, 4, nfc(feeBookLabel+" · "+printedAt(fb.PrintedAt)), "", 0, "R", false, 0, "")
}

// feeDayVN writes a YYYY-MM-DD day as dd/mm/yyyy, or as it is when it is not
// one.
func feeDayVN(s string) string {
	t, err := time.ParseInLocation(time.DateOnly, s, calendar.Zone)
	if err != nil {
		return s
	}
	return vnDate(t)
}
