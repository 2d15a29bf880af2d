// Package tsgen writes the TypeScript seam between the Svelte frontend and
// the Go services: one interface per Go type a method takes or returns,
// derived by reflection from the types themselves, so the frontend's types
// cannot drift from what Go encodes.
//
// The mapping follows encoding/json, not Go: a field is named by its json
// tag, "-" drops it, omitempty makes it optional, embedded structs without a
// tag are flattened (the shallowest field wins, as in encoding/json),
// time.Time and other text marshalers are strings, []byte is a base64
// string, pointers may be null, and slices and maps are always arrays and
// records because the registry encodes nil ones as [] and {} (app/reply.go).
// Named string types with constants declared beside them become unions of
// those constants.
package tsgen

import (
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"
)

// Method is one callable method as the registry knows it.
type Method struct {
	// Name is "<Service>.<Method>".
	Name string
	// Arg is the struct the method takes, nil when it takes none.
	Arg reflect.Type
	// Reply is the type of the method's result.
	Reply reflect.Type
}

// Input is everything Generate needs.
type Input struct {
	// Header is written first, as a comment (how the file was made).
	Header string
	// Methods are the registry's methods, in any order.
	Methods []Method
	// Enums lists the constants of named string types by type key
	// (Key(t)); a field of such a type becomes a union of its constants.
	Enums map[string][]string
	// ErrorCodes is the type of the error codes, whose constants become
	// the ErrorCode union and the ERROR_CODES list.
	ErrorCodes reflect.Type
}

// Key names a named type as Enums does: "<import path>.<name>".
func Key(t reflect.Type) string { return t.PkgPath() + "." + t.Name() }

