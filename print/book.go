package print

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"hoso/calendar"
	"hoso/dossier"
)

// Book is what Form 06, the tracking book (Sổ theo dõi hồ sơ), is printed
// from: the dossiers an office received in a period, in book order.
type Book struct {
	Office Office
	// From and To are the first and last day of the period.
	From, To time.Time
	// Dossiers are the entries, in the order they are printed.
	Dossiers []dossier.Dossier
	// Names gives the display names of office codes (the lead agency).
	Names map[string]string
	// PrintedAt, Reprint, Verify and Template are as on Doc.
	PrintedAt time.Time
	Reprint   int
	Verify    string
	Template  *Template
}

// A4 landscape geometry of Form 06, in millimetres.
const (
	bookW      = 297.0
	bookH      = 210.0
	bookMargin = 10.0
	bookBottom = 12.0
	bookInner  = bookW - 2*bookMargin
)

// bookWidths are the fourteen columns' widths; they add up to bookInner.
var bookWidths = []float64{9, 27, 34, 12, 26, 30, 22, 17, 17, 17, 17, 17, 16, 16}

// resultLabel is how the book notes a dossier that ended without a
// decision, or how it ended against its due date.
func resultLabel(ds dossier.Dossier) string {
	var parts []string
	if r := ds.Result; r != nil {
		switch r.Kind {
		case dossier.ResultRefused:
			parts = append(parts, "Từ chối")
		case dossier.ResultNotAccepted:
			parts = append(parts, "Không tiếp nhận")
		case dossier.ResultWithdrawn:
			parts = append(parts, "Rút hồ sơ")
		case dossier.ResultStopped:
			parts = append(parts, "Dừng giải quyết")
		}
	}
	if l := timingLabel(ds.Timing); l != "" {
		parts = append(parts, l)
	}
	if ds.Rescheduled {
		parts = append(parts, "Đã hẹn lại")
	}
	if len(ds.Supplements) > 0 {
		parts = append(parts, fmt.Sprintf("Bổ sung %d lần", len(ds.Supplements)))
	}
	return strings.Join(parts, "; ")
}

// dayTime writes t as "dd/mm/yyyy hh:mm", or nothing when zero.
func dayTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return vnDate(t) + "\n" + t.In(calendar.Zone).Format("15:04")
}

// bookRow returns the fourteen cells of a dossier's entry.
func bookRow(b Book, i int, ds dossier.Dossier) []string {
	no := i + 1
	if ds.Book.Number > 0 {
		no = ds.Book.Number
	}
	contact := ds.Applicant.Address
	if p := strings.TrimSpace(ds.Applicant.Phone); p != "" {
		contact += "\n" + p
	}
	lead := ds.Office
	if n := len(ds.Tasks); n > 0 {
		lead = ds.Tasks[n-1].Office
	}
	var sent time.Time
	if len(ds.Steps) > 1 {
		sent = ds.Steps[1].At
	}
	due := dayTime(ds.Due)
	signed := ""
	if !ds.ReturnedAt.IsZero() {
		signed = ds.Recipient
	}
	return []string{
		itoa(no), ds.Code, ds.Procedure.Name, positive(ds.Sets), ds.Applicant.FullName, contact,
		name(b.Names, lead), dayTime(ds.ReceivedAt), due, dayTime(sent), dayTime(ds.FinishedAt),
		dayTime(ds.ReturnedAt), signed, resultLabel(ds),
	}
}

// TrackingBook writes Form 06, the tracking book, for b to w as an A4
// landscape PDF: the header and title on the first page, then one row per
// dossier over as many pages as it takes, each page repeating the column
// headings and numbered "Trang n/N". The same input always gives the same
// bytes.
func (r *Renderer) TrackingBook(w io.Writer, b Book) error {
	if w == nil {
		return errNoWriter
	}
	t, err := r.template(b.Template, "06")
	if err != nil {
		return err
	}
	qr, err := qrCode(b.Verify)
	if err != nil {
		return err
	}
	pdf := r.newSizedDoc(b.PrintedAt, fmt.Sprintf("%s %s–%s", t.Name, vnDate(b.From), vnDate(b.To)), "P", bookW, bookH, bookMargin, bookBottom)
	label := "Mẫu 06 (" + t.Version + ")"
	pdf.SetFooterFunc(func() { bookFooter(pdf, b, label) })
	pdf.AddPage()
	y := headerAt(pdf, b.Office, bookMargin, 110, 110)
	if qr != nil {
		drawQR(pdf, qr, bookW-bookMargin-20, bookMargin, 20)
	}
	y = centred(pdf, bookMargin, y+4, bookInner, 7, "B", 14, t.Title)
	values := bookValues(b)
	for _, l := range t.Body {
		if l.If != "" && strings.TrimSpace(values[l.If]) == "" {
			continue
		}
		if l.Block == BlockBook {
			pdf.SetXY(bookMargin, y+2)
			bookTable(pdf, l.Columns, b)
			y = pdf.GetY()
			continue
		}
		var text strings.Builder
		for _, sp := range fillSpans(l.Text, values) {
			text.WriteString(sp.text)
		}
		y = centred(pdf, bookMargin, y, bookInner, 5, "I", 10.5, text.String())
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return fmt.Errorf("print: rendering the tracking book: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// bookTable draws the book's table under its headings and the row of
// column numbers.
func bookTable(pdf *gofpdf.Fpdf, head []string, b Book) {
	aligns := []string{"C", "L", "L", "C", "L", "L", "L", "C", "C", "C", "C", "C", "L", "L"}
	t := &table{
		pdf: pdf, x: bookMargin, widths: bookWidths, aligns: aligns, size: 8, lineH: 3.5, pad: 0.7,
		bottom: bookH - bookBottom, head: [][]string{head, numbers(len(head))},
		onPage: func() { pdf.SetXY(bookMargin, bookMargin) },
	}
	t.heading()
	if len(b.Dossiers) == 0 {
		cells := make([]string, len(head))
		cells[2] = "Không có hồ sơ trong kỳ"
		t.row(cells, 0)
	}
	for i, ds := range b.Dossiers {
		t.row(bookRow(b, i, ds), 0)
	}
}

// bookFooter numbers the pages and says which office's book, which period,
// which template and when it was printed.
func bookFooter(pdf *gofpdf.Fpdf, b Book, label string) {
	y := bookH - bookBottom + 3
	pdf.SetFont(family, "I", 8)
	pdf.SetXY(bookMargin, y)
	left := fmt.Sprintf("Sổ theo dõi hồ sơ %s, từ %s đến %s", strings.TrimSpace(b.Office.Name), vnDate(b.From), vnDate(b.To))
	if b.Reprint > 0 {
		left = fmt.Sprintf("BẢN IN LẠI (lần %d) · %s", b.Reprint, left)
	}
	pdf.CellFormat(bookInner/3, 4, nfc(left), "", 0, "L", false, 0, "")
	pdf.SetFont(family, "B", 9)
	pdf.CellFormat(bookInner/3, 4, fmt.Sprintf("Trang %d/{nb}", pdf.PageNo()), "", 0, "C", false, 0, "")
	pdf.SetFont(family, "I", 8)
	pdf.CellFormat(bookInner/3, 4, nfc(label+" · "+printedAt(b.PrintedAt)), "", 0, "R", false, 0, "")
}
