package dossier

import "testing"

// TestCitizenIDPlace: the first three digits of a personal identification
// number name a province of the shipped list, or a country of a birth
// registered abroad; any other three digits name nothing.
func TestCitizenIDPlace(t *testing.T) {
	for _, c := range []struct {
		id, name string
		ok       bool
	}{
		{"038190000123", "Thanh Hóa", true},
		{"001090000456", "Hà Nội", true},
		{"096300000001", "Cà Mau", true},
		{"079305123456", "Thành phố Hồ Chí Minh", true},
		{"286200000002", "", true},  // a birth registered abroad
		{"003190000123", "", false}, // no province 003
		{"097190000123", "", false},
		{"100190000123", "", false},
		{"999190000123", "", false},
		{"03", "", false},
		{"ab8190000123", "", false},
	} {
		name, ok := CitizenIDPlace(c.id)
		if name != c.name || ok != c.ok {
			t.Errorf("CitizenIDPlace(%q) = %q, %v; want %q, %v", c.id, name, ok, c.name, c.ok)
		}
	}
}

// TestIDCodesData: the shipped list holds the 63 provinces, each code once,
// with its legal basis; a damaged list is refused, not half read.
func TestIDCodesData(t *testing.T) {
	c, err := parseIDCodes(idCodesJSON)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Provinces) != 63 || c.Basis == "" {
		t.Errorf("%d provinces, basis %q; want 63 and a basis", len(c.Provinces), c.Basis)
	}
	for _, bad := range []string{
		`{`, `{"provinces":[]}`,
		`{"provinces":[{"code":"38","name":"Thanh Hóa"}]}`,
		`{"provinces":[{"code":"038","name":"Thanh Hóa"},{"code":"038","name":"Thanh Hóa"}]}`,
		`{"provinces":[{"code":"038","name":""}]}`,
		`{"provinces":[{"code":"038","name":"Thanh Hóa"}],"abroad":[{"from":"295","to":"101"}]}`,
	} {
		if _, err := parseIDCodes([]byte(bad)); err == nil {
			t.Errorf("parseIDCodes(%s) accepted", bad)
		}
	}
}

// TestCitizenIDStructure: a number of 12 digits whose first three digits
// name no place is refused with CodeBadCitizenID, reason "place" and the
// three digits, for the applicant, the representative and a correction.
func TestCitizenIDStructure(t *testing.T) {
	a := person()
	a.CitizenID = "003190000123"
	re, ok := ValidateApplicant(a).(*RuleError)
	if !ok || re.Code != CodeBadCitizenID || re.Params["field"] != "applicant.citizenId" || re.Params["reason"] != "place" || re.Params["prefix"] != "003" {
		t.Errorf("unknown province: %#v", re)
	}
	b := company()
	b.Representative.CitizenID = "999090001111"
	if re, ok := ValidateApplicant(b).(*RuleError); !ok || re.Code != CodeBadCitizenID || re.Params["field"] != "applicant.representative.citizenId" {
		t.Errorf("representative's unknown province: %#v", re)
	}
	a = person()
	a.CitizenID = "286200000002"
	if err := ValidateApplicant(a); err != nil {
		t.Errorf("a number of a birth abroad: %v", err)
	}
	d := Dossier{Applicant: person()}
	err := validateCorrected(&d, &Corrected{Changes: []Change{{Field: "applicant.citizenId", Old: "038190000123", New: "100190000123"}}, Reason: "sai số"})
	if err == nil || err.Code != CodeBadCitizenID || err.Params["reason"] != "place" {
		t.Errorf("correction to an unknown province: %#v", err)
	}
}

// TestApplicantPhone: a mobile number (10 digits, 0…) and a fixed line (11
// digits, 02…) pass; other shapes are refused naming applicant.phone, and
// an empty phone is no problem.
func TestApplicantPhone(t *testing.T) {
	for phone, good := range map[string]bool{
		"":             true,
		"0912345678":   true,
		"02373888999":  true, // Thanh Hóa's area code 0237
		"02438221234":  true, // Hà Nội, 024
		"09123456789":  false,
		"0912 345 678": false, // the desk sends digits only
		"091234567":    false,
		"2373888999":   false,
		"+84912345678": false,
		"012345678901": false,
	} {
		a := person()
		a.Phone = phone
		err := ValidateApplicant(a)
		if good && err != nil {
			t.Errorf("phone %q: %v", phone, err)
		}
		if re, ok := err.(*RuleError); !good && (!ok || re.Code != CodeBadValue || re.Params["field"] != "applicant.phone") {
			t.Errorf("phone %q: %v, want bad_value on applicant.phone", phone, err)
		}
	}
	d := Dossier{Applicant: person()}
	if err := validateCorrected(&d, &Corrected{Changes: []Change{{Field: "applicant.phone", Old: "0912345678", New: "12345"}}, Reason: "sai số"}); err == nil || err.Params["field"] != "changes[0].new" {
		t.Errorf("correction to a bad phone: %#v", err)
	}
	if err := validateCorrected(&d, &Corrected{Changes: []Change{{Field: "applicant.phone", Old: "0912345678", New: "02373888999"}}, Reason: "số bàn"}); err != nil {
		t.Errorf("correction to a fixed line: %v", err)
	}
}
