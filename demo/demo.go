// Package demo fills a new node with realistic demo data: the Thanh Hóa
// office tree, users for every role, the shipped catalog, and dossiers over
// the past year that take every path the law allows. It drives the same
// services the interface calls, as the demo users, replaying the year in
// order on a simulated clock, so every event is stamped with its simulated
// time and checked by the same rules as a clerk's.
package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"hoso/app"
)

// Password is every demo account's password.
const Password = "matkhau-demo"

// PasswordParams are the argon2id costs the demo's accounts are hashed
// with (app.AuthOptions.Password of the services Run drives). Every demo
// account shares the published Password, so a costly hash protects
// nothing, while a province's hundreds of accounts at the default cost
// (a tenth of a second each) would take a minute of the run.
var PasswordParams = app.PasswordParams{Time: 1, MemoryKiB: 1 << 10, Threads: 1}

// The demo tree follows the two-tier state of 1 July 2025 (DOMAIN §11):
// Thanh Hóa (province code 38, DOMAIN §2) directly above its communes,
// with a provincial department as the liên thông partner. The communes
// and the department are illustrative. Xã Đông Hòa's papers are headed by
// its public administrative service centre, under the commune.
var (
	province   = app.OfficeRecord{Code: "38", Name: "UBND tỉnh Thanh Hóa", Phone: "0237 3852 345"}
	department = app.OfficeRecord{Code: "3801", Name: "Sở Tư pháp tỉnh Thanh Hóa (dữ liệu thử)", Parent: "38"}
	communes   = []app.OfficeRecord{
		{Code: "38001", Name: "UBND xã Đông Sơn (dữ liệu thử)", Parent: "38", Phone: "0237 3690 001"},
		{Code: "38002", Name: "UBND xã Đông Hòa (dữ liệu thử)", Parent: "38", Phone: "0237 3690 002",
			Header: "Trung tâm Phục vụ hành chính công xã Đông Hòa"},
		{Code: "38003", Name: "UBND xã Đông Tiến (dữ liệu thử)", Parent: "38", Phone: "0237 3690 003"},
	}
	// district is the tier a province keeps by choice (a regional hub, or
	// the history before July 2025): Options.Districts puts it between the
	// province and its communes.
	district = app.OfficeRecord{Code: "405", Name: "UBND huyện Đông Sơn (dữ liệu thử)", Parent: "38"}
)

// Offices returns the demo tree, parents first: province, department,
// communes; with districts, the district between the province and the
// communes.
func Offices(districts bool) []app.OfficeRecord {
	out := []app.OfficeRecord{province, department}
	if districts {
		out = append(out, district)
	}
	for _, c := range communes {
		if districts {
			c.Parent = district.Code
		}
		out = append(out, c)
	}
	return out
}

// officesOf is Offices with the province's n communes (at least the demo
// tree's three).
func officesOf(districts bool, n int) []app.OfficeRecord {
	if n <= len(communes) {
		return Offices(districts)
	}
	out := Offices(districts)
	for _, c := range provinceCommunes(n)[len(communes):] {
		if districts {
			c.Parent = district.Code
		}
		out = append(out, c)
	}
	return out
}

// Home is the demo node's own office: xã Đông Sơn.
var Home = communes[0]

// Users are the demo accounts besides the administrator "demo"; "sotuphap"
// works at the department, and "huyen" at the district when there is one.
var Users = []app.SaveUserRequest{
	{Username: "vanthu", FullName: "Nguyễn Thị Hồng", Office: "38001", Roles: []app.Role{app.RoleClerk}},
	{Username: "chuyenvien", FullName: "Trần Văn Minh", Office: "38001", Roles: []app.Role{app.RoleOfficer}},
	{Username: "lanhdao", FullName: "Lê Thị Lan", Office: "38001", Roles: []app.Role{app.RoleLeader}},
	{Username: "thanhtra", FullName: "Phạm Quốc Bảo", Office: "38001", Roles: []app.Role{app.RoleInspector}},
	{Username: "sotuphap", FullName: "Hoàng Văn Nam", Office: "3801", Roles: []app.Role{app.RoleOfficer, app.RoleLeader}},
}

// districtUser is the district's account, with Options.Districts.
var districtUser = app.SaveUserRequest{Username: "huyen", FullName: "Đỗ Thị Mai", Office: "405", Roles: []app.Role{app.RoleOfficer, app.RoleLeader}}

// Options configure Run.
type Options struct {
	// Services are the node's services, built on a store whose clock is
	// Clock.
	Services *app.Services
	// Clock is the simulated clock shared with the store and the services.
	Clock *Clock
	// Dossiers is how many dossiers to create over the past year.
	Dossiers int
	// Seed makes the data reproducible.
	Seed uint64
	// Districts keeps a district tier between the province and the
	// communes, as before July 2025; the default is the two-tier tree.
	Districts bool
	// Communes is how many communes of the province receive the
	// dossiers, spread evenly (at most MaxCommunes). 0 or 1: the home
	// commune alone, as the demo always did; more than the demo tree's
	// three adds made-up communes, each with its own clerk, officer and
	// leader.
	Communes int
	// DesksPerCommune is how many desks each commune receives at (at most
	// MaxDesksPerCommune; 0 is 1). The clerk takes turns at them, and
	// moves to the next when a desk has issued its codes for the day.
	DesksPerCommune int
	// Progress, when set, is told how many dossiers are done.
	Progress func(done, total int)
	// Hold, when set, holds the store's local writes while the year is
	// replayed (store.Store.Hold: the actions folded at once, committed
	// in batches) and returns what ends the hold.
	Hold func() (release func() error)
}

