package print

import (
	"strings"
	"testing"
	"time"

	"hoso/calendar"
	"hoso/dossier"
)

// TestControlSheetOpinion checks that the control sheet carries the
// officer's appraisal (issue 22 item 2): in the notes of the hand-over that
// follows it, else under the table when nothing was handed over since; and
// that a sheet without an appraisal says nothing of one.
func TestControlSheetOpinion(t *testing.T) {
	t.Parallel()
	control := formCases[0]
	cases := []struct {
		name string
		at   time.Time
		want string
	}{
		// Between the assignment (27/11) and the liên thông hand-over (02/12): row 2's notes.
		{"in the next hand-over's notes", time.Date(2026, 12, 1, 16, 0, 0, 0, calendar.Zone),
			"Ý kiến thẩm định (Trần Văn Chuyên): Đề nghị từ chối – Không đủ điều kiện cư trú"},
		// After the last hand-over: under the table.
		{"under the table", time.Date(2026, 12, 3, 9, 0, 0, 0, calendar.Zone),
			"Ý kiến thẩm định (Trần Văn Chuyên): Đề nghị từ chối – Không đủ điều kiện cư trú"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			d := formFixture()
			d.Dossier.Appraisal = &dossier.Appraisal{Opinion: dossier.OpinionRefuse, Note: "Không đủ điều kiện cư trú", By: "u-officer", At: c.at}
			text := flat(pdftext(t, renderForm(t, control, d)))
			// The signature labels of a row's time cell print beside its notes.
			if !strings.Contains(strings.ReplaceAll(text, "Người giao Người nhận ", ""), c.want) {
				t.Fatalf("the sheet lacks %q:\n%s", c.want, text)
			}
			if n := strings.Count(text, "Ý kiến thẩm định"); n != 1 {
				t.Errorf("the opinion is written %d times", n)
			}
			// Row 2, the liên thông hand-over, is the last: its signature labels end the table.
			inRow := strings.Index(text, "Ý kiến thẩm định") < strings.LastIndex(text, "Người nhận")
			if first := c.name == "in the next hand-over's notes"; inRow != first {
				t.Errorf("the opinion is in the table: %v, want %v:\n%s", inRow, first, text)
			}
		})
	}
	t.Run("a supplement proposed", func(t *testing.T) {
		t.Parallel()
		d := formFixture()
		d.Dossier.Appraisal = &dossier.Appraisal{Opinion: dossier.OpinionSupplement, By: "u-officer", At: time.Date(2026, 12, 1, 16, 0, 0, 0, calendar.Zone)}
		text := strings.ReplaceAll(flat(pdftext(t, renderForm(t, control, d))), "Người giao Người nhận ", "")
		if !strings.Contains(text, "Ý kiến thẩm định (Trần Văn Chuyên): Đề nghị bổ sung hồ sơ") {
			t.Fatalf("the sheet lacks the proposed supplement:\n%s", text)
		}
	})
	t.Run("no appraisal", func(t *testing.T) {
		t.Parallel()
		if text := flat(pdftext(t, renderForm(t, control, formFixture()))); strings.Contains(text, "Ý kiến thẩm định") {
			t.Fatalf("a sheet without an appraisal names one:\n%s", text)
		}
	})
}
