package dossier

import (
	"fmt"
	"testing"
)

// company is an organisation filing through its director.
func company() Applicant {
	return Applicant{
		Kind: ApplicantOrganisation, FullName: "Công ty TNHH Đông Sơn", OrgID: "2801234567",
		Address: "Thôn 1, xã Đông Sơn", Phone: "02373888999",
		Representative: &Representative{FullName: "Lê Văn Tám", CitizenID: "038090001111", Relation: "Giám đốc"},
	}
}

// person is an individual filing for herself.
func person() Applicant {
	return Applicant{FullName: "Nguyễn Thị Hồng", CitizenID: "038190000123", Address: "Thôn 3", Phone: "0912345678"}
}

// TestApplicantTexts: every text of the applicant and of its
// representative refuses each control character, each bidirectional
// control and invalid UTF-8 with CodeBadText naming the field.
func TestApplicantTexts(t *testing.T) {
	bad := map[string]string{
		"line feed": "\n", "carriage return": "\r", "tab": "\t", "NUL": "\x00", "escape": "\x1b", "DEL": "\x7f",
		"C1 NEL": "\u0085", "C1 CSI": "\u009b", "invalid UTF-8": "\xff", "lone continuation": "\x80",
		"truncated sequence": "\xe1\xba", "surrogate": "\xed\xa0\x80", "replacement character": "\ufffd",
	}
	for _, r := range []rune{0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C} {
		bad[fmt.Sprintf("U+%04X", r)] = string(r)
	}
	fields := map[string]func(a *Applicant, s string){
		"applicant.fullName":                 func(a *Applicant, s string) { a.FullName = "Lê " + s + "Văn" },
		"applicant.orgId":                    func(a *Applicant, s string) { a.OrgID = "2801234567" + s },
		"applicant.address":                  func(a *Applicant, s string) { a.Address = "Thôn 1" + s },
		"applicant.phone":                    func(a *Applicant, s string) { a.Phone = s + "0912" },
		"applicant.email":                    func(a *Applicant, s string) { a.Email = "a@b.vn" + s },
		"applicant.representative.fullName":  func(a *Applicant, s string) { a.Representative.FullName = "Tám" + s },
		"applicant.representative.citizenId": func(a *Applicant, s string) { a.Representative.CitizenID = s + "038090001111" },
		"applicant.representative.relation":  func(a *Applicant, s string) { a.Representative.Relation = "Giám" + s + "đốc" },
	}
	for field, set := range fields {
		for name, s := range bad {
			a := company()
			set(&a, s)
			err := ValidateApplicant(a)
			re, ok := err.(*RuleError)
			if !ok || re.Code != CodeBadText || re.Params["field"] != field {
				t.Errorf("%s with %s: %v, want %s on %s", field, name, err, CodeBadText, field)
			}
		}
	}
	// The personal number of a person, the one field an organisation
	// refuses outright.
	for name, s := range bad {
		a := person()
		a.CitizenID = s
		if re, ok := ValidateApplicant(a).(*RuleError); !ok || re.Code != CodeBadText || re.Params["field"] != "applicant.citizenId" {
			t.Errorf("applicant.citizenId with %s: %v", name, re)
		}
	}
	a := company()
	a.FullName = "Công ty \u202eTNHH"
	if re := ValidateApplicant(a).(*RuleError); re.Params["char"] != "U+202E" {
		t.Errorf("char = %q", re.Params["char"])
	}
	// Vietnamese in every case, NFD marks, zero-width joiners and other
	// format characters that are not bidirectional controls pass.
	a = company()
	a.FullName, a.Address = "CÔNG TY CỔ PHẦN ĐẦU TƯ Ư Ơ", "Thôn 1 (Xóm Đình) — Số 5/7, ngõ 3; xã Đông Sơn"
	a.Representative.FullName = "Nguye\u0302\u0303n Thi\u0323 Ho\u0302\u0300ng\u200d"
	if err := ValidateApplicant(a); err != nil {
		t.Errorf("clean texts: %v", err)
	}
}

