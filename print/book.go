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

// Book is what the tracking book (Sổ theo dõi hồ sơ, Form 06 of 2018, 07
// of 2025) is printed from: the dossiers an office received in a period
// for one book, in book order. Under the 2025 set an office keeps one book
// per sector or sector group; which books it keeps is its setting.
type Book struct {
	Office Office
	// Set is the form set to print with; empty is the set in force on To.
	Set string
	// Name is the book's name, printed under the title, for example "Sổ
	// theo dõi hồ sơ lĩnh vực Hộ tịch"; it may be empty.
	Name string
	// Sectors are the sectors the book covers, printed under its name.
	Sectors []string
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

// bookLayout is the table of a set's book: its columns' widths (adding up
// to bookInner) and alignments, and the cells of a dossier's entry.
type bookLayout struct {
	widths []float64
	aligns []string
	row    func(b Book, i int, ds dossier.Dossier) []string
}

// bookLayouts are the books' tables by set: fourteen columns in 2018,
// twelve in 2025.
var bookLayouts = map[string]bookLayout{
	SetTT01: {
		widths: []float64{9, 27, 34, 12, 26, 30, 22, 17, 17, 17, 17, 17, 16, 16},
		aligns: []string{"C", "L", "L", "C", "L", "L", "L", "C", "C", "C", "C", "C", "L", "L"},
		row:    bookRow,
	},
	SetTT03: {
		widths: []float64{9, 30, 40, 30, 32, 28, 18, 18, 18, 18, 18, 18},
		aligns: []string{"C", "L", "L", "L", "L", "L", "C", "C", "C", "C", "L", "L"},
		row:    bookRow2025,
	},
}

// bookLayoutOf returns the book's table of set; an unknown set has the
// newest set's.
func bookLayoutOf(set string) bookLayout {
	if l, ok := bookLayouts[set]; ok {
		return l
	}
	return bookLayouts[SetTT03]
}

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

// bookRow2025 returns the twelve cells of a dossier's entry in the 2025
// book: number, code, procedure, applicant, address and phone, lead
// agency, received, appointment, returned, how the result is received
// (left to fill in: the dossier does not record it), signature, notes.
func bookRow2025(b Book, i int, ds dossier.Dossier) []string {
	c := bookRow(b, i, ds)
	applicant := ds.Applicant.FullName
	if r := ds.Applicant.Representative; r != nil && strings.TrimSpace(r.FullName) != "" {
		applicant += "\n(" + strings.TrimSpace(r.FullName) + ")"
	}
	// c: 0 no, 1 code, 2 procedure, 3 sets, 4 applicant, 5 contact, 6 lead,
	// 7 received, 8 due, 9 sent, 10 finished, 11 returned, 12 signed, 13 notes.
	return []string{c[0], c[1], c[2], applicant, c[5], c[6], c[7], c[8], c[11], "", c[12], c[13]}
}

// TrackingBook writes the tracking book for b to w, with b.Template or the
// built-in book of its set, as an A4
// landscape PDF: the header and title on the first page, then one row per
// dossier over as many pages as it takes, each page repeating the column
// headings and numbered "Trang n/N". The same input always gives the same
// bytes.
func (r *Renderer) TrackingBook(w io.Writer, b Book) error {
	if w == nil {
		return errNoWriter
	}
	set := b.Set
	if set == "" {
		set = SetFor(b.To)
	}
	t, err := r.template(b.Template, set, DocBook)
	if err != nil {
		return err
	}
	qr, err := qrCode(b.Verify)
	if err != nil {
		return err
	}
	pdf := r.newSizedDoc(b.PrintedAt, fmt.Sprintf("%s %s–%s", t.Name, vnDate(b.From), vnDate(b.To)), "P", bookW, bookH, bookMargin, bookBottom)
	label := footerLabel(t)
	pdf.SetFooterFunc(func() { bookFooter(pdf, b, label) })
	pdf.AddPage()
	y := headerAt(pdf, b.Office, bookMargin, 110, 110)
	if qr != nil {
		drawQR(pdf, qr, bookW-bookMargin-20, bookMargin, 20)
	}
	y = centred(pdf, bookMargin, y+4, bookInner, 7, "B", 14, t.Title)
	values := bookValues(b, t.Set)
	for _, l := range t.Body {
		if !shown(l, values) {
			continue
		}
		if l.Block == BlockBook {
			pdf.SetXY(bookMargin, y+2)
			bookTable(pdf, l.Columns, b, bookLayoutOf(t.Set))
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

// bookTable draws the book's table in layout under its headings and the
// row of column numbers.
func bookTable(pdf *gofpdf.Fpdf, head []string, b Book, layout bookLayout) {
	t := &table{
		pdf: pdf, x: bookMargin, widths: layout.widths, aligns: layout.aligns, size: 8, lineH: 3.5, pad: 0.7,
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
		t.row(layout.row(b, i, ds), 0)
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
