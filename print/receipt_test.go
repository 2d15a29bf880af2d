package print

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"image"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
	"golang.org/x/text/unicode/norm"

	"hoso/calendar"
	"hoso/catalog"
	"hoso/dossier"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// fixture returns the receipt the tests print.
func fixture() Receipt {
	return Receipt{
		Office: Office{
			Name:       "Bộ phận Tiếp nhận và Trả kết quả",
			ParentName: "UBND huyện Đông Sơn",
			Place:      "Đông Sơn",
		},
		Dossier: dossier.Dossier{
			Code:   "38001-261127-0001",
			Agency: "38001",
			Book:   dossier.Book{Volume: "01/2026", Number: 1},
			Procedure: dossier.ProcedureRef{
				Code:        "2.000635",
				Name:        "Cấp bản sao trích lục hộ tịch",
				Version:     3,
				TimeLimitWD: 3,
			},
			Applicant: dossier.Applicant{
				FullName:  "Nguyễn Thị Hồng Nhung",
				CitizenID: "038190012345",
				Address:   "Thôn Phúc Hưng, xã Đông Hòa, huyện Đông Sơn, tỉnh Thanh Hóa",
				Phone:     "0912 345 678",
				Email:     "nhung.nth@example.vn",
			},
			Channel: dossier.ChannelInPerson,
			// The fixture prints the 2018 set whatever its dates; the 2025
			// set's tests use fixture2025.
			FormSet: SetTT01,
			Documents: []dossier.ReceivedDocument{
				{Name: "Tờ khai cấp bản sao trích lục hộ tịch", Form: catalog.FormOriginal, Count: 1},
				{Name: "Căn cước công dân của người yêu cầu", Form: catalog.FormCertifiedCopy, Count: 1},
				{Name: "Giấy ủy quyền (trường hợp ủy quyền thực hiện thủ tục)", Form: catalog.FormCopy, Count: 2},
			},
			Sets:        1,
			ReceivedAt:  time.Date(2026, 11, 27, 8, 30, 0, 0, calendar.Zone),
			Due:         time.Date(2026, 12, 2, 17, 0, 0, 0, calendar.Zone),
			OriginalDue: time.Date(2026, 12, 2, 17, 0, 0, 0, calendar.Zone),
		},
		// In UTC on purpose: the receipt prints Vietnam time.
		PrintedAt: time.Date(2026, 11, 27, 1, 31, 12, 0, time.UTC),
		Verify:    "https://hoso.example.vn/tra-cuu/38001-261127-0001?k=Q7mZ2x",
	}
}

func render(t *testing.T, rc Receipt) []byte {
	t.Helper()
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.Receipt(&buf, rc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// tool returns the path of a command-line tool, skipping the test when it
// is not installed.
func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s is not installed (Debian package poppler-utils or qpdf); skipping", name)
	}
	return p
}

