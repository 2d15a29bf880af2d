// Package print renders the printed forms of the one-stop desk as PDF.
//
// The papers of a dossier (the receipt and appointment, Giấy tiếp nhận hồ
// sơ và hẹn trả kết quả, and the others of its form set, see sets.go) are
// printed on A5 portrait, the tracking book on A4 landscape, with Liberation
// Serif, a free font metric-compatible with Times New Roman that has every
// Vietnamese glyph. The fonts are embedded in the binary and read once, when
// the Renderer is built. Every string is normalised to NFC before it is
// drawn, because decomposed Vietnamese renders with misplaced accents.
package print

import (
	"embed"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"
	"golang.org/x/text/unicode/norm"

	"hoso/calendar"
)

//go:embed fonts/LiberationSerif-Regular.ttf fonts/LiberationSerif-Bold.ttf fonts/LiberationSerif-Italic.ttf
var fontFS embed.FS

// family is the name the fonts are registered under in each document.
const family = "serif"

// Renderer draws forms. It holds the embedded font files, read once by
// NewRenderer; a Renderer is safe for concurrent use, since every call builds
// its own document.
type Renderer struct {
	regular, bold, italic []byte
}

// NewRenderer reads the embedded fonts and returns a Renderer.
func NewRenderer() (*Renderer, error) {
	var r Renderer
	for _, f := range []struct {
		name string
		dst  *[]byte
	}{
		{"fonts/LiberationSerif-Regular.ttf", &r.regular},
		{"fonts/LiberationSerif-Bold.ttf", &r.bold},
		{"fonts/LiberationSerif-Italic.ttf", &r.italic},
	} {
		b, err := fontFS.ReadFile(f.name)
		if err != nil {
			return nil, fmt.Errorf("print: reading font: %w", err)
		}
		*f.dst = b
	}
	if builtinsErr != nil {
		return nil, builtinsErr
	}
	for _, s := range builtins {
		for doc, t := range s.docs {
			if err := t.Validate(); err != nil {
				return nil, fmt.Errorf("print: the built-in template of %s in %s: %w", doc, s.id, err)
			}
		}
	}
	return &r, nil
}

// Page geometry in millimetres: A5 portrait with 12 mm margins.
const (
	pageW    = 148.0
	pageH    = 210.0
	margin   = 12.0
	bottom   = 14.0
	contentW = pageW - 2*margin
)

// newDoc starts an A5 portrait document with the fonts registered and the
// creation and modification dates set to at, so that the same input always
// gives the same bytes.
func (r *Renderer) newDoc(at time.Time, title string) *gofpdf.Fpdf {
	return r.newSizedDoc(at, title, "P", pageW, pageH, margin, bottom)
}

// newSizedDoc starts a document of w × h mm with the margin all round and
// the page breaking bottomM above the foot.
func (r *Renderer) newSizedDoc(at time.Time, title, orientation string, w, h, margin, bottomM float64) *gofpdf.Fpdf {
	// gofpdf's "A5" is 148.5 mm wide; ISO A5 is 148 × 210 mm.
	pdf := gofpdf.NewCustom(&gofpdf.InitType{
		OrientationStr: orientation,
		UnitStr:        "mm",
		Size:           gofpdf.SizeType{Wd: w, Ht: h},
	})
	// Without a sorted catalog the fonts are written in map order and the
	// bytes vary from run to run.
	pdf.SetCatalogSort(true)
	// Before the fonts: gofpdf sizes the font subsets by whether page
	// numbers are aliased.
	pdf.AliasNbPages("{nb}")
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(true, bottomM)
	pdf.SetCellMargin(0)
	pdf.AddUTF8FontFromBytes(family, "", r.regular)
	pdf.AddUTF8FontFromBytes(family, "B", r.bold)
	pdf.AddUTF8FontFromBytes(family, "I", r.italic)
	pdf.SetCreationDate(at)
	pdf.SetModificationDate(at)
	pdf.SetTitle(nfc(title), true)
	pdf.SetCreator("Hồ Sơ Một Cửa", true)
	return pdf
}

// nfc returns s in Unicode normalisation form C.
func nfc(s string) string { return norm.NFC.String(s) }

