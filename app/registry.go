package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"reflect"
	"sort"
	"strings"
	"time"
)

// Services is the one list of services. The desktop's bridge and the
// node's HTTP RPC and CLI all dispatch through Call, so every transport
// exposes the same names and shapes, "<Service>.<Method>" where Service is
// the Go type name, under the same access rules (access.go).
type Services struct {
	// System answers questions about the node itself.
	System *System
	// Vault sets up and unlocks the encrypted data folder.
	Vault *Vault
	// Records gives access to the raw event log.
	Records *Records
	// Auth logs users in and out.
	Auth *Auth
	// Setup creates a new office and its first administrator.
	Setup *Setup
	// Offices manages the office tree.
	Offices *Offices
	// Users manages accounts.
	Users *Users
	// Calendar answers working-day questions.
	Calendar *Calendar
	// Rules lists the versions of the rules published as data.
	Rules *Rules
	// Catalog manages the procedure catalog.
	Catalog *Catalog
	// Dossiers receives and processes dossiers.
	Dossiers *Dossiers
	// Print renders the legal forms as PDF.
	Print *Print
	// Reports computes II.06a, the targets, satisfaction and the
	// reconciliation view.
	Reports *Reports
	// Sync is the Đồng bộ service.
	Sync *Sync
	// Fees records the fees paid at the desk and keeps the fee book.
	Fees *Fees
	// Iso is the office's quality system (ISO 9001).
	Iso *Iso
	// Plans supervises plans and their tasks down the office tree.
	Plans *Plans
	// Inspections are visits of an office above with findings followed to closure.
	Inspections *Inspections
	// Quarterly is the quarterly report signed by the leader and rolled up the tree.
	Quarterly *Quarterly
	// Files keeps the files records carry (evidence, scans).
	Files *Files
	// Complaints are the complaints and petitions handled on legal time.
	Complaints *Complaints

	sessions *Sessions
	methods  map[string]method
	logf     func(format string, args ...any)
}

// method is one callable service method.
type method struct {
	recv    reflect.Value
	fn      reflect.Method
	withCtx bool
	arg     reflect.Type // nil when the method takes no argument
}

var (
	errorType   = reflect.TypeFor[error]()
	contextType = reflect.TypeFor[context.Context]()
)

// ServicesOptions configure NewServices: one field per service that takes
// options.
type ServicesOptions struct {
	// System configures the System service.
	System SystemOptions
	// Opener opens the data folder for the Vault service; nil means the
	// folder is already open (OpenVault).
	Opener Opener
	// OnVaultStatus is passed to the Vault service (see NewVault).
	OnVaultStatus func()
	// Auth configures logins (lock-out, password cost).
	Auth AuthOptions
	// Now is the clock for dossier actions; nil means time.Now.
	Now func() time.Time
	// Sync gives the node's sync engine, nil while there is none.
	Sync func() SyncEngine
	// Logf writes the causes of failed calls (see Fail); nil means the
	// standard logger.
	Logf func(format string, args ...any)
}

