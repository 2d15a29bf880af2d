package catalog

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// copyCert is the copy-certification fee of Thông tư 226/2016/TT-BTC.
func copyCert() FeeRule {
	return FeeRule{Kind: FeePerPage, VNDPerPage: 2000, FromPage: 3, VNDPerPageAfter: 1000, MaxVNDPerCopy: 200_000,
		Basis: "Thông tư 226/2016/TT-BTC"}
}

// residence is the residence registration fee: 20.000 đ, online 10.000 đ.
func residence() FeeRule {
	online := int64(10_000)
	return FeeRule{Kind: FeeFixed, VND: 20_000, Per: "lần đăng ký", Online: &online,
		Exemptions: []string{"Người có công với cách mạng", "Hộ nghèo"}}
}

func TestFeeCompute(t *testing.T) {
	tests := []struct {
		name   string
		rule   FeeRule
		in     FeeInput
		amount int64
		text   string
	}{
		{"5 pages, 1 copy: 2×2000 + 3×1000", copyCert(), FeeInput{Pages: 5, Copies: 1}, 7000,
			"5 trang: 2 trang × 2.000 đ + 3 trang × 1.000 đ = 7.000 đ"},
		{"copies 0 counts as 1", copyCert(), FeeInput{Pages: 5}, 7000,
			"5 trang: 2 trang × 2.000 đ + 3 trang × 1.000 đ = 7.000 đ"},
		{"2 pages: all at the first rate", copyCert(), FeeInput{Pages: 2, Copies: 1}, 4000, "2 trang × 2.000 đ = 4.000 đ"},
		{"3 pages: the third at the lower rate", copyCert(), FeeInput{Pages: 3}, 5000,
			"3 trang: 2 trang × 2.000 đ + 1 trang × 1.000 đ = 5.000 đ"},
		{"5 pages × 3 copies", copyCert(), FeeInput{Pages: 5, Copies: 3}, 21_000,
			"5 trang: 2 trang × 2.000 đ + 3 trang × 1.000 đ = 7.000 đ; × 3 bản = 21.000 đ"},
		{"capped at 200.000 đ a copy", copyCert(), FeeInput{Pages: 300, Copies: 2}, 400_000,
			"300 trang: 2 trang × 2.000 đ + 298 trang × 1.000 đ = 302.000 đ; tối đa 200.000 đ/bản; × 2 bản = 400.000 đ"},
		{"exactly at the cap", copyCert(), FeeInput{Pages: 198}, 200_000,
			"198 trang: 2 trang × 2.000 đ + 196 trang × 1.000 đ = 200.000 đ"},
		{"one rate without FromPage", FeeRule{Kind: FeePerPage, VNDPerPage: 500}, FeeInput{Pages: 4}, 2000, "4 trang × 500 đ = 2.000 đ"},
		{"free", FeeRule{Kind: FeeFree}, FeeInput{Copies: 3}, 0, "Miễn lệ phí"},
		{"fixed", FeeRule{Kind: FeeFixed, VND: 10_000, Per: "trường hợp"}, FeeInput{}, 10_000, "10.000 đ/trường hợp"},
		{"fixed × units", FeeRule{Kind: FeeFixed, VND: 10_000, Per: "trường hợp"}, FeeInput{Copies: 2}, 20_000,
			"10.000 đ/trường hợp × 2 = 20.000 đ"},
		{"fixed, in person", residence(), FeeInput{Channel: "in_person"}, 20_000, "20.000 đ/lần đăng ký"},
		{"fixed, online and cheaper", residence(), FeeInput{Channel: ChannelOnline}, 10_000, "10.000 đ/lần đăng ký (nộp trực tuyến)"},
		{"exempted", residence(), FeeInput{Exemption: " hộ nghèo "}, 0, "Miễn lệ phí: Hộ nghèo"},
		{"provincial, entered", FeeRule{Kind: FeeProvincial, VND: 8000}, FeeInput{}, 8000, "8.000 đ"},
		{"provincial, exempted before entered", FeeRule{Kind: FeeProvincial, Exemptions: []string{"Trẻ em"}},
			FeeInput{Exemption: "Trẻ em"}, 0, "Miễn lệ phí: Trẻ em"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := tt.rule.Compute(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if q.AmountVND != tt.amount || q.Text != tt.text {
				t.Errorf("Compute = %d %q, want %d %q", q.AmountVND, q.Text, tt.amount, tt.text)
			}
			if !reflect.DeepEqual(q.Rule, tt.rule) {
				t.Errorf("the quote's rule %+v is not the rule %+v", q.Rule, tt.rule)
			}
		})
	}
}

