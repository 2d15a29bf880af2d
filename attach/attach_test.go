package attach

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"

	"github.com/jung-kurt/gofpdf"
)

func pdfFile(t *testing.T, protect bool) []byte {
	t.Helper()
	p := gofpdf.New("P", "mm", "A4", "")
	if protect {
		p.SetProtection(gofpdf.CnProtectPrint, "user", "owner")
	}
	p.AddPage()
	p.SetFont("Helvetica", "", 12)
	p.Cell(40, 10, "Giay to")
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func picture() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for x := 0; x < 40; x++ {
		img.Set(x, x%30, color.RGBA{200, 10, 10, 255})
	}
	return img
}

func jpegFile(t *testing.T) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, picture(), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func pngFile(t *testing.T) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, picture()); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestCheck(t *testing.T) {
	pdf, jpg, pic := pdfFile(t, false), jpegFile(t), pngFile(t)
	cases := []struct {
		name string
		file string
		data []byte
		max  int64
		kind string
		rule string
	}{
		{"a PDF", "to-khai.pdf", pdf, 0, TypePDF, ""},
		{"a PDF with an upper-case name", "TO KHAI.PDF", pdf, 0, TypePDF, ""},
		{"a JPEG scan", "cccd.jpg", jpg, 0, TypeJPEG, ""},
		{"a JPEG named .jpeg", "cccd.jpeg", jpg, 0, TypeJPEG, ""},
		{"a PNG", "so-do.png", pic, 0, TypePNG, ""},
		{"a Vietnamese name", "Giấy khai sinh – bản sao.pdf", pdf, 0, TypePDF, ""},
		{"empty", "a.pdf", nil, 0, "", "empty"},
		{"over the limit", "a.pdf", pdf, int64(len(pdf) - 1), "", "too_large"},
		{"no name", " ", pdf, 0, "", "bad_name"},
		{"a path for a name", "../a.pdf", pdf, 0, "", "bad_name"},
		{"a text file", "a.pdf", []byte("not a scan at all, just words"), 0, "", "bad_type"},
		{"an office document", "a.docx", []byte("PK\x03\x04\x14\x00\x06\x00"), 0, "", "bad_type"},
		{"a PNG named .jpg", "a.jpg", pic, 0, "", "type_mismatch"},
		{"a PDF named .png", "a.png", pdf, 0, "", "type_mismatch"},
		{"an encrypted PDF", "a.pdf", pdfFile(t, true), 0, "", "pdf_encrypted"},
		{"a PDF cut short", "a.pdf", pdf[:len(pdf)/2], 0, "", "damaged"},
		{"a JPEG cut short", "a.jpg", jpg[:len(jpg)-40], 0, "", "damaged"},
		{"a PNG cut short", "a.png", pic[:len(pic)-20], 0, "", "damaged"},
		{"a JPEG header only", "a.jpg", jpg[:20], 0, "", "damaged"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			kind, re := Check(c.file, c.data, c.max)
			rule := ""
			if re != nil {
				rule = re.Rule
			}
			if rule != c.rule || (c.rule == "" && kind != c.kind) {
				t.Fatalf("Check(%q) = %q, %v; want %q, rule %q", c.file, kind, re, c.kind, c.rule)
			}
		})
	}
}

// FuzzCheck feeds Check arbitrary bytes: it never panics, and whatever it
// accepts is one of the three kinds.
func FuzzCheck(f *testing.F) {
	f.Add("a.pdf", []byte("%PDF-1.4\n%%EOF"))
	f.Add("a.png", []byte("\x89PNG\r\n\x1a\n"))
	f.Add("a.jpg", []byte("\xff\xd8\xff\xe0"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		kind, re := Check(name, data, 1<<20)
		if re == nil && kind != TypePDF && kind != TypeJPEG && kind != TypePNG {
			t.Fatalf("accepted %q as %q", name, kind)
		}
	})
}
