package print

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"hoso/calendar"
	"hoso/report"
)

// feeBookFixture is a fee book of n receipts paid from 1 December 2026,
// three a day, every third one by transfer.
func feeBookFixture(n int) FeeBook {
	var entries []report.FeeEntry
	for i := range n {
		method := report.FeeCash
		if i%3 == 2 {
			method = report.FeeTransfer
		}
		entries = append(entries, report.FeeEntry{
			Receipt:   fmt.Sprintf("38001-26-0-%06d", i+1),
			PaidAt:    time.Date(2026, 12, 1+i/3, 8+2*(i%3), 15, 0, 0, calendar.Zone),
			Code:      fmt.Sprintf("38001-2612%02d-%04d", 1+i/3, i%3+1),
			Applicant: fmt.Sprintf("Phạm Đức Anh %d", i+1), Procedure: "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
			Method: method, AmountVND: int64(2000 * (i + 1)), Clerk: "u1", ClerkName: "Nguyễn Thị Hồng Nhung", Event: fmt.Sprint(i),
		})
	}
	b := report.NewFeeBook(entries)
	b.Office, b.Desk, b.From, b.To = "38001", -1, "2026-12-01", "2026-12-31"
	b.Verify = "HSVF1|38001|feebook/38001/all/2026-12-01/2026-12-31|4|00112233445566778899aabbccddeeff"
	return FeeBook{
		Book:      b,
		Office:    Office{Name: "UBND xã Đông Sơn", ParentName: "UBND tỉnh Thanh Hóa", Place: "Đông Sơn"},
		PrintedAt: time.Date(2027, 1, 2, 2, 0, 0, 0, time.UTC),
	}
}

func renderFeeBook(t testing.TB, fb FeeBook) []byte {
	t.Helper()
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.FeeBook(&buf, fb); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestFeeBookGolden(t *testing.T) {
	t.Parallel()
	checkGolden(t, "feebook", pdftext(t, renderFeeBook(t, feeBookFixture(4))))
}

func TestFeeBookPagesAndSums(t *testing.T) {
	t.Parallel()
	fb := feeBookFixture(90)
	pdf := renderFeeBook(t, fb)
	if !bytes.Equal(pdf, renderFeeBook(t, fb)) {
		t.Fatal("the same fee book rendered twice gives different bytes")
	}
	p := writePDF(t, pdf)
	run(t, "qpdf", "--check", p)
	info := run(t, "pdfinfo", p)
	if !regexp.MustCompile(`Page size:\s+841.89 x 595.28 pts`).MatchString(info) {
		t.Errorf("not A4 landscape:\n%s", info)
	}
	pages, _ := strconv.Atoi(regexp.MustCompile(`(?m)^Pages:\s+(\d+)$`).FindStringSubmatch(info)[1])
	if pages < 3 {
		t.Fatalf("90 receipts on %d pages; the table does not flow", pages)
	}
	text := pdftext(t, pdf)
	// 2.000 × (1 + … + 90) = 8.190.000; every third, 3, 6, … 90, by
	// transfer: 2.000 × 3 × (1 + … + 30) = 2.790.000.
	for _, want := range []string{"Tổng cộng (90 biên lai)", "8.190.000", "2.790.000", "5.400.000", "Cộng ngày 30/12/2026 (3 biên lai)", "KẾ TOÁN"} {
		if !strings.Contains(text, want) {
			t.Errorf("the fee book lacks %q", want)
		}
	}
	if fb.Book.Total.TotalVND != 8190000 || fb.Book.Total.TransferVND != 2790000 || len(fb.Book.Days) != 30 {
		t.Errorf("the sums: %+v, %d days", fb.Book.Total, len(fb.Book.Days))
	}
	for i := 1; i <= pages; i++ {
		if want := fmt.Sprintf("Trang %d/%d", i, pages); !strings.Contains(text, want) {
			t.Errorf("the fee book lacks the page number %q", want)
		}
	}
	// The headings repeat on every page of the table; the signatures may
	// take a last page of their own.
	if n := strings.Count(text, "(10)"); n != pages && (n != pages-1 || !strings.Contains(text[strings.LastIndex(text, "(10)"):], "Tổng cộng")) {
		t.Errorf("the headings appear %d times on %d pages", n, pages)
	}
	if got := decodeQR(t, pdf); got != fb.Book.Verify {
		t.Errorf("the QR code holds %q", got)
	}
}