// Report says what Run created.
type Report struct {
	Office   string            `json:"office"`
	Offices  int               `json:"offices"`
	Users    map[string]string `json:"users"`
	Password string            `json:"password"`
	Dossiers int               `json:"dossiers"`
	Paths    map[string]int    `json:"paths"`
	Actions  int               `json:"actions"`
	// Skipped counts the steps the services refused (a reception or an
	// action that could not be recorded): the demo's dropped steps.
	Skipped int `json:"skipped"`
	// Dropped counts the skipped steps by kind and the rule that refused
	// them ("dossier.received: desk_exhausted").
	Dropped map[string]int `json:"dropped,omitempty"`
	// Communes and Desks are how many communes received dossiers, and at
	// how many desks each.
	Communes int `json:"communes"`
	Desks    int `json:"desks"`
}

// Clock is a settable clock: the demo moves it through the past year.
type Clock struct{ t time.Time }

// NewClock returns a clock reading t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now reads the clock.
func (c *Clock) Now() time.Time { return c.t }

// Set moves the clock; it never goes back.
func (c *Clock) Set(t time.Time) {
	if t.After(c.t) {
		c.t = t
	}
}

// caller calls the services as a session ("" for the operator).
type caller struct {
	s *app.Services
}

func (c caller) call(session, method string, params, out any) error {
	b, err := json.Marshal(params)
	if err != nil {
		return err
	}
	res, err := c.s.CallAs(context.Background(), session, session == "", method, b)
	if err != nil {
		return err
	}
	if out != nil {
		raw, _ := json.Marshal(res)
		return json.Unmarshal(raw, out)
	}
	return nil
}

// Run creates the demo data. The node must have no office yet.
func Run(opts Options) (Report, error) {
	c := caller{s: opts.Services}
	var st app.SetupStatus
	if err := c.call("", "Setup.Status", struct{}{}, &st); err != nil {
		return Report{}, err
	}
	if !st.Needed {
		return Report{}, app.Errorf(app.CodeSetupDone, "this node has an office already (%s): demo data goes into a new folder", st.Office.Code)
	}
	if opts.Communes < 0 || opts.Communes > MaxCommunes {
		return Report{}, fmt.Errorf("a demo province has 0 to %d communes, not %d", MaxCommunes, opts.Communes)
	}
	if opts.DesksPerCommune < 0 || opts.DesksPerCommune > MaxDesksPerCommune {
		return Report{}, fmt.Errorf("a demo commune has 0 to %d desks, not %d", MaxDesksPerCommune, opts.DesksPerCommune)
	}
	commune, offices, users := Home, officesOf(opts.Districts, opts.Communes), Users
	if opts.Districts {
		users = append(slices.Clone(Users), districtUser)
	}
	setup := app.SetupRequest{
		Office: app.OfficeRecord{Code: commune.Code, Name: commune.Name},
		Admin:  app.AdminAccount{Username: "demo", FullName: "Quản trị viên thử", Password: Password},
	}
	if err := c.call("", "Setup.Office", setup, nil); err != nil {
		return Report{}, fmt.Errorf("setting up the office: %w", err)
	}
	for _, o := range offices {
		if err := c.call("", "Offices.Save", o, nil); err != nil {
			return Report{}, fmt.Errorf("office %s: %w", o.Code, err)
		}
	}
	rep := Report{Office: commune.Code, Offices: len(offices), Password: Password, Users: map[string]string{"demo": "admin"}, Paths: map[string]int{}}
	sessions, ids := map[string]string{}, map[string]string{}
	for _, u := range users {
		u.Password = Password
		var info app.UserInfo
		if err := c.call("", "Users.Save", u, &info); err != nil {
			return Report{}, fmt.Errorf("user %s: %w", u.Username, err)
		}
		var l app.LoginReply
		if err := c.call("", "Auth.Login", app.LoginRequest{Username: u.Username, Password: Password}, &l); err != nil {
			return Report{}, fmt.Errorf("logging in %s: %w", u.Username, err)
		}
		sessions[u.Username], ids[u.Username] = l.Session, info.ID
		rep.Users[u.Username] = string(u.Roles[0])
	}
	if opts.Dossiers > 0 {
		if err := generate(c, sessions, opts, &rep); err != nil {
			return rep, err
		}
	}
	if err := isoProcesses(c, sessions, opts); err != nil {
		return rep, err
	}
	// The nonconformity log before the objectives' management review, so
	// that the review's compiled inputs count it.
	if err := isoNC(c, sessions, opts.Clock.Now()); err != nil {
		return rep, fmt.Errorf("the nonconformity log: %w", err)
	}
	if err := isoObjectives(c, sessions, opts.Clock); err != nil {
		return rep, err
	}
	if err := isoAudit(c, sessions, opts.Clock.Now()); err != nil {
		return rep, err
	}
	if err := plans(c, sessions, opts.Districts); err != nil {
		return rep, err
	}
	if err := inspections(c, sessions, opts.Clock.Now()); err != nil {
		return rep, err
	}
	if err := complaints(c, sessions, opts.Clock.Now()); err != nil {
		return rep, fmt.Errorf("complaints: %w", err)
	}
	if opts.Dossiers > 0 {
		if err := scans(c, sessions, ids["vanthu"], opts.Clock.Now()); err != nil {
			return rep, fmt.Errorf("the scans: %w", err)
		}
	}
	// Last: the signed quarterly reports hold the figures of everything
	// above, scans and complaints included (the index).
	if err := quarterly(c, sessions, opts.Districts, opts.Clock.Now()); err != nil {
		return rep, err
	}
	return rep, nil
}
