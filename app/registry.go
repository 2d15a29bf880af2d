package app

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strings"
)

// Services is the one list of services. The desktop binds exactly these
// values to the window, and the node's HTTP RPC and CLI dispatch to exactly
// these methods, so both transports expose the same names and shapes:
// "<Service>.<Method>", where Service is the Go type name.
type Services struct {
	// System answers questions about the node itself.
	System *System
	// Vault sets up and unlocks the encrypted data folder.
	Vault *Vault
	// Records gives access to the raw event log.
	Records *Records

	methods map[string]method
}

// method is one callable service method.
type method struct {
	recv reflect.Value
	fn   reflect.Method
	arg  reflect.Type // nil when the method takes no argument
}

var errorType = reflect.TypeFor[error]()

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
}

// NewServices builds every service on one Core.
func NewServices(core *Core, opts ServicesOptions) *Services {
	opener := opts.Opener
	if opener == nil {
		opener = OpenVault{}
	}
	s := &Services{
		System:  NewSystem(core, opts.System),
		Vault:   NewVault(opener, opts.OnVaultStatus),
		Records: NewRecords(core),
	}
	s.methods = map[string]method{}
	for _, svc := range s.Bindings() {
		if err := s.register(svc); err != nil {
			// A service whose method shape both transports cannot carry is a
			// programming error caught by the registry test.
			panic(err)
		}
	}
	return s
}

// Bindings returns the service values to bind to the desktop window.
func (s *Services) Bindings() []any {
	return []any{s.System, s.Vault, s.Records}
}

// register adds every exported method of svc. Each must take zero or one
// JSON-decodable argument and return (result, error).
func (s *Services) register(svc any) error {
	v := reflect.ValueOf(svc)
	t := v.Type()
	name := t.Elem().Name()
	for i := 0; i < t.NumMethod(); i++ {
		m := t.Method(i)
		if m.Type.NumOut() != 2 || m.Type.Out(1) != errorType {
			return fmt.Errorf("%s.%s must return (result, error)", name, m.Name)
		}
		var arg reflect.Type
		switch m.Type.NumIn() {
		case 1:
		case 2:
			arg = m.Type.In(1)
			if arg.Kind() != reflect.Struct {
				return fmt.Errorf("%s.%s must take a struct argument", name, m.Name)
			}
		default:
			return fmt.Errorf("%s.%s takes more than one argument", name, m.Name)
		}
		s.methods[name+"."+m.Name] = method{recv: v, fn: m, arg: arg}
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

// Call invokes a method by name with its JSON argument, exactly as the
// desktop binding would. Unknown fields in params are refused, so a typo in
// a script is an error and not a silently ignored option.
func (s *Services) Call(name string, params []byte) (any, error) {
	m, ok := s.methods[name]
	if !ok {
		return nil, Errorf(CodeUnknownMethod, "no method %q", name)
	}
	in := []reflect.Value{m.recv}
	if m.arg != nil {
		arg := reflect.New(m.arg)
		if len(bytes.TrimSpace(params)) > 0 {
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
		return nil, AsError(err)
	}
	return out[0].Interface(), nil
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
