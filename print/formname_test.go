package print

import (
	"testing"

	"hoso/catalog"
)

// TestFormName checks the receipt's words for each kind of paper, including
// a paper only shown at the desk (catalog.FormShow).
func TestFormName(t *testing.T) {
	t.Parallel()
	for form, want := range map[catalog.DocumentForm]string{
		catalog.FormOriginal:      "Bản chính",
		catalog.FormCertifiedCopy: "Bản sao có chứng thực",
		catalog.FormCopy:          "Bản sao",
		catalog.FormShow:          "Xuất trình",
	} {
		if got := formName(form); got != want {
			t.Errorf("formName(%s) = %q, want %q", form, got, want)
		}
	}
}