// vnTime writes t in Vietnam time as the forms do: "08 giờ 30 phút, ngày
// 27/11/2026".
func vnTime(t time.Time) string {
	t = t.In(calendar.Zone)
	return fmt.Sprintf("%02d giờ %02d phút, ngày %02d/%02d/%04d", t.Hour(), t.Minute(), t.Day(), int(t.Month()), t.Year())
}

// vnDateLine writes the place and date line of an administrative document
// as Decree 30/2020 (Annex I) writes it: a leading zero only for days 1 to
// 9 and months 1 and 2, "Đông Sơn, ngày 05 tháng 01 năm 2026", "ngày 07
// tháng 3 năm 2026", "ngày 27 tháng 11 năm 2026". An empty place is left
// as dots to fill in by hand.
func vnDateLine(place string, t time.Time) string {
	t = t.In(calendar.Zone)
	if strings.TrimSpace(place) == "" {
		place = "……………"
	}
	month := strconv.Itoa(int(t.Month()))
	if t.Month() <= time.February {
		month = "0" + month
	}
	return fmt.Sprintf("%s, ngày %02d tháng %s năm %04d", place, t.Day(), month, t.Year())
}

// writer draws flowing text on a document, wrapping at word boundaries. Lines
// whose top lies above narrowUntil are narrowed by narrowBy on the right, to
// leave room for the QR code.
type writer struct {
	pdf         *gofpdf.Fpdf
	lineH       float64
	narrowUntil float64
	narrowBy    float64
}

// width returns the usable width for a line starting at the current y.
func (w *writer) width() float64 {
	if w.pdf.GetY() < w.narrowUntil {
		return contentW - w.narrowBy
	}
	return contentW
}

