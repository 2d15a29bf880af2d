package app

import (
	"context"
	"errors"

	"hoso/store"
)

// Setup creates a new office and its first administrator: the first start
// of a new office.
type Setup struct {
	core *Core
	auth *Auth
}

// NewSetup returns the Setup service.
func NewSetup(core *Core, auth *Auth) *Setup { return &Setup{core: core, auth: auth} }

// SetupStatus says whether this node still needs its office.
type SetupStatus struct {
	Needed bool   `json:"needed"`
	Office Office `json:"office"`
}

// Status tells whether the office must still be set up.
func (s *Setup) Status() (SetupStatus, error) {
	d, err := s.core.Deps()
	if err != nil {
		return SetupStatus{}, err
	}
	code, _ := d.Store.Local(store.LocalOfficeCode)
	name, _ := d.Store.Local(store.LocalOfficeName)
	needed, err := s.needed(d.Store)
	return SetupStatus{Needed: needed, Office: Office{Code: string(code), Name: string(name)}}, err
}

// needed reports whether the node has no office with an account yet.
func (s *Setup) needed(st *store.Store) (bool, error) {
	code, err := st.Local(store.LocalOfficeCode)
	if errors.Is(err, store.ErrNotFound) || len(code) == 0 {
		return true, nil
	}
	if err != nil {
		return false, Wrap(CodeInternal, err, "reading the node's office")
	}
	hits, err := st.Scan(userProjection.name, "office", store.ScanOptions{Prefix: append(code, 0), Limit: 1})
	if err != nil {
		return false, Wrap(CodeInternal, err, "reading the accounts")
	}
	return len(hits) == 0, nil
}

// AdminAccount is the first administrator's account.
type AdminAccount struct {
	Username string `json:"username"`
	FullName string `json:"fullName"`
	Password string `json:"password"`
}

// SetupRequest is the new office and its administrator.
type SetupRequest struct {
	Office OfficeRecord `json:"office"`
	Admin  AdminAccount `json:"admin"`
}

// Office records the node's office and its first administrator in one
// transaction, binds the node to the office, and logs the administrator
// in. It is refused once the office has an account.
func (s *Setup) Office(ctx context.Context, req SetupRequest) (LoginReply, error) {
	d, err := s.core.Deps()
	if err != nil {
		return LoginReply{}, err
	}
	needed, err := s.needed(d.Store)
	if err != nil {
		return LoginReply{}, err
	}
	if !needed {
		return LoginReply{}, Errorf(CodeSetupDone, "this office is set up already: log in")
	}
	c := CallerFrom(ctx)
	officeEv, err := officeDraft(nil, c, req.Office)
	if err != nil {
		return LoginReply{}, prefixField("office.", err)
	}
	code := officeEv.Owner
	userEv, id, err := userDraft(d.Store, c, SaveUserRequest{
		Username: req.Admin.Username, FullName: req.Admin.FullName, Office: code,
		Roles: []Role{RoleAdmin}, Password: req.Admin.Password,
	}, s.auth.opts.Password, true)
	if err != nil {
		return LoginReply{}, prefixField("admin.", err)
	}
	if c.Actor() == "" {
		userEv.Actor, officeEv.Actor = id, id // the new administrator acts
	}
	// A new office starts from the shipped catalog, unless this node has
	// one already (a district hub holding its province's).
	drafts := []store.Draft{officeEv, userEv}
	if hits, err := d.Store.Scan(procedureProjID, "code", store.ScanOptions{Limit: 1}); err == nil && len(hits) == 0 {
		cat, err := defaultCatalogDrafts(userEv.Actor, code)
		if err != nil {
			return LoginReply{}, err
		}
		drafts = append(drafts, cat...)
	}
	if _, err := d.Store.AppendBatch(drafts); err != nil {
		return LoginReply{}, appendErr(err, "saving the office")
	}
	if err := SetupOffice(d.Store, Office{Code: code, Name: req.Office.Name}); err != nil {
		return LoginReply{}, Wrap(CodeInternal, err, "binding the node to its office")
	}
	u, err := getUser(d.Store, id)
	if err != nil {
		return LoginReply{}, err
	}
	return LoginReply{Session: s.auth.sessions.Start(id), User: u.info()}, nil
}

// prefixField names a nested field ("office.code") in a field error.
func prefixField(prefix string, err error) error {
	var e *Error
	if errors.As(err, &e) && e.Field != "" {
		c := *e
		c.Field = prefix + e.Field
		return &c
	}
	return err
}
