package print

import (
	"fmt"
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
	// weight, for example "UBND huyện Đông Sơn"; it may be empty.
	ParentName string
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

// Receipt writes Form 01, the receipt and appointment (Giấy tiếp nhận hồ sơ
// và hẹn trả kết quả), for rc.Dossier to w as an A5 PDF. The same input
// always gives the same bytes.
func (r *Renderer) Receipt(w io.Writer, rc Receipt) error {
	if w == nil {
		return errNoWriter
	}
	d := rc.Dossier
	// The date line is the date of reception.
	f, err := r.start(rc, "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", d.ReceivedAt)
	if err != nil {
		return err
	}
	pdf, bw := f.pdf, f.bw

	office := rc.Office.desk()
	bw.para(0, span{"", "Mã hồ sơ:"}, span{"B", d.Code})
	bw.para(0, span{"", "Bộ phận tiếp nhận và trả kết quả " + office + " tiếp nhận hồ sơ của:"})
	f.applicant(d.Applicant)
	bw.para(itemIndent, span{"", "Nội dung yêu cầu giải quyết:"}, span{"B", procedure(d.Procedure)})
	f.clearQR()

	bw.para(itemIndent, span{"", "1. Thành phần hồ sơ nộp gồm:"})
	documentTable(pdf, d.Documents)
	pdf.SetY(pdf.GetY() + 1)

	bw.para(itemIndent, span{"", fmt.Sprintf("2. Số lượng hồ sơ: %s bộ", orDots(positive(d.Sets)))})
	limit := "trong ngày"
	if n := d.Procedure.TimeLimitWD; n > 0 {
		limit = fmt.Sprintf("%d ngày làm việc", n)
	}
	bw.para(itemIndent, span{"", "3. Thời gian giải quyết hồ sơ theo quy định là: " + limit})
	received := "……………"
	if !d.ReceivedAt.IsZero() {
		received = vnTime(d.ReceivedAt)
	}
	bw.para(itemIndent, span{"", "4. Thời gian nhận hồ sơ: " + received})
	due := d.OriginalDue
	if due.IsZero() {
		due = d.Due
	}
	dueText := "……………"
	if !due.IsZero() {
		dueText = vnTime(due)
	}
	bw.para(itemIndent, span{"", "5. Thời gian trả kết quả giải quyết hồ sơ:"}, span{"B", dueText})
	bw.para(itemIndent, span{"", "6. Đăng ký nhận kết quả tại: Bộ phận tiếp nhận và trả kết quả " + office})
	number := "……"
	if d.Book.Number > 0 {
		number = fmt.Sprintf("%02d", d.Book.Number)
	}
	bw.para(0, span{"", "Vào Sổ theo dõi hồ sơ, Quyển số: " + orDots(d.Book.Volume) + ", Số thứ tự: " + number})

	signatures(pdf, signer{"NGƯỜI NỘP HỒ SƠ", signHint}, signer{"NGƯỜI TIẾP NHẬN HỒ SƠ", signHint})
	return f.finish(w, "receipt")
}

// positive writes n, or nothing when n is not positive.
func positive(n int) string {
	if n <= 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// documentTable draws the table of documents received: number, name, form
// and count, with the name and form wrapped as needed.
func documentTable(pdf *gofpdf.Fpdf, docs []dossier.ReceivedDocument) {
	const (
		size  = 9.5
		lineH = 4.3
		pad   = 0.8
		noW   = 9.0
		formW = 34.0
		cntW  = 16.0
		nameW = contentW - noW - formW - cntW
	)
	widths := []float64{noW, nameW, formW, cntW}
	aligns := []string{"C", "L", "L", "C"}
	head := []string{"STT", "Tên giấy tờ", "Hình thức", "Số lượng"}
	var row func(style string, cells []string)
	row = func(style string, cells []string) {
		pdf.SetFont(family, style, size)
		var lines [][]string
		n := 1
		for i, c := range cells {
			l := wrap(pdf, nfc(c), widths[i]-2*pad, widths[i]-2*pad)
			lines = append(lines, l)
			n = max(n, len(l))
		}
		h := float64(n)*lineH + 2*pad
		if pdf.GetY()+h > pageH-bottom {
			pdf.AddPage()
			if style != "B" {
				// The table goes on: repeat its heading.
				row("B", head)
				pdf.SetFont(family, style, size)
			}
		}
		x, y := margin, pdf.GetY()
		for i, l := range lines {
			pdf.Rect(x, y, widths[i], h, "D")
			for j, s := range l {
				pdf.SetXY(x+pad, y+pad+float64(j)*lineH)
				pdf.CellFormat(widths[i]-2*pad, lineH, s, "", 0, aligns[i], false, 0, "")
			}
			x += widths[i]
		}
		pdf.SetXY(margin, y+h)
	}
	pdf.SetLineWidth(0.2)
	row("B", head)
	if len(docs) == 0 {
		row("", []string{"", "……………", "", ""})
	}
	for i, doc := range docs {
		row("", []string{strconv.Itoa(i + 1), doc.Name, formName(doc.Form), positive(doc.Count)})
	}
	pdf.SetFont(family, "", bodySize)
}
