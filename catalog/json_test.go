package catalog

import (
	"reflect"
	"strings"
	"testing"
)

func TestImportJSONSampleShape(t *testing.T) {
	got := mustImport(t, sample, FormatJSON)
	want := mustDefault(t)
	for i := range want {
		want[i].Steps = []Step{}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("importing the sample differs from Default without steps")
	}
	// A bare list of snake_case procedures is read too.
	bare := `[{"code": null, "name": "Đăng ký chấm dứt giám hộ", "sector": "Hộ tịch", "time_limit_wd": 2,
		"fee_vnd": null, "Interagency": "none", "confidence": "law", "Active": false}]`
	got = mustImport(t, []byte(bare), FormatJSON)
	if len(got) != 1 || got[0].Code != "L.HTT5T5TX" || got[0].FeeVND != nil || got[0].Active {
		t.Errorf("Import(bare list) = %+v", got)
	}
}

func TestImportJSONProblems(t *testing.T) {
	tests := []struct {
		name, data string
		want       []brief
	}{
		{"syntax", `{"procedures": [}`, []brief{{0, "", CodeBadFile}}},
		{"trailing value", `{"procedures": []} []`, []brief{{0, "", CodeBadFile}}},
		{"not an object", `"procedures"`, []brief{{0, "", CodeBadFile}}},
		{"no list", `{"version": "x"}`, []brief{{0, "procedures", CodeMissingColumn}}},
		{"unknown top key", `{"procedures": [], "extra": 1, "_note": "fine"}`, []brief{{0, "extra", CodeUnknownColumn}}},
		{"repeated key", `{"procedures": [{"name": "A", "name": "B", "sector": "S", "timeLimitWD": 1}]}`,
			[]brief{{0, "name", CodeDuplicateColumn}}},
		{"both spellings", `{"procedures": [{"name": "A", "sector": "S", "timeLimitWD": 1, "time_limit_wd": 1}]}`,
			[]brief{{1, "time_limit_wd", CodeDuplicateColumn}}},
		{"unknown keys", `{"procedures": [{"name": "A", "sector": "S", "timeLimitWD": 1, "owner": "x", "colour": 2}]}`,
			[]brief{{1, "colour, owner", CodeUnknownColumn}}},
		{"types", `{"procedures": [
			{"code": 1, "name": "A", "sector": "S", "timeLimitWD": "3", "feeVND": 1.5, "active": "yes"},
			{"name": "B", "sector": "S", "timeLimitWD": 1e400, "extendedTimeLimitWD": 2},
			{"name": "C", "sector": "S"},
			"D"]}`,
			[]brief{
				{1, "code", CodeBadFormat}, {1, "time_limit_wd", CodeBadNumber}, {1, "fee_vnd", CodeBadNumber}, {1, "active", CodeBadFormat},
				{2, "time_limit_wd", CodeOutOfRange},
				{3, "time_limit_wd", CodeRequired},
				{4, "", CodeBadFormat},
			}},
		{"lists", `{"procedures": [{"name": "A", "sector": "S", "timeLimitWD": 1,
			"documents": [{"name": "Tờ khai", "form": "copy", "pages": 2}, {"name": "CCCD", "form": "scan", "count": 0}, 3],
			"steps": [{"name": "X", "role": "clerk", "hours": "4"}, {"name": "Y", "role": "clerk", "hours": 9}],
			"agencies": "UBND"}]}`,
			[]brief{
				{1, "agencies", CodeBadFormat},
				{1, "documents", CodeUnknownColumn}, {1, "documents", CodeBadFormat},
				{1, "documents", CodeBadEnum}, {1, "documents", CodeOutOfRange},
				{1, "steps", CodeBadNumber},
			}},
		{"not UTF-8", "{\"procedures\": [{\"name\": \"\xd0\xe3ng\"}]}", []brief{{0, "", CodeBadEncoding}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := importErrors(t, []byte(tt.data), FormatJSON)
			if got := briefs(errs); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("errors = %+v\nwant %+v", errs, tt.want)
			}
		})
	}
	errs := importErrors(t, []byte("{\n\"procedures\": [\n}"), FormatJSON)
	if !strings.Contains(errs[0].Message, "line 3") {
		t.Errorf("syntax error message %q does not give line 3", errs[0].Message)
	}
}

func TestExportJSONShape(t *testing.T) {
	data := string(export(t, FormatJSON, []Procedure{validProc()}))
	for _, want := range []string{
		`"version": "` + FormatVersion + `"`, `"timeLimitWD": 3`, `"extendedTimeLimitWD": 5`, `"feeVND": 8000`,
		`"name": "Đăng ký khai sinh"`, `"form": "certified_copy"`, `"hours": 12.5`, `"active": true`,
	} {
		if !strings.Contains(data, want) {
			t.Errorf("export lacks %s:\n%s", want, data)
		}
	}
	data = string(export(t, FormatJSON, []Procedure{validProc(func(p *Procedure) { p.FeeVND, p.Steps = nil, nil })}))
	if !strings.Contains(data, `"feeVND": null`) || !strings.Contains(data, `"steps": []`) {
		t.Errorf("nil fee or steps not written as null and []:\n%s", data)
	}
}
