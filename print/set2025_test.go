package print

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"hoso/calendar"
	"hoso/catalog"
	"hoso/dossier"
)

// at is a time in Vietnam.
func at(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, calendar.Zone)
}

// fixture2025 returns a dossier of an organisation filed by its
// representative, received in November 2026 with no set recorded, so that
// it prints with the 2025 set by its date, at a commune's public
// administration service centre of the two-tier state.
func fixture2025() Doc {
	d := formFixture()
	d.Office = Office{
		Name:       "Trung tâm Phục vụ hành chính công xã Đông Sơn",
		ParentName: "UBND tỉnh Thanh Hóa",
		Place:      "Đông Sơn",
		Phone:      "0237 3600 111",
	}
	ds := &d.Dossier
	ds.FormSet = ""
	ds.Procedure = dossier.ProcedureRef{Code: "1.001612.000.00.00.H56", Name: "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", Version: 1, TimeLimitWD: 3}
	ds.Applicant = dossier.Applicant{
		Kind:     dossier.ApplicantOrganisation,
		FullName: "Công ty TNHH Nông sản Đông Sơn",
		OrgID:    "2801234567",
		Address:  "Thôn Phúc Hưng, xã Đông Sơn, tỉnh Thanh Hóa",
		Phone:    "0912 345 678",
		Email:    "lienhe@nongsandongson.vn",
		Representative: &dossier.Representative{
			FullName: "Lê Văn Đại", CitizenID: "038085001234", Relation: "Người được ủy quyền",
		},
	}
	ds.Documents = []dossier.ReceivedDocument{
		{Name: "Thông báo thay đổi nội dung đăng ký hộ kinh doanh", Form: catalog.FormOriginal, Count: 1},
		{Name: "Giấy ủy quyền", Form: catalog.FormOriginal, Count: 1},
	}
	d.Names["38001"] = "UBND xã Đông Sơn"
	d.Clerk = "Lê Thị Văn Thư"
	d.Fee = "Miễn phí"
	return d
}

// case2025 is one 2025 paper the tests print: the doc, how the fixture is
// changed, what the text must hold and must not.
type case2025 struct {
	name, doc string
	change    func(*Doc)
	want      []string
	not       []string
}

