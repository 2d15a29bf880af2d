package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"hoso/app"
)

// The demo office tree: Thanh Hóa (province code 38, DOMAIN §2), one
// district and its communes. The district and commune names and codes are
// illustrative, marked as demo data.
var demoOffices = []app.OfficeRecord{
	{Code: "38", Name: "UBND tỉnh Thanh Hóa"},
	{Code: "405", Name: "UBND huyện Đông Sơn (dữ liệu thử)", Parent: "38"},
	{Code: "38001", Name: "UBND xã Đông Sơn (dữ liệu thử)", Parent: "405"},
	{Code: "38002", Name: "UBND xã Đông Hòa (dữ liệu thử)", Parent: "405"},
	{Code: "38003", Name: "UBND xã Đông Tiến (dữ liệu thử)", Parent: "405"},
}

// demoPassword is every demo account's password.
const demoPassword = "matkhau-demo"

// demoUsers are accounts for every role at the demo commune.
var demoUsers = []app.SaveUserRequest{
	{Username: "vanthu", FullName: "Nguyễn Thị Hồng", Office: "38001", Roles: []app.Role{app.RoleClerk}},
	{Username: "chuyenvien", FullName: "Trần Văn Minh", Office: "38001", Roles: []app.Role{app.RoleOfficer}},
	{Username: "lanhdao", FullName: "Lê Thị Lan", Office: "38001", Roles: []app.Role{app.RoleLeader}},
	{Username: "thanhtra", FullName: "Phạm Quốc Bảo", Office: "38001", Roles: []app.Role{app.RoleInspector}},
	{Username: "huyen", FullName: "Hoàng Văn Nam", Office: "405", Roles: []app.Role{app.RoleOfficer, app.RoleLeader}},
}

func runDemo(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	dir := fs.String("data", "", "data folder, initialised already (required)")
	keyFile := fs.String("key-file", "", "the data key file, if it moved since init")
	if !parseFlags(fs, args, stderr) {
		return exitUsage
	}
	if *dir == "" {
		return usageError(stderr, "demo needs --data DIR")
	}
	t, err := openTarget(*dir, *keyFile)
	if err != nil {
		return printError(stdout, err)
	}
	defer t.close()
	call := func(method string, params, out any) error {
		b, _ := json.Marshal(params)
		raw, err := t.call(method, b)
		if err == nil && out != nil {
			err = json.Unmarshal(raw, out)
		}
		return err
	}
	var st app.SetupStatus
	if err := call("Setup.Status", struct{}{}, &st); err != nil {
		return printError(stdout, err)
	}
	if !st.Needed {
		return printError(stdout, app.Errorf(app.CodeSetupDone, "%s has an office already (%s): demo data goes into a new folder", *dir, st.Office.Code))
	}
	// The commune first (it binds the node), then its parents, then the
	// commune again with its parent, then the rest.
	commune := demoOffices[2]
	setup := app.SetupRequest{
		Office: app.OfficeRecord{Code: commune.Code, Name: commune.Name},
		Admin:  app.AdminAccount{Username: "demo", FullName: "Quản trị viên thử", Password: demoPassword},
	}
	if err := call("Setup.Office", setup, nil); err != nil {
		return printError(stdout, err)
	}
	for _, o := range demoOffices {
		if err := call("Offices.Save", o, nil); err != nil {
			return printError(stdout, fmt.Errorf("office %s: %w", o.Code, err))
		}
	}
	for _, u := range demoUsers {
		u.Password = demoPassword
		if err := call("Users.Save", u, nil); err != nil {
			return printError(stdout, fmt.Errorf("user %s: %w", u.Username, err))
		}
	}
	logins := map[string]string{"demo": "admin"}
	for _, u := range demoUsers {
		logins[u.Username] = string(u.Roles[0])
	}
	return printJSON(stdout, map[string]any{"office": commune.Code, "offices": len(demoOffices), "password": demoPassword, "users": logins})
}