// TestApplicantRules: identifiers' shapes, identifiers of the applicant's
// own kind and an organisation's representative.
func TestApplicantRules(t *testing.T) {
	cases := []struct {
		name        string
		base        func() Applicant
		edit        func(a *Applicant)
		code, field string
	}{
		{"person", person, func(*Applicant) {}, "", ""},
		{"person of an old event (no kind)", person, func(a *Applicant) { a.Kind = "" }, "", ""},
		{"person with kind", person, func(a *Applicant) { a.Kind = ApplicantPerson }, "", ""},
		{"person without a number", person, func(a *Applicant) { a.CitizenID = "" }, "", ""},
		{"person through a representative", person, func(a *Applicant) {
			a.Representative = &Representative{FullName: "Trần Văn Nam", CitizenID: "038090002222", Relation: "Người được ủy quyền"}
		}, "", ""},
		{"representative without a number", person, func(a *Applicant) {
			a.Representative = &Representative{FullName: "Trần Văn Nam", Relation: "Con"}
		}, "", ""},
		{"unknown kind", person, func(a *Applicant) { a.Kind = "household" }, CodeBadValue, "applicant.kind"},
		{"no name", person, func(a *Applicant) { a.FullName = "  " }, CodeBadValue, "applicant.fullName"},
		{"11-digit number", person, func(a *Applicant) { a.CitizenID = "03819000012" }, CodeBadCitizenID, "applicant.citizenId"},
		{"13-digit number", person, func(a *Applicant) { a.CitizenID = "0381900001234" }, CodeBadCitizenID, "applicant.citizenId"},
		{"9-digit old ID card", person, func(a *Applicant) { a.CitizenID = "038190000" }, CodeBadCitizenID, "applicant.citizenId"},
		{"number with a space", person, func(a *Applicant) { a.CitizenID = "038190 000123" }, CodeBadCitizenID, "applicant.citizenId"},
		{"Arabic-Indic digits", person, func(a *Applicant) { a.CitizenID = "٠٣٨١٩٠٠٠٠١٢٣" }, CodeBadCitizenID, "applicant.citizenId"},
		{"person with an org ID", person, func(a *Applicant) { a.OrgID = "2801234567" }, CodeKindMismatch, "applicant.orgId"},
		{"representative without a name", person, func(a *Applicant) { a.Representative = &Representative{Relation: "Con"} }, CodeBadValue, "applicant.representative.fullName"},
		{"representative's bad number", person, func(a *Applicant) {
			a.Representative = &Representative{FullName: "Trần Văn Nam", CitizenID: "123"}
		}, CodeBadCitizenID, "applicant.representative.citizenId"},

		{"organisation", company, func(*Applicant) {}, "", ""},
		{"branch code", company, func(a *Applicant) { a.OrgID = "2801234567-001" }, "", ""},
		{"organisation without an identifier", company, func(a *Applicant) { a.OrgID = "" }, "", ""},
		{"9-digit org ID", company, func(a *Applicant) { a.OrgID = "280123456" }, CodeBadOrgID, "applicant.orgId"},
		{"12-digit org ID", company, func(a *Applicant) { a.OrgID = "280123456789" }, CodeBadOrgID, "applicant.orgId"},
		{"branch of 2 digits", company, func(a *Applicant) { a.OrgID = "2801234567-01" }, CodeBadOrgID, "applicant.orgId"},
		{"branch without a hyphen", company, func(a *Applicant) { a.OrgID = "2801234567001" }, CodeBadOrgID, "applicant.orgId"},
		{"org ID with letters", company, func(a *Applicant) { a.OrgID = "MST2801234567" }, CodeBadOrgID, "applicant.orgId"},
		{"organisation with a personal number", company, func(a *Applicant) { a.CitizenID = "038090001111" }, CodeKindMismatch, "applicant.citizenId"},
		{"organisation without a representative", company, func(a *Applicant) { a.Representative = nil }, CodeRepresentativeRequired, "applicant.representative.fullName"},
		{"organisation's representative without a name", company, func(a *Applicant) { a.Representative.FullName = " " }, CodeRepresentativeRequired, "applicant.representative.fullName"},
		{"organisation's representative's bad number", company, func(a *Applicant) { a.Representative.CitizenID = "0380900011" }, CodeBadCitizenID, "applicant.representative.citizenId"},
	}
	for _, c := range cases {
		a := c.base()
		c.edit(&a)
		err := ValidateApplicant(a)
		got, field := CodeOf(err), ""
		if re, ok := err.(*RuleError); ok {
			field = re.Params["field"]
		}
		if got != c.code || field != c.field {
			t.Errorf("%s: %v (code %q field %q), want code %q field %q", c.name, err, got, field, c.code, c.field)
		}
	}
}

