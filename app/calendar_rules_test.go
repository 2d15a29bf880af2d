package app

import (
	"testing"
	"time"

	"hoso/calendar"
	"hoso/store"
)

// districtEnv sets up this node as district 405 under province 38, with
// its communes 38001 and 38002, and returns the admin's session.
func districtEnv(t *testing.T) (*testEnv, string) {
	t.Helper()
	e := newEnv(t)
	var r LoginReply
	e.mustCall(t, "", "Setup.Office", SetupRequest{
		Office: OfficeRecord{Code: "405", Name: "UBND huyện Đông Sơn", Parent: "38"},
		Admin:  AdminAccount{Username: "admin", FullName: "Lê Văn Quản", Password: "mật khẩu quản trị"},
	}, &r)
	for _, o := range []OfficeRecord{{Code: "38", Name: "UBND tỉnh Thanh Hóa"}, {Code: "38001", Name: "UBND xã Đông Hòa", Parent: "405"}, {Code: "38002", Name: "UBND xã Đông Yên", Parent: "405"}} {
		e.mustCall(t, r.Session, "Offices.Save", o, nil)
	}
	return e, r.Session
}

// publish records rules as office would, as if they came by sync.
func publish(t *testing.T, e *testEnv, office, subjectOffice string, r CalendarRules) {
	t.Helper()
	if _, err := e.st.Append(store.Draft{Actor: "u-" + office, Owner: office, Kind: kindCalendarRules,
		Subject: calendarRulesPrefix + subjectOffice, Body: mustJSON(r)}); err != nil {
		t.Fatal(err)
	}
}

func withSolar(month time.Month, day int, name string) calendar.Rules {
	r := calendar.DefaultRules()
	r.Solar = append(r.Solar, calendar.SolarHoliday{Month: month, Day: day, Name: name, NameEN: name})
	return r
}

func dueOf(t *testing.T, e *testEnv, session, received string, wd int) string {
	t.Helper()
	var due DueDateReply
	e.mustCall(t, session, "Calendar.DueDate", DueDateRequest{Received: received, WorkingDays: wd}, &due)
	return due.Due[:10]
}

func TestCalendarRulesApplyOnlyFromAbove(t *testing.T) {
	e, admin := districtEnv(t)
	const monday = "2026-11-23T09:00:00+07:00"
	if got := dueOf(t, e, admin, monday, 1); got != "2026-11-24" {
		t.Fatalf("before any rule: %s", got)
	}
	culture := CalendarRules{Rules: withSolar(time.November, 24, "Ngày Văn hóa Việt Nam"), Basis: "Nghị quyết … [verify]", Effective: "2026-01-01"}
	cases := []struct {
		name   string
		office string // the event's owner
		as     string // the office in the subject
		rules  CalendarRules
		want   string
	}{
		// A commune's rule never governs its district.
		{"commune", "38001", "38001", CalendarRules{Rules: withSolar(time.November, 24, "Ngày của xã"), Basis: "x", Effective: "2026-01-01"}, "2026-11-24"},
		// Nor one written by a commune under its province's name.
		{"forged", "38001", "38", culture, "2026-11-24"},
		// Nor the province's rule before its effective date.
		{"not yet", "38", "38", CalendarRules{Rules: culture.Rules, Basis: "x", Effective: "2026-11-25"}, "2026-11-24"},
		// The province's rule, from its date, does.
		{"province", "38", "38", culture, "2026-11-25"},
	}
	for _, c := range cases {
		publish(t, e, c.office, c.as, c.rules)
		if got := dueOf(t, e, admin, monday, 1); got != c.want {
			t.Fatalf("%s: due %s, want %s", c.name, got, c.want)
		}
	}
	// The year before the rule keeps its answer.
	if got := dueOf(t, e, admin, "2025-11-21T09:00:00+07:00", 1); got != "2025-11-24" {
		t.Fatalf("2025: %s", got)
	}
	var rr CalendarRulesReply
	e.mustCall(t, admin, "Calendar.Rules", CalendarRulesRequest{}, &rr)
	if rr.Office != "405" || len(rr.Timeline) != 3 || rr.Timeline[0].Office != "" || rr.Timeline[1].ID() != "38@2" || rr.Timeline[2].Effective != "2026-11-25" || len(rr.Own) != 0 {
		t.Fatalf("rules at 405: %+v", rr)
	}
	// The district's own publication governs it and its communes, and
	// wins over the province's of the same date.
	mine := CalendarRules{Rules: calendar.DefaultRules(), Basis: "Quyết định của huyện", Effective: "2026-01-01"}
	e.mustCall(t, admin, "Calendar.SetRules", mine, &rr)
	if got := dueOf(t, e, admin, monday, 1); got != "2026-11-24" {
		t.Fatalf("the district's own rules: due %s", got)
	}
	if len(rr.Own) != 1 || rr.Own[0].Basis != mine.Basis || rr.Own[0].Office != "405" || rr.Own[0].Actor == "" {
		t.Fatalf("own %+v", rr.Own)
	}
	// A later province rule takes over from its date.
	publish(t, e, "38", "38", CalendarRules{Rules: culture.Rules, Basis: "y", Effective: "2026-06-01"})
	if got := dueOf(t, e, admin, monday, 1); got != "2026-11-25" {
		t.Fatalf("the province's later rule: due %s", got)
	}
	// What a dossier records.
	used, err := e.s.Calendar.rulesUsed(e.st, time.Date(2026, 11, 23, 9, 0, 0, 0, calendar.Zone))
	if err != nil || used["calendar"] != "38@3" {
		t.Fatalf("rules used %v %v", used, err)
	}
	used, _ = e.s.Calendar.rulesUsed(e.st, time.Date(2026, 3, 2, 9, 0, 0, 0, calendar.Zone))
	if used["calendar"] != "405@1" {
		t.Fatalf("rules used in March %v", used)
	}
}

