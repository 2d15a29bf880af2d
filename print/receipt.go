package print

import (
	"io"
	"strconv"
	"strings"

	"github.com/jung-kurt/gofpdf"

	"hoso/catalog"
	"hoso/dossier"
)

// Office names the agency a form is issued by, as the top-left block of an
// administrative document shows it.
type Office struct {
	// Name is the office itself, printed in bold capitals, for example "Bộ
	// phận Tiếp nhận và Trả kết quả".
	Name string
	// ParentName is the agency above it, printed above Name in normal
	// weight, for example "UBND tỉnh Thanh Hóa"; it may be empty.
	ParentName string
	// Phone is the office's phone, printed where a paper gives a number
	// to call and Doc.Contact is empty.
	Phone string
	// Place is the place written before the date ("Đông Sơn, ngày …"); when
	// empty the place is left as dots to fill in by hand.
	Place string
}

// deskPrefix is how the one-stop desk's name begins.
const deskPrefix = "bộ phận tiếp nhận và trả kết quả"

// desk returns the agency the body of a form names after "Bộ phận tiếp nhận
// và trả kết quả": Name, or ParentName when Name is itself the desk ("Bộ
// phận Tiếp nhận và Trả kết quả"), so that the words are not repeated.
func (o Office) desk() string {
	name := strings.Join(strings.Fields(nfc(o.Name)), " ")
	parent := strings.Join(strings.Fields(nfc(o.ParentName)), " ")
	if strings.HasPrefix(strings.ToLower(name), deskPrefix) {
		// "Bộ phận Tiếp nhận và Trả kết quả huyện Đông Sơn": keep the rest.
		// Lower-casing keeps the number of runes.
		if rest := strings.TrimSpace(string([]rune(name)[len([]rune(deskPrefix)):])); rest != "" {
			return rest
		}
		return parent
	}
	return name
}

// QR code geometry in millimetres.
const qrSize = 22.0

// Body text geometry.
const (
	bodySize   = 10.5
	bodyLineH  = 5.0
	itemIndent = 4.0
)

// formName returns the Vietnamese name of a document form.
func formName(f catalog.DocumentForm) string {
	switch f {
	case catalog.FormOriginal:
		return "Bản chính"
	case catalog.FormCertifiedCopy:
		return "Bản sao có chứng thực"
	case catalog.FormCopy:
		return "Bản sao"
	case catalog.FormShow:
		return "Xuất trình"
	}
	return string(f)
}

// orDots returns s, or dots to fill in by hand when s is blank.
func orDots(s string) string {
	if strings.TrimSpace(s) == "" {
		return "……………"
	}
	return s
}

// Receipt writes the receipt and appointment (Giấy tiếp nhận hồ sơ và hẹn
// trả kết quả, Form 01) for rc.Dossier to w; it is Render with
// DocReceipt.
func (r *Renderer) Receipt(w io.Writer, rc Receipt) error {
	return r.Render(w, DocReceipt, rc)
}

// positive writes n, or nothing when n is not positive.
func positive(n int) string {
	if n <= 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// documentTable draws the table of documents received under the four
// headings: number, name, form and count, with the name and form wrapped as
// needed.
func documentTable(pdf *gofpdf.Fpdf, head []string, docs []dossier.ReceivedDocument) {
	const (
		noW   = 9.0
		formW = 34.0
		cntW  = 16.0
	)
	t := &table{
		pdf: pdf, x: margin, widths: []float64{noW, contentW - noW - formW - cntW, formW, cntW},
		aligns: []string{"C", "L", "L", "C"}, size: 9.5, lineH: 4.3, pad: 0.8,
		bottom: pageH - bottom, head: [][]string{head},
	}
	t.heading()
	if len(docs) == 0 {
		t.row([]string{"", "……………", "", ""}, 0)
	}
	for i, doc := range docs {
		t.row([]string{strconv.Itoa(i + 1), doc.Name, formName(doc.Form), positive(doc.Count)}, 0)
	}
	pdf.SetFont(family, "", bodySize)
}
