package calendar

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestValidateRules(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(r *Rules)
		field  string
		phrase string
	}{
		{"no working week", func(r *Rules) { r.WorkingWeekdays = nil }, "rules.workingWeekdays", "no working weekdays"},
		{"bad weekday", func(r *Rules) { r.WorkingWeekdays[0] = 7 }, "rules.workingWeekdays[0]", "not a weekday"},
		{"weekday twice", func(r *Rules) { r.WorkingWeekdays[1] = time.Monday }, "rules.workingWeekdays[1]", "twice"},
		{"29 February", func(r *Rules) { r.Solar[0].Month, r.Solar[0].Day = time.February, 29 }, "rules.solar[0]", "not a day of every year"},
		{"solar twice", func(r *Rules) { r.Solar[1] = r.Solar[0] }, "rules.solar[1]", "same day as rules.solar[0]"},
		{"no name", func(r *Rules) { r.Solar[2].Name = "" }, "rules.solar[2].name", "empty"},
		{"no English name", func(r *Rules) { r.Lunar[0].NameEN = "" }, "rules.lunar[0].nameEn", "empty"},
		{"lunar day 30", func(r *Rules) { r.Lunar[0].Day = 30 }, "rules.lunar[0]", "day 1–29"},
		{"years reversed", func(r *Rules) { r.Lunar[0].Years = Years{From: 2030, To: 2020} }, "rules.lunar[0]", "after to"},
		{"no Tết days", func(r *Rules) { r.Tet[1].Offsets = nil }, "rules.tet[1].offsets", "no days"},
		{"Tết offset far", func(r *Rules) { r.Tet[1].Offsets[0] = -31 }, "rules.tet[1].offsets", "more than 10 days"},
		{"Tết offset twice", func(r *Rules) { r.Tet[1].Offsets[1] = -1 }, "rules.tet[1].offsets", "twice"},
		{"Tết rules overlap", func(r *Rules) { r.Tet[1].From = 2013 }, "rules.tet[1]", "same years as rules.tet[0]"},
		{"bad choice", func(r *Rules) { r.NationalDayExtra[0].Choice = "nearest" }, "rules.nationalDayExtra[0].choice", "not one of"},
		{"bad anchor", func(r *Rules) { r.NationalDayExtra[0].AnchorDay = 31 }, "rules.nationalDayExtra[0]", "anchor 09-31"},
		{"no make-up policy", func(r *Rules) { r.MakeUp = "" }, "rules.makeUp", "not one of"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := DefaultRules()
			tt.edit(&r)
			_, err := New(Options{Rules: r})
			checkValidation(t, err, ErrInvalidRules, tt.field, tt.phrase)
		})
	}
}

func TestValidateOverrides(t *testing.T) {
	dp := func(s string) *Date { x := d(t, s); return &x }
	five := func(first string) []Date {
		var out []Date
		for i := range 5 {
			out = append(out, d(t, first).AddDays(i))
		}
		return out
	}
	tests := []struct {
		name      string
		overrides []Override
		field     string
		phrase    string
	}{
		{"year out of range", []Override{{Year: 1899}}, "overrides[0].year", "outside"},
		{"two for one year", []Override{{Year: 2025}, {Year: 2025}}, "overrides[1].year", "a second override"},
		{"Tết day in another year", []Override{{Year: 2025, TetDays: five("2024-01-28")}}, "overrides[0].tetDays[0]", "not in 2025"},
		{"Tết day far from Tết", []Override{{Year: 2025, TetDays: append(five("2025-01-27")[:4], d(t, "2025-02-28"))}}, "overrides[0].tetDays[4]", "more than 10 days from Tết"},
		{"Tết day twice", []Override{{Year: 2025, TetDays: append(five("2025-01-27")[:4], d(t, "2025-01-27"))}}, "overrides[0].tetDays[4]", "already listed"},
		{"too few Tết days", []Override{{Year: 2025, TetDays: five("2025-01-27")[:4]}}, "overrides[0].tetDays", "4 days listed; the Tết rule for 2025 has 5"},
		{"four-day Tết year", []Override{{Year: 2012, TetDays: five("2012-01-22")}}, "overrides[0].tetDays", "has 4"},
		{"zero date", []Override{{Year: 2025, ExtraDaysOff: []NamedDate{{}}}}, "overrides[0].extraDaysOff[0]", "not a date"},
		{"national day not adjacent", []Override{{Year: 2025, NationalDayExtra: dp("2025-09-05")}}, "overrides[0].nationalDayExtra", "not next to 2025-09-02"},
		{"national day before 2021", []Override{{Year: 2019, NationalDayExtra: dp("2019-09-03")}}, "overrides[0].nationalDayExtra", "no rule"},
		{"swapped weekday", []Override{{Year: 2024, SwappedWorkingDays: []NamedDate{{Date: d(t, "2024-05-03")}}}}, "overrides[0].swappedWorkingDays[0]", "already a working day"},
		{"swapped holiday", []Override{{Year: 2022, SwappedWorkingDays: []NamedDate{{Date: d(t, "2022-04-30")}}}}, "overrides[0].swappedWorkingDays[0]", "is a holiday"},
		{"extra on Sunday", []Override{{Year: 2024, ExtraDaysOff: []NamedDate{{Date: d(t, "2024-04-28")}}}}, "overrides[0].extraDaysOff[0]", "already a weekly rest day"},
		{"extra on a holiday", []Override{{Year: 2025, ExtraDaysOff: []NamedDate{{Date: d(t, "2025-09-02")}}}}, "overrides[0].extraDaysOff[0]", "already a holiday (National Day)"},
		{"extra on an overridden Tết day", []Override{{Year: 2025, TetDays: five("2025-01-27"), ExtraDaysOff: []NamedDate{{Date: d(t, "2025-01-27")}}}}, "overrides[0].extraDaysOff[0]", "already listed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(Options{Rules: DefaultRules(), Overrides: tt.overrides})
			checkValidation(t, err, ErrInvalidOverride, tt.field, tt.phrase)
		})
	}
}

// TestValidateReportsAll checks that New lists every problem, not the first.
func TestValidateReportsAll(t *testing.T) {
	r := DefaultRules()
	r.MakeUp = ""
	r.Solar[0].Name = ""
	_, err := New(Options{Rules: r})
	for _, f := range []string{"rules.makeUp", "rules.solar[0].name"} {
		if err == nil || !strings.Contains(err.Error(), f) {
			t.Errorf("error %v does not mention %s", err, f)
		}
	}
}

func checkValidation(t *testing.T, err, sentinel error, field, phrase string) {
	t.Helper()
	if !errors.Is(err, sentinel) {
		t.Fatalf("error = %v, want %v", err, sentinel)
	}
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %v is not a *ValidationError", err)
	}
	if ve.Field != field || !strings.Contains(ve.Message, phrase) {
		t.Errorf("got %s: %s; want %s: …%s…", ve.Field, ve.Message, field, phrase)
	}
}
