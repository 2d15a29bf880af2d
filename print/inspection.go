package print

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"hoso/inspect"
)

// Inspection is what an inspection record (Biên bản kiểm tra) is printed
// from: the inspection as folded, the inspected and the inspecting
// offices, and the names of the users it mentions.
type Inspection struct {
	Office          Office
	InspectorOffice string
	Inspection      inspect.Inspection
	// Names gives users' full names by ID.
	Names map[string]string
	// Today is the day overdue fixes are judged on, YYYY-MM-DD.
	Today string
	// PrintedAt, Reprint and Verify are as on Doc.
	PrintedAt time.Time
	Reprint   int
	Verify    string
}

// Labels of the record's closed sets, in Vietnamese.
var (
	inspResultLabels = map[inspect.ItemResult]string{inspect.Pass: "Đạt", inspect.Fail: "Không đạt", inspect.NA: "Không áp dụng"}
	inspStateLabels  = map[inspect.FindingState]string{
		inspect.Open: "Chưa khắc phục", inspect.Answered: "Đã trả lời", inspect.Closed: "Đã đóng", inspect.Reopened: "Mở lại",
	}
	inspEvidenceLabels = map[inspect.EvidenceRefKind]string{inspect.EvidenceDossier: "Hồ sơ", inspect.EvidencePrint: "Bản in", inspect.EvidenceRecord: "Hồ sơ ISO"}
)

func (a Inspection) name(id string) string {
	if n, ok := a.Names[id]; ok && n != "" {
		return n
	}
	return id
}

// inspEvidence lists evidence one per line; a print is named by its
// subject, the QR text being too long for a cell.
func inspEvidence(ev []inspect.EvidenceRef) string {
	var lines []string
	for _, e := range ev {
		ref := e.Ref
		if parts := strings.Split(ref, "|"); e.Kind == inspect.EvidencePrint && len(parts) == 5 {
			ref = parts[2]
		}
		lines = append(lines, inspEvidenceLabels[e.Kind]+" "+ref)
	}
	return strings.Join(lines, "\n")
}

// InspectionRecord writes the inspection record as an A4 portrait PDF: the
// header with the print QR, the visit (who, when, scope), the checklist
// with results and evidence, the findings with their fixes, answers and
// states, and both signature blocks: the inspected office's
// representative and the inspector. The same input gives the same bytes.
func (r *Renderer) InspectionRecord(w io.Writer, a Inspection) error {
	if w == nil {
		return errNoWriter
	}
	p := a.Inspection.Plan
	pdf, section, line, err := r.recordDoc(a.PrintedAt, "Biên bản kiểm tra "+p.ID, a.Office, a.Verify, "BIÊN BẢN KIỂM TRA", p.Title, "Mã cuộc kiểm tra: "+p.ID)
	if err != nil {
		return err
	}
	pdf.SetFooterFunc(func() { inspFooter(pdf, a) })

	section("I. THÔNG TIN CUỘC KIỂM TRA")
	line("Ngày kiểm tra: " + auditDay(p.Date) + ".")
	line("Người kiểm tra: " + a.name(p.Inspector) + " (" + a.InspectorOffice + ").")
	line("Đơn vị được kiểm tra: " + a.Office.Name + ".")
	for _, s := range p.Scope {
		line("– " + s.Text)
	}

	section("II. KẾT QUẢ KIỂM TRA")
	t := recordTable(pdf, []float64{14, 80, 26, 60}, []string{"C", "L", "C", "L"}, []string{"Mục", "Nội dung kiểm tra", "Kết quả", "Bằng chứng, ghi chú"})
	for _, it := range p.Checklist {
		c, ok := a.Inspection.Checks[it.ID]
		result, notes := "Chưa kiểm tra", ""
		if ok {
			result = inspResultLabels[c.Result]
			notes = strings.TrimSpace(strings.Join([]string{inspEvidence(c.Evidence), c.Note}, "\n"))
		}
		t.row([]string{nfc(it.ID), nfc(it.Text), nfc(result), nfc(notes)}, 0)
	}

	section("III. KẾT LUẬN VÀ YÊU CẦU KHẮC PHỤC")
	if len(a.Inspection.Findings) == 0 {
		line("Không có kiến nghị.")
	} else {
		ft := recordTable(pdf, []float64{12, 62, 40, 66}, []string{"C", "L", "L", "L"}, []string{"Số", "Nội dung", "Khắc phục", "Trả lời, tình trạng"})
		for _, f := range a.Inspection.Findings {
			body := f.Text
			if f.Item != "" {
				body += "\n(mục " + f.Item + ")"
			}
			fix := a.name(f.Fix.Owner) + "\nhạn " + auditDay(f.Fix.Due)
			var ans []string
			for _, x := range f.Answers {
				s := x.Text
				if ev := inspEvidence(x.Evidence); ev != "" {
					s += "\n" + ev
				}
				ans = append(ans, s)
			}
			state := inspStateLabels[f.State]
			if f.Overdue(a.Today) {
				state += " – QUÁ HẠN"
			}
			ans = append(ans, state)
			ft.row([]string{nfc(f.ID), nfc(body), nfc(fix), nfc(strings.Join(ans, "\n"))}, 0)
		}
	}
	inspSignatures(pdf, a)

	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return fmt.Errorf("print: rendering the inspection record: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// inspSignatures draws both signature blocks: the inspected office's
// representative at the left, the inspector at the right.
func inspSignatures(pdf *gofpdf.Fpdf, a Inspection) {
	const need = 35.0
	if pdf.GetY()+need > audH-audBottom {
		pdf.AddPage()
		pdf.SetY(audMargin)
	}
	y := pdf.GetY() + 6
	half := audInner / 2
	for _, b := range []struct {
		x           float64
		title, name string
	}{
		{audMargin, "ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA", ""},
		{audMargin + half, "NGƯỜI KIỂM TRA", a.name(a.Inspection.Plan.Inspector)},
	} {
		yy := centred(pdf, b.x, y, half, 5, "B", 10.5, b.title)
		centred(pdf, b.x, yy, half, 5, "I", 9.5, "(Ký, ghi rõ họ tên)")
		if b.name != "" {
			centred(pdf, b.x, yy+20, half, 5, "B", 10.5, b.name)
		}
	}
}

// inspFooter numbers the pages and says which inspection and when it was
// printed.
func inspFooter(pdf *gofpdf.Fpdf, a Inspection) {
	pdf.SetFont(family, "I", 8)
	pdf.SetXY(audMargin, audH-audBottom+4)
	left := "Biên bản kiểm tra " + a.Inspection.Plan.ID
	if a.Reprint > 0 {
		left = fmt.Sprintf("BẢN IN LẠI (lần %d) · %s", a.Reprint, left)
	}
	pdf.CellFormat(audInner/3, 4, nfc(left), "", 0, "L", false, 0, "")
	pdf.SetFont(family, "B", 9)
	pdf.CellFormat(audInner/3, 4, fmt.Sprintf("Trang %d/{nb}", pdf.PageNo()), "", 0, "C", false, 0, "")
	pdf.SetFont(family, "I", 8)
	pdf.CellFormat(audInner/3, 4, nfc(printedAt(a.PrintedAt)), "", 0, "R", false, 0, "")
}
