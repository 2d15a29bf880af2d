package print

import (
	"strings"
	"testing"

	"hoso/dossier"
)

// TestLimitText: the receipt states the time limit the dossier is counted
// with, and an extended limit with its reason.
func TestLimitText(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		limitWD int
		ext     *dossier.Extension
		want    string
	}{
		{"same day", 0, nil, "trong ngày"},
		{"normal", 3, nil, "3 ngày làm việc"},
		{"extended", 3, &dossier.Extension{LimitWD: 5, Reason: "cần xác minh"}, "5 ngày làm việc (thời hạn kéo dài: cần xác minh)"},
		{"extended from same day", 0, &dossier.Extension{LimitWD: 2, Reason: " nhiều bản sao "}, "2 ngày làm việc (thời hạn kéo dài: nhiều bản sao)"},
	}
	for _, c := range cases {
		var ds dossier.Dossier
		ds.Procedure.TimeLimitWD, ds.Extension = c.limitWD, c.ext
		if got := limitText(ds); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
	rc := fixture()
	rc.Dossier.Procedure.TimeLimitWD = 3
	rc.Dossier.Extension = &dossier.Extension{LimitWD: 5, Reason: "cần xác minh"}
	if text := pdftext(t, render(t, rc)); !strings.Contains(strings.Join(strings.Fields(text), " "), "5 ngày làm việc (thời hạn kéo dài: cần xác minh)") {
		t.Errorf("the receipt does not state the extended limit:\n%s", text)
	}
}