// TestReceivedApplicant: Check applies the applicant's rules to a
// reception, while Fold applies a received event whatever its applicant
// (an event from a peer is never refused).
func TestReceivedApplicant(t *testing.T) {
	cases := []struct {
		name        string
		applicant   Applicant
		code, field string
	}{
		{"organisation", company(), "", ""},
		{"override in the name", Applicant{FullName: "Hồng\u202e"}, CodeBadText, "applicant.fullName"},
		{"line break in the address", Applicant{FullName: "Hồng", Address: "Thôn 1\nxã X"}, CodeBadText, "applicant.address"},
		{"organisation without a representative", Applicant{Kind: ApplicantOrganisation, FullName: "HTX Đông Sơn"}, CodeRepresentativeRequired, "applicant.representative.fullName"},
		{"bad org ID", Applicant{Kind: ApplicantOrganisation, FullName: "HTX", OrgID: "1", Representative: &Representative{FullName: "A"}}, CodeBadOrgID, "applicant.orgId"},
	}
	for _, c := range cases {
		f := newFlow(t)
		b := f.received(day0, 0, 1)
		b.Applicant = c.applicant
		a, err := NewAction(b)
		if err != nil {
			t.Fatal(err)
		}
		err = Check(Dossier{}, a, clerk, day0, f.cal)
		field := ""
		if re, ok := err.(*RuleError); ok {
			field = re.Params["field"]
		}
		if CodeOf(err) != c.code || field != c.field {
			t.Errorf("%s: %v, want %q on %q", c.name, err, c.code, c.field)
		}
		f.force(clerk, b, day0)
		if f.d.Status != StatusReceived || f.d.Applicant.FullName != c.applicant.FullName {
			t.Errorf("%s: a synced reception folds to %s %q", c.name, f.d.Status, f.d.Applicant.FullName)
		}
	}
}