var cases2025 = []case2025{
	{
		name: "receipt_2025", doc: DocReceipt,
		want: []string{
			"GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "TRUNG TÂM PHỤC VỤ HÀNH", "UBND TỈNH THANH HÓA",
			"Tổ chức: Công ty TNHH Nông sản Đông Sơn", "Số định danh cá nhân/tổ chức: 2801234567",
			"Người được ủy quyền/người đại diện: Lê Văn Đại", "Số định danh cá nhân: 038085001234",
			"(mã 1.001612.000.00.00.H56)", "Đông Sơn, ngày 27 tháng 11 năm 2026", "Lê Thị Văn Thư",
			"NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ", "Mẫu 01 · TT03/2025 · In lúc",
		},
		not: []string{"Số CCCD", "Ông/Bà", "HUYỆN", "TT01/2018"},
	},
	{
		name: "supplement_2025", doc: DocSupplement,
		want: []string{
			"PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "Mã hồ sơ: 38001-261127-0001",
			"1. Bản sao giấy khai sinh có chứng thực", "2. Giấy xác nhận tình trạng hôn nhân",
			"Lý do: Tờ khai thiếu chữ ký", "Lê Thị Văn Thư, số điện thoại 0237 3600 111",
			"Đông Sơn, ngày 28 tháng 11 năm 2026", "NGƯỜI HƯỚNG DẪN", "Mẫu 02 · TT03/2025",
		},
	},
	{
		name: "supplement_intake_2025", doc: DocSupplement,
		change: func(d *Doc) {
			ds := &d.Dossier
			ds.Code, ds.ReceivedAt, ds.Book = "", time.Time{}, dossier.Book{}
			ds.Supplements = []dossier.Supplement{{At: at(2026, 3, 7, 9, 40), Missing: []string{
				"Giấy ủy quyền có chứng thực", "Bản sao Giấy chứng nhận đăng ký hộ kinh doanh", "Biên bản họp thành viên",
			}, Note: "Người nộp không mang giấy ủy quyền"}}
			d.Contact = "0912 000 999"
			d.PrintedAt = at(2026, 3, 7, 9, 41)
		},
		want: []string{
			"Ngày 07/03/2026, Trung tâm Phục vụ hành chính công xã Đông Sơn kiểm tra hồ sơ",
			"1. Giấy ủy quyền có chứng thực", "3. Biên bản họp thành viên", "Lý do: Người nộp không mang giấy ủy quyền",
			"Lê Thị Văn Thư, số điện thoại 0912 000 999", "Đông Sơn, ngày 07 tháng 3 năm 2026", "Mẫu 02 · TT03/2025",
		},
		not: []string{"Mã hồ sơ", "tiếp nhận hồ sơ của"},
	},
	{
		name: "refusal_2025", doc: DocRefusal,
		change: func(d *Doc) {
			d.Dossier.Result = &dossier.Result{Kind: dossier.ResultNotAccepted, At: at(2026, 11, 27, 8, 50), Reason: "Hồ sơ không thuộc thẩm quyền giải quyết của xã"}
		},
		want: []string{
			"PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", "Lý do từ chối: Hồ sơ không thuộc thẩm quyền",
			"NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ", "Mẫu 03 · TT03/2025",
		},
	},
	{
		name: "refusal_notice_2025", doc: DocRefusalNotice,
		change: func(d *Doc) {
			d.Dossier.Result = &dossier.Result{Kind: dossier.ResultRefused, At: at(2026, 12, 1, 15, 0), Reason: "Ngành, nghề đăng ký thuộc danh mục cấm kinh doanh"}
		},
		want: []string{
			"THÔNG BÁO TỪ CHỐI GIẢI QUYẾT HỒ SƠ", "Kính gửi: Tổ chức Công ty TNHH Nông sản Đông Sơn",
			"Sau khi thẩm định, UBND xã Đông Sơn không giải quyết", "Lý do: Ngành, nghề đăng ký",
			"THỦ TRƯỞNG CƠ QUAN", "Đông Sơn, ngày 01 tháng 12 năm 2026", "TT03/2025 · In lúc",
		},
		not: []string{"PHIẾU TỪ CHỐI", "NGƯỜI NỘP HỒ SƠ", "Mẫu"},
	},
	{
		name: "apology_2025", doc: DocApology,
		want: []string{
			"PHIẾU XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT", "17 giờ 00 phút, ngày 02/12/2026",
			"Lý do: Cần xác minh thông tin tại Sở Tư pháp", "16 giờ 30 phút, ngày 09/12/2026",
			"THỦ TRƯỞNG CƠ QUAN", "Mẫu 04 · TT03/2025",
		},
	},
	{
		name: "stop_2025", doc: DocStop,
		change: func(d *Doc) {
			d.Dossier.Result = &dossier.Result{Kind: dossier.ResultStopped, At: at(2026, 12, 3, 10, 0), Reason: "Tổ chức đề nghị dừng giải quyết hồ sơ"}
		},
		want: []string{
			"THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ", "Ngày 03/12/2026, UBND xã Đông Sơn dừng giải quyết hồ sơ này.",
			"Lý do: Tổ chức đề nghị dừng", "Đông Sơn, ngày 03 tháng 12 năm 2026", "Mẫu 05 · TT03/2025",
		},
	},
	{
		name: "control_2025", doc: DocControl,
		want: []string{
			"PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", "(Kèm theo hồ sơ của Tổ chức Công ty TNHH Nông sản Đông Sơn)",
			"1. Giao: UBND xã Đông", "2. Giao: UBND xã Đông", "Trước hạn", "Quá hạn", "Mẫu 06 · TT03/2025",
		},
		not: []string{"3. Giao", "Giao: Tổ chức", "Giao: Ông/Bà"},
	},
}

