package iso

import (
	"errors"
	"testing"
	"time"
)

var zone = time.FixedZone("ICT", 7*3600)

func TestDefaultRegisterIsValidAndPlacesEveryDossier(t *testing.T) {
	r := DefaultRegister()
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		procedure, sector, want string
		years                   int
	}{
		{"2.000884", "Chứng thực", "chung-thuc-chu-ky", 2},
		{"2.001035", "Chứng thực", "chung-thuc-hop-dong", 20},
		{"1.001193", "Hộ tịch", "ho-tich", Permanent},
		{"1.004222", "Cư trú", "tthc-khac", 5},
		// A copy certified from its original: the office keeps no copy,
		// so it falls to the general line.
		{"2.000815", "Chứng thực", "tthc-khac", 5},
	} {
		c, ok := r.ClassOf(tc.procedure, tc.sector)
		if !ok || c.ID != tc.want || c.RetentionYears != tc.years {
			t.Errorf("ClassOf(%s, %s) = %s %d years, want %s %d", tc.procedure, tc.sector, c.ID, c.RetentionYears, tc.want, tc.years)
		}
	}
}

func TestRegisterValidate(t *testing.T) {
	line := func(id string) RecordClass {
		return RecordClass{ID: id, Name: "Hồ sơ " + id, Kept: StoredInSystem, RetentionYears: 5}
	}
	for _, tc := range []struct {
		name  string
		mod   func(r *Register)
		field string
	}{
		{"empty", func(r *Register) { r.Classes = nil }, "classes"},
		{"bad id", func(r *Register) { r.Classes[0].ID = "có dấu" }, "id"},
		{"two ids", func(r *Register) { r.Classes[1].ID = "a" }, "id"},
		{"no name", func(r *Register) { r.Classes[0].Name = "  " }, "name"},
		{"nowhere", func(r *Register) { r.Classes[0].Kept = "cloud" }, "kept"},
		{"negative", func(r *Register) { r.Classes[0].RetentionYears = -1 }, "retentionYears"},
		{"too long", func(r *Register) { r.Classes[0].RetentionYears = MaxRetentionYears + 1 }, "retentionYears"},
		{"one procedure twice", func(r *Register) {
			r.Classes[0].Procedures = []string{"2.000884"}
			r.Classes[1].Procedures = []string{"2.000884"}
		}, "procedures"},
		{"two others", func(r *Register) { r.Classes[0].Other, r.Classes[1].Other = true, true }, "classes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Register{Classes: []RecordClass{line("a"), line("b")}}
			tc.mod(&r)
			var re *RegisterError
			if err := r.Validate(); !errors.As(err, &re) || re.Field != tc.field {
				t.Fatalf("got %v, want a refusal of %s", err, tc.field)
			}
		})
	}
}

func TestRetentionCountsWholeYearsAfterClosing(t *testing.T) {
	closed := time.Date(2024, 12, 31, 23, 0, 0, 0, zone)
	for _, tc := range []struct {
		years int
		asOf  time.Time
		due   bool
	}{
		{2, time.Date(2026, 12, 31, 23, 59, 0, 0, zone), false},
		{2, time.Date(2027, 1, 1, 0, 0, 0, 0, zone), true},
		{20, time.Date(2044, 12, 31, 0, 0, 0, 0, zone), false},
		{20, time.Date(2045, 1, 1, 0, 0, 0, 0, zone), true},
		{Permanent, time.Date(2999, 1, 1, 0, 0, 0, 0, zone), false},
	} {
		if got := Due(closed, tc.years, tc.asOf, zone); got != tc.due {
			t.Errorf("%d years at %s: due %v, want %v", tc.years, tc.asOf.Format(time.DateOnly), got, tc.due)
		}
	}
	// The closing instant counts in Vietnam: 31 Dec 2024 23:00 ICT is
	// still 2024 there although it is 2024 in UTC too; 1 Jan 2025 01:00 ICT
	// is 2024 in UTC but 2025 in Vietnam.
	newYear := time.Date(2025, 1, 1, 1, 0, 0, 0, zone)
	if got := DueFrom(newYear, 2, zone); got.Year() != 2028 {
		t.Fatalf("closed at %s: due from %s, want 2028", newYear, got)
	}
	if !DueFrom(time.Time{}, 2, zone).IsZero() {
		t.Fatal("a record not closed is due")
	}
}
