package catalog

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestValidate(t *testing.T) {
	type fe struct{ field, code string }
	intp := func(n int) *int { return &n }
	feep := func(n int64) *int64 { return &n }
	tests := []struct {
		name string
		mod  func(*Procedure)
		want []fe
	}{
		{"valid", func(p *Procedure) {}, nil},
		{"local code", func(p *Procedure) { p.Code = "L.HT0005" }, nil},
		{"second national series", func(p *Procedure) { p.Code = "2.000815" }, nil},
		{"no code", func(p *Procedure) { p.Code = "" }, []fe{{"code", CodeRequired}}},
		{"short national code", func(p *Procedure) { p.Code = "1.00119" }, []fe{{"code", CodeBadFormat}}},
		{"series 3", func(p *Procedure) { p.Code = "3.001193" }, []fe{{"code", CodeBadFormat}}},
		{"local code too short", func(p *Procedure) { p.Code = "L.H" }, []fe{{"code", CodeBadFormat}}},
		{"local code too long", func(p *Procedure) { p.Code = "L.ABCDEFGHIJKLM" }, []fe{{"code", CodeBadFormat}}},
		{"local code lower case", func(p *Procedure) { p.Code = "L.ht0005" }, []fe{{"code", CodeBadFormat}}},
		{"no name", func(p *Procedure) { p.Name = "" }, []fe{{"name", CodeRequired}}},
		{"name of 300", func(p *Procedure) { p.Name = strings.Repeat("ữ", 300) }, nil},
		{"name of 301", func(p *Procedure) { p.Name = strings.Repeat("ữ", 301) }, []fe{{"name", CodeTooLong}}},
		{"name with a line break", func(p *Procedure) { p.Name = "Đăng ký\nkhai sinh" }, []fe{{"name", CodeBadFormat}}},
		{"name with a right-to-left override", func(p *Procedure) { p.Name = "Đăng ký \u202ekhai sinh" }, []fe{{"name", CodeBadFormat}}},
		{"name like a formula", func(p *Procedure) { p.Name = "=HYPERLINK(1)" }, []fe{{"name", CodeBadFormat}}},
		{"name not UTF-8", func(p *Procedure) { p.Name = "Đăng \xff" }, []fe{{"name", CodeBadFormat}}},
		{"no sector", func(p *Procedure) { p.Sector = "" }, []fe{{"sector", CodeRequired}}},
		{"long sector", func(p *Procedure) { p.Sector = strings.Repeat("a", 101) }, []fe{{"sector", CodeTooLong}}},
		{"unknown level", func(p *Procedure) { p.Level = "ward" }, []fe{{"level", CodeBadEnum}}},
		{"no level", func(p *Procedure) { p.Level = "" }, []fe{{"level", CodeRequired}}},
		{"negative limit", func(p *Procedure) { p.TimeLimitWD = -1 }, []fe{{"timeLimitWD", CodeOutOfRange}}},
		{"limit 365", func(p *Procedure) { p.TimeLimitWD = 365; p.ExtendedTimeLimitWD = nil }, nil},
		{"limit 366", func(p *Procedure) { p.TimeLimitWD = 366; p.ExtendedTimeLimitWD = nil }, []fe{{"timeLimitWD", CodeOutOfRange}}},
		{"extended equal", func(p *Procedure) { p.ExtendedTimeLimitWD = intp(3) }, nil},
		{"extended shorter", func(p *Procedure) { p.ExtendedTimeLimitWD = intp(2) }, []fe{{"extendedTimeLimitWD", CodeOutOfRange}}},
		{"extended 366", func(p *Procedure) { p.ExtendedTimeLimitWD = intp(366) }, []fe{{"extendedTimeLimitWD", CodeOutOfRange}}},
		{"nil fee", func(p *Procedure) { p.FeeVND = nil }, nil},
		{"free", func(p *Procedure) { p.FeeVND = feep(0) }, nil},
		{"negative fee", func(p *Procedure) { p.FeeVND = feep(-1) }, []fe{{"feeVND", CodeOutOfRange}}},
		{"huge fee", func(p *Procedure) { p.FeeVND = feep(MaxFeeVND + 1) }, []fe{{"feeVND", CodeOutOfRange}}},
		{"long fee note", func(p *Procedure) { p.FeeNote = strings.Repeat("đ", 501) }, []fe{{"feeNote", CodeTooLong}}},
		{"document without name", func(p *Procedure) { p.Documents[1].Name = "" }, []fe{{"documents[1].name", CodeRequired}}},
		{"document form", func(p *Procedure) { p.Documents[0].Form = "scan" }, []fe{{"documents[0].form", CodeBadEnum}}},
		{"document count 0", func(p *Procedure) { p.Documents[2].Count = 0 }, []fe{{"documents[2].count", CodeOutOfRange}}},
		{"document count 100", func(p *Procedure) { p.Documents[2].Count = 100 }, []fe{{"documents[2].count", CodeOutOfRange}}},
		{"too many documents", func(p *Procedure) {
			p.Documents = nil
			for range MaxListLen + 1 {
				p.Documents = append(p.Documents, Document{Name: "Tờ khai", Form: FormCopy, Count: 1})
			}
		}, []fe{{"documents", CodeTooLong}}},
		{"empty agency", func(p *Procedure) { p.Agencies = []string{""} }, []fe{{"agencies[0]", CodeRequired}}},
		{"repeated agency", func(p *Procedure) { p.Agencies = []string{"A", "B", "A"} }, []fe{{"agencies[2]", CodeDuplicateValue}}},
		{"liên thông with one agency", func(p *Procedure) { p.Interagency = InteragencyCrossLevel }, []fe{{"agencies", CodeRequired}}},
		{"liên thông with two", func(p *Procedure) {
			p.Interagency = InteragencySameLevel
			p.Agencies = []string{"UBND xã", "Công an xã"}
		}, nil},
		{"unknown interagency", func(p *Procedure) { p.Interagency = "chain" }, []fe{{"interagency", CodeBadEnum}}},
		{"no steps", func(p *Procedure) { p.Steps = nil }, nil},
		{"step without name", func(p *Procedure) { p.Steps[0].Name = " " }, []fe{{"steps[0].name", CodeRequired}}},
		{"step role", func(p *Procedure) { p.Steps[1].Role = "boss" }, []fe{{"steps[1].role", CodeBadEnum}}},
		{"step hours 0", func(p *Procedure) { p.Steps[2].Hours = 0 }, []fe{{"steps[2].hours", CodeOutOfRange}}},
		{"step hours negative", func(p *Procedure) { p.Steps[2].Hours = -1 }, []fe{{"steps[2].hours", CodeOutOfRange}}},
		{"step hours NaN", func(p *Procedure) { p.Steps[2].Hours = math.NaN() }, []fe{{"steps[2].hours", CodeOutOfRange}}},
		{"step hours infinite", func(p *Procedure) { p.Steps[2].Hours = math.Inf(1) }, []fe{{"steps[2].hours", CodeOutOfRange}}},
		{"step form too long", func(p *Procedure) { p.Steps[0].Form = strings.Repeat("M", 101) }, []fe{{"steps[0].form", CodeTooLong}}},
		{"steps fill the limit", func(p *Procedure) { p.Steps[1].Hours = 16 }, nil},
		{"steps over the limit", func(p *Procedure) { p.Steps[1].Hours = 16.25 }, []fe{{"steps", CodeStepsOverLimit}}},
		{"same day in 8 hours", func(p *Procedure) {
			p.TimeLimitWD, p.ExtendedTimeLimitWD = 0, nil
			p.Steps = []Step{{"Tiếp nhận", RoleClerk, 0.5, ""}, {"Xử lý", RoleOfficer, 7.5, ""}}
		}, nil},
		{"same day over 8 hours", func(p *Procedure) {
			p.TimeLimitWD, p.ExtendedTimeLimitWD = 0, nil
			p.Steps = []Step{{"Tiếp nhận", RoleClerk, 0.5, ""}, {"Xử lý", RoleOfficer, 8, ""}}
		}, []fe{{"steps", CodeStepsOverLimit}}},
		{"tenths add up", func(p *Procedure) {
			p.TimeLimitWD, p.ExtendedTimeLimitWD = 0, nil
			p.Steps = []Step{{"A", RoleClerk, 0.1, ""}, {"B", RoleClerk, 0.2, ""}, {"C", RoleClerk, 7.7, ""}}
		}, nil},
		{"unknown confidence", func(p *Procedure) { p.Confidence = "sure" }, []fe{{"confidence", CodeBadEnum}}},
		{"several at once", func(p *Procedure) {
			p.Code, p.Name, p.TimeLimitWD, p.Steps[0].Role = "", "", 400, "x"
		}, []fe{{"code", CodeRequired}, {"name", CodeRequired}, {"timeLimitWD", CodeOutOfRange}, {"steps[0].role", CodeBadEnum}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := validProc(tt.mod).Validate()
			var got []fe
			if err != nil {
				var ve *ValidationError
				if !errors.As(err, &ve) {
					t.Fatalf("Validate returned %T, want *ValidationError", err)
				}
				for _, p := range ve.Problems {
					got = append(got, fe{p.Field, p.Code})
					if p.Message == "" {
						t.Errorf("%s: empty message", p.Field)
					}
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("problems = %v, want %v (%v)", got, tt.want, err)
			}
		})
	}
}

func TestNormalizeAndClean(t *testing.T) {
	nfd := norm.NFD.String("Đăng ký khai sinh")
	in := validProc(func(p *Procedure) {
		p.Code = " l.ht0005 "
		p.Name = "  " + nfd + "\t"
		p.Sector = norm.NFD.String("Hộ tịch")
		p.Level = " Commune "
		p.Interagency = ""
		p.Confidence = ""
		p.Documents[0].Form = "ORIGINAL"
		p.Steps[0].Role = " Clerk"
		p.Agencies = nil
	})
	got, err := Clean(in)
	if err != nil {
		t.Fatalf("Clean: %v", err)
	}
	want := validProc(func(p *Procedure) {
		p.Code = "L.HT0005"
		p.Confidence = ConfidenceUnsure
		p.Agencies = []string{}
	})
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Clean =\n%+v\nwant\n%+v", got, want)
	}
	if in.Code != " l.ht0005 " || in.Name == got.Name {
		t.Error("Clean changed its argument")
	}
	// The copy shares no memory with the original.
	got.Documents[0].Name = "x"
	*got.FeeVND = 1
	if in.Documents[0].Name == "x" || *in.FeeVND == 1 {
		t.Error("Normalize's result shares memory with its argument")
	}
	if _, err := Clean(validProc(func(p *Procedure) { p.Name = " " })); err == nil {
		t.Error("Clean accepted a blank name")
	}
}
