package print

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"hoso/calendar"
	"hoso/dossier"
)

// bookFixture returns a book of n dossiers received from 1 November 2026,
// one every two hours of the working day.
func bookFixture(n int) Book {
	base := formFixture().Dossier
	b := Book{
		Office:    Office{Name: "Bộ phận Tiếp nhận và Trả kết quả", ParentName: "UBND huyện Đông Sơn", Place: "Đông Sơn"},
		Set:       SetTT01,
		From:      time.Date(2026, 11, 1, 0, 0, 0, 0, calendar.Zone),
		To:        time.Date(2026, 11, 30, 0, 0, 0, 0, calendar.Zone),
		Names:     map[string]string{"38001": "UBND xã Đông Hòa", "38002": "UBND xã Đông Thịnh"},
		PrintedAt: time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC),
		Verify:    "HSVF1|38001|book/38001/2026-11-01/2026-11-30|3|00112233445566778899aabbccddeeff",
	}
	for i := range n {
		ds := base
		ds.Code = fmt.Sprintf("38001-2611%02d-%04d", 1+i%30, i+1)
		ds.Book = dossier.Book{Volume: "01/2026", Number: i + 1}
		ds.ReceivedAt = time.Date(2026, 11, 1+i%30, 8+2*(i%4), 15, 0, 0, calendar.Zone)
		ds.Due = ds.ReceivedAt.AddDate(0, 0, 5)
		ds.Tasks = nil
		ds.Steps = ds.Steps[:2]
		ds.FinishedAt, ds.ReturnedAt, ds.Recipient, ds.Timing = time.Time{}, time.Time{}, "", ""
		ds.Result, ds.Rescheduled, ds.Supplements = nil, false, nil
		if i%3 == 0 {
			ds.FinishedAt = ds.ReceivedAt.AddDate(0, 0, 3)
			ds.ReturnedAt = ds.FinishedAt.Add(2 * time.Hour)
			ds.Recipient = "Nguyễn Thị Hồng Nhung"
			ds.Timing = dossier.TimingEarly
		}
		ds.Applicant.FullName = fmt.Sprintf("Phạm Đức Anh %d", i+1)
		b.Dossiers = append(b.Dossiers, ds)
	}
	return b
}

func renderBook(t testing.TB, b Book) []byte {
	t.Helper()
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.TrackingBook(&buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestBookPages(t *testing.T) {
	t.Parallel()
	b := bookFixture(60)
	pdf := renderBook(t, b)
	p := writePDF(t, pdf)
	run(t, "qpdf", "--check", p)
	info := run(t, "pdfinfo", p)
	if !regexp.MustCompile(`Page size:\s+841.89 x 595.28 pts`).MatchString(info) {
		t.Errorf("not A4 landscape:\n%s", info)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)$`).FindStringSubmatch(info)
	pages, _ := strconv.Atoi(m[1])
	if pages < 3 {
		t.Fatalf("60 entries on %d pages; the table does not flow", pages)
	}
	text := pdftext(t, pdf)
	for _, want := range []string{
		"SỔ THEO DÕI HỒ SƠ", "Từ ngày 01/11/2026 đến ngày 30/11/2026 — 60 hồ sơ",
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "38001-261101-0001", "38001-261130-0060",
		"Phạm Đức Anh 60", "Cấp bản sao trích lục", "Trước hạn", "UBND xã Đông",
		"Mẫu 06 · TT01/2018 · In lúc 09:00 ngày 01/12/2026",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the book lacks %q", want)
		}
	}
	for i := 1; i <= pages; i++ {
		if want := fmt.Sprintf("Trang %d/%d", i, pages); !strings.Contains(text, want) {
			t.Errorf("the book lacks the page number %q", want)
		}
	}
	// The column headings repeat on every page.
	if n := strings.Count(text, "(14)"); n != pages {
		t.Errorf("the headings appear %d times on %d pages", n, pages)
	}
	// Every entry is printed once, in order.
	last := -1
	for i := range 60 {
		code := b.Dossiers[i].Code
		if strings.Count(text, code) != 1 {
			t.Errorf("%s is printed %d times", code, strings.Count(text, code))
		}
		at := strings.Index(text, code)
		if at < last {
			t.Errorf("%s is out of order", code)
		}
		last = at
	}
	if got := decodeQR(t, pdf); got != b.Verify {
		t.Errorf("the QR code holds %q", got)
	}
}

func TestBookGolden(t *testing.T) {
	t.Parallel()
	text := pdftext(t, renderBook(t, bookFixture(4)))
	checkGolden(t, "book", text)
}

func TestBookEmptyAndDeterministic(t *testing.T) {
	t.Parallel()
	b := bookFixture(0)
	pdf := renderBook(t, b)
	if !strings.Contains(pdftext(t, pdf), "Không có hồ sơ trong kỳ") {
		t.Error("an empty book does not say so")
	}
	if !bytes.Equal(pdf, renderBook(t, b)) {
		t.Error("the same book rendered twice gives different bytes")
	}
	r, _ := NewRenderer()
	if err := r.TrackingBook(nil, b); err == nil {
		t.Error("a nil writer is accepted")
	}
}

// BenchmarkBook1000 renders a tracking book of 1,000 entries.
func BenchmarkBook1000(b *testing.B) {
	book := bookFixture(1000)
	r, err := NewRenderer()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := r.TrackingBook(io.Discard, book); err != nil {
			b.Fatal(err)
		}
	}
}
