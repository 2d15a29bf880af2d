package dossier

import (
	"bytes"
	"slices"
	"testing"
	"time"
)

// TestFoldName folds Vietnamese names for search.
func TestFoldName(t *testing.T) {
	cases := map[string]string{
		"Nguyễn Thị Hồng":         "nguyen thi hong",
		"NGUYỄN THỊ HỒNG":         "nguyen thi hong",
		"  nguyen   thi\thong ":   "nguyen thi hong",
		"Đặng Văn Đức":            "dang van duc",
		"Trương Quốc Ưng":         "truong quoc ung",
		"Lê Thị Ánh-Tuyết":        "le thi anh tuyet",
		"Hồ Sơ 38001-260302-0001": "ho so 38001 260302 0001",
		"Nguye\u0302\u0303n":      "nguyen", // already decomposed
		"":                        "",
		"!!!":                     "",
	}
	for in, want := range cases {
		if got := FoldName(in); got != want {
			t.Errorf("FoldName(%q) = %q, want %q", in, got, want)
		}
	}
	for _, q := range []string{"nguyen thi hong", "Nguyễn", "hong", "thi h", "HỒNG", ""} {
		if !NameMatches("Nguyễn Thị Hồng", q) {
			t.Errorf("%q does not match", q)
		}
	}
	for _, q := range []string{"hong nguyen", "thi hongg", "ong"} {
		if NameMatches("Nguyễn Thị Hồng", q) {
			t.Errorf("%q matches", q)
		}
	}
}

// TestIndexKeys lists the entries the store keeps for a dossier.
func TestIndexKeys(t *testing.T) {
	f := newFlow(t).to(StatusTransferred)
	keys := IndexKeys(f.d)
	z := func(ss ...string) [][]byte {
		var out [][]byte
		for _, s := range ss {
			out = append(out, append([]byte(s), 0))
		}
		return out
	}
	want := map[string][][]byte{
		IndexCode:      z("38001-260302-0001"),
		IndexName:      z("hong", "nguyen thi hong", "thi hong"),
		IndexCitizen:   z("038190000123"),
		IndexProcedure: z("1.001193"),
		IndexStatus:    {[]byte("transferred\x0020260302")},
		IndexOffice:    z(commune, district),
		IndexHolder:    z(district),
		IndexDue:       {[]byte("20260305")},
		IndexReceived:  {[]byte("20260302")},
		IndexReceiver:  {[]byte("u-clerk\x0020260302")},
	}
	// The digits a clerk may type: the code's tail and number, and every
	// tail of four digits or more of the identifier and the phone.
	digits := map[string]bool{}
	for _, k := range keys[IndexDigits] {
		digits[string(bytes.TrimSuffix(k, []byte{0}))] = true
	}
	for _, d := range []string{"260302-0001", "0001", "038190000123", "90000123", "0123", "0912345678", "345678", "5678"} {
		if !digits[d] {
			t.Errorf("digits: no %q in %q", d, keys[IndexDigits])
		}
	}
	if len(digits) != 2+9+7 || digits["123"] || digits["678"] || digits["38001-260302-0001"] {
		t.Errorf("digits: %q", keys[IndexDigits])
	}
	delete(keys, IndexDigits)
	if len(keys) != len(want) {
		t.Errorf("indexes %v", slices.Sorted(func(yield func(string) bool) {
			for k := range keys {
				if !yield(k) {
					return
				}
			}
		}))
	}
	for index, w := range want {
		if !slices.EqualFunc(keys[index], w, bytes.Equal) {
			t.Errorf("%s: %q, want %q", index, keys[index], w)
		}
	}
	// A prefix of a name finds it; the due key sorts by date.
	if !bytes.HasPrefix(keys[IndexName][1], []byte("nguyen thi h")) {
		t.Error("name prefix")
	}
	if bytes.Compare(DayKey(at(2026, time.February, 28, 9, 0)), DayKey(at(2026, time.March, 1, 9, 0))) >= 0 {
		t.Error("day keys do not sort by date")
	}
	// Waiting for a supplement, the dossier leaves the due index.
	g := newFlow(t).to(StatusSupplementRequested)
	if _, ok := IndexKeys(g.d)[IndexDue]; ok {
		t.Error("a dossier waiting for papers is in the due index")
	}
	if len(IndexKeys(Dossier{})) != 0 {
		t.Error("an empty dossier has index entries")
	}
}

