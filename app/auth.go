package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"hoso/store"
)

// AuthOptions configure logins.
type AuthOptions struct {
	// MaxFailures is how many wrong passwords in a row lock an account
	// (default 5).
	MaxFailures int
	// LockFor is how long a locked account stays locked (default 15 min).
	LockFor time.Duration
	// SessionIdle ends a session unused this long (default 8 h).
	SessionIdle time.Duration
	// Password is the argon2id cost of new password hashes.
	Password PasswordParams
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

func (o AuthOptions) withDefaults() AuthOptions {
	if o.MaxFailures <= 0 {
		o.MaxFailures = 5
	}
	if o.LockFor <= 0 {
		o.LockFor = 15 * time.Minute
	}
	if o.Password.Time == 0 {
		o.Password = DefaultPasswordParams
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// Auth logs users in and out.
type Auth struct {
	core     *Core
	sessions *Sessions
	opts     AuthOptions
	// dummy is a hash to verify against when the user does not exist, so a
	// wrong user name costs the same time as a wrong password. It is made
	// at the first login, not when the services are built: the desktop
	// builds them before its window, and one argon2id hash (~0.1 s of two
	// cores) would delay every start (issue 19 §4).
	dummy func() string
}

// NewAuth returns the Auth service.
func NewAuth(core *Core, sessions *Sessions, opts AuthOptions) *Auth {
	opts = opts.withDefaults()
	return &Auth{core: core, sessions: sessions, opts: opts,
		dummy: sync.OnceValue(func() string { return hashPassword("not a password", opts.Password) })}
}

// LoginRequest carries the credentials.
type LoginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// LoginReply carries the session token and the user.
type LoginReply struct {
	Session string   `json:"session"`
	User    UserInfo `json:"user"`
}

// failures is a user name's failed-login record on this node; it stays
// local (a lock-out protects this desk, and is not synced).
type failures struct {
	Count       int       `json:"count"`
	LockedUntil time.Time `json:"lockedUntil"`
}

func readFailures(st *store.Store, username string) failures {
	var f failures
	if b, err := st.Local(store.LocalAuthFailures(username)); err == nil {
		json.Unmarshal(b, &f)
	}
	return f
}

func clearFailures(st *store.Store, username string) error {
	return st.SetLocal(store.LocalAuthFailures(username), mustJSON(failures{}))
}

func (a *Auth) isLocked(st *store.Store, username string) bool {
	return a.opts.Now().Before(readFailures(st, username).LockedUntil)
}

// Login checks the credentials and opens a session. After MaxFailures wrong
// passwords in a row the account is locked for LockFor, and says until when.
func (a *Auth) Login(req LoginRequest) (LoginReply, error) {
	d, err := a.core.Deps()
	if err != nil {
		return LoginReply{}, err
	}
	name := normUsername(req.Username)
	if name == "" {
		return LoginReply{}, FieldError("username", "enter your user name")
	}
	now := a.opts.Now()
	f := readFailures(d.Store, name)
	if now.Before(f.LockedUntil) {
		return LoginReply{}, lockedError(f.LockedUntil)
	}
	u, found, err := findUser(d.Store, name)
	if err != nil {
		return LoginReply{}, err
	}
	var hash string
	if found {
		hash = u.PasswordHash
	} else {
		hash = a.dummy()
	}
	if !verifyPassword(req.Password, hash) || !found {
		f.Count++
		if f.Count >= a.opts.MaxFailures {
			f = failures{LockedUntil: now.Add(a.opts.LockFor)}
		}
		if err := d.Store.SetLocal(store.LocalAuthFailures(name), mustJSON(f)); err != nil {
			return LoginReply{}, Wrap(CodeInternal, err, "recording the failed login")
		}
		if !f.LockedUntil.IsZero() {
			return LoginReply{}, lockedError(f.LockedUntil)
		}
		return LoginReply{}, &Error{Code: CodeBadLogin, Message: "wrong user name or password",
			Params: map[string]string{"remaining": fmt.Sprint(a.opts.MaxFailures - f.Count)}}
	}
	if u.Disabled {
		return LoginReply{}, Errorf(CodeAccountDisabled, "this account is disabled")
	}
	if f.Count > 0 {
		if err := clearFailures(d.Store, name); err != nil {
			return LoginReply{}, Wrap(CodeInternal, err, "clearing failed logins")
		}
	}
	return LoginReply{Session: a.sessions.Start(u.ID), User: u.info()}, nil
}

func lockedError(until time.Time) *Error {
	return &Error{Code: CodeAccountLocked, Message: "too many wrong passwords: the account is locked until " + until.Format(time.RFC3339),
		Params: map[string]string{"until": until.Format(time.RFC3339)}}
}

// SessionRequest names a session to end.
type SessionRequest struct {
	Session string `json:"session"`
}

// Logout ends a session.
func (a *Auth) Logout(req SessionRequest) (struct{}, error) {
	a.sessions.End(req.Session)
	return struct{}{}, nil
}

// Me returns the logged-in user (or the operator).
func (a *Auth) Me(ctx context.Context) (UserInfo, error) {
	c := CallerFrom(ctx)
	return UserInfo{ID: c.Actor(), Username: c.Username, FullName: c.FullName, Office: c.Office, Roles: c.Roles}, nil
}

// PasswordChange carries the current and the new password.
type PasswordChange struct {
	Current string `json:"current"`
	New     string `json:"new"`
}

// ChangePassword lets users change their own password.
func (a *Auth) ChangePassword(ctx context.Context, req PasswordChange) (struct{}, error) {
	c := CallerFrom(ctx)
	if c.UserID == "" {
		return struct{}{}, Errorf(CodeForbidden, "only a user can change a password")
	}
	d, err := a.core.Deps()
	if err != nil {
		return struct{}{}, err
	}
	u, err := getUser(d.Store, c.UserID)
	if err != nil {
		return struct{}{}, err
	}
	if !verifyPassword(req.Current, u.PasswordHash) {
		return struct{}{}, &Error{Code: CodeBadLogin, Field: "current", Message: "the current password is wrong"}
	}
	if err := checkPassword("new", req.New); err != nil {
		return struct{}{}, err
	}
	draft := store.Draft{Actor: c.Actor(), Owner: u.Office, Kind: kindUserPassword, Subject: userPrefix + u.ID,
		Body: mustJSON(userBody{PasswordHash: hashPassword(req.New, a.opts.Password)})}
	if _, err := d.Store.Append(draft); err != nil {
		return struct{}{}, appendErr(err, "saving the password")
	}
	return struct{}{}, nil
}

// caller resolves a session token into the caller, reading the account
// afresh so a disabled account or a changed role takes effect at once.
func (a *Auth) caller(tok string) Caller {
	id, ok := a.sessions.user(tok)
	if !ok {
		return Caller{}
	}
	d, err := a.core.Deps()
	if err != nil {
		return Caller{}
	}
	u, err := getUser(d.Store, id)
	if err != nil || u.Disabled {
		var e *Error
		if err == nil || errors.As(err, &e) {
			a.sessions.End(tok)
		}
		return Caller{}
	}
	return Caller{UserID: u.ID, Username: u.Username, FullName: u.FullName, Office: u.Office, Roles: u.Roles}
}
