package print

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"hoso/calendar"
	"hoso/dossier"
)

// formFixture returns the receipt fixture with a supplement request, a
// refusal and a reschedule recorded, so that every form can print from it.
func formFixture() Doc {
	d := fixture()
	ds := &d.Dossier
	ds.Supplements = []dossier.Supplement{
		{ID: "e1", At: time.Date(2026, 11, 27, 9, 0, 0, 0, calendar.Zone), By: "clerk", Missing: []string{"Old item"}},
		{
			ID: "e2", At: time.Date(2026, 11, 28, 10, 15, 0, 0, calendar.Zone), By: "clerk",
			Missing: []string{"Bản sao giấy khai sinh có chứng thực", "Giấy xác nhận tình trạng hôn nhân"},
			Note:    "Tờ khai thiếu chữ ký của người yêu cầu",
		},
	}
	ds.Result = &dossier.Result{Kind: dossier.ResultNotAccepted, At: time.Date(2026, 11, 30, 14, 0, 0, 0, calendar.Zone), Reason: "Hồ sơ không thuộc thẩm quyền giải quyết của huyện"}
	ds.Deadlines = []dossier.Deadline{
		{Event: "r", At: ds.ReceivedAt, Due: ds.OriginalDue, Reason: dossier.DeadlineReceived},
		{Event: "m", At: time.Date(2026, 12, 1, 9, 0, 0, 0, calendar.Zone), Due: time.Date(2026, 12, 9, 16, 30, 0, 0, calendar.Zone), Reason: dossier.DeadlineReschedule, Note: "Cần xác minh thông tin tại Sở Tư pháp"},
	}
	ds.Steps = []dossier.StepRow{
		{No: 1, Kind: dossier.KindReceived, Name: "Tiếp nhận hồ sơ", To: dossier.Holder{Office: "38001", Officer: "u-clerk"},
			At: ds.ReceivedAt, Due: time.Date(2026, 11, 27, 16, 30, 0, 0, calendar.Zone), Done: time.Date(2026, 11, 27, 9, 0, 0, 0, calendar.Zone), Result: dossier.TimingEarly},
		{No: 2, Kind: dossier.KindAssigned, Name: "Thẩm định hồ sơ", From: dossier.Holder{Office: "38001", Officer: "u-clerk"}, To: dossier.Holder{Office: "38001", Officer: "u-officer"},
			At: time.Date(2026, 11, 27, 9, 0, 0, 0, calendar.Zone), Due: time.Date(2026, 12, 1, 17, 0, 0, 0, calendar.Zone), Done: time.Date(2026, 12, 2, 8, 0, 0, 0, calendar.Zone), Result: dossier.TimingLate},
		{No: 3, Kind: dossier.KindTransferred, Name: "Giải quyết tại cơ quan phối hợp (liên thông)", From: dossier.Holder{Office: "38001", Officer: "u-officer"}, To: dossier.Holder{Office: "38002"},
			At: time.Date(2026, 12, 2, 8, 0, 0, 0, calendar.Zone)},
	}
	ds.Office = "38001"
	ds.Tasks = []dossier.Task{{ID: "t", Office: "38002", Task: "Xác minh"}}
	ds.Rescheduled = true
	ds.Due = time.Date(2026, 12, 9, 16, 30, 0, 0, calendar.Zone)
	d.Names = map[string]string{"38001": "UBND xã Đông Hòa", "38002": "UBND xã Đông Thịnh", "u-clerk": "Lê Thị Văn Thư", "u-officer": "Trần Văn Chuyên"}
	return d
}

type formCase struct {
	name   string
	render func(*Renderer, io.Writer, Doc) error
	want   []string
	strip  func(*Doc)
	errIs  error
}