func TestFeeComputeRefuses(t *testing.T) {
	tests := []struct {
		name        string
		rule        FeeRule
		in          FeeInput
		field, code string
	}{
		{"per page without pages", copyCert(), FeeInput{}, "pages", CodeRequired},
		{"negative pages", copyCert(), FeeInput{Pages: -1}, "pages", CodeOutOfRange},
		{"too many pages", copyCert(), FeeInput{Pages: MaxFeePages + 1}, "pages", CodeOutOfRange},
		{"negative copies", FeeRule{Kind: FeeFree}, FeeInput{Copies: -1}, "copies", CodeOutOfRange},
		{"too many copies", copyCert(), FeeInput{Pages: 1, Copies: MaxFeeCopies + 1}, "copies", CodeOutOfRange},
		{"unknown exemption", residence(), FeeInput{Exemption: "Sinh viên"}, "exemption", CodeBadEnum},
		{"provincial, not entered", FeeRule{Kind: FeeProvincial}, FeeInput{}, "fee", CodeFeeNotSet},
		{"unknown kind", FeeRule{Kind: "lottery"}, FeeInput{}, "fee", CodeBadEnum},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := tt.rule.Compute(tt.in)
			var fe *FeeError
			if !errors.As(err, &fe) {
				t.Fatalf("Compute = %+v, %v; want a *FeeError", q, err)
			}
			if fe.Field != tt.field || fe.Code != tt.code {
				t.Errorf("error %s/%s (%v), want %s/%s", fe.Field, fe.Code, err, tt.field, tt.code)
			}
		})
	}
}

