package app

import (
	"encoding"
	"encoding/json"
	"reflect"
	"sync"
)

// The frontend reads every array field as an array and every map as an
// object: Go's nil slices and maps would encode as null and each screen
// would need a normaliser turning null into [] (the generated api.gen.ts
// says such a field is always an array or a record). Services.Call
// therefore hands every reply through emptySlices once, for the web
// console, the desktop bridge and the CLI alike.

var (
	jsonMarshalerType = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

// emptySlices returns v with every nil slice and map reachable through exported
// fields, pointers, slices, maps and interfaces replaced by an empty one,
// so that encoding/json writes [] and never null. v itself is never
// changed: a reply may share memory with a projection's state, so what
// changes is copied (copy on write) and what does not is returned as is.
// The result has v's dynamic type, so callers may still assert it.
func emptySlices(v any) any {
	if v == nil {
		return nil
	}
	rv := reflect.ValueOf(v)
	if !mayHoldSlice(rv.Type()) {
		return v
	}
	if out, changed := fillSlices(rv); changed {
		return out.Interface()
	}
	return v
}

// holdsSlice caches mayHoldSlice by type: replies are walked on every call.
var holdsSlice sync.Map // reflect.Type → bool

// mayHoldSlice reports whether a value of type t can reach a slice that
// encoding/json would write, so types that cannot are not walked.
func mayHoldSlice(t reflect.Type) bool {
	if v, ok := holdsSlice.Load(t); ok {
		return v.(bool)
	}
	r := reachesSlice(t, map[reflect.Type]bool{})
	holdsSlice.Store(t, r)
	return r
}

// reachesSlice is mayHoldSlice without the cache; visiting ends the
// recursion on self-referential types.
func reachesSlice(t reflect.Type, visiting map[reflect.Type]bool) bool {
	if visiting[t] || marshals(t) {
		return false
	}
	visiting[t] = true
	switch t.Kind() {
	case reflect.Slice, reflect.Map, reflect.Interface:
		return true
	case reflect.Pointer, reflect.Array:
		return reachesSlice(t.Elem(), visiting)
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if f.IsExported() && f.Tag.Get("json") != "-" && reachesSlice(f.Type, visiting) {
				return true
			}
		}
	}
	return false
}

// marshals reports whether t encodes itself (time.Time, json.RawMessage…):
// its inside is not encoding/json's business, nor ours.
func marshals(t reflect.Type) bool {
	return t.Implements(jsonMarshalerType) || t.Implements(textMarshalerType) ||
		(t.Kind() != reflect.Pointer && (reflect.PointerTo(t).Implements(jsonMarshalerType) || reflect.PointerTo(t).Implements(textMarshalerType)))
}

// fillSlices returns v with its nil slices made empty and whether anything
// changed; when nothing changed the returned value is v.
func fillSlices(v reflect.Value) (reflect.Value, bool) {
	t := v.Type()
	if !mayHoldSlice(t) {
		return v, false
	}
	switch t.Kind() {
	case reflect.Slice:
		if v.IsNil() {
			return reflect.MakeSlice(t, 0, 0), true
		}
		var out reflect.Value
		for i := 0; i < v.Len(); i++ {
			el, changed := fillSlices(v.Index(i))
			if !changed {
				continue
			}
			if !out.IsValid() {
				out = reflect.MakeSlice(t, v.Len(), v.Len())
				reflect.Copy(out, v)
			}
			out.Index(i).Set(el)
		}
		if out.IsValid() {
			return out, true
		}
	case reflect.Array:
		var out reflect.Value
		for i := 0; i < v.Len(); i++ {
			el, changed := fillSlices(v.Index(i))
			if !changed {
				continue
			}
			if !out.IsValid() {
				out = reflect.New(t).Elem()
				out.Set(v)
			}
			out.Index(i).Set(el)
		}
		if out.IsValid() {
			return out, true
		}
	case reflect.Pointer:
		if v.IsNil() {
			return v, false
		}
		el, changed := fillSlices(v.Elem())
		if changed {
			p := reflect.New(t.Elem())
			p.Elem().Set(el)
			return p, true
		}
	case reflect.Interface:
		if v.IsNil() {
			return v, false
		}
		el, changed := fillSlices(v.Elem())
		if changed {
			out := reflect.New(t).Elem()
			out.Set(el)
			return out, true
		}
	case reflect.Map:
		if v.IsNil() {
			return reflect.MakeMap(t), true
		}
		var out reflect.Value
		iter := v.MapRange()
		for iter.Next() {
			el, changed := fillSlices(iter.Value())
			if !changed {
				continue
			}
			if !out.IsValid() {
				out = reflect.MakeMapWithSize(t, v.Len())
				for c := v.MapRange(); c.Next(); {
					out.SetMapIndex(c.Key(), c.Value())
				}
			}
			out.SetMapIndex(iter.Key(), el)
		}
		if out.IsValid() {
			return out, true
		}
	case reflect.Struct:
		var out reflect.Value
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() || f.Tag.Get("json") == "-" {
				// Unexported embedded structs cannot be set through
				// reflect; none of the replies has one with a slice
				// (TestRepliesHaveNoHiddenSlices).
				continue
			}
			el, changed := fillSlices(v.Field(i))
			if !changed {
				continue
			}
			if !out.IsValid() {
				out = reflect.New(t).Elem()
				out.Set(v)
			}
			out.Field(i).Set(el)
		}
		if out.IsValid() {
			return out, true
		}
	}
	return v, false
}