var formCases = []formCase{
	{
		name:   "control",
		render: (*Renderer).Control,
		want: []string{
			"PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
			"(Kèm theo hồ sơ của Ông/Bà Nguyễn Thị Hồng Nhung)",
			"Cơ quan, đơn vị chủ trì giải quyết: UBND xã Đông Hòa",
			"Cơ quan, đơn vị phối hợp giải quyết: UBND xã Đông Thịnh",
			"1. Giao: UBND xã Đông", "2. Giao: UBND xã Đông", "Nhận: UBND xã Đông", "– Lê Thị Văn Thư", "– Trần Văn Chuyên", "Đã xong: Thẩm định",
			"Giao, nhận lúc 09 giờ 00", "phút, ngày 02/12/2026",
			"Trước hạn", "Quá hạn",
			"Hạn: 17 giờ 00 phút,", "ngày 01/12/2026",
			"Người giao", "Người nhận",
			"Đông Sơn, ngày 27 tháng 11 năm 2026",
			"Mẫu 05 · TT01/2018",
		},
	},
	{
		name:   "supplement",
		render: (*Renderer).Supplement,
		want: []string{
			"PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
			"Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:",
			"1. Bản sao giấy khai sinh có chứng thực",
			"2. Giấy xác nhận tình trạng hôn nhân",
			"Lý do: Tờ khai thiếu chữ ký của người yêu cầu",
			"Cấp bản sao trích lục hộ tịch",
			"Đông Sơn, ngày 28 tháng 11 năm 2026",
			"NGƯỜI HƯỚNG DẪN",
		},
		strip: func(d *Doc) { d.Dossier.Supplements = nil },
		errIs: ErrNoSupplement,
	},
	{
		name:   "refusal",
		render: (*Renderer).Refusal,
		want: []string{
			"PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
			"Lý do từ chối: Hồ sơ không thuộc thẩm quyền giải quyết của huyện",
			"Ngày 27/11/2026",
			"Đông Sơn, ngày 30 tháng 11 năm 2026",
			"NGƯỜI TIẾP NHẬN HỒ SƠ",
		},
		strip: func(d *Doc) { d.Dossier.Result = nil },
		errIs: ErrNotRefused,
	},
	{
		name:   "apology",
		render: (*Renderer).Apology,
		want: []string{
			"PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
			"17 giờ 00 phút, ngày 02/12/2026",
			"Lý do: Cần xác minh thông tin tại Sở Tư pháp",
			"xin lỗi Ông/Bà và hẹn trả kết quả vào",
			"16 giờ 30 phút, ngày 09/12/2026",
			"THỦ TRƯỞNG CƠ QUAN",
		},
		strip: func(d *Doc) { d.Dossier.Rescheduled, d.Dossier.Deadlines = false, d.Dossier.Deadlines[:1] },
		errIs: ErrNotRescheduled,
	},
}

func renderForm(t *testing.T, c formCase, d Doc) []byte {
	t.Helper()
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := c.render(r, &buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// flat joins the words of pdftotext's layout output with single spaces, so
// that lines broken by wrapping still match.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestFormsText(t *testing.T) {
	t.Parallel()
	for _, c := range formCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			text := pdftext(t, renderForm(t, c, formFixture()))
			common := []string{
				"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
				"Độc lập - Tự do - Hạnh phúc",
				"Nguyễn Thị Hồng Nhung",
				"38001-261127-0001",
				"In lúc 08:31 ngày 27/11/2026",
			}
			for _, want := range append(common, c.want...) {
				if !strings.Contains(flat(text), want) {
					t.Errorf("the text lacks %q:\n%s", want, text)
				}
			}
			if strings.Contains(text, "Old item") {
				t.Error("an earlier supplement request is printed")
			}
			if strings.Contains(text, "BẢN IN LẠI") {
				t.Error("a first print is marked as a reprint")
			}
		})
	}
}

func TestFormsGolden(t *testing.T) {
	t.Parallel()
	for _, c := range formCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			text := pdftext(t, renderForm(t, c, formFixture()))
			golden := filepath.Join("testdata", c.name+".golden.txt")
			if *update {
				if err := os.WriteFile(golden, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to write it)", err)
			}
			if text != string(want) {
				t.Errorf("the text differs from %s (run go test -update after checking):\n%s", golden, text)
			}
		})
	}
}