// wrap splits s into lines no wider than width at the current font, first
// with width first and then rest. Words longer than a line are broken by
// rune.
func wrap(pdf *gofpdf.Fpdf, s string, first, rest float64) []string {
	var lines []string
	width := first
	line := ""
	flush := func() {
		lines = append(lines, line)
		line = ""
		width = rest
	}
	for _, word := range strings.Fields(s) {
		cand := word
		if line != "" {
			cand = line + " " + word
		}
		if pdf.GetStringWidth(cand) <= width {
			line = cand
			continue
		}
		if line != "" {
			flush()
		}
		for pdf.GetStringWidth(word) > width {
			rs := []rune(word)
			n := len(rs) - 1
			for n > 1 && pdf.GetStringWidth(string(rs[:n])) > width {
				n--
			}
			line = string(rs[:n])
			flush()
			word = string(rs[n:])
		}
		line = word
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

// span is a run of text in one style.
type span struct {
	style string
	text  string
}

// para draws a paragraph of styled spans, wrapping as needed, with
// continuation lines indented by indent. Spans not separated by white
// space are glued: "**Nhung**)" keeps the bracket against the name.
func (w *writer) para(indent float64, spans ...span) {
	pdf := w.pdf
	size, _ := pdf.GetFontSize()
	// A word is one or more styled pieces with no space between them.
	type word []span
	var words []word
	glue := false
	for _, sp := range spans {
		text := nfc(sp.text)
		fields := strings.Fields(text)
		for i, f := range fields {
			if i == 0 && glue && len(words) > 0 && !startsSpace(text) {
				words[len(words)-1] = append(words[len(words)-1], span{sp.style, f})
				continue
			}
			words = append(words, word{{sp.style, f}})
		}
		glue = len(fields) > 0 && !endsSpace(text) || glue && len(fields) == 0 && text == ""
	}
	widthOf := func(wd word) float64 {
		total := 0.0
		for _, p := range wd {
			pdf.SetFont(family, p.style, size)
			total += pdf.GetStringWidth(p.text)
		}
		return total
	}
	space := func(wd word) float64 {
		pdf.SetFont(family, wd[0].style, size)
		return pdf.GetStringWidth(" ")
	}
	var line []word
	x0 := margin
	lineW := 0.0
	emit := func() {
		x := x0
		if pdf.GetY()+w.lineH > pageH-bottom {
			pdf.AddPage()
		}
		y := pdf.GetY()
		for i, wd := range line {
			if i > 0 {
				x += space(wd)
			}
			for _, p := range wd {
				pdf.SetFont(family, p.style, size)
				pdf.SetXY(x, y)
				pw := pdf.GetStringWidth(p.text)
				pdf.CellFormat(pw, w.lineH, p.text, "", 0, "L", false, 0, "")
				x += pw
			}
		}
		pdf.SetXY(margin, y+w.lineH)
		line = line[:0]
		lineW = 0
	}
	for _, wd := range words {
		avail := w.width() - (x0 - margin)
		ww := widthOf(wd)
		add := ww
		if len(line) > 0 {
			add += space(wd)
		}
		if len(line) > 0 && lineW+add > avail {
			emit()
			x0 = margin + indent
			avail = w.width() - indent
			add = ww
		}
		if len(line) == 0 && ww > avail && len(wd) == 1 {
			// A single word wider than the line: draw it broken by rune.
			pdf.SetFont(family, wd[0].style, size)
			parts := wrap(pdf, wd[0].text, avail, w.width()-indent)
			for _, p := range parts[:len(parts)-1] {
				line = append(line, word{{wd[0].style, p}})
				emit()
				x0 = margin + indent
			}
			wd = word{{wd[0].style, parts[len(parts)-1]}}
			ww = widthOf(wd)
			add = ww
		}
		line = append(line, wd)
		lineW += add
	}
	if len(line) > 0 {
		emit()
	}
	pdf.SetFont(family, "", size)
}

// startsSpace and endsSpace tell whether s begins or ends with white space.
func startsSpace(s string) bool { return s != "" && strings.TrimLeft(s, " \t\n") != s }
func endsSpace(s string) bool   { return s != "" && strings.TrimRight(s, " \t\n") != s }

// centred draws s centred in the box of width wd at x, on as many lines as
// it needs, and returns the y below it.
func centred(pdf *gofpdf.Fpdf, x, y, wd, lineH float64, style string, size float64, s string) float64 {
	pdf.SetFont(family, style, size)
	for _, l := range wrap(pdf, nfc(s), wd, wd) {
		pdf.SetXY(x, y)
		pdf.CellFormat(wd, lineH, l, "", 0, "C", false, 0, "")
		y += lineH
	}
	return y
}

// fitSize returns the largest font size not above size, in steps of 0.25
// pt, at which s fits in width wd.
func fitSize(pdf *gofpdf.Fpdf, style string, size, wd float64, s string) float64 {
	for ; size > 6; size -= 0.25 {
		pdf.SetFont(family, style, size)
		if pdf.GetStringWidth(s) <= wd {
			break
		}
	}
	return size
}

// header draws the agency block top-left and the national motto top-right
// of an A5 form, each with a short rule below, and returns the y below the
// taller one.
func header(pdf *gofpdf.Fpdf, o Office) float64 {
	return headerAt(pdf, o, margin, 56, contentW-56-2)
}

// headerAt draws the header with the agency block leftW wide and the motto
// block rightW wide, from the top margin y.
func headerAt(pdf *gofpdf.Fpdf, o Office, y, leftW, rightW float64) float64 {
	const (
		gap   = 2.0
		lineH = 4.6
	)
	margin, _, _, _ := pdf.GetMargins()
	ly := y
	if p := strings.TrimSpace(o.ParentName); p != "" {
		ly = centred(pdf, margin, ly, leftW, lineH, "", 10, strings.ToUpper(nfc(p)))
	}
	ly = centred(pdf, margin, ly, leftW, lineH, "B", 10, strings.ToUpper(nfc(o.Name)))
	pdf.SetLineWidth(0.25)
	pdf.Line(margin+leftW/2-10, ly+0.8, margin+leftW/2+10, ly+0.8)
	ly += 0.8

	rx := margin + leftW + gap
	motto := nfc("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
	size := fitSize(pdf, "B", 10, rightW, motto)
	ry := centred(pdf, rx, y, rightW, lineH, "B", size, motto)
	slogan := nfc("Độc lập - Tự do - Hạnh phúc")
	ry = centred(pdf, rx, ry, rightW, lineH, "B", 10.5, slogan)
	pdf.SetFont(family, "B", 10.5)
	sw := pdf.GetStringWidth(slogan)
	pdf.Line(rx+(rightW-sw)/2, ry+0.8, rx+(rightW+sw)/2, ry+0.8)
	ry += 0.8
	return max(ly, ry)
}

// errNoWriter is returned when a form is given a nil writer.
var errNoWriter = errors.New("print: nil writer")

// ErrTemplate is returned when a form is given a template that is not
// valid for it; the error says what is wrong.
var ErrTemplate = errors.New("print: the template cannot be used")