// NewServices builds every service on one Core.
func NewServices(core *Core, opts ServicesOptions) *Services {
	opener := opts.Opener
	if opener == nil {
		opener = OpenVault{}
	}
	sessions := NewSessions(opts.Auth.SessionIdle)
	s := &Services{
		System:   NewSystem(core, opts.System),
		Vault:    NewVault(opener, opts.OnVaultStatus),
		Records:  NewRecords(core),
		Auth:     NewAuth(core, sessions, opts.Auth),
		Offices:  NewOffices(core),
		Users:    NewUsers(core, opts.Auth),
		Calendar: NewCalendar(core),
		Rules:    NewRules(core),
		Catalog:  NewCatalog(core),
		sessions: sessions,
		logf:     opts.Logf,
	}
	if s.logf == nil {
		s.logf = log.Printf
	}
	s.Users.auth = s.Auth
	s.Dossiers = NewDossiers(core, s.Calendar, opts.Now)
	s.Print = NewPrint(core, opts.Now)
	s.Reports = NewReports(core, s.Calendar, s.Print, opts.Now)
	s.Records.reports = s.Reports
	s.Sync = NewSync(core, opts.Sync, opts.Now)
	s.Fees = NewFees(core, s.Calendar, opts.Now)
	s.Iso = NewIso(core, s.Calendar, s.Reports, s.Print, opts.Now)
	s.Records.iso = s.Iso
	s.Plans = NewPlans(core, opts.Now)
	s.Plans.print = s.Print
	s.Inspections = NewInspections(core, s.Print, opts.Now)
	s.Files = NewFiles(core)
	s.Quarterly = NewQuarterly(core, s.Reports, s.Print, opts.Now)
	s.Complaints = NewComplaints(core, s.Calendar, opts.Now)
	s.Reports.lastSync = func(office string) time.Time {
		if e := s.Sync.engine(); e != nil {
			return e.LastSync(office)
		}
		return time.Time{}
	}
	s.Setup = NewSetup(core, s.Auth)
	s.methods = map[string]method{}
	for _, svc := range []any{s.System, s.Vault, s.Records, s.Auth, s.Setup, s.Offices, s.Users, s.Calendar, s.Rules, s.Catalog, s.Dossiers, s.Print, s.Reports, s.Sync, s.Fees, s.Iso, s.Plans, s.Inspections, s.Files, s.Quarterly, s.Complaints} {
		if err := s.register(svc); err != nil {
			// A method both transports cannot carry, or one without an
			// access rule, is a programming error caught by the tests.
			panic(err)
		}
	}
	if err := checkAccessTable(s.Methods()); err != nil {
		panic(err)
	}
	return s
}

// register adds every exported method of svc. Each takes an optional
// context.Context and at most one JSON-decodable struct, and returns
// (result, error).
func (s *Services) register(svc any) error {
	v := reflect.ValueOf(svc)
	t := v.Type()
	name := t.Elem().Name()
	for i := 0; i < t.NumMethod(); i++ {
		m := t.Method(i)
		if m.Type.NumOut() != 2 || m.Type.Out(1) != errorType {
			return fmt.Errorf("%s.%s must return (result, error)", name, m.Name)
		}
		in := []reflect.Type{}
		for j := 1; j < m.Type.NumIn(); j++ {
			in = append(in, m.Type.In(j))
		}
		mm := method{recv: v, fn: m}
		if len(in) > 0 && in[0] == contextType {
			mm.withCtx, in = true, in[1:]
		}
		switch len(in) {
		case 0:
		case 1:
			if in[0].Kind() != reflect.Struct {
				return fmt.Errorf("%s.%s must take a struct argument", name, m.Name)
			}
			mm.arg = in[0]
		default:
			return fmt.Errorf("%s.%s takes more than one argument", name, m.Name)
		}
		s.methods[name+"."+m.Name] = mm
	}
	return nil
}

