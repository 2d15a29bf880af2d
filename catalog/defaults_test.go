package catalog

import (
	"encoding/json"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// fileEntry is a procedure of the embedded default file, as written there.
type fileEntry struct {
	Code        *string `json:"code"`
	Name        string  `json:"name"`
	Sector      string  `json:"sector"`
	TimeLimitWD int     `json:"timeLimitWD"`
	Extended    *int    `json:"extendedTimeLimitWD"`
	Active      bool    `json:"active"`
}

func TestDefault(t *testing.T) {
	var file struct{ Procedures []fileEntry }
	if err := json.Unmarshal(sample, &file); err != nil {
		t.Fatal(err)
	}
	procs := mustDefault(t)
	if len(procs) != 21 || len(file.Procedures) != 21 {
		t.Fatalf("Default has %d procedures, the file %d; want 21", len(procs), len(file.Procedures))
	}
	codes := map[string]bool{}
	local := regexp.MustCompile(LocalCodePattern)
	for i, p := range procs {
		s := file.Procedures[i]
		if err := p.Validate(); err != nil {
			t.Errorf("procedure %d: %v", i+1, err)
		}
		if codes[p.Code] {
			t.Errorf("procedure %d: code %s repeated", i+1, p.Code)
		}
		codes[p.Code] = true
		if s.Code != nil && p.Code != *s.Code {
			t.Errorf("procedure %d: code %s, the file says %s", i+1, p.Code, *s.Code)
		}
		if s.Code == nil && (!local.MatchString(p.Code) || p.Code != LocalCode(s.Sector, s.Name)) {
			t.Errorf("procedure %d: code %s, want LocalCode's %s", i+1, p.Code, LocalCode(s.Sector, s.Name))
		}
		if p.Name != s.Name || p.Sector != s.Sector || p.TimeLimitWD != s.TimeLimitWD || p.Level != LevelCommune || p.Active != s.Active ||
			!reflect.DeepEqual(p.ExtendedTimeLimitWD, s.Extended) {
			t.Errorf("procedure %d: %+v does not carry the file's %+v", i+1, p, s)
		}
		if !reflect.DeepEqual(p.Steps, DefaultSteps(p)) {
			t.Errorf("procedure %d: steps %v are not the default table", i+1, p.Steps)
		}
		// The review: no district social-insurance or labour office since
		// the two-tier reform of 1 July 2025.
		for _, a := range append(slices.Clone(p.Agencies), p.DecidingAgency) {
			if strings.Contains(a, "cấp huyện") || strings.Contains(a, "Lao động - Thương binh") {
				t.Errorf("procedure %s names %q, an office that no longer exists", p.Code, a)
			}
		}
	}
	if again := mustDefault(t); !reflect.DeepEqual(again, procs) {
		t.Error("Default is not deterministic")
	}
	if v := DefaultVersion(); v != "reference-2026-12" {
		t.Errorf("DefaultVersion = %q", v)
	}
}

// TestDefaultFacts checks the facts of the reference catalog
// (shared/data/procedures.2025.json) and the review's corrections in the
// converted defaults, and that the codes other tests and the e2e suite use
// are there.
func TestDefaultFacts(t *testing.T) {
	byCode := map[string]Procedure{}
	for _, p := range mustDefault(t) {
		byCode[p.Code] = p
	}
	tests := []struct {
		code, name    string
		limit         int
		ext           int // -1: none
		reason        string
		deciding      string
		docs, showing int // papers, of which shown
		fee           string
		active        bool
	}{
		{"1.001193", "Đăng ký khai sinh", 0, -1, "", "UBND xã", 3, 1, FeeFree, true},
		{"1.000656", "Đăng ký khai tử", 0, 3, "cần xác minh", "UBND xã", 2, 0, FeeFree, true},
		{"1.000894", "Đăng ký kết hôn", 0, 5, "cần xác minh", "UBND xã", 3, 1, FeeFree, true},
		{"1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân", 3, -1, "cần xác minh tại nơi cư trú trước đây: thêm thời gian xác minh theo Nghị định 123/2015 art. 22(4)", "UBND xã", 2, 0, FeeProvincial, true},
		{"1.004837", "Đăng ký giám hộ", 3, -1, "", "UBND xã", 1, 0, FeeFree, true},
		{"2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản", 0, 2, "nhiều bản, nhiều trang hoặc nội dung phức tạp; ghi rõ thời gian trên phiếu hẹn", "UBND xã", 2, 1, FeePerPage, true},
		{"2.000884", "Chứng thực chữ ký trong các giấy tờ, văn bản", 0, -1, "", "UBND xã", 2, 1, FeeFixed, true},
		{"2.001035", "Chứng thực hợp đồng, giao dịch", 2, -1, "", "UBND xã", 3, 0, FeeFixed, true},
		// Permanent residence is decided by the commune police.
		{"1.004222", "Đăng ký thường trú", 7, -1, "", "Công an xã", 3, 0, FeeFixed, true},
		// The birth liên thông group: 3 working days, 5 with verification
		// (Decree 63/2024 art. 7(2)); its local code kept from the former
		// sample, whose name it had.
		{"L.HTR5ED6Y", "Liên thông các thủ tục hành chính: đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi", 3, 5, "cần xác minh", "", 2, 0, FeeFree, true},
		// The death group's limit is not known: shipped inactive.
		{"L.HTMS44P3", "Liên thông các thủ tục hành chính: đăng ký khai tử, xóa đăng ký thường trú, giải quyết mai táng phí, tử tuất", 10, -1, "", "", 2, 0, FeeFree, false},
		{"1.001022", "Đăng ký nhận cha, mẹ, con", 3, 8, "cần xác minh", "UBND xã", 0, 0, FeeProvincial, true},
		// The e2e suite receives 1.004884 with papers of its own: no list.
		{"1.004884", "Đăng ký lại khai sinh", 5, -1, "", "UBND xã", 0, 0, FeeProvincial, true},
		{"1.004194", "Đăng ký tạm trú", 3, -1, "", "Công an xã", 0, 0, FeeProvincial, true},
		{"1.001612", "Đăng ký thành lập hộ kinh doanh", 3, -1, "", "", 0, 0, FeeProvincial, true},
	}
	for _, tt := range tests {
		p, ok := byCode[tt.code]
		if !ok {
			t.Errorf("%s is not in the default catalog", tt.code)
			continue
		}
		ext := -1
		if p.ExtendedTimeLimitWD != nil {
			ext = *p.ExtendedTimeLimitWD
		}
		showing := 0
		for _, d := range p.Documents {
			if d.Form == FormShow {
				showing++
			}
		}
		if p.Name != tt.name || p.TimeLimitWD != tt.limit || ext != tt.ext || p.ExtendedReason != tt.reason || p.DecidingAgency != tt.deciding ||
			len(p.Documents) != tt.docs || showing != tt.showing || p.FeeRule().Kind != tt.fee || p.Active != tt.active {
			t.Errorf("%s: %q, limit %d, extended %d %q, decided by %q, %d papers (%d shown), fee %s, active %v; want %+v",
				p.Code, p.Name, p.TimeLimitWD, ext, p.ExtendedReason, p.DecidingAgency, len(p.Documents), showing, p.FeeRule().Kind, p.Active, tt)
		}
	}
	// Old local codes replaced by national ones are gone.
	for _, gone := range []string{LocalCode("Hộ tịch", "Cấp Giấy xác nhận tình trạng hôn nhân"), LocalCode("Chứng thực", "Chứng thực hợp đồng, giao dịch")} {
		if _, ok := byCode[gone]; ok {
			t.Errorf("%s is still there beside its national code", gone)
		}
	}
	// The fee rules compute as the law says.
	quotes := []struct {
		code   string
		in     FeeInput
		amount int64
	}{
		{"2.000815", FeeInput{Pages: 5, Copies: 1}, 7000},
		{"2.000815", FeeInput{Pages: 300, Copies: 1}, 200_000},
		{"2.000884", FeeInput{}, 10_000},
		{"2.001035", FeeInput{}, 50_000},
		{"1.004222", FeeInput{Channel: "in_person"}, 20_000},
		{"1.004222", FeeInput{Channel: ChannelOnline}, 10_000},
		{"1.001193", FeeInput{}, 0},
		{L("Hộ tịch", "Cấp bản sao trích lục hộ tịch"), FeeInput{Copies: 2}, 16_000},
	}
	for _, q := range quotes {
		got, err := byCode[q.code].FeeRule().Compute(q.in)
		if err != nil || got.AmountVND != q.amount {
			t.Errorf("%s %+v: %d, %v; want %d", q.code, q.in, got.AmountVND, err, q.amount)
		}
	}
	if _, err := byCode["1.004873"].FeeRule().Compute(FeeInput{}); err == nil {
		t.Error("1.004873's provincial fee computed before it was entered")
	}
	// A paper's required flag comes through: the marriage status paper is
	// needed only when the database cannot be searched.
	if d := byCode["1.000894"].Documents; len(d) != 3 || !d[0].Required || d[1].Count != 2 || d[2].Required {
		t.Errorf("1.000894's papers %+v", d)
	}
}

// L is LocalCode, short for tables.
func L(sector, name string) string { return LocalCode(sector, name) }

func TestLocalCode(t *testing.T) {
	tests := []struct {
		sector, name string
		want         string
	}{
		// Golden values: a change here renames stored procedures.
		{"Hộ tịch", "Đăng ký chấm dứt giám hộ", "L.HTT5T5TX"},
		{"Chứng thực", "Chứng thực hợp đồng, giao dịch", "L.CTAP69X0"},
		// Case, spacing and Unicode form do not matter.
		{" hộ TỊCH ", "ĐĂNG KÝ CHẤM DỨT GIÁM HỘ", "L.HTT5T5TX"},
		{"Ho\u0323\u0302 ti\u0323ch", "Đăng ký chấm dứt giám hộ", "L.HTT5T5TX"},
	}
	for _, tt := range tests {
		if got := LocalCode(tt.sector, tt.name); got != tt.want {
			t.Errorf("LocalCode(%q, %q) = %s, want %s", tt.sector, tt.name, got, tt.want)
		}
	}
	abbrevs := []struct{ sector, want string }{
		{"Hộ tịch", "HT"},
		{"Đăng ký kinh doanh", "DKKD"},
		{"Lao động - Thương binh và Xã hội", "LDTB"},
		{"Đất", "DA"},
		{"Thuế", "TH"},
		{"Y", "YX"},
		{"", "XX"},
		{"— ·", "XX"},
		{"Khu 2", "K2"},
	}
	local := regexp.MustCompile(LocalCodePattern)
	for _, tt := range abbrevs {
		code := LocalCode(tt.sector, "Thủ tục")
		if got := code[2 : len(code)-localHashLen]; got != tt.want {
			t.Errorf("LocalCode(%q, …) = %s: abbreviation %s, want %s", tt.sector, code, got, tt.want)
		}
		if !local.MatchString(code) {
			t.Errorf("LocalCode(%q, …) = %s does not match LocalCodePattern", tt.sector, code)
		}
	}
	if LocalCode("Hộ tịch", "A") == LocalCode("Hộ tịch", "B") {
		t.Error("two names give one code")
	}
}

func TestDefaultSteps(t *testing.T) {
	for _, kind := range []Interagency{InteragencyNone, InteragencySameLevel, InteragencyCrossLevel} {
		for limit := 0; limit <= MaxTimeLimitWD; limit++ {
			p := validProc(func(p *Procedure) {
				p.TimeLimitWD, p.ExtendedTimeLimitWD, p.Interagency = limit, nil, kind
				p.Agencies = []string{"UBND xã", "Công an xã"}
			})
			p.Steps = DefaultSteps(p)
			if err := p.Validate(); err != nil {
				t.Fatalf("limit %d, %s: %v", limit, kind, err)
			}
			total := 0.0
			for _, s := range p.Steps {
				if s.Hours != float64(int(s.Hours)) {
					t.Errorf("limit %d: step %q has %v hours, not a whole number", limit, s.Name, s.Hours)
				}
				total += s.Hours
			}
			if want := float64(max(limit, 1) * HoursPerWorkingDay); total != want {
				t.Errorf("limit %d, %s: steps take %v hours, want the whole %v", limit, kind, total, want)
			}
			if wantSteps := map[Interagency]int{InteragencyNone: 4}[kind]; wantSteps == 0 && len(p.Steps) != 5 || wantSteps == 4 && len(p.Steps) != 4 {
				t.Errorf("limit %d, %s: %d steps", limit, kind, len(p.Steps))
			}
		}
	}
	got := DefaultSteps(Procedure{TimeLimitWD: 3})
	want := []Step{
		{"Tiếp nhận hồ sơ", RoleClerk, 3, "Mẫu 01"},
		{"Thẩm định, xử lý hồ sơ", RoleOfficer, 12, "Mẫu 05"},
		{"Lãnh đạo ký duyệt", RoleLeader, 6, "Mẫu 05"},
		{"Trả kết quả", RoleClerk, 3, "Mẫu 06"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("DefaultSteps(3 days) = %v, want %v", got, want)
	}
}