func TestFormsPDF(t *testing.T) {
	t.Parallel()
	for _, c := range formCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			b := renderForm(t, c, formFixture())
			if !bytes.Equal(b, renderForm(t, c, formFixture())) {
				t.Error("the same form rendered twice gives different bytes")
			}
			p := writePDF(t, b)
			run(t, "qpdf", "--check", p)
			info := run(t, "pdfinfo", p)
			if !regexp.MustCompile(`Page size:\s+419.53 x 595.28 pts`).MatchString(info) {
				t.Errorf("not A5:\n%s", info)
			}
			if !regexp.MustCompile(`(?m)^Pages:\s+1$`).MatchString(info) {
				t.Errorf("not one page:\n%s", info)
			}
		})
	}
}

func TestFormsQRCode(t *testing.T) {
	t.Parallel()
	for _, c := range formCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			d := formFixture()
			if got := decodeQR(t, renderForm(t, c, d)); got != d.Verify {
				t.Errorf("the QR code holds %q, want %q", got, d.Verify)
			}
		})
	}
}

func TestFormsReprint(t *testing.T) {
	t.Parallel()
	for _, c := range formCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			d := formFixture()
			d.Reprint = 3
			if text := pdftext(t, renderForm(t, c, d)); !strings.Contains(text, "BẢN IN LẠI (lần 3)") {
				t.Errorf("a reprint is not marked:\n%s", text)
			}
		})
	}
}

func TestFormsNFD(t *testing.T) {
	t.Parallel()
	for _, c := range formCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			d := formFixture()
			if !bytes.Equal(renderForm(t, c, d), renderForm(t, c, nfd(d))) {
				t.Error("NFD input renders other bytes than NFC")
			}
		})
	}
}

func TestFormsMissingData(t *testing.T) {
	t.Parallel()
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range formCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if c.strip == nil {
				t.Skip("the form prints for any dossier received")
			}
			d := formFixture()
			c.strip(&d)
			var buf bytes.Buffer
			if err := c.render(r, &buf, d); !errors.Is(err, c.errIs) {
				t.Errorf("got %v, want %v", err, c.errIs)
			}
			if buf.Len() != 0 {
				t.Error("something was written")
			}
			if err := c.render(r, nil, formFixture()); err == nil {
				t.Error("a nil writer is accepted")
			}
		})
	}
	// A dossier that ended otherwise was not refused.
	d := formFixture()
	d.Dossier.Result.Kind = dossier.ResultApproved
	if err := r.Refusal(io.Discard, d); !errors.Is(err, ErrNotRefused) {
		t.Errorf("an approved dossier: got %v", err)
	}
	// A refusal after appraisal prints the agency's notice, not Form 03;
	// each doc refuses the other kind of refusal.
	d.Dossier.Result.Kind = dossier.ResultRefused
	var buf bytes.Buffer
	if err := r.Refusal(&buf, d); err != nil {
		t.Fatalf("a dossier refused after appraisal: %v", err)
	}
	if text := flat(pdftext(t, buf.Bytes())); !strings.Contains(text, "THÔNG BÁO TỪ CHỐI GIẢI QUYẾT HỒ SƠ") || strings.Contains(text, "PHIẾU TỪ CHỐI") {
		t.Errorf("a refusal after appraisal prints:\n%s", text)
	}
	if err := r.Render(io.Discard, DocRefusal, d); !errors.Is(err, ErrNotRefused) {
		t.Errorf("Form 03 of a dossier refused after appraisal: got %v", err)
	}
	d.Dossier.Result.Kind = dossier.ResultNotAccepted
	if err := r.Render(io.Discard, DocRefusalNotice, d); !errors.Is(err, ErrNotRefused) {
		t.Errorf("the notice of a dossier not accepted: got %v", err)
	}
	// The 2018 set has no stop notice; a dossier not stopped has none.
	if err := r.Render(io.Discard, DocStop, d); !errors.Is(err, ErrNotStopped) {
		t.Errorf("the stop notice of a dossier not stopped: got %v", err)
	}
	d.Dossier.Result.Kind = dossier.ResultStopped
	if err := r.Render(io.Discard, DocStop, d); !errors.Is(err, ErrNoTemplate) {
		t.Errorf("the stop notice in the 2018 set: got %v", err)
	}
	if err := r.Render(io.Discard, DocBook, d); err == nil {
		t.Error("the book is rendered as a dossier's paper")
	}
}