var (
	timeType          = reflect.TypeFor[time.Time]()
	rawType           = reflect.TypeFor[json.RawMessage]()
	marshalerType     = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

// generator collects the named types reached from the methods and names
// each once.
type generator struct {
	in    Input
	names map[reflect.Type]string // TS name of each named struct/enum
	order []reflect.Type          // in the order reached, for naming
	seen  map[reflect.Type]bool
}

// Generate returns the TypeScript file for in. The output depends only on
// the types, never on map order, so it can be compared byte for byte.
func Generate(in Input) ([]byte, error) {
	g := &generator{in: in, names: map[reflect.Type]string{}, seen: map[reflect.Type]bool{}}
	methods := append([]Method(nil), in.Methods...)
	sort.Slice(methods, func(i, j int) bool { return methods[i].Name < methods[j].Name })
	for _, m := range methods {
		if m.Arg != nil {
			g.collect(m.Arg)
		}
		g.collect(m.Reply)
	}
	if in.ErrorCodes != nil {
		g.collect(in.ErrorCodes)
	}
	g.assignNames()

	var b strings.Builder
	for _, line := range strings.Split(strings.TrimSpace(in.Header), "\n") {
		b.WriteString("// " + line + "\n")
	}
	b.WriteString("/* eslint-disable */\n\n")

	if in.ErrorCodes != nil {
		codes := in.Enums[Key(in.ErrorCodes)]
		if len(codes) == 0 {
			return nil, fmt.Errorf("no constants of the error code type %s", Key(in.ErrorCodes))
		}
		b.WriteString("/** Every error code a method may answer (app/errors.go), append-only. */\n")
		b.WriteString("export const ERROR_CODES = [\n")
		for _, c := range codes {
			fmt.Fprintf(&b, "  %q,\n", c)
		}
		b.WriteString("] as const;\n\n")
		b.WriteString("/** A stable error code; the interface translates each. */\n")
		b.WriteString("export type ErrorCode = (typeof ERROR_CODES)[number];\n\n")
	}

	b.WriteString("/** Every method's request and reply, by \"<Service>.<Method>\". */\n")
	b.WriteString("export interface Methods {\n")
	for _, m := range methods {
		params := "undefined"
		if m.Arg != nil {
			params = g.expr(m.Arg, "  ")
		}
		fmt.Fprintf(&b, "  %q: { params: %s; reply: %s };\n", m.Name, params, g.expr(m.Reply, "  "))
	}
	b.WriteString("}\n\n")
	b.WriteString("/** A method's name. */\n")
	b.WriteString("export type Method = keyof Methods;\n\n")
	b.WriteString("/** Every method's name, sorted. */\n")
	b.WriteString("export const METHODS: readonly Method[] = [\n")
	for _, m := range methods {
		fmt.Fprintf(&b, "  %q,\n", m.Name)
	}
	b.WriteString("];\n")

	named := make([]reflect.Type, 0, len(g.names))
	for t := range g.names {
		named = append(named, t)
	}
	sort.Slice(named, func(i, j int) bool { return g.names[named[i]] < g.names[named[j]] })
	for _, t := range named {
		b.WriteString("\n")
		if t.Kind() == reflect.String {
			consts := in.Enums[Key(t)]
			fmt.Fprintf(&b, "/** %s. */\n", Key(t))
			fmt.Fprintf(&b, "export type %s =", g.names[t])
			for _, c := range consts {
				fmt.Fprintf(&b, "\n  | %q", c)
			}
			b.WriteString(";\n")
			continue
		}
		fmt.Fprintf(&b, "/** %s. */\n", Key(t))
		fmt.Fprintf(&b, "export interface %s %s\n", g.names[t], g.object(t, ""))
	}
	return []byte(b.String()), nil
}

// special reports how encoding/json writes t when it is not by its kind:
// time.Time and text marshalers as strings, raw JSON and other marshalers
// as anything.
func special(t reflect.Type) (string, bool) {
	switch {
	case t == timeType:
		return "string", true
	case t == rawType:
		return "unknown", true
	case t.Implements(marshalerType) || reflect.PointerTo(t).Implements(marshalerType):
		return "unknown", true
	case t.Implements(textMarshalerType) || reflect.PointerTo(t).Implements(textMarshalerType):
		return "string", true
	}
	return "", false
}

// collect walks t and records every named struct and enum it reaches.
func (g *generator) collect(t reflect.Type) {
	if g.seen[t] {
		return
	}
	g.seen[t] = true
	if _, ok := special(t); ok {
		return
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		g.collect(t.Elem())
	case reflect.Map:
		g.collect(t.Elem())
	case reflect.String:
		if t.Name() != "" && t.PkgPath() != "" && len(g.in.Enums[Key(t)]) > 0 {
			g.order = append(g.order, t)
		}
	case reflect.Struct:
		if t.Name() != "" {
			g.order = append(g.order, t)
		}
		for _, f := range fields(t) {
			g.collect(f.typ)
		}
	}
}

// assignNames names each type by its Go name; where two packages use the
// same name, each is prefixed with its package's name.
func (g *generator) assignNames() {
	count := map[string]int{}
	for _, t := range g.order {
		count[baseName(t)]++
	}
	// The file's own names are taken before any Go type is named.
	taken := map[string]bool{"Methods": true, "Method": true, "METHODS": true, "ErrorCode": true, "ERROR_CODES": true}
	for n := range taken {
		count[n]++
	}
	for _, t := range g.order {
		if n := baseName(t); count[n] == 1 {
			g.names[t] = n
			taken[n] = true
		}
	}
	for _, t := range g.order {
		n := baseName(t)
		if count[n] == 1 {
			continue
		}
		pkg := t.PkgPath()[strings.LastIndex(t.PkgPath(), "/")+1:]
		pkg = strings.ToUpper(pkg[:1]) + pkg[1:]
		if taken[pkg+n] {
			// calendar.Rules beside app.CalendarRules.
			n = pkg + "_" + n
		} else {
			n = pkg + n
		}
		g.names[t] = n
		taken[n] = true
	}
}

// baseName is t's Go name made a TS identifier (generic arguments dropped).
func baseName(t reflect.Type) string {
	n := t.Name()
	if i := strings.IndexByte(n, '['); i >= 0 {
		n = n[:i]
	}
	return n
}

// expr is the TS type expression of t; indent is the current line's.
func (g *generator) expr(t reflect.Type, indent string) string {
	if s, ok := special(t); ok {
		return s
	}
	if n, ok := g.names[t]; ok {
		return n
	}
	switch t.Kind() {
	case reflect.Bool:
		return "boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return "number"
	case reflect.String:
		return "string"
	case reflect.Interface:
		return "unknown"
	case reflect.Pointer:
		return g.expr(t.Elem(), indent) + " | null"
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 && t.Kind() == reflect.Slice {
			return "string"
		}
		el := g.expr(t.Elem(), indent)
		if strings.ContainsAny(el, "|{") {
			return "(" + el + ")[]"
		}
		return el + "[]"
	case reflect.Map:
		return "Record<string, " + g.expr(t.Elem(), indent) + ">"
	case reflect.Struct:
		return g.object(t, indent)
	}
	return "unknown"
}

// object is the TS object type of struct t.
func (g *generator) object(t reflect.Type, indent string) string {
	fs := fields(t)
	if len(fs) == 0 {
		return "{}"
	}
	var b strings.Builder
	b.WriteString("{\n")
	for _, f := range fs {
		opt := ""
		if f.optional {
			opt = "?"
		}
		ts := g.expr(f.typ, indent+"  ")
		if f.asString {
			ts = "string"
		}
		if f.optional {
			ts = strings.TrimSuffix(ts, " | null")
		}
		fmt.Fprintf(&b, "%s  %s%s: %s;\n", indent, tsKey(f.name), opt, ts)
	}
	b.WriteString(indent + "}")
	return b.String()
}

// tsKey quotes a property name that is not a plain identifier.
func tsKey(name string) string {
	for i, r := range name {
		if !(r == '_' || r == '$' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return fmt.Sprintf("%q", name)
		}
	}
	if name == "" {
		return `""`
	}
	return name
}

// field is one JSON property of a struct.
type field struct {
	name     string
	typ      reflect.Type
	optional bool
	asString bool
	depth    int
	tagged   bool
}

// fields lists the JSON properties of struct t in encoding/json's order,
// flattening untagged embedded structs; of several fields with one name
// the shallowest (or the only tagged one at that depth) wins.
func fields(t reflect.Type) []field {
	var all []field
	var walk func(t reflect.Type, depth int, visited map[reflect.Type]bool)
	walk = func(t reflect.Type, depth int, visited map[reflect.Type]bool) {
		if visited[t] {
			return
		}
		visited[t] = true
		for i := 0; i < t.NumField(); i++ {
			sf := t.Field(i)
			tag := sf.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			ft := sf.Type
			if sf.Anonymous {
				et := ft
				if et.Kind() == reflect.Pointer {
					et = et.Elem()
				}
				if name == "" && et.Kind() == reflect.Struct {
					if _, ok := special(et); !ok {
						walk(et, depth+1, visited)
						continue
					}
				}
				if !sf.IsExported() && et.Kind() != reflect.Struct {
					continue
				}
			} else if !sf.IsExported() {
				continue
			}
			f := field{name: name, typ: ft, depth: depth, tagged: name != ""}
			if f.name == "" {
				f.name = sf.Name
			}
			for _, o := range strings.Split(opts, ",") {
				switch o {
				case "omitempty", "omitzero":
					f.optional = true
				case "string":
					switch ft.Kind() {
					case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
						reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
						reflect.Float32, reflect.Float64:
						f.asString = true
					}
				}
			}
			all = append(all, f)
		}
	}
	walk(t, 0, map[reflect.Type]bool{})

	byName := map[string][]int{}
	for i, f := range all {
		byName[f.name] = append(byName[f.name], i)
	}
	var out []field
	for i, f := range all {
		if !winner(all, byName[f.name], i) {
			continue
		}
		out = append(out, f)
	}
	return out
}

// winner reports whether all[i] is the field encoding/json keeps among the
// fields all[idx] sharing its name: the shallowest, and among those the
// only tagged one; when that is ambiguous none is kept.
func winner(all []field, idx []int, i int) bool {
	min := all[i].depth
	for _, j := range idx {
		if all[j].depth < min {
			return false
		}
	}
	var same []int
	for _, j := range idx {
		if all[j].depth == min {
			same = append(same, j)
		}
	}
	if len(same) == 1 {
		return true
	}
	var tagged []int
	for _, j := range same {
		if all[j].tagged {
			tagged = append(tagged, j)
		}
	}
	return len(tagged) == 1 && tagged[0] == i
}
