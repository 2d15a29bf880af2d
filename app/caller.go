package app

import (
	"context"
	"slices"
)

// Role is what a user may do. A user can hold several.
type Role string

// The roles of DOMAIN §1.
const (
	RoleClerk     Role = "clerk"
	RoleOfficer   Role = "officer"
	RoleLeader    Role = "leader"
	RoleAdmin     Role = "admin"
	RoleInspector Role = "inspector"
)

// Roles lists every role, in the order the interface shows them.
var Roles = []Role{RoleClerk, RoleOfficer, RoleLeader, RoleAdmin, RoleInspector}

// Caller is who makes a call: a logged-in user, the node's operator (the
// CLI, with the operator token from the data folder), or nobody.
type Caller struct {
	// UserID, Username, FullName and Office describe a logged-in user.
	UserID   string
	Username string
	FullName string
	Office   string
	Roles    []Role
	// Operator is the person at the node's own console (hoso-node rpc):
	// whoever can read the data folder may do anything.
	Operator bool
}

// LoggedIn reports whether the caller is a user or the operator.
func (c Caller) LoggedIn() bool { return c.Operator || c.UserID != "" }

// Has reports whether the caller holds one of the roles; the operator holds
// them all.
func (c Caller) Has(roles ...Role) bool {
	if c.Operator {
		return true
	}
	for _, r := range roles {
		if slices.Contains(c.Roles, r) {
			return true
		}
	}
	return false
}

// Actor is the name written on the events the caller causes.
func (c Caller) Actor() string {
	switch {
	case c.UserID != "":
		return c.UserID
	case c.Operator:
		return "operator"
	}
	return ""
}

type callerKey struct{}

// WithCaller returns a context carrying the caller.
func WithCaller(ctx context.Context, c Caller) context.Context {
	return context.WithValue(ctx, callerKey{}, c)
}

// CallerFrom returns the caller a context carries (the zero Caller: nobody).
func CallerFrom(ctx context.Context) Caller {
	c, _ := ctx.Value(callerKey{}).(Caller)
	return c
}
