package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
)

// Code is a stable, machine-readable error code. The frontend translates it
// into Vietnamese or English; scripts match on it. Codes are an append-only
// list: new codes are added at the end and existing ones never change meaning.
type Code string

// The error codes, in the order they were added. New codes go at the end.
const (
	// CodeInternal is an unexpected failure; details go to the log, not the clerk.
	CodeInternal Code = "internal"
	// CodeInvalidInput means the request was malformed or a field is wrong.
	CodeInvalidInput Code = "invalid_input"
	// CodeNotFound means the requested record does not exist here.
	CodeNotFound Code = "not_found"
	// CodeUnknownMethod means no service method has that name.
	CodeUnknownMethod Code = "unknown_method"
	// CodeUnauthorized means the caller did not prove it may call the node.
	CodeUnauthorized Code = "unauthorized"
	// CodeForbiddenOrigin means the request came from another web origin or host name.
	CodeForbiddenOrigin Code = "forbidden_origin"
	// CodeNotReady means the data folder is still being opened.
	CodeNotReady Code = "not_ready"
	// CodeDataUnavailable means the data folder could not be opened.
	CodeDataUnavailable Code = "data_unavailable"
	// CodeDataInUse means another program holds the data folder open.
	CodeDataInUse Code = "data_in_use"
	// CodeNotInitialised means the data folder has no node in it yet.
	CodeNotInitialised Code = "not_initialised"
	// CodeUnreachable means a running node could not be reached.
	CodeUnreachable Code = "node_unreachable"
	// CodeLocked means the data folder is encrypted and not unlocked yet.
	CodeLocked Code = "locked"
	// CodeWrongSecret means a wrong passphrase or recovery key.
	CodeWrongSecret Code = "wrong_secret"
	// CodeVaultState means the vault action does not fit its state (setting
	// up a folder that is already set up).
	CodeVaultState Code = "vault_state"
	// CodeKeyUnavailable means the data key's key file, variable or OS key
	// store cannot give it.
	CodeKeyUnavailable Code = "key_unavailable"
	// CodeTampered means a stored or received record failed its signature
	// check: it was altered.
	CodeTampered Code = "tampered"
	// CodeUnauthenticated means the call needs a logged-in user.
	CodeUnauthenticated Code = "unauthenticated"
	// CodeForbidden means the user's roles do not allow the call.
	CodeForbidden Code = "forbidden"
	// CodeBadLogin means a wrong user name or password (never which).
	CodeBadLogin Code = "bad_login"
	// CodeAccountLocked means too many failed logins; Params["until"] says
	// when the account opens again (RFC 3339).
	CodeAccountLocked Code = "account_locked"
	// CodeAccountDisabled means an administrator disabled the account.
	CodeAccountDisabled Code = "account_disabled"
	// CodeConflict means the record changed or exists already (a duplicate
	// user name, an office code taken).
	CodeConflict Code = "conflict"
	// CodeImportRejected means a file was refused whole; Details lists one
	// problem per row.
	CodeImportRejected Code = "import_rejected"
	// CodeSetupDone means the office is set up already.
	CodeSetupDone Code = "setup_done"
	// CodeRefused means the dossier rules refuse the action now;
	// Params["rule"] says which rule (wrong_state, wrong_role,
	// supplement_too_late, reschedule_once, …).
	CodeRefused Code = "refused"
	// CodeNoViewer means the desktop found no program to open a document
	// with (no PDF viewer installed); Params["path"] says where it is.
	CodeNoViewer Code = "no_viewer"
	// CodeBundleRejected means a sync bundle was refused whole (tampered,
	// truncated, from another province); nothing of it was imported.
	CodeBundleRejected Code = "bundle_rejected"
	// CodeBundleUnencrypted means a sync bundle of an earlier version,
	// not encrypted, was refused: export it again from an updated device.
	CodeBundleUnencrypted Code = "bundle_unencrypted"
	// CodeBundleNotAddressed means a sync bundle is encrypted for other
	// offices' devices (or damaged): this device cannot open it.
	CodeBundleNotAddressed Code = "bundle_not_addressed"
)