// TestScale checks the default satisfaction scale.
func TestScale(t *testing.T) {
	s := DefaultScale()
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	if !s.Has(RatingVerySatisfied) || !s.Has("unsatisfied") || s.Has("Hài lòng") || s[1].VI != "Hài lòng" {
		t.Errorf("scale %+v", s)
	}
	if err := append(s, ScaleValue{Value: "satisfied", VI: "x"}).Validate(); CodeOf(err) != CodeBadValue {
		t.Errorf("a repeated value: %v", err)
	}
	f := newFlow(t).to(StatusResultAtDesk)
	f.do(clerk, &Returned{Recipient: "Nguyễn Thị Hồng", Rating: RatingVerySatisfied, Comment: "Nhanh"}, at(2026, time.March, 2, 16, 0))
	if r := f.d.Rating; r == nil || r.Value != RatingVerySatisfied || r.By != clerk.UserID {
		t.Errorf("rating %+v", r)
	}
	if err := Check(f.d, Action{Kind: KindRated}, clerk, late0, f.cal); CodeOf(err) != CodeAlreadyRated {
		t.Errorf("rating after a rated return: %v", err)
	}
}

// TestIndexKeysOfAnOrganisation: the organisation's name and identifier
// and its representative's name and number are all indexed, so a query
// finds the dossier by any of them.
func TestIndexKeysOfAnOrganisation(t *testing.T) {
	f := newFlow(t)
	b := f.received(day0, 0, 1)
	b.Applicant = Applicant{
		Kind: ApplicantOrganisation, FullName: "HTX Đông Sơn", OrgID: "2801234567-001",
		Representative: &Representative{FullName: "Lê Văn Tám", CitizenID: "038090001111", Relation: "Giám đốc"},
	}
	f.do(clerk, b, day0)
	keys := IndexKeys(f.d)
	z := func(ss ...string) [][]byte {
		var out [][]byte
		for _, s := range ss {
			out = append(out, append([]byte(s), 0))
		}
		return out
	}
	want := map[string][][]byte{
		IndexName:    z("dong son", "htx dong son", "le van tam", "son", "tam", "van tam"),
		IndexCitizen: z("038090001111", "2801234567-001"),
	}
	for index, w := range want {
		if !slices.EqualFunc(keys[index], w, bytes.Equal) {
			t.Errorf("%s: %q, want %q", index, keys[index], w)
		}
	}
}

// TestDigits reads typed numbers: separators left out, +84 as 0, and a
// letter makes the text no number at all.
func TestDigits(t *testing.T) {
	cases := map[string]string{
		"0912 345 678":    "0912345678",
		"+84 912.345.678": "0912345678",
		"(0237) 3852-345": "02373852345",
		" 038095001234 ":  "038095001234",
		"2801234567-001":  "2801234567001",
		"0912a":           "",
		"":                "",
	}
	for in, want := range cases {
		if got := Digits(in); got != want {
			t.Errorf("Digits(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestReceivedBy names the clerk the first step handed the dossier to,
// and no one before reception.
func TestReceivedBy(t *testing.T) {
	f := newFlow(t).to(StatusTransferred)
	if got := f.d.ReceivedBy(); got != clerk.UserID {
		t.Errorf("received by %q", got)
	}
	if got := (Dossier{}).ReceivedBy(); got != "" {
		t.Errorf("an empty dossier received by %q", got)
	}
}
