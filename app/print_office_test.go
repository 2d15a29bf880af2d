package app

import (
	"testing"
	"time"

	"hoso/calendar"
)

// TestPaperHeadersFollowTheTwoTierState: a commune's papers name the
// office above it that existed on the paper's date, never a district
// abolished by then; an office's own header heads its papers under its
// name.
func TestPaperHeadersFollowTheTwoTierState(t *testing.T) {
	e := newEnv(t)
	admin := e.setup(t)
	for _, o := range []OfficeRecord{
		{Code: "38", Name: "UBND tỉnh Thanh Hóa"},
		{Code: "405", Name: "UBND huyện Đông Sơn", Parent: "38", Ended: "2025-07-01"},
		{Code: "38001", Name: "UBND xã Đông Sơn", Parent: "405", Phone: "0237 3690 001"},
		{Code: "38002", Name: "UBND xã Đông Hòa", Parent: "38", Header: "Trung tâm Phục vụ hành chính công xã Đông Hòa"},
	} {
		e.mustCall(t, admin, "Offices.Save", o, nil)
	}
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 9, 0, 0, 0, calendar.Zone) }
	for _, c := range []struct {
		office         string
		on             time.Time
		name, parent   string
		place, comment string
	}{
		{"38001", day(2025, 6, 30), "UBND xã Đông Sơn", "UBND huyện Đông Sơn", "Đông Sơn", "the day before the reform: the district still heads"},
		{"38001", day(2025, 7, 1), "UBND xã Đông Sơn", "UBND tỉnh Thanh Hóa", "Đông Sơn", "from 1 July 2025 the province heads"},
		{"38001", day(2026, 12, 7), "UBND xã Đông Sơn", "UBND tỉnh Thanh Hóa", "Đông Sơn", "today"},
		{"38002", day(2026, 12, 7), "Trung tâm Phục vụ hành chính công xã Đông Hòa", "UBND xã Đông Hòa", "Đông Hòa", "the centre under its commune"},
		{"405", day(2025, 3, 1), "UBND huyện Đông Sơn", "UBND tỉnh Thanh Hóa", "Đông Sơn", "the district's own old papers"},
	} {
		got := printOffice(e.st, c.office, c.on)
		if got.Name != c.name || got.ParentName != c.parent || got.Place != c.place {
			t.Errorf("%s: %s on %s = %+v", c.comment, c.office, c.on.Format(time.DateOnly), got)
		}
	}
}

func TestOfficeRecordRefusesBadHeaderPhoneAndEnd(t *testing.T) {
	e := newEnv(t)
	admin := e.setup(t)
	for _, c := range []struct {
		o     OfficeRecord
		field string
	}{
		{OfficeRecord{Code: "38002", Name: "UBND xã A", Header: "Trung tâm\u202eXYZ"}, "header"},
		{OfficeRecord{Code: "38002", Name: "UBND xã A", Header: "Trung tâm\nhai dòng"}, "header"},
		{OfficeRecord{Code: "38002", Name: "UBND xã \u0007A"}, "name"},
		{OfficeRecord{Code: "38002", Name: "UBND xã A", Phone: "gọi tôi"}, "phone"},
		{OfficeRecord{Code: "38002", Name: "UBND xã A", Ended: "1/7/2025"}, "ended"},
		{OfficeRecord{Code: "38002", Name: "UBND xã A", Ended: "2025-02-30"}, "ended"},
	} {
		err := e.call(t, admin, "Offices.Save", c.o, nil)
		if err == nil || err.Code != CodeInvalidInput || err.Field != c.field {
			t.Errorf("%+v: got %v, want a field error on %s", c.o, err, c.field)
		}
	}
	var list OfficeList
	e.mustCall(t, admin, "Offices.List", nil, &list)
	for _, o := range list.Offices {
		if o.Code == "38002" {
			t.Fatalf("a refused office was saved: %+v", o)
		}
	}
}