func TestCalendarSetRulesRefusesWhatIsWrong(t *testing.T) {
	e, admin := districtEnv(t)
	bad := withSolar(time.February, 30, "x")
	for _, c := range []struct {
		req   CalendarRules
		field string
	}{
		{CalendarRules{Rules: calendar.DefaultRules(), Effective: "2026-01-01"}, "basis"},
		{CalendarRules{Rules: calendar.DefaultRules(), Basis: "b", Effective: "1/1/2026"}, "effective"},
		{CalendarRules{Rules: bad, Basis: "b", Effective: "2026-01-01"}, "rules.solar[4]"},
		{CalendarRules{Rules: calendar.DefaultRules(), Due: calendar.DueRules{Cutoff: 17 * 60, DueTime: 9 * 60}, Basis: "b", Effective: "2026-01-01"}, "due.dueTime"},
	} {
		if err := e.call(t, admin, "Calendar.SetRules", c.req, nil); err == nil || err.Code != CodeInvalidInput || err.Field != c.field {
			t.Errorf("%+v: %v", c.req, err)
		}
	}
	// A clerk may read them, not publish them.
	e.mustCall(t, admin, "Users.Save", SaveUserRequest{Username: "hong", FullName: "Nguyễn Thị Hồng", Office: "405", Roles: []Role{RoleClerk}, Password: "mật khẩu hồng"}, nil)
	var login LoginReply
	e.mustCall(t, "", "Auth.Login", LoginRequest{Username: "hong", Password: "mật khẩu hồng"}, &login)
	e.mustCall(t, login.Session, "Calendar.Rules", CalendarRulesRequest{}, nil)
	if err := e.call(t, login.Session, "Calendar.SetRules", CalendarRules{Rules: calendar.DefaultRules(), Basis: "b", Effective: "2026-01-01"}, nil); err == nil || err.Code != CodeForbidden {
		t.Fatalf("a clerk publishing: %v", err)
	}
	// Rules that contradict a recorded override of a year they govern are
	// refused: six days of Tết against the five decided for 2027.
	tet, _ := calendar.LunarNewYear(2027)
	five := []calendar.Date{tet.AddDays(-1), tet, tet.AddDays(1), tet.AddDays(2), tet.AddDays(3)}
	e.mustCall(t, admin, "Calendar.SetOverride", OverrideRequest{Override: calendar.Override{Year: 2027, TetDays: five}}, nil)
	six := calendar.DefaultRules()
	six.Tet = []calendar.TetRule{{Offsets: []int{-2, -1, 0, 1, 2, 3}, Name: "Tết", NameEN: "Tet"}}
	if err := e.call(t, admin, "Calendar.SetRules", CalendarRules{Rules: six, Basis: "b", Effective: "2027-01-01"}, nil); err == nil || err.Code != CodeInvalidInput {
		t.Fatalf("rules against an override: %v", err)
	}
}

