package catalog

import (
	"encoding/json"
	"reflect"
	"regexp"
	"testing"
)

// sampleEntry is a procedure of the shipped sample, as written there.
type sampleEntry struct {
	Code        *string  `json:"code"`
	Name        string   `json:"name"`
	Sector      string   `json:"sector"`
	TimeLimitWD int      `json:"time_limit_wd"`
	Extended    *int     `json:"extended_time_limit_wd"`
	FeeVND      *int64   `json:"fee_vnd"`
	FeeNote     string   `json:"fee_note"`
	Interagency string   `json:"interagency"`
	Agencies    []string `json:"agencies"`
	Confidence  string   `json:"confidence"`
}

func TestDefault(t *testing.T) {
	var file struct{ Procedures []sampleEntry }
	if err := json.Unmarshal(sample, &file); err != nil {
		t.Fatal(err)
	}
	procs := mustDefault(t)
	if len(procs) != 21 || len(file.Procedures) != 21 {
		t.Fatalf("Default has %d procedures, the sample %d; want 21", len(procs), len(file.Procedures))
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
			t.Errorf("procedure %d: code %s, the sample says %s", i+1, p.Code, *s.Code)
		}
		if s.Code == nil && (!local.MatchString(p.Code) || p.Code != LocalCode(s.Sector, s.Name)) {
			t.Errorf("procedure %d: code %s, want LocalCode's %s", i+1, p.Code, LocalCode(s.Sector, s.Name))
		}
		if p.Name != s.Name || p.Sector != s.Sector || p.TimeLimitWD != s.TimeLimitWD || p.FeeNote != s.FeeNote ||
			string(p.Interagency) != s.Interagency || string(p.Confidence) != s.Confidence || p.Level != LevelCommune || !p.Active {
			t.Errorf("procedure %d: %+v does not carry the sample's %+v", i+1, p, s)
		}
		if !reflect.DeepEqual(p.FeeVND, s.FeeVND) || !reflect.DeepEqual(p.ExtendedTimeLimitWD, s.Extended) {
			t.Errorf("procedure %d: fee %v, extended %v; the sample says %v, %v", i+1, p.FeeVND, p.ExtendedTimeLimitWD, s.FeeVND, s.Extended)
		}
		if len(p.Agencies) != len(s.Agencies) || (len(s.Agencies) > 0 && !reflect.DeepEqual(p.Agencies, s.Agencies)) {
			t.Errorf("procedure %d: agencies %q, the sample says %q", i+1, p.Agencies, s.Agencies)
		}
		if !reflect.DeepEqual(p.Steps, DefaultSteps(p)) {
			t.Errorf("procedure %d: steps %v are not the default table", i+1, p.Steps)
		}
	}
	// Spot checks of the conversions.
	byCode := map[string]Procedure{}
	for _, p := range procs {
		byCode[p.Code] = p
	}
	if p := byCode["2.000815"]; p.FeeVND == nil || *p.FeeVND != 2000 || p.FeeNote == "" {
		t.Errorf("2.000815: fee %v, note %q", p.FeeVND, p.FeeNote)
	}
	if p := byCode["1.004222"]; p.FeeVND != nil {
		t.Errorf("1.004222: fee %v, want nil (set by the provincial council)", *p.FeeVND)
	}
	if again := mustDefault(t); !reflect.DeepEqual(again, procs) {
		t.Error("Default is not deterministic")
	}
	if v := DefaultVersion(); v != "sample-2026-11" {
		t.Errorf("DefaultVersion = %q", v)
	}
}

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