// render2025 prints c from the 2025 fixture.
func render2025(t testing.TB, c case2025, d Doc) []byte {
	t.Helper()
	if c.change != nil {
		c.change(&d)
	}
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.Render(&buf, c.doc, d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestForms2025(t *testing.T) {
	t.Parallel()
	for _, c := range cases2025 {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			b := render2025(t, c, fixture2025())
			text := pdftext(t, b)
			checkGolden(t, c.name, text)
			for _, want := range c.want {
				if !strings.Contains(flat(text), want) {
					t.Errorf("the text lacks %q:\n%s", want, text)
				}
			}
			for _, not := range c.not {
				if strings.Contains(flat(text), not) {
					t.Errorf("the text holds %q:\n%s", not, text)
				}
			}
			p := writePDF(t, b)
			run(t, "qpdf", "--check", p)
			info := run(t, "pdfinfo", p)
			if !regexp.MustCompile(`Page size:\s+419.53 x 595.28 pts`).MatchString(info) || !regexp.MustCompile(`(?m)^Pages:\s+1$`).MatchString(info) {
				t.Errorf("not one A5 page:\n%s", info)
			}
			if got := decodeQR(t, b); got != fixture2025().Verify {
				t.Errorf("the QR code holds %q", got)
			}
			checkInk(t, b)
		})
	}
}

// checkInk rasterises the first page and checks what a printed page
// shows: ink in the header band (agency and motto), and none in a 4 mm
// band along every edge, where nothing is drawn and a printer would cut.
func checkInk(t *testing.T, pdf []byte) {
	t.Helper()
	const dpi = 60
	img := rasterize(t, pdf, dpi)
	bounds := img.Bounds()
	mm := func(v float64) int { return int(v / 25.4 * dpi) }
	dark := func(x0, y0, x1, y1 int) int {
		n := 0
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				if r, _, _, _ := img.At(x, y).RGBA(); r < 0x8000 {
					n++
				}
			}
		}
		return n
	}
	w, h := bounds.Dx(), bounds.Dy()
	if n := dark(0, mm(margin), w, mm(margin+12)); n < 50 {
		t.Errorf("the header band has %d dark pixels; nothing is printed there", n)
	}
	edge := mm(4)
	if n := dark(0, 0, w, edge) + dark(0, h-edge, w, h) + dark(0, 0, edge, h) + dark(w-edge, 0, w, h); n > 0 {
		t.Errorf("%d dark pixels within 4 mm of the page's edge", n)
	}
}

func TestReprint2018(t *testing.T) {
	t.Parallel()
	// A dossier received on 10 March 2025, before the 2025 set, reprinted in
	// 2026 with no set recorded: its papers are the 2018 ones.
	d := fixture2025()
	d.Dossier.ReceivedAt = at(2025, 3, 10, 14, 5)
	d.Dossier.Due = at(2025, 3, 13, 17, 0)
	d.Dossier.OriginalDue = d.Dossier.Due
	d.Dossier.Applicant = fixture().Dossier.Applicant
	d.Office = Office{Name: "Bộ phận Tiếp nhận và Trả kết quả", ParentName: "UBND huyện Đông Sơn", Place: "Đông Sơn"}
	d.Reprint = 1
	b := render2025(t, case2025{doc: DocReceipt}, d)
	text := pdftext(t, b)
	checkGolden(t, "receipt_reprint_2018", text)
	for _, want := range []string{"Số CCCD: 038190012345", "Đông Sơn, ngày 10 tháng 3 năm 2025", "Mẫu 01 · TT01/2018", "BẢN IN LẠI (lần 1)", "14 giờ 05 phút, ngày 10/03/2025"} {
		if !strings.Contains(flat(text), want) {
			t.Errorf("the reprint lacks %q:\n%s", want, text)
		}
	}
	run(t, "qpdf", "--check", writePDF(t, b))
	checkInk(t, b)
	// The set recorded at reception wins over the date.
	d.Dossier.FormSet = SetTT03
	if text := pdftext(t, render2025(t, case2025{doc: DocReceipt}, d)); !strings.Contains(text, "TT03/2025") {
		t.Error("the recorded set is not used")
	}
}