// statuses gives every code its HTTP status, in the order of the codes
// above. A new code is added at the end of both; TestEveryCodeHasAStatus
// fails when a code is missing here. A refusal the clerk can act on is a
// 4xx; only a failure of this node (its code, its data, its machine) is a
// 5xx.
var statuses = []struct {
	code   Code
	status int
}{
	{CodeInternal, http.StatusInternalServerError},
	{CodeInvalidInput, http.StatusBadRequest},
	{CodeNotFound, http.StatusNotFound},
	{CodeUnknownMethod, http.StatusNotFound},
	{CodeUnauthorized, http.StatusUnauthorized},
	{CodeForbiddenOrigin, http.StatusForbidden},
	{CodeNotReady, http.StatusServiceUnavailable},
	{CodeDataUnavailable, http.StatusServiceUnavailable},
	{CodeDataInUse, http.StatusServiceUnavailable},
	{CodeNotInitialised, http.StatusServiceUnavailable},
	// Only the CLI makes it, when the node it relays to does not answer:
	// a gateway's failure.
	{CodeUnreachable, http.StatusBadGateway},
	{CodeLocked, http.StatusLocked},
	{CodeWrongSecret, http.StatusUnauthorized},
	{CodeVaultState, http.StatusConflict},
	// The key file, variable or OS key store is missing or refuses: this
	// machine cannot serve until it is fixed.
	{CodeKeyUnavailable, http.StatusServiceUnavailable},
	// A stored record that does not verify is this node's data damaged,
	// not the caller's mistake.
	{CodeTampered, http.StatusInternalServerError},
	{CodeUnauthenticated, http.StatusUnauthorized},
	{CodeForbidden, http.StatusForbidden},
	{CodeBadLogin, http.StatusUnauthorized},
	{CodeAccountLocked, http.StatusLocked},
	{CodeAccountDisabled, http.StatusForbidden},
	{CodeConflict, http.StatusConflict},
	// The file is well formed but its rows break the rules.
	{CodeImportRejected, http.StatusUnprocessableEntity},
	{CodeSetupDone, http.StatusConflict},
	{CodeRefused, http.StatusConflict},
	// Only the desktop makes it: this machine has no program for the
	// document.
	{CodeNoViewer, http.StatusNotImplemented},
	{CodeBundleRejected, http.StatusUnprocessableEntity},
	{CodeBundleUnencrypted, http.StatusUnprocessableEntity},
	{CodeBundleNotAddressed, http.StatusUnprocessableEntity},
}

// Codes lists every error code in the order it was added.
func Codes() []Code {
	out := make([]Code, len(statuses))
	for i, s := range statuses {
		out[i] = s.code
	}
	return out
}

// Status returns the HTTP status a transport answers with for the code;
// a code this node does not know (a newer peer's) is 500.
func (c Code) Status() int {
	for _, s := range statuses {
		if s.code == c {
			return s.status
		}
	}
	return http.StatusInternalServerError
}

// Error is the error every service returns. Code is stable; Message is an
// English explanation for logs and scripts; Field names the offending input
// field when there is one. Err, when set, is the wrapped cause and is never
// sent to a client.
type Error struct {
	Code    Code
	Message string
	Field   string
	// Params are values the translated message needs ({"until": …}).
	Params map[string]string
	// Details are structured facts for the interface (the rows of a
	// refused import).
	Details any
	Err     error
}

// Errorf builds an Error with a formatted English message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldError builds an invalid_input Error naming the field at fault.
func FieldError(field, format string, args ...any) *Error {
	return &Error{Code: CodeInvalidInput, Field: field, Message: fmt.Sprintf(format, args...)}
}

// Wrap builds an Error of the given code around a cause kept for the log.
func Wrap(code Code, err error, message string) *Error {
	return &Error{Code: code, Message: message, Err: err}
}

// Error returns the code and message, and the cause when there is one.
func (e *Error) Error() string {
	s := string(e.Code) + ": " + e.Message
	if e.Field != "" {
		s += " (field " + e.Field + ")"
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Reply is the JSON shape of an error as clients see it.
type Reply struct {
	Code    Code              `json:"code"`
	Message string            `json:"message"`
	Field   string            `json:"field,omitempty"`
	Params  map[string]string `json:"params,omitempty"`
	Details any               `json:"details,omitempty"`
}

// MarshalJSON sends the code, message and field, never the cause.
func (e *Error) MarshalJSON() ([]byte, error) {
	return json.Marshal(e.Reply())
}

// Reply returns what a client may see of the error.
func (e *Error) Reply() Reply {
	return Reply{Code: e.Code, Message: e.Message, Field: e.Field, Params: e.Params, Details: e.Details}
}

// AsError turns any error into an *Error: an *Error anywhere in the chain is
// returned as is; anything else becomes CodeInternal with a generic message, so
// a raw Go error string never reaches a clerk.
func AsError(err error) *Error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Code: CodeInternal, Message: "internal error", Err: err}
}

// problemsError turns a validation error, possibly several joined, into an
// invalid_input *Error: each problem problem recognises is listed in
// Details with its field under field, and the first names the error's
// field.
func problemsError(field string, err error, problem func(error) (sub, message string, ok bool)) *Error {
	var problems []map[string]string
	var walk func(error)
	walk = func(e error) {
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				walk(x)
			}
			return
		}
		if sub, msg, ok := problem(e); ok {
			problems = append(problems, map[string]string{"field": field + "." + sub, "message": msg})
		}
	}
	walk(err)
	e := &Error{Code: CodeInvalidInput, Field: field, Message: err.Error(), Err: err}
	if len(problems) > 0 {
		e.Field = problems[0]["field"]
		e.Details = problems
	}
	return e
}