func TestVND(t *testing.T) {
	for n, want := range map[int64]string{0: "0 đ", 500: "500 đ", 7000: "7.000 đ", 200_000: "200.000 đ", 1_234_567: "1.234.567 đ", -2000: "-2.000 đ"} {
		if got := VND(n); got != want {
			t.Errorf("VND(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestProcedureFeeRule(t *testing.T) {
	fee := func(n int64) *int64 { return &n }
	tests := []struct {
		name string
		p    Procedure
		want FeeRule
	}{
		{"no amount: provincial", Procedure{FeeNote: "HĐND tỉnh"}, FeeRule{Kind: FeeProvincial, Basis: "HĐND tỉnh"}},
		{"0: free", Procedure{FeeVND: fee(0)}, FeeRule{Kind: FeeFree}},
		{"an amount: fixed", Procedure{FeeVND: fee(8000)}, FeeRule{Kind: FeeFixed, VND: 8000}},
		{"the rule wins", Procedure{FeeVND: fee(8000), Fee: &FeeRule{Kind: FeeFree}}, FeeRule{Kind: FeeFree}},
	}
	for _, tt := range tests {
		if got := tt.p.FeeRule(); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: FeeRule = %+v, want %+v", tt.name, got, tt.want)
		}
	}
	// The rule returned shares no memory with the procedure's.
	r := residence()
	p := Procedure{Fee: &r}
	got := p.FeeRule()
	*got.Online, got.Exemptions[0] = 1, "x"
	if *r.Online != 10_000 || r.Exemptions[0] != "Người có công với cách mạng" {
		t.Error("FeeRule shares memory with the procedure")
	}
}

func TestNormalizeFeeHeadline(t *testing.T) {
	tests := []struct {
		rule FeeRule
		want *int64
	}{
		{FeeRule{Kind: FeeFree}, new(int64)},
		{FeeRule{Kind: " FIXED ", VND: 10_000}, ptr(int64(10_000))},
		{copyCert(), ptr(int64(2000))},
		{FeeRule{Kind: FeeProvincial}, nil},
		{FeeRule{Kind: FeeProvincial, VND: 8000}, ptr(int64(8000))},
	}
	for _, tt := range tests {
		r := tt.rule
		p := validProc(func(p *Procedure) { p.Fee = &r }).Normalize()
		if !reflect.DeepEqual(p.FeeVND, tt.want) {
			t.Errorf("%+v: FeeVND %v, want %v", tt.rule, deref(p.FeeVND), deref(tt.want))
		}
		if err := p.Validate(); err != nil {
			t.Errorf("%+v: %v", tt.rule, err)
		}
	}
	// An unknown kind leaves FeeVND alone, and is refused.
	p := validProc(func(p *Procedure) { p.Fee = &FeeRule{Kind: "lottery"} }).Normalize()
	if p.FeeVND == nil || *p.FeeVND != 8000 {
		t.Errorf("unknown kind: FeeVND %v", deref(p.FeeVND))
	}
}

func deref(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestValidateNewFields(t *testing.T) {
	tests := []struct {
		name  string
		mod   func(*Procedure)
		field string
		code  string
	}{
		{"supplement limit 0", func(p *Procedure) { p.SupplementLimitWD = ptr(0) }, "supplementLimitWD", CodeOutOfRange},
		{"supplement limit too long", func(p *Procedure) { p.SupplementLimitWD = ptr(MaxTimeLimitWD + 1) }, "supplementLimitWD", CodeOutOfRange},
		{"negative reschedule notice", func(p *Procedure) { p.RescheduleNoticeWD = ptr(-1) }, "rescheduleNoticeWD", CodeOutOfRange},
		{"extended reason with a line break", func(p *Procedure) { p.ExtendedReason = "cần\nxác minh" }, "extendedReason", CodeBadFormat},
		{"deciding agency too long", func(p *Procedure) { p.DecidingAgency = strings.Repeat("a", MaxNameLen+1) }, "decidingAgency", CodeTooLong},
		{"basis as a formula", func(p *Procedure) { p.Basis = "=HYPERLINK()" }, "basis", CodeBadFormat},
		{"fee kind missing", func(p *Procedure) { p.Fee = &FeeRule{} }, "fee.kind", CodeRequired},
		{"fee kind unknown", func(p *Procedure) { p.Fee = &FeeRule{Kind: "lottery"} }, "fee.kind", CodeBadEnum},
		{"fixed without amount", func(p *Procedure) { p.Fee = &FeeRule{Kind: FeeFixed} }, "fee.vnd", CodeRequired},
		{"negative amount", func(p *Procedure) { p.Fee = &FeeRule{Kind: FeeFixed, VND: -1} }, "fee.vnd", CodeOutOfRange},
		{"amount too large", func(p *Procedure) { p.Fee = &FeeRule{Kind: FeeFixed, VND: MaxFeeVND + 1} }, "fee.vnd", CodeOutOfRange},
		{"per page without rate", func(p *Procedure) { p.Fee = &FeeRule{Kind: FeePerPage} }, "fee.vndPerPage", CodeRequired},
		{"negative rate after", func(p *Procedure) { r := copyCert(); r.VNDPerPageAfter = -1; p.Fee = &r }, "fee.vndPerPageAfter", CodeOutOfRange},
		{"negative cap", func(p *Procedure) { r := copyCert(); r.MaxVNDPerCopy = -1; p.Fee = &r }, "fee.maxVNDPerCopy", CodeOutOfRange},
		{"from page 1", func(p *Procedure) { r := copyCert(); r.FromPage = 1; p.Fee = &r }, "fee.fromPage", CodeOutOfRange},
		{"online dearer", func(p *Procedure) { r := residence(); r.Online = ptr(int64(30_000)); p.Fee = &r }, "fee.onlineVND", CodeOutOfRange},
		{"online on a per-page fee", func(p *Procedure) { r := copyCert(); r.Online = ptr(int64(1)); p.Fee = &r }, "fee.onlineVND", CodeBadFormat},
		{"empty exemption", func(p *Procedure) { r := residence(); r.Exemptions[1] = " "; p.Fee = &r }, "fee.exemptions[1]", CodeRequired},
		{"repeated exemption", func(p *Procedure) {
			r := residence()
			r.Exemptions[1] = "người có công với cách mạng"
			p.Fee = &r
		},
			"fee.exemptions[1]", CodeDuplicateValue},
		{"bad effective date", func(p *Procedure) { r := copyCert(); r.Effective = "01/01/2026"; p.Fee = &r }, "fee.effective", CodeBadFormat},
		{"fee basis too long", func(p *Procedure) { r := copyCert(); r.Basis = strings.Repeat("a", MaxBasisLen+1); p.Fee = &r }, "fee.basis", CodeTooLong},
		{"show as a form", func(p *Procedure) { p.Documents[0].Form = "shown" }, "documents[0].form", CodeBadEnum},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Clean(validProc(tt.mod))
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("Clean = %v, want a *ValidationError", err)
			}
			if len(ve.Problems) != 1 || ve.Problems[0].Field != tt.field || ve.Problems[0].Code != tt.code {
				t.Errorf("problems %+v, want one %s/%s", ve.Problems, tt.field, tt.code)
			}
		})
	}
	// And the valid ones.
	ok := validProc(func(p *Procedure) {
		r := residence()
		r.Effective = "2026-01-01"
		p.Fee = &r
		p.SupplementLimitWD, p.RescheduleNoticeWD = ptr(3), ptr(0)
		p.ExtendedReason, p.DecidingAgency, p.Basis = "cần xác minh", "Công an xã", "Luật Cư trú art. 22"
		p.Documents[0].Form = FormShow
	})
	if _, err := Clean(ok); err != nil {
		t.Error(err)
	}
}

