package app

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"testing"
	"time"

	"hoso/store"
)

// testEnv is the services on an in-memory store, with a clock tests move.
type testEnv struct {
	s   *Services
	st  *store.Store
	now time.Time
}

func newEnv(t testing.TB) *testEnv {
	t.Helper()
	// Each environment is its own device, with its own key.
	_, key, _ := ed25519.GenerateKey(nil)
	env := &testEnv{now: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	// The store's clock follows the test's, so events happen when the test
	// says (it never goes back: the clock is hybrid logical).
	st, err := store.Open(store.Options{InMemory: true, Signer: key, Projections: Projections(), Now: func() time.Time { return env.now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	env.st = st
	core := &Core{}
	core.Ready(Deps{Store: st, PeerID: "12D3KooWtest", DataDir: "/data"})
	auth := testAuth
	auth.Now = func() time.Time { return env.now }
	env.s = NewServices(core, ServicesOptions{Auth: auth, Now: func() time.Time { return env.now }})
	return env
}

// call makes a call as a session ("" for nobody) and decodes the reply.
func (e *testEnv) call(t testing.TB, session, method string, params any, out any) *Error {
	t.Helper()
	b, _ := json.Marshal(params)
	res, err := e.s.CallAs(context.Background(), session, false, method, b)
	if err != nil {
		return AsError(err)
	}
	if out != nil {
		raw, _ := json.Marshal(res)
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatal(err)
		}
	}
	return nil
}

func (e *testEnv) mustCall(t testing.TB, session, method string, params any, out any) {
	t.Helper()
	if err := e.call(t, session, method, params, out); err != nil {
		t.Fatalf("%s: %v", method, err)
	}
}

// setup creates office 38001 with admin "admin" and returns its session.
func (e *testEnv) setup(t testing.TB) string {
	t.Helper()
	var r LoginReply
	e.mustCall(t, "", "Setup.Office", SetupRequest{
		Office: OfficeRecord{Code: "38001", Name: "UBND xã Đông Sơn"},
		Admin:  AdminAccount{Username: "Admin", FullName: "Lê Văn Quản", Password: "mật khẩu quản trị"},
	}, &r)
	if r.Session == "" || r.User.Username != "admin" || r.User.Roles[0] != RoleAdmin {
		t.Fatalf("setup reply %+v", r)
	}
	return r.Session
}

func TestFirstStartSetsUpTheOfficeOnce(t *testing.T) {
	e := newEnv(t)
	var st SetupStatus
	e.mustCall(t, "", "Setup.Status", nil, &st)
	if !st.Needed {
		t.Fatal("a new node does not ask for its office")
	}
	if err := e.call(t, "", "Setup.Office", SetupRequest{Office: OfficeRecord{Code: "38001", Name: "X"}, Admin: AdminAccount{Username: "a", FullName: "A", Password: "12345678"}}, nil); err == nil || err.Field != "admin.username" {
		t.Fatalf("bad admin user name: %v", err)
	}
	if err := e.call(t, "", "Setup.Office", SetupRequest{Office: OfficeRecord{Code: "3800A", Name: "X"}}, nil); err == nil || err.Field != "office.code" {
		t.Fatalf("bad office code: %v", err)
	}
	admin := e.setup(t)
	e.mustCall(t, "", "Setup.Status", nil, &st)
	if st.Needed || st.Office.Code != "38001" {
		t.Fatalf("after setup: %+v", st)
	}
	if err := e.call(t, "", "Setup.Office", SetupRequest{Office: OfficeRecord{Code: "38002", Name: "Y"}, Admin: AdminAccount{Username: "other", FullName: "O", Password: "12345678"}}, nil); err == nil || err.Code != CodeSetupDone {
		t.Fatalf("second setup: %v", err)
	}
	var info Info
	e.mustCall(t, admin, "System.Info", nil, &info)
	if info.Office.Code != "38001" || info.Office.Name != "UBND xã Đông Sơn" {
		t.Fatalf("info office %+v", info.Office)
	}
}

func TestRolesAndLogin(t *testing.T) {
	e := newEnv(t)
	admin := e.setup(t)
	if err := e.call(t, "", "Offices.List", nil, nil); err == nil || err.Code != CodeUnauthenticated {
		t.Fatalf("without login: %v", err)
	}
	var clerk UserInfo
	e.mustCall(t, admin, "Users.Save", SaveUserRequest{Username: "hong", FullName: "Nguyễn Thị Hồng", Office: "38001", Roles: []Role{RoleClerk}, Password: "mật khẩu hồng"}, &clerk)
	if err := e.call(t, admin, "Users.Save", SaveUserRequest{Username: "HONG", FullName: "Other", Office: "38001", Roles: []Role{RoleClerk}, Password: "12345678"}, nil); err == nil || err.Code != CodeConflict {
		t.Fatalf("duplicate user name: %v", err)
	}
	if err := e.call(t, admin, "Users.Save", SaveUserRequest{Username: "x1y", FullName: "X", Office: "99999", Roles: []Role{RoleClerk}, Password: "12345678"}, nil); err == nil || err.Field != "office" {
		t.Fatalf("unknown office: %v", err)
	}
	var login LoginReply
	e.mustCall(t, "", "Auth.Login", LoginRequest{Username: "hong", Password: "mật khẩu hồng"}, &login)
	if err := e.call(t, login.Session, "Users.Save", SaveUserRequest{Username: "new1", FullName: "N", Office: "38001", Roles: []Role{RoleAdmin}, Password: "12345678"}, nil); err == nil || err.Code != CodeForbidden {
		t.Fatalf("a clerk creating users: %v", err)
	}
	var offices OfficeList
	e.mustCall(t, login.Session, "Offices.List", nil, &offices)
	if len(offices.Offices) != 1 || offices.Offices[0].AgencyID != "38001" {
		t.Fatalf("offices %+v", offices)
	}
	// Every event names its actor: the clerk was created by the admin.
	evs, _ := e.st.Events(userPrefix + clerk.ID)
	var me UserInfo
	e.mustCall(t, admin, "Auth.Me", nil, &me)
	if len(evs) != 1 || evs[0].Actor != me.ID {
		t.Fatalf("user.saved actor %q, want the admin %q", evs[0].Actor, me.ID)
	}
	// Disabling ends the clerk's session at once.
	e.mustCall(t, admin, "Users.Disable", DisableRequest{ID: clerk.ID, Disabled: true}, nil)
	if err := e.call(t, login.Session, "Offices.List", nil, nil); err == nil || err.Code != CodeUnauthenticated {
		t.Fatalf("a disabled user's session: %v", err)
	}
	if err := e.call(t, "", "Auth.Login", LoginRequest{Username: "hong", Password: "mật khẩu hồng"}, nil); err == nil || err.Code != CodeAccountDisabled {
		t.Fatalf("a disabled user's login: %v", err)
	}
	e.mustCall(t, "", "Auth.Logout", SessionRequest{Session: admin}, nil)
	if err := e.call(t, admin, "Users.List", nil, nil); err == nil || err.Code != CodeUnauthenticated {
		t.Fatalf("after logout: %v", err)
	}
}

func TestLockOutAfterRepeatedFailures(t *testing.T) {
	e := newEnv(t)
	admin := e.setup(t)
	var u UserInfo
	e.mustCall(t, admin, "Users.Save", SaveUserRequest{Username: "lan", FullName: "Trần Thị Lan", Office: "38001", Roles: []Role{RoleOfficer}, Password: "đúng mật khẩu"}, &u)
	for i := 1; i <= 4; i++ {
		err := e.call(t, "", "Auth.Login", LoginRequest{Username: "lan", Password: "sai"}, nil)
		if err == nil || err.Code != CodeBadLogin || err.Params["remaining"] != string(rune('0'+5-i)) {
			t.Fatalf("failure %d: %v %v", i, err, err.Params)
		}
	}
	err := e.call(t, "", "Auth.Login", LoginRequest{Username: "lan", Password: "sai"}, nil)
	if err == nil || err.Code != CodeAccountLocked || err.Params["until"] != "2026-11-27T09:15:00Z" {
		t.Fatalf("fifth failure: %v %v", err, err.Params)
	}
	// Locked: even the right password is refused, with the time.
	if err := e.call(t, "", "Auth.Login", LoginRequest{Username: "lan", Password: "đúng mật khẩu"}, nil); err == nil || err.Code != CodeAccountLocked {
		t.Fatalf("right password while locked: %v", err)
	}
	var list UserList
	e.mustCall(t, admin, "Users.List", OfficeFilter{Office: "38001"}, &list)
	locked := false
	for _, x := range list.Users {
		locked = locked || (x.ID == u.ID && x.Locked)
	}
	if !locked {
		t.Fatal("the user list does not show the lock")
	}
	// After the lock time, or an admin's unlock, the right password works.
	e.now = e.now.Add(16 * time.Minute)
	e.mustCall(t, "", "Auth.Login", LoginRequest{Username: "lan", Password: "đúng mật khẩu"}, nil)
	for i := 0; i < 5; i++ {
		e.call(t, "", "Auth.Login", LoginRequest{Username: "lan", Password: "sai"}, nil)
	}
	e.mustCall(t, admin, "Users.Unlock", IDRequest{ID: u.ID}, nil)
	e.mustCall(t, "", "Auth.Login", LoginRequest{Username: "lan", Password: "đúng mật khẩu"}, nil)
	// An unknown user name fails like a wrong password.
	if err := e.call(t, "", "Auth.Login", LoginRequest{Username: "nobody", Password: "x"}, nil); err == nil || err.Code != CodeBadLogin {
		t.Fatalf("unknown user: %v", err)
	}
}

func TestOfficeTree(t *testing.T) {
	e := newEnv(t)
	admin := e.setup(t)
	e.mustCall(t, admin, "Offices.Save", OfficeRecord{Code: "38", Name: "UBND tỉnh Thanh Hóa"}, nil)
	e.mustCall(t, admin, "Offices.Save", OfficeRecord{Code: "380", Name: "UBND huyện Mẫu", Parent: "38"}, nil)
	e.mustCall(t, admin, "Offices.Save", OfficeRecord{Code: "38001", Name: "UBND xã Đông Sơn", Parent: "380", AgencyID: "000.00.38.H56"}, nil)
	if err := e.call(t, admin, "Offices.Save", OfficeRecord{Code: "38", Name: "Tỉnh", Parent: "38001"}, nil); err == nil || err.Field != "parent" {
		t.Fatalf("cycle: %v", err)
	}
	if err := e.call(t, admin, "Offices.Save", OfficeRecord{Code: "38002", Name: "X", Parent: "777"}, nil); err == nil || err.Field != "parent" {
		t.Fatalf("unknown parent: %v", err)
	}
	var o OfficeRecord
	e.mustCall(t, admin, "Offices.Get", CodeRequest{Code: "38001"}, &o)
	if o.Parent != "380" || o.Version != 2 || o.AgencyID != "000.00.38.H56" {
		t.Fatalf("office %+v", o)
	}
}

func TestPasswordHashes(t *testing.T) {
	h := hashPassword("Mật khẩu", testAuth.Password)
	if !verifyPassword("Mật khẩu", h) || verifyPassword("mật khẩu", h) || verifyPassword("Mật khẩu", h[:len(h)-2]) {
		t.Fatal("password verification is wrong")
	}
	// Decomposed Vietnamese (NFD) matches the precomposed password.
	if !verifyPassword("Ma\u0323\u0302t kha\u0302\u0309u", h) {
		t.Fatal("NFD input does not match")
	}
}
