package catalog

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// tricky is a procedure that exercises the encodings: separators and
// backslashes in names, optional documents, fractional hours, a nil fee.
func tricky() Procedure {
	return validProc(func(p *Procedure) {
		p.Code = "L.TEST01"
		p.Name = `Thủ tục "thử"; có: dấu | và \ gạch, "ngoặc"`
		p.Level = LevelDistrict
		p.FeeVND = nil
		p.FeeNote = "Do HĐND tỉnh quy định; mức: 10.000 đ"
		p.Documents = []Document{
			{Name: `Tờ khai: mẫu TK-01; bản | chính \`, Form: FormOriginal, Count: 1, Required: true},
			{Name: "Giấy ủy quyền", Form: FormCopy, Count: 3, Required: false},
		}
		p.Interagency = InteragencyCrossLevel
		p.Agencies = []string{"UBND xã (tư pháp - hộ tịch)", `Công an | xã: \ số 1`}
		p.Steps = []Step{
			{Name: "Tiếp nhận; quét", Role: RoleClerk, Hours: 0.25, Form: "Mẫu 01: giấy hẹn"},
			{Name: "Thẩm định", Role: RoleOfficer, Hours: 0.1},
			{Name: "Phối hợp", Role: RoleAgency, Hours: 12.65},
		}
		p.Confidence = ConfidenceUnsure
		p.Active = false
		p.ExtendedReason = "cần xác minh: nơi; cư | trú"
		p.SupplementLimitWD, p.RescheduleNoticeWD = ptr(2), ptr(0)
		p.Fee = &FeeRule{Kind: FeeProvincial, Online: ptr(int64(0)), Exemptions: []string{`Hộ: nghèo | \`}, Basis: "NQ; 12/2025", Effective: "2026-01-01"}
		p.DecidingAgency = "Công an xã: đội | 1"
		p.Basis = `Luật; số: 1 | \`
	})
}

func TestRoundTrip(t *testing.T) {
	procs := append(mustDefault(t), tricky())
	for _, format := range []Format{FormatJSON, FormatCSV, FormatXLSX} {
		t.Run(string(format), func(t *testing.T) {
			data := export(t, format, procs)
			got := mustImport(t, data, format)
			if !reflect.DeepEqual(got, procs) {
				for i := range procs {
					if i < len(got) && !reflect.DeepEqual(got[i], procs[i]) {
						t.Errorf("procedure %d:\n got %+v\nwant %+v", i+1, got[i], procs[i])
					}
				}
				t.Fatalf("%d procedures back, %d sent", len(got), len(procs))
			}
			if again := export(t, format, got); format != FormatXLSX && !bytes.Equal(again, data) {
				t.Error("exporting the imported catalog gives other bytes")
			}
			empty := mustImport(t, export(t, format, nil), format)
			if len(empty) != 0 {
				t.Errorf("an empty catalog came back with %d procedures", len(empty))
			}
		})
	}
}

func TestExportCleansAndRefuses(t *testing.T) {
	messy := tricky()
	messy.Name = "  " + messy.Name + " "
	messy.Level = "DISTRICT"
	want, err := Clean(messy)
	if err != nil {
		t.Fatal(err)
	}
	got := mustImport(t, export(t, FormatCSV, []Procedure{messy}), FormatCSV)
	if !reflect.DeepEqual(got, []Procedure{want}) {
		t.Errorf("exported %+v, imported %+v", want, got)
	}
	if !strings.HasPrefix(string(export(t, FormatCSV, nil)), "\uFEFFcode,name,") {
		t.Error("the CSV does not start with a BOM and the header")
	}

	refused := map[string][]Procedure{
		"invalid":   {validProc(func(p *Procedure) { p.TimeLimitWD = -1 })},
		"duplicate": {validProc(), validProc(func(p *Procedure) { p.Code = " 1.001193" })},
	}
	for name, procs := range refused {
		for _, format := range []Format{FormatJSON, FormatCSV, FormatXLSX} {
			var buf bytes.Buffer
			if err := Export(&buf, format, procs); err == nil || buf.Len() != 0 {
				t.Errorf("%s, %s: Export = %v, wrote %d bytes", name, format, err, buf.Len())
			}
		}
	}
	if err := Export(&bytes.Buffer{}, "ods", nil); err == nil {
		t.Error("Export accepted format ods")
	}
}