// Methods lists every callable "<Service>.<Method>" name, sorted.
func (s *Services) Methods() []string {
	names := make([]string, 0, len(s.methods))
	for n := range s.methods {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Signature is a method's name with the types it takes and returns: what
// the TypeScript generator (internal/tsgen) writes api.gen.ts from.
type Signature struct {
	// Name is "<Service>.<Method>".
	Name string
	// Arg is the struct the method decodes its JSON argument into; nil
	// when it takes none.
	Arg reflect.Type
	// Reply is the type of the result, encoded as the JSON reply.
	Reply reflect.Type
}

// Signatures lists every callable method with its types, sorted by name.
func (s *Services) Signatures() []Signature {
	out := make([]Signature, 0, len(s.methods))
	for _, n := range s.Methods() {
		m := s.methods[n]
		out = append(out, Signature{Name: n, Arg: m.arg, Reply: m.fn.Type.Out(0)})
	}
	return out
}

// CallAs resolves a session token (or the operator) into the caller and
// dispatches the call: what every transport does.
func (s *Services) CallAs(ctx context.Context, session string, operator bool, name string, params []byte) (any, error) {
	c := Caller{Operator: operator}
	if !operator && session != "" {
		c = s.Auth.caller(session)
	}
	return s.Call(WithCaller(ctx, c), name, params)
}

// Call invokes a method by name with its JSON argument, as the caller in
// ctx. Unknown fields in params are refused, so a typo in a script is an
// error and not a silently ignored option. A failure comes back as an
// *Error whose cause, if any, is already logged (Fail).
func (s *Services) Call(ctx context.Context, name string, params []byte) (any, error) {
	out, err := s.call(ctx, name, params)
	if err != nil {
		return nil, s.Fail(name, err)
	}
	return out, nil
}

// Fail turns a failed call of method into the *Error its caller sees and
// logs the cause, the wrapped Go error that is never sent to a client. Call
// does it for every service method, so the web console and the desktop log
// the same lines; a transport calls it itself only for a failure outside
// Call (a streamed bundle, a reply it cannot encode), so each cause is
// logged once.
func (s *Services) Fail(method string, err error) *Error {
	e := AsError(err)
	if e != nil && (e.Err != nil || e.Code == CodeInternal) {
		s.logf("call %s: %v", method, e)
	}
	return e
}

// call is Call without the failure's logging.
func (s *Services) call(ctx context.Context, name string, params []byte) (any, error) {
	m, ok := s.methods[name]
	if !ok {
		return nil, Errorf(CodeUnknownMethod, "no method %q", name)
	}
	if err := authorize(name, CallerFrom(ctx)); err != nil {
		return nil, err
	}
	in := []reflect.Value{m.recv}
	if m.withCtx {
		in = append(in, reflect.ValueOf(ctx))
	}
	if m.arg != nil {
		arg := reflect.New(m.arg)
		if len(bytes.TrimSpace(params)) > 0 {
			// Every string is text before anything reads it (text.go).
			if err := checkTexts(name, params); err != nil {
				return nil, err
			}
			dec := json.NewDecoder(bytes.NewReader(params))
			dec.DisallowUnknownFields()
			if err := dec.Decode(arg.Interface()); err != nil {
				return nil, decodeError(err)
			}
			if _, err := dec.Token(); !errors.Is(err, io.EOF) {
				return nil, Errorf(CodeInvalidInput, "extra data after the JSON argument")
			}
		}
		in = append(in, arg.Elem())
	}
	out := m.fn.Func.Call(in)
	if err, _ := out[1].Interface().(error); err != nil {
		return nil, err
	}
	return emptySlices(out[0].Interface()), nil
}

// decodeError explains a JSON decoding failure in terms of the request.
func decodeError(err error) *Error {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		return FieldError(typeErr.Field, "field %s must be %s", typeErr.Field, typeErr.Type)
	}
	if field, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		field = strings.Trim(field, `"`)
		return FieldError(field, "unknown field %s", field)
	}
	return Errorf(CodeInvalidInput, "the argument is not valid JSON: %v", err)
}

// Bridge is what the desktop binds to its window: one method through which
// the interface reaches every service, carrying the session token the way
// the HTTP RPC carries it in a header.
type Bridge struct {
	services *Services
	// timer, in the start-up timing mode, is told of every call served.
	timer *StartupTimer
}

// NewBridge returns the desktop's bridge to the services.
func NewBridge(s *Services) *Bridge { return &Bridge{services: s} }

// NewTimedBridge is NewBridge for the start-up timing mode: the timer
// learns when each call was served and how long it took.
func NewTimedBridge(s *Services, t *StartupTimer) *Bridge { return &Bridge{services: s, timer: t} }

// Call dispatches "<Service>.<Method>" with its JSON argument as the user
// of the session, and returns the JSON reply.
func (b *Bridge) Call(method, session string, params json.RawMessage) (json.RawMessage, error) {
	if b.timer != nil {
		start := time.Now()
		defer func() { b.timer.served(method, time.Since(start)) }()
	}
	out, err := b.services.CallAs(context.Background(), session, false, method, params)
	if err != nil {
		return nil, err
	}
	raw, err := json.Marshal(out)
	if err != nil {
		return nil, b.services.Fail(method, Wrap(CodeInternal, err, "encoding the reply"))
	}
	return raw, nil
}