// TestFeeRuleFiles reads the fee rule in each format, and refuses a bad one
// with the problem at its column.
func TestFeeRuleFiles(t *testing.T) {
	jsonFile := `{"procedures": [{"code": "2.000815", "name": "Chứng thực bản sao", "sector": "Chứng thực", "time_limit_wd": 0,
		"extended_time_limit_wd": 2, "extended_reason": "nhiều bản", "supplement_limit_wd": 2, "reschedule_notice_wd": 1,
		"deciding_agency": "UBND xã", "basis": "Nghị định 23/2015 art. 20",
		"documents": [{"name": "Bản chính", "form": "show"}],
		"fee": {"kind": "per_page", "vnd_per_page": 2000, "from_page": 3, "vnd_per_page_after": 1000, "max_vnd_per_copy": 200000,
			"exemptions": ["Trẻ em"], "effective": "2017-01-01"}}]}`
	procs := mustImport(t, []byte(jsonFile), FormatJSON)
	p := procs[0]
	want := copyCert()
	want.Basis, want.Exemptions, want.Effective = "", []string{"Trẻ em"}, "2017-01-01"
	if p.Fee == nil || !reflect.DeepEqual(*p.Fee, want) {
		t.Fatalf("fee %+v, want %+v", p.Fee, want)
	}
	if p.FeeVND == nil || *p.FeeVND != 2000 || p.ExtendedReason != "nhiều bản" || *p.SupplementLimitWD != 2 || *p.RescheduleNoticeWD != 1 ||
		p.DecidingAgency != "UBND xã" || p.Basis != "Nghị định 23/2015 art. 20" || p.Documents[0].Form != FormShow {
		t.Errorf("read %+v", p)
	}
	for _, format := range []Format{FormatJSON, FormatCSV, FormatXLSX} {
		if got := mustImport(t, export(t, format, procs), format); !reflect.DeepEqual(got, procs) {
			t.Errorf("%s: %+v back, want %+v", format, got, procs)
		}
	}
	csv := string(export(t, FormatCSV, procs))
	if !strings.Contains(csv, "kind:per_page; vnd_per_page:2000; from_page:3; vnd_per_page_after:1000; max_vnd_per_copy:200000; exemptions:Trẻ em; effective:2017-01-01") {
		t.Errorf("the CSV's fee rule cell is not as documented:\n%s", csv)
	}

	bad := []struct {
		name   string
		format Format
		data   string
		want   []brief
	}{
		{"unknown JSON key", FormatJSON, `[{"name": "A", "sector": "B", "time_limit_wd": 1, "fee": {"kind": "free", "when": "x"}}]`,
			[]brief{{1, "fee_rule", CodeUnknownColumn}}},
		{"JSON amount as text", FormatJSON, `[{"name": "A", "sector": "B", "time_limit_wd": 1, "fee": {"kind": "fixed", "vnd": "10.000"}}]`,
			[]brief{{1, "fee_rule", CodeBadNumber}}},
		{"JSON rule invalid", FormatJSON, `[{"name": "A", "sector": "B", "time_limit_wd": 1, "fee": {"kind": "fixed"}}]`,
			[]brief{{1, "fee_rule", CodeRequired}}},
		{"CSV amount with a dot", FormatCSV, "name,sector,time_limit_wd,fee_rule\r\nA,B,1,kind:fixed; vnd:10.000\r\n",
			[]brief{{2, "fee_rule", CodeBadNumber}}},
		{"CSV unknown key", FormatCSV, "name,sector,time_limit_wd,fee_rule\r\nA,B,1,kind:fixed; price:1\r\n",
			[]brief{{2, "fee_rule", CodeUnknownColumn}}},
		{"CSV item without value", FormatCSV, "name,sector,time_limit_wd,fee_rule\r\nA,B,1,kind\r\n",
			[]brief{{2, "fee_rule", CodeBadFormat}}},
		{"CSV repeated key", FormatCSV, "name,sector,time_limit_wd,fee_rule\r\nA,B,1,kind:free; kind:fixed\r\n",
			[]brief{{2, "fee_rule", CodeDuplicateColumn}}},
		{"CSV supplement limit 0", FormatCSV, "name,sector,time_limit_wd,supplement_limit_wd\r\nA,B,1,0\r\n",
			[]brief{{2, "supplement_limit_wd", CodeOutOfRange}}},
	}
	for _, tt := range bad {
		if got := briefs(importErrors(t, []byte(tt.data), tt.format)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: errors %+v, want %+v", tt.name, got, tt.want)
		}
	}
	// Separators inside the rule's texts survive CSV.
	r := residence()
	r.Basis = "Thông tư 75/2022; sửa đổi: 71/2025 | x"
	r.Exemptions = []string{"Hộ nghèo | cận nghèo", "A: b; c"}
	one := []Procedure{validProc(func(p *Procedure) { p.Fee = &r })}
	clean, _ := Clean(one[0])
	if got := mustImport(t, export(t, FormatCSV, one), FormatCSV); !reflect.DeepEqual(got, []Procedure{clean}) {
		t.Errorf("escaped rule: %+v back, want %+v", got[0].Fee, clean.Fee)
	}
	var buf bytes.Buffer
	if err := Export(&buf, FormatCSV, []Procedure{validProc(func(p *Procedure) { p.Fee = &FeeRule{Kind: "x"} })}); err == nil {
		t.Error("Export wrote an invalid fee rule")
	}
}
