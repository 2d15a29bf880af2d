package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"

	"hoso/store"
)

// UserRecord is an account, as folded from its events.
type UserRecord struct {
	ID       string `json:"id"`
	Username string `json:"username"`
	FullName string `json:"fullName"`
	Office   string `json:"office"`
	Roles    []Role `json:"roles"`
	Disabled bool   `json:"disabled"`
	// PasswordHash is never sent to a client (UserInfo leaves it out).
	PasswordHash string `json:"passwordHash"`
	Version      int    `json:"version"`
}

// UserInfo is what clients see of an account.
type UserInfo struct {
	ID       string `json:"id"`
	Username string `json:"username"`
	FullName string `json:"fullName"`
	Office   string `json:"office"`
	Roles    []Role `json:"roles"`
	Disabled bool   `json:"disabled"`
	// Locked tells whether failed logins locked the account on this node.
	Locked bool `json:"locked"`
}

func (u UserRecord) info() UserInfo {
	return UserInfo{ID: u.ID, Username: u.Username, FullName: u.FullName, Office: u.Office, Roles: u.Roles, Disabled: u.Disabled}
}

const (
	userPrefix       = "user/"
	kindUserSaved    = "user.saved"
	kindUserPassword = "user.password_set"
	kindUserDisabled = "user.disabled"
)

var usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{2,31}$`)

// userBody is the body of user.saved and user.disabled events.
type userBody struct {
	Username     string `json:"username,omitempty"`
	FullName     string `json:"fullName,omitempty"`
	Office       string `json:"office,omitempty"`
	Roles        []Role `json:"roles,omitempty"`
	Disabled     bool   `json:"disabled,omitempty"`
	PasswordHash string `json:"passwordHash,omitempty"`
}

var userProjection = jsonProjection[UserRecord]{
	name:   "user",
	prefix: userPrefix,
	apply: func(s *UserRecord, e *store.Event) {
		var b userBody
		if !decodeBody(e, &b) {
			return
		}
		s.ID = strings.TrimPrefix(e.Subject, userPrefix)
		switch e.Kind {
		case kindUserSaved:
			s.Username, s.FullName, s.Office, s.Roles = b.Username, b.FullName, b.Office, b.Roles
			if b.PasswordHash != "" {
				s.PasswordHash = b.PasswordHash
			}
		case kindUserPassword:
			s.PasswordHash = b.PasswordHash
		case kindUserDisabled:
			s.Disabled = b.Disabled
		default:
			return
		}
		s.Version++
	},
	index: func(subject string, s *UserRecord) []store.IndexEntry {
		return []store.IndexEntry{
			{Index: "username", Key: []byte(s.Username)},
			{Index: "office", Key: []byte(s.Office + "\x00" + s.Username)},
		}
	},
}

// findUser returns the account with a user name; two accounts created with
// the same name at two desks offline are a conflict an admin resolves.
func findUser(st *store.Store, username string) (UserRecord, bool, error) {
	hits, err := st.Scan(userProjection.name, "username", store.ScanOptions{Prefix: []byte(username + "")})
	if err != nil {
		return UserRecord{}, false, Wrap(CodeInternal, err, "looking up the user")
	}
	var found []UserRecord
	for _, h := range hits {
		if string(h.Key) != username {
			continue
		}
		var u UserRecord
		if ok, err := readState(st, userProjection.name, h.Subject, &u); err != nil {
			return u, false, err
		} else if ok {
			found = append(found, u)
		}
	}
	switch len(found) {
	case 0:
		return UserRecord{}, false, nil
	case 1:
		return found[0], true, nil
	}
	return UserRecord{}, false, Errorf(CodeConflict, "two accounts are named %s: an administrator must rename one", username)
}

func getUser(st *store.Store, id string) (UserRecord, error) {
	var u UserRecord
	ok, err := readState(st, userProjection.name, userPrefix+id, &u)
	if err != nil {
		return u, err
	}
	if !ok {
		return u, &Error{Code: CodeNotFound, Field: "id", Message: "no user " + id}
	}
	return u, nil
}

// normUsername lower-cases and trims a user name.
func normUsername(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// Users manages accounts.
type Users struct {
	core *Core
	opts AuthOptions
	auth *Auth
}

// NewUsers returns the Users service.
func NewUsers(core *Core, opts AuthOptions) *Users {
	return &Users{core: core, opts: opts.withDefaults()}
}

// UserList lists accounts.
type UserList struct {
	Users []UserInfo `json:"users"`
}

// OfficeFilter selects an office's records ("" for all).
type OfficeFilter struct {
	Office string `json:"office"`
}

// List returns the accounts, of one office or of all.
func (u *Users) List(req OfficeFilter) (UserList, error) {
	d, err := u.core.Deps()
	if err != nil {
		return UserList{}, err
	}
	prefix := []byte(nil)
	if req.Office != "" {
		prefix = []byte(req.Office + "\x00")
	}
	hits, err := d.Store.Scan(userProjection.name, "office", store.ScanOptions{Prefix: prefix})
	if err != nil {
		return UserList{}, Wrap(CodeInternal, err, "listing users")
	}
	out := UserList{Users: []UserInfo{}}
	for _, h := range hits {
		var r UserRecord
		if ok, err := readState(d.Store, userProjection.name, h.Subject, &r); err != nil {
			return UserList{}, err
		} else if ok {
			info := r.info()
			info.Locked = u.auth != nil && u.auth.isLocked(d.Store, r.Username)
			out.Users = append(out.Users, info)
		}
	}
	return out, nil
}

// IDRequest names an account.
type IDRequest struct {
	ID string `json:"id"`
}

// Get returns one account.
func (u *Users) Get(req IDRequest) (UserInfo, error) {
	d, err := u.core.Deps()
	if err != nil {
		return UserInfo{}, err
	}
	r, err := getUser(d.Store, req.ID)
	if err != nil {
		return UserInfo{}, err
	}
	return r.info(), nil
}

// SaveUserRequest creates (no ID) or changes an account; Password is
// required for a new account and optional for a change.
type SaveUserRequest struct {
	ID       string `json:"id"`
	Username string `json:"username"`
	FullName string `json:"fullName"`
	Office   string `json:"office"`
	Roles    []Role `json:"roles"`
	Password string `json:"password"`
}

// Save creates or changes an account.
func (u *Users) Save(ctx context.Context, req SaveUserRequest) (UserInfo, error) {
	d, err := u.core.Deps()
	if err != nil {
		return UserInfo{}, err
	}
	draft, id, err := userDraft(d.Store, CallerFrom(ctx), req, u.opts.Password, false)
	if err != nil {
		return UserInfo{}, err
	}
	if _, err := d.Store.Append(draft); err != nil {
		return UserInfo{}, appendErr(err, "saving the user")
	}
	if req.Password != "" && u.auth != nil {
		u.auth.sessions.EndUser(id)
	}
	r, err := getUser(d.Store, id)
	return r.info(), err
}

// userDraft validates an account and returns the event that saves it.
// With officeInBatch the office is written in the same batch, so it is not
// looked up.
func userDraft(st *store.Store, c Caller, req SaveUserRequest, pp PasswordParams, officeInBatch bool) (store.Draft, string, error) {
	req.Username = normUsername(req.Username)
	req.FullName = norm.NFC.String(strings.TrimSpace(req.FullName))
	req.Office = strings.TrimSpace(req.Office)
	switch {
	case !usernamePattern.MatchString(req.Username):
		return store.Draft{}, "", FieldError("username", "a user name is 3 to 32 lower-case letters, digits, dots, dashes or underscores")
	case req.FullName == "" || len(req.FullName) > 200:
		return store.Draft{}, "", FieldError("fullName", "the full name is required (at most 200 bytes)")
	case len(req.Roles) == 0:
		return store.Draft{}, "", FieldError("roles", "give the account at least one role")
	}
	for _, r := range req.Roles {
		if !slices.Contains(Roles, r) {
			return store.Draft{}, "", FieldError("roles", "unknown role %q", r)
		}
	}
	roles := slices.Clone(req.Roles)
	slices.Sort(roles)
	roles = slices.Compact(roles)
	if !officeInBatch {
		if _, err := getOffice(st, req.Office); err != nil {
			return store.Draft{}, "", &Error{Code: CodeInvalidInput, Field: "office", Message: "no office " + req.Office + " here"}
		}
	}
	existing, found, err := findUser(st, req.Username)
	if err != nil {
		return store.Draft{}, "", err
	}
	id := req.ID
	if id == "" {
		if found {
			return store.Draft{}, "", &Error{Code: CodeConflict, Field: "username", Message: "the user name " + req.Username + " is taken"}
		}
		if err := checkPassword("password", req.Password); err != nil {
			return store.Draft{}, "", err
		}
		var b [8]byte
		rand.Read(b[:])
		id = "u" + hex.EncodeToString(b[:])
	} else {
		if _, err := getUser(st, id); err != nil {
			return store.Draft{}, "", err
		}
		if found && existing.ID != id {
			return store.Draft{}, "", &Error{Code: CodeConflict, Field: "username", Message: "the user name " + req.Username + " is taken"}
		}
		if req.Password != "" {
			if err := checkPassword("password", req.Password); err != nil {
				return store.Draft{}, "", err
			}
		}
	}
	body := userBody{Username: req.Username, FullName: req.FullName, Office: req.Office, Roles: roles}
	if req.Password != "" {
		body.PasswordHash = hashPassword(req.Password, pp)
	}
	return store.Draft{Actor: c.Actor(), Owner: req.Office, Kind: kindUserSaved, Subject: userPrefix + id, Body: mustJSON(body)}, id, nil
}

// Unlock clears the failed-login lock-out of an account on this node.
func (u *Users) Unlock(req IDRequest) (UserInfo, error) {
	d, err := u.core.Deps()
	if err != nil {
		return UserInfo{}, err
	}
	r, err := getUser(d.Store, req.ID)
	if err != nil {
		return UserInfo{}, err
	}
	if err := clearFailures(d.Store, r.Username); err != nil {
		return UserInfo{}, Wrap(CodeInternal, err, "clearing the lock-out")
	}
	return r.info(), nil
}

// DisableRequest disables or re-enables an account.
type DisableRequest struct {
	ID       string `json:"id"`
	Disabled bool   `json:"disabled"`
}

// Disable disables (or enables again) an account and ends its sessions.
func (u *Users) Disable(ctx context.Context, req DisableRequest) (UserInfo, error) {
	d, err := u.core.Deps()
	if err != nil {
		return UserInfo{}, err
	}
	r, err := getUser(d.Store, req.ID)
	if err != nil {
		return UserInfo{}, err
	}
	c := CallerFrom(ctx)
	if req.Disabled && r.ID == c.UserID {
		return UserInfo{}, FieldError("id", "you cannot disable your own account")
	}
	draft := store.Draft{Actor: c.Actor(), Owner: r.Office, Kind: kindUserDisabled, Subject: userPrefix + r.ID, Body: mustJSON(userBody{Disabled: req.Disabled})}
	if _, err := d.Store.Append(draft); err != nil {
		return UserInfo{}, appendErr(err, "disabling the user")
	}
	if req.Disabled && u.auth != nil {
		u.auth.sessions.EndUser(r.ID)
	}
	r, err = getUser(d.Store, r.ID)
	return r.info(), err
}

// DirectoryEntry names a user, for showing who did what.
type DirectoryEntry struct {
	ID       string `json:"id"`
	FullName string `json:"fullName"`
	Office   string `json:"office"`
}

// Directory lists every account's name and office (no roles, no state), so
// any user can read who acted on a dossier.
func (u *Users) Directory() (struct {
	Users []DirectoryEntry `json:"users"`
}, error) {
	var out struct {
		Users []DirectoryEntry `json:"users"`
	}
	list, err := u.List(OfficeFilter{})
	if err != nil {
		return out, err
	}
	out.Users = make([]DirectoryEntry, len(list.Users))
	for i, x := range list.Users {
		out.Users[i] = DirectoryEntry{ID: x.ID, FullName: x.FullName, Office: x.Office}
	}
	return out, nil
}