func TestOverridesApplyOnlyFromAbove(t *testing.T) {
	e, admin := districtEnv(t)
	const thursday = "2026-12-31T09:00:00+07:00" // 1 working day: Monday 4 January 2027
	jan4, _ := calendar.ParseDate("2027-01-04")
	jan5, _ := calendar.ParseDate("2027-01-05")
	override := func(office string, d calendar.Date) {
		t.Helper()
		if _, err := e.st.Append(store.Draft{Actor: "u", Owner: office, Kind: kindOverrideSet, Subject: "calendar/2027",
			Body: mustJSON(calendar.Override{Year: 2027, ExtraDaysOff: []calendar.NamedDate{{Date: d}}})}); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		office string
		day    calendar.Date
		want   string
	}{
		{"38001", jan4, "2027-01-04"}, // a commune's: not here
		{"38", jan4, "2027-01-05"},    // the province's
		{"38002", jan5, "2027-01-05"}, // another commune's, after the province's: not here
	} {
		override(c.office, c.day)
		if got := dueOf(t, e, admin, thursday, 1); got != c.want {
			t.Fatalf("after %s's override: due %s, want %s", c.office, got, c.want)
		}
	}
	var hol HolidaysReply
	e.mustCall(t, admin, "Calendar.Holidays", YearRequest{Year: 2027}, &hol)
	if hol.OverrideOffice != "38" || hol.Override == nil || hol.Override.ExtraDaysOff[0].Date != jan4 {
		t.Fatalf("override in force %+v from %q", hol.Override, hol.OverrideOffice)
	}
	// The district's own override wins over the province's, and removing
	// it brings the province's back.
	e.mustCall(t, admin, "Calendar.SetOverride", OverrideRequest{Override: calendar.Override{Year: 2027, ExtraDaysOff: []calendar.NamedDate{{Date: jan5}}}}, &hol)
	if got := dueOf(t, e, admin, thursday, 1); got != "2027-01-04" || hol.OverrideOffice != "405" {
		t.Fatalf("the district's own override: due %s, from %q", got, hol.OverrideOffice)
	}
	e.mustCall(t, admin, "Calendar.RemoveOverride", YearRequest{Year: 2027}, &hol)
	if got := dueOf(t, e, admin, thursday, 1); got != "2027-01-05" || hol.OverrideOffice != "38" {
		t.Fatalf("after removing it: due %s, from %q", got, hol.OverrideOffice)
	}
}

// Report rules and templates written by a commune under its district's
// name are ignored; the district's own apply.
func TestReportRulesAndTemplatesOnlyFromTheirOwnOffice(t *testing.T) {
	e, admin := districtEnv(t)
	var rr RulesReply
	e.mustCall(t, admin, "Reports.Rules", RulesRequest{}, &rr)
	changed := rr.Rules
	changed.DueSoonDays++
	var tr TemplatesReply
	e.mustCall(t, admin, "Print.Templates", TemplatesRequest{}, &tr)
	tpl := tr.Templates[0].Template
	tpl.Title = "Giả mạo"
	for _, d := range []store.Draft{
		{Actor: "u", Owner: "38001", Kind: kindReportRulesSet, Subject: reportRulesPrefix + "405", Body: mustJSON(changed)},
		{Actor: "u", Owner: "38001", Kind: kindTemplateSet, Subject: templateSubject("405", tpl.Set, tpl.Doc), Body: mustJSON(tpl)},
	} {
		if _, err := e.st.Append(d); err != nil {
			t.Fatal(err)
		}
	}
	var after RulesReply
	e.mustCall(t, admin, "Reports.Rules", RulesRequest{}, &after)
	if after.Rules.DueSoonDays != rr.Rules.DueSoonDays {
		t.Fatalf("a commune's report rules apply at its district: %+v", after.Rules)
	}
	e.mustCall(t, admin, "Print.Templates", TemplatesRequest{}, &tr)
	if tr.Templates[0].Source != "" || tr.Templates[0].Template.Title == "Giả mạo" {
		t.Fatalf("a commune's template applies at its district: %+v", tr.Templates[0])
	}
	// The district's own do.
	e.mustCall(t, admin, "Reports.SetRules", SetRulesRequest{Rules: changed}, &after)
	if after.Rules.DueSoonDays != changed.DueSoonDays {
		t.Fatalf("the district's own report rules: %+v", after.Rules)
	}
}