func TestCopies(t *testing.T) {
	t.Parallel()
	for _, c := range []case2025{cases2025[0], cases2025[6]} {
		for _, copies := range []int{0, 1, 2, 3, 99} {
			d := fixture2025()
			d.Copies = copies
			b := render2025(t, c, d)
			want := min(max(copies, 1), MaxCopies)
			info := run(t, "pdfinfo", writePDF(t, b))
			if m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)$`).FindStringSubmatch(info); m == nil || m[1] != strconv.Itoa(want) {
				t.Errorf("%s, %d copies: %v pages, want %d", c.name, copies, m, want)
			}
			text := pdftext(t, b)
			if n := strings.Count(text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"); n != want {
				t.Errorf("%s, %d copies: the header is printed %d times", c.name, copies, n)
			}
		}
	}
}

func TestSetFor(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		t    time.Time
		want string
	}{
		{time.Time{}, SetTT01},
		{at(2018, 6, 21, 0, 0), SetTT01},
		{at(2025, 3, 10, 14, 5), SetTT01},
		{at(2025, 6, 30, 23, 59), SetTT01},
		{at(2025, 7, 1, 0, 0), SetTT03},
		// 17:00 UTC on 30 June is midnight in Vietnam.
		{time.Date(2025, 6, 30, 17, 0, 0, 0, time.UTC), SetTT03},
		{time.Date(2025, 6, 30, 16, 59, 0, 0, time.UTC), SetTT01},
		{at(2026, 11, 27, 8, 30), SetTT03},
	} {
		if got := SetFor(c.t); got != c.want {
			t.Errorf("SetFor(%v) = %s, want %s", c.t, got, c.want)
		}
	}
	if got := SetIDs(); len(got) != 2 || got[0] != SetTT01 || got[1] != SetTT03 {
		t.Errorf("SetIDs() = %v", got)
	}
	basis, eff, ok := SetBasis(SetTT03)
	if !ok || eff.String() != "2025-07-01" || !strings.Contains(basis, "118/2025/NĐ-CP") {
		t.Errorf("SetBasis(TT03/2025) = %q %v %v", basis, eff, ok)
	}
}

func TestDateLine(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		t    time.Time
		want string
	}{
		{at(2026, 1, 5, 8, 0), "Đông Sơn, ngày 05 tháng 01 năm 2026"},
		{at(2026, 2, 28, 8, 0), "Đông Sơn, ngày 28 tháng 02 năm 2026"},
		{at(2026, 3, 7, 8, 0), "Đông Sơn, ngày 07 tháng 3 năm 2026"},
		{at(2026, 9, 10, 8, 0), "Đông Sơn, ngày 10 tháng 9 năm 2026"},
		{at(2026, 11, 27, 8, 0), "Đông Sơn, ngày 27 tháng 11 năm 2026"},
		{at(2026, 12, 1, 8, 0), "Đông Sơn, ngày 01 tháng 12 năm 2026"},
		// 23:30 UTC on 31 December is New Year's Day in Vietnam.
		{time.Date(2025, 12, 31, 23, 30, 0, 0, time.UTC), "Đông Sơn, ngày 01 tháng 01 năm 2026"},
	} {
		if got := vnDateLine("Đông Sơn", c.t); got != c.want {
			t.Errorf("vnDateLine(%v) = %q, want %q", c.t, got, c.want)
		}
	}
}

func TestNationalCode(t *testing.T) {
	t.Parallel()
	for code, want := range map[string]bool{
		"2.000635": true, "1.001612": true, "1.001612.000.00.00.H56": true, "2.002189.000.00.00.H26": true,
		"": false, "3.000635": false, "2.00635": false, "2.0006351": false, "38001-HT-01": false, "HT.01": false,
		"2.000635.000.00.00": false, "2.000635 ": false, "x2.000635": false,
	} {
		if got := NationalCode(code); got != want {
			t.Errorf("NationalCode(%q) = %v", code, got)
		}
	}
	// A local code prints no code at all.
	d := fixture2025()
	d.Dossier.Procedure.Code = "38001-HKD-02"
	text := flat(pdftext(t, render2025(t, case2025{doc: DocReceipt}, d)))
	if strings.Contains(text, "38001-HKD-02") || strings.Contains(text, "(mã") {
		t.Errorf("a local code is printed:\n%s", text)
	}
}

func TestBook2025(t *testing.T) {
	t.Parallel()
	b := bookFixture(25)
	b.Set = ""
	b.Office = fixture2025().Office
	b.Name = "Sổ theo dõi hồ sơ lĩnh vực Hộ tịch, Chứng thực"
	b.Sectors = []string{"Hộ tịch", "Chứng thực", " "}
	b.Dossiers[0].Applicant = fixture2025().Dossier.Applicant
	pdf := renderBook(t, b)
	p := writePDF(t, pdf)
	run(t, "qpdf", "--check", p)
	if info := run(t, "pdfinfo", p); !regexp.MustCompile(`Page size:\s+841.89 x 595.28 pts`).MatchString(info) {
		t.Errorf("not A4 landscape:\n%s", info)
	}
	text := pdftext(t, pdf)
	for _, want := range []string{
		"SỔ THEO DÕI HỒ SƠ", "Sổ theo dõi hồ sơ lĩnh vực Hộ tịch, Chứng thực", "Lĩnh vực: Hộ tịch; Chứng thực",
		"Năm 2026 — từ ngày 01/11/2026 đến ngày 30/11/2026 — 25 hồ sơ", "Phương thức", "(12)",
		"Công ty TNHH Nông", "(Lê Văn Đại)", "Mẫu 07 · TT03/2025",
	} {
		if !strings.Contains(text, want) && !strings.Contains(flat(text), want) {
			t.Errorf("the 2025 book lacks %q", want)
		}
	}
	if strings.Contains(text, "(13)") || strings.Contains(text, "Chuyển hồ sơ đến") {
		t.Error("the 2025 book has the 2018 columns")
	}
	if got := decodeQR(t, pdf); got != b.Verify {
		t.Errorf("the QR code holds %q", got)
	}
	b.Dossiers = b.Dossiers[:3]
	checkGolden(t, "book_2025", pdftext(t, renderBook(t, b)))
}

// TestCustomTemplate2025 prints an office's own 2025 receipt: its version
// is named after the set, and a 2025 template is refused for another doc.
func TestCustomTemplate2025(t *testing.T) {
	t.Parallel()
	tp, err := DefaultTemplate(SetTT03, DocReceipt)
	if err != nil {
		t.Fatal(err)
	}
	tp.Version = "38001-2026.2"
	d := fixture2025()
	d.Template = &tp
	if text := flat(pdftext(t, render2025(t, case2025{doc: DocReceipt}, d))); !strings.Contains(text, "Mẫu 01 · TT03/2025 · 38001-2026.2") {
		t.Errorf("the office's version is not named:\n%s", text)
	}
	r, _ := NewRenderer()
	if err := r.Render(&bytes.Buffer{}, DocControl, d); err == nil || !strings.Contains(fmt.Sprint(err), "receipt") {
		t.Errorf("a receipt template prints a control sheet: %v", err)
	}
}