// writePDF writes b to a temporary file and returns its path.
func writePDF(t *testing.T, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "receipt.pdf")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(tool(t, name), args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

func pdftext(t *testing.T, b []byte) string {
	t.Helper()
	return run(t, "pdftotext", "-layout", "-enc", "UTF-8", writePDF(t, b), "-")
}

func TestReceiptText(t *testing.T) {
	t.Parallel()
	text := pdftext(t, render(t, fixture()))
	for _, want := range []string{
		"GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
		"Độc lập - Tự do - Hạnh phúc",
		"Nguyễn Thị Hồng Nhung",
		"38001-261127-0001",
		"02/12/2026",
		"17 giờ 00 phút, ngày 02/12/2026",
		"08 giờ 30 phút, ngày 27/11/2026",
		"Đông Sơn, ngày 27 tháng 11 năm 2026",
		"3 ngày làm việc",
		"Bản sao có chứng thực",
		"NGƯỜI NỘP HỒ SƠ",
		"NGƯỜI TIẾP NHẬN HỒ SƠ",
		"In lúc 08:31 ngày 27/11/2026",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the text lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "BẢN IN LẠI") {
		t.Error("a first print is marked as a reprint")
	}
}

func TestReceiptGolden(t *testing.T) {
	t.Parallel()
	text := pdftext(t, render(t, fixture()))
	golden := filepath.Join("testdata", "receipt.golden.txt")
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

func TestReceiptDeterministic(t *testing.T) {
	t.Parallel()
	a, b := render(t, fixture()), render(t, fixture())
	if !bytes.Equal(a, b) {
		t.Fatal("the same receipt rendered twice gives different bytes")
	}
	later := fixture()
	later.PrintedAt = later.PrintedAt.Add(time.Hour)
	if bytes.Equal(a, render(t, later)) {
		t.Fatal("the print time does not reach the PDF")
	}
}

func TestReceiptQPDF(t *testing.T) {
	t.Parallel()
	run(t, "qpdf", "--check", writePDF(t, render(t, fixture())))
}

func TestReceiptPageA5(t *testing.T) {
	t.Parallel()
	info := run(t, "pdfinfo", writePDF(t, render(t, fixture())))
	if !regexp.MustCompile(`Page size:\s+419.53 x 595.28 pts`).MatchString(info) {
		t.Errorf("not one A5 page:\n%s", info)
	}
	if !regexp.MustCompile(`(?m)^Pages:\s+1$`).MatchString(info) {
		t.Errorf("not one page:\n%s", info)
	}
	if !regexp.MustCompile(`(?m)^CreationDate:.*2026`).MatchString(info) {
		t.Errorf("the creation date is not the print time:\n%s", info)
	}
}

func TestReceiptQRCode(t *testing.T) {
	t.Parallel()
	rc := fixture()
	if got := decodeQR(t, render(t, rc)); got != rc.Verify {
		t.Errorf("the QR code holds %q, want %q", got, rc.Verify)
	}
}

// decodeQR rasterises the first page of a PDF with pdftoppm, as a printer
// or a phone camera would see it, and decodes the QR code on it.
func decodeQR(t *testing.T, pdf []byte) string {
	t.Helper()
	text, err := scanQR(t, pdf)
	if err != nil {
		t.Fatalf("decoding the QR code: %v", err)
	}
	return text
}

// scanQR is decodeQR returning the decoder's error.
func scanQR(t *testing.T, pdf []byte) (string, error) {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(rasterize(t, pdf, 200))
	if err != nil {
		t.Fatal(err)
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true})
	if err != nil {
		return "", err
	}
	return res.GetText(), nil
}

// rasterize renders the first page of a PDF in grey at dpi with pdftoppm.
// It asks for a PGM, the raw pixels, not a PNG: compressing the PNG took
// nine tenths of pdftoppm's time, and pdftoppm was half the package's CPU.
func rasterize(t *testing.T, pdf []byte, dpi int) *image.Gray {
	t.Helper()
	out := filepath.Join(t.TempDir(), "page")
	run(t, "pdftoppm", "-r", strconv.Itoa(dpi), "-gray", "-singlefile", "-f", "1", "-l", "1", writePDF(t, pdf), out)
	f, err := os.Open(out + ".pgm")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := decodePGM(bufio.NewReader(f))
	if err != nil {
		t.Fatalf("reading pdftoppm's page: %v", err)
	}
	return img
}

// decodePGM reads a binary 8-bit PGM (netpbm P5) image: a header of magic,
// width, height and maximum grey separated by whitespace, one whitespace
// byte, then a byte per pixel, row by row.
func decodePGM(r *bufio.Reader) (*image.Gray, error) {
	var magic string
	var w, h, max int
	if _, err := fmt.Fscan(r, &magic, &w, &h, &max); err != nil {
		return nil, fmt.Errorf("reading the header: %w", err)
	}
	if magic != "P5" || max != 255 || w <= 0 || h <= 0 {
		return nil, fmt.Errorf("not an 8-bit binary PGM: %s %dx%d max %d", magic, w, h, max)
	}
	if _, err := r.ReadByte(); err != nil {
		return nil, fmt.Errorf("reading the header: %w", err)
	}
	img := image.NewGray(image.Rect(0, 0, w, h))
	if _, err := io.ReadFull(r, img.Pix); err != nil {
		return nil, fmt.Errorf("reading the pixels: %w", err)
	}
	return img, nil
}

func TestReceiptNoQRCode(t *testing.T) {
	t.Parallel()
	rc := fixture()
	rc.Verify = ""
	if text, err := scanQR(t, render(t, rc)); err == nil {
		t.Errorf("an empty Verify still draws a QR code holding %q", text)
	}
}

func TestReceiptReprint(t *testing.T) {
	t.Parallel()
	rc := fixture()
	rc.Reprint = 2
	text := pdftext(t, render(t, rc))
	if !strings.Contains(text, "BẢN IN LẠI (lần 2)") {
		t.Errorf("a reprint is not marked:\n%s", text)
	}
}

func TestReceiptSameDay(t *testing.T) {
	t.Parallel()
	rc := fixture()
	rc.Dossier.Procedure.TimeLimitWD = 0
	text := pdftext(t, render(t, rc))
	if !strings.Contains(text, "theo quy định là: trong ngày") {
		t.Errorf("a same-day procedure is not printed as such:\n%s", text)
	}
}

// nfd returns rc with every string decomposed (NFD).
func nfd(rc Receipt) Receipt {
	d := norm.NFD.String
	rc.Office = Office{Name: d(rc.Office.Name), ParentName: d(rc.Office.ParentName), Place: d(rc.Office.Place)}
	a := &rc.Dossier.Applicant
	a.FullName, a.Address, a.Email = d(a.FullName), d(a.Address), d(a.Email)
	rc.Dossier.Procedure.Name = d(rc.Dossier.Procedure.Name)
	docs := make([]dossier.ReceivedDocument, len(rc.Dossier.Documents))
	for i, doc := range rc.Dossier.Documents {
		doc.Name = d(doc.Name)
		docs[i] = doc
	}
	rc.Dossier.Documents = docs
	return rc
}

func TestReceiptNFD(t *testing.T) {
	t.Parallel()
	rc := fixture()
	decomposed := nfd(rc)
	if decomposed.Dossier.Applicant.FullName == rc.Dossier.Applicant.FullName {
		t.Fatal("the fixture did not decompose")
	}
	a, b := render(t, rc), render(t, decomposed)
	if ta, tb := pdftext(t, a), pdftext(t, b); ta != tb {
		t.Errorf("NFD input renders other text than NFC:\n%s\n---\n%s", ta, tb)
	}
	if !bytes.Equal(a, b) {
		t.Error("NFD input renders other bytes than NFC")
	}
}

func TestReceiptLongDossier(t *testing.T) {
	t.Parallel()
	// Many long documents flow onto a second page instead of overprinting.
	rc := fixture()
	for i := range 20 {
		rc.Dossier.Documents = append(rc.Dossier.Documents, dossier.ReceivedDocument{
			Name:  strings.Repeat("Giấy tờ chứng minh quyền sử dụng đất hợp pháp ", 2) + string(rune('A'+i)),
			Form:  catalog.FormCopy,
			Count: 1,
		})
	}
	rc.Dossier.Applicant.Address = strings.Repeat("Số nhà 12, ngõ 34, đường Lê Lợi, ", 4) + "Thanh Hóa"
	b := render(t, rc)
	run(t, "qpdf", "--check", writePDF(t, b))
	text := pdftext(t, b)
	for _, want := range []string{"NGƯỜI TIẾP NHẬN HỒ SƠ", "Giấy tờ chứng minh", "Số thứ tự: 01"} {
		if !strings.Contains(text, want) {
			t.Errorf("the long receipt lacks %q", want)
		}
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)$`).FindStringSubmatch(run(t, "pdfinfo", writePDF(t, b)))
	if m == nil || m[1] == "1" {
		t.Fatalf("the long receipt is not on several pages: %v", m)
	}
	if n := strings.Count(text, "Tên giấy tờ"); strconv.Itoa(n) != m[1] {
		t.Errorf("the table heading is printed %d times on %s pages", n, m[1])
	}
}

func TestReceiptNilWriter(t *testing.T) {
	t.Parallel()
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Receipt(nil, fixture()); err == nil {
		t.Error("a nil writer is accepted")
	}
}

func TestOfficeDesk(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		o    Office
		want string
	}{
		{Office{Name: "Bộ phận Tiếp nhận và Trả kết quả", ParentName: "UBND huyện Đông Sơn"}, "UBND huyện Đông Sơn"},
		{Office{Name: "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ huyện Đông Sơn"}, "huyện Đông Sơn"},
		{Office{Name: "UBND xã Đông Hòa", ParentName: "UBND huyện Đông Sơn"}, "UBND xã Đông Hòa"},
		{Office{Name: norm.NFD.String("Bộ phận tiếp nhận và trả kết quả"), ParentName: "UBND  huyện   Đông Sơn"}, "UBND huyện Đông Sơn"},
	} {
		if got := c.o.desk(); got != c.want {
			t.Errorf("%+v: desk() = %q, want %q", c.o, got, c.want)
		}
	}
}

// checkGolden compares text with testdata/name.golden.txt, rewriting it
// under -update.
func checkGolden(t *testing.T, name, text string) {
	t.Helper()
	golden := filepath.Join("testdata", name+".golden.txt")
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

// BenchmarkReceipt renders Form 01 with a QR code; the fonts are parsed
// once, by NewRenderer.
func BenchmarkReceipt(b *testing.B) {
	r, err := NewRenderer()
	if err != nil {
		b.Fatal(err)
	}
	rc := fixture()
	b.ReportAllocs()
	for b.Loop() {
		if err := r.Receipt(io.Discard, rc); err != nil {
			b.Fatal(err)
		}
	}
}