// TestCorrectApplicant: a correction of the applicant follows the same
// rules, value by value (naming changes[i].new) and as a whole once
// corrected (naming the applicant's field).
func TestCorrectApplicant(t *testing.T) {
	type ch = Change
	cases := []struct {
		name        string
		changes     []Change
		code, field string
	}{
		{"name", []ch{{Field: "applicant.fullName", Old: "Nguyễn Thị Hồng", New: "Nguyễn Thị Hồng Anh"}}, "", ""},
		{"name with an override", []ch{{Field: "applicant.fullName", Old: "Nguyễn Thị Hồng", New: "Hồng\u202e"}}, CodeBadText, "changes[0].new"},
		{"address with a tab", []ch{{Field: "applicant.address", Old: "Thôn 3, xã Quảng Phú", New: "Thôn\t3"}}, CodeBadText, "changes[0].new"},
		{"phone with invalid UTF-8", []ch{{Field: "applicant.phone", Old: "0912345678", New: "09\xff"}}, CodeBadText, "changes[0].new"},
		{"number of 11 digits", []ch{{Field: "applicant.citizenId", Old: "038190000123", New: "03819000012"}}, CodeBadCitizenID, "changes[0].new"},
		{"add a representative", []ch{
			{Field: "applicant.representative.fullName", New: "Trần Văn Nam"},
			{Field: "applicant.representative.citizenId", New: "038090002222"},
			{Field: "applicant.representative.relation", New: "Chồng"},
		}, "", ""},
		{"representative's number of 3 digits", []ch{
			{Field: "applicant.representative.fullName", New: "Trần Văn Nam"},
			{Field: "applicant.representative.citizenId", New: "123"},
		}, CodeBadCitizenID, "changes[1].new"},
		{"representative's relation without a name", []ch{{Field: "applicant.representative.relation", New: "Con"}}, CodeBadValue, "applicant.representative.fullName"},
		{"representative's name with a line break", []ch{{Field: "applicant.representative.fullName", New: "Trần\nNam"}}, CodeBadText, "changes[0].new"},
		{"org ID on a person", []ch{{Field: "applicant.orgId", New: "2801234567"}}, CodeKindMismatch, "applicant.orgId"},
		{"unknown kind", []ch{{Field: "applicant.kind", New: "household"}}, CodeBadValue, "changes[0].new"},
		{"to an organisation, keeping the personal number", []ch{
			{Field: "applicant.kind", New: "organisation"}, {Field: "applicant.fullName", Old: "Nguyễn Thị Hồng", New: "HTX Quảng Phú"},
		}, CodeKindMismatch, "applicant.citizenId"},
		{"to an organisation without a representative", []ch{
			{Field: "applicant.kind", New: "organisation"}, {Field: "applicant.citizenId", Old: "038190000123", New: ""},
		}, CodeRepresentativeRequired, "applicant.representative.fullName"},
		{"to an organisation, in full", []ch{
			{Field: "applicant.kind", New: "organisation"}, {Field: "applicant.fullName", Old: "Nguyễn Thị Hồng", New: "HTX Quảng Phú"},
			{Field: "applicant.citizenId", Old: "038190000123", New: ""}, {Field: "applicant.orgId", New: "2801234567-002"},
			{Field: "applicant.representative.fullName", New: "Nguyễn Thị Hồng"}, {Field: "applicant.representative.citizenId", New: "038190000123"},
			{Field: "applicant.representative.relation", New: "Giám đốc"},
		}, "", ""},
		{"org ID of a bad shape", []ch{{Field: "applicant.orgId", New: "28012345"}}, CodeBadOrgID, "changes[0].new"},
	}
	for _, c := range cases {
		f := newFlow(t).to(StatusReceived)
		before := jsonOf(t, f.d)
		a, err := NewAction(&Corrected{Changes: c.changes, Reason: "Sai thông tin người nộp"})
		if err != nil {
			t.Fatal(err)
		}
		err = Check(f.d, a, admin, late0, f.cal)
		field := ""
		if re, ok := err.(*RuleError); ok {
			field = re.Params["field"]
		}
		if CodeOf(err) != c.code || field != c.field {
			t.Errorf("%s: %v (field %q), want %q on %q", c.name, err, field, c.code, c.field)
			continue
		}
		if jsonOf(t, f.d) != before {
			t.Errorf("%s: Check changed the dossier", c.name)
		}
		if err == nil {
			f.do(admin, &Corrected{Changes: c.changes, Reason: "Sai thông tin người nộp"}, late0)
			for _, x := range c.changes {
				if v, _ := FieldValue(f.d, x.Field); v != x.New {
					t.Errorf("%s: %s = %q after the correction, want %q", c.name, x.Field, v, x.New)
				}
			}
		}
	}
	// Clearing every field of the representative removes it.
	f := newFlow(t).to(StatusReceived)
	f.do(admin, &Corrected{Changes: []Change{{Field: "applicant.representative.fullName", New: "Trần Văn Nam"}}, Reason: "x"}, late0)
	f.do(admin, &Corrected{Changes: []Change{{Field: "applicant.representative.fullName", Old: "Trần Văn Nam", New: ""}}, Reason: "x"}, late0)
	if f.d.Applicant.Representative != nil {
		t.Errorf("representative %+v", f.d.Applicant.Representative)
	}
}
