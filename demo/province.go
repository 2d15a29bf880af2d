package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"hoso/app"
)

// A province-sized demo (Options.Communes, Options.DesksPerCommune) spreads
// the year's dossiers over many communes, each with a clerk, an officer
// and a leader of its own and several desks. The first communes are the
// demo tree's three; the others are made up here, named from common
// Vietnamese place-name parts so that the lists read as real ones do.
const (
	// MaxCommunes is the most communes a demo province holds: commune
	// codes are 38 and three digits.
	MaxCommunes = 500
	// MaxDesksPerCommune is the most desks a commune has: the dossier code
	// gives each desk of an office its own thousand (dossier.MaxDesk + 1).
	MaxDesksPerCommune = 10
)

// namePrefixes and nameSuffixes make the names of the made-up communes.
var (
	namePrefixes = []string{"Đông", "Tây", "Nam", "Bắc", "Quảng", "Hoằng", "Thiệu", "Yên", "Nga", "Hà", "Vĩnh", "Thọ", "Triệu", "Nông", "Cẩm", "Ngọc"}
	nameSuffixes = []string{"Sơn", "Hòa", "Tiến", "Lộc", "Phú", "Thịnh", "An", "Thành", "Hưng", "Lợi", "Minh", "Tân", "Xuân", "Phong", "Bình", "Khê", "Giang", "Trung", "Long", "Vinh", "Quang", "Đức", "Hải", "Lâm", "Mỹ", "Thắng", "Định", "Châu", "Lạc", "Phúc", "Nghĩa", "Cát"}
)

// provinceCommunes returns the communes of a province of n (the demo tree's
// three first, then made-up ones, codes 38004, 38005, …); at least the
// three.
func provinceCommunes(n int) []app.OfficeRecord {
	out := append([]app.OfficeRecord(nil), communes...)
	used := map[string]bool{}
	for _, c := range communes {
		used[shortName(c)] = true
	}
	next := 0
	for len(out) < n {
		name := namePrefixes[next%len(namePrefixes)] + " " + nameSuffixes[next/len(namePrefixes)%len(nameSuffixes)]
		next++
		if used[name] {
			continue
		}
		used[name] = true
		i := len(out) + 1
		out = append(out, app.OfficeRecord{
			Code: fmt.Sprintf("38%03d", i), Name: "UBND xã " + name + " (dữ liệu thử)", Parent: province.Code,
			Phone: fmt.Sprintf("0237 3690 %03d", i),
		})
	}
	return out
}

// shortName is a commune's name without "UBND xã " and the demo's mark:
// "Đông Sơn".
func shortName(o app.OfficeRecord) string {
	s := strings.TrimPrefix(o.Name, "UBND xã ")
	return strings.TrimSuffix(s, " (dữ liệu thử)")
}

// staff is who works a dossier in one commune: the clerk at the desk
// ("vanthu"), the officer ("chuyenvien") and the leader ("lanhdao"), and
// the department's officer ("sotuphap") for a liên thông task.
type staff map[string]who

// who is one demo user the generator acts as: the home commune's users by
// their session (as a clerk logs in), the made-up communes' users by their
// account directly, so that hundreds of them cost no login each.
type who struct {
	session string
	caller  *app.Caller
}

// call calls a service method as the user.
func (c caller) as(w who, method string, params, out any) error {
	if w.caller == nil {
		return c.call(w.session, method, params, out)
	}
	b, err := json.Marshal(params)
	if err != nil {
		return err
	}
	res, err := c.s.Call(app.WithCaller(context.Background(), *w.caller), method, b)
	if err != nil {
		return err
	}
	if out != nil {
		raw, _ := json.Marshal(res)
		return json.Unmarshal(raw, out)
	}
	return nil
}

// communeStaff creates a made-up commune's clerk, officer and leader
// (usernames "vanthu38004", …) and returns them with the department's
// officer.
func communeStaff(c caller, sessions map[string]string, o app.OfficeRecord) (staff, error) {
	s := staff{"sotuphap": {session: sessions["sotuphap"]}}
	for i, u := range []app.SaveUserRequest{
		{Username: "vanthu" + o.Code, Roles: []app.Role{app.RoleClerk}},
		{Username: "chuyenvien" + o.Code, Roles: []app.Role{app.RoleOfficer}},
		{Username: "lanhdao" + o.Code, Roles: []app.Role{app.RoleLeader}},
	} {
		u.FullName = personName(codeNumber(o.Code)*3 + i)
		u.Office, u.Password = o.Code, Password
		var info app.UserInfo
		if err := c.call("", "Users.Save", u, &info); err != nil {
			return nil, fmt.Errorf("user %s: %w", u.Username, err)
		}
		role := strings.TrimSuffix(u.Username, o.Code)
		s[role] = who{caller: &app.Caller{UserID: info.ID, Username: info.Username, FullName: info.FullName, Office: info.Office, Roles: info.Roles}}
	}
	return s, nil
}

// personName is the n-th made-up person's name, drawn by number (not by
// the random source, so that a seed's dossiers stay as they were).
func personName(n int) string {
	return familyNames[n%len(familyNames)] + " " + middleNames[n/len(familyNames)%len(middleNames)] + " " + givenNames[n/7%len(givenNames)]
}

// codeNumber is the number an office code ends with (38004 → 38004).
func codeNumber(code string) int {
	n := 0
	for _, r := range code {
		if r >= '0' && r <= '9' {
			n = n*10 + int(r-'0')
		}
	}
	return n
}

// homeStaff is the home commune's staff, by their sessions.
func homeStaff(sessions map[string]string) staff {
	s := staff{}
	for _, role := range []string{"vanthu", "chuyenvien", "lanhdao", "sotuphap"} {
		s[role] = who{session: sessions[role]}
	}
	return s
}
