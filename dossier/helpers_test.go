package dossier

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"hoso/calendar"
	"hoso/catalog"
)

// The offices and users of the tests: a commune (38001) whose desk receives,
// and a second office (38100) that takes part through liên thông.
const (
	commune  = "38001"
	district = "38100"
)

var (
	clerk     = Actor{UserID: "u-clerk", Office: commune, Roles: []string{"clerk"}}
	clerk2    = Actor{UserID: "u-clerk2", Office: commune, Roles: []string{"clerk"}}
	officer   = Actor{UserID: "u-off", Office: commune, Roles: []string{"officer"}}
	officer2  = Actor{UserID: "u-off2", Office: commune, Roles: []string{"officer"}}
	leader    = Actor{UserID: "u-lead", Office: commune, Roles: []string{"leader"}}
	admin     = Actor{UserID: "u-admin", Office: commune, Roles: []string{"admin"}}
	dOfficer  = Actor{UserID: "u-doff", Office: district, Roles: []string{"officer"}}
	dLeader   = Actor{UserID: "u-dlead", Office: district, Roles: []string{"leader"}}
	dClerk    = Actor{UserID: "u-dclerk", Office: district, Roles: []string{"clerk"}}
	allActors = []Actor{clerk, officer, leader, admin, dOfficer, dLeader}
)

// testCal is the calendar of the Labour Code, with Tết 2026 on 16–20
// February.
func testCal(t testing.TB) *calendar.Calendar {
	t.Helper()
	c, err := calendar.New(calendar.Options{Rules: calendar.DefaultRules()})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// at returns a Vietnam wall-clock instant.
func at(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, calendar.Zone)
}

// birthProcedure is a 3-working-day procedure with the default step table.
func birthProcedure() ProcedureRef {
	p := catalog.Procedure{Code: "1.001193", Name: "Đăng ký khai sinh", TimeLimitWD: 3}
	return ProcedureRef{Code: p.Code, Name: p.Name, Version: 2, TimeLimitWD: p.TimeLimitWD, Steps: catalog.DefaultSteps(p)}
}

// flow writes a dossier's events the way a service does: it checks each
// action, turns it into an Input and folds it.
type flow struct {
	t      testing.TB
	cal    *calendar.Calendar
	d      Dossier
	inputs []Input
	n      int
}

func newFlow(t testing.TB) *flow { return &flow{t: t, cal: testCal(t)} }

// input builds the Input of body b by actor at when, with a fresh ID.
func (f *flow) input(by Actor, b Body, when time.Time) Input {
	f.t.Helper()
	raw, err := Encode(b)
	if err != nil {
		f.t.Fatal(err)
	}
	f.n++
	return Input{
		Kind: b.Kind(), Body: raw, Actor: by.UserID, ActorOffice: by.Office, Office: commune,
		At: when, Origin: "dev-" + by.Office, Seq: uint64(f.n), ID: fmt.Sprintf("e%03d", f.n),
	}
}

// do checks the action, fails the test if Check refuses it, and folds it.
func (f *flow) do(by Actor, b Body, when time.Time) Input {
	f.t.Helper()
	a, err := NewAction(b)
	if err != nil {
		f.t.Fatal(err)
	}
	if err := Check(f.d, a, by, when, f.cal); err != nil {
		f.t.Fatalf("%s by %s at %s: %v", b.Kind(), by.UserID, when.Format(time.DateTime), err)
	}
	return f.force(by, b, when)
}

// force folds an event without checking it, as sync delivers a concurrent
// one.
func (f *flow) force(by Actor, b Body, when time.Time) Input {
	f.t.Helper()
	in := f.input(by, b, when)
	f.inputs = append(f.inputs, in)
	f.d.Apply(in)
	return in
}

// plan is PlanStep for the flow's dossier.
func (f *flow) plan(k Kind, when time.Time) StepPlan {
	f.t.Helper()
	p, err := PlanStep(birthProcedure(), k, when, f.cal, calendar.DueRules{})
	if err != nil {
		f.t.Fatal(err)
	}
	return p
}

// receive receives the standard dossier at when by desk 0.
func (f *flow) receive(when time.Time) Input {
	f.t.Helper()
	return f.do(clerk, f.received(when, 0, 1), when)
}

// received is the body of the n-th dossier of desk on when's day.
func (f *flow) received(when time.Time, desk, n int) *Received {
	f.t.Helper()
	day := calendar.DateOf(when)
	code, err := NewCode(commune, day, desk, n)
	if err != nil {
		f.t.Fatal(err)
	}
	book, err := NewBook(day.Year, desk, "", n)
	if err != nil {
		f.t.Fatal(err)
	}
	p := birthProcedure()
	due, err := f.cal.DueDate(when, p.TimeLimitWD, calendar.DueRules{})
	if err != nil {
		f.t.Fatal(err)
	}
	from, err := f.cal.ReceptionDay(when, calendar.DueRules{})
	if err != nil {
		f.t.Fatal(err)
	}
	return &Received{
		Code: code, Agency: commune, Procedure: p,
		Applicant: Applicant{FullName: "Nguyễn Thị Hồng", CitizenID: "038190000123", Address: "Thôn 3, xã Quảng Phú", Phone: "0912345678"},
		Channel:   ChannelInPerson,
		Documents: []ReceivedDocument{{Name: "Tờ khai đăng ký khai sinh", Form: catalog.FormOriginal, Count: 1}, {Name: "Giấy chứng sinh", Form: catalog.FormOriginal, Count: 1}},
		Sets:      1, ReceivedAt: when, CountFrom: &from, Due: due, Book: book, Desk: desk,
		Step: f.plan(KindReceived, when),
	}
}

// jsonOf encodes a dossier; the test fails if it cannot.
func jsonOf(t testing.TB, d Dossier) string {
	t.Helper()
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// kinds lists the kinds of actions.
func kinds(actions []Action) []Kind {
	out := []Kind{}
	for _, a := range actions {
		out = append(out, a.Kind)
	}
	return out
}
