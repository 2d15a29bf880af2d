package app

import (
	"testing"

	"hoso/calendar"
)

func TestCalendarService(t *testing.T) {
	e := newEnv(t)
	admin := e.setup(t)

	var due DueDateReply
	// Friday 13 February 2026, the last working day before Tết: a same-day
	// procedure received at 15:01 is due the first working day after Tết.
	e.mustCall(t, admin, "Calendar.DueDate", DueDateRequest{Received: "2026-02-13T15:01:00+07:00", WorkingDays: 0}, &due)
	if due.ReceptionDay != "2026-02-23" {
		t.Fatalf("due %+v", due)
	}
	e.mustCall(t, admin, "Calendar.DueDate", DueDateRequest{Received: "2026-02-13T14:59:00+07:00", WorkingDays: 0}, &due)
	if due.Due != "2026-02-13T17:00:00+07:00" {
		t.Fatalf("before 15:00: %+v", due)
	}
	if err := e.call(t, admin, "Calendar.DueDate", DueDateRequest{Received: "13/02/2026", WorkingDays: 1}, nil); err == nil || err.Field != "received" {
		t.Fatalf("bad time: %v", err)
	}

	var hol HolidaysReply
	e.mustCall(t, admin, "Calendar.Holidays", YearRequest{Year: 2027}, &hol)
	names := map[string]string{}
	for _, h := range hol.Holidays {
		names[h.Date.String()] = h.Name
	}
	if names["2027-01-01"] == "" || names["2027-09-02"] == "" || names["2027-02-06"] == "" {
		t.Fatalf("2027 holidays %v", names)
	}

	// An administrator gives Monday 4 January 2027 off: due dates follow.
	e.mustCall(t, admin, "Calendar.DueDate", DueDateRequest{Received: "2026-12-31T09:00:00+07:00", WorkingDays: 1}, &due)
	before := due.Due
	d, _ := calendar.ParseDate("2027-01-04")
	e.mustCall(t, admin, "Calendar.SetOverride", OverrideRequest{Override: calendar.Override{Year: 2027, ExtraDaysOff: []calendar.NamedDate{{Date: d, Name: "Nghỉ bù"}}}}, &hol)
	e.mustCall(t, admin, "Calendar.DueDate", DueDateRequest{Received: "2026-12-31T09:00:00+07:00", WorkingDays: 1}, &due)
	if due.Due == before || due.Due != "2027-01-05T17:00:00+07:00" {
		t.Fatalf("after the override due %s (before %s)", due.Due, before)
	}
	// A bad override is refused with the field at fault, and nothing changes.
	sat, _ := calendar.ParseDate("2027-01-09")
	err := e.call(t, admin, "Calendar.SetOverride", OverrideRequest{Override: calendar.Override{Year: 2027, ExtraDaysOff: []calendar.NamedDate{{Date: sat}}}}, nil)
	if err == nil || err.Code != CodeInvalidInput || err.Field == "" {
		t.Fatalf("bad override: %v", err)
	}
	e.mustCall(t, admin, "Calendar.Holidays", YearRequest{Year: 2027}, &hol)
	if hol.Override == nil || len(hol.Override.ExtraDaysOff) != 1 {
		t.Fatalf("the override changed: %+v", hol.Override)
	}
	e.mustCall(t, admin, "Calendar.RemoveOverride", YearRequest{Year: 2027}, &hol)
	e.mustCall(t, admin, "Calendar.DueDate", DueDateRequest{Received: "2026-12-31T09:00:00+07:00", WorkingDays: 1}, &due)
	if due.Due != before {
		t.Fatalf("after removing the override: %s, want %s", due.Due, before)
	}
}

func TestOverrideErrorsAreNamedWithinTheOverride(t *testing.T) {
	e := newEnv(t)
	admin := e.setup(t)
	sat, _ := calendar.ParseDate("2027-01-09")
	err := e.call(t, admin, "Calendar.SetOverride", OverrideRequest{Override: calendar.Override{Year: 2027, ExtraDaysOff: []calendar.NamedDate{{Date: sat}}}}, nil)
	if err == nil || err.Field != "override.extraDaysOff[0].date" && err.Field != "override.extraDaysOff[0]" {
		t.Fatalf("field %q", err.Field)
	}
}

func TestSetupWithAParentNotHereYet(t *testing.T) {
	e := newEnv(t)
	var r LoginReply
	e.mustCall(t, "", "Setup.Office", SetupRequest{
		Office: OfficeRecord{Code: "38001", Name: "UBND xã Đông Sơn", Parent: "405"},
		Admin:  AdminAccount{Username: "admin", FullName: "A", Password: "12345678"},
	}, &r)
	var o OfficeRecord
	e.mustCall(t, r.Session, "Offices.Get", CodeRequest{Code: "38001"}, &o)
	if o.Parent != "405" {
		t.Fatalf("office %+v", o)
	}
}

// The node's calendar is kept while no office, rule or override is written
// (a receipt reads it and must not read its inputs again), and built again
// when one is.
func TestCalendarKeptUntilItsInputsChange(t *testing.T) {
	e := newEnv(t)
	admin := e.setup(t)
	first, err := e.s.Calendar.calendarFor(e.st)
	if err != nil {
		t.Fatal(err)
	}
	// A write the calendar does not read: a user.
	e.mustCall(t, admin, "Users.Save", SaveUserRequest{Username: "vanthu2", FullName: "Nguyễn Thị Hồng", Office: "38001", Roles: []Role{RoleClerk}, Password: "matkhau-dai"}, nil)
	again, err := e.s.Calendar.calendarFor(e.st)
	if err != nil {
		t.Fatal(err)
	}
	if again != first || e.s.Calendar.reads != 1 {
		t.Fatalf("a write the calendar does not read had its inputs read again (%d readings)", e.s.Calendar.reads)
	}
	d, _ := calendar.ParseDate("2027-01-04")
	e.mustCall(t, admin, "Calendar.SetOverride", OverrideRequest{Override: calendar.Override{Year: 2027, ExtraDaysOff: []calendar.NamedDate{{Date: d, Name: "Nghỉ bù"}}}}, nil)
	after, err := e.s.Calendar.calendarFor(e.st)
	if err != nil {
		t.Fatal(err)
	}
	if working, err := after.IsWorkingDay(d); after == first || err != nil || working {
		t.Fatalf("an override left the calendar as it was (working %v, %v)", working, err)
	}
}
